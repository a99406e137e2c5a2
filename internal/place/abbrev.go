package place

import (
	_ "embed"
	"strings"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/place/gazetteer"
)

//go:embed data/abbreviations.tsv
var abbreviationsTSV string

// parentAbbrevs reads data/abbreviations.tsv into the divisions each
// abbreviation may stand for. A line whose division the gazetteer does
// not know is skipped (TestEveryAbbreviationNamesADivision checks the
// shipped file).
func parentAbbrevs(g *gazetteer.Gazetteer, txt string) map[string][]int32 {
	out := map[string][]int32{}
	for _, l := range strings.Split(txt, "\n") {
		if l == "" || l[0] == '#' {
			continue
		}
		f := strings.Split(l, "\t")
		if len(f) != 3 {
			continue
		}
		if i := division(g, f[2], f[1]); i >= 0 {
			out[f[0]] = append(out[f[0]], i)
		}
	}
	return out
}

// division returns the first-level division of country called name, or
// -1.
func division(g *gazetteer.Gazetteer, name, country string) int32 {
	for _, c := range g.Lookup(name) {
		if e := g.Entry(c.Entry); !c.Demonym && e.IsAdmin1() && e.Country == country {
			return c.Entry
		}
	}
	return -1
}

// addParentAbbrevs adds the division abbreviations that stand as a
// place's parent: "Lucknow, UP", "Kochi (Ernakulam, KL)", "Campinas
// (SP)". An abbreviation is read only right after a comma or an opening
// bracket that follows a place (maybe with a type word or one unknown
// name between: "Kochi (Ernakulam, KL)"), written in capitals, and
// ending the names there: "Lucknow, UP Police said" is left alone. Run
// it after the recognition rules, which drop short capitals as
// acronyms, and before link, which reads the hierarchy.
func (s *scan) addParentAbbrevs() {
	abbrevs := s.p.abbrevs
	if len(abbrevs) == 0 || len(s.mentions) == 0 {
		return
	}
	var added []mention
	k := 0 // the first mention not before t
	for t := 1; t < len(s.toks); t++ {
		tok := s.toks[t]
		if tok.Kind != doc.Word || tok.End-tok.Start > 4 {
			continue
		}
		if p := s.word(t - 1); p != "," && p != "(" {
			continue // most short words: no look-up
		}
		divs, ok := abbrevs[s.text[tok.Start:tok.End]]
		if !ok {
			continue
		}
		for k < len(s.mentions) && s.mentions[k].span.End <= tok.Start {
			k++
		}
		if k == 0 || k < len(s.mentions) && s.mentions[k].span.Start < tok.End && s.mentions[k].span != tok.Span {
			continue // no place before it, or inside a longer name
		}
		prev := &s.mentions[k-1]
		if gap := s.text[prev.span.End:tok.Start]; len(gap) > 40 || strings.ContainsAny(gap, ".;:\n") || prev.demonym {
			continue
		}
		if n := t + 1; n < len(s.toks) && s.toks[n].Kind == doc.Word && s.isCap(n) && s.sameLine(t, n) {
			continue // "Lucknow, UP Police"
		}
		if !s.mayHold(prev, divs) {
			continue // "NEWARK, N.J. (AP)" is the agency
		}
		if k < len(s.mentions) && s.mentions[k].span == tok.Span {
			// a name the rules kept ("CA" as a town): the divisions
			// join its candidates
			m := &s.mentions[k]
			n0 := len(s.cands)
			s.cands = append(s.cands, m.cands...)
			for _, i := range divs {
				s.cands = append(s.cands, gazetteer.Candidate{Entry: i, Curated: true})
			}
			m.cands = s.cands[n0:len(s.cands):len(s.cands)]
			m.known = 0
			continue
		}
		kt := s.tokKey[t]
		if kt < 0 {
			continue
		}
		n0 := len(s.cands)
		for _, i := range divs {
			s.cands = append(s.cands, gazetteer.Candidate{Entry: i, Curated: true})
		}
		added = append(added, mention{first: t, last: t, k0: kt, k1: kt + 1, parent: -1, entry: -1,
			span: tok.Span, cands: s.cands[n0:len(s.cands):len(s.cands)]})
	}
	if len(added) == 0 {
		return
	}
	// merge, keeping the mentions in text order
	out := make([]mention, 0, len(s.mentions)+len(added))
	i := 0
	for _, a := range added {
		for i < len(s.mentions) && s.mentions[i].span.Start < a.span.Start {
			out = append(out, s.mentions[i])
			i++
		}
		out = append(out, a)
	}
	out = append(out, s.mentions[i:]...)
	s.mentions = append(s.mentions[:0], out...)
}

// mayHold reports whether one of divs holds a candidate of m.
func (s *scan) mayHold(m *mention, divs []int32) bool {
	for _, c := range m.cands {
		e := s.g.Entry(c.Entry)
		for _, d := range divs {
			if inside(e, s.g.Entry(d)) {
				return true
			}
		}
	}
	return false
}
