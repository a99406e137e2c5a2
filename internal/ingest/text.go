package ingest

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/gogs/chardet"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"

	"github.com/sitrep-dev/sitrep/internal/doc"
)

// DecodeText turns the bytes of a text file into valid UTF-8: a UTF-8 byte
// order mark is dropped, UTF-16 (with a byte order mark, or plainly
// UTF-16 ASCII-range text without one) is decoded, valid UTF-8 is kept as
// it is, and anything else is taken as a legacy encoding and decoded.
func DecodeText(b []byte) string {
	if bytes.HasPrefix(b, utf8BOM) {
		b = b[len(utf8BOM):]
	}
	if le, ok := utf16Order(b); ok {
		if len(b) >= 2 && (b[0] == 0xff && b[1] == 0xfe || b[0] == 0xfe && b[1] == 0xff) {
			b = b[2:]
		}
		s, _ := decodeUTF16(b, le)
		return s
	}
	if utf8.Valid(b) {
		return string(b)
	}
	return decodeLegacy(b)
}

// decodeUTF16 decodes UTF-16 code units; an odd trailing byte and
// unpaired surrogates become U+FFFD.
func decodeUTF16(b []byte, littleEndian bool) (string, error) {
	units := make([]uint16, len(b)/2)
	for i := range units {
		if littleEndian {
			units[i] = uint16(b[2*i]) | uint16(b[2*i+1])<<8
		} else {
			units[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		}
	}
	var sb strings.Builder
	sb.Grow(len(b))
	for _, r := range utf16.Decode(units) {
		sb.WriteRune(r) // utf16.Decode already maps bad surrogates to U+FFFD
	}
	if len(b)%2 == 1 {
		sb.WriteRune(utf8.RuneError)
	}
	return sb.String(), nil
}

// decodeLegacy decodes text that is not UTF-8. Western text, where bytes
// above 0x7f are the odd accented letter or curly quote, is Windows-1252
// (a superset of the printable ISO-8859-1). Text where such bytes carry
// most letters is in a non-Latin script (Cyrillic, Greek, Arabic, …), and
// a statistical detector picks the code page.
func decodeLegacy(b []byte) string {
	enc := encoding.Encoding(charmap.Windows1252)
	ascii, high := 0, 0
	for _, c := range b {
		switch {
		case c >= 0xc0:
			high++
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
			ascii++
		}
	}
	if high > ascii/2 {
		if res, err := chardet.NewTextDetector().DetectBest(b); err == nil && res.Confidence >= 30 {
			name := strings.ToLower(res.Charset)
			if e, err := htmlindex.Get(name); err == nil && !strings.HasPrefix(name, "utf") {
				enc = e
			}
		}
	}
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		out, _ = charmap.Windows1252.NewDecoder().Bytes(b)
	}
	return strings.ToValidUTF8(string(out), "\uFFFD")
}

// normalizeNewlines turns CRLF and lone CR line ends into LF.
func normalizeNewlines(s string) string {
	if strings.IndexByte(s, '\r') < 0 {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

// readText reads a plain-text article. Raw is the whole decoded text (the
// title line included: cutting it would lose what the headline says);
// Title is its first non-empty line when that looks like a headline.
func (rd *reader) readText(b []byte) error {
	text := normalizeNewlines(DecodeText(b))
	if strings.TrimSpace(text) == "" {
		rd.bad(0, 0, ErrEmpty)
		return nil
	}
	d := &doc.Document{
		ID:     rd.base,
		Origin: rd.name,
		Format: string(FormatText),
		Title:  headline(text),
		Raw:    text,
	}
	return rd.send(d)
}

// maxHeadlineRunes is the longest first line still taken for a headline.
const maxHeadlineRunes = 160

// headline returns the first non-empty line of text when it looks like a
// headline: short, more than one word, and not ending like a sentence
// ("Shelling hits market in border town" is one; "Troops moved in at dawn."
// is not).
func headline(text string) string {
	for line := range strings.Lines(text) {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if utf8.RuneCountInString(line) > maxHeadlineRunes || len(strings.Fields(line)) < 2 {
			return ""
		}
		last, _ := utf8.DecodeLastRuneInString(line)
		switch last {
		case '.', ',', ';', ':', '…':
			return ""
		}
		if !strings.ContainsFunc(line, unicode.IsLetter) {
			return ""
		}
		return line
	}
	return ""
}
