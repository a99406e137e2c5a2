package ingest

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http/httputil"
	"net/textproto"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/ingest/warc"
)

// readWARC emits a document for every response record whose HTTP payload
// is a successful HTML page or feed. Other records (requests, dns,
// metadata, images, redirects) are skipped without a word: a crawl is
// mostly those. A record that breaks the file (a truncated last record)
// is reported with its number; the records before it are kept.
func (rd *reader) readWARC(r io.Reader) error {
	wr, err := warc.NewReader(r)
	if err != nil {
		rd.bad(0, 0, err)
		return nil
	}
	limit := rd.opts.maxBytes()
	for {
		if err := rd.ctx.Err(); err != nil {
			return stopError{err}
		}
		rec, err := wr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			if wr.Count() == 0 && errors.Is(err, warc.ErrFormat) {
				rd.bad(0, 0, fmt.Errorf("not a WARC file: %w", err))
			} else {
				rd.bad(0, wr.Count()+1, err)
			}
			return nil
		}
		n := wr.Count()
		if rec.Type != "response" {
			continue
		}
		if ct := strings.ToLower(rec.ContentType()); ct != "" && !strings.HasPrefix(ct, "application/http") {
			continue
		}
		payload, err := readHTTPResponse(rec.Body, limit)
		if err != nil {
			if errors.Is(err, errSkip) {
				continue
			}
			rd.bad(0, n, err)
			if errors.Is(err, warc.ErrTruncated) {
				return nil // nothing can follow a cut-off record
			}
			continue
		}
		if err := rd.warcPayload(rec, payload, n); err != nil {
			return err
		}
	}
}

// warcPayload turns one HTTP payload into documents: an HTML page into
// one, a feed into one per item.
func (rd *reader) warcPayload(rec *warc.Record, p *httpPayload, n int) error {
	var warcDate *time.Time
	if !rec.Date.IsZero() {
		t := time.Date(rec.Date.Year(), rec.Date.Month(), rec.Date.Day(), 0, 0, 0, 0, time.UTC)
		warcDate = &t
	}
	kind := payloadKind(p)
	switch kind {
	case FormatHTML:
		d, err := extractHTML(p.body, p.contentType, rec.TargetURI)
		if err != nil {
			rd.bad(0, n, err)
			return nil
		}
		d.ID = rd.recordID("", rec.TargetURI, n)
		d.Origin = rd.origin(n)
		d.Format = string(FormatWARC)
		if rec.TargetURI != "" {
			d.URL = rec.TargetURI
		}
		if d.Published == nil {
			d.Published = warcDate
		}
		return rd.send(d)
	case FormatRSS, FormatAtom, FormatJSONFeed:
		// A feed in a crawl: its items are read by the feed reader, each
		// numbered "<file>#<record>.<item>".
		sub := &reader{
			ctx: rd.ctx, name: rd.origin(n), base: rd.recordID("", rec.TargetURI, n),
			opts: rd.opts, report: rd.report,
			emit: func(d *doc.Document) error {
				d.Origin = rd.origin(n) + "." + strings.TrimPrefix(d.Origin, rd.origin(n)+"#")
				d.Format = string(FormatWARC)
				if d.Published == nil {
					d.Published = warcDate
				}
				return rd.emit(d)
			},
		}
		if kind == FormatJSONFeed {
			return sub.readJSONFeed(bytes.NewReader(p.body))
		}
		return sub.readXMLFeed(bytes.NewReader(p.body))
	}
	return nil
}

// payloadKind decides from the Content-Type (and, when it is missing or
// generic, the bytes) whether a payload is a page, a feed, or neither.
func payloadKind(p *httpPayload) Format {
	mt, _, _ := mime.ParseMediaType(p.contentType)
	switch mt {
	case "text/html", "application/xhtml+xml":
		return FormatHTML
	case "application/rss+xml", "application/rdf+xml":
		return FormatRSS
	case "application/atom+xml":
		return FormatAtom
	case "application/feed+json":
		return FormatJSONFeed
	case "", "text/xml", "application/xml", "application/json", "text/plain", "application/octet-stream":
		head := p.body
		if len(head) > sniffLen {
			head = head[:sniffLen]
		}
		switch f := Detect(head, ""); f {
		case FormatHTML, FormatRSS, FormatAtom, FormatJSONFeed:
			if mt == "text/plain" && f != FormatHTML {
				return ""
			}
			return f
		}
	}
	return ""
}

