package place

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/place/gazetteer"
)

// Documents written all in lower case. Some data sets lower-case their
// text upstream ("rajkot: an unidentified caller told the city police on
// wednesday ..."); recognition walks the name index from capitalised words
// only, so such a text would name no place at all. A document is caseless
// when almost none of its words starts with a capital (see isCaseless);
// the geoparser then capitalises the names it finds on strong evidence
// only, in a copy of the text of the same length (so every span still
// points into the original), and reads the copy as usual:
//
//   - a dateline: a name at a paragraph's start before a colon ("rajkot:");
//   - a name after a word that introduces a place ("in", "at", "near",
//     "from", "the village of", "the town of") or before a place's type
//     word ("district", "city", "village", "taluka", "police station",
//     "road");
//   - a name of two or more words the gazetteer spells so ("new delhi",
//     "uttar pradesh"), unless every word is a common English one;
//   - a name already taken in one of these contexts, anywhere else in the
//     document.
//
// A single word is never a common English word (data/english.txt: "police",
// "case" and "mob" name villages somewhere), a word of data/notplaces.txt or
// a given name, and it must be a place's own name with some population or
// a well-known place's folded name: a prior, since the cue says only that a
// place follows.

//go:generate go run ./gen/english -words /usr/share/dict/american-english -gaz gazetteer/data -out data/english.txt

// caselessShare bounds the share of capitalised words of a caseless
// document: one word in 25. News text capitalises one word in eight or
// more (one in 18 at the least, in the development sets and the control
// corpora); a lower-cased text keeps only a few, in a header or footer
// the data set or the page added ("This story is from March 10, 2002",
// "Facebook Twitter Linkedin Mail"). Where its sentences start in lower
// case, one word in ten.
const (
	caselessShare         = 25
	caselessShareLowStart = 10
)

// caselessMinWords is the fewest words a caseless document has: a short
// headline in lower case says too little to tell.
const caselessMinWords = 20

// isCaseless reports whether a document is (nearly) all lower case: at
// least caselessMinWords words starting with a letter, fewer than one in
// caselessShare of them capitalised, or fewer than one in
// caselessShareLowStart where at least three sentences follow a full stop
// and two in three of those start in lower case. It looks at each word's
// first byte only, so cased text costs one pass over the tokens.
func isCaseless(text string, toks []doc.Token) bool {
	words, caps, starts, lowStarts := 0, 0, 0, 0
	afterStop := false
	for _, t := range toks {
		if t.Start >= len(text) {
			continue
		}
		c := text[t.Start]
		if t.Kind != doc.Word {
			afterStop = t.End-t.Start == 1 && (c == '.' || c == '?' || c == '!')
			continue
		}
		switch {
		case 'a' <= c && c <= 'z':
			words++
			if afterStop {
				starts++
				lowStarts++
			}
		case 'A' <= c && c <= 'Z':
			words++
			caps++
			if afterStop {
				starts++
			}
		case c >= utf8.RuneSelf:
			words++ // a letter or not, it counts as a word in lower case
		}
		afterStop = false
	}
	if words < caselessMinWords {
		return false
	}
	return caps*caselessShare < words ||
		starts >= 3 && lowStarts*3 >= starts*2 && caps*caselessShareLowStart < words
}

// unit is a word, or a part of a hyphenated word, of a caseless document.
type unit struct {
	span doc.Span
	tok  int
	key  string
	// brk is set when punctuation comes before the unit: no name runs
	// over it.
	brk bool
	// starts is set when key starts a name of the gazetteer.
	starts bool
}

// placeCueWords introduce a place in a caseless document.
var placeCueWords = map[string]bool{
	"in": true, "at": true, "near": true, "from": true, "outside": true, "around": true,
	"into": true, "towards": true, "toward": true, "across": true,
}

// placeOfWords introduce a place after "of": "the village of X".
var placeOfWords = map[string]bool{
	"village": true, "villages": true, "town": true, "towns": true, "city": true, "district": true,
	"taluka": true, "outskirts": true, "state": true, "suburb": true,
}

// placeTypeAfter follow a place in a caseless document: "X district".
// "police" and "railway" count only before "station".
var placeTypeAfter = map[string]bool{
	"district": true, "city": true, "village": true, "taluka": true, "tehsil": true, "town": true,
	"road": true, "state": true, "province": true,
}

