package timex

import (
	"unicode"
	"unicode/utf8"
)

// tok is a word or number of the text. Punctuation is not tokenised: the
// rules look at the gap between two tokens instead ("April 4, 2017" has a
// comma gap, "four-week" a hyphen gap).
type tok struct {
	s, e int   // byte span
	w    *word // lexicon entry, nil when none
	num  int   // value of a number token, or of the digits of "4th"
	ndig int   // digits in a number token; 0 for words
	ord  bool  // "4th", "22nd"
	cap  bool  // starts with an upper-case letter
	// brk is true when a sentence or line break lies before this token.
	brk bool
}

func (t tok) isNum() bool { return t.ndig > 0 && !t.ord }

func (t tok) is(c wordClass) bool { return t.w != nil && t.w.class&c != 0 }

// tokenize splits text into tokens in one pass. Letters run together
// (apostrophes and hyphens split), digits run together, and a digit run
// directly followed by st/nd/rd/th is an ordinal.
func tokenize(text string, toks []tok) []tok {
	var buf [24]byte
	brk := true
	i := 0
	for i < len(text) {
		c := text[i]
		switch {
		case c >= '0' && c <= '9':
			j, n := i, 0
			for j < len(text) && text[j] >= '0' && text[j] <= '9' {
				if n < 1e8 {
					n = n*10 + int(text[j]-'0')
				}
				j++
			}
			t := tok{s: i, e: j, num: n, ndig: j - i, brk: brk}
			if j+2 <= len(text) && isAlpha(text[j]) {
				k := j
				for k < len(text) && isAlpha(text[k]) {
					k++
				}
				switch lower2(text[j:k]) {
				case "st", "nd", "rd", "th":
					t.ord, t.e, j = true, k, k
				}
			}
			toks = append(toks, t)
			brk = false
			i = j
		case isAlpha(c) || c >= utf8.RuneSelf:
			j := i
			n := 0
			isWord := false
			for j < len(text) {
				c := text[j]
				if c < utf8.RuneSelf {
					if !isAlpha(c) {
						break
					}
					if n < len(buf) {
						buf[n] = c | 0x20
					}
					n++
					j++
					isWord = true
					continue
				}
				r, sz := utf8.DecodeRuneInString(text[j:])
				if !unicode.IsLetter(r) {
					break
				}
				n = len(buf) + 1 // not in the ASCII lexicon
				j += sz
				isWord = true
			}
			if !isWord {
				// A non-letter multi-byte rune (a dash, a quote): treat as
				// punctuation; a line or paragraph separator breaks.
				r, sz := utf8.DecodeRuneInString(text[i:])
				if r == '\u2029' || r == '\u2028' || r == '\u0085' {
					brk = true
				}
				i += sz
				continue
			}
			t := tok{s: i, e: j, cap: c >= 'A' && c <= 'Z', brk: brk}
			if n <= len(buf) {
				t.w = lexicon[string(buf[:n])]
			}
			toks = append(toks, t)
			brk = false
			i = j
		default:
			if c == '\n' || c == '!' || c == '?' || c == ';' {
				brk = true
			} else if c == '.' {
				// A full stop ends a sentence unless it is inside an
				// abbreviation or a number ("a.m.", "Jan. 4", "3.5").
				if i+1 >= len(text) || text[i+1] == ' ' || text[i+1] == '\n' || text[i+1] == '"' {
					if !abbrevBefore(text, i) {
						brk = true
					}
				}
			}
			i++
		}
	}
	return toks
}

// abbrevBefore reports whether the full stop at text[i] closes a short
// abbreviation ("Jan.", "a.m.", "Sept.") rather than a sentence.
func abbrevBefore(text string, i int) bool {
	j := i
	for j > 0 && isAlpha(text[j-1]) {
		j--
	}
	n := i - j
	if n == 0 || n > 4 {
		return false
	}
	w := lexicon[lower2(text[j:i])]
	if w != nil && w.class&cMonth != 0 && n <= 4 {
		return true
	}
	if n == 1 && (text[j]|0x20 == 'm') && j >= 2 && text[j-1] == '.' {
		return false // "p.m." at a sentence end: let it break
	}
	return n == 1
}

func isAlpha(c byte) bool { return (c|0x20) >= 'a' && (c|0x20) <= 'z' }

func lower2(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 'A' && s[i] <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if b[j] >= 'A' && b[j] <= 'Z' {
					b[j] |= 0x20
				}
			}
			return string(b)
		}
	}
	return s
}
