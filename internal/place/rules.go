package place

import (
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/place/gazetteer"
)

// recognitionRule drops a mention that names a place in the gazetteer but
// not in this text. Rules run in order; each says why with an example.
type recognitionRule struct {
	name string
	fn   func(s *scan, k int) bool
}

var recognitionRules = []recognitionRule{
	// "May", "March", "Police", "The": a lone common word that some village
	// somewhere is called.
	{"common word", func(s *scan, k int) bool {
		m := &s.mentions[k]
		return s.p.notPlaces[strings.TrimSuffix(strings.ToLower(s.text[m.span.Start:m.span.End]), ".")]
	}},
	// "BBC" folds like "B.C.", "US" like Oss: a name of four letters or
	// fewer must be spelled as one of the candidate's names up to
	// diacritics and a final h (Hama, Ḩamāh), not folded.
	{"short fuzzy match", func(s *scan, k int) bool {
		m := &s.mentions[k]
		surface := lightFold(s.text[m.span.Start:m.span.End])
		if len(surface) > 4 {
			return false
		}
		kept := m.cands[:0]
		for _, c := range m.cands {
			e := s.g.Entry(c.Entry)
			ok := lightFold(e.Name) == surface
			for _, n := range e.Names {
				ok = ok || lightFold(n) == surface
			}
			if ok || c.Demonym {
				kept = append(kept, c)
			}
		}
		m.cands = kept
		return len(kept) == 0
	}},
	// "President Assad", "Gen. Jackson", "Mr. Paris": a title makes the
	// name a person's, for the whole document.
	{"after a title", func(s *scan, k int) bool {
		m := &s.mentions[k]
		if titles[strings.ToLower(strings.TrimSuffix(s.word(m.first-1), "."))] && !m.demonym {
			s.rememberPerson(m)
			return true
		}
		return false
	}},
	// "Bashar Assad", "Washington Post", "Aleppo University": a town's name
	// inside a longer proper name. Countries, divisions, continents and
	// demonyms are kept ("Russian President", "Texas Rangers" still say
	// where).
	{"inside a longer name", func(s *scan, k int) bool {
		m := &s.mentions[k]
		if m.demonym || s.bigArea(m) || m.partial {
			return false
		}
		if p := m.first - 1; p >= 0 && s.tokKey[p] >= 0 && s.isCap(p) && !s.sentenceStart(p) &&
			!s.p.notPlaces[strings.ToLower(s.word(p))] && !s.bigAreaAt(p) && !s.allCaps(p) {
			s.rememberPerson(m)
			return true
		}
		if n := m.last + 1; n < len(s.toks) && s.tokKey[n] >= 0 && s.isCap(n) && !s.allCaps(n) &&
			!typeWords[strings.ToLower(s.word(n))] && !s.mentionAt(n) {
			return true
		}
		return false
	}},
	// "Qaboun" folds like Gabon, "Shiite" like Chieti: a country or
	// first-level division is only meant when spelled as one of its names
	// (up to diacritics); towns keep the folded match.
	{"fuzzy country or division", func(s *scan, k int) bool {
		m := &s.mentions[k]
		surface := lightFold(s.text[m.span.Start:m.span.End])
		kept := m.cands[:0]
		for _, c := range m.cands {
			e := s.g.Entry(c.Entry)
			if !c.Demonym && (e.IsCountry() || e.IsAdmin1()) && !spelledAs(e, surface) {
				continue
			}
			kept = append(kept, c)
		}
		m.cands = kept
		return len(kept) == 0
	}},
	// "Mining", "Samples", "Center": a word the document also writes in
	// lower case is a common word here, whatever town bears its name.
	{"written in lower case elsewhere", func(s *scan, k int) bool {
		m := &s.mentions[k]
		if m.first != m.last || m.partial || m.demonym || s.bigArea(m) {
			return false
		}
		return s.lowerWords()[strings.ToLower(s.word(m.first))]
	}},
	// "Karlov said": a name seen as a person's earlier in the document.
	{"a person's name", func(s *scan, k int) bool {
		m := &s.mentions[k]
		return !m.demonym && s.persons[strings.Join(s.keysOf(m), " ")] && !s.bigArea(m)
	}},
	// "UN", "AP", "IS": short capitals are acronyms unless they name a
	// country ("US", "UK").
	{"acronym", func(s *scan, k int) bool {
		m := &s.mentions[k]
		if m.first != m.last || !s.allCaps(m.first) || len(s.word(m.first)) > 4 {
			return false
		}
		for _, c := range m.cands {
			if e := s.g.Entry(c.Entry); e.IsCountry() || e.IsAdmin1() {
				return false
			}
		}
		return true
	}},
}

