// Package segment splits a document's cleaned text into paragraphs,
// sentences and tokens, all byte spans into Document.Text.
//
// Breaks come first from the layout: a blank line ends a paragraph and any
// line break ends a sentence, because headlines, captions and datelines
// have no final stop. Inside a line, a sentence ends at ".", "!", "?" or an
// ellipsis, with any closing quotes and brackets after it, when the next
// word can start a sentence. Abbreviations ("Gen.", "U.S.", "etc.") come
// from the embedded, commented abbreviations.txt and starters.txt.
//
// Text whose headline, byline and date stamp were run into the first
// sentence, with no punctuation between them ("Strikes kill 18 in Raqa
// Monitor AFP Tuesday 3 Oct 2017 A coalition air strike killed ..."), is
// cut at the byline, around the stamp and after a dateline in capitals,
// so each unit is a paragraph and a sentence of its own, and a list of
// tags run into a sentence ("Tags Syria Idlib At least 16 ...") is cut off
// too; see markHeads, tagListEnd and the embedded heads.txt.
//
// Tokens are words, numbers and punctuation marks:
//   - a word is letters and digits with internal hyphens and apostrophes
//     ("al-Assad", "don't", "F-16", "20-year-old"), dotted abbreviations
//     with their periods ("U.S.", "Gen.", "W.");
//   - a possessive "’s" or "'s" is its own Word token ("Hama", "’s"), so a
//     place or actor dictionary matches the name; contractions other than
//     "'s" stay whole;
//   - a number is digits with thousands commas and a decimal point
//     ("124,000", "3.5", "2019"); digits followed by letters make a word
//     ("1980s", "3rd");
//   - every other visible character is punctuation; runs of periods
//     ("...") and of "?"/"!" are one token.
//
// The segmenter is one pass over the bytes with an ASCII fast path and no
// regular expressions.
package segment

import (
	"context"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep/internal/doc"
)

// Segmenter is the segment pipeline stage. It is safe for concurrent use.
type Segmenter struct {
	abbr     map[string]abbr
	starters map[string]bool
	heads    *heads
}

// New returns a Segmenter using the embedded abbreviation and starter
// lists.
func New() *Segmenter {
	return &Segmenter{abbr: defaultAbbr, starters: defaultStarters, heads: defaultHeads}
}

// Name implements pipeline.Stage.
func (s *Segmenter) Name() string { return "segment" }

// Process fills d.Paragraphs, d.Sentences and d.Tokens from d.Text.
func (s *Segmenter) Process(ctx context.Context, d *doc.Document) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	r := s.Segment(d.Text)
	d.Paragraphs, d.Sentences, d.Tokens = r.Paragraphs, r.Sentences, r.Tokens
	return nil
}

// Result holds the spans of one segmented text, each list sorted and
// non-overlapping.
type Result struct {
	Paragraphs []doc.Span
	Sentences  []doc.Span
	Tokens     []doc.Token
}

// Token flags: what separates a token from the one before it.
const (
	flagLine  = 1 << iota // a line break
	flagPara              // a blank line
	flagSpace             // any whitespace
	flagHead              // starts a unit of a run-on head; see markHeads
)

// Segment splits text.
func (s *Segmenter) Segment(text string) Result {
	toks := make([]doc.Token, 0, len(text)/5+4)
	flags := make([]uint8, 0, cap(toks))
	toks, flags = s.tokenize(text, toks, flags)
	var r Result
	r.Tokens = toks
	if len(toks) == 0 {
		return r
	}
	r.Sentences = make([]doc.Span, 0, len(toks)/16+1)
	r.Paragraphs = make([]doc.Span, 0, len(toks)/64+1)
	// Each line is cut into the units of its run-on head, if any, and
	// each unit into sentences; the units are paragraphs too.
	lineStart := 0
	for i := 1; i <= len(toks); i++ {
		if i < len(toks) && flags[i]&flagLine == 0 {
			continue
		}
		if !s.markHeads(text, toks[lineStart:i], flags[lineStart:i]) {
			r.Sentences = s.sentences(text, toks[lineStart:i], flags[lineStart:i], r.Sentences)
			lineStart = i
			continue
		}
		unit := lineStart
		for j := lineStart + 1; j <= i; j++ {
			if j == i || flags[j]&flagHead != 0 {
				r.Sentences = s.sentences(text, toks[unit:j], flags[unit:j], r.Sentences)
				unit = j
			}
		}
		lineStart = i
	}
	paraStart := 0
	for i := 1; i <= len(toks); i++ {
		if i == len(toks) || flags[i]&(flagPara|flagHead) != 0 {
			r.Paragraphs = append(r.Paragraphs, doc.Span{Start: toks[paraStart].Start, End: toks[i-1].End})
			paraStart = i
		}
	}
	return r
}

