package event

import (
	"sort"

	"github.com/sitrep-dev/sitrep/internal/doc"
)

// layer indexes one annotation layer by start offset, so the annotations
// of a sentence are found by binary search rather than by a scan of the
// whole document for every sentence, which made extraction quadratic in
// the number of sentences.
type layer struct {
	order  []int // annotation indexes sorted by start
	starts []int // starts[i] is the start of annotation order[i]
}

func newLayer(n int, start func(int) int) layer {
	l := layer{order: make([]int, n), starts: make([]int, n)}
	sorted := true
	for i := range n {
		l.order[i] = i
		if i > 0 && start(i) < start(i-1) {
			sorted = false
		}
	}
	if !sorted { // earlier stages sort their layers; tests may not
		sort.SliceStable(l.order, func(a, b int) bool { return start(l.order[a]) < start(l.order[b]) })
	}
	for i, k := range l.order {
		l.starts[i] = start(k)
	}
	return l
}

// in returns the indexes of the annotations that start inside sp, in
// order of start; callers check the end.
func (l layer) in(sp doc.Span) []int {
	lo := sort.SearchInts(l.starts, sp.Start)
	hi := lo + sort.SearchInts(l.starts[lo:], sp.End)
	return l.order[lo:hi]
}

// docIndex holds a document's annotation layers indexed once per Process
// call, and the best place and date of each sentence, computed on first
// use.
type docIndex struct {
	actors, quants, places, timexes layer
	sents                           []doc.Span
	sentPlace, sentTimex            []int // -2 not yet computed, -1 none
	// upPlace and upTimex hold the best place and date of the nearest
	// sentence up to each one that has one, so that events in a long
	// stretch of undated sentences do not each scan back over all of it;
	// docPlace and docTimex the document's best. -2 not yet computed.
	upPlace, upTimex   []int
	docPlace, docTimex int
	// roadEnd marks the places chosen as a sentence's or the document's
	// best that are only the end of a road the event was on (see
	// routeEnd); upStrong holds the best place of the nearest sentence
	// up to each one whose place is not.
	roadEnd  map[int]bool
	upStrong []int
	votes    map[string]int // resolved places per country, on first use
	top      string         // topCountry of votes, once topDone
	topDone  bool

	// roles holds each place's role (see role), 0 until computed;
	// sentWeak and upWeak the best place of each sentence, and of the
	// nearest sentence up to each, when datelines and parties count
	// (see weakUpTo); allocated on first use, rare.
	roles            []uint8
	sentWeak, upWeak []int

	// keyer gives words their keys; toks holds the words of the
	// sentences read so far and keys is scratch space for one sentence.
	keyer keyer
	toks  []tok
	keys  []string
	ids   []int32 // vocab ids of keys
}

func newIndex(d *doc.Document, sents []doc.Span) *docIndex {
	ix := &docIndex{
		actors:    newLayer(len(d.Actors), func(i int) int { return d.Actors[i].Start }),
		quants:    newLayer(len(d.Quantities), func(i int) int { return d.Quantities[i].Start }),
		places:    newLayer(len(d.Places), func(i int) int { return d.Places[i].Start }),
		timexes:   newLayer(len(d.Timexes), func(i int) int { return d.Timexes[i].Span.Start }),
		sents:     sents,
		sentPlace: make([]int, len(sents)),
		sentTimex: make([]int, len(sents)),
		upPlace:   make([]int, len(sents)),
		upTimex:   make([]int, len(sents)),
		upStrong:  make([]int, len(sents)),
		docPlace:  -2,
		docTimex:  -2,
		keyer:     newKeyer(d, sents),
		toks:      make([]tok, 0, len(d.Text)/32+64), // the words of mentions only (see Stage.sentence)
	}
	for i := range sents {
		ix.sentPlace[i], ix.sentTimex[i] = -2, -2
		ix.upPlace[i], ix.upTimex[i], ix.upStrong[i] = -2, -2, -2
	}
	return ix
}

// actorsOf returns the actor mentions inside sp.
func (ix *docIndex) actorsOf(d *doc.Document, sp doc.Span) []*doc.ActorMention {
	var out []*doc.ActorMention
	for _, i := range ix.actors.in(sp) {
		if a := &d.Actors[i]; a.End <= sp.End {
			out = append(out, a)
		}
	}
	return out
}

// quantitiesOf returns the figures inside sp.
func (ix *docIndex) quantitiesOf(d *doc.Document, sp doc.Span) []*doc.Quantity {
	var out []*doc.Quantity
	for _, i := range ix.quants.in(sp) {
		if q := &d.Quantities[i]; q.End <= sp.End {
			out = append(out, q)
		}
	}
	return out
}

