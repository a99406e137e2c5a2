package event

import (
	"sort"
	"strings"

	"github.com/sitrep-dev/sitrep/internal/doc"
)

// tolls sets each event's fatalities from all the sentences that tell of
// it: its own reports and the sentences after it that report no other
// event ("A fourth person died later.", "1 fatality."). A figure given as
// a total ("3 fatalities", "the death toll rose to 9") replaces what came
// before; a later figure is added when it counts other people ("2 other
// policemen", "3 militants were also killed", soldiers then insurgents),
// and otherwise taken as the same toll told again.
func (s *Stage) tolls(d *doc.Document, ix *docIndex, sents []doc.Span, evs []doc.Event) {
	if len(evs) == 0 {
		return
	}
	sentOf := func(sp doc.Span) int {
		return sort.Search(len(sents), func(i int) bool { return sents[i].End > sp.Start })
	}
	owner := make(map[int]int) // sentence -> event reporting it
	firsts := make([]int, len(evs))
	for i := range evs {
		firsts[i] = len(sents)
		for _, r := range reportsOf(evs[i]) {
			k := sentOf(r.Sentence)
			if _, ok := owner[k]; !ok {
				owner[k] = i
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
		var lastWho string
		for k := firsts[i]; k < len(sents); k++ {
			if o, ok := owner[k]; ok && o != i {
				if firsts[o] == k {
					break // the next event's own story begins
				}
				continue
			}
			q, total := sentenceToll(d, ix.quantitiesOf(d, sents[k]))
			if q == nil {
				continue
			}
			switch {
			case toll == nil || total:
				toll = q
			case k > firsts[i] && (otherPeople(strings.ToLower(d.Slice(sents[k]))) ||
				head(q.Who) != head(lastWho) && (armedHead(q.Who) || armedHead(lastWho))):
				toll.Min, toll.Max = addBound(toll.Min, q.Min), addBound(toll.Max, q.Max)
			default:
				continue // the same toll told again
			}
			lastWho = q.Who
		}
		if toll != nil && (e.Fatalities == nil || !sameBounds(e.Fatalities, toll)) {
			e.Fatalities = toll
		}
	}
}

// sentenceToll sums a sentence's own killed figures, leaving out tallies
// and parts ("5 soldiers and 1 officer" is 6), and says whether one of
// them is stated as a total; nil when it has none or they are all open.
func sentenceToll(d *doc.Document, qs []*doc.Quantity) (*doc.Quantity, bool) {
	var sum *doc.Quantity
	total := false
	for _, q := range qs {
		if q.Category != "killed" || q.Tally || q.Part {
			continue
		}
		total = total || isTotal(d, q)
		if sum == nil {
			sum = copyQuantity(q)
			continue
		}
		sum.Min, sum.Max = addBound(sum.Min, q.Min), addBound(sum.Max, q.Max)
		sum.End = q.End
	}
	if sum != nil && sum.Min == nil && sum.Max == nil {
		return nil, false
	}
	return sum, total
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
// "Fatalities: 3", "a death toll of 9".
func isTotal(d *doc.Document, q *doc.Quantity) bool {
	lo := max(0, q.Start-24)
	around := strings.ToLower(d.Text[lo:min(len(d.Text), q.End+12)])
	return strings.Contains(around, "fatalit") || strings.Contains(around, "death toll")
}

// otherPeople reports whether a sentence counts people beyond those
// already counted: "2 other policemen", "were also killed", "a fourth
// person died later".
func otherPeople(sentence string) bool {
	for _, w := range strings.FieldsFunc(sentence, func(r rune) bool { return r == ' ' || r == ',' || r == '.' }) {
		switch w {
		case "also", "other", "another", "additional", "more", "further", "third", "fourth", "fifth", "sixth":
			return true
		}
	}
	return false
}

// armedHead reports whether a counted group is armed (soldiers,
// militants) rather than civilian; different sides of a fight are
// different people.
func armedHead(who string) bool { return armedWord[head(who)] }

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
