package event

import (
	"sort"
	"strings"

	"github.com/sitrep-dev/sitrep/internal/doc"
)

// Places a text names that are not where anything happened. Two kinds
// come up in every wire story and ACLED codes neither as an event's
// location:
//
//   - A dateline says where the reporter files from: "BEIRUT (Reuters) -
//     Air strikes on towns in Idlib killed ...", "MOSCOW (Sputnik) --",
//     "Beirut, Oct 3 (AFP) ...", and, as crawlers leave it, "BEIRUT Air
//     strikes ...", which the segmenter cuts into a unit of its own.
//   - A foreign country named as a party, not as a scene: "Russia said",
//     "US strikes", "backed by Turkey", "talks between Turkey and Iran",
//     "the US and Russia agreed". A country is a scene only where the
//     text puts something in, at or on it ("in Turkey", "across Iraq",
//     "strikes on Lebanon"); the document's main country is always one
//     ("Syria attack victims").
//
// Both are used only as a last resort: when no sentence of the document
// names a place that is neither (see Stage.location). A dateline kept so
// is marked RelationDateline in the record.

// Roles of a place in its sentence (docIndex.role).
const (
	roleScene    uint8 = iota + 1 // may be where something happened
	roleDateline                  // where the reporter files from
	roleParty                     // a country named as an actor
)

// RelationDateline in a location says the only place the text gives is
// its dateline, where the story was filed from: a weak fallback for
// where the event happened, no finer than the dateline's own place.
const RelationDateline = "dateline"

// role returns the role of place i (see the roles above), computed for
// all places of its sentence at once, in order, so that a dateline also
// covers the places after it up to its end: the country of "KABUL,
// Afghanistan (AP)", the agency of "SANA'A, Feb. 5 (Saba)".
func (ix *docIndex) role(d *doc.Document, i int) uint8 {
	if ix.roles == nil {
		ix.roles = make([]uint8, len(d.Places))
	}
	if ix.roles[i] != 0 {
		return ix.roles[i]
	}
	ps := []int{i}
	if s := ix.sentenceAt(d.Places[i].Start); s >= 0 {
		ps = ix.places.in(ix.sents[s])
	}
	end := -1 // of the last dateline
	for _, k := range ps {
		p := &d.Places[k]
		switch {
		case ix.roles[k] != 0:
		case p.Start < end:
			ix.roles[k] = roleDateline
		default:
			ix.roles[k] = roleScene
			if e := ix.dateline(d, p); e > 0 {
				ix.roles[k], end = roleDateline, e
			} else if ix.party(d, p) {
				ix.roles[k] = roleParty
			}
		}
	}
	if ix.roles[i] == 0 { // not in the list of its sentence: unsorted places
		ix.roles[i] = roleScene
	}
	return ix.roles[i]
}

// topCountry returns the document's main country (see topCountry),
// cached.
func (ix *docIndex) topCountry(d *doc.Document) string {
	if !ix.topDone {
		ix.top, ix.topDone = topCountry(countryVotes(d, ix)), true
	}
	return ix.top
}

// sentenceAt returns the sentence of ix holding offset off, or -1.
func (ix *docIndex) sentenceAt(off int) int {
	k := sort.Search(len(ix.sents), func(k int) bool { return ix.sents[k].End > off })
	if k < len(ix.sents) && ix.sents[k].Start <= off {
		return k
	}
	return -1
}

// maxAgency bounds the bracket after a dateline: "(Reuters)", "(The
// Associated Press Albert Aji)".
const maxAgency = 60

