// Package dedup finds near-duplicate documents: syndicated copies of one
// wire story that differ in headline, byline and page furniture.
//
// A document's fingerprint is a 64-bit SimHash over the overlapping word
// 4-grams (shingles) of its text, normalised to lower case without
// punctuation. Similar texts share most shingles, so most of the 64
// per-bit votes come out the same and the fingerprints differ in few bits;
// the Hamming distance between fingerprints estimates how different the
// texts are. Exact copies are found by the caller through Document.Hash.
//
// Index finds, among many fingerprints, one within the threshold without
// comparing against all of them: by the pigeonhole principle, two 64-bit
// values that differ in at most k bits agree exactly on at least one of
// k+1 disjoint bands, so each band value is an index key.
package dedup

import (
	"context"
	"math/bits"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep/internal/doc"
)

// DefaultThreshold is the largest Hamming distance at which two
// fingerprints are near duplicates. TestThresholdSeparatesCopiesFromOtherStories
// measures it on the fixtures in testdata/stories: a wire story
// republished with another headline, byline and boilerplate, trimmed of
// its last paragraph or lightly edited is 7 to 9 bits from the original;
// different stories about the same town, week and fighting are 30 or more
// apart. 12 leaves room for copies that differ a little more, while two
// unrelated fingerprints (about 32 bits apart, binomially) fall within 12
// bits with probability about 2e-7, so a store of 10,000 documents yields
// a false match for about one new document in 500,000.
const DefaultThreshold = 12

// MinWords is the fewest words a text needs for a fingerprint. A shorter
// text (a headline, a caption, an empty page) has fewer than five
// shingles: its SimHash rests on a handful of votes, so unrelated short
// texts land within the threshold by chance. Such texts get fingerprint 0,
// which is never near anything; their exact copies are still caught by
// Document.Hash.
const MinWords = 8

// shingle is the number of words per shingle. Four words are specific
// enough that two different stories on one topic share few of them, and
// short enough that an edited word only changes four shingles.
const shingle = 4

// Fingerprinter is the dedup pipeline stage: it sets Document.Fingerprint.
// It holds no state and is safe for concurrent use.
type Fingerprinter struct{}

// New returns a Fingerprinter.
func New() *Fingerprinter { return &Fingerprinter{} }

// Name implements pipeline.Stage.
func (f *Fingerprinter) Name() string { return "dedup" }

// Process sets d.Fingerprint to the SimHash of d.Text and d.Anchors to
// the hashes of its long paragraphs.
func (f *Fingerprinter) Process(ctx context.Context, d *doc.Document) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	d.Fingerprint = SimHash(d.Text)
	d.Anchors = Anchors(d)
	return nil
}

// Distance is the Hamming distance between two fingerprints.
func Distance(a, b uint64) int { return bits.OnesCount64(a ^ b) }

// Near reports whether two fingerprints are near duplicates: both set and
// at most DefaultThreshold bits apart.
func Near(a, b uint64) bool {
	return a != 0 && b != 0 && Distance(a, b) <= DefaultThreshold
}

// SimHash returns the 64-bit SimHash of the word 4-gram shingles of text,
// or 0 for a text of fewer than MinWords words.
func SimHash(text string) uint64 {
	var (
		// Each shingle votes on every bit. Counting set bits in 8-bit
		// lanes (acc[j] holds bits j, j+8, ... of byte lane j) costs 8
		// additions a shingle instead of 64; lanes are flushed into ones
		// before they can overflow.
		ones  [64]int32
		acc   [8]uint64
		inAcc int
		ring  [shingle]uint64
		words int
	)
	flush := func() {
		for j := 0; j < 8; j++ {
			for b := 0; b < 8; b++ {
				ones[j*8+b] += int32(acc[j] >> (8 * b) & 0xFF)
			}
			acc[j] = 0
		}
		inAcc = 0
	}
	for i := 0; i < len(text); {
		h, end, ok := nextWord(text, i)
		if !ok {
			break
		}
		i = end
		ring[words%shingle] = h
		words++
		if words < shingle {
			continue
		}
		// Combine the last four word hashes in order.
		var x uint64
		for k := 0; k < shingle; k++ {
			x = x*0x9E3779B97F4A7C15 + ring[(words+k)%shingle]
		}
		x = mix(x)
		for j := 0; j < 8; j++ {
			acc[j] += spread[x>>(8*j)&0xFF]
		}
		if inAcc++; inAcc == 255 {
			flush()
		}
	}
	if words < MinWords {
		return 0
	}
	flush()
	shingles := int32(words - shingle + 1)
	var fp uint64
	for b := 0; b < 64; b++ {
		if 2*ones[b] > shingles {
			fp |= 1 << b
		}
	}
	if fp == 0 {
		fp = 1 // 0 means "no fingerprint"; a real text keeps one
	}
	return fp
}

// nextWord finds the next word at or after i and returns its hash. A word
// is a run of letters and digits, lower-cased; apostrophes inside it are
// skipped, so "Assad’s" and "Assads" (as some corpora strip them) are one
// word, and every other character separates words.
func nextWord(text string, i int) (h uint64, end int, ok bool) {
	const (
		offset = 14695981039346656037
		prime  = 1099511628211
	)
	h = offset
	n := 0
	for i < len(text) {
		c := text[i]
		var r rune
		size := 1
		if c < utf8.RuneSelf {
			switch {
			case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
				r = rune(c)
			case c >= 'A' && c <= 'Z':
				r = rune(c + 'a' - 'A')
			case c == '\'' && n > 0:
				i++
				continue
			default:
				r = -1
			}
		} else {
			r, size = utf8.DecodeRuneInString(text[i:])
			switch {
			case r == '’' && n > 0:
				i += size
				continue
			case unicode.IsLetter(r) || unicode.IsDigit(r):
				r = unicode.ToLower(r)
			default:
				r = -1
			}
		}
		if r < 0 {
			if n > 0 {
				return h, i, true
			}
			i += size
			continue
		}
		h = (h ^ uint64(r)) * prime
		n++
		i += size
	}
	return h, i, n > 0
}

// spread[v] puts bit b of the byte v into the low bit of byte b, so adding
// spread values counts each bit position in its own 8-bit lane.
var spread = func() (t [256]uint64) {
	for v := 0; v < 256; v++ {
		for b := 0; b < 8; b++ {
			if v>>b&1 != 0 {
				t[v] |= 1 << (8 * b)
			}
		}
	}
	return t
}()

// mix is the splitmix64 finaliser: FNV word hashes combined linearly are
// not uniform enough per bit for voting.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xBF58476D1CE4E5B9
	x ^= x >> 27
	x *= 0x94D049BB133111EB
	x ^= x >> 31
	return x
}
