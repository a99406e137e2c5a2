package event

import (
	"math"
	"slices"
	"strings"

	"github.com/sitrep-dev/sitrep/internal/doc"
)

// Choosing an event's place among the places of its sentence. The place
// stage resolves every toponym on its own; the sentence says more about
// which one is the event's: "in the Yangi village of Qaysar district,
// Faryab" names a village inside a district inside a province, and the
// event is in the village. The rules, in order:
//
//  1. A place that contradicts the place the text puts it in is
//     misresolved and left out: "Savar, Dhaka" resolved to a town in
//     another country than Dhaka, or "Jaro, Iloilo City" to a Jaro 250 km
//     from Iloilo City (a town the text puts a place in stands for at
//     most 200 km around it, a district 300, a province, "X state"
//     included, 800). Of the two, the one in a country the document
//     names less often is wrong, then the one in a country the
//     sentence's division words do not name ("Kagara (Rafi LGA,
//     Niger)": an LGA is Nigerian), then the one the resolver was less
//     sure of. So is a town or district in another country than
//     every province the sentence names ("Mirza village of Qadis
//     district, Badghis" read as a Mirza abroad), and a place inside an
//     actor's name outside the document's main country ("Al-Shabaab"
//     read as Ål, Norway).
//  2. A place the sentence names as an origin or a landmark is used only
//     when there is no other: "residents of X", "fighters from X",
//     "X-based", "X road in Y", "the X-Y highway", a place inside an
//     actor's name. One of alternatives ("either in X or Y") beats only
//     a country: the event is somewhere in the province the text names.
//     Neither a landmark nor an alternative makes the place it is in
//     yield to it (rule 3): "near Kalpi Bridge in Jalaun district" is in
//     Jalaun district.
//  3. A place the text puts another place in yields to it, whatever the
//     gazetteer's precision says: "Kouroussa town (Kouroussa-Centre,
//     Kankan)" is Kouroussa, even when Kankan resolves to a city and
//     Kouroussa to a district.
//  4. Otherwise the finest place, then one after "in", "at" or "near",
//     then the first. A type word after a name says how fine it is,
//     whatever the gazetteer found under that name: "Kouroussa town" is
//     a town even when Kouroussa resolves to a prefecture.
//
// Two things come before the sentence's best place and one after it (see
// Stage.location): a trigger in a relative clause takes the place the
// clause is about ("the town of Saraqib, which troops recaptured" is
// at Saraqib, whatever else the sentence names), and a road's end ("a
// checkpoint on the Damascus-Aleppo highway", "the M5 highway linking
// Hama and Aleppo"), which says nothing of where on the road the event
// was, gives way to the place of the nearest earlier sentence that is
// not one; kept as the last resort, its record says so (RelationRoad)
// and is no finer than a province.

// placeCand is a resolved place of a sentence with what the text says
// about it.
type placeCand struct {
	i         int // index in Document.Places
	rank      int // precisionRank
	container int // index in the candidate list of the place it is in, or -1
	bad       bool
	origin    bool // "residents of X", "fighters from X", inside an actor's name
	landmark  bool // "X road", "X-based", "X market", "the X-Y highway"
	locative  bool // "in X", "at the X area", "near X"
	alt       bool // "either in X or Y": one of places the text is unsure between
	end       bool // "the X-Y highway", "the road linking X and Y": a road's end
	contains  bool // an eligible candidate is inside it
	weak      bool // a dateline or a party, no candidate here (see docIndex.role)
}

// containerWords may stand between a place and the place it is in:
// "Qaysar district, Faryab", "Ashulia town (Savar, Dhaka)", "the Kharistan
// area of Qala i Naw district".
var containerWords = map[string]bool{
	"the":      true,
	"district": true, "districts": true, "area": true, "areas": true, "village": true, "villages": true,
	"town": true, "city": true, "province": true, "region": true, "state": true, "county": true,
	"sector": true, "subdistrict": true, "sub": true, "municipality": true, "department": true,
	"governorate": true, "commune": true, "lga": true, "upazila": true, "tehsil": true, "locality": true,
	"neighbourhood": true, "neighborhood": true, "zone": true, "division": true, "subdivision": true,
	"prefecture": true, "oblast": true, "raion": true, "block": true, "ward": true, "barangay": true,
	"center": true, "centre": true, "camp": true, "suburb": true, "outskirts": true, "part": true,
	"territory": true, "chiefdom": true, "sub-county": true, "parish": true, "island": true, "islands": true,
	"capital": true, "mandal": true, "taluk": true, "zila": true, "upazilla": true, "circle": true,
}

