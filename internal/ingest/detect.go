package ingest

import (
	"bytes"
	"path/filepath"
	"strings"
)

// Format is an input format, as recorded in doc.Document.Format.
type Format string

// The formats Detect can return. FormatBinary is not readable: it marks
// input that is not ours (an image, an archive, a program).
const (
	FormatText     Format = "text"
	FormatHTML     Format = "html"
	FormatJSONL    Format = "jsonl"
	FormatRSS      Format = "rss"
	FormatAtom     Format = "atom"
	FormatJSONFeed Format = "jsonfeed"
	FormatWARC     Format = "warc"
	FormatGzip     Format = "gzip"
	FormatBinary   Format = "binary"
)

// sniffLen is how much of a stream Detect is given to look at.
const sniffLen = 4096

// Detect names the format of a stream from its first bytes (up to a few
// KiB) and, only where the content leaves it open, the extension of name.
// Gzip is reported as FormatGzip: the caller decompresses and detects
// again. UTF-8 and UTF-16 byte order marks are looked through.
func Detect(head []byte, name string) Format {
	if len(head) >= 2 && head[0] == 0x1f && head[1] == 0x8b {
		return FormatGzip
	}
	if u, ok := utf16Head(head); ok {
		head = u
	}
	head = bytes.TrimPrefix(head, utf8BOM)
	if bytes.HasPrefix(head, []byte("WARC/")) {
		return FormatWARC
	}
	if _, ok := binaryReason(head); ok {
		return FormatBinary
	}
	ext := strings.ToLower(filepath.Ext(strings.TrimSuffix(strings.ToLower(name), ".gz")))
	trimmed := bytes.TrimLeft(head, " \t\r\n\f")
	if len(trimmed) > 0 {
		switch trimmed[0] {
		case '<':
			return detectMarkup(trimmed, ext)
		case '{':
			if isJSONFeed(trimmed) {
				return FormatJSONFeed
			}
			return FormatJSONL
		case '[':
			if ext == ".json" || ext == ".jsonl" || ext == ".ndjson" {
				return FormatJSONL
			}
		}
	}
	// The content looks like plain text; the extension breaks the tie, so
	// that "feed.rss" holding garbage is reported as a bad feed, not read
	// as an article.
	switch ext {
	case ".html", ".htm", ".xhtml":
		return FormatHTML
	case ".rss", ".xml", ".rdf":
		return FormatRSS
	case ".atom":
		return FormatAtom
	case ".jsonl", ".ndjson", ".json":
		return FormatJSONL
	case ".warc":
		return FormatWARC
	}
	return FormatText
}

// detectMarkup looks past an XML declaration, comments and a doctype to
// the first element: rss or rdf:RDF is RSS, feed is Atom, anything else
// is HTML, except an unknown root after an XML declaration, which goes to
// the feed reader to be reported as "not a feed".
func detectMarkup(b []byte, ext string) Format {
	xmlDecl := false
	for len(b) > 0 {
		b = bytes.TrimLeft(b, " \t\r\n\f")
		switch {
		case bytes.HasPrefix(b, []byte("<?")):
			if hasPrefixFold(b, "<?xml") {
				xmlDecl = true
			}
			b = skipPast(b, "?>")
		case bytes.HasPrefix(b, []byte("<!--")):
			b = skipPast(b, "-->")
		case bytes.HasPrefix(b, []byte("<!")):
			if hasPrefixFold(b, "<!doctype html") {
				return FormatHTML
			}
			b = skipPast(b, ">")
		case bytes.HasPrefix(b, []byte("<")):
			name := strings.ToLower(elementName(b[1:]))
			switch name {
			case "rss", "rdf:rdf", "rdf":
				return FormatRSS
			case "feed":
				return FormatAtom
			case "html", "head", "body":
				return FormatHTML
			}
			if xmlDecl || ext == ".rss" || ext == ".xml" || ext == ".atom" {
				if ext == ".atom" {
					return FormatAtom
				}
				return FormatRSS
			}
			return FormatHTML
		default:
			// Text before any element: an HTML fragment or text with a
			// stray '<'.
			if ext == ".html" || ext == ".htm" {
				return FormatHTML
			}
			return FormatText
		}
	}
	// The head ended inside the prolog (a long comment): decide by what
	// was seen.
	if xmlDecl {
		return FormatRSS
	}
	return FormatHTML
}

func elementName(b []byte) string {
	end := 0
	for end < len(b) && end < 64 {
		c := b[end]
		if c == ' ' || c == '>' || c == '/' || c == '\t' || c == '\r' || c == '\n' {
			break
		}
		end++
	}
	return string(b[:end])
}

func skipPast(b []byte, marker string) []byte {
	i := bytes.Index(b, []byte(marker))
	if i < 0 {
		return nil
	}
	return b[i+len(marker):]
}

