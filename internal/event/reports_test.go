package event_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/event"
	"github.com/sitrep-dev/sitrep/internal/merge"
	"github.com/sitrep-dev/sitrep/internal/record"
)

// annotated builds a document whose places, actors and dates are located
// by their surface text (every occurrence), as earlier stages would leave
// them.
func annotated(text string, places []string, actors map[string]doc.ActorMention, dates map[string]time.Time) *doc.Document {
	d := &doc.Document{ID: "r", Text: text}
	for i := 0; i < len(text); {
		j := strings.Index(text[i:], ". ")
		if j < 0 {
			d.Sentences = append(d.Sentences, doc.Span{Start: i, End: len(text)})
			break
		}
		d.Sentences = append(d.Sentences, doc.Span{Start: i, End: i + j + 1})
		i += j + 2
	}
	each := func(surface string, fn func(doc.Span)) {
		for off := 0; ; {
			k := strings.Index(text[off:], surface)
			if k < 0 {
				return
			}
			fn(doc.Span{Start: off + k, End: off + k + len(surface)})
			off += k + len(surface)
		}
	}
	for _, p := range places {
		each(p, func(sp doc.Span) {
			d.Places = append(d.Places, doc.Place{Span: sp, Kind: "place", Name: p, GeonameID: 7, Lat: 35.4, Lon: 36.6,
				Country: "SY", Precision: doc.PrecisionTown, Resolved: true})
		})
	}
	for surface, a := range actors {
		each(surface, func(sp doc.Span) {
			a.Span = sp
			d.Actors = append(d.Actors, a)
		})
	}
	for surface, t := range dates {
		each(surface, func(sp doc.Span) {
			d.Timexes = append(d.Timexes, doc.Timex{Span: sp, Type: doc.TimexDate, Start: t, End: t, Precision: doc.DateDay})
		})
	}
	sortByStart(d)
	return d
}

func sortByStart(d *doc.Document) {
	for i := 1; i < len(d.Actors); i++ {
		for j := i; j > 0 && d.Actors[j].Start < d.Actors[j-1].Start; j-- {
			d.Actors[j], d.Actors[j-1] = d.Actors[j-1], d.Actors[j]
		}
	}
}

func extract(t *testing.T, d *doc.Document) []record.Event {
	t.Helper()
	s, err := event.New()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	return event.Records(d)
}

func disputeFields(ev record.Event) []string {
	var out []string
	for _, d := range ev.Disputes {
		out = append(out, d.Field)
	}
	return out
}

func TestWithdrawalDeniedByTheGroupIsOneEventWithAControlDispute(t *testing.T) {
	monday := time.Date(2023, 5, 8, 0, 0, 0, 0, time.UTC)
	text := "The Valley Monitor reported on Monday that the Northern Front had withdrawn from Oldbridge. " +
		"The Northern Front said its fighters had not withdrawn from Oldbridge."
	d := annotated(text, []string{"Oldbridge"}, map[string]doc.ActorMention{
		"The Valley Monitor": {Name: "Valley Monitor", Type: "monitor"},
		"the Northern Front": {Name: "Northern Front", Type: "rebel"},
		"The Northern Front": {Name: "Northern Front", Type: "rebel"},
	}, map[string]time.Time{"on Monday": monday})
	evs := extract(t, d)
	if len(evs) != 1 {
		t.Fatalf("got %d events, want 1: %+v", len(evs), evs)
	}
	reps := evs[0].Reports
	if len(reps) != 2 {
		t.Fatalf("got %d reports, want 2", len(reps))
	}
	want := []struct{ claimedBy, control string }{{"Valley Monitor", doc.ControlWithdrawn}, {"Northern Front", doc.ControlDenied}}
	for i, w := range want {
		if got := deref(reps[i].ClaimedBy); got != w.claimedBy {
			t.Errorf("report %d: got claimed by %q, want %q", i, got, w.claimedBy)
		}
		if got := deref(reps[i].Control); got != w.control {
			t.Errorf("report %d: got control %q, want %q", i, got, w.control)
		}
	}
	merged := merge.Merge(evs, merge.Options{})
	if len(merged) != 1 || !strings.Contains(strings.Join(disputeFields(merged[0]), " "), "control") {
		t.Errorf("got merged events %d with disputes %v, want one with a control dispute", len(merged), disputeFields(merged[0]))
	}
}

func TestAttackBlamedOnAnArmyAndDeniedByItIsAPerpetratorDispute(t *testing.T) {
	sunday := time.Date(2023, 5, 7, 0, 0, 0, 0, time.UTC)
	text := "Eastern warplanes bombed the market in Oldbridge on Sunday, killing 12 people, activists said. " +
		"The Eastern Air Force denied that its jets had bombed the market."
	d := annotated(text, []string{"Oldbridge"}, map[string]doc.ActorMention{
		"Eastern warplanes":     {Name: "Eastern Air Force", Type: "foreign"},
		"The Eastern Air Force": {Name: "Eastern Air Force", Type: "foreign"},
	}, map[string]time.Time{"on Sunday": sunday})
	twelve := 12
	i := strings.Index(text, "12 people")
	d.Quantities = []doc.Quantity{{Span: doc.Span{Start: i, End: i + 9}, Min: &twelve, Max: &twelve, Category: "killed", Who: "people"}}
	evs := extract(t, d)
	if len(evs) != 1 || len(evs[0].Reports) != 2 {
		t.Fatalf("got %+v, want one event with two reports", evs)
	}
	r0, r1 := evs[0].Reports[0], evs[0].Reports[1]
	if r0.Modality != doc.Reported || r1.Modality != doc.Denied {
		t.Errorf("got modalities %s, %s, want reported, denied", r0.Modality, r1.Modality)
	}
	if r0.Fatalities == nil || r1.Fatalities != nil {
		t.Errorf("got tolls %+v, %+v, want 12 on the first report only", r0.Fatalities, r1.Fatalities)
	}
	if deref(r1.Perpetrator) != "Eastern Air Force" {
		t.Errorf("got denial perpetrator %q, want the denier", deref(r1.Perpetrator))
	}
	merged := merge.Merge(evs, merge.Options{})
	if len(merged) != 1 || !strings.Contains(strings.Join(disputeFields(merged[0]), " "), "perpetrator") {
		t.Errorf("got merged disputes %v, want a perpetrator dispute: %+v", disputeFields(merged[0]), merged[0].Reports)
	}
}

func TestADenialOfNothingReportedIsNoEvent(t *testing.T) {
	d := annotated("The Eastern Air Force denied that its jets had bombed the market in Oldbridge.", []string{"Oldbridge"},
		map[string]doc.ActorMention{"The Eastern Air Force": {Name: "Eastern Air Force", Type: "foreign"}}, nil)
	if evs := extract(t, d); len(evs) != 0 {
		t.Errorf("got %d events, want none", len(evs))
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
