package control

import (
	"fmt"
	"os"
	"testing"

	"github.com/sitrep-dev/sitrep/internal/record"
)

func ptr[T any](v T) *T { return &v }

func TestCuesReadWhatASentenceSaysAboutControl(t *testing.T) {
	tests := []struct {
		sentence string
		kind     Kind
	}{
		{"The militia said it had not completely withdrawn from the district.", ClaimsToHold},
		{"Its fighters only repositioned to the hills south of the village.", ClaimsToHold},
		{"The group insists it still holds the northern quarter.", ClaimsToHold},
		{"The town, held by the rebels since 2015, is now surrounded.", HeldSince},
		{"Army units entered the village at dawn, seizing control of the square.", Captured},
		{"Rebels pulled out of the town after a week of shelling.", Withdrew},
		{"Troops entered the outskirts on 19 May.", Entered},
		{"The port fell to the insurgents on Friday.", Captured},
	}
	c := Default()
	for _, tt := range tests {
		t.Run(tt.sentence, func(t *testing.T) {
			if got, ok := c.Classify(tt.sentence); !ok || got != tt.kind {
				t.Errorf("Classify = %q, %v; want %q", got, ok, tt.kind)
			}
		})
	}
	if k, ok := c.Classify("Shelling hit the market on Sunday."); ok {
		t.Errorf("a sentence about shelling read as %q", k)
	}
}

func TestParseCuesRejectsBadLines(t *testing.T) {
	for _, src := range []string{"captured", "grabbed\ttook", "captured\t* since"} {
		if _, err := ParseCues("x.tsv", src); err == nil {
			t.Errorf("ParseCues(%q) accepted it", src)
		}
	}
}

// event builds a one-report event at a town.
func event(id, sub, date, place string, geonameid int64, doc, text string, by, control, actor string) record.Event {
	ev := record.Event{Record: "event", ID: id, SubEventType: sub, Date: ptr(date), DateEnd: ptr(date),
		Location: &record.Location{Name: place, GeonameID: geonameid, Precision: "town"}}
	r := record.Report{Doc: doc, Text: text, Start: 0, End: len(text), Modality: "reported", Date: ptr(date)}
	if by != "" {
		r.ClaimedBy = ptr(by)
	}
	if control != "" {
		r.Control = ptr(control)
	}
	if actor != "" {
		ev.Actor1 = &record.Actor{Name: actor}
	}
	ev.Reports = []record.Report{r}
	return ev
}

func TestBuildOrdersChangesAndFindsTheDisputedPeriod(t *testing.T) {
	evs := []record.Event{
		event("e3", "Non-violent transfer of territory", "2022-08-20", "Tell Amar", 101, "d3",
			"The front said its fighters had only repositioned south of Tell Amar.", "the front", "", "The Front"),
		event("e1", "Non-state actor overtakes territory", "2018-05-02", "Tell Amar", 101, "d1",
			"The Front overran Tell Amar after a night of clashes.", "", "", "The Front"),
		event("e2", "Government regains territory", "2022-08-19", "Tell Amar", 101, "d2",
			"The monitor said the front had withdrawn from Tell Amar.", "the monitor", "", "The Front"),
		event("e4", "Government regains territory", "2022-08-19", "Tell Amar", 101, "d4",
			"Army units entered Tell Amar on Monday.", "", "taken by Army", "Army"),
		event("e5", "Air/drone strike", "2022-08-18", "Tell Amar", 101, "d5",
			"Jets struck the market of Tell Amar.", "", "", ""),
		event("e6", "Government regains territory", "2022-08-19", "Kafr Said", 202, "d6",
			"Troops captured Kafr Said.", "", "", "Army"),
	}
	tls := Build(evs, Options{})
	if len(tls) != 2 {
		t.Fatalf("got %d timelines, want 2", len(tls))
	}
	tl := tls[1]
	if tl.Place != "Tell Amar" {
		t.Fatalf("timelines sorted %q, %q; want Kafr Said first", tls[0].Place, tls[1].Place)
	}
	var got []string
	for _, e := range tl.Entries {
		got = append(got, fmt.Sprintf("%s %s %s %v", e.From, e.Kind, e.Holder, e.Disputed))
	}
	want := []string{
		"2018-05-02 captured The Front false",
		"2022-08-19 entered Army true",
		"2022-08-19 withdrew The Front true",
		"2022-08-20 claims to hold the front true",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("entries\n got %q\nwant %q", got, want)
	}
	if len(tl.Disputes) != 1 || len(tl.Disputes[0].Claims) != 3 || tl.Disputes[0].From != "2022-08-19" || tl.Disputes[0].To != "2022-08-20" {
		t.Errorf("disputes %+v, want one over 19-20 August with three claims", tl.Disputes)
	}
	// The same events in another order give the same timelines.
	rev := append([]record.Event(nil), evs...)
	for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
		rev[i], rev[j] = rev[j], rev[i]
	}
	if a, b := fmt.Sprintf("%+v", tls), fmt.Sprintf("%+v", Build(rev, Options{})); a != b {
		t.Errorf("order changed the result:\n%s\n%s", a, b)
	}
}

func TestBuildWithoutCuesOrControlValuesFallsBackOnTheEventType(t *testing.T) {
	evs := []record.Event{event("e1", "Government regains territory", "2020-01-10", "Qaryat", 7, "d1", "Troops are now in Qaryat.", "", "", "Army")}
	tls := Build(evs, Options{})
	if len(tls) != 1 || len(tls[0].Entries) != 1 || tls[0].Entries[0].Kind != Captured || tls[0].Entries[0].Holder != "Army" {
		t.Errorf("got %+v, want one capture by the army", tls)
	}
}

func TestDefaultCuesFileParses(t *testing.T) {
	b, err := os.ReadFile("data/cues.tsv")
	if err != nil {
		t.Fatal(err)
	}
	c, err := ParseCues("data/cues.tsv", string(b))
	if err != nil || len(c.cues) < 50 {
		t.Errorf("parse: %v, %d cues", err, len(c.cues))
	}
}
