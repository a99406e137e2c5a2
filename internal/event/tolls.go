package event

import (
	"sort"
	"strconv"
	"strings"

	"github.com/sitrep-dev/sitrep/internal/doc"
)

// tolls sets each event's fatalities from all the sentences that tell of
// it: its own reports and the sentences after it that report no other
// event ("A fourth person died later.", "1 fatality."). A figure given as
// a total ("3 fatalities", "the death toll rose to 9") replaces what came
// before; a later figure is added when it counts other people ("2 other
// policemen", "3 militants were also killed", soldiers then insurgents),
// and otherwise taken as the same toll told again, of which the more
// precise telling is kept (see restated). Each report keeps its own
// sentence's figure, so both tellings stay on record.
func (s *Stage) tolls(d *doc.Document, ix *docIndex, sents []doc.Span, evs []doc.Event) {
	if len(evs) == 0 {
		return
	}
	sentOf := func(sp doc.Span) int {
		return sort.Search(len(sents), func(i int) bool { return sents[i].End > sp.Start })
	}
	owner := make(map[int]int) // sentence -> event reporting it
	trigger := make(map[int]int)
	firsts := make([]int, len(evs))
	for i := range evs {
		firsts[i] = len(sents)
		for _, r := range reportsOf(evs[i]) {
			k := sentOf(r.Sentence)
			if _, ok := owner[k]; !ok {
				owner[k] = i
				if r.Trigger.End > 0 {
					trigger[k] = r.Trigger.Start
				}
			}
			firsts[i] = min(firsts[i], k)
		}
	}
	for i := range evs {
		e := &evs[i]
		if e.Modality == doc.Denied {
			continue
		}
		var toll *doc.Quantity
		for k := firsts[i]; k < len(sents); k++ {
			if o, ok := owner[k]; ok && o != i {
				if firsts[o] == k {
					break // the next event's own story begins
				}
				continue
			}
			at, ok := trigger[k]
			if !ok || owner[k] != i {
				at = -1
			}
			q, total := clauseToll(d, ix.quantitiesOf(d, sents[k]), "killed", at)
			switch {
			case q == nil:
				continue
			case toll != nil && total && overlap(toll, q):
				// a total that agrees with the toll so far tells it
				// again ("at least 11 killed", then "a toll of 11")
				toll = preciser(d, toll, q)
			case toll == nil || total:
				toll = q
			case k > firsts[i] && morePeople(d, toll, q):
				toll = sumOf(toll, q)
			default:
				toll = restated(d, toll, q, -1)
			}
		}
		if toll != nil && (e.Fatalities == nil || !sameBounds(e.Fatalities, toll)) {
			e.Fatalities = toll
		}
	}
}

// clauseToll reads the figures of one category in one sentence as one
// toll, leaving out tallies and parts, and says whether one of them is
// stated as a total ("3 fatalities", "the death toll rose to 9"); nil
// when there is none or all are open. at is the offset of the event's
// trigger in the sentence, or -1.
//
// Figures joined by a conjunction are parts of one total and add up:
// "20 regime combatants and 24 rebels" is 44, and so is "20 regime
// combatants 24 rebels" with its commas stripped. Figures apart, each in
// its own clause, are the same toll told twice unless the later one
// counts other people (see morePeople): a headline run into its first
// sentence ("Strike kills 18 civilians in the town Monitor A strike
// killed at least 18 civilians") is one toll of at least 18, not 36.
func clauseToll(d *doc.Document, qs []*doc.Quantity, category string, at int) (*doc.Quantity, bool) {
	var toll, group, prev *doc.Quantity
	total := false
	for _, q := range qs {
		if q.Category != category || q.Tally || q.Part {
			continue
		}
		// an earlier toll the sentence names is no total of its own
		total = total || isTotal(d, q) && !superseded(d, q)
		switch {
		case group == nil:
			group = copyQuantity(q)
		case conjoined(d, prev, q, qs):
			group = sumOf(group, q)
		default:
			var updated bool
			toll, updated = nextTelling(d, toll, group, at)
			total = total || updated
			group = copyQuantity(q)
		}
		prev = q
	}
	if group != nil {
		var updated bool
		toll, updated = nextTelling(d, toll, group, at)
		total = total || updated
	}
	if toll != nil && toll.Min == nil && toll.Max == nil {
		return nil, false
	}
	return toll, total
}

// nextTelling folds a sentence's next group of figures into its toll so
// far: added when it counts other people, else a retelling. Other people
// added to a toll the sentence calls an earlier one update it ("an
// earlier toll gave 15 dead but three more died" is a toll of 18): the
// sum is the whole toll, which it reports as updated.
func nextTelling(d *doc.Document, toll, group *doc.Quantity, at int) (*doc.Quantity, bool) {
	switch {
	case toll == nil:
		return group, false
	case morePeople(d, toll, group):
		return sumOf(toll, group), superseded(d, toll)
	}
	return restated(d, toll, group, at), false
}

