package merge

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep/internal/record"
)

//go:embed data/claimants.tsv
var claimantsTSV string

// Claimant kinds, as in record.Claimant.Kind.
const (
	KindParty     = "party"
	KindMonitor   = "monitor"
	KindWire      = "wire"
	KindOutlet    = "outlet"
	KindAnonymous = "anonymous"
	KindOther     = "other"
)

var claimantKinds = map[string]bool{
	KindParty: true, KindMonitor: true, KindWire: true, KindOutlet: true, KindAnonymous: true, KindOther: true,
}

// ClassifyFunc names and classifies a claimant the lexicon does not know:
// it returns a canonical name and one of the Kind… constants, or ok false.
// internal/app builds one from the actor dictionary, which this package
// does not import (stages know nothing of each other).
type ClassifyFunc func(claimedBy string) (name, kind string, ok bool)

// Lexicon classifies claimants by the phrases of data/claimants.tsv.
type Lexicon struct{ entries []lexEntry }

type lexEntry struct {
	kind, name string
	words      []string
	exact      bool // a short capitalised alias: matches only in capitals
}

// ParseLexicon reads a claimant lexicon in the format of
// data/claimants.tsv; file names the source in errors.
func ParseLexicon(file, src string) (*Lexicon, error) {
	l := &Lexicon{}
	for i, line := range strings.Split(src, "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 || !claimantKinds[f[0]] || f[1] == "" {
			return nil, fmt.Errorf("parse %s line %d: want kind, name and aliases separated by tabs, kind one of party, monitor, wire, outlet, anonymous, other", file, i+1)
		}
		for _, a := range strings.Split(f[2], "|") {
			exact := isShortCaps(a)
			ws := claimWords(a, !exact)
			if len(ws) == 0 {
				continue
			}
			l.entries = append(l.entries, lexEntry{kind: f[0], name: f[1], words: ws, exact: exact})
		}
	}
	return l, nil
}

// DefaultLexicon returns the embedded lexicon.
func DefaultLexicon() *Lexicon {
	l, err := ParseLexicon("data/claimants.tsv", claimantsTSV)
	if err != nil {
		panic(err) // embedded at build time: any test catches a bad line
	}
	return l
}

// Classify returns the canonical name and kind of the longest alias found
// in claimedBy (ties to the earlier line).
func (l *Lexicon) Classify(claimedBy string) (name, kind string, ok bool) {
	lower, exact := claimWords(claimedBy, true), claimWords(claimedBy, false)
	best := -1
	for i, e := range l.entries {
		ws := lower
		if e.exact {
			ws = exact
		}
		if (best < 0 || len(e.words) > len(l.entries[best].words)) && contains(ws, e.words) {
			best = i
		}
	}
	if best < 0 {
		return "", "", false
	}
	return l.entries[best].name, l.entries[best].kind, true
}

func contains(ws, sub []string) bool {
	for i := 0; i+len(sub) <= len(ws); i++ {
		if slices.Equal(ws[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}

func claimWords(s string, lower bool) []string {
	if lower {
		s = strings.ToLower(s)
	}
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

func isShortCaps(a string) bool {
	n := 0
	for _, r := range a {
		if r == '.' {
			continue
		}
		if !unicode.IsUpper(r) {
			return false
		}
		n++
	}
	return n > 0 && n <= 4 && utf8.RuneCountInString(a) <= 6
}

// classifier caches claimant classification for one Merge call: a corpus
// names the same few claimants over and over.
type classifier struct {
	lex      *Lexicon
	fallback ClassifyFunc
	cache    map[string][2]string
}

func (c *classifier) classify(claimedBy string) (name, kind string) {
	if v, ok := c.cache[claimedBy]; ok {
		return v[0], v[1]
	}
	name, kind, ok := c.lex.Classify(claimedBy)
	if !ok && c.fallback != nil {
		name, kind, ok = c.fallback(claimedBy)
		ok = ok && claimantKinds[kind]
	}
	if !ok {
		name, kind = strings.TrimSpace(claimedBy), KindOther
	}
	c.cache[claimedBy] = [2]string{name, kind}
	return name, kind
}

// origin is what one report rests on: the primary source it cites, or its
// own outlet's reporting.
type origin struct {
	key, name, kind string
	secondHand      bool
}

func (c *classifier) origin(r record.Report) origin {
	if r.ClaimedBy == nil || strings.TrimSpace(*r.ClaimedBy) == "" {
		return origin{key: "doc\x00" + r.Doc, name: r.Doc, kind: KindOutlet, secondHand: r.Modality == "alleged"}
	}
	name, kind := c.classify(*r.ClaimedBy)
	o := origin{key: "src\x00" + strings.ToLower(name), name: name, kind: kind,
		secondHand: r.Modality == "alleged" || kind == KindAnonymous}
	if kind == KindOther || kind == KindAnonymous {
		// An unnamed source or a witness cannot be shown to be the same
		// as another outlet's, nor independent of the outlet quoting it:
		// it counts as that outlet's own reporting.
		o.key = "doc\x00" + r.Doc
	}
	return o
}

// corroborate computes an event's sources from its reports: distinct
// outlets, distinct primary sources, claimants, and whether the event and
// its fatality figures rest on one source, on parties only, or on
// second-hand claims only.
func (c *classifier) corroborate(ev *record.Event) {
	outlets := map[string]bool{}
	claimants := map[string]*record.Claimant{}
	var all, figures []origin
	for _, r := range ev.Reports {
		outlets[r.Doc] = true
		o := c.origin(r)
		all = append(all, o)
		if r.Fatalities != nil && (r.Fatalities.Min != nil || r.Fatalities.Max != nil) {
			figures = append(figures, o)
		}
		if r.ClaimedBy == nil || strings.TrimSpace(*r.ClaimedBy) == "" {
			continue // the outlet itself, counted in Outlets
		}
		cl := claimants[o.name]
		if cl == nil {
			cl = &record.Claimant{Name: o.name, Kind: o.kind}
			claimants[o.name] = cl
		}
		cl.Reports++
	}
	if len(ev.Reports) == 0 {
		return
	}
	s := &record.Sources{Outlets: len(outlets), Claimants: []record.Claimant{}}
	b := basis(all)
	s.Independent = b.Independent
	for _, cl := range claimants {
		s.Claimants = append(s.Claimants, *cl)
	}
	slices.SortFunc(s.Claimants, func(a, b record.Claimant) int { return strings.Compare(a.Name, b.Name) })
	if len(figures) > 0 {
		fb := basis(figures)
		s.Fatalities = &fb
	}
	ev.Sources = s
	ev.SingleSource, ev.PartisanOnly, ev.SecondHand = b.SingleSource, b.PartisanOnly, b.SecondHand
}

func basis(os []origin) record.Basis {
	keys := map[string]bool{}
	partisan, second := true, true
	for _, o := range os {
		keys[o.key] = true
		partisan = partisan && o.kind == KindParty
		second = second && o.secondHand
	}
	return record.Basis{Independent: len(keys), SingleSource: len(keys) == 1, PartisanOnly: partisan, SecondHand: second}
}
