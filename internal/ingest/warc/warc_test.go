package warc

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
)

func record(typ, uri, block string) string {
	return fmt.Sprintf("WARC/1.1\r\nWARC-Type: %s\r\nWARC-Target-URI: %s\r\nWARC-Date: 2031-09-01T10:00:00Z\r\n"+
		"WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-00000000000%d>\r\nContent-Type: application/http; msgtype=response\r\n"+
		"Content-Length: %d\r\n\r\n%s\r\n\r\n", typ, uri, len(block)%10, len(block), block)
}

func gz(parts ...string) []byte {
	var buf bytes.Buffer
	for _, p := range parts {
		zw := gzip.NewWriter(&buf)
		zw.Write([]byte(p))
		zw.Close()
	}
	return buf.Bytes()
}

func readAll(t *testing.T, in []byte) ([]*Record, []string, error) {
	t.Helper()
	r, err := NewReader(bytes.NewReader(in))
	if err != nil {
		t.Fatalf("NewReader: %v", err)
	}
	var recs []*Record
	var bodies []string
	for {
		rec, err := r.Next()
		if err == io.EOF {
			return recs, bodies, nil
		}
		if err != nil {
			return recs, bodies, err
		}
		b, err := io.ReadAll(rec.Body)
		if err != nil {
			return recs, bodies, err
		}
		recs = append(recs, rec)
		bodies = append(bodies, string(b))
	}
}

func TestReader(t *testing.T) {
	a := record("warcinfo", "", "software: test")
	b := record("response", "https://example.org/a", "HTTP/1.1 200 OK\r\n\r\nhello")
	c := record("request", "https://example.org/a", "GET /a HTTP/1.1\r\n\r\n")
	plain := a + b + c
	tests := []struct {
		name string
		in   []byte
	}{
		{"plain WARC is read", []byte(plain)},
		{"one gzip member per record is read", gz(a, b, c)},
		{"a wholly gzipped file is read", gz(plain)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, bodies, err := readAll(t, tt.in)
			if err != nil || len(recs) != 3 {
				t.Fatalf("got %d records, error %v; want 3", len(recs), err)
			}
			if recs[1].Type != "response" || recs[1].TargetURI != "https://example.org/a" || recs[1].Version != "WARC/1.1" {
				t.Errorf("record 2: Type %q, URI %q, Version %q", recs[1].Type, recs[1].TargetURI, recs[1].Version)
			}
			if bodies[1] != "HTTP/1.1 200 OK\r\n\r\nhello" {
				t.Errorf("record 2 body = %q", bodies[1])
			}
			if got := recs[1].Date.Format("2006-01-02T15:04:05Z07:00"); got != "2031-09-01T10:00:00Z" {
				t.Errorf("record 2 Date = %s", got)
			}
			if recs[1].ContentType() != "application/http; msgtype=response" {
				t.Errorf("record 2 ContentType = %q", recs[1].ContentType())
			}
		})
	}
}

func TestReaderSkipsUnreadBodies(t *testing.T) {
	in := record("response", "u1", strings.Repeat("x", 100000)) + record("response", "u2", "second")
	r, _ := NewReader(strings.NewReader(in))
	if _, err := r.Next(); err != nil {
		t.Fatal(err)
	}
	rec, err := r.Next()
	if err != nil || rec.TargetURI != "u2" || r.Count() != 2 {
		t.Fatalf("second record = %v, %v, count %d; want u2, 2", rec, err, r.Count())
	}
}

func TestReaderFoldedHeader(t *testing.T) {
	in := "WARC/1.0\r\nWARC-Type: metadata\r\nX-Note: first\r\n  second\r\nContent-Length: 0\r\n\r\n\r\n\r\n"
	recs, _, err := readAll(t, []byte(in))
	if err != nil || len(recs) != 1 || recs[0].Header.Get("X-Note") != "first second" {
		t.Fatalf("got %v, %v; want one record with a folded header", recs, err)
	}
}

func TestReaderErrors(t *testing.T) {
	good := record("response", "u1", "HTTP/1.1 200 OK\r\n\r\nbody")
	cut := record("response", "u2", strings.Repeat("y", 500))
	cut = cut[:len(cut)-300]
	tests := []struct {
		name    string
		in      []byte
		records int
		want    error
	}{
		{"a cut-off block is truncated", []byte(good + cut), 1, ErrTruncated},
		{"a cut-off gzip member is truncated", gz(good + cut)[:len(gz(good+cut))-10], 1, ErrTruncated},
		{"input ending in a header is truncated", []byte(good + "WARC/1.1\r\nWARC-Type: response\r\n"), 1, ErrTruncated},
		{"garbage is not WARC", []byte("hello world\n"), 0, ErrFormat},
		{"a missing Content-Length is not WARC", []byte("WARC/1.1\r\nWARC-Type: response\r\n\r\n"), 0, ErrFormat},
		{"a header line without a colon is not WARC", []byte("WARC/1.1\r\nnonsense\r\n\r\n"), 0, ErrFormat},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, _, err := readAll(t, tt.in)
			if len(recs) != tt.records || !errors.Is(err, tt.want) {
				t.Errorf("got %d records, error %v; want %d and %v", len(recs), err, tt.records, tt.want)
			}
		})
	}
}

// FuzzReader: no input panics the reader or makes it loop; every record
// it returns has a non-negative length.
func FuzzReader(f *testing.F) {
	f.Add([]byte(record("response", "u", "HTTP/1.1 200 OK\r\n\r\nx")))
	f.Add(gz(record("warcinfo", "", "a"), record("request", "u", "b")))
	f.Add([]byte("WARC/1.0\r\nContent-Length: 5\r\n\r\nab"))
	f.Fuzz(func(t *testing.T, in []byte) {
		r, err := NewReader(bytes.NewReader(in))
		if err != nil {
			return
		}
		for i := 0; i < 1000; i++ {
			rec, err := r.Next()
			if err != nil {
				return
			}
			if rec.ContentLength < 0 {
				t.Fatalf("negative length %d", rec.ContentLength)
			}
			io.Copy(io.Discard, rec.Body)
		}
	})
}