// tokenize appends the tokens of text and, per token, what separated it
// from the previous one.
func (s *Segmenter) tokenize(text string, toks []doc.Token, flags []uint8) ([]doc.Token, []uint8) {
	var flag uint8
	newlines := 0
	emit := func(start, end int, kind doc.TokenKind) {
		if newlines >= 2 {
			flag |= flagPara
		}
		toks = append(toks, doc.Token{Span: doc.Span{Start: start, End: end}, Kind: kind})
		flags = append(flags, flag)
		flag, newlines = 0, 0
	}
	n := len(text)
	for i := 0; i < n; {
		c := text[i]
		if c < utf8.RuneSelf {
			switch class[c] {
			case cSpace:
				flag |= flagSpace
				i++
			case cNewline:
				// "\r\n" is one break; "\r" alone is one too.
				if !(c == '\r' && i+1 < n && text[i+1] == '\n') {
					newlines++
				}
				flag |= flagLine | flagSpace
				i++
			case cLetter:
				end, kind := s.word(text, i, false)
				emit(i, end, kind)
				i = end
			case cDigit:
				end, kind := s.word(text, i, true)
				emit(i, end, kind)
				i = end
			default:
				if c == '\'' && s.possessive(text, i, 1, toks) {
					emit(i, i+2, doc.Word)
					i += 2
					continue
				}
				end := punctEnd(text, i)
				emit(i, end, doc.Punct)
				i = end
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsSpace(r):
			flag |= flagSpace
			i += size
		case unicode.IsLetter(r) || unicode.IsMark(r):
			end, kind := s.word(text, i, false)
			emit(i, end, kind)
			i = end
		case unicode.IsDigit(r):
			end, kind := s.word(text, i, true)
			emit(i, end, kind)
			i = end
		default:
			if r == '’' && s.possessive(text, i, size, toks) {
				emit(i, i+size+1, doc.Word)
				i += size + 1
				continue
			}
			end := i + size
			if r == '…' {
				for strings.HasPrefix(text[end:], "…") {
					end += 3
				}
			}
			emit(i, end, doc.Punct)
			i = end
		}
	}
	return toks, flags
}

// possessive reports whether the apostrophe of the given size at i starts
// a possessive "’s" split off the word just before it.
func (s *Segmenter) possessive(text string, i, size int, toks []doc.Token) bool {
	if len(toks) == 0 || toks[len(toks)-1].End != i || toks[len(toks)-1].Kind == doc.Punct {
		return false
	}
	if j := i + size; j >= len(text) || text[j]|0x20 != 's' {
		return false
	}
	ok, _ := alnumAt(text, i+size+1)
	return !ok
}

// ASCII character classes.
const (
	cPunct = iota
	cSpace
	cNewline
	cLetter
	cDigit
)

var class = func() (t [utf8.RuneSelf]uint8) {
	for c := 0; c < utf8.RuneSelf; c++ {
		switch {
		case c == '\n' || c == '\r':
			t[c] = cNewline
		case c == ' ' || c == '\t' || c == '\v' || c == '\f':
			t[c] = cSpace
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			t[c] = cLetter
		case c >= '0' && c <= '9':
			t[c] = cDigit
		default:
			t[c] = cPunct
		}
	}
	return t
}()

// punctEnd returns the end of the punctuation token at i: a run of
// periods, a run of "?" and "!", a run of "-", or one character.
func punctEnd(text string, i int) int {
	c := text[i]
	j := i + 1
	switch c {
	case '.':
		for j < len(text) && text[j] == '.' {
			j++
		}
	case '?', '!':
		for j < len(text) && (text[j] == '?' || text[j] == '!') {
			j++
		}
	case '-':
		for j < len(text) && text[j] == '-' {
			j++
		}
	}
	return j
}

// alnumAt reports whether text[i] starts a letter, digit or mark, and the
// rune's size.
func alnumAt(text string, i int) (bool, int) {
	if i >= len(text) {
		return false, 0
	}
	c := text[i]
	if c < utf8.RuneSelf {
		k := class[c]
		return k == cLetter || k == cDigit, 1
	}
	r, size := utf8.DecodeRuneInString(text[i:])
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r), size
}

