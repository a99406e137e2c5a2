package clean

import (
	"html"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep/internal/doc"
)

// lineWriter normalises raw lines into a scratch buffer, recording a piece
// for every stretch it writes. Whitespace is held back until the next
// visible character, which trims line ends and collapses runs in one go.
type lineWriter struct {
	raw   string
	buf   []byte
	ps    []Piece
	units []unit // scratch for mojibake runs

	wsStart, wsEnd int // pending whitespace raw range, wsStart < 0 when none
	started        bool
	lineStart      int // buf offset where the current line began
}

// line normalises raw[start:end] (one line, terminator excluded).
func (w *lineWriter) line(start, end int) {
	w.wsStart, w.started, w.lineStart = -1, false, len(w.buf)
	raw := w.raw
	for i := start; i < end; {
		c := raw[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '&':
				i = w.entity(i, end)
			case c > ' ' && c < 0x7f:
				// Fast path: a stretch of printable ASCII with single spaces
				// is copied as one piece.
				j := i + 1
				for j < end {
					d := raw[j]
					if d > ' ' && d < 0x7f && d != '&' {
						j++
						continue
					}
					if d == ' ' && j+1 < end && raw[j+1] > ' ' && raw[j+1] < 0x7f && raw[j+1] != '&' {
						j += 2
						continue
					}
					break
				}
				w.copy(i, j)
				i = j
			case c == ' ' || c == '\t' || c == '\v' || c == '\f':
				w.space(i, i+1)
				i++
			default:
				// Rule: strip control characters. A NUL or an escape left by
				// a broken converter carries no text.
				i++
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(raw[i:end])
		if _, ok := mojibakeByte(r); ok {
			i = w.suspicious(i, end)
			continue
		}
		w.rune(r, i, i+size)
		i += size
	}
}

// entity decodes an HTML character reference left in the text at raw[i]
// ("&amp;", "&#8217;", "&#x2019;", "&nbsp;"), or copies the "&" when there
// is none, and returns where it ended.
//
// Example: a crawler's JSON holding "a G7 communiqu&#233;" reads
// "a G7 communiqué"; "AT&T" and "R&D" have no reference and stay.
func (w *lineWriter) entity(i, end int) int {
	j := i + 1
	for j < end && j-i <= 32 && (isAlnumASCII(w.raw[j]) || j == i+1 && w.raw[j] == '#') {
		j++
	}
	if j < end && w.raw[j] == ';' && j > i+1 {
		ref := w.raw[i : j+1]
		if dec := html.UnescapeString(ref); dec != ref && utf8.ValidString(dec) {
			r, size := utf8.DecodeRuneInString(dec)
			switch {
			case size == len(dec) && unicode.IsSpace(r):
				w.space(i, j+1)
			case size == len(dec) && (invisible(r) || r < ' ' || r == utf8.RuneError):
			default:
				w.flushSpace()
				w.add(Piece{Raw: doc.Span{Start: i, End: j + 1}, Kind: Decoded}, dec)
			}
			return j + 1
		}
	}
	w.copy(i, i+1)
	return i + 1
}

func isAlnumASCII(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// rune writes one non-ASCII character that is not part of a mojibake
// repair.
func (w *lineWriter) rune(r rune, start, end int) {
	switch {
	case r == utf8.RuneError && end-start == 1:
		// Invalid UTF-8 byte: Text must stay valid UTF-8, so it goes.
	case unicode.IsSpace(r):
		// Rule: NBSP, thin and ideographic spaces are spaces; "10\u00a0km"
		// must read as "10 km" for the tokenizer.
		w.space(start, end)
	case invisible(r):
		// Rule: drop invisible format characters; a zero-width space or a
		// soft hyphen inside "Khan Shei\u00adkhoun" would split the name.
	default:
		w.copy(start, end)
	}
}

// invisible reports characters that carry no text. ZWJ and ZWNJ stay:
// they change how Persian and Arabic words are spelt.
func invisible(r rune) bool {
	switch {
	case r >= 0x80 && r <= 0x9f: // C1 controls
		return true
	case r == 0xad, r == 0x200b, r == 0x200e, r == 0x200f, r == 0xfeff:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2060 && r <= 0x2064:
		return true
	}
	return false
}

// suspicious handles a run of characters that could be mojibake starting
// at raw[i], returning where the run ends.
func (w *lineWriter) suspicious(i, end int) int {
	units := w.units[:0]
	j := i
	for j < end {
		r, size := utf8.DecodeRuneInString(w.raw[j:end])
		if _, ok := mojibakeByte(r); !ok {
			break
		}
		units = append(units, unit{r: r, start: j, end: j + size})
		j += size
	}
	w.units = units
	for _, u := range repairRun(units) {
		switch {
		case u.repaired && unicode.IsSpace(u.r):
			w.space(u.start, u.end) // "Â\u00a0" is an NBSP: a space
		case u.repaired && invisible(u.r):
		case u.repaired:
			w.flushSpace()
			w.add(Piece{Raw: doc.Span{Start: u.start, End: u.end}, Kind: Repaired}, string(u.r))
		case u.r == 'Â' && w.strayCircumflex(u.end, end):
			w.space(u.start, u.end)
		default:
			w.rune(u.r, u.start, u.end)
		}
	}
	return j
}

// strayCircumflex reports whether an unrepaired "Â" ending at raw offset
// next is the remains of an NBSP whose second byte became a plain space.
//
// Example: "the townÂ of Halfaya" → "the town of Halfaya". A word-internal
// capital "Â" (Romanian "ROMÂNIA") is followed by a letter and stays.
func (w *lineWriter) strayCircumflex(next, end int) bool {
	if next < end && w.raw[next] != ' ' {
		return false
	}
	if len(w.buf) > w.lineStart {
		r, _ := utf8.DecodeLastRune(w.buf)
		if unicode.IsUpper(r) && w.wsStart < 0 {
			return false
		}
	}
	return true
}

func (w *lineWriter) space(start, end int) {
	if w.wsStart < 0 {
		w.wsStart = start
	}
	w.wsEnd = end
}

// flushSpace writes a pending whitespace run as one space, unless the line
// has not started yet (leading whitespace is trimmed).
func (w *lineWriter) flushSpace() {
	if w.wsStart < 0 {
		return
	}
	if w.started {
		kind := Spaced
		if w.wsEnd-w.wsStart == 1 && w.raw[w.wsStart] == ' ' {
			kind = Copied
		}
		w.add(Piece{Raw: doc.Span{Start: w.wsStart, End: w.wsEnd}, Kind: kind}, " ")
	}
	w.wsStart = -1
}

// copy writes raw[start:end] unchanged.
func (w *lineWriter) copy(start, end int) {
	w.flushSpace()
	w.add(Piece{Raw: doc.Span{Start: start, End: end}, Kind: Copied}, w.raw[start:end])
}

func (w *lineWriter) add(p Piece, s string) {
	w.started = true
	p.Text = doc.Span{Start: len(w.buf), End: len(w.buf) + len(s)}
	w.buf = append(w.buf, s...)
	if n := len(w.ps); n > 0 && p.Kind == Copied {
		q := &w.ps[n-1]
		if q.Kind == Copied && q.Text.End == p.Text.Start && q.Raw.End == p.Raw.Start {
			q.Text.End, q.Raw.End = p.Text.End, p.Raw.End
			return
		}
	}
	w.ps = append(w.ps, p)
}