// routeWords after a place make it a landmark of the event, not its
// location: "on Murree road in Rawalpindi", "the Jalandhar bypass", a
// market, station or border named after a place ("at the Hamidia bazaar
// in the city", "near the Ostrov metro station in Minsk", "on the
// Dahl-Morava border").
var routeWords = map[string]bool{
	"road": true, "roads": true, "bypass": true, "highway": true, "street": true, "stretch": true,
	"expressway": true, "motorway": true, "route": true, "avenue": true, "boulevard": true,
	"-based": true, "based": true, "axis": true, "corridor": true, "line": true,
	"market": true, "bazaar": true, "bazar": true, "mall": true, "station": true, "metro": true,
	"border": true, "junction": true, "bridge": true, "crossing": true, "roundabout": true,
}

// routeAdjectives may stand between a place and its route word: "the
// Agra-Mumbai national highway".
var routeAdjectives = map[string]bool{
	"national": true, "federal": true, "main": true, "old": true, "new": true, "ring": true, "coastal": true,
}

// locativeWords before a place say the event happened there: "in X",
// "at the X junction", "near X".
var locativeWords = map[string]bool{
	"in": true, "at": true, "near": true, "outside": true, "inside": true, "around": true, "into": true,
}

// townWords, districtWords and provinceWords after a name say how fine
// the place is: "Kouroussa town", "Chora district", "Lakes state".
var (
	townWords     = map[string]bool{"town": true, "city": true, "village": true, "neighbourhood": true, "neighborhood": true, "suburb": true}
	districtWords = map[string]bool{"district": true, "municipality": true, "county": true, "tehsil": true, "upazila": true, "upazilla": true, "subdistrict": true, "commune": true, "lga": true}
	// provinceWords say a container is a province: "Trujillo state" is
	// the state, not the city of Trujillo the gazetteer found (typedSize)
	provinceWords = map[string]bool{"state": true, "province": true, "governorate": true, "oblast": true, "region": true}
)

// originWords before a place make it where people come from: "residents
// of X staged a protest in Y", "militia from X attacked".
var originWords = map[string]bool{
	"from": true, "residents": true, "natives": true, "native": true, "inhabitants": true,
	"people": true, "villagers": true, "citizens": true, "returning": true, "displaced": true,
}