// titles before a name make it a person's.
var titles = map[string]bool{
	"president": true, "minister": true, "gen": true, "general": true, "mr": true, "mrs": true,
	"ms": true, "dr": true, "sen": true, "senator": true, "rep": true, "gov": true, "governor": true,
	"king": true, "queen": true, "prince": true, "princess": true, "col": true, "colonel": true,
	"lt": true, "capt": true, "captain": true, "sgt": true, "sheikh": true, "pope": true,
	"judge": true, "mayor": true, "ambassador": true, "spokesman": true, "spokeswoman": true,
	"chancellor": true, "secretary": true, "commander": true, "maj": true, "major": true,
	"prof": true, "professor": true, "rev": true, "cardinal": true, "imam": true, "emir": true,
	"adm": true, "admiral": true, "brig": true, "sir": true, "lady": true, "lord": true,
	"st": true, "saint": true,
}

// typeWords may follow a place name inside a longer capitalised phrase.
var typeWords = map[string]bool{
	"province": true, "governorate": true, "county": true, "city": true, "district": true,
	"region": true, "state": true, "countryside": true, "oblast": true, "prefecture": true,
	"river": true, "valley": true, "airport": true, "airbase": true, "border": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
	"saturday": true, "sunday": true, "january": true, "february": true, "march": true,
	"april": true, "may": true, "june": true, "july": true, "august": true,
	"september": true, "october": true, "november": true, "december": true,
}

func (s *scan) rememberPerson(m *mention) {
	s.persons[strings.Join(s.keysOf(m), " ")] = true
}

// bigArea reports whether any candidate is a country, first-level
// division or continent spelled as the mention spells it: "Cuomo" folds
// like the province of Como, but is not written so.
func (s *scan) bigArea(m *mention) bool {
	surface := ""
	for _, c := range m.cands {
		e := s.g.Entry(c.Entry)
		if !(e.IsCountry() || e.IsAdmin1() || e.Feature == gazetteer.FeatureContinent) {
			continue
		}
		if c.Demonym {
			return true
		}
		if surface == "" {
			surface = lightFold(s.text[m.span.Start:m.span.End])
		}
		if lightFold(e.Name) == surface {
			return true
		}
		for _, n := range e.Names {
			if lightFold(n) == surface {
				return true
			}
		}
	}
	return false
}

// bigAreaAt reports whether token t is inside a mention of a country,
// division or continent, or a demonym.
func (s *scan) bigAreaAt(t int) bool {
	m := s.mentionOf(t)
	return m != nil && (m.demonym || s.bigArea(m))
}

// mentionOf returns the mention covering token t, or nil. Mentions are
// sorted and do not overlap, so this is a binary search.
func (s *scan) mentionOf(t int) *mention {
	i := sort.Search(len(s.mentions), func(i int) bool { return s.mentions[i].last >= t })
	if i < len(s.mentions) && s.mentions[i].first <= t {
		return &s.mentions[i]
	}
	return nil
}

// lowerWords returns the set of words the text writes in lower case.
func (s *scan) lowerWords() map[string]bool {
	if s.lower != nil {
		return s.lower
	}
	s.lower = make(map[string]bool)
	for t, tok := range s.toks {
		if tok.Kind != doc.Word {
			continue
		}
		w := s.word(t)
		if c := w[0]; c >= 'a' && c <= 'z' {
			s.lower[w] = true
		}
	}
	return s.lower
}

// spelledAs reports whether an entry has a name that light-folds to surface.
func spelledAs(e *gazetteer.Entry, surface string) bool {
	if lightFold(e.Name) == surface {
		return true
	}
	for _, n := range e.Names {
		if lightFold(n) == surface {
			return true
		}
	}
	return false
}