// conjoined reports whether figure q follows prev as another member of
// one list: only "and", "plus", "as well as", commas or dashes stand
// between them, besides a part of prev and its "including"/"among them"
// ("23 civilians - including nine children - and 16 fighters").
func conjoined(d *doc.Document, prev, q *doc.Quantity, qs []*doc.Quantity) bool {
	if q.Start < prev.End {
		return false
	}
	gap := []byte(strings.ToLower(d.Text[prev.End:q.Start]))
	part := false
	for _, o := range qs {
		if o.Part && o.Start >= prev.End && o.End <= q.Start {
			part = true
			for i := o.Start; i < o.End; i++ {
				gap[i-prev.End] = ' '
			}
		}
	}
	words := strings.FieldsFunc(string(gap), func(r rune) bool {
		return r == ' ' || r == ',' || r == '-' || r == '–' || r == '—' || r == '(' || r == ')' || r == '\n' || r == '\t'
	})
	if len(words) > 6 {
		return false
	}
	for _, w := range words {
		switch w {
		case "and", "plus", "as", "well", "&":
		case "including", "among", "them", "whom", "of", "with":
			if !part {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// morePeople reports whether figure b counts people beyond those a
// counts: its own words say so ("2 other policemen", "3 more soldiers",
// "another 4", "were also killed", "a fourth passenger"), or it counts
// another side (soldiers, then insurgents; civilians, then soldiers).
func morePeople(d *doc.Document, a, b *doc.Quantity) bool {
	if otherNear(d, b) {
		return true
	}
	sa, sb := side(a.Who), side(b.Who)
	return sa != "" && sb != "" && sa != sb
}

// otherNear reports whether a word saying "besides those counted"
// stands in figure q or within three words of it, in its clause.
func otherNear(d *doc.Document, q *doc.Quantity) bool {
	before := strings.Fields(strings.ToLower(d.Text[max(0, q.Start-40):q.Start]))
	if len(before) > 0 && q.Start > 40 {
		before = before[1:] // a cut word
	}
	before = before[max(0, len(before)-3):]
	own := strings.Fields(strings.ToLower(d.Slice(q.Span)))
	after := strings.Fields(strings.ToLower(d.Text[q.End:min(len(d.Text), q.End+40)]))
	if len(after) > 0 && q.End+40 < len(d.Text) {
		after = after[:len(after)-1]
	}
	after = after[:min(3, len(after))]
	var near []string
	for i := len(before) - 1; i >= 0; i-- {
		if clauseEnd(before[i]) {
			break
		}
		near = append(near, before[i])
	}
	near = append(near, own...)
	for _, w := range after {
		if clauseEnd(w) || w == "and" {
			break
		}
		near = append(near, w)
	}
	for i, w := range near {
		switch strings.Trim(w, ",;:.\"'") {
		case "other", "another", "additional", "further", "third", "fourth", "fifth", "sixth":
			return true
		case "also":
			// "3 soldiers were also killed", not "the group also said"
			if i+1 >= len(near) || !sayVerbs[strings.Trim(near[i+1], ",;:.\"'")] {
				return true
			}
		case "more":
			// "3 more soldiers", not "more than 60"
			if i+1 >= len(near) || strings.Trim(near[i+1], ",;:.\"'") != "than" {
				return true
			}
		}
	}
	return false
}

func clauseEnd(w string) bool {
	return strings.ContainsAny(w, ".;:") || w == "while" || w == "whereas" || w == "but"
}

// sides of a counted group's head word: people on different sides of a
// fight are different people, while "troops" and "soldiers", or
// "civilians" and "children", may be the same ones told twice. "people"
// has no side.
var sides = func() map[string]string {
	m := map[string]string{}
	for side, words := range map[string]string{
		"army":   "soldier troop army military serviceman servicemen conscript recruit marine paratrooper jawan",
		"police": "police policeman policemen gendarme constable",
		"rebel": "rebel militant insurgent jihadist fighter combatant gunman gunmen terrorist extremist militiaman militiamen " +
			"attacker assailant bomber member",
		"civilian": "civilian child children woman women resident villager passenger student worker farmer baby infant " +
			"family families boy girl worshipper pilgrim refugee patient doctor nurse volunteer journalist teacher",
	} {
		for _, w := range strings.Fields(words) {
			m[w] = side
		}
	}
	return m
}()

// side is the side of the fight a counted group is on, or "" when its
// head word does not say.
func side(who string) string {
	if who == "" {
		return ""
	}
	if s, ok := sides[head(who)]; ok {
		return s
	}
	return sides[who[strings.LastIndexByte(who, ' ')+1:]]
}

// restated picks the toll of two tellings of one: the more precise one
// when they agree (see preciser), else the one the sentence does not
// call superseded ("updating an earlier toll of 15"), else the one
// nearer the trigger at (at < 0: the first told).
func restated(d *doc.Document, a, b *doc.Quantity, at int) *doc.Quantity {
	if overlap(a, b) {
		return preciser(d, a, b)
	}
	sa, sb := superseded(d, a), superseded(d, b)
	switch {
	case sa && !sb:
		return b
	case sb && !sa:
		return a
	case at >= 0 && distance(b.Span, at) < distance(a.Span, at):
		return b
	}
	return a
}

// preciser picks of two agreeing tellings of one toll the one that says
// more: a qualified figure over the bare number it qualifies (a headline's
// "kills 18" and the report's "at least 18" are at least 18), else the
// narrower ("62" over "more than 60"), else the first.
func preciser(d *doc.Document, a, b *doc.Quantity) *doc.Quantity {
	exact := func(q *doc.Quantity) bool { return q.Min != nil && q.Max != nil && *q.Min == *q.Max }
	// open qualifies x: its bound is x's number, stated in its text ("at
	// least 18" qualifies 18; "more than 30", at least 31, does not
	// qualify 31)
	qualifies := func(open, x *doc.Quantity) bool {
		v := *x.Min
		return !exact(open) && (open.Min != nil && *open.Min == v || open.Max != nil && *open.Max == v) &&
			strings.Contains(d.Slice(open.Span), strconv.Itoa(v))
	}
	switch {
	case exact(a) && qualifies(b, a):
		return b
	case exact(b) && qualifies(a, b):
		return a
	case within(b, a) && !within(a, b):
		return b
	}
	return a
}

// within reports whether a's bounds lie inside b's.
func within(a, b *doc.Quantity) bool {
	lo := b.Min == nil || a.Min != nil && *a.Min >= *b.Min
	hi := b.Max == nil || a.Max != nil && *a.Max <= *b.Max
	return lo && hi
}

// overlap reports whether a and b can count the same number.
func overlap(a, b *doc.Quantity) bool {
	if a.Min != nil && b.Max != nil && *a.Min > *b.Max {
		return false
	}
	if b.Min != nil && a.Max != nil && *b.Min > *a.Max {
		return false
	}
	return true
}

// superseded reports whether the text before q, in its sentence, calls
// it an older toll: "updating an earlier toll of 15", "which had given a
// death toll of 17", "a previous figure of 20", "an earlier death toll
// from the strike on the village reported 15 people killed" (no other
// number between).
func superseded(d *doc.Document, q *doc.Quantity) bool {
	before := strings.ToLower(d.Text[max(0, q.Start-100):q.Start])
	if i := strings.LastIndex(before, ". "); i >= 0 {
		before = before[i+2:]
	}
	i := max(strings.LastIndex(before, "toll"), strings.LastIndex(before, "figure"))
	if i < 0 || strings.ContainsAny(before[i:], "0123456789") {
		return false
	}
	for _, w := range []string{"earlier", "previous", "initial", "preliminary", "had given", "had put", "had reported", "had said"} {
		if strings.Contains(before, w) {
			return true
		}
	}
	return false
}

func distance(sp doc.Span, at int) int {
	switch {
	case at < sp.Start:
		return sp.Start - at
	case at >= sp.End:
		return at - sp.End + 1
	}
	return 0
}

// sumOf adds b to a copy of a, spanning both; the sum counts no one
// group unless both count the same.
func sumOf(a, b *doc.Quantity) *doc.Quantity {
	c := copyQuantity(a)
	c.Min, c.Max = addBound(a.Min, b.Min), addBound(a.Max, b.Max)
	c.Start, c.End = min(a.Start, b.Start), max(a.End, b.End)
	if head(a.Who) != head(b.Who) {
		c.Who = ""
	}
	return c
}

func copyQuantity(q *doc.Quantity) *doc.Quantity {
	c := *q
	c.Min, c.Max = copyInt(q.Min), copyInt(q.Max)
	return &c
}

func sameBounds(a, b *doc.Quantity) bool {
	eq := func(x, y *int) bool { return x == nil && y == nil || x != nil && y != nil && *x == *y }
	return eq(a.Min, b.Min) && eq(a.Max, b.Max)
}

// isTotal reports whether a figure states the whole toll: "3 fatalities",
// "Fatalities: 3", "a death toll of 9", "the toll rose to 9", "bringing
// the toll to 12". Another source's toll ("gave a lower toll of 8", "a
// different death toll") is a telling of its own, not a total that
// replaces.
func isTotal(d *doc.Document, q *doc.Quantity) bool {
	lo := max(0, q.Start-24)
	around := strings.ToLower(d.Text[lo:min(len(d.Text), q.End+12)])
	before := around[:q.Start-lo]
	for _, w := range []string{"lower", "higher", "different", "another", "conflicting", "separate", "own toll"} {
		if strings.Contains(before, w) {
			return false
		}
	}
	if strings.Contains(around, "fatalit") || strings.Contains(around, "death toll") {
		return true
	}
	i := strings.LastIndex(before, "toll")
	if i < 0 {
		return false
	}
	for _, w := range []string{" rose", " risen", " climbed", " reached", " increased", " to ", " stands at", " now at"} {
		if strings.Contains(before[i:], w) {
			return true
		}
	}
	return false
}

// head is the last word of a counted group, singular: "regime
// combatants" is "combatant".
func head(who string) string {
	if i := strings.LastIndexByte(who, ' '); i >= 0 {
		who = who[i+1:]
	}
	if strings.HasSuffix(who, "men") {
		return strings.TrimSuffix(who, "men") + "man"
	}
	return strings.TrimSuffix(who, "s")
}
