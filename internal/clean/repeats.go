package clean

import (
	"hash/maphash"
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
	var scratch []byte
	for i := range lines {
		if l := &lines[i]; l.rule == "" {
			l.key, scratch = c.lineKey(text[l.text.Start:l.text.End], scratch)
		}
	}
	// Occurrences of each key as a chain: first[key] is the earliest line,
	// next[i] the following line with the same key (or -1). Built
	// backwards so chains run in line order, without a slice per key.
	first := make(map[uint64]int32, len(lines))
	next := make([]int32, len(lines))
	for i := len(lines) - 1; i >= 0; i-- {
		next[i] = -1
		k := lines[i].key
		if k == 0 || lines[i].rule != "" {
			continue
		}
		if f, ok := first[k]; ok {
			next[i] = f
		}
		first[k] = int32(i)
	}
	occ := chains{first: first, next: next}
	c.removeBodyCopy(lines, occ)
	for i := range lines {
		l := &lines[i]
		if l.rule != "" || l.key == 0 || l.text.Len() < c.opt.MinRepeatLen {
			continue
		}
		// Rule: a long line seen before in the document goes; a pull quote
		// or a paragraph a template printed twice adds nothing. Lines of a
		// hard-wrapped paragraph are fragments, not paragraphs, and stay.
		if l.wrapped || i+1 < len(lines) && lines[i+1].wrapped {
			continue
		}
		for p := occ.first[l.key]; p >= 0 && int(p) < i; p = occ.next[p] {
			if lines[p].rule == "" {
				l.rule = "repeated-line"
				break
			}
		}
	}
}

// chains lists the lines sharing each key, in order.
type chains struct {
	first map[uint64]int32
	next  []int32
}

// after returns the first line with key k after line a and before line b,
// or -1.
func (c chains) after(k uint64, a, b int) int {
	if k == 0 {
		return -1
	}
	p, ok := c.first[k]
	if !ok {
		return -1
	}
	for ; p >= 0 && int(p) <= a; p = c.next[p] {
	}
	if p >= 0 && int(p) < b {
		return int(p)
	}
	return -1
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
func (c *Cleaner) removeBodyCopy(lines []line, occ chains) {
	for i := 0; i < len(lines); {
		l := &lines[i]
		q := -1
		if l.rule == "" && l.key != 0 {
			q = occ.after(l.key, -1, i) // the line of the first copy matched last
		}
		if q < 0 {
			i++
			continue
		}
		matched, last, gap := 1, i, 0
		for j := i + 1; j < len(lines) && gap <= c.opt.MaxCopyGap; j++ {
			lj := &lines[j]
			if lj.rule != "" {
				continue
			}
			if r := occ.after(lj.key, q, i); r >= 0 {
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
