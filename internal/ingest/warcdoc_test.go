package ingest

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"net/http/httputil"
	"os"
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep/internal/ingest/warc"
)

// warcRecord builds one WARC record around block.
func warcRecord(typ, uri, contentType, block string) string {
	return fmt.Sprintf("WARC/1.1\r\nWARC-Type: %s\r\nWARC-Target-URI: %s\r\nWARC-Date: 2031-09-01T10:00:00Z\r\n"+
		"Content-Type: %s\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n", typ, uri, contentType, len(block), block)
}

func gzipBytes(s string) string {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte(s))
	zw.Close()
	return buf.String()
}

func chunked(s string) string {
	var buf bytes.Buffer
	w := httputil.NewChunkedWriter(&buf)
	for len(s) > 0 {
		n := min(len(s), 700)
		w.Write([]byte(s[:n]))
		s = s[n:]
	}
	w.Close()
	buf.WriteString("\r\n")
	return buf.String()
}

const httpResp = "application/http; msgtype=response"

// testCrawl is a small crawl: the records a real one has around the pages.
func testCrawl(t testing.TB) []string {
	page, err := os.ReadFile("testdata/article.html")
	if err != nil {
		t.Fatal(err)
	}
	feed, err := os.ReadFile("testdata/feed.rss")
	if err != nil {
		t.Fatal(err)
	}
	undated := "<html><head><title>Curfew lifted in Dorvik</title></head><body><p>The evening curfew in Dorvik was lifted on Monday after a quiet week, the council said.</p></body></html>"
	return []string{
		warcRecord("warcinfo", "", "application/warc-fields", "software: sitrep-test\r\n"),
		warcRecord("response", "dns:ledger.example.org", "text/dns", "20310901100000\nledger.example.org. 300 IN A 192.0.2.1\n"),
		warcRecord("request", "https://ledger.example.org/story", "application/http; msgtype=request", "GET /story HTTP/1.1\r\nHost: ledger.example.org\r\n\r\n"),
		warcRecord("response", "https://ledger.example.org/story", httpResp,
			"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n"+chunked(gzipBytes(string(page)))),
		warcRecord("metadata", "https://ledger.example.org/story", "application/warc-fields", "via: https://ledger.example.org/\r\n"),
		warcRecord("response", "https://ledger.example.org/logo.png", httpResp, "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n\x1a\n"),
		warcRecord("response", "https://ledger.example.org/gone", httpResp, "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<html><body><p>Page not found, sorry about that.</p></body></html>"),
		warcRecord("response", "https://dorvik.example.com/curfew", httpResp, "HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n"+undated),
		warcRecord("response", "https://wire.example.net/feed", httpResp, "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n\r\n"+string(feed)),
	}
}

func TestReadWARC(t *testing.T) {
	recs := testCrawl(t)
	plain := strings.Join(recs, "")
	var perRecord strings.Builder
	for _, r := range recs {
		perRecord.WriteString(gzipBytes(r))
	}
	tests := []struct{ name, in string }{
		{"an uncompressed WARC is read", plain},
		{"a WARC with one gzip member per record is read", perRecord.String()},
		{"a wholly gzipped WARC is read", gzipBytes(plain)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, errs := readString(t, "crawl.warc.gz", tt.in)
			type rec struct{ id, origin, title, url, published string }
			want := []rec{
				{"ledger.example.org-story", "crawl.warc.gz#4", "Militia fighters clash with army near Velmora river crossing", "https://ledger.example.org/story", "2031-04-12"},
				{"dorvik.example.com-curfew", "crawl.warc.gz#8", "Curfew lifted in Dorvik", "https://dorvik.example.com/curfew", "2031-09-01"},
				{"wire.example.net-2031-05-02-fuel-depot-strike", "crawl.warc.gz#9.1", "Drone strike hits fuel depot in Ostrava Nova", "https://wire.example.net/2031/05/02/fuel-depot-strike", "2031-05-02"},
				{"fw-20310503-0042", "crawl.warc.gz#9.2", "Talks on prisoner exchange resume in Lessing", "https://wire.example.net/2031/05/03/prisoner-talks", "2031-05-03"},
			}
			if len(docs) != len(want) {
				t.Fatalf("got %d docs, want %d (errors %v)", len(docs), len(want), errs)
			}
			for i, w := range want {
				d := docs[i]
				if got := (rec{d.ID, d.Origin, d.Title, d.URL, pub(d)}); got != w {
					t.Errorf("doc %d:\n got %+v\nwant %+v", i+1, got, w)
				}
				if d.Format != "warc" {
					t.Errorf("doc %d: Format = %q, want warc", i+1, d.Format)
				}
			}
			if !strings.Contains(docs[0].Raw, "two local officials said.\n\nAt least seven") {
				t.Errorf("chunked, gzipped page: Raw = %q", docs[0].Raw)
			}
			// The feed's third item has no text: reported, not fatal.
			if len(errs) != 1 || !errors.Is(errs[0], ErrNoText) {
				t.Errorf("errors = %v, want the feed's empty item only", errs)
			}
		})
	}
}

func TestReadWARCTruncated(t *testing.T) {
	recs := testCrawl(t)
	in := strings.Join(recs[:8], "")
	last := recs[8]
	in += last[:len(last)/2]
	docs, errs := readString(t, "cut.warc", in)
	if len(docs) != 2 {
		t.Errorf("got %d docs, want the 2 before the cut", len(docs))
	}
	if len(errs) != 1 || !errors.Is(errs[0], warc.ErrTruncated) || !strings.HasPrefix(errs[0].Error(), "cut.warc: record 9: truncated record") {
		t.Errorf("errors = %v, want record 9 truncated", errs)
	}
}

func TestReadWARCNotWARC(t *testing.T) {
	_, errs := readString(t, "x.warc", "this is not a crawl\n")
	if len(errs) != 1 || !errors.Is(errs[0], warc.ErrFormat) {
		t.Errorf("errors = %v, want one not-WARC error", errs)
	}
}

func TestReadHTTPResponse(t *testing.T) {
	page := "<html><body><p>Hello.</p></body></html>"
	tests := []struct {
		name, in, want string
		skip           bool
	}{
		{"a plain body is kept", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page, page, false},
		{"chunked bodies are joined", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked(page), page, false},
		{"a body stored decoded despite its chunked header is kept", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + page, page, false},
		{"gzip content is decompressed", "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n" + gzipBytes(page), page, false},
		{"a redirect is skipped", "HTTP/1.1 301 Moved\r\nLocation: /x\r\n\r\n", "", true},
		{"an image is skipped", "HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\n\r\n\xff\xd8\xff", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := readHTTPResponse(strings.NewReader(tt.in), 1<<20)
			if tt.skip {
				if !errors.Is(err, errSkip) {
					t.Errorf("err = %v, want errSkip", err)
				}
				return
			}
			if err != nil || string(p.body) != tt.want {
				t.Errorf("got %q, %v; want %q", p, err, tt.want)
			}
		})
	}
}