// placeOf returns the best place of sentence i (see bestPlace), cached.
func (ix *docIndex) placeOf(d *doc.Document, i int) int {
	if ix.sentPlace[i] == -2 {
		p, end := bestPlace(d, ix, ix.places.in(ix.sents[i]), ix.sents[i], false)
		ix.sentPlace[i] = p
		ix.markRoadEnd(p, end)
	}
	return ix.sentPlace[i]
}

// markRoadEnd records that place p was chosen as only a road's end.
func (ix *docIndex) markRoadEnd(p int, end bool) {
	if !end {
		return
	}
	if ix.roadEnd == nil {
		ix.roadEnd = map[int]bool{}
	}
	ix.roadEnd[p] = true
}

// strongUpTo returns the best place of the nearest sentence up to i
// that has one which is not only a road's end, or -1.
func (ix *docIndex) strongUpTo(d *doc.Document, i int) int {
	return upTo(ix.upStrong, i, func(k int) int {
		if p := ix.placeOf(d, k); p >= 0 && !ix.roadEnd[p] {
			return p
		}
		return -1
	})
}

// timexOf returns the best date of sentence i (see bestTimex), cached.
func (ix *docIndex) timexOf(d *doc.Document, i int) int {
	if ix.sentTimex[i] == -2 {
		ix.sentTimex[i] = bestTimex(d, ix.timexes.in(ix.sents[i]), ix.sents[i])
	}
	return ix.sentTimex[i]
}

// placeUpTo returns the best place of the nearest sentence up to i that
// has one, or -1.
func (ix *docIndex) placeUpTo(d *doc.Document, i int) int {
	return upTo(ix.upPlace, i, func(k int) int { return ix.placeOf(d, k) })
}

// timexUpTo returns the best date of the nearest sentence up to i that
// has one, or -1.
func (ix *docIndex) timexUpTo(d *doc.Document, i int) int {
	return upTo(ix.upTimex, i, func(k int) int { return ix.timexOf(d, k) })
}

// upTo scans back from sentence i for the first with of(k) >= 0, stopping
// early at a sentence memo already answers, and records the answer in
// memo for every sentence it passed.
func upTo(memo []int, i int, of func(int) int) int {
	r, k := -1, i
	for ; k >= 0; k-- {
		if memo[k] != -2 {
			r = memo[k]
			break
		}
		if p := of(k); p >= 0 {
			r = p
			break
		}
	}
	for j := max(k, 0); j <= i; j++ {
		memo[j] = r
	}
	return r
}

// docPlaceOf returns the document's best place (see bestPlace), cached.
func (ix *docIndex) docPlaceOf(d *doc.Document) int {
	if ix.docPlace == -2 {
		p, end := bestPlace(d, ix, all(ix.places), doc.Span{Start: 0, End: len(d.Text)}, false)
		ix.docPlace = p
		ix.markRoadEnd(p, end)
	}
	return ix.docPlace
}

// weakUpTo returns the last resort for an event in sentence i when no
// sentence names a place that is neither a dateline nor a country named
// as a party: the best place of the nearest sentence up to i with
// those counted, else the document's, or -1.
func (ix *docIndex) weakUpTo(d *doc.Document, i int) int {
	if ix.sentWeak == nil {
		ix.sentWeak, ix.upWeak = make([]int, len(ix.sents)), make([]int, len(ix.sents))
		for k := range ix.sents {
			ix.sentWeak[k], ix.upWeak[k] = -2, -2
		}
	}
	p := upTo(ix.upWeak, i, func(k int) int {
		if ix.sentWeak[k] == -2 {
			q, end := bestPlace(d, ix, ix.places.in(ix.sents[k]), ix.sents[k], true)
			ix.sentWeak[k] = q
			ix.markRoadEnd(q, end)
		}
		return ix.sentWeak[k]
	})
	if p < 0 {
		var end bool
		p, end = bestPlace(d, ix, all(ix.places), doc.Span{Start: 0, End: len(d.Text)}, true)
		ix.markRoadEnd(p, end)
	}
	return p
}

// docTimexOf returns the document's best date (see bestTimex), cached.
func (ix *docIndex) docTimexOf(d *doc.Document) int {
	if ix.docTimex == -2 {
		ix.docTimex = bestTimex(d, all(ix.timexes), doc.Span{Start: 0, End: len(d.Text)})
	}
	return ix.docTimex
}

// all returns 0..n-1: every annotation of a layer.
func all(l layer) []int { return l.order }