func hasPrefixFold(b []byte, prefix string) bool {
	return len(b) >= len(prefix) && strings.EqualFold(string(b[:len(prefix)]), prefix)
}

// isJSONFeed reports whether a JSON object's head declares a JSON Feed
// version ("version": "https://jsonfeed.org/version/1.1").
func isJSONFeed(b []byte) bool {
	i := bytes.Index(b, []byte(`"version"`))
	if i < 0 {
		return false
	}
	rest := bytes.TrimLeft(b[i+len(`"version"`):], " \t\r\n")
	if len(rest) == 0 || rest[0] != ':' {
		return false
	}
	rest = bytes.TrimLeft(rest[1:], " \t\r\n")
	if len(rest) > 64 {
		rest = rest[:64]
	}
	// JSON may escape the slashes: "https:\/\/jsonfeed.org\/version\/1".
	rest = bytes.ReplaceAll(rest, []byte(`\/`), []byte("/"))
	return bytes.HasPrefix(rest, []byte(`"https://jsonfeed.org`)) || bytes.HasPrefix(rest, []byte(`"http://jsonfeed.org`))
}

// magic numbers of formats that are certainly not ours.
var magics = []struct {
	prefix, what string
}{
	{"\x89PNG", "PNG image"},
	{"%PDF", "PDF document"},
	{"PK\x03\x04", "ZIP archive"},
	{"\xff\xd8\xff", "JPEG image"},
	{"GIF87a", "GIF image"},
	{"GIF89a", "GIF image"},
	{"BZh", "bzip2 archive"},
	{"\xfd7zXZ\x00", "xz archive"},
	{"7z\xbc\xaf\x27\x1c", "7-Zip archive"},
	{"\x28\xb5\x2f\xfd", "zstd archive"},
	{"\x7fELF", "ELF executable"},
	{"MZ", "Windows executable"},
	{"RIFF", "RIFF media file"},
	{"OggS", "Ogg media file"},
	{"ID3", "MP3 audio"},
	{"\x00\x00\x00\x18ftyp", "MP4 video"},
	{"\x00\x00\x00\x20ftyp", "MP4 video"},
	{"\x00\x00\x00\x1cftyp", "MP4 video"},
	{"\x1a\x45\xdf\xa3", "Matroska video"},
	{"SQLite format 3\x00", "SQLite database"},
	{"\xd0\xcf\x11\xe0", "Office document"},
	{"wOFF", "web font"},
	{"wOF2", "web font"},
	{"\x00\x01\x00\x00\x00", "font file"},
}

// binaryReason says why head is not text: a known magic number, a NUL
// byte, or too many control characters. Legacy 8-bit text passes: only C0
// controls other than whitespace and ESC count against it.
func binaryReason(head []byte) (string, bool) {
	for _, m := range magics {
		// "MZ" is short enough to start ordinary text ("MZ-3 drone..."),
		// so it needs the rest of the DOS header to look binary too.
		if m.prefix == "MZ" && bytes.IndexByte(head, 0) < 0 {
			continue
		}
		if bytes.HasPrefix(head, []byte(m.prefix)) {
			return m.what, true
		}
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return "contains NUL bytes", true
	}
	ctrl := 0
	for _, c := range head {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1b {
			ctrl++
		}
	}
	if len(head) > 0 && ctrl*10 > len(head) {
		return "too many control characters", true
	}
	return "", false
}

var utf8BOM = []byte{0xef, 0xbb, 0xbf}

// utf16Head decodes the head of a UTF-16 stream (with a byte order mark,
// or ASCII-range text without one) to UTF-8 for sniffing.
func utf16Head(head []byte) ([]byte, bool) {
	le, ok := utf16Order(head)
	if !ok {
		return nil, false
	}
	s, err := decodeUTF16(head[:len(head)&^1], le)
	if err != nil {
		return nil, false
	}
	return []byte(s), true
}

// utf16Order reports whether head is UTF-16 and its byte order. Without a
// byte order mark it needs every other byte of ASCII-range text to be
// zero, which single-byte text never has.
func utf16Order(head []byte) (littleEndian, ok bool) {
	if len(head) < 2 {
		return false, false
	}
	switch {
	case head[0] == 0xff && head[1] == 0xfe:
		return true, true
	case head[0] == 0xfe && head[1] == 0xff:
		return false, true
	}
	n := len(head) &^ 1
	if n < 8 {
		return false, false
	}
	zeroEven, zeroOdd := 0, 0
	for i := 0; i < n; i += 2 {
		if head[i] == 0 {
			zeroEven++
		}
		if head[i+1] == 0 {
			zeroOdd++
		}
	}
	half := n / 2
	switch {
	case zeroOdd*10 >= half*9 && zeroEven == 0:
		return true, true
	case zeroEven*10 >= half*9 && zeroOdd == 0:
		return false, true
	}
	return false, false
}
