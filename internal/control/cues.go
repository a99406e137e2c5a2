package control

import (
	_ "embed"
	"fmt"
	"strings"
	"unicode"
)

//go:embed data/cues.tsv
var cuesTSV string

// Kind is what a statement says about control of a place.
type Kind string

// The kinds of control statement, from data/cues.tsv.
const (
	// Captured: the holder took the place ("seized", "regained", "fell to").
	Captured Kind = "captured"
	// Withdrew: the holder left it ("pulled out", "retreated").
	Withdrew Kind = "withdrew"
	// Entered: the holder's forces went in, without saying they hold it.
	Entered Kind = "entered"
	// HeldSince: background, the holder has held it for a while.
	HeldSince Kind = "held since"
	// ClaimsToHold: the holder (usually through its own channel) says it
	// still holds the place or part of it ("only repositioned").
	ClaimsToHold Kind = "claims to hold"
)

var kindNames = map[string]Kind{
	"captured": Captured, "withdrew": Withdrew, "entered": Entered,
	"held-since": HeldSince, "claims-to-hold": ClaimsToHold,
}

// Stance is what a kind says about a change of hands: a capture, entry or
// withdrawal says the place changed hands, a claim to hold says it did
// not. Background ("held since") takes no side on a particular event.
func (k Kind) Stance() string {
	switch k {
	case Captured, Withdrew, Entered:
		return "changed hands"
	case ClaimsToHold:
		return "still held"
	}
	return ""
}

// cue is one line of data/cues.tsv.
type cue struct {
	kind  Kind
	words []string // "*" is a gap of up to maxGap words
}

const maxGap = 6

// Cues is a parsed cue list. The zero value matches nothing; Default
// returns the embedded one.
type Cues struct{ cues []cue }

// ParseCues reads a cue list in the format of data/cues.tsv. file names
// the source in errors.
func ParseCues(file, src string) (*Cues, error) {
	c := &Cues{}
	for i, line := range strings.Split(src, "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		kindName, phrase, ok := strings.Cut(line, "\t")
		kind, known := kindNames[strings.TrimSpace(kindName)]
		if !ok || !known {
			return nil, fmt.Errorf("parse %s line %d: want a kind (%s) and a phrase separated by a tab", file, i+1, "claims-to-hold, held-since, captured, withdrew, entered")
		}
		words := words(phrase)
		if len(words) == 0 || words[0] == "*" || words[len(words)-1] == "*" {
			return nil, fmt.Errorf("parse %s line %d: phrase %q must start and end with a word", file, i+1, phrase)
		}
		c.cues = append(c.cues, cue{kind: kind, words: words})
	}
	return c, nil
}

// Default returns the embedded cue list.
func Default() *Cues {
	c, err := ParseCues("data/cues.tsv", cuesTSV)
	if err != nil {
		// The file is embedded at build time; any test catches a bad line.
		panic(err)
	}
	return c
}

// Classify returns the kind of the first cue, in file order, found in
// text: the order of the file, not of the sentence, decides, so a negated
// form listed first wins over the verb it contains.
func (c *Cues) Classify(text string) (Kind, bool) {
	ws := words(text)
	for _, q := range c.cues {
		for i := range ws {
			if matchAt(ws, i, q.words) {
				return q.kind, true
			}
		}
	}
	return "", false
}

// matchAt reports whether pattern matches ws starting at word i.
func matchAt(ws []string, i int, pattern []string) bool {
	if len(pattern) == 0 {
		return true
	}
	if pattern[0] == "*" {
		for gap := 0; gap <= maxGap && i+gap <= len(ws); gap++ {
			if matchAt(ws, i+gap, pattern[1:]) {
				return true
			}
		}
		return false
	}
	return i < len(ws) && ws[i] == pattern[0] && matchAt(ws, i+1, pattern[1:])
}

// words lowercases s and splits it into words at anything but letters,
// digits and "*"; curly and straight apostrophes split too, so "group's"
// is "group s".
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '*'
	})
}
