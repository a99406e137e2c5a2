package ingest

import (
	"bufio"
	"compress/gzip"
	"errors"
	"fmt"
	"io"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// maxGzipDepth bounds nested gzip layers (".warc.gz" that someone gzipped
// again is fine; a gzip quine is not).
const maxGzipDepth = 3

// dispatch sniffs the stream's format and hands it to its reader. Errors
// it returns stop reading (context or emit); bad input is reported.
func (rd *reader) dispatch(r io.Reader) error {
	err := rd.dispatchDepth(r, 0)
	var stop stopError
	if errors.As(err, &stop) {
		return stop.err
	}
	return err
}

func (rd *reader) dispatchDepth(r io.Reader, depth int) error {
	if err := rd.ctx.Err(); err != nil {
		return stopError{err}
	}
	br := bufio.NewReaderSize(r, 64<<10)
	head, err := br.Peek(sniffLen)
	if len(head) == 0 {
		if err != nil && err != io.EOF {
			rd.bad(0, 0, fmt.Errorf("read: %w", err))
			return nil
		}
		rd.bad(0, 0, ErrEmpty)
		return nil
	}
	f := Detect(head, rd.name)
	switch f {
	case FormatGzip:
		if depth >= maxGzipDepth {
			rd.bad(0, 0, fmt.Errorf("%w (gzip nested %d deep)", ErrBinary, depth+1))
			return nil
		}
		zr, err := gzip.NewReader(br)
		if err != nil {
			rd.bad(0, 0, fmt.Errorf("read gzip: %w", err))
			return nil
		}
		defer zr.Close()
		return rd.dispatchDepth(zr, depth+1)
	case FormatBinary:
		why, _ := binaryReason(head)
		rd.bad(0, 0, fmt.Errorf("%w (%s)", ErrBinary, why))
		return nil
	}
	// The streaming readers see UTF-8 only: a UTF-16 feed or JSON Lines
	// file is transcoded on the fly. Text and HTML decode themselves,
	// since they are read whole and may need to guess a legacy encoding.
	var in io.Reader = br
	if f != FormatText && f != FormatHTML {
		if le, ok := utf16Order(head); ok {
			e := unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM)
			if le {
				e = unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM)
			}
			in = transform.NewReader(br, unicode.BOMOverride(e.NewDecoder()))
		}
	}
	switch f {
	case FormatWARC:
		return rd.readWARC(in)
	case FormatRSS, FormatAtom:
		return rd.readXMLFeed(in)
	case FormatJSONFeed:
		return rd.readJSONFeed(in)
	case FormatJSONL:
		return rd.readJSONL(in)
	}
	b, err := rd.readAll(in)
	if err != nil {
		rd.bad(0, 0, err)
		return nil
	}
	if f == FormatHTML {
		return rd.readHTMLFile(b)
	}
	return rd.readText(b)
}

// readAll reads a single-document stream, at most MaxBytes of it. Over the
// limit it reads on (without keeping) to say how big the input is.
func (rd *reader) readAll(r io.Reader) ([]byte, error) {
	limit := rd.opts.maxBytes()
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	if int64(len(b)) > limit {
		n, err := io.Copy(io.Discard, r)
		if err != nil {
			return nil, tooLarge(-1, limit)
		}
		return nil, tooLarge(int64(len(b))+n, limit)
	}
	return b, nil
}

// limitReader fails with a too-large error once more than n bytes have
// been read, for streams whose parser would otherwise read on unbounded.
type limitReader struct {
	r     io.Reader
	n     int64 // bytes still allowed
	limit int64
}

func (l *limitReader) Read(p []byte) (int, error) {
	if l.n < 0 {
		return 0, tooLarge(-1, l.limit)
	}
	if int64(len(p)) > l.n+1 {
		p = p[:l.n+1]
	}
	n, err := l.r.Read(p)
	l.n -= int64(n)
	if l.n < 0 {
		return n, tooLarge(-1, l.limit)
	}
	return n, err
}