// lightFold lower-cases, drops diacritics, dots and a final h.
func lightFold(w string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(w) {
		if unicode.Is(unicode.Mn, r) || r == '.' {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return strings.TrimSuffix(b.String(), "h")
}

// mentionAt reports whether token t is inside a recognised mention.
func (s *scan) mentionAt(t int) bool {
	m := s.mentionOf(t)
	return m != nil && !m.drop
}

var bearings = map[string]float64{
	"north": 0, "northeast": 45, "north-east": 45, "east": 90, "southeast": 135, "south-east": 135,
	"south": 180, "southwest": 225, "south-west": 225, "west": 270, "northwest": 315, "north-west": 315,
}

// relation reads a relative location before mention k: "10 km west of X",
// "near X", "on the outskirts of X", "between X and Y". It returns the
// derived place, anchored on X.
func (s *scan) relation(k int) (doc.Place, bool) {
	m := &s.mentions[k]
	if m.demonym {
		return doc.Place{}, false
	}
	e := s.g.Entry(m.entry)
	anchor := m.span
	w := func(i int) string { return strings.ToLower(s.word(m.first - i)) }
	base := doc.Place{Kind: "place", Name: e.Name, GeonameID: e.ID, Lat: e.Lat, Lon: e.Lon,
		Country: e.Country, Feature: e.Feature, Resolved: true, Anchor: &anchor, Score: 0.5}
	span := func(i int) doc.Span { return doc.Span{Start: s.toks[m.first-i].Start, End: m.span.End} }
	if m.first >= 4 && w(1) == "of" {
		if deg, ok := bearings[w(2)]; ok {
			unit := w(3)
			n, err := strconv.ParseFloat(strings.ReplaceAll(w(4), ",", ""), 64)
			if err == nil && n > 0 && n < 2000 {
				d := n
				switch unit {
				case "km", "kilometres", "kilometers", "kms":
				case "miles", "mile", "mi":
					d = n * 1.609
				default:
					goto near
				}
				base.Lat, base.Lon = offset(e.Lat, e.Lon, d, deg)
				base.Relation = strconv.FormatFloat(n, 'f', -1, 64) + " " + unit + " " + w(2)
				base.Precision = doc.PrecisionDistrict
				base.Span = span(4)
				return base, true
			}
		}
	}
near:
	switch {
	case m.first >= 1 && (w(1) == "near" || w(1) == "outside"):
		base.Relation, base.Precision, base.Span = "near", doc.PrecisionDistrict, span(1)
		return base, true
	case m.first >= 2 && w(1) == "of" && w(2) == "outskirts":
		base.Relation, base.Precision, base.Span = "outskirts", doc.PrecisionDistrict, span(2)
		return base, true
	case m.first >= 1 && w(1) == "between" && k+1 < len(s.mentions):
		o := &s.mentions[k+1]
		if o.span.Start >= m.span.End && strings.TrimSpace(s.text[m.span.End:o.span.Start]) == "and" && !o.demonym {
			oe := s.g.Entry(o.entry)
			base.Lat, base.Lon = (e.Lat+oe.Lat)/2, (e.Lon+oe.Lon)/2
			base.Relation, base.Precision = "between", doc.PrecisionDistrict
			base.Span = doc.Span{Start: s.toks[m.first-1].Start, End: o.span.End}
			base.GeonameID, base.Name = 0, e.Name+" – "+oe.Name
			return base, true
		}
	}
	return doc.Place{}, false
}

// offset moves a point d km along a bearing (degrees from north).
func offset(lat, lon, d, bearing float64) (float64, float64) {
	const r = 6371.0
	φ1, λ1, θ, δ := lat*math.Pi/180, lon*math.Pi/180, bearing*math.Pi/180, d/r
	φ2 := math.Asin(math.Sin(φ1)*math.Cos(δ) + math.Cos(φ1)*math.Sin(δ)*math.Cos(θ))
	λ2 := λ1 + math.Atan2(math.Sin(θ)*math.Sin(δ)*math.Cos(φ1), math.Cos(δ)-math.Sin(φ1)*math.Sin(φ2))
	return φ2 * 180 / math.Pi, math.Mod(λ2*180/math.Pi+540, 360) - 180
}