// bestPlace returns the place of span that is the event's location (see
// the rules above), or -1 when no place inside span is resolved, and
// whether that place is only the end of a road the event happened on
// (see routeEnd). Unless weak, datelines and countries named as parties
// (see docIndex.role) are no candidates.
func bestPlace(d *doc.Document, ix *docIndex, cands []int, span doc.Span, weak bool) (int, bool) {
	lower, _ := d.Lower()
	var cs []placeCand
	for _, i := range cands {
		p := &d.Places[i]
		if !p.Resolved || !span.Contains(p.Span) || p.Kind == "demonym" {
			continue
		}
		r, ok := precisionRank[p.Precision]
		if !ok {
			r = 6
		}
		c := placeCand{i: i, rank: r, container: -1}
		// a dateline or a party stays a candidate, so that it still
		// contains and contradicts ("Al Qousour district of Syrias
		// eastern city"), but is chosen only when weak
		c.weak = !weak && ix != nil && ix.role(d, i) != roleScene
		cs = append(cs, c)
	}
	if ix != nil && len(d.Actors) > 0 {
		// rule 1 also drops a place inside an actor's name that lies
		// outside the document's main country: "Al-Shabaab" read as Ål,
		// Norway, a club named after a foreign capital. One in it
		// stays, as an origin ("the Kandahar police chief").
		top := ix.topCountry(d)
		cs = slices.DeleteFunc(cs, func(c placeCand) bool {
			p := &d.Places[c.i]
			return top != "" && p.Country != top && insideActor(d, ix, p.Span)
		})
	}
	switch len(cs) {
	case 0:
		return -1, false
	case 1:
		if cs[0].weak {
			return -1, false
		}
		p := &d.Places[cs[0].i]
		return cs[0].i, routeEnd(d.Text, lower, span.Start, p.Span, span.End)
	}
	for k := range cs {
		c := &cs[k]
		p := &d.Places[c.i]
		c.origin = originBefore(d.Text, lower, span.Start, p.Start) || ix != nil && insideActor(d, ix, p.Span)
		c.end = routeEnd(d.Text, lower, span.Start, p.Span, span.End)
		c.landmark = c.end || landmarkAfter(d.Text, lower, p.End, span.End)
		c.locative = locativeBefore(d.Text, lower, span.Start, p.Start)
		c.alt = altBefore(d.Text, lower, span.Start, p.Start) || altAfter(d.Text, lower, p.End, span.End)
		c.rank = typedRank(lower, p.End, span.End, c.rank)
		if k+1 < len(cs) {
			if q := &d.Places[cs[k+1].i]; q.Start >= p.End && linked(d.Text[p.End:q.Start]) {
				c.container = k + 1
			}
		}
	}
	// "in Kabul, Ghor, Laghman and Balkh": a run of places joined by
	// commas and closed by "and" is a list, not a hierarchy
	for k := 0; k+1 < len(cs); k++ {
		p, q := &d.Places[cs[k].i], &d.Places[cs[k+1].i]
		if q.Start < p.End || !listGap(lower[p.End:q.Start]) {
			continue
		}
		for j := k; j >= 0 && cs[j].container == j+1; j-- {
			if g := lower[d.Places[cs[j].i].End:d.Places[cs[j+1].i].Start]; strings.TrimSpace(g) != "," {
				break
			}
			cs[j].container = -1
		}
	}

	// rule 1: contradictions, from the outermost place inwards, so a
	// misresolved container does not condemn what is inside it. Of two
	// places that cannot both be right, the one in a country the
	// document names less often is wrong, else the one the resolver was
	// less sure of: "Rumbek (Lakes state)" with Lakes read as a
	// Brazilian town.
	votes := countryVotes(d, ix)
	top := topCountry(votes)
	framed := false // the sentence names a province of the main country
	for k := range cs {
		if p := &d.Places[cs[k].i]; p.Precision == doc.PrecisionAdmin1 && p.Country == top {
			framed = true
		}
	}
	for k := len(cs) - 1; k >= 0; k-- {
		c := &cs[k]
		if c.bad {
			continue
		}
		p := &d.Places[c.i]
		j := c.container
		for j >= 0 && cs[j].bad {
			j = cs[j].container
		}
		if j >= 0 {
			q := &d.Places[cs[j].i]
			// a country before a town ("against Syria Kurds in
			// Hasakeh") is no place inside it, so no contradiction
			if c.rank > cs[j].rank+1 {
				continue
			}
			if contradicts(p, q, typedSize(lower, q.End, span.End, cs[j].rank)) {
				vp, vq := votes[p.Country], votes[q.Country]
				if vp == vq {
					// the sentence's division words break the tie:
					// "Kagara (Rafi LGA, Niger)" is in Nigeria
					dv := divisionVotes(lower[span.Start:span.End])
					vp, vq = dv[p.Country], dv[q.Country]
				}
				if vp < vq || vp == vq && p.Score <= q.Score {
					c.bad = true
				} else {
					cs[j].bad = true
				}
			}
			continue
		}
		if framed && p.Country != top && c.rank < precisionRank[doc.PrecisionCountry] {
			c.bad = true
		}
	}

	// rule 3: a container yields to an eligible place inside it, and the
	// place inside takes the finest precision of the chain
	for k := len(cs) - 1; k >= 0; k-- {
		c := &cs[k]
		j := c.container
		for j >= 0 && cs[j].bad {
			j = cs[j].container
		}
		// a landmark or one of two alternatives does not place the event
		// inside its container: "near Kalpi Bridge in Jalaun district" is
		// in Jalaun district, not at Kalpi; "in Balkh province (either in
		// Chimtal or Charbolak districts)" is somewhere in Balkh
		if c.bad || c.origin || c.landmark || c.alt || j < 0 || c.rank > cs[j].rank+1 {
			continue
		}
		cs[j].contains = true
		c.rank = min(c.rank, cs[j].rank)
	}
	best := -1
	for k := range cs {
		if cs[k].bad || cs[k].contains || cs[k].weak {
			continue
		}
		if best < 0 || better(&cs[k], &cs[best]) {
			best = k
		}
	}
	if best < 0 {
		// every place contradicts another: keep the coarsest, the one
		// most likely resolved right
		for k := range cs {
			if !cs[k].weak && (best < 0 || cs[k].rank > cs[best].rank) {
				best = k
			}
		}
	}
	if best < 0 {
		return -1, false
	}
	return cs[best].i, cs[best].end
}

