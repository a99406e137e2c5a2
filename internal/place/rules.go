package place

import (
	"bytes"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

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
	// "Syrians", "Saudis", "Forces": a word read as a possessive whose
	// apostrophe was stripped (see possessive.go) is one only when its
	// base is a country, a division or a well-known place, or one the
	// document names on its own; a demonym's plural is a people.
	{"a possessive of no place", func(s *scan, k int) bool {
		m := &s.mentions[k]
		return m.possessive && (m.demonym || s.possessiveOfNoPlace(k))
	}},
	// "May", "March", "Police", "The": a lone common word that some village
	// somewhere is called.
	{"common word", func(s *scan, k int) bool {
		m := &s.mentions[k]
		return inLower(s.p.notPlaces, strings.TrimSuffix(s.text[m.span.Start:m.span.End], "."))
	}},
	// "Mon 03 Apr 2017", "Sat Jul 8", "Wed, 05 Apr": a weekday's or
	// month's abbreviation next to a day number, a year or another date
	// word is part of a date stamp, not Myanmar's Mon State. Alone, or
	// before a type word ("in Mon State"), it keeps its place.
	{"part of a date", func(s *scan, k int) bool {
		m := &s.mentions[k]
		return m.first == m.last && !m.partial && s.dateWordAt(m.first) && s.inDate(m.first)
	}},
	// "BBC" folds like "B.C.", "US" like Oss: a name of four letters or
	// fewer must be spelled as one of the candidate's names up to
	// diacritics and a final h (Hama, Ḩamāh), not folded; a name that is an
	// abbreviation (ACT, NSW) must be written in capitals ("the Act" is a
	// law).
	{"short fuzzy match", func(s *scan, k int) bool {
		m := &s.mentions[k]
		raw := s.text[m.span.Start:m.span.End]
		if len(raw) > 5 && isASCII(raw) && strings.IndexByte(raw, '.') < 0 {
			return false // light-folds to five letters or more
		}
		surface := s.surface(m)
		if len(surface) > 4 {
			return false
		}
		// the answer depends on the text and the candidates, which
		// depend on the keys: kept from mention to mention and document
		// to document, as "US" and "UK" come back
		slot := s.shortSlot(raw)
		if slot.raw == raw && slot.raw != "" && slices.Equal(slot.keys, s.keysOf(m)) {
			m.setCands(m.cands[:copy(m.cands, slot.kept)])
			return len(m.cands) == 0
		}
		kept := m.cands[:0]
		for _, c := range m.cands {
			e := s.g.Entry(c.Entry)
			ok := s.shortSpelled(e.Name, raw, surface)
			for _, n := range e.Names {
				ok = ok || s.shortSpelled(n, raw, surface)
			}
			if ok || c.Demonym {
				kept = append(kept, c)
			}
		}
		m.setCands(kept)
		slot.raw = strings.Clone(raw)
		slot.keys = slot.keys[:0]
		for _, key := range s.keysOf(m) {
			slot.keys = append(slot.keys, strings.Clone(key))
		}
		slot.kept = append(slot.kept[:0], kept...)
		return len(kept) == 0
	}},
	// "Mass killing", "Ill health", "Wash your hands": a name the
	// gazetteer holds only as an abbreviation with a final dot ("Mass.",
	// "Ill.") is that division where the text writes the dot, or as a
	// town's parent after a comma ("Boston, Mass"); a capitalised word of
	// a headline is not. Initials ("N.Y.") are written without their dots
	// ("NY"), and a longer name ("Penn Park") is left to the other rules.
	{"an abbreviation without its dot", func(s *scan, k int) bool {
		m := &s.mentions[k]
		raw := s.text[m.span.Start:m.span.End]
		if m.first != m.last || m.demonym || len(raw) > 5 || strings.HasSuffix(raw, ".") ||
			s.word(m.last+1) == "." || s.word(m.first-1) == "," || s.isCap(m.last+1) && s.sameLine(m.last, m.last+1) {
			return false
		}
		surface := s.surface(m)
		kept := m.cands[:0]
		for _, c := range m.cands {
			e := s.g.Entry(c.Entry)
			if !e.IsAdmin1() {
				// states and provinces have dotted abbreviations
				kept = append(kept, c)
				continue
			}
			// spelled as a dotted name only: the rest matched by
			// their folds or names without a dot
			dotted, plain := false, c.Demonym
			for i := -1; i < len(e.Names) && !plain; i++ {
				n := e.Name
				if i >= 0 {
					n = e.Names[i]
				}
				if s.lightIs(n, surface) {
					dot := strings.IndexByte(n, '.') == len(n)-1
					dotted, plain = dotted || dot, plain || !dot
				}
			}
			if plain || !dotted {
				kept = append(kept, c)
			}
		}
		if len(kept) < len(m.cands) {
			m.setCands(kept)
		}
		return len(kept) == 0
	}},
	// "President Assad", "Gen. Jackson", "Mr. Paris": a title makes the
	// name a person's, for the whole document.
	{"after a title", func(s *scan, k int) bool {
		m := &s.mentions[k]
		if t := strings.TrimSuffix(s.lowerWord(m.first-1), "."); titles[t] && !m.demonym && (!adjectiveTitles[t] || s.isCap(m.first-1)) {
			s.rememberPerson(m)
			return true
		}
		return false
	}},
	// "US$460 million", "A$20": a country code before a dollar sign names
	// a currency.
	{"currency", func(s *scan, k int) bool {
		m := &s.mentions[k]
		return m.span.End < len(s.text) && s.text[m.span.End] == '$'
	}},
	// "the New York Times", "China Daily", "Radio Pyongyang", "Voice of
	// America", "Agence France-Presse": a place in the name of a newspaper,
	// agency or broadcaster says who reported, not where. Countries too.
	{"a news outlet's name", func(s *scan, k int) bool {
		m := &s.mentions[k]
		if m.demonym {
			return false
		}
		if rest := s.text[m.span.End:s.toks[m.last].End]; rest != "" {
			return inLower(mediaWords, strings.TrimLeft(rest, "-‐"))
		}
		n := m.last + 1
		if w := s.lowerWord(n); (w == "daily" || w == "sunday" || w == "morning" || w == "evening") && s.isCap(n) {
			if s.isCap(n+1) && mediaWords[s.lowerWord(n+1)] {
				return true
			}
			return w == "daily" // "China Daily"
		}
		if s.isCap(n) && s.sameLine(m.last, n) && mediaWords[s.lowerWord(n)] {
			return true
		}
		p := s.lowerWord(m.first - 1)
		return p == "radio" && s.isCap(m.first-1) ||
			p == "of" && s.word(m.first-2) == "Voice"
	}},
	// "Maya Harden", "John Clifford", "George Washington": after a given
	// name, a capitalised word is a surname, here and later in the text.
	// Countries stay: "Chad Sudan" is not written, "Jordan" in "Michael
	// Jordan" is rare next to the country.
	{"after a given name", func(s *scan, k int) bool {
		m := &s.mentions[k]
		p := m.first - 1
		if m.demonym || m.partial || p < 0 || !s.givenName(p) || !s.sameLine(p, m.first) || s.countryOrContinent(m) {
			return false
		}
		if pm := s.mentionOf(p); pm != nil && (pm.first != pm.last || s.countryOrContinent(pm)) {
			return false // "Lake Victoria Uganda"
		}
		s.rememberPerson(m)
		return true
	}},
	// "Eugene Owusu", "Brent Hain": a town spelled like a given name, before
	// a surname, is a person's. Not a state: "Florida Senator", "Georgia
	// Stevens" are left to the other rules.
	{"a given name before a surname", func(s *scan, k int) bool {
		m := &s.mentions[k]
		if m.demonym || m.partial || m.first != m.last || s.bigArea(m) || !s.givenName(m.first) {
			return false
		}
		n := m.last + 1
		if n >= len(s.toks) || s.tokKey[n] < 0 || !s.isCap(n) || s.allCaps(n) || !s.sameLine(m.last, n) {
			return false
		}
		w := strings.TrimSuffix(s.lowerWord(n), ".")
		if typeWords[w] || titles[w] || s.p.notPlaces[w] {
			return false
		}
		if nm := s.mentionOf(n); nm != nil && !nm.drop && (nm.demonym || s.countryOrContinent(nm)) {
			return false
		}
		return true
	}},
	// "Burton said", "said Clifford", "according to Whitley", "Gomez, 27,":
	// a lone small town's name where a speaker or an age goes is a
	// person's, here and later in the text.
	{"a speaker or an age", func(s *scan, k int) bool {
		m := &s.mentions[k]
		if m.demonym || m.partial || m.first != m.last || s.bigArea(m) || s.anyStrong(m) {
			return false
		}
		next, prev := s.lowerWord(m.last+1), s.lowerWord(m.first-1)
		// after "said" or "according to", the name must end there:
		// "according to Hammond Health Officer" names an office
		person := speechVerbs[next] || !s.isCap(m.last+1) && (prev == "said" || prev == "says" ||
			prev == "to" && s.lowerWord(m.first-2) == "according")
		if next == "," && s.word(m.last+3) == "," {
			if n, err := strconv.Atoi(s.word(m.last + 2)); err == nil && n > 0 && n < 120 {
				person = true
			}
		}
		if person {
			s.rememberPerson(m)
		}
		return person
	}},
	// "Bashar Assad", "Washington Post", "Aleppo University": a town's name
	// inside a longer proper name. Countries, divisions, continents and
	// demonyms are kept ("Russian President", "Texas Rangers" still say
	// where).
	{"inside a longer name", func(s *scan, k int) bool {
		m := &s.mentions[k]
		if m.demonym || s.bigArea(m) || m.partial || s.namedWithType(m) {
			// "the Metcalfe County Sheriff's Office": an office
			// named after a division it names with its type word
			// serves that division
			return false
		}
		if p := m.first - 1; p >= 0 && s.tokKey[p] >= 0 && s.isCap(p) && !s.sentenceStart(p) &&
			!s.p.notPlaces[s.lowerWord(p)] && !s.bigAreaAt(p) && !s.allCaps(p) {
			// a capital's name inside a slogan or a group's name
			// ("Don't Let Belgrade Drown") is no one's surname
			if !slices.ContainsFunc(m.cands, func(c gazetteer.Candidate) bool { return capital(s.g.Entry(c.Entry)) }) {
				s.rememberPerson(m)
			}
			return true
		}
		if n := m.last + 1; n < len(s.toks) && s.tokKey[n] >= 0 && s.isCap(n) && !s.allCaps(n) &&
			!typeWords[s.lowerWord(n)] && !s.mentionAt(n) {
			return true
		}
		return false
	}},
	// "San Pedro de la Paz", "Santa Cruz de Asia": a name followed by a
	// Romance particle and a capitalised word is the start of a longer
	// name the gazetteer lacks, not San Pedro Sula or Santa Cruz de la
	// Sierra. A country after the particle stays ("Santiago de Chile"
	// names Chile); the word after the particle is left to the other
	// rules, as it often names the district ("San Luis de Cañete").
	{"the start of a longer name with particles", func(s *scan, k int) bool {
		m := &s.mentions[k]
		if m.demonym || s.countryOrContinent(m) {
			return false
		}
		n := s.afterParticle(m.last + 1)
		if n < 0 || !s.isCap(n) || !s.oneLine(m.last, n) {
			return false
		}
		nm := s.mentionOf(n)
		return nm == nil || !s.countryOrContinent(nm)
	}},
	// "Qaboun" folds like Gabon, "Shiite" like Chieti: a country or
	// first-level division is only meant when spelled as one of its names
	// (up to diacritics); towns keep the folded match.
	{"fuzzy country or division", func(s *scan, k int) bool {
		m := &s.mentions[k]
		kept := m.cands[:0]
		for _, c := range m.cands {
			e := s.g.Entry(c.Entry)
			if !c.Demonym && (e.IsCountry() || e.IsAdmin1()) && !s.spelledAs(e, s.surface(m)) &&
				!(e.IsAdmin1() && s.spelledWithoutArticle(e, s.surface(m))) {
				continue
			}
			kept = append(kept, c)
		}
		if len(kept) < len(m.cands) {
			m.setCands(kept)
		}
		return len(kept) == 0
	}},
	// "Mining", "Samples", "Center": a word the document also writes in
	// lower case is a common word here, whatever town bears its name.
	{"written in lower case elsewhere", func(s *scan, k int) bool {
		m := &s.mentions[k]
		if m.first != m.last || m.partial || m.demonym || s.bigArea(m) {
			return false
		}
		return s.writtenLower(k)
	}},
	// "Karlov said": a name seen as a person's earlier in the document.
	// A division's name too ("Kerry said" after "Secretary of State John
	// Kerry" is not County Kerry) unless the text says a place follows
	// ("in Kerry", "Kerry county"), or the name is a country's ("Jordan")
	// or a city's that is a capital or a division's seat: "Angela Kane
	// Damascus Community" is no reason to doubt every later Damascus.
	{"a person's name", func(s *scan, k int) bool {
		m := &s.mentions[k]
		if m.demonym || !s.persons[strings.Join(s.keysOf(m), " ")] {
			return false
		}
		// a possessive's base named as a person is one, whatever else
		// it names: "Kerrys meeting" after "John Kerry"
		return !s.bigArea(m) || m.possessive || !s.countryOrContinent(m) && !m.locCue && m.hint == "" && !s.namesCity(m)
	}},
	// "Assads forces" after "President Assad" or "the Assad government":
	// a small place's name that is another name and an s, where the
	// document writes that name for no place, is its possessive with the
	// apostrophe stripped.
	{"the possessive of a person's name", func(s *scan, k int) bool {
		return s.personsPossessive(k)
	}},
	// "UN", "AP", "EST": short capitals are acronyms unless they name a
	// country ("US", "UK") or are a division's own abbreviation ("NSW").
	{"acronym", func(s *scan, k int) bool {
		m := &s.mentions[k]
		if m.first != m.last || !s.allCaps(m.first) || len(s.word(m.first)) > 4 {
			return false
		}
		w := strings.ReplaceAll(s.word(m.first), ".", "")
		for _, c := range m.cands {
			e := s.g.Entry(c.Entry)
			if e.IsCountry() || e.IsAdmin1() && len(w) == 4 {
				return false // "IRAQ", "OHIO" in a dateline
			}
			if e.IsAdmin1() && slices.ContainsFunc(e.Names, func(n string) bool {
				return (isAbbrev(n) || strings.HasSuffix(n, ".")) && strings.EqualFold(strings.ReplaceAll(n, ".", ""), w)
			}) {
				return false // "NSW", "KY", but not "EST" for Est
			}
		}
		return true
	}},
}

