// Package warc reads WARC 1.0 and 1.1 files (ISO 28500) record by record.
//
// The reader streams: a record's block is read straight from the input
// and whatever the caller leaves unread is skipped, so files of any size
// go through in constant memory. Gzip input, whether one gzip member per
// record (the usual .warc.gz) or the whole file compressed at once, is
// decompressed transparently.
package warc

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"net/textproto"
	"strconv"
	"strings"
	"time"
)

// ErrTruncated means the input ended inside a record.
var ErrTruncated = errors.New("truncated record")

// ErrFormat means the input is not WARC where a record should start.
var ErrFormat = errors.New("not a WARC record")

// maxHeaderBytes bounds one record's header block, so garbage input
// cannot make the reader buffer without end.
const maxHeaderBytes = 1 << 20

// Record is one WARC record. Body reads its block (Content-Length bytes);
// it is valid until the next call to Reader.Next.
type Record struct {
	Version       string // "WARC/1.0" or "WARC/1.1"
	Header        textproto.MIMEHeader
	Type          string // WARC-Type: response, request, warcinfo, metadata, …
	TargetURI     string // WARC-Target-URI
	Date          time.Time
	ContentLength int64
	Body          io.Reader
}

// ContentType is the record's Content-Type header, e.g.
// "application/http; msgtype=response".
func (r *Record) ContentType() string { return r.Header.Get("Content-Type") }

// Reader reads records in order.
type Reader struct {
	br   *bufio.Reader
	body *bodyReader // the current record's block
	n    int         // records returned so far
	err  error       // sticky error
}

// NewReader reads WARC records from r, decompressing gzip if r starts with
// the gzip magic number.
func NewReader(r io.Reader) (*Reader, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		// gzip.Reader reads concatenated members as one stream, which
		// covers both per-record members and a wholly gzipped file.
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("read gzip: %w", err)
		}
		br = bufio.NewReaderSize(zr, 64<<10)
	}
	return &Reader{br: br}, nil
}

// Count is the number of records returned so far: the number of the
// current record, counting from 1.
func (r *Reader) Count() int { return r.n }

// Next returns the next record, or io.EOF after the last. After an error
// other than io.EOF (ErrTruncated, ErrFormat or a read error) the reader
// is done: WARC has no resynchronisation point short of scanning.
func (r *Reader) Next() (*Record, error) {
	if r.err != nil {
		return nil, r.err
	}
	rec, err := r.next()
	if err != nil {
		r.err = err
		return nil, err
	}
	r.n++
	return rec, nil
}

func (r *Reader) next() (*Record, error) {
	if r.body != nil {
		if err := r.body.skip(); err != nil {
			return nil, err
		}
		r.body = nil
	}
	// Records are separated by CRLF CRLF; be lenient about how many blank
	// lines there are, as some writers differ.
	var line string
	for {
		l, err := r.readLine()
		if err == io.EOF && l == "" {
			return nil, io.EOF
		}
		if err != nil && err != io.EOF {
			return nil, err
		}
		if strings.TrimSpace(l) != "" {
			line = strings.TrimSpace(l)
			break
		}
		if err == io.EOF {
			return nil, io.EOF
		}
	}
	if !strings.HasPrefix(line, "WARC/") {
		return nil, fmt.Errorf("%w: line starts %q", ErrFormat, clip(line, 20))
	}
	rec := &Record{Version: line, Header: textproto.MIMEHeader{}}
	size := 0
	var key string
	for {
		l, err := r.readLine()
		size += len(l)
		if size > maxHeaderBytes {
			return nil, fmt.Errorf("%w: header over %d bytes", ErrFormat, maxHeaderBytes)
		}
		if err != nil {
			if err == io.EOF {
				return nil, fmt.Errorf("%w: input ends in the header", ErrTruncated)
			}
			return nil, err
		}
		if l == "" {
			break
		}
		if (l[0] == ' ' || l[0] == '\t') && key != "" {
			// A folded continuation line (allowed by WARC 1.0).
			vals := rec.Header[key]
			vals[len(vals)-1] += " " + strings.TrimSpace(l)
			continue
		}
		i := strings.IndexByte(l, ':')
		if i <= 0 {
			return nil, fmt.Errorf("%w: header line %q has no colon", ErrFormat, clip(l, 40))
		}
		key = textproto.CanonicalMIMEHeaderKey(strings.TrimSpace(l[:i]))
		rec.Header.Add(key, strings.TrimSpace(l[i+1:]))
	}
	cl := rec.Header.Get("Content-Length")
	n, err := strconv.ParseInt(cl, 10, 64)
	if err != nil || n < 0 {
		return nil, fmt.Errorf("%w: bad Content-Length %q", ErrFormat, clip(cl, 20))
	}
	rec.ContentLength = n
	rec.Type = strings.ToLower(rec.Header.Get("Warc-Type"))
	rec.TargetURI = strings.Trim(rec.Header.Get("Warc-Target-Uri"), "<> ")
	if d := rec.Header.Get("Warc-Date"); d != "" {
		if t, err := time.Parse(time.RFC3339Nano, d); err == nil {
			rec.Date = t.UTC()
		}
	}
	r.body = &bodyReader{r: r.br, left: n, total: n}
	rec.Body = r.body
	return rec, nil
}

// readLine reads one header line without its CRLF or LF.
func (r *Reader) readLine() (string, error) {
	var buf []byte
	for {
		chunk, err := r.br.ReadSlice('\n')
		if len(buf)+len(chunk) > maxHeaderBytes {
			return "", fmt.Errorf("%w: header line over %d bytes", ErrFormat, maxHeaderBytes)
		}
		buf = append(buf, chunk...)
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil && err != io.EOF {
			return "", truncated(err)
		}
		s := string(bytes.TrimRight(buf, "\r\n"))
		if err == io.EOF {
			return s, io.EOF
		}
		return s, nil
	}
}

// truncated reports a gzip stream cut short as a truncated record.
func truncated(err error) error {
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("%w: %w", ErrTruncated, err)
	}
	return err
}

func clip(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

// bodyReader reads one record's block and fails with ErrTruncated if the
// input ends before Content-Length bytes.
type bodyReader struct {
	r     *bufio.Reader
	left  int64
	total int64
	err   error
}

func (b *bodyReader) Read(p []byte) (int, error) {
	if b.err != nil {
		return 0, b.err
	}
	if b.left <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.r.Read(p)
	b.left -= int64(n)
	if err == io.EOF && b.left > 0 {
		err = fmt.Errorf("%w: block has %d of %d bytes", ErrTruncated, b.total-b.left, b.total)
	} else if err != nil && err != io.EOF {
		err = truncated(err)
	}
	if err != nil && err != io.EOF {
		b.err = err
	}
	if err == io.EOF && b.left == 0 {
		err = nil
	}
	return n, err
}

// skip discards what the caller left unread.
func (b *bodyReader) skip() error {
	if b.err != nil {
		return b.err
	}
	_, err := io.Copy(io.Discard, b)
	return err
}