// better reports whether a is a better location than b, b before a in
// the text: an origin only when nothing else is left, a landmark only
// over a coarser place ("the Kabul-Jalalabad highway (Nangarhar)"), then
// the finest, then one the text puts the event in ("members of Svoboda
// protested in Cherkasy"), then the first.
func better(a, b *placeCand) bool {
	if a.origin != b.origin {
		return !a.origin
	}
	if a.alt != b.alt {
		// one of two alternatives beats only a country
		if a.alt {
			return b.rank > precisionRank[doc.PrecisionAdmin1]
		}
		return a.rank <= precisionRank[doc.PrecisionAdmin1]
	}
	if a.landmark != b.landmark {
		if a.landmark {
			return a.rank < b.rank-1
		}
		return a.rank <= b.rank+1
	}
	if a.rank != b.rank {
		return a.rank < b.rank
	}
	return a.locative && !b.locative
}

// typedRank returns the rank of the place ending at off made finer by a
// type word right after it: "Kouroussa town" is a town, "Chora
// district" a district, whatever the gazetteer resolved the name to.
func typedRank(lower string, off, to, rank int) int {
	rest := strings.TrimLeft(lower[off:to], " ")
	end := strings.IndexAny(rest, " ,.;:()")
	if end < 0 {
		end = len(rest)
	}
	switch w := rest[:end]; {
	case townWords[w]:
		return min(rank, precisionRank[doc.PrecisionTown])
	case districtWords[w]:
		return min(rank, precisionRank[doc.PrecisionDistrict])
	}
	return rank
}

// typedSize returns the rank of the division a container ending at off
// stands for, which bounds how far from it a place inside can be: "Lomar,
// Trujillo state" may lie 250 km from the city of Trujillo the gazetteer
// found. Only the contradiction test reads it: "in Hama province" still
// ranks as finely as the town the gazetteer gave.
func typedSize(lower string, off, to, rank int) int {
	rest := strings.TrimLeft(lower[off:to], " ")
	end := strings.IndexAny(rest, " ,.;:()")
	if end < 0 {
		end = len(rest)
	}
	if provinceWords[rest[:end]] {
		return max(rank, precisionRank[doc.PrecisionAdmin1])
	}
	return rank
}

// countryVotes counts the document's resolved places, demonyms included,
// per country.
func countryVotes(d *doc.Document, ix *docIndex) map[string]int {
	if ix != nil && ix.votes != nil {
		return ix.votes
	}
	v := map[string]int{}
	for i := range d.Places {
		if p := &d.Places[i]; p.Resolved && p.Country != "" {
			v[p.Country]++
		}
	}
	if ix != nil {
		ix.votes = v
	}
	return v
}

// topCountry returns the country with the most votes, or "" on a tie.
func topCountry(votes map[string]int) string {
	top, topVotes, tie := "", 0, false
	for c, n := range votes {
		switch {
		case n > topVotes:
			top, topVotes, tie = c, n, false
		case n == topVotes:
			tie = true
		}
	}
	if tie {
		return ""
	}
	return top
}

// contradicts reports whether p cannot be inside container q as
// resolved: another country, or farther from q than a place inside a
// division of q's size (its rank, typed by the text) can be.
func contradicts(p, q *doc.Place, rank int) bool {
	if p.Country != "" && q.Country != "" && p.Country != q.Country {
		return true
	}
	if precisionRank[q.Precision] >= precisionRank[doc.PrecisionCountry] {
		return false
	}
	// generous: provinces can be 1,000 km across, and a town the text
	// puts a village in often names a district around it ("Rampur,
	// Jaunpur"); a Jaro 250 km from "Jaro, Iloilo City" is another Jaro
	limit := townLimitKm
	switch {
	case rank >= precisionRank[doc.PrecisionAdmin1]:
		limit = 800
	case rank == precisionRank[doc.PrecisionDistrict]:
		limit = 300
	}
	return distanceKm(p.Lat, p.Lon, q.Lat, q.Lon) > limit
}

