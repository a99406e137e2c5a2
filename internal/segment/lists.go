package segment

import (
	_ "embed"
	"fmt"
	"strings"
)

//go:embed abbreviations.txt
var abbreviationsTxt string

//go:embed starters.txt
var startersTxt string

// abbrClass says when an abbreviation may end a sentence; see
// abbreviations.txt.
type abbrClass uint8

const (
	abbrPlain abbrClass = iota // ends one before a sentence starter
	abbrTitle                  // never ends one
	abbrEnd                    // ends one before any capital
)

// abbr is one entry of abbreviations.txt. An entry written with a capital
// ("No.", "Sat.") only matches a capitalised word, so "said no." and "the
// delegation sat." still end sentences; one written in lower case
// ("etc.", "a.m.") matches any case.
type abbr struct {
	class   abbrClass
	capital bool
}

// maxAbbrLen bounds an abbreviation's length so lookups can fold case in
// a stack buffer.
const maxAbbrLen = 16

// The parsed embedded lists. They are read-only after initialisation.
var (
	defaultAbbr     = mustParse(parseAbbreviations(abbreviationsTxt))
	defaultStarters = mustParse(parseStarters(startersTxt))
)

// mustParse panics on a malformed embedded list; TestEmbeddedListsParse
// keeps that from ever reaching a user.
func mustParse[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// parseAbbreviations reads the abbreviations.txt format.
func parseAbbreviations(src string) (map[string]abbr, error) {
	m := make(map[string]abbr)
	for n, line := range strings.Split(src, "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		a := strings.ToLower(f[0])
		capital := a != f[0] && f[0][0] >= 'A' && f[0][0] <= 'Z'
		if !strings.HasSuffix(a, ".") || len(a) < 2 || len(a) > maxAbbrLen || len(f) > 2 {
			return nil, fmt.Errorf("parse abbreviations line %d: want \"Abbr. [class]\", got %q", n+1, line)
		}
		cl := abbrPlain
		if len(f) == 2 {
			switch f[1] {
			case "title":
				cl = abbrTitle
			case "end":
				cl = abbrEnd
			default:
				return nil, fmt.Errorf("parse abbreviations line %d: unknown class %q", n+1, f[1])
			}
		}
		m[a] = abbr{class: cl, capital: capital}
	}
	return m, nil
}

// parseStarters reads starters.txt: one word a line.
func parseStarters(src string) (map[string]bool, error) {
	m := make(map[string]bool)
	for n, line := range strings.Split(src, "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		f := strings.Fields(line)
		switch len(f) {
		case 0:
			continue
		case 1:
			m[f[0]] = true
		default:
			return nil, fmt.Errorf("parse starters line %d: want one word, got %q", n+1, line)
		}
	}
	return m, nil
}