// recase returns text with the first letter of each word of the places
// found on strong evidence capitalised (see the comment at the top of this
// file), or text itself when it finds none. Only ASCII letters change, so
// the copy has the same length and offsets as text.
func (p *Geoparser) recase(s *scan, text string, toks []doc.Token) string {
	// units and keys are buffers of the scan, kept for the next
	// caseless document
	units := caselessUnits(s, text, toks)
	keys := slices.Grow(s.unitKeys[:0], len(units))[:len(units)]
	for i, u := range units {
		keys[i] = u.key
	}
	s.units, s.unitKeys = units, keys
	english := p.englishWords()
	matches := s.matches[:0]
	var cands []gazetteer.Candidate
	// a name does not end in a particle
	accept := func(end int) bool {
		return !isParticle(text[units[end-1].span.Start:units[end-1].span.End])
	}
	for i := 0; i < len(units); {
		if !units[i].starts || isParticle(text[units[i].span.Start:units[i].span.End]) {
			i++
			continue
		}
		limit := i + 1
		for limit < len(units) && limit-i < 5 && !units[limit].brk {
			limit++
		}
		end := p.g.LongestEnd(keys[:limit], i, accept)
		if end <= i {
			i++
			continue
		}
		name := text[units[i].span.Start:units[end-1].span.End]
		ev := p.caselessEvidence(text, toks, units, i, end, english)
		var mc []gazetteer.Candidate
		if ev != evNone {
			// most names found are common words, which no rule below
			// reads the candidates of: parsed only for the others
			n := len(cands)
			cands, _ = p.g.AppendLongest(cands, keys[:limit], i, accept)
			mc = cands[n:len(cands):len(cands)]
		}
		matches = append(matches, caselessMatch{i, end, name, ev, mc})
		i = end
	}
	s.matches = matches
	// The country the document's well-attested names are in: a name
	// matched only by its fold, or by the weaker evidence of its
	// length or a road, must have a candidate there (or be an area):
	// "geeta" is not Quito, "shah alam" not the Malaysian city.
	votes := map[string]int{}
	for _, m := range matches {
		if m.ev != evNone && m.ev != evLong && m.ev != evRoad {
			surface := lightFold(m.name)
			for _, c := range m.cands {
				if e := p.g.Entry(c.Entry); p.spelledPlace(e, surface, m.end-m.i == 1) {
					votes[e.Country]++
					break
				}
			}
		}
	}
	top, topVotes := "", 0
	for c, v := range votes {
		if v > topVotes || v == topVotes && c < top {
			top, topVotes = c, v
		}
	}
	accepted := map[string]bool{}
	for _, m := range matches {
		if m.ev == evNone || accepted[m.name] {
			continue
		}
		single := m.end-m.i == 1
		surface := lightFold(m.name)
		spelled, inTop := false, false
		for _, c := range m.cands {
			e := p.g.Entry(c.Entry)
			spelled = spelled || p.spelledPlace(e, surface, single)
			inTop = inTop || e.Country == top || e.IsCountry() || e.IsAdmin1() || e.Feature == gazetteer.FeatureContinent
		}
		switch {
		case !p.likelyPlace(m.name, m.cands, single):
		case (m.ev == evLong || m.ev == evRoad || !spelled) && !inTop && top != "":
		case m.ev == evRoad && !p.anyStrongEntry(m.cands):
		default:
			accepted[m.name] = true
		}
	}
	if len(accepted) == 0 {
		return text
	}
	// the copy is written once, from the text between the capitals: the
	// matches and their units come in text order
	var b strings.Builder
	b.Grow(len(text))
	from := 0
	for _, m := range matches {
		if !accepted[m.name] {
			continue
		}
		for j := m.i; j < m.end; j++ {
			u := units[j]
			w := text[u.span.Start:u.span.End]
			if j > m.i && isParticle(w) {
				continue // "ras al ain": Ras al Ain
			}
			if c := text[u.span.Start]; 'a' <= c && c <= 'z' {
				b.WriteString(text[from:u.span.Start])
				b.WriteByte(c - 'a' + 'A')
				from = u.span.Start + 1
			}
		}
	}
	b.WriteString(text[from:])
	return b.String()
}