// townLimitKm is how far a place can be from a town the text puts it in.
const townLimitKm = 200.0

// divisionWords are names of administrative divisions used in one
// country only, so a sentence that uses one is about that country:
// "Rafi LGA" is in Nigeria, "Savar upazila" in Bangladesh.
var divisionWords = map[string]string{
	"lga": "NG", "lgas": "NG", "upazila": "BD", "upazilla": "BD", "barangay": "PH",
	"woreda": "ET", "kebele": "ET", "mandal": "IN", "taluk": "IN", "taluka": "IN",
}

// divisionVotes counts the division words of a lowercased sentence per
// country.
func divisionVotes(lower string) map[string]int {
	var v map[string]int
	for _, w := range strings.FieldsFunc(lower, func(r rune) bool { return r < 0x80 && !isWordByte(byte(r)) }) {
		if c, ok := divisionWords[w]; ok {
			if v == nil {
				v = map[string]int{}
			}
			v[c]++
		}
	}
	return v
}

// linked reports whether the text between two places says the first is in
// the second: punctuation, "in", "of", container words ("district",
// "area of") and at most one unresolved name ("Ashulia town (Savar,
// Dhaka)" has none; "Kouroussa town (Kouroussa-Centre, Kankan)" has
// one), with a comma, a bracket, "in" or "of" among them.
func linked(text string) bool {
	if len(text) > 48 {
		return false
	}
	names, cue := 0, false
	for _, w := range strings.Fields(text) {
		if strings.ContainsAny(w, ".;:") {
			return false
		}
		if strings.ContainsAny(w, ",(") {
			cue = true
		}
		name := strings.Trim(w, "(),")
		switch w = strings.ToLower(name); {
		case w == "":
		case w == "in" || w == "of":
			cue = true
		case containerWords[w]:
		case name[0] < 'A' || name[0] > 'Z':
			return false
		default:
			names++
			if names > 1 {
				return false
			}
		}
	}
	return cue
}

// listGap reports whether a gap joins the last two items of a list:
// "and", ", and", "or".
func listGap(gap string) bool {
	switch strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(gap), ",")) {
	case "and", "or", "&":
		return true
	}
	return false
}

// altBefore reports whether the place after off is one of alternatives
// the text is unsure between: "either in X", "or X", "or the X area".
func altBefore(text, lower string, from, off int) bool {
	var buf [4]doc.Span
	for _, w := range wordsBefore(buf[:0], lower, from, off) {
		switch key := lower[w.Start:w.End]; {
		case key == "either" || key == "or":
			return true
		case locativeWords[key] || key == "the" || key == "of" || containerWords[key]:
		default:
			return false
		}
	}
	return false
}

// altAfter reports whether the place ending at off is followed by an
// alternative: "X or Y", "X district or Y", "X or in Y".
func altAfter(text, lower string, off, to int) bool {
	rest := lower[off:to]
	for n := 0; n < 3; n++ {
		rest = strings.TrimLeft(rest, " ")
		end := strings.IndexAny(rest, " ,.;:()")
		if end < 0 {
			return false
		}
		switch w := rest[:end]; {
		case w == "or":
			next := strings.TrimPrefix(strings.TrimLeft(rest[end:], " "), "in ")
			i := to - len(next)
			return i < to && text[i] >= 'A' && text[i] <= 'Z'
		case !containerWords[w]:
			return false
		}
		rest = rest[end:]
	}
	return false
}

// roadWords name a road, a line or a front, which the text may name
// after its two ends: "the Kabul-Kandahar road", "the M5 highway linking
// Hama and Aleppo", "the front line between X and Y".
var roadWords = map[string]bool{
	"road": true, "roads": true, "highway": true, "highways": true, "motorway": true, "expressway": true,
	"route": true, "axis": true, "corridor": true, "railway": true, "railroad": true, "rail": true,
	"line": true, "frontline": true, "pipeline": true, "stretch": true, "bypass": true, "track": true,
}

// linkWords join a road to its ends: "the road linking X and Y", "the
// highway that connects X with Y", "the road between X and Y", "the
// road from X to Y".
var linkWords = map[string]bool{
	"linking": true, "links": true, "link": true, "connecting": true, "connects": true, "connect": true,
	"joining": true, "joins": true, "between": true, "from": true,
}