// dateline returns the end of the dateline p opens, or 0 when p opens
// none. A dateline is the place at the start of its sentence, optionally
// a country or state after it (", Afghanistan"; in capitals also without
// the comma: "DAMASCUS Syria") and a date (", Oct 3"), then an agency in
// brackets or a dash: "KABUL, Afghanistan (AP) —", "Beirut, Oct 3
// (AFP)", "HOMS - ". A place in capitals is one also when it is the
// whole sentence (the segmenter cut "BEIRUT" off the lead), when a
// sentence starts right after it ("BEIRUT At least 70 fighters ..."),
// and before an agency in brackets anywhere (a headline run into
// "DAMASCUS (Sputnik) Earlier in the day ...").
func (ix *docIndex) dateline(d *doc.Document, p *doc.Place) int {
	s := ix.sentenceAt(p.Start)
	if s < 0 {
		return 0
	}
	text, end := d.Text, ix.sents[s].End
	caps := capitalsName(text[p.Start:p.End]) && len(text[p.Start:p.End]) >= 4 // not "US", "UK"
	opens := strings.TrimLeft(text[ix.sents[s].Start:p.Start], " \t\n\"'“") == ""
	if !opens && !caps {
		return 0
	}
	j := p.End
	if k := skipSpaces(text, j, end); opens && k < end && text[k] == ',' {
		k = skipSpaces(text, k+1, end)
		if q := ix.placeStarting(d, k); q >= 0 {
			j = d.Places[q].End // "KABUL, Afghanistan"
		}
	} else if opens && caps && k > j {
		if q := ix.placeStarting(d, k); q >= 0 && precisionRank[d.Places[q].Precision] >= precisionRank[doc.PrecisionAdmin1] {
			j = d.Places[q].End // "DAMASCUS Syria (AP)"
		}
	}
	if k := skipSpaces(text, j, end); opens && k < end && text[k] == ',' {
		k = skipSpaces(text, k+1, end)
		if t := ix.timexStarting(d, k); t >= 0 {
			j = d.Timexes[t].Span.End // "Beirut, Oct 3 (AFP)"
		}
	}
	k := skipSpaces(text, j, end)
	if k+1 < end && text[k] == '(' && text[k+1] >= 'A' && text[k+1] <= 'Z' {
		c := strings.IndexByte(text[k:min(end, k+maxAgency)], ')')
		if c > 1 && !strings.ContainsAny(text[k+1:k+c], "(.;") {
			return k + c + 1
		}
		return 0
	}
	if !opens {
		return 0
	}
	if dashAt(text, k, end) {
		return k + 1
	}
	if !caps {
		return 0
	}
	rest := strings.TrimRight(text[k:end], " .\n")
	if rest == "" {
		return max(k, p.End) // a unit of its own
	}
	// a sentence starts: a capitalised word, then a lowercase one or a
	// number ("At least", "Air strikes", "Syrian and Russian")
	w := k
	for w < end && isLetter(text[w]) {
		w++
	}
	if w == k || text[k] < 'A' || text[k] > 'Z' || capitalsName(text[k:w]) {
		return 0
	}
	if n := skipSpaces(text, w, end); n < end && n > w && (text[n] >= 'a' && text[n] <= 'z' || text[n] >= '0' && text[n] <= '9') {
		return k
	}
	return 0
}

// placeStarting returns the resolved place starting at off, or -1.
func (ix *docIndex) placeStarting(d *doc.Document, off int) int {
	for _, i := range ix.places.in(doc.Span{Start: off, End: off + 1}) {
		if d.Places[i].Resolved {
			return i
		}
	}
	return -1
}

// timexStarting returns the date expression starting at off, or -1.
func (ix *docIndex) timexStarting(d *doc.Document, off int) int {
	for _, i := range ix.timexes.in(doc.Span{Start: off, End: off + 1}) {
		return i
	}
	return -1
}

// dashAt reports whether a dash opens the text at k: "-", "--", "—",
// "–", followed by a space.
func dashAt(text string, k, end int) bool {
	for _, dash := range []string{"--", "-", "—", "–"} {
		if strings.HasPrefix(text[k:end], dash) {
			n := k + len(dash)
			return n < end && text[n] == ' '
		}
	}
	return false
}

func skipSpaces(text string, i, end int) int {
	for i < end && text[i] == ' ' {
		i++
	}
	return i
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80 }

// capitalsName reports whether a name is written in capitals: "BEIRUT",
// "DEIR EZ-ZOR", not "Beirut" or "U.S." (one letter between dots).
func capitalsName(s string) bool {
	letters := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 'A' && c <= 'Z':
			letters++
		case c == ' ' || c == '-' || c == '\'':
		default:
			return false
		}
	}
	return letters >= 2
}

// party reports whether p is named as an actor rather than as a place
// something happened in: a news outlet's name (see outlet), the point
// between two countries ("talks between Turkey and Iran"), or a country
// the words around it make a party (see partyCue).
func (ix *docIndex) party(d *doc.Document, p *doc.Place) bool {
	if p.Kind == "demonym" {
		return false
	}
	if p.Relation == "between" {
		for _, i := range ix.places.in(p.Span) {
			if q := &d.Places[i]; q.Span != p.Span && q.Precision == doc.PrecisionCountry {
				return true
			}
		}
	}
	if strings.HasPrefix(d.Text[p.End:], "-based") {
		return true // "a Britain-based monitor": where an actor is based
	}
	if p.Precision != doc.PrecisionCountry {
		return ix.outlet(d, p.Span)
	}
	if p.Country == ix.topCountry(d) {
		// the country the story is about is its scene: "Syria air
		// strikes kill 12", "Syrias civil war"
		return false
	}
	lower, _ := d.Lower()
	from, to := 0, len(d.Text)
	if s := ix.sentenceAt(p.Start); s >= 0 {
		from, to = ix.sents[s].Start, ix.sents[s].End
	}
	return partyCue(d.Text, lower, from, p.Span, to)
}

