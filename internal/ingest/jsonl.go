package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/sitrep-dev/sitrep/internal/doc"
)

// jsonRecord is one JSON Lines record: sitrep's own {"id","text",
// "published","source","url","title"} or a news-please article
// (maintext, date_publish, source_domain, authors, …). Fields whose type
// varies between producers are kept raw and read leniently.
type jsonRecord struct {
	ID          json.RawMessage `json:"id"`
	Text        string          `json:"text"`
	MainText    string          `json:"maintext"`
	Title       string          `json:"title"`
	TitlePage   string          `json:"title_page"`
	TitleRSS    string          `json:"title_rss"`
	Published   string          `json:"published"`
	DatePublish string          `json:"date_publish"`
	Date        string          `json:"date"`
	URL         string          `json:"url"`
	Source      string          `json:"source"`
	Domain      string          `json:"source_domain"`
	Authors     json.RawMessage `json:"authors"`
	Author      json.RawMessage `json:"author"`
}

// readJSONL reads JSON Lines one line at a time. A file that is one
// pretty-printed JSON object (a news-please .json record) or an array of
// them is read whole instead, within MaxBytes.
func (rd *reader) readJSONL(r io.Reader) error {
	br := bufio.NewReaderSize(r, 64<<10)
	if multiLineJSON(br) {
		return rd.readJSONDocument(br)
	}
	limit := rd.opts.maxBytes()
	for line := 1; ; line++ {
		b, tooLong, err := readLine(br, limit)
		if len(b) > 0 || tooLong {
			switch {
			case tooLong:
				rd.bad(line, 0, tooLarge(-1, limit))
			default:
				if err := rd.jsonLine(b, line); err != nil {
					return err
				}
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			rd.bad(line, 0, fmt.Errorf("read: %w", err))
			return nil
		}
		if err := rd.ctx.Err(); err != nil {
			return stopError{err}
		}
	}
}

// jsonLine decodes and emits one line's record; bad lines are reported.
func (rd *reader) jsonLine(b []byte, line int) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return nil
	}
	if line == 1 {
		b = bytes.TrimPrefix(b, utf8BOM)
	}
	var rec jsonRecord
	if err := unmarshalRecord(b, &rec); err != nil {
		rd.bad(line, 0, err)
		return nil
	}
	d, err := rec.document()
	if err != nil {
		rd.bad(line, 0, err)
		return nil
	}
	d.ID = rd.recordID(rawString(rec.ID), rec.URL, line)
	d.Origin = rd.origin(line)
	return rd.send(d)
}

// unmarshalRecord decodes one JSON object, naming what is wrong in the
// words a user fixing the file needs.
func unmarshalRecord(b []byte, rec *jsonRecord) error {
	if len(b) > 0 && b[0] != '{' {
		if json.Valid(b) {
			return errors.New("not a JSON object")
		}
	}
	if err := json.Unmarshal(b, rec); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return fmt.Errorf("field %q: want %s, have %s", te.Field, te.Type, te.Value)
		}
		return fmt.Errorf("malformed JSON: %w", err)
	}
	return nil
}

// document turns a record into a Document; a record without article text
// is an error.
func (rec *jsonRecord) document() (*doc.Document, error) {
	text := rec.MainText
	if strings.TrimSpace(text) == "" {
		text = rec.Text
	}
	if strings.TrimSpace(text) == "" {
		return nil, errors.New("record has no text (want \"maintext\" or \"text\")")
	}
	d := &doc.Document{
		Format: string(FormatJSONL),
		// The text is kept as given (line ends aside): offsets reported on
		// a record of our own format then point into what the user wrote.
		Raw:    strings.ToValidUTF8(normalizeNewlines(text), "\uFFFD"),
		Title:  oneLine(first(rec.Title, rec.TitlePage, rec.TitleRSS)),
		URL:    strings.TrimSpace(rec.URL),
		Source: oneLine(first(rec.Source, rec.Domain)),
		Author: first(rawNames(rec.Authors), rawNames(rec.Author)),
	}
	for _, s := range []string{rec.Published, rec.DatePublish, rec.Date} {
		if t := datePtr(s); t != nil {
			d.Published = t
			break
		}
	}
	if d.Source == "" {
		d.Source = hostOf(d.URL)
	}
	return d, nil
}