// romanceParticles join the words of Spanish, Portuguese and Italian
// place names: "San Pedro de la Paz", "Conceição do Araguaia".
var romanceParticles = map[string]bool{"de": true, "del": true, "do": true, "da": true, "dos": true, "das": true, "di": true}

// afterParticle returns the token after a Romance particle (and an
// article after it: "de la", "de los") starting at token t, or -1.
func (s *scan) afterParticle(t int) int {
	if !romanceParticles[s.word(t)] {
		return -1
	}
	switch s.word(t + 1) {
	case "la", "las", "los", "el", "lo":
		t++
	}
	if t+1 >= len(s.toks) {
		return -1
	}
	return t + 1
}

// oneLine reports whether tokens a < b are on one line.
func (s *scan) oneLine(a, b int) bool {
	return !strings.Contains(s.text[s.toks[a].End:s.toks[b].Start], "\n")
}

// namedWithType reports whether m's name ends in a division's type word
// that the gazetteer holds with it: "Scott County", "Orleans Parish",
// "PLYMOUTH CO.".
func (s *scan) namedWithType(m *mention) bool {
	if m.first == m.last {
		return false
	}
	w := strings.TrimSuffix(s.lowerWord(m.last), ".")
	if w == "." && m.last > m.first {
		w = s.lowerWord(m.last - 1)
	}
	return typeWords[w] || w == "co"
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

// adjectiveTitles are titles that are adjectives in lower case: "a major
// Aleppo offensive", "the general Idlib area".
var adjectiveTitles = map[string]bool{"major": true, "general": true}

// typeWords may follow a place name inside a longer capitalised phrase.
var typeWords = map[string]bool{
	"province": true, "governorate": true, "county": true, "city": true, "district": true,
	"parish": true, "borough": true, "township": true, "municipality": true,
	"region": true, "state": true, "countryside": true, "oblast": true, "prefecture": true,
	"river": true, "valley": true, "airport": true, "airbase": true, "border": true,
	// facilities named after their place: an attack on "the Ariha
	// Hospital" happened in Ariha
	"hospital": true, "clinic": true, "camp": true, "checkpoint": true, "prison": true,
	"crossing": true, "bridge": true, "dam": true, "port": true, "market": true,
	"highway": true, "road": true, "frontline": true, "front": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
	"saturday": true, "sunday": true, "january": true, "february": true, "march": true,
	"april": true, "may": true, "june": true, "july": true, "august": true,
	"september": true, "october": true, "november": true, "december": true,
}

// mediaWords end the names of newspapers, agencies and broadcasters.
var mediaWords = map[string]bool{
	"times": true, "post": true, "herald": true, "journal": true, "tribune": true,
	"gazette": true, "chronicle": true, "telegraph": true, "globe": true, "courier": true,
	"inquirer": true, "examiner": true, "observer": true, "news": true, "broadcasting": true,
	"television": true, "tv": true, "radio": true, "presse": true, "press": true,
	"dispatch": true,
	"register": true, "sentinel": true, "bulletin": true, "daily": true,
}

// speechVerbs follow a speaker's name.
var speechVerbs = map[string]bool{
	"said": true, "says": true, "told": true, "added": true, "explained": true,
	"stated": true, "noted": true, "wrote": true, "continued": true, "asked": true,
	"replied": true, "pleaded": true, "argued": true, "warned": true, "insisted": true,
	"admitted": true, "recalled": true, "believes": true, "feels": true, "thinks": true,
	"urged": true, "announced": true, "declared": true, "testified": true,
}

// shortSlots is the size of the cache of the short fuzzy match rule.
const shortSlots = 1 << 9

type shortSlot struct {
	raw  string
	keys []string
	kept []gazetteer.Candidate
}

// shortSlot returns the slot of the short fuzzy match cache for raw.
func (s *scan) shortSlot(raw string) *shortSlot {
	if s.shorts == nil {
		s.shorts = new([shortSlots]shortSlot)
	}
	return &s.shorts[fnv1a(raw)%shortSlots]
}

// shortSpelled reports whether a short surface (raw, and light-folded)
// is written as name: equal up to diacritics and a final h, and in
// capitals when name is an abbreviation.
func (s *scan) shortSpelled(name, raw, surface string) bool {
	if !s.lightIs(name, surface) && !s.undoubledIs(name, surface) {
		return false
	}
	if isAbbrev(name) {
		return isAbbrev(strings.ReplaceAll(raw, ".", ""))
	}
	return true
}

// undoubledIs reports whether a four-letter surface is name with one
// doubled letter written once: "Raqa" is Raqqa, as transliterations of
// Arabic's doubled consonants (shadda) often drop the second letter. The
// fold already makes the two meet; this lets the short fuzzy match rule
// see that the spelling is the name's (its article may be left out:
// Ar Raqqah), not another word's. Shorter words
// ("Ala" for Alla) are too often something else.
func (s *scan) undoubledIs(name, surface string) bool {
	if len(surface) != 4 || len(name) < 5 || len(name) > 10 || !isASCII(name) {
		return false
	}
	s.light = appendLightFold(s.light[:0], &s.nfd, name)
	l := s.light
	if i := bytes.IndexByte(l, ' '); i > 0 && gazetteer.IsArticle(string(l[:i])) {
		l = l[i+1:] // "Ar Raqqah": the article is often left out
	}
	if len(l) != 5 {
		return false
	}
	for i := 1; i < len(l); i++ {
		if l[i] == l[i-1] && isLetterByte(l[i]) {
			return string(l[:i])+string(l[i+1:]) == surface
		}
	}
	return false
}

func isLetterByte(c byte) bool { return 'a' <= c && c <= 'z' }

// isAbbrev reports whether w is two or more capitals and nothing else.
func isAbbrev(w string) bool {
	n := 0
	for _, r := range w {
		if r == '.' {
			continue
		}
		if !unicode.IsUpper(r) {
			return false
		}
		n++
	}
	return n >= 2
}

// givenName reports whether token t is a capitalised common given name
// (the last part of "Kerry-Ann").
func (s *scan) givenName(t int) bool {
	if t < 0 || t >= len(s.toks) || !s.isCap(t) || s.allCaps(t) {
		return false
	}
	w := s.word(t)
	if i := lastIndexHyphen(w); i >= 0 {
		w = w[i+1:]
	}
	return inLower(s.p.given, w)
}

// sameLine reports whether tokens a < b are separated by spaces only.
func (s *scan) sameLine(a, b int) bool {
	if a < 0 || b >= len(s.toks) {
		return false
	}
	return strings.Trim(s.text[s.toks[a].End:s.toks[b].Start], " \t") == ""
}

// countryOrContinent reports whether a mention may name a country or a
// continent.
func (s *scan) countryOrContinent(m *mention) bool {
	return m.flag(knowCountry, func() bool {
		for _, c := range m.cands {
			if e := s.g.Entry(c.Entry); e.IsCountry() || e.Feature == gazetteer.FeatureContinent {
				return true
			}
		}
		return false
	})
}

// Bits of mention.known: what is known of its candidates, asked by many
// rules; setCands forgets it.
const (
	knowCountry = 1 << iota
	isCountry
	knowStrong
	isStrong
	knowBig
	isBig
)

// flag returns the answer kept under bit know (the answer in the next bit),
// or computes and keeps it.
func (m *mention) flag(know uint8, compute func() bool) bool {
	if m.known&know == 0 {
		m.known |= know
		if compute() {
			m.known |= know << 1
		}
	}
	return m.known&(know<<1) != 0
}

// setCands replaces the candidates of m.
func (m *mention) setCands(cands []gazetteer.Candidate) {
	m.cands = cands
	m.known = 0
}

// anyStrong reports whether a candidate of m is well known enough to stand
// alone (see strong).
func (s *scan) anyStrong(m *mention) bool {
	return m.flag(knowStrong, func() bool {
		for _, c := range m.cands {
			if s.strong(s.g.Entry(c.Entry)) {
				return true
			}
		}
		return false
	})
}

// namesCity reports whether a candidate of m is a capital, a division's
// seat or a large town.
func (s *scan) namesCity(m *mention) bool {
	for _, c := range m.cands {
		if e := s.g.Entry(c.Entry); strings.HasPrefix(e.Feature, "P.") && s.strong(e) {
			return true
		}
	}
	return false
}

func (s *scan) rememberPerson(m *mention) {
	s.persons[strings.Join(s.keysOf(m), " ")] = true
}

// bigArea reports whether any candidate is a country, first-level
// division or continent spelled as the mention spells it: "Cuomo" folds
// like the province of Como, but is not written so.
func (s *scan) bigArea(m *mention) bool {
	return m.flag(knowBig, func() bool {
		for _, c := range m.cands {
			e := s.g.Entry(c.Entry)
			if !(e.IsCountry() || e.IsAdmin1() || e.Feature == gazetteer.FeatureContinent) {
				continue
			}
			if c.Demonym {
				return true
			}
			if s.spelledAs(e, s.surface(m)) {
				return true
			}
		}
		return false
	})
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

// writtenLower reports whether the text has a word token, in lower case,
// that is the word of mention k, of one token, lower-cased. The first call
// answers for every such mention in one pass over the tokens: words are
// compared by a hash of their lower-case form, which needs no lower-case
// copy of the capitalised words asked about.
func (s *scan) writtenLower(k int) bool {
	if !s.lowerDone {
		s.findLower()
	}
	return s.mentions[k].lowerSeen
}

type askedWord struct {
	hash uint32
	k    int
	// group is the word's entry in scan.askedUniq, seen whether the
	// text writes it in lower case (on those entries)
	group int
	seen  bool
	// lower is the word lower-cased, when it is not ASCII
	lower string
}

func (s *scan) findLower() {
	s.lowerDone = true
	asked := s.asked[:0]
	var first, last [32]uint32
	for k := range s.mentions {
		m := &s.mentions[k]
		if m.first != m.last {
			continue
		}
		a := askedWord{k: k}
		w := s.word(m.first)
		if !isASCII(w) {
			a.lower = strings.ToLower(w)
			w = a.lower
		}
		if w == "" {
			continue
		}
		c := w[0]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c < 'a' || c > 'z' {
			continue
		}
		a.hash = lowerHash(w)
		asked = append(asked, a)
		first[min(len(w), 31)] |= 1 << (c - 'a')
		last[min(len(w), 31)] |= 1 << (w[len(w)-1] & 31)
	}
	s.asked = asked
	if len(asked) == 0 {
		return
	}
	// one entry a word: a name said forty times is looked for once.
	// The entries are found by hash in an open-addressing table of
	// twice their number or more (a power of two), so every word of
	// the text that passes the letter filters costs one probe or two.
	size := 64
	for size < 2*len(asked) {
		size *= 2
	}
	table := slices.Grow(s.askedTable[:0], size)[:size]
	for i := range table {
		table[i] = -1
	}
	mask := uint32(size - 1)
	uniq := s.askedUniq[:0]
	for i := range asked {
		a := &asked[i]
		a.group = -1
		slot := a.hash & mask
		for ; table[slot] >= 0; slot = (slot + 1) & mask {
			if u := &uniq[table[slot]]; u.hash == a.hash && s.sameAsked(u, a) {
				a.group = int(table[slot])
				break
			}
		}
		if a.group < 0 {
			a.group = len(uniq)
			table[slot] = int32(len(uniq))
			uniq = append(uniq, *a)
		}
	}
	s.askedUniq, s.askedTable = uniq, table
	for _, tok := range s.toks {
		if tok.Kind != doc.Word {
			continue
		}
		w := s.text[tok.Start:tok.End]
		c := w[0]
		n := min(len(w), 31)
		if c < 'a' || c > 'z' || first[n]&(1<<(c-'a')) == 0 || last[n]&(1<<(w[len(w)-1]&31)) == 0 {
			continue
		}
		h := lowerHash(w)
		for slot := h & mask; table[slot] >= 0; slot = (slot + 1) & mask {
			u := &uniq[table[slot]]
			if u.hash == h && !u.seen && (u.lower != "" && u.lower == w || u.lower == "" && asciiLowerIs(s.word(s.mentions[u.k].first), w)) {
				u.seen = true
			}
		}
	}
	for _, a := range asked {
		s.mentions[a.k].lowerSeen = uniq[a.group].seen
	}
}

// sameAsked reports whether two asked words are one word lower-cased.
func (s *scan) sameAsked(a, b *askedWord) bool {
	if a.lower != "" || b.lower != "" {
		return a.lower == b.lower && a.lower != ""
	}
	return asciiLowerEq(s.word(s.mentions[a.k].first), s.word(s.mentions[b.k].first))
}

// asciiLowerEq reports whether two ASCII words are equal lower-cased.
func asciiLowerEq(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		c, d := a[i], b[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if 'A' <= d && d <= 'Z' {
			d += 'a' - 'A'
		}
		if c != d {
			return false
		}
	}
	return true
}

// fnv1a is the FNV-1a hash of w, which the direct-mapped caches of the
// scan index by.
func fnv1a(w string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(w); i++ {
		h = (h ^ uint32(w[i])) * 16777619
	}
	return h
}

// lowerHash is FNV-1a of w with ASCII capitals lower-cased.
func lowerHash(w string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		h = (h ^ uint32(c)) * 16777619
	}
	return h
}

// asciiLowerIs reports whether the ASCII word w lower-cased is lower.
func asciiLowerIs(w, lower string) bool {
	if len(w) != len(lower) {
		return false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

// spelledAs reports whether an entry has a name that light-folds to surface.
func (s *scan) spelledAs(e *gazetteer.Entry, surface string) bool {
	if s.lightIs(e.Name, surface) {
		return true
	}
	for _, n := range e.Names {
		if s.lightIs(n, surface) {
			return true
		}
	}
	return false
}

// spelledWithoutArticle reports whether e's name is surface after an
// Arabic article: "Anbar province" is Al Anbar, "Hasakah" Al Hasakah, as
// English texts often leave the article out.
func (s *scan) spelledWithoutArticle(e *gazetteer.Entry, surface string) bool {
	for i := -1; i < len(e.Names); i++ {
		n := e.Name
		if i >= 0 {
			n = e.Names[i]
		}
		sp := strings.IndexAny(n, " -")
		if sp <= 0 || sp+1 >= len(n) || len(n)-sp-1 < len(surface) {
			continue
		}
		if gazetteer.IsArticle(strings.ToLower(n[:sp])) && s.lightIs(n[sp+1:], surface) {
			return true
		}
	}
	return false
}

// surface returns the light fold of m's text, folded once per mention.
func (s *scan) surface(m *mention) string {
	if !m.lightDone {
		m.light, m.lightDone = lightFold(s.text[m.span.Start:m.span.End]), true
	}
	return m.light
}

// lightIs reports whether lightFold(name) == surface, folding into a
// buffer of the scan: the rules compare every name of every candidate.
func (s *scan) lightIs(name, surface string) bool {
	if !isASCII(name) {
		return s.lightName(name) == surface
	}
	if len(name) < len(surface) || len(name) > len(surface)+1 && strings.IndexByte(name, '.') < 0 {
		// folding an ASCII name lower-cases it and drops its dots
		// and a final h
		return false
	}
	s.light = appendLightFold(s.light[:0], &s.nfd, name)
	return string(s.light) == surface
}

// nameSlots is the size of lightName's cache, direct-mapped.
const nameSlots = 1 << 11

// lightName returns lightFold(name) for a name of the gazetteer, kept
// from document to document: a name that is not ASCII is decomposed
// (norm.NFD allocates its buffers at every call), and the rules fold the
// same candidates' names in mention after mention.
func (s *scan) lightName(name string) string {
	if s.lightNames == nil {
		s.lightNames = new([nameSlots]foldSlot)
	}
	h := fnv1a(name)
	slot := &s.lightNames[h%nameSlots]
	if slot.word != name || slot.word == "" {
		s.light = appendLightFold(s.light[:0], &s.nfd, name)
		// the name is the gazetteer's, kept as long as the scan
		slot.word, slot.key = name, string(s.light)
	}
	return slot.key
}

func isASCII(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// lightFold lower-cases, drops diacritics, dots and a final h.
func lightFold(w string) string {
	var nfd []byte
	return string(appendLightFold(nil, &nfd, w))
}

// appendLightFold appends lightFold(w) to dst; *nfd is a buffer for the
// decomposed form of a name that is not ASCII.
func appendLightFold(dst []byte, nfd *[]byte, w string) []byte {
	base := len(dst)
	if isASCII(w) {
		// most names: no decomposition needed
		for i := 0; i < len(w); i++ {
			c := w[i]
			switch {
			case c == '.':
			case 'A' <= c && c <= 'Z':
				dst = append(dst, c+'a'-'A')
			default:
				dst = append(dst, c)
			}
		}
	} else {
		*nfd = norm.NFD.AppendString((*nfd)[:0], w)
		for _, r := range string(*nfd) {
			if unicode.Is(unicode.Mn, r) || r == '.' {
				continue
			}
			dst = utf8.AppendRune(dst, unicode.ToLower(r))
		}
	}
	if n := len(dst); n > base && dst[n-1] == 'h' {
		dst = dst[:n-1]
	}
	return dst
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
	w := func(i int) string { return s.lowerWord(m.first - i) }
	base := doc.Place{Kind: "place", Name: e.Name, GeonameID: e.ID, Lat: e.Lat, Lon: e.Lon,
		Country: e.Country, Feature: e.Feature, Resolved: true, Score: 0.5}
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
				base.Anchor = spanPtr(anchor) // allocated only for a relation found
				return base, true
			}
		}
	}
near:
	switch {
	case m.first >= 1 && (w(1) == "near" || w(1) == "outside"):
		base.Relation, base.Precision, base.Span = "near", doc.PrecisionDistrict, span(1)
		base.Anchor = spanPtr(anchor) // allocated only for a relation found
		return base, true
	case m.first >= 2 && w(1) == "of" && w(2) == "outskirts":
		base.Relation, base.Precision, base.Span = "outskirts", doc.PrecisionDistrict, span(2)
		base.Anchor = spanPtr(anchor) // allocated only for a relation found
		return base, true
	case m.first >= 1 && w(1) == "between" && k+1 < len(s.mentions):
		o := &s.mentions[k+1]
		if o.span.Start >= m.span.End && strings.TrimSpace(s.text[m.span.End:o.span.Start]) == "and" && !o.demonym {
			oe := s.g.Entry(o.entry)
			base.Lat, base.Lon = (e.Lat+oe.Lat)/2, (e.Lon+oe.Lon)/2
			base.Relation, base.Precision = "between", doc.PrecisionDistrict
			base.Span = doc.Span{Start: s.toks[m.first-1].Start, End: o.span.End}
			base.GeonameID, base.Name = 0, e.Name+" – "+oe.Name
			base.Anchor = spanPtr(anchor) // allocated only for a relation found
			return base, true
		}
	}
	return doc.Place{}, false
}

func spanPtr(sp doc.Span) *doc.Span { return &sp }

// offset moves a point d km along a bearing (degrees from north).
func offset(lat, lon, d, bearing float64) (float64, float64) {
	const r = 6371.0
	φ1, λ1, θ, δ := lat*math.Pi/180, lon*math.Pi/180, bearing*math.Pi/180, d/r
	φ2 := math.Asin(math.Sin(φ1)*math.Cos(δ) + math.Cos(φ1)*math.Sin(δ)*math.Cos(θ))
	λ2 := λ1 + math.Atan2(math.Sin(θ)*math.Sin(δ)*math.Cos(φ1), math.Cos(δ)-math.Sin(φ1)*math.Sin(φ2))
	return φ2 * 180 / math.Pi, math.Mod(λ2*180/math.Pi+540, 360) - 180
}

// inLower reports whether set holds strings.ToLower(w), lower-casing short
// ASCII words on the stack.
func inLower(set map[string]bool, w string) bool {
	var b [32]byte
	if len(w) > len(b) || !isASCII(w) {
		return set[strings.ToLower(w)]
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return set[string(b[:len(w)])]
}

// featureWords name a kind of natural or built feature that takes a
// place's name without lying at the place: the Fraser Valley is not in
// Fraser, Michigan, nor St. Peter's Square in Saint Peter, Minnesota.
// The value is true for the words that name something inside an area
// named like it (the Jordan Valley is in Jordan's region, the
// Queensland coast along Queensland); built features (a square, a park)
// are named after anything.
var featureWords = map[string]bool{
	"valley": true, "bay": true, "delta": true, "lake": true, "lakes": true, "plateau": true,
	"coast": true, "basin": true, "mountains": true, "hills": true, "highlands": true,
	"lowlands": true, "peninsula": true, "strait": true, "gulf": true, "sea": true,
	"desert": true, "forest": true, "canyon": true, "gorge": true, "island": true,
	"islands": true, "midlands": true, "creek": true,
	"northwest": false, "northeast": false, "southwest": false, "southeast": false,
	"square": false, "park": false, "gardens": false, "stadium": false, "canal": false,
}

// compassWords before a name make another area of it: West Midlands is
// not the Midlands of Zimbabwe, "East Azerbaijan" not the country.
var compassWords = map[string]bool{
	"north": true, "south": true, "east": true, "west": true, "inner": true, "outer": true,
	"central": true, "northern": true, "southern": true, "eastern": true, "western": true,
	"upper": true, "lower": true,
}

// featureCompound reports whether mention m, resolved to e (own is its
// first-pass pick), is part of a longer name the gazetteer lacks, and if
// so marks it unresolved with the whole phrase's span: a name the text
// gives a feature or compass word it is not known with is another
// entity, and the bare name's point would be wrong. The phrase is still
// reported, without a point, so an analyst sees that a place was named
// and can locate it (the event stage uses only resolved places). Names
// the gazetteer holds whole ("Pacific Northwest", "West Bank") never get
// here: recognition took them leftmost-longest.
func (s *scan) featureCompound(m *mention, e *gazetteer.Entry, own int32) bool {
	if m.partial {
		return false
	}
	n, p := m.last+1, m.first-1
	if w := s.word(n); w == "'s" || w == "’s" {
		n++ // "St. Peter's Square"
	}
	// "Fraser Valley", "Islington Bay", "St. Peter's Square": a feature
	// word after the name; an area keeps a natural feature of its own
	// ("the Jordan Valley", "the Gaza coast"), and a name the text places
	// things around keeps it too ("the Afrin River" in a story on Afrin)
	// the feature word may itself name a division ("Bay", Somalia)
	nm := s.mentionOf(n)
	if n < len(s.toks) && s.isCap(n) && !s.allCaps(n) && s.sameLine(n-1, n) && (nm == nil || nm.drop || nm.first == nm.last) {
		inside, ok := featureWords[s.lowerWord(n)]
		if ok && !(inside && (e.IsCountry() || e.IsAdmin1())) && s.elsewhere(e.Country, own) {
			if nm != nil {
				nm.drop = true
			}
			m.unresolved = true
			m.last = n
			m.span.End = s.toks[n].End
			return true
		}
	}
	if p < 0 || !s.isCap(p) || s.allCaps(p) || !s.sameLine(p, m.first) || s.mentionAt(p) {
		return false
	}
	// "Danube Delta", "Mahim Bay", "Central Plateau", "West Midlands": a
	// division named by a generic word ("Delta", "Bay", "Plateau"), after
	// another capitalised word, is part of that longer name
	generic := m.first == m.last && (featureWords[s.lowerWord(m.first)] || compassWords[s.lowerWord(m.first)] ||
		s.lowerWord(m.first) == "midlands")
	// "West Midlands", "Inner Mongolia": a compass word before an area
	// abroad names another area
	compass := compassWords[s.lowerWord(p)] && (e.IsCountry() || e.IsAdmin1())
	if generic && !s.sentenceStart(p) || compass && s.elsewhere(e.Country, own) {
		m.unresolved = true
		m.first = p
		m.span.Start = s.toks[p].Start
		return true
	}
	return false
}