// endFillers may stand between a link word and an end: "linking the
// capital with the town of Saraqib".
var endFillers = map[string]bool{
	"the": true, "of": true, "and": true, "with": true, "to": true, "capital": true, "city": true, "town": true,
	"northern": true, "southern": true, "eastern": true, "western": true, "central": true,
	"north": true, "south": true, "east": true, "west": true, "provincial": true, "port": true,
	"border": true, "strategic": true, "key": true, "besieged": true, "rebel-held": true, "government-held": true,
}

// routeEnd reports whether the place at sp is an end of a road the text
// names after its ends, which says nothing about where on the road the
// event was: "a checkpoint on the Damascus-Aleppo highway" is not in
// Damascus, "an ambush on the road linking Hama and Aleppo" not in Hama.
func routeEnd(text, lower string, from int, sp doc.Span, to int) bool {
	// "the X-Y highway": X before a hyphenated name, or Y after one,
	// then a road word
	if sp.End < to && text[sp.End] == '-' && sp.End+1 < to && text[sp.End+1] >= 'A' && text[sp.End+1] <= 'Z' ||
		sp.Start > from+1 && text[sp.Start-1] == '-' && isWordByte(lower[sp.Start-2]) {
		if roadAfter(text, lower, sp.End, to) {
			return true
		}
	}
	// "the road linking X and Y": back over the ends and fillers to a
	// link word, then a road word at most three words before it
	var buf [14]doc.Span
	ws := wordsBefore(buf[:0], lower, from, sp.Start)
	for n, w := range ws {
		key := lower[w.Start:w.End]
		switch {
		case linkWords[key]:
			for _, v := range ws[n+1 : min(n+4, len(ws))] {
				if roadWords[lower[v.Start:v.End]] {
					return true
				}
			}
			return false
		case endFillers[key] || containerWords[key]:
		case text[w.Start] >= 'A' && text[w.Start] <= 'Z':
		default:
			return false
		}
	}
	return false
}

// roadAfter reports whether a road word follows the name ending at off,
// past the other names of a hyphenated pair and route adjectives: "the
// Kabul-Kandahar road", "the Agra-Mumbai national highway".
func roadAfter(text, lower string, off, to int) bool {
	i := off
	for n := 0; n < 5 && i < to; n++ {
		for i < to && (text[i] == ' ' || text[i] == '-') {
			i++
		}
		j := i
		for j < to && isWordByte(lower[j]) {
			j++
		}
		if j == i {
			return false
		}
		w := lower[i:j]
		switch {
		case roadWords[w]:
			return true
		case routeAdjectives[w] || text[i] >= 'A' && text[i] <= 'Z':
		default:
			return false
		}
		i = j
	}
	return false
}

// originBefore reports whether the place after off is where people come
// from: "fighters from X", "residents of X", "militia from the Mapel area
// of X state". It looks back over names and container words.
func originBefore(text, lower string, from, off int) bool {
	var buf [6]doc.Span
	ws := wordsBefore(buf[:0], lower, from, off)
	for n, w := range ws {
		key := lower[w.Start:w.End]
		switch {
		case originWords[key]:
			return key == "from" || n > 0 && lower[ws[n-1].Start:ws[n-1].End] == "of"
		case key == "the" || key == "of" || containerWords[key]:
		case text[w.Start] >= 'A' && text[w.Start] <= 'Z': // part of a longer name
		default:
			return false
		}
	}
	return false
}

// landmarkAfter reports whether the place ending at off names a road,
// a route, a market or a base: "Murree road", "the Kabul bypass",
// "London-based", "the Agra-Mumbai national highway", "the Hamidia
// bazaar". It reads past the other names of a hyphenated pair.
func landmarkAfter(text, lower string, off, to int) bool {
	rest := lower[off:to]
	if strings.HasPrefix(rest, "-based") {
		return true
	}
	// "Mumbai-Barwani stretch", "Gujarat-Madhya Pradesh border": skip the
	// capitalised words of the pair
	if strings.HasPrefix(rest, "-") {
		i := off + 1
		for i < to && text[i] >= 'A' && text[i] <= 'Z' {
			for i < to && text[i] != ' ' && text[i] != ',' && text[i] != '-' {
				i++
			}
			for i < to && (text[i] == ' ' || text[i] == '-') {
				i++
			}
		}
		rest = lower[i:to]
	}
	for n := 0; n < 2; n++ {
		rest = strings.TrimLeft(rest, " ")
		end := strings.IndexAny(rest, " ,.;:()")
		if end < 0 {
			end = len(rest)
		}
		w := rest[:end]
		if routeWords[w] {
			return true
		}
		if !routeAdjectives[w] {
			return false
		}
		rest = rest[end:]
	}
	return false
}

