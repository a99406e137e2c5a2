package quantity

import (
	"bufio"
	_ "embed"
	"fmt"
	"strings"
)

//go:embed data/lexicon.tsv
var lexiconTSV string

// lexicon holds the word classes of data/lexicon.tsv. A phrase is stored
// under its space-joined keys, as the scanner produces them.
type lexicon struct {
	classes map[string]map[string]bool // class -> phrase -> true
	// ids numbers the classes; words holds, per word, which classes have
	// it as a phrase's first or last word or as a whole phrase, so a word
	// is looked up once and most positions are rejected without building
	// a phrase key.
	ids    map[string]int
	byID   []map[string]bool
	words  map[string]*wordInfo
	maxLen int // longest phrase, in words

	// The classes the stage asks about, resolved once (-1: absent).
	people, not, mixed, part, tally, tallyBig, killedAfter, update int
	after, before, toll                                            [len(categories)]int
}

// wordInfo is a word's class membership, one bit per class id, and
// whether a count can start with it ("twelve", "dozens", "a").
type wordInfo struct {
	first, last, single uint64
	count               bool
}

// maxClasses is how many classes the bit sets hold.
const maxClasses = 64

// LexiconError locates a malformed line of the lexicon.
type LexiconError struct {
	Line int
	Text string
}

func (e *LexiconError) Error() string {
	return fmt.Sprintf("quantity lexicon line %d: want CLASS<TAB>phrase|phrase, got %q", e.Line, e.Text)
}

func parseLexicon(src string) (*lexicon, error) {
	lx := &lexicon{
		classes: make(map[string]map[string]bool),
		ids:     make(map[string]int),
		words:   make(map[string]*wordInfo),
	}
	info := func(key string) *wordInfo {
		w := lx.words[key]
		if w == nil {
			w = &wordInfo{}
			lx.words[key] = w
		}
		return w
	}
	sc := bufio.NewScanner(strings.NewReader(src))
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		class, list, ok := strings.Cut(line, "\t")
		if !ok || class == "" {
			return nil, &LexiconError{Line: n, Text: line}
		}
		m := lx.classes[class]
		if m == nil {
			if len(lx.ids) == maxClasses {
				return nil, &LexiconError{Line: n, Text: line}
			}
			m = make(map[string]bool)
			lx.classes[class] = m
			lx.ids[class] = len(lx.ids)
			lx.byID = append(lx.byID, m)
		}
		bit := uint64(1) << lx.ids[class]
		for _, p := range strings.Split(list, "|") {
			ws := scan(p, 0, len(p))
			if len(ws) == 0 {
				continue
			}
			keys := make([]string, len(ws))
			for i, w := range ws {
				keys[i] = w.key
			}
			m[strings.Join(keys, " ")] = true
			info(keys[0]).first |= bit
			info(keys[len(keys)-1]).last |= bit
			if len(keys) == 1 {
				info(keys[0]).single |= bit
			}
			lx.maxLen = max(lx.maxLen, len(keys))
		}
	}
	// Counts in words start with a number word or an article ("a dozen",
	// "a soldier", "another civilian").
	for _, m := range []map[string]int{unitWords, tensWords, scaleWords, vagueWords} {
		for k := range m {
			info(k).count = true
		}
	}
	for _, k := range []string{"zero", "dozen", "a", "an", "another", "his", "her"} {
		info(k).count = true
	}
	id := func(class string) int {
		if i, ok := lx.ids[class]; ok {
			return i
		}
		return -1
	}
	lx.people, lx.not, lx.mixed, lx.part, lx.tally = id("people"), id("not"), id("mixed"), id("part"), id("tally")
	lx.killedAfter, lx.update, lx.tallyBig = id("killed.after"), id("update"), id("tally.big")
	for i, c := range categories {
		lx.after[i], lx.before[i], lx.toll[i] = id(c+".after"), id(c+".before"), id(c+".toll")
	}
	return lx, sc.Err()
}

// annotate looks every word up once.
func (lx *lexicon) annotate(ws []word) {
	for i := range ws {
		if w := lx.words[ws[i].key]; w != nil {
			ws[i].info = *w
		}
	}
}

// has reports whether the word is on its own a phrase of class c.
func (lx *lexicon) has(c int, w word) bool { return c >= 0 && w.info.single&(1<<c) != 0 }

// endingAt returns the length in words of the longest phrase of class c
// that ends with ws[i], or 0.
func (lx *lexicon) endingAt(c int, ws []word, i int) int {
	if c < 0 || ws[i].info.last&(1<<c) == 0 {
		return 0
	}
	m := lx.byID[c]
	best := 0
	var b strings.Builder
	for n := 1; n <= lx.maxLen && i-n+1 >= 0; n++ {
		b.Reset()
		for k := i - n + 1; k <= i; k++ {
			if k > i-n+1 {
				b.WriteByte(' ')
			}
			b.WriteString(ws[k].key)
		}
		if m[b.String()] {
			best = n
		}
	}
	return best
}

// startingAt returns the length in words of the longest phrase of class c
// that starts with ws[i], or 0.
func (lx *lexicon) startingAt(c int, ws []word, i int) int {
	if c < 0 || ws[i].info.first&(1<<c) == 0 {
		return 0
	}
	m := lx.byID[c]
	best := 0
	var b strings.Builder
	for n := 1; n <= lx.maxLen && i+n <= len(ws); n++ {
		if n > 1 {
			b.WriteByte(' ')
		}
		b.WriteString(ws[i+n-1].key)
		if m[b.String()] {
			best = n
		}
	}
	return best
}
