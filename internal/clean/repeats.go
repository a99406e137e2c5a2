package clean

import (
	"hash/maphash"
	"sort"
	"unicode"
	"unicode/utf8"
)

// lineKey hashes a line's letters and digits, lower-cased, so that two
// copies of a paragraph that differ in spacing, punctuation or curly
// quotes compare equal. It returns 0 for a line with no letters or digits.
// The folded bytes go to a scratch buffer and are hashed in one call,
// which is several times faster than hashing byte by byte.
func (c *Cleaner) lineKey(s string, scratch []byte) (uint64, []byte) {
	if cap(scratch) < len(s) {
		scratch = make([]byte, 0, 2*len(s))
	}
	b := scratch[:cap(scratch)]
	n := 0
	for i := 0; i < len(s); {
		ch := s[i]
		if ch < utf8.RuneSelf {
			i++
			if f := keyFold[ch]; f != 0 {
				b[n] = f
				n++
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b = utf8.AppendRune(b[:n], unicode.ToLower(r))
			n = len(b)
			b = b[:cap(b)]
			if cap(b)-n < len(s)-i {
				b = append(b[:n], make([]byte, len(s)-i)...)
				b = b[:cap(b)]
			}
		}
	}
	if n == 0 {
		return 0, b[:0]
	}
	return maphash.Bytes(c.seed, b[:n]) | 1, b[:0]
}

// keyFold maps ASCII letters and digits to their lower case and every
// other ASCII byte to 0 (skipped).
var keyFold = func() (t [utf8.RuneSelf]byte) {
	for c := byte('0'); c <= '9'; c++ {
		t[c] = c
	}
	for c := byte('a'); c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = c, c
	}
	return t
}()

// removeRepeats drops a second copy of the body and then any line that
// repeats an earlier kept line.
func (c *Cleaner) removeRepeats(lines []line, text string) {
	// Positions of each key among the lines, ascending.
	pos := make(map[uint64][]int, len(lines))
	var scratch []byte
	for i := range lines {
		l := &lines[i]
		if l.rule != "" {
			continue
		}
		l.key, scratch = c.lineKey(text[l.text.Start:l.text.End], scratch)
		if l.key != 0 {
			pos[l.key] = append(pos[l.key], i)
		}
	}
	c.removeBodyCopy(lines, pos)
	seen := make(map[uint64]bool, len(pos))
	for i := range lines {
		l := &lines[i]
		if l.rule != "" || l.key == 0 {
			continue
		}
		// Rule: a long line seen before in the document goes; a pull quote
		// or a paragraph a template printed twice adds nothing. Lines of a
		// hard-wrapped paragraph are fragments, not paragraphs, and stay.
		if seen[l.key] && l.text.Len() >= c.opt.MinRepeatLen && !l.wrapped && !(i+1 < len(lines) && lines[i+1].wrapped) {
			l.rule = "repeated-line"
			continue
		}
		seen[l.key] = true
	}
}

// removeBodyCopy finds stretches of lines that repeat earlier lines in the
// same order and drops them whole, keeping the first copy.
//
// Example: a scraped page holding the article twice, the second time with
// a caption and an ad label between its paragraphs. The second copy starts
// at a line seen before; it goes on while each following line matches a
// later line of the first copy, tolerating up to MaxCopyGap new lines in
// between. Once MinCopyRun lines have matched, the whole stretch, short
// lines and interleaved lines included, is the copy.
func (c *Cleaner) removeBodyCopy(lines []line, pos map[uint64][]int) {
	for i := 0; i < len(lines); {
		l := &lines[i]
		if l.rule != "" || l.key == 0 || pos[l.key][0] >= i {
			i++
			continue
		}
		q := pos[l.key][0] // the line of the first copy matched last
		matched, last, gap := 1, i, 0
		for j := i + 1; j < len(lines) && gap <= c.opt.MaxCopyGap; j++ {
			lj := &lines[j]
			if lj.rule != "" {
				continue
			}
			if r := nextPos(pos[lj.key], q, i); lj.key != 0 && r >= 0 {
				q, matched, last, gap = r, matched+1, j, 0
				continue
			}
			gap++
		}
		if matched < c.opt.MinCopyRun {
			i++
			continue
		}
		for j := i; j <= last; j++ {
			if lines[j].rule == "" {
				lines[j].rule = "body-copy"
			}
		}
		i = last + 1
	}
}

// nextPos returns the first position in ps greater than after and less
// than before, or -1.
func nextPos(ps []int, after, before int) int {
	k := sort.SearchInts(ps, after+1)
	if k < len(ps) && ps[k] < before {
		return ps[k]
	}
	return -1
}