// caselessMatch is a name of the gazetteer in a caseless document:
// units[i:end].
type caselessMatch struct {
	i, end int
	name   string
	ev     evidence
	// cands are the name's candidates, nil for evNone
	cands []gazetteer.Candidate
}

// evidence is what makes a caseless name a place.
type evidence uint8

const (
	evNone     evidence = iota
	evDateline          // "rajkot:" opening a paragraph
	evCue               // "in rajkot", "the village of ode"
	evType              // "rajkot district", "naroda police station"
	evRoad              // "ahmedabad-gandhinagar road": roads are named after people too
	evLong              // "new delhi": a name of two or more words anywhere
)

// caselessUnits splits the words of a caseless document into units, a
// hyphenated word into its parts, each with its folded key (stopKey for
// a part that folds to more than one key or none).
func caselessUnits(s *scan, text string, toks []doc.Token) []unit {
	units := slices.Grow(s.units[:0], len(toks))
	brk := true
	for t, tok := range toks {
		if tok.Kind != doc.Word {
			if w := text[tok.Start:tok.End]; w != "-" && w != "‐" {
				brk = true
			}
			continue
		}
		start := tok.Start
		for start < tok.End {
			end := start + indexHyphen(text[start:tok.End])
			if end < start {
				end = tok.End
			}
			if end > start {
				key, starts := s.unitKey(text[start:end])
				units = append(units, unit{span: doc.Span{Start: start, End: end}, tok: t, key: key, brk: brk, starts: starts})
				brk = false
			}
			start = end + 1
			if end < tok.End && text[end] != '-' {
				start = end + len("‐")
			}
		}
	}
	return units
}

// caselessEvidence returns the evidence that units[i:end], a name in the
// gazetteer, is a place by the caseless rules, or evNone.
func (p *Geoparser) caselessEvidence(text string, toks []doc.Token, units []unit, i, end int, english map[string]bool) evidence {
	name := text[units[i].span.Start:units[end-1].span.End]
	single := end-i == 1
	if single {
		if len(name) < 3 || english[name] || p.notPlaces[name] || p.given[name] {
			return evNone
		}
	} else {
		common := true
		for j := i; j < end && common; j++ {
			w := text[units[j].span.Start:units[j].span.End]
			common = english[w] || isParticle(w) || p.notPlaces[w]
		}
		if common {
			return evNone // "new town", "east end"
		}
	}
	first, last := units[i].tok, units[end-1].tok
	word := func(t int) string {
		if t < 0 || t >= len(toks) || toks[t].Kind != doc.Word {
			return ""
		}
		return text[toks[t].Start:toks[t].End]
	}
	wholeTokens := units[i].span.Start == toks[first].Start && units[end-1].span.End == toks[last].End
	// a dateline: "rajkot:" opening a paragraph
	if last+1 < len(toks) && text[toks[last+1].Start:toks[last+1].End] == ":" && wholeTokens &&
		(first == 0 || strings.Contains(text[toks[first-1].End:toks[first].Start], "\n")) {
		return evDateline
	}
	next := word(last + 1)
	if wholeTokens {
		// "rajkot district", "naroda police station"
		if (next == "police" || next == "railway") && word(last+2) == "station" {
			return evType
		}
		if next == "road" {
			return evRoad
		}
		if placeTypeAfter[next] {
			return evType
		}
	}
	// "in rajkot", "the village of ode"; not the start of a longer
	// name the gazetteer lacks: "in lok sabha", "at geeta mandir"
	if prev := word(first - 1); wholeTokens && (placeCueWords[prev] || prev == "of" && placeOfWords[word(first-2)]) {
		if next == "" || english[next] || isParticle(next) || p.notPlaces[next] || !p.mayBeName(next) {
			return evCue
		}
		return evNone
	}
	if !single && first != last {
		return evLong
	}
	return evNone
}

// mayBeName reports whether a lower-case word may be part of a name: a
// word of letters that is no common English one (see data/english.txt
// and data/notplaces.txt).
func (p *Geoparser) mayBeName(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return len(w) > 2 && !p.englishWords()[w] && !p.notPlaces[w]
}

