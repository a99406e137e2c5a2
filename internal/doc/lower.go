package doc

import (
	"unicode"
	"unicode/utf8"
)

// lowerCache is the lower-cased text of a document, computed on first use
// by Lower and kept for the text it was computed from.
type lowerCache struct {
	of    string // the Text it was computed from
	lower string
	exact bool
	done  bool
}

// Lower returns Text lower-cased rune by rune with the same byte offsets,
// so the lower-cased key of any span is Lower()[s.Start:s.End] with no
// allocation. Stages that look words up in dictionaries share it instead
// of lower-casing every word again.
//
// exact is false when some rune's lower case has another byte length
// (Kelvin sign, dotted capital I) or the text is not valid UTF-8; such
// runes are left as they are, and a caller that needs exactly
// strings.ToLower of a span must lower that span itself. The result is
// cached on the document until Text changes; like every annotation it is
// not safe for concurrent use on one document.
func (d *Document) Lower() (lower string, exact bool) {
	c := &d.lower
	if !c.done || c.of != d.Text {
		c.lower, c.exact = lowerSameLen(d.Text)
		c.of, c.done = d.Text, true
	}
	return c.lower, c.exact
}

// lowerSameLen lower-cases s keeping every rune's byte length.
func lowerSameLen(s string) (string, bool) {
	ascii, upper := true, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
		upper = upper || 'A' <= c && c <= 'Z'
	}
	if ascii {
		if !upper {
			return s, true
		}
		b := []byte(s)
		for i, c := range b {
			if 'A' <= c && c <= 'Z' {
				b[i] = c + 'a' - 'A'
			}
		}
		return string(b), true
	}
	b := []byte(s)
	exact := true
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				b[i] = c + 'a' - 'A'
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			exact = false
			i++
			continue
		}
		if l := unicode.ToLower(r); l != r {
			if utf8.RuneLen(l) == size {
				utf8.EncodeRune(b[i:], l)
			} else {
				exact = false
			}
		}
		i += size
	}
	return string(b), exact
}

// TokensIn returns the tokens that lie inside sp, found by binary search
// (tokens are sorted and disjoint).
func (d *Document) TokensIn(sp Span) []Token {
	toks := d.Tokens
	lo, hi := 0, len(toks)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if toks[m].Start < sp.Start {
			lo = m + 1
		} else {
			hi = m
		}
	}
	end := lo
	for end < len(toks) && toks[end].End <= sp.End {
		end++
	}
	return toks[lo:end]
}