// rawString reads an id that may be a string or a number.
func rawString(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		return n.String()
	}
	return ""
}

// rawNames reads an author field: a name, a list of names, or objects
// with a "name".
func rawNames(raw json.RawMessage) string {
	if len(raw) == 0 {
		return ""
	}
	var v any
	if json.Unmarshal(raw, &v) != nil {
		return ""
	}
	return oneLine(jsonLDNames(v))
}

// readLine returns the next line without its end. A line longer than limit
// is skipped (read to its end, not kept) and reported as tooLong.
func readLine(br *bufio.Reader, limit int64) (line []byte, tooLong bool, err error) {
	var buf []byte
	var n int64
	for {
		chunk, err := br.ReadSlice('\n')
		n += int64(len(chunk))
		if n > limit+1 {
			tooLong = true
			buf = nil
		} else {
			buf = append(buf, chunk...)
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		return bytes.TrimRight(buf, "\r\n"), tooLong, err
	}
}

// multiLineJSON reports whether the stream is JSON spread over lines (a
// pretty-printed object or an array) rather than JSON Lines: its first
// non-blank line is not a complete JSON value.
func multiLineJSON(br *bufio.Reader) bool {
	head, _ := br.Peek(br.Size())
	head = bytes.TrimPrefix(head, utf8BOM)
	head = bytes.TrimLeft(head, " \t\r\n")
	if len(head) == 0 {
		return false
	}
	if head[0] == '[' {
		return true
	}
	i := bytes.IndexByte(head, '\n')
	if i < 0 {
		return false // one line (or longer than the buffer): JSON Lines
	}
	// Pretty printers put the opening brace on a line of its own; a
	// malformed first line of JSON Lines must not turn the whole file
	// into one unreadable document.
	return string(bytes.TrimSpace(head[:i])) == "{"
}

// readJSONDocument reads a whole JSON file: one object, several
// concatenated objects, or an array of objects.
func (rd *reader) readJSONDocument(r io.Reader) error {
	b, err := rd.readAll(r)
	if err != nil {
		rd.bad(0, 0, err)
		return nil
	}
	b = bytes.TrimPrefix(b, utf8BOM)
	var raws []json.RawMessage
	trimmed := bytes.TrimSpace(b)
	if len(trimmed) > 0 && trimmed[0] == '[' {
		if err := json.Unmarshal(trimmed, &raws); err != nil {
			rd.bad(lineAt(b, err), 0, fmt.Errorf("malformed JSON: %w", err))
			return nil
		}
	} else {
		dec := json.NewDecoder(bytes.NewReader(b))
		for {
			var raw json.RawMessage
			err := dec.Decode(&raw)
			if err == io.EOF {
				break
			}
			if err != nil {
				rd.bad(lineAt(b, err), 0, fmt.Errorf("malformed JSON: %w", err))
				break
			}
			raws = append(raws, raw)
		}
	}
	single := len(raws) == 1
	for i, raw := range raws {
		n := i + 1
		var rec jsonRecord
		if err := unmarshalRecord(raw, &rec); err != nil {
			rd.bad(0, n, err)
			continue
		}
		d, err := rec.document()
		if err != nil {
			rd.bad(0, n, err)
			continue
		}
		if single {
			// One record per file: the file names it, like any article.
			d.ID = rd.base
			if own := rawString(rec.ID); own != "" {
				d.ID = rd.recordID(own, "", n)
			}
			d.Origin = rd.name
		} else {
			d.ID = rd.recordID(rawString(rec.ID), rec.URL, n)
			d.Origin = rd.origin(n)
		}
		if err := rd.send(d); err != nil {
			return err
		}
	}
	return nil
}

// lineAt is the 1-based line of a JSON syntax error's offset, 0 if the
// error has none.
func lineAt(b []byte, err error) int {
	var se *json.SyntaxError
	if !errors.As(err, &se) {
		return 0
	}
	off := se.Offset
	if off > int64(len(b)) {
		off = int64(len(b))
	}
	return bytes.Count(b[:off], []byte("\n")) + 1
}