// outlet reports whether sp is exactly the name of a news outlet the
// actor stage found: "officials told Saba", an agency named like a
// place.
func (ix *docIndex) outlet(d *doc.Document, sp doc.Span) bool {
	for _, i := range ix.actors.in(sp) {
		if a := &d.Actors[i]; a.Span == sp && a.Type == "media" {
			return true
		}
	}
	return false
}

// sceneWords before a country put something in it: "in Turkey", "across
// Iraq", "strikes on Lebanon", "the border area inside Jordan".
var sceneWords = map[string]bool{
	"in": true, "into": true, "inside": true, "outside": true, "at": true, "near": true, "around": true,
	"across": true, "over": true, "on": true, "against": true, "throughout": true, "within": true,
	"from": true, "to": true, "of": true, // "from" is an origin (see originBefore); "of" see regionWords
}

// regionWords before "of" make the country after it a place: "the north
// of Iraq", "parts of Lebanon", "off the coast of Nigeria"; after any
// other word "of" names a party ("the president of Russia").
var regionWords = map[string]bool{
	"north": true, "south": true, "east": true, "west": true, "northeast": true, "northwest": true,
	"southeast": true, "southwest": true, "parts": true, "part": true, "areas": true, "area": true,
	"regions": true, "region": true, "rest": true, "outskirts": true, "territory": true, "provinces": true,
	"coast": true, "coasts": true, "shores": true, "waters": true, "gulf": true, "city": true, "cities": true,
}

// legalWords before "in" make the country a jurisdiction, not a place:
// "Daesh (banned in Russia)".
var legalWords = map[string]bool{"banned": true, "outlawed": true, "prohibited": true, "illegal": true, "proscribed": true}

// partyBefore are words before a country (or a list of them) that make
// it a party: "backed by Russia", "regime ally Iran", "rebel backer
// Turkey", "talks with Turkey", "allies including Russia".
var partyBefore = map[string]bool{
	"by": true, "ally": true, "allies": true, "backer": true, "backers": true, "supporter": true,
	"supporters": true, "sponsor": true, "sponsors": true, "patron": true, "between": true, "with": true,
	"including": true, "partner": true, "partners": true,
}

// partyAfter are words after a country (or a list of them) that make it
// a party: a verb ("Russia has", "the US and Russia agreed"), or a noun
// the country qualifies as who acts ("US strikes", "US air strikes",
// "Russia aircraft", "US President", "the U.S. Department"). Words
// ending in -ed or -s count as verbs and plurals ("Russia deployed",
// "Turkey says", "US raids"); an event in the singular ("Syria attack")
// may be where it happened and does not count.
var partyAfter = map[string]bool{
	"has": true, "have": true, "had": true, "is": true, "was": true, "are": true, "were": true, "will": true,
	"would": true, "can": true, "could": true, "should": true, "may": true, "might": true, "must": true,
	"did": true, "does": true, "began": true, "left": true, "sent": true, "took": true, "made": true,
	"led": true, "gave": true, "told": true, "won": true, "lost": true, "saw": true, "struck": true,
	"fought": true, "brought": true, "sought": true, "hit": true, "said": true, "sees": true, "also": true,
	"air": true, "airstrike": true, "strike": true, "raid": true, "military": true, "army": true, "navy": true,
	"aircraft": true, "drone": true, "missile": true, "official": true, "president": true, "secretary": true,
	"department": true, "defence": true, "defense": true, "ministry": true, "minister": true, "envoy": true,
	"ambassador": true, "government": true, "administration": true, "intelligence": true, "action": true,
	"support": true, "backing": true, "special": true, "aid": true, "state": true, "foreign": true,
	"which": true, "who": true, "whose": true,
}