// joinerAt returns the size of a hyphen or apostrophe at i that can join
// two parts of a word, or 0.
func joinerAt(text string, i int) (size int, apostrophe bool) {
	if i >= len(text) {
		return 0, false
	}
	switch text[i] {
	case '-':
		return 1, false
	case '\'':
		return 1, true
	case 0xE2:
		// ’ U+2019, ‐ U+2010, ‑ U+2011
		if i+2 < len(text) && text[i+1] == 0x80 {
			switch text[i+2] {
			case 0x99:
				return 3, true
			case 0x90, 0x91:
				return 3, false
			}
		}
	}
	return 0, false
}

// word scans the word or number starting at i.
func (s *Segmenter) word(text string, i int, digit bool) (int, doc.TokenKind) {
	n := len(text)
	j := i
	numeric := digit
	dots := 0 // internal periods
	partStart := i
	maxPart := 0
	for {
		// Letters, digits and marks.
		for j < n {
			c := text[j]
			if c < utf8.RuneSelf {
				k := class[c]
				if k == cLetter {
					numeric = false
				} else if k != cDigit {
					break
				}
				j++
				continue
			}
			r, size := utf8.DecodeRuneInString(text[j:])
			if unicode.IsLetter(r) || unicode.IsMark(r) {
				numeric = false
			} else if !unicode.IsDigit(r) {
				break
			}
			j += size
		}
		if j >= n {
			break
		}
		c := text[j]
		if numeric {
			// "124,000": a comma followed by exactly three digits.
			if c == ',' && isDigits(text, j+1, j+4) && !isDigits(text, j+4, j+5) {
				j += 4
				continue
			}
			// "3.5": a decimal point followed by a digit.
			if c == '.' && j+1 < n && text[j+1] >= '0' && text[j+1] <= '9' {
				j += 2
				continue
			}
		}
		if size, apos := joinerAt(text, j); size > 0 {
			if ok, _ := alnumAt(text, j+size); ok {
				// A possessive "’s" is split off: "Hama’s" → "Hama", "’s".
				if apos && (text[j+size]|0x20) == 's' {
					if ok2, _ := alnumAt(text, j+size+1); !ok2 {
						break
					}
				}
				if numeric && !apos {
					// "20-year-old" is a word; "5-3" is two numbers.
					if ok, _ := letterAt(text, j+size); !ok {
						break
					}
				}
				numeric = false
				j += size
				continue
			}
		}
		if c == '.' && !numeric {
			if ok, _ := letterAt(text, j+1); ok {
				// "U.S", "e.g", "example.com": a period between letters.
				maxPart = max(maxPart, j-partStart)
				dots++
				j++
				partStart = j
				continue
			}
			// A final period belongs to an abbreviation: "U.S.", "Gen.", "W.".
			if dots > 0 && max(maxPart, j-partStart) <= 3 || j-i == 1 && isUpperASCII(text[i]) || s.isAbbr(text[i:j+1]) {
				j++
			}
		}
		break
	}
	if numeric {
		return j, doc.Number
	}
	return j, doc.Word
}

func isUpperASCII(c byte) bool { return c >= 'A' && c <= 'Z' }

func isDigits(text string, a, b int) bool {
	if b > len(text) {
		return false
	}
	for k := a; k < b; k++ {
		if text[k] < '0' || text[k] > '9' {
			return false
		}
	}
	return true
}

// letterAt reports whether text[i] starts a letter.
func letterAt(text string, i int) (bool, int) {
	if i >= len(text) {
		return false, 0
	}
	c := text[i]
	if c < utf8.RuneSelf {
		return class[c] == cLetter, 1
	}
	r, size := utf8.DecodeRuneInString(text[i:])
	return unicode.IsLetter(r), size
}

// isAbbr reports whether w (with its final period) is a listed
// abbreviation.
func (s *Segmenter) isAbbr(w string) bool {
	_, ok := s.lookup(w)
	return ok
}

// lookup finds w in the abbreviation list, ignoring ASCII case, without
// allocating.
func (s *Segmenter) lookup(w string) (abbrClass, bool) {
	if len(w) > maxAbbrLen {
		return 0, false
	}
	var buf [maxAbbrLen]byte
	for k := 0; k < len(w); k++ {
		c := w[k]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[k] = c
	}
	a, ok := s.abbr[string(buf[:len(w)])]
	if !ok || a.capital && !isUpperASCII(w[0]) {
		return 0, false
	}
	return a.class, true
}
