package dedup

import (
	"hash/fnv"
	"slices"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep/internal/doc"
)

// MinAnchorWords is the fewest words a paragraph needs to be an anchor:
// shorter ones ("Share this article", a one-line quote) recur across
// unrelated stories.
const MinAnchorWords = 12

// MaxAnchors caps the anchors kept per document (the longest paragraphs),
// so a very long page costs a bounded number of index rows.
const MaxAnchors = 16

// Anchors returns the anchors of d: for each of its longest paragraphs of
// at least MinAnchorWords words, a 64-bit FNV-1a hash of the paragraph's
// words, lower-cased, without punctuation, so that copies that differ only
// in quotes, dashes or spacing share them. The result is sorted.
func Anchors(d *doc.Document) []uint64 {
	type para struct {
		h     uint64
		words int
	}
	var ps []para
	for _, sp := range d.Paragraphs {
		h, words := normalisedHash(d.Slice(sp))
		if words >= MinAnchorWords {
			ps = append(ps, para{h, words})
		}
	}
	slices.SortStableFunc(ps, func(a, b para) int { return b.words - a.words })
	if len(ps) > MaxAnchors {
		ps = ps[:MaxAnchors]
	}
	out := make([]uint64, 0, len(ps))
	for _, p := range ps {
		out = append(out, p.h)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// normalisedHash hashes the words of s (letters and digits, lower-cased,
// one space between words) and counts them.
func normalisedHash(s string) (uint64, int) {
	h := fnv.New64a()
	var buf [utf8.UTFMax]byte
	words, inWord := 0, false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if !inWord && words > 0 {
				h.Write([]byte{' '})
			}
			if !inWord {
				words++
			}
			inWord = true
			n := utf8.EncodeRune(buf[:], unicode.ToLower(r))
			h.Write(buf[:n])
			continue
		}
		inWord = false
	}
	return h.Sum64(), words
}