// spelledPlace reports whether e is written surface, a name
// light-folded by the caller (up to diacritics and a final h, spaces for
// hyphens), and is a country, a division, a region or a town of some
// population: a single word needs more people than a longer name.
func (p *Geoparser) spelledPlace(e *gazetteer.Entry, surface string, single bool) bool {
	if !spelledAs(e, surface) {
		return false
	}
	if !strings.HasPrefix(e.Feature, "P.") || capital(e) || e.Feature == "P.PPLA" {
		return true
	}
	return e.Population >= spelledMinPopulation(single)
}

// spelledAs reports whether e's name light-folds to surface, or to
// surface with spaces for its hyphens.
func spelledAs(e *gazetteer.Entry, surface string) bool {
	n := lightFold(e.Name)
	return n == surface || n == strings.ReplaceAll(surface, "-", " ")
}

// spelledMinPopulation is the fewest people a caseless town spelled as
// the gazetteer spells it has: more for a single word.
func spelledMinPopulation(single bool) int64 {
	if single {
		return 5000
	}
	return 1000
}

// anyStrongEntry reports whether a candidate is a country, a division, a
// capital, a seat or a large town (see scan.strong).
func (p *Geoparser) anyStrongEntry(cands []gazetteer.Candidate) bool {
	for _, c := range cands {
		if !c.Demonym && p.strong(p.g.Entry(c.Entry)) {
			return true
		}
	}
	return false
}

// likelyPlace reports whether some candidate is likely enough to be meant
// for a caseless name: a country, division or region, or a town spelled as
// the gazetteer spells it with some population, or a well-known town (see
// strong) whatever the spelling. A single word needs more people than a
// longer name, and a division's or region's own spelling.
func (p *Geoparser) likelyPlace(name string, cands []gazetteer.Candidate, single bool) bool {
	surface := lightFold(name)
	minPop := spelledMinPopulation(single)
	for _, c := range cands {
		if c.Demonym {
			continue
		}
		e := p.g.Entry(c.Entry)
		exact := spelledAs(e, surface)
		if e.IsCountry() || capital(e) || e.Feature == "P.PPLA" || e.Population >= p.opts.MinPopulation {
			return true
		}
		if !strings.HasPrefix(e.Feature, "P.") && (exact || !single) {
			return true // a division, region or site
		}
		if exact && e.Population >= minPop {
			return true
		}
	}
	return false
}

// englishWords returns the set of data/english.txt, read on first use:
// only caseless documents need it.
func (p *Geoparser) englishWords() map[string]bool {
	p.englishOnce.Do(func() { p.english = wordSet(englishTxt) })
	return p.english
}

// unitKey returns the folded key of one word of a caseless document,
// stopKey when it folds to more than one key or none, and whether the key
// starts a name (see startsName). Every word of such a document is looked
// up, not only capitalised ones: a plain word's answers are kept from
// document to document in a direct-mapped cache of their own, one
// look-up for both.
func (s *scan) unitKey(w string) (string, bool) {
	if !plainWord(w) {
		if ks := gazetteer.Fold(w); len(ks) == 1 {
			return ks[0], s.startsName(ks[0])
		}
		return stopKey, false
	}
	if s.unitCache == nil {
		s.unitCache = new([unitSlots]unitSlot)
	}
	h := fnv1a(w)
	slot := &s.unitCache[h%unitSlots]
	if slot.word != w || slot.word == "" {
		s.foldBuf = gazetteer.AppendFoldWord(s.foldBuf[:0], w)
		both := w + string(s.foldBuf) // one allocation for both
		slot.word, slot.key = both[:len(w)], both[len(w):]
		if slot.key == "" {
			slot.key = stopKey
		}
		slot.starts = slot.key != stopKey && s.startsName(slot.key)
	}
	return slot.key, slot.starts
}

// unitSlots is the size of unitKey's cache.
const unitSlots = 1 << 13

type unitSlot struct {
	word, key string
	starts    bool
}

// startSlots is the size of the cache of startsName's answers.
const startSlots = 1 << 12

type startSlot struct {
	key    string
	starts bool
}

// startsName is gazetteer.StartsName(key), kept from document to document
// like folds: a caseless document looks up every word, and the same ones
// come back.
func (s *scan) startsName(key string) bool {
	if s.starts == nil {
		s.starts = new([startSlots]startSlot)
	}
	h := fnv1a(key)
	slot := &s.starts[h%startSlots]
	if slot.key != key || slot.key == "" {
		slot.key, slot.starts = strings.Clone(key), s.g.StartsName(key)
	}
	return slot.starts
}