// locativeBefore reports whether the place after off is where the text
// puts something: "in X", "at the X junction", "near the village of X".
// It looks back over names and container words.
func locativeBefore(text, lower string, from, off int) bool {
	var buf [6]doc.Span
	for _, w := range wordsBefore(buf[:0], lower, from, off) {
		key := lower[w.Start:w.End]
		switch {
		case locativeWords[key]:
			return true
		case key == "the" || key == "of" || containerWords[key]:
		case text[w.Start] >= 'A' && text[w.Start] <= 'Z':
		default:
			return false
		}
	}
	return false
}

// insideActor reports whether sp lies inside an actor mention: "the
// Kandahar police chief", "Aleppo Provincial Council".
func insideActor(d *doc.Document, ix *docIndex, sp doc.Span) bool {
	for _, i := range ix.actors.in(doc.Span{Start: 0, End: sp.Start + 1}) {
		if a := &d.Actors[i]; a.Start <= sp.Start && a.End >= sp.End && a.Span != sp {
			return true
		}
	}
	return false
}

// wordsBefore appends to out, up to its capacity, the words before off
// (nearest first), not reaching before from or across punctuation; the
// callers' buffers live on the stack.
func wordsBefore(out []doc.Span, lower string, from, off int) []doc.Span {
	i := off
	for len(out) < cap(out) {
		for i > from && lower[i-1] == ' ' {
			i--
		}
		j := i
		for j > from && isWordByte(lower[j-1]) {
			j--
		}
		if j == i {
			break
		}
		out = append(out, doc.Span{Start: j, End: i})
		i = j
	}
	return out
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 0x80
}

// distanceKm is the great-circle distance.
func distanceKm(lat1, lon1, lat2, lon2 float64) float64 {
	const r = math.Pi / 180
	a := math.Sin((lat2-lat1)*r/2)*math.Sin((lat2-lat1)*r/2) +
		math.Cos(lat1*r)*math.Cos(lat2*r)*math.Sin((lon2-lon1)*r/2)*math.Sin((lon2-lon1)*r/2)
	return 12742 * math.Asin(math.Min(1, math.Sqrt(a)))
}

// relativeWords open a relative clause about the place before them:
// "Aleppo, which was retaken", "Idlib, where the strikes hit".
var relativeWords = map[string]bool{"which": true, "where": true}

// relativePlace returns the resolved place of span whose relative clause
// holds the trigger, or -1: in "a road running from Hama up to the
// town of Saraqib, which troops recaptured last winter" the recapture
// is at Saraqib. The clause opens right
// after the place (past type words and a closing bracket) with a comma
// and "which" or "where", and runs to the trigger with at most six words
// and no punctuation between.
func relativePlace(d *doc.Document, ix *docIndex, span, trigger doc.Span) int {
	if ix == nil {
		return -1
	}
	lower, _ := d.Lower()
	best := -1
	for _, i := range ix.places.in(doc.Span{Start: span.Start, End: trigger.Start}) {
		if p := &d.Places[i]; p.Resolved && p.Kind != "demonym" && p.End <= trigger.Start && relativeClause(lower[p.End:trigger.Start]) {
			best = i
		}
	}
	return best
}

// relativeClause reports whether gap, the text from a place to a
// trigger, is the opening of a relative clause about the place: ",
// which was", " province, where forces".
func relativeClause(gap string) bool {
	comma := strings.IndexByte(gap, ',')
	if comma < 0 {
		return false
	}
	for _, w := range strings.Fields(gap[:comma]) {
		if w = strings.Trim(w, "()"); w != "" && !containerWords[w] {
			return false
		}
	}
	ws := strings.Fields(gap[comma+1:])
	if len(ws) == 0 || !relativeWords[ws[0]] || len(ws) > 7 {
		return false
	}
	for _, w := range ws {
		if strings.ContainsAny(w, ",;:.()\"") {
			return false
		}
	}
	return true
}