// errSkip marks a response that is not a page: a redirect, an error, a
// non-text type. It is not a bad input.
var errSkip = errors.New("not an article response")

type httpPayload struct {
	contentType string
	body        []byte
}

// readHTTPResponse reads an HTTP response from a WARC block: the status
// line and headers, then the body, undoing chunked transfer encoding and
// gzip or deflate content encoding. Archivers differ in whether they
// store the body as sent or decoded while keeping the headers, so a
// decoding that fails falls back to the bytes as stored.
func readHTTPResponse(r io.Reader, limit int64) (*httpPayload, error) {
	br := bufio.NewReader(r)
	tp := textproto.NewReader(br)
	status, err := tp.ReadLine()
	if err != nil {
		return nil, httpErr(err)
	}
	if !strings.HasPrefix(status, "HTTP/") {
		return nil, errSkip
	}
	fields := strings.Fields(status)
	if len(fields) < 2 {
		return nil, errSkip
	}
	if code, err := strconv.Atoi(fields[1]); err != nil || code < 200 || code > 299 || code == 204 {
		return nil, errSkip
	}
	hdr, err := tp.ReadMIMEHeader()
	if err != nil && len(hdr) == 0 {
		return nil, httpErr(err)
	}
	p := &httpPayload{contentType: hdr.Get("Content-Type")}
	if mt, _, _ := mime.ParseMediaType(p.contentType); mt != "" && !textual(mt) {
		return nil, errSkip
	}
	body, err := io.ReadAll(io.LimitReader(br, limit+1))
	if err != nil {
		return nil, httpErr(err)
	}
	if int64(len(body)) > limit {
		return nil, tooLarge(-1, limit)
	}
	if strings.Contains(strings.ToLower(hdr.Get("Transfer-Encoding")), "chunked") {
		if b, err := io.ReadAll(io.LimitReader(httputil.NewChunkedReader(bytes.NewReader(body)), limit+1)); err == nil || len(b) > 0 {
			body = b
		}
	}
	switch strings.ToLower(strings.TrimSpace(hdr.Get("Content-Encoding"))) {
	case "gzip", "x-gzip":
		if zr, err := gzip.NewReader(bytes.NewReader(body)); err == nil {
			if b, err := io.ReadAll(io.LimitReader(zr, limit+1)); len(b) > 0 && (err == nil || errors.Is(err, io.ErrUnexpectedEOF)) {
				body = b
			}
		}
	case "deflate":
		if zr, err := zlib.NewReader(bytes.NewReader(body)); err == nil {
			if b, err := io.ReadAll(io.LimitReader(zr, limit+1)); len(b) > 0 && err == nil {
				body = b
			}
		} else if b, err := io.ReadAll(io.LimitReader(flate.NewReader(bytes.NewReader(body)), limit+1)); len(b) > 0 && err == nil {
			body = b
		}
	case "", "identity":
	case "br", "zstd":
		// No decoder for these in the standard library; the bytes as
		// stored are compressed and useless as text.
		if _, bin := binaryReason(head(body)); bin || !utf8Text(body) {
			return nil, fmt.Errorf("unsupported content-encoding %q", hdr.Get("Content-Encoding"))
		}
	}
	if int64(len(body)) > limit {
		return nil, tooLarge(-1, limit)
	}
	p.body = body
	return p, nil
}

func head(b []byte) []byte {
	if len(b) > sniffLen {
		return b[:sniffLen]
	}
	return b
}

func utf8Text(b []byte) bool {
	_, bin := binaryReason(head(b))
	return !bin
}

// textual reports whether a media type can hold an article or a feed.
func textual(mt string) bool {
	return strings.HasPrefix(mt, "text/") || strings.Contains(mt, "xml") || strings.Contains(mt, "json") ||
		mt == "application/octet-stream"
}

// httpErr keeps a truncated block's ErrTruncated visible and says that
// anything else is a broken HTTP response.
func httpErr(err error) error {
	if errors.Is(err, warc.ErrTruncated) {
		return err
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("read HTTP response: %w", io.ErrUnexpectedEOF)
	}
	return fmt.Errorf("read HTTP response: %w", err)
}
