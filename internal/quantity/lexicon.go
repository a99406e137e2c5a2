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
	// firsts and lasts hold each class's first and last words, so most
	// positions are rejected without building a phrase key.
	firsts, lasts map[string]map[string]bool
	maxLen        int // longest phrase, in words
}

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
		firsts:  make(map[string]map[string]bool),
		lasts:   make(map[string]map[string]bool),
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
			m = make(map[string]bool)
			lx.classes[class] = m
			lx.firsts[class] = make(map[string]bool)
			lx.lasts[class] = make(map[string]bool)
		}
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
			lx.firsts[class][keys[0]] = true
			lx.lasts[class][keys[len(keys)-1]] = true
			lx.maxLen = max(lx.maxLen, len(keys))
		}
	}
	return lx, sc.Err()
}

// has reports whether the single word key is in class.
func (lx *lexicon) has(class, key string) bool { return lx.classes[class][key] }

// endingAt returns the length in words of the longest phrase of class that
// ends with ws[i], or 0.
func (lx *lexicon) endingAt(class string, ws []word, i int) int {
	if !lx.lasts[class][ws[i].key] {
		return 0
	}
	m := lx.classes[class]
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

// startingAt returns the length in words of the longest phrase of class that
// starts with ws[i], or 0.
func (lx *lexicon) startingAt(class string, ws []word, i int) int {
	if !lx.firsts[class][ws[i].key] {
		return 0
	}
	m := lx.classes[class]
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