// partyCue reports whether the words around the country at sp make it a
// party rather than a scene (see partyBefore, partyAfter): read back and
// forth past the other names of a list ("the US and Russia agreed",
// "regime supporters Russia and Iran"). A possessive is a party ("Russias
// intervention") unless a place follows ("Syrias Raqqa"); a scene word
// before the list puts something in the country ("in Lebanon, Jordan and
// Turkey", "banned in Russia" excepted), and so does a region word and
// "of" ("the north of Iraq").
func partyCue(text, lower string, from int, sp doc.Span, to int) bool {
	if sp.Start > from && text[sp.Start-1] == '-' || sp.End < to && text[sp.End] == '-' {
		return false // "the Syria-Turkey border": a landmark, see routeEnd
	}
	// possessive: "Russia's", "Russias" with the apostrophe stripped
	if rest := lower[sp.End:to]; strings.HasPrefix(rest, "'s ") || strings.HasPrefix(rest, "’s ") || strings.HasPrefix(rest, "s ") {
		n := strings.IndexByte(rest, ' ') + 1
		return n < len(rest) && !placePossessee(text, lower, sp.End+n, to)
	}
	switch w, prev := wordBeforeList(text, lower, from, sp.Start); {
	case w == "in":
		if legalWords[prev] {
			return true
		}
		return false
	case w == "of":
		return !regionWords[prev]
	case sceneWords[w]:
		return false
	case partyBefore[w] || strings.HasSuffix(w, "-backer") || strings.HasSuffix(w, "-backers"):
		return true
	}
	w := wordAfterList(text, lower, sp.End, to)
	if w == "" {
		return false
	}
	return partyAfter[w] || len(w) > 3 && (strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss"))
}

// placePossessee reports whether the words at off, after a country's
// possessive, name a place in it: "Syrias Raqqa", "Syria's eastern city
// of Deir ez-Zor", "Iraq's Anbar province", "Syrias north".
func placePossessee(text, lower string, off, to int) bool {
	i := off
	for n := 0; n < 3 && i < to; n++ {
		if text[i] >= 'A' && text[i] <= 'Z' {
			return true
		}
		j := i
		for j < to && (isWordByte(lower[j]) || lower[j] == '-') {
			j++
		}
		w := lower[i:j]
		switch {
		case containerWords[w] || regionWords[w] || townWords[w] || w == "border" || w == "capital":
			return true
		case placeAdjectives[w]:
		default:
			return false
		}
		i = skipSpaces(text, j, to)
	}
	return false
}

// placeAdjectives may stand between a possessive and a place noun, or
// between a scene word and a country: "Syria's eastern city", "in
// remote northern Norway".
var placeAdjectives = map[string]bool{
	"northern": true, "southern": true, "eastern": true, "western": true, "central": true,
	"northeastern": true, "northwestern": true, "southeastern": true, "southwestern": true,
	"north": true, "south": true, "east": true, "west": true, "remote": true, "rural": true,
	"neighbouring": true, "neighboring": true, "war-torn": true, "divided": true, "besieged": true,
	"mainland": true, "coastal": true, "far": true, "largest": true, "second": true, "main": true,
}

// listFillers may stand between the names of a list of countries: "the
// US and Russia", "Russia, Iran and Turkey", "either Russia or Syria".
var listFillers = map[string]bool{"the": true, "and": true, "or": true, "either": true, "both": true, "neither": true, "nor": true}

// wordBeforeList returns the first word before off that is neither a name
// nor a list filler, lowercased, and the word before that.
func wordBeforeList(text, lower string, from, off int) (w, prev string) {
	i := off
	for n := 0; n < 10; n++ {
		j, k := wordBack(lower, from, i)
		if j == k {
			return "", ""
		}
		w = lower[j:k]
		if !listFillers[w] && !placeAdjectives[w] && (text[j] < 'A' || text[j] > 'Z') {
			p, q := wordBack(lower, from, j)
			return w, lower[p:q]
		}
		i = j
	}
	return "", ""
}

// wordBack returns the word before off, past spaces and commas: its
// start and end, equal when there is none.
func wordBack(lower string, from, off int) (int, int) {
	k := off
	for k > from && (lower[k-1] == ' ' || lower[k-1] == ',') {
		k--
	}
	j := k
	for j > from && (isWordByte(lower[j-1]) || lower[j-1] == '.' || lower[j-1] == '-' || lower[j-1] == '\'') {
		j--
	}
	return j, k
}

// wordAfterList returns the first word after off that is neither a list
// filler nor, after one, another name of the list, lowercased; "" at
// punctuation.
func wordAfterList(text, lower string, off, to int) string {
	i, list := off, false
	for n := 0; n < 10; n++ {
		for i < to && text[i] == ' ' {
			i++
		}
		if i < to && text[i] == ',' {
			i, list = i+1, true
			continue
		}
		j := i
		for j < to && (isWordByte(lower[j]) || lower[j] == '-' || lower[j] == '.' && j+1 < to && isWordByte(lower[j+1])) {
			j++
		}
		if j == i {
			return ""
		}
		switch w := lower[i:j]; {
		case listFillers[w]:
			list = true
		case list && text[i] >= 'A' && text[i] <= 'Z':
		default:
			return w
		}
		i = j
	}
	return ""
}
