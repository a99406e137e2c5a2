// Package storetest is the conformance suite every store.Store backend
// runs: the behaviour the interface documents, written once.
//
// A backend's test calls Run with a function that opens a fresh, empty
// store; Run closes it when each subtest ends.
//
// Besides the interface's doc comments, the suite fixes these choices:
//   - Event reports name documents by id; a report naming a document that is
//     neither in the batch nor stored fails the whole batch.
//   - A document whose id is taken by different content is stored under
//     id-2, id-3, …; a document whose content is stored already is skipped
//     and takes the stored id; either way SaveBatch sets d.ID to the final
//     id, and rewrites the batch's event reports to match.
//   - Events whose reports all come from skipped documents are skipped.
//   - Events come ordered by date then id, undated ones last; a date bound
//     in the query excludes undated events.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/record"
	"github.com/sitrep-dev/sitrep/internal/store"
)

// Run runs the conformance suite against stores made by open.
func Run(t *testing.T, open func(t *testing.T) store.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s store.Store)
	}{
		{"a saved document reads back with its metadata, text and events", testRoundTrip},
		{"saving the same batch twice adds nothing", testIdempotent},
		{"a copy of stored content under another id is skipped and takes the stored id", testSameContentOtherID},
		{"two documents with one id and different content are both kept", testIDCollision},
		{"two copies of one text in a batch keep the first with its events", testCopiesInOneBatch},
		{"a duplicate of a renamed batch document points at its final id", testDuplicateOfRenamed},
		{"a batch whose event names an unknown document leaves nothing behind", testBatchIsAtomic},
		{"a batch with an invalid event date leaves nothing behind", testBadEventDate},
		{"an event saved again with the same id replaces the old one and its reports", testEventUpsert},
		{"replacing events removes the absorbed ones and upserts the merged one", testReplaceEvents},
		{"near duplicates are found within the distance and not beyond", testNearDuplicate},
		{"a near copy is found through a shared anchor at any allowed distance", testNearDuplicateOf},
		{"events filter by overlapping dates, type, sub-type and limit", testEventFilters},
		{"events come ordered by date then id with undated ones last", testEventOrder},
		{"events filter by box, actor, place, modality, dispute, words and document", testEventRichFilters},
		{"a cursor resumes the listing after its event, through the undated ones", testEventCursor},
		{"unmerged keeps the events merging has not seen until they are rewritten with sources", testUnmerged},
		{"one event reads back by id with its reports and disputes", testEventByID},
		{"documents come in ingest order across batches", testDocumentOrder},
		{"a missing document is ErrNotFound", testNotFound},
		{"an error from the callback stops the walk and is returned", testCallbackError},
		{"readers run while a writer saves", testConcurrent},
		{"raw records decode to the events listed, with their positions", testEventsRaw},
		{"the events version moves with every write to events and only then", testEventsVersion},
		{"the event grid counts located events per cell and type, and days count dated events, under the filters", testEventGrid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := open(t)
			t.Cleanup(func() {
				if err := s.Close(); err != nil {
					t.Errorf("Close: %v", err)
				}
			})
			tt.fn(t, s)
		})
	}
}

func save(t *testing.T, s store.Store, docs []*doc.Document, evs []record.Event) []bool {
	t.Helper()
	got, err := s.SaveBatch(context.Background(), docs, evs)
	if err != nil {
		t.Fatalf("SaveBatch: %v", err)
	}
	if len(got) != len(docs) {
		t.Fatalf("SaveBatch returned %d results for %d documents", len(got), len(docs))
	}
	return got
}

func allDocuments(t *testing.T, s store.Store) []record.Document {
	t.Helper()
	var out []record.Document
	if err := s.Documents(context.Background(), func(d record.Document) error {
		out = append(out, d)
		return nil
	}); err != nil {
		t.Fatalf("Documents: %v", err)
	}
	return out
}

func events(t *testing.T, s store.Store, q store.EventQuery) []record.Event {
	t.Helper()
	var out []record.Event
	if err := s.Events(context.Background(), q, func(e record.Event) error {
		out = append(out, e)
		return nil
	}); err != nil {
		t.Fatalf("Events: %v", err)
	}
	return out
}

func eventIDs(evs []record.Event) []string {
	ids := make([]string, len(evs))
	for i, e := range evs {
		ids[i] = e.ID
	}
	return ids
}

func docIDs(ds []record.Document) []string {
	ids := make([]string, len(ds))
	for i, d := range ds {
		ids[i] = d.ID
	}
	return ids
}

func ptr[T any](v T) *T { return &v }

func testRoundTrip(t *testing.T, s store.Store) {
	ctx := context.Background()
	d := NewDocument("north-1",
		"Rebels of the Northern Front shelled Kfar Tala on Tuesday.",
		"At least 4 people were killed, the Observatory said.",
		"Café owners in Bir Zahra closed their shops.")
	pub := Day("2024-03-06")
	d.Published = &pub
	d.PublishedInferred = true
	// "Tuesday" is the evidence. The é in the third sentence makes byte and
	// code point offsets differ after it, which the report offsets check.
	evStart := len("Rebels of the Northern Front shelled Kfar Tala on ")
	d.PublishedEvidence = doc.Span{Start: evStart, End: evStart + len("Tuesday")}
	d.Title, d.Source, d.URL = "Shelling in the north", "Invented Wire", "https://example.org/north-1"
	d.Fingerprint = 0xdeadbeefcafe1234
	d.Places = []doc.Place{{Span: doc.Span{Start: 37, End: 46}, Kind: "place", Name: "Kfar Tala", Lat: 35.1, Lon: 36.2, Resolved: true, Precision: doc.PrecisionTown}}
	d.Fail("timex", errors.New("ambiguous weekday"))

	ev := NewEvent("ev-1", d, 0, "2024-03-05", "Explosions/Remote violence", "Shelling/artillery/missile attack")
	ev.Fatalities = &record.Figure{Min: ptr(4), Max: nil}
	ev.Reports[0].ClaimedBy = ptr("the Observatory")
	ev.Location = &record.Location{Name: "Kfar Tala", Lat: 35.1, Lon: 36.2, Precision: doc.PrecisionTown, Doc: d.ID, Start: 37, End: 46}
	ev3 := NewEvent("ev-2", d, 2, "2024-03-06", "Protests", "Peaceful protest")

	got := save(t, s, []*doc.Document{d}, []record.Event{ev, ev3})
	if !got[0] {
		t.Fatalf("SaveBatch says the first document was not new")
	}
	if d.ID != "north-1" {
		t.Errorf("d.ID = %q after save, want it unchanged", d.ID)
	}

	sd, err := s.Document(ctx, "north-1")
	if err != nil {
		t.Fatalf("Document: %v", err)
	}
	if sd.Text != d.Text {
		t.Errorf("text = %q, want %q", sd.Text, d.Text)
	}
	r := sd.Document
	checks := []struct {
		field     string
		got, want any
	}{
		{"record", r.Record, "document"},
		{"id", r.ID, "north-1"},
		{"title", deref(r.Title), d.Title},
		{"source", deref(r.Source), d.Source},
		{"url", deref(r.URL), d.URL},
		{"published", deref(r.Published), "2024-03-06"},
		{"published_inferred", r.PublishedInferred, true},
		{"hash", r.Hash, d.Hash},
		{"duplicate_of", r.DuplicateOf, (*string)(nil)},
		{"chars", r.Chars, len([]rune(d.Text))},
		{"sentences", r.Sentences, 3},
		{"events", r.Events, 2},
		{"origin", r.Origin, "north-1.txt"},
		{"format", r.Format, "text"},
		{"errors", fmt.Sprint(r.Errors), "[timex: ambiguous weekday]"},
	}
	for _, c := range checks {
		if fmt.Sprint(c.got) != fmt.Sprint(c.want) {
			t.Errorf("%s = %v, want %v", c.field, c.got, c.want)
		}
	}
	if ev := r.PublishedEvidence; ev == nil || ev.Text != "Tuesday" || ev.Start != 50 || ev.End != 57 {
		t.Errorf("published_evidence = %+v, want code points 50-57 \"Tuesday\"", ev)
	}

	var lookedUp string
	if id, found, err := s.LookupHash(ctx, d.Hash); err != nil || !found {
		t.Errorf("LookupHash = %q, %v, %v; want north-1, true, nil", id, found, err)
	} else {
		lookedUp = id
	}
	if lookedUp != "" && lookedUp != "north-1" {
		t.Errorf("LookupHash id = %q, want north-1", lookedUp)
	}
	if _, found, err := s.LookupHash(ctx, "0000"); err != nil || found {
		t.Errorf("LookupHash(unknown) found = %v, err = %v; want false, nil", found, err)
	}

	evs := events(t, s, store.EventQuery{})
	if len(evs) != 2 {
		t.Fatalf("got %d events, want 2", len(evs))
	}
	e := evs[0]
	if e.ID != "ev-1" || e.EventType != ev.EventType || e.SubEventType != ev.SubEventType || deref(e.Date) != "2024-03-05" {
		t.Errorf("event = %+v, want ev-1 shelling on 2024-03-05", e)
	}
	if e.Fatalities == nil || e.Fatalities.Min == nil || *e.Fatalities.Min != 4 || e.Fatalities.Max != nil {
		t.Errorf("fatalities = %+v, want min 4, max open", e.Fatalities)
	}
	if e.Location == nil || e.Location.Name != "Kfar Tala" || e.Location.Lat != 35.1 {
		t.Errorf("location = %+v, want Kfar Tala at 35.1", e.Location)
	}
	if len(e.Reports) != 1 {
		t.Fatalf("got %d reports, want 1", len(e.Reports))
	}
	rep := e.Reports[0]
	if rep.Doc != "north-1" || rep.Text != d.Text[d.Sentences[0].Start:d.Sentences[0].End] || deref(rep.ClaimedBy) != "the Observatory" {
		t.Errorf("report = %+v, want the first sentence of north-1 claimed by the Observatory", rep)
	}
	// Reports store code points: the third sentence starts after the é.
	if r2 := evs[1].Reports[0]; r2.Start != len([]rune(d.Text[:d.Sentences[2].Start])) {
		t.Errorf("report start = %d, want %d code points", r2.Start, len([]rune(d.Text[:d.Sentences[2].Start])))
	}
}

func deref(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return *s
}

func testIdempotent(t *testing.T, s store.Store) {
	batch := func() ([]*doc.Document, []record.Event) {
		var docs []*doc.Document
		var evs []record.Event
		for n := range 3 {
			d := GeneratedDocument(n, 400)
			docs = append(docs, d)
			evs = append(evs, GeneratedEvents(d, 2)...)
		}
		return docs, evs
	}
	docs, evs := batch()
	if got := save(t, s, docs, evs); !slices.Equal(got, []bool{true, true, true}) {
		t.Fatalf("first save: new = %v, want all true", got)
	}
	docs, evs = batch()
	if got := save(t, s, docs, evs); !slices.Equal(got, []bool{false, false, false}) {
		t.Fatalf("second save: new = %v, want all false", got)
	}
	if got := docIDs(allDocuments(t, s)); !slices.Equal(got, []string{"gen-000000", "gen-000001", "gen-000002"}) {
		t.Errorf("documents = %v, want the three once each", got)
	}
	if got := events(t, s, store.EventQuery{}); len(got) != 6 {
		t.Errorf("got %d events, want 6", len(got))
	}
	for _, d := range docs {
		if !slices.Contains([]string{"gen-000000", "gen-000001", "gen-000002"}, d.ID) {
			t.Errorf("skipped document has id %q, want its stored id", d.ID)
		}
	}
}

func testSameContentOtherID(t *testing.T, s store.Store) {
	a := NewDocument("wire-a", "Drones struck a fuel depot near Tell Maqam overnight.")
	save(t, s, []*doc.Document{a}, nil)
	b := NewDocument("mirror-b", "Drones struck a fuel depot near Tell Maqam overnight.")
	ev := NewEvent("ev-depot", b, 0, "2024-05-01", "Explosions/Remote violence", "Air/drone strike")
	got := save(t, s, []*doc.Document{b}, []record.Event{ev})
	if got[0] {
		t.Errorf("a copy of stored content was saved as new")
	}
	if b.ID != "wire-a" {
		t.Errorf("skipped copy has id %q, want the stored id wire-a", b.ID)
	}
	if ids := docIDs(allDocuments(t, s)); !slices.Equal(ids, []string{"wire-a"}) {
		t.Errorf("documents = %v, want only wire-a", ids)
	}
	if evs := events(t, s, store.EventQuery{}); len(evs) != 0 {
		t.Errorf("the skipped copy's event was stored: %v", eventIDs(evs))
	}
}

func testIDCollision(t *testing.T, s store.Store) {
	first := NewDocument("story", "The River Guard withdrew from Wadi Sarin at dawn.")
	save(t, s, []*doc.Document{first}, nil)
	second := NewDocument("story", "Local militias besieged Ain Dalfa for a third week.")
	third := NewDocument("story", "Government forces raided Qasr Abyad and detained 12 men.")
	ev := NewEvent("ev-siege", second, 0, "2024-06-02", "Battles", "Armed clash")
	got := save(t, s, []*doc.Document{second, third}, []record.Event{ev})
	if !slices.Equal(got, []bool{true, true}) {
		t.Fatalf("new = %v, want both new", got)
	}
	if second.ID != "story-2" || third.ID != "story-3" {
		t.Errorf("ids = %q, %q; want story-2, story-3", second.ID, third.ID)
	}
	if ids := docIDs(allDocuments(t, s)); !slices.Equal(ids, []string{"story", "story-2", "story-3"}) {
		t.Errorf("documents = %v, want story, story-2, story-3", ids)
	}
	for _, d := range []*doc.Document{first, second, third} {
		sd, err := s.Document(context.Background(), d.ID)
		if err != nil {
			t.Fatalf("Document(%q): %v", d.ID, err)
		}
		if sd.Text != d.Text {
			t.Errorf("Document(%q) text = %q, want %q", d.ID, sd.Text, d.Text)
		}
	}
	evs := events(t, s, store.EventQuery{})
	if len(evs) != 1 || evs[0].Reports[0].Doc != "story-2" {
		t.Errorf("events = %+v, want ev-siege reported by story-2", evs)
	}
}

func testBatchIsAtomic(t *testing.T, s store.Store) {
	good := NewDocument("good", "Shelling hit the eastern quarter of Jisr Hamra.")
	ok := NewEvent("ev-ok", good, 0, "2024-02-01", "Explosions/Remote violence", "Shelling/artillery/missile attack")
	orphan := NewEvent("ev-orphan", good, 0, "2024-02-01", "Battles", "Armed clash")
	orphan.Reports[0].Doc = "no-such-document"
	_, err := s.SaveBatch(context.Background(), []*doc.Document{good}, []record.Event{ok, orphan})
	if err == nil {
		t.Fatal("SaveBatch with a report naming an unknown document succeeded")
	}
	if good.ID != "good" {
		t.Errorf("failed batch changed d.ID to %q", good.ID)
	}
	if ds := allDocuments(t, s); len(ds) != 0 {
		t.Errorf("failed batch left documents %v", docIDs(ds))
	}
	if evs := events(t, s, store.EventQuery{}); len(evs) != 0 {
		t.Errorf("failed batch left events %v", eventIDs(evs))
	}
	if _, found, _ := s.LookupHash(context.Background(), good.Hash); found {
		t.Error("failed batch left its document's hash")
	}
	// The store still works, and the same document saves cleanly now.
	if got := save(t, s, []*doc.Document{good}, []record.Event{ok}); !got[0] {
		t.Error("document of a failed batch is not new on retry")
	}
}

func testBadEventDate(t *testing.T, s store.Store) {
	d := NewDocument("dated", "Clashes resumed in Dar Nakhla.")
	ev := NewEvent("ev-bad", d, 0, "last spring", "Battles", "Armed clash")
	if _, err := s.SaveBatch(context.Background(), []*doc.Document{d}, []record.Event{ev}); err == nil {
		t.Fatal("SaveBatch accepted the event date \"last spring\"")
	}
	if ds := allDocuments(t, s); len(ds) != 0 {
		t.Errorf("failed batch left documents %v", docIDs(ds))
	}
}

func testEventUpsert(t *testing.T, s store.Store) {
	a := NewDocument("a", "The Coastal Brigade took control of Bir Zahra on Monday.")
	b := NewDocument("b", "Bir Zahra fell to the Coastal Brigade, residents said.")
	ev := NewEvent("ev-bz", a, 0, "2024-04-01", "Battles", "Non-state actor overtakes territory")
	save(t, s, []*doc.Document{a}, []record.Event{ev})

	// Merging later adds b's report to the same event, and refines its date.
	merged := NewEvent("ev-bz", a, 0, "2024-04-02", "Battles", "Non-state actor overtakes territory")
	merged.Reports = append(merged.Reports, NewEvent("x", b, 0, "", "", "").Reports...)
	save(t, s, []*doc.Document{b}, []record.Event{merged})

	evs := events(t, s, store.EventQuery{})
	if len(evs) != 1 {
		t.Fatalf("got %d events, want the one event replaced", len(evs))
	}
	if deref(evs[0].Date) != "2024-04-02" || len(evs[0].Reports) != 2 {
		t.Errorf("event = date %s with %d reports, want 2024-04-02 with 2", deref(evs[0].Date), len(evs[0].Reports))
	}
	for _, id := range []string{"a", "b"} {
		sd, err := s.Document(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if sd.Events != 1 {
			t.Errorf("document %s reports %d events, want 1", id, sd.Events)
		}
	}
	// The date moved, so a query for the old day no longer finds it.
	if got := events(t, s, store.EventQuery{From: Day("2024-04-01"), To: Day("2024-04-01")}); len(got) != 0 {
		t.Errorf("old date still matches: %v", eventIDs(got))
	}
}

func testNearDuplicate(t *testing.T, s store.Store) {
	ctx := context.Background()
	const fp uint64 = 0x0123_4567_89ab_cdef
	orig := NewDocument("orig", "A convoy was ambushed on the road to Kfar Tala.")
	orig.Fingerprint = fp
	dup := NewDocument("dup", "A convoy was ambushed on the road to Kfar Tala, AFP said.")
	dup.Fingerprint = fp ^ 0b1
	dup.DuplicateOf = "orig"
	none := NewDocument("none", "No fingerprint was computed for this note.")
	other := NewDocument("other", "An unrelated story about a harvest festival.")
	other.Fingerprint = ^fp
	save(t, s, []*doc.Document{orig, dup, none, other}, nil)

	tests := []struct {
		name      string
		fp        uint64
		max       int
		wantID    string
		wantDist  int
		wantFound bool
	}{
		{"an identical fingerprint is at distance 0", fp, 3, "orig", 0, true},
		{"three flipped bits spread over every band are found", fp ^ (1 | 1<<20 | 1<<40), 3, "orig", 3, true},
		{"three flipped bits in one band are found", fp ^ 0b111, 3, "orig", 3, true},
		{"four flipped bits, one per band, are found by a wider search", fp ^ (1 | 1<<17 | 1<<33 | 1<<49), 4, "orig", 4, true},
		{"four flipped bits are beyond a distance of 3", fp ^ (1 | 1<<17 | 1<<33 | 1<<49), 3, "", 0, false},
		{"two bits beyond a distance of 1 are not found", fp ^ 0b11, 1, "", 0, false},
		{"a duplicate's own fingerprint finds the original, not the duplicate", fp ^ 0b1, 0, "", 0, false},
		{"a zero fingerprint never matches", 0, 64, "", 0, false},
		{"a negative distance finds nothing", fp, -1, "", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, dist, found, err := s.NearDuplicate(ctx, tt.fp, tt.max)
			if err != nil {
				t.Fatal(err)
			}
			if id != tt.wantID || dist != tt.wantDist || found != tt.wantFound {
				t.Errorf("NearDuplicate(%#x, %d) = %q, %d, %v; want %q, %d, %v",
					tt.fp, tt.max, id, dist, found, tt.wantID, tt.wantDist, tt.wantFound)
			}
		})
	}
}

// eventFixture stores five events over March 2024, one undated.
func eventFixture(t *testing.T, s store.Store) {
	d := NewDocument("log",
		"Shelling hit Kfar Tala.", "Clashes broke out in Bir Zahra.", "A drone struck Tell Maqam.",
		"Fighting went on around Wadi Sarin for a week.", "Protesters gathered in Ain Dalfa.", "Raids were reported somewhere.")
	evs := []record.Event{
		NewEvent("e-shell", d, 0, "2024-03-01", "Explosions/Remote violence", "Shelling/artillery/missile attack"),
		NewEvent("e-clash", d, 1, "2024-03-05", "Battles", "Armed clash"),
		NewEvent("e-drone", d, 2, "2024-03-05", "Explosions/Remote violence", "Air/drone strike"),
		NewEvent("e-week", d, 3, "2024-03-08", "Battles", "Armed clash"),
		NewEvent("e-protest", d, 4, "2024-03-20", "Protests", "Peaceful protest"),
		NewEvent("e-undated", d, 5, "", "Battles", "Armed clash"),
	}
	evs[3].DateEnd = ptr("2024-03-14")
	// Saved out of order, so ordering cannot come from insertion.
	slices.Reverse(evs)
	save(t, s, []*doc.Document{d}, evs)
}

func testEventFilters(t *testing.T, s store.Store) {
	eventFixture(t, s)
	checkQueries(t, s, []queryCase{
		{"no filter returns everything", store.EventQuery{}, []string{"e-shell", "e-clash", "e-drone", "e-week", "e-protest", "e-undated"}},
		{"a single day matches events on it", store.EventQuery{From: Day("2024-03-05"), To: Day("2024-03-05")}, []string{"e-clash", "e-drone"}},
		{"a range matches an event that started before it and is still going", store.EventQuery{From: Day("2024-03-10"), To: Day("2024-03-31")}, []string{"e-week", "e-protest"}},
		{"only a start bound keeps later events", store.EventQuery{From: Day("2024-03-09")}, []string{"e-week", "e-protest"}},
		{"only an end bound keeps earlier events", store.EventQuery{To: Day("2024-03-04")}, []string{"e-shell"}},
		{"a range with nothing in it is empty", store.EventQuery{From: Day("2023-01-01"), To: Day("2023-12-31")}, nil},
		{"event type filters", store.EventQuery{EventType: "Battles"}, []string{"e-clash", "e-week", "e-undated"}},
		{"sub-event type filters", store.EventQuery{SubEventType: "Air/drone strike"}, []string{"e-drone"}},
		{"type and dates combine", store.EventQuery{EventType: "Battles", From: Day("2024-03-06")}, []string{"e-week"}},
		{"a limit cuts the ordered list", store.EventQuery{Limit: 2}, []string{"e-shell", "e-clash"}},
		{"a limit larger than the dated events reaches the undated", store.EventQuery{Limit: 6}, []string{"e-shell", "e-clash", "e-drone", "e-week", "e-protest", "e-undated"}},
	})
}

func testEventOrder(t *testing.T, s store.Store) {
	d := NewDocument("order", "One.", "Two.", "Three.", "Four.")
	evs := []record.Event{
		NewEvent("b", d, 0, "2024-01-02", "Battles", "Armed clash"),
		NewEvent("z-undated", d, 1, "", "Battles", "Armed clash"),
		NewEvent("a", d, 2, "2024-01-02", "Battles", "Armed clash"),
		NewEvent("c", d, 3, "2023-12-31", "Battles", "Armed clash"),
		NewEvent("a-undated", d, 3, "", "Battles", "Armed clash"),
	}
	save(t, s, []*doc.Document{d}, evs)
	want := []string{"c", "a", "b", "a-undated", "z-undated"}
	if got := eventIDs(events(t, s, store.EventQuery{})); !slices.Equal(got, want) {
		t.Errorf("order = %v, want %v", got, want)
	}
}

func testDocumentOrder(t *testing.T, s store.Store) {
	var want []string
	for batch := range 3 {
		var docs []*doc.Document
		// Ids run backwards so ingest order differs from id order.
		for i := range 3 {
			n := 100 - batch*3 - i
			docs = append(docs, GeneratedDocument(n, 120))
			want = append(want, fmt.Sprintf("gen-%06d", n))
		}
		save(t, s, docs, nil)
	}
	if got := docIDs(allDocuments(t, s)); !slices.Equal(got, want) {
		t.Errorf("order = %v, want %v", got, want)
	}
}

func testNotFound(t *testing.T, s store.Store) {
	_, err := s.Document(context.Background(), "never-saved")
	if !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Document(missing) error = %v, want ErrNotFound", err)
	}
}

func testCallbackError(t *testing.T, s store.Store) {
	eventFixture(t, s)
	stop := errors.New("enough")
	n := 0
	err := s.Events(context.Background(), store.EventQuery{}, func(record.Event) error {
		n++
		if n == 2 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 2 {
		t.Errorf("Events returned %v after %d calls, want the callback's error after 2", err, n)
	}
	err = s.Documents(context.Background(), func(record.Document) error { return stop })
	if !errors.Is(err, stop) {
		t.Errorf("Documents returned %v, want the callback's error", err)
	}
}

func testConcurrent(t *testing.T, s store.Store) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	const batches, per = 8, 5
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	wg.Add(1)
	go func() {
		defer wg.Done()
		for b := range batches {
			var docs []*doc.Document
			var evs []record.Event
			for i := range per {
				d := GeneratedDocument(b*per+i, 300)
				docs = append(docs, d)
				evs = append(evs, GeneratedEvents(d, 2)...)
			}
			if _, err := s.SaveBatch(ctx, docs, evs); err != nil {
				errs <- fmt.Errorf("SaveBatch: %w", err)
				return
			}
		}
	}()
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 20 {
				// A reader sees whole batches only: documents and events
				// move in steps of one batch.
				nd := 0
				if err := s.Documents(ctx, func(record.Document) error { nd++; return nil }); err != nil {
					errs <- err
					return
				}
				if nd%per != 0 {
					errs <- fmt.Errorf("reader saw %d documents, not a whole number of batches", nd)
					return
				}
				if err := s.Events(ctx, store.EventQuery{}, func(e record.Event) error {
					// Reading a document inside the walk must not deadlock.
					_, err := s.Document(ctx, e.Reports[0].Doc)
					return err
				}); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if got := len(allDocuments(t, s)); got != batches*per {
		t.Errorf("got %d documents, want %d", got, batches*per)
	}
}

func testCopiesInOneBatch(t *testing.T, s store.Store) {
	a := NewDocument("wire", "Two checkpoints changed hands near Ain Dalfa.")
	b := NewDocument("mirror", "Two checkpoints changed hands near Ain Dalfa.")
	evA := NewEvent("ev-wire", a, 0, "2024-07-01", "Battles", "Armed clash")
	evB := NewEvent("ev-mirror", b, 0, "2024-07-01", "Battles", "Armed clash")
	got := save(t, s, []*doc.Document{a, b}, []record.Event{evA, evB})
	if !slices.Equal(got, []bool{true, false}) {
		t.Errorf("new = %v, want [true false]", got)
	}
	if b.ID != "wire" {
		t.Errorf("the copy's id = %q, want wire", b.ID)
	}
	if ids := eventIDs(events(t, s, store.EventQuery{})); !slices.Equal(ids, []string{"ev-wire"}) {
		t.Errorf("events = %v, want only ev-wire", ids)
	}
}

func testDuplicateOfRenamed(t *testing.T, s store.Store) {
	save(t, s, []*doc.Document{NewDocument("story", "A ceasefire was announced for the valley.")}, nil)
	orig := NewDocument("story", "Artillery fire resumed around Tell Maqam at night.")
	cp := NewDocument("copy", "Artillery fire resumed around Tell Maqam at night, AP said.")
	cp.DuplicateOf, cp.DuplicateScore = "story", 0.97
	save(t, s, []*doc.Document{orig, cp}, nil)
	if orig.ID != "story-2" {
		t.Fatalf("renamed id = %q, want story-2", orig.ID)
	}
	if cp.DuplicateOf != "story-2" {
		t.Errorf("d.DuplicateOf after save = %q, want story-2", cp.DuplicateOf)
	}
	sd, err := s.Document(context.Background(), "copy")
	if err != nil {
		t.Fatal(err)
	}
	if deref(sd.DuplicateOf) != "story-2" {
		t.Errorf("stored duplicate_of = %s, want story-2", deref(sd.DuplicateOf))
	}
}

func testReplaceEvents(t *testing.T, s store.Store) {
	a := NewDocument("ra", "Shelling hit Kfar Tala on Monday.")
	b := NewDocument("rb", "Kfar Tala was shelled, residents said.")
	ea := NewEvent("unit-a", a, 0, "2024-05-06", "Explosions/Remote violence", "Shelling/artillery/missile attack")
	eb := NewEvent("unit-b", b, 0, "2024-05-06", "Explosions/Remote violence", "Shelling/artillery/missile attack")
	save(t, s, []*doc.Document{a, b}, []record.Event{ea, eb})

	merged := NewEvent("merged", a, 0, "2024-05-06", "Explosions/Remote violence", "Shelling/artillery/missile attack")
	merged.Reports = append(merged.Reports, eb.Reports...)
	if err := s.ReplaceEvents(context.Background(), []string{"unit-a", "unit-b"}, []record.Event{merged}); err != nil {
		t.Fatalf("ReplaceEvents: %v", err)
	}
	evs := events(t, s, store.EventQuery{})
	if got := eventIDs(evs); !slices.Equal(got, []string{"merged"}) || len(evs[0].Reports) != 2 {
		t.Errorf("events after replace = %v, want only merged with 2 reports", got)
	}
	// A failing upsert leaves the old events in place.
	bad := NewEvent("bad", a, 0, "not-a-date", "Battles", "Armed clash")
	if err := s.ReplaceEvents(context.Background(), []string{"merged"}, []record.Event{bad}); err == nil {
		t.Fatalf("ReplaceEvents with an invalid date succeeded")
	}
	if got := eventIDs(events(t, s, store.EventQuery{})); !slices.Equal(got, []string{"merged"}) {
		t.Errorf("a failed replace changed the events: %v", got)
	}
}

// richFixture stores events with locations, actors, modalities, disputes
// and distinct sentences, over two documents.
func richFixture(t *testing.T, s store.Store) {
	a := NewDocument("wire-a",
		"Artillery shelled the grain depot in Kfar Tala overnight.",
		"The Northern Front said it repelled an assault near Bir Zahra.",
		"A convoy was ambushed on the coast road at Qasr Abyad.",
		"Storms cut the power at Taveuni for a day.")
	b := NewDocument("wire-b",
		"Officials denied that the depot in Kfar Tala was hit.",
		"Residents said drones circled over Tell Maqam all night.")
	loc := func(name string, lon, lat float64, id int64) *record.Location {
		return &record.Location{Name: name, Lon: lon, Lat: lat, GeonameID: id, Precision: "town"}
	}
	depot := NewEvent("r-depot", a, 0, "2024-05-02", "Explosions/Remote violence", "Shelling/artillery/missile attack")
	depot.Location = loc("Kfar Tala", 36.1, 35.2, 9000001)
	depot.Actor1 = &record.Actor{Name: "government forces"}
	depot.Reports = append(depot.Reports, NewEvent("", b, 0, "", "", "").Reports[0])
	depot.Disputes = []record.Dispute{{Field: "occurred", Claims: []record.Claim{
		{Value: true, Doc: "wire-a"}, {Value: false, Doc: "wire-b", ClaimedBy: ptr("officials")}}}}
	assault := NewEvent("r-assault", a, 1, "2024-05-03", "Battles", "Armed clash")
	assault.Location = loc("Bir Zahra", 36.4, 35.9, 0)
	assault.Actor1 = &record.Actor{Name: "government forces"}
	assault.Actor2 = &record.Actor{Name: "Northern Front"}
	assault.Modality = "claimed"
	ambush := NewEvent("r-ambush", a, 2, "2024-05-04", "Battles", "Armed clash")
	ambush.Location = loc("Qasr Abyad", 35.8, 34.9, 0)
	ambush.Actor1 = &record.Actor{Name: "Coastal Brigade"}
	drones := NewEvent("r-drones", b, 1, "", "Explosions/Remote violence", "Air/drone strike")
	drones.Location = loc("Tell Maqam", 37.0, 36.5, 0)
	// Across the antimeridian, for the wrapped box.
	far := NewEvent("r-far", a, 3, "2024-05-05", "Battles", "Armed clash")
	far.Location = loc("Taveuni", 179.9, -16.8, 0)
	save(t, s, []*doc.Document{a, b}, []record.Event{far, drones, ambush, assault, depot})
}

func testEventRichFilters(t *testing.T, s store.Store) {
	richFixture(t, s)
	checkQueries(t, s, []queryCase{
		{"a box keeps the events inside it", store.EventQuery{BBox: &store.BBox{MinLon: 36, MinLat: 35, MaxLon: 37, MaxLat: 36}}, []string{"r-depot", "r-assault"}},
		{"a box edge is inside", store.EventQuery{BBox: &store.BBox{MinLon: 37, MinLat: 36.5, MaxLon: 38, MaxLat: 37}}, []string{"r-drones"}},
		{"a box across the antimeridian wraps", store.EventQuery{BBox: &store.BBox{MinLon: 170, MinLat: -20, MaxLon: -170, MaxLat: -10}}, []string{"r-far"}},
		{"an actor matches either side", store.EventQuery{Actor: "Northern Front"}, []string{"r-assault"}},
		{"an actor on several events matches them all", store.EventQuery{Actor: "government forces"}, []string{"r-depot", "r-assault"}},
		{"a place matches by name", store.EventQuery{Place: "Qasr Abyad"}, []string{"r-ambush"}},
		{"a place matches by GeoNames id", store.EventQuery{Place: "9000001"}, []string{"r-depot"}},
		{"modality filters", store.EventQuery{Modality: "claimed"}, []string{"r-assault"}},
		{"disputed keeps only events with a dispute", store.EventQuery{Disputed: true}, []string{"r-depot"}},
		{"text matches a word of any report sentence, not only the first", store.EventQuery{Text: "denied"}, []string{"r-depot"}},
		{"text needs every word in one sentence, in any case", store.EventQuery{Text: "CONVOY coast"}, []string{"r-ambush"}},
		{"text words from two sentences do not match", store.EventQuery{Text: "convoy drones"}, nil},
		{"text with query syntax is taken as words", store.EventQuery{Text: `"depot" (Kfar* %`}, []string{"r-depot"}},
		{"text of only punctuation matches nothing", store.EventQuery{Text: "?!"}, nil},
		{"a document keeps the events it reports", store.EventQuery{Doc: "wire-b"}, []string{"r-depot", "r-drones"}},
		{"filters combine", store.EventQuery{EventType: "Battles", Actor: "government forces", From: Day("2024-05-03")}, []string{"r-assault"}},
	})
}

func testEventCursor(t *testing.T, s store.Store) {
	eventFixture(t, s)
	all := eventIDs(events(t, s, store.EventQuery{}))
	for _, size := range []int{1, 2, 4} {
		var got []string
		q := store.EventQuery{Limit: size}
		for page := 0; page < 10; page++ {
			evs := events(t, s, q)
			got = append(got, eventIDs(evs)...)
			if len(evs) < size {
				break
			}
			c := store.CursorOf(evs[len(evs)-1])
			q.After = &c
		}
		if !slices.Equal(got, all) {
			t.Errorf("pages of %d = %v, want %v", size, got, all)
		}
	}
	// A cursor combines with a filter.
	c := store.Cursor{Date: "2024-03-05", ID: "e-clash"}
	got := eventIDs(events(t, s, store.EventQuery{EventType: "Battles", After: &c}))
	if want := []string{"e-week", "e-undated"}; !slices.Equal(got, want) {
		t.Errorf("Battles after e-clash = %v, want %v", got, want)
	}
	// A cursor on an undated event continues among the undated.
	c = store.Cursor{ID: "e-undated"}
	if got := eventIDs(events(t, s, store.EventQuery{After: &c})); len(got) != 0 {
		t.Errorf("after the last undated event = %v, want nothing", got)
	}
}

func testEventByID(t *testing.T, s store.Store) {
	richFixture(t, s)
	ev, err := s.Event(context.Background(), "r-depot")
	if err != nil {
		t.Fatal(err)
	}
	if len(ev.Reports) != 2 || ev.Reports[1].Doc != "wire-b" || ev.Reports[1].Text != "Officials denied that the depot in Kfar Tala was hit." {
		t.Errorf("reports = %+v", ev.Reports)
	}
	if len(ev.Disputes) != 1 || len(ev.Disputes[0].Claims) != 2 || deref(ev.Disputes[0].Claims[1].ClaimedBy) != "officials" {
		t.Errorf("disputes = %+v", ev.Disputes)
	}
	if ev.Location == nil || ev.Location.GeonameID != 9000001 {
		t.Errorf("location = %+v", ev.Location)
	}
	if _, err := s.Event(context.Background(), "no-such-event"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("missing event: err = %v, want ErrNotFound", err)
	}
}

func testNearDuplicateOf(t *testing.T, s store.Store) {
	ctx := context.Background()
	const fp uint64 = 0x0f0f_1234_5678_9abc
	orig := NewDocument("wire", "Shells hit the market of Kfar Tala on Friday, medics said.")
	orig.Fingerprint, orig.Anchors = fp, []uint64{0xaaaa, 0xbbbb}
	other := NewDocument("other", "A harvest festival opened in Bir Zahra.")
	other.Fingerprint, other.Anchors = ^fp, []uint64{0xcccc}
	save(t, s, []*doc.Document{orig, other}, nil)

	tests := []struct {
		name      string
		fp        uint64
		anchors   []uint64
		max       int
		wantID    string
		wantFound bool
	}{
		{"a copy sharing an anchor 9 bits away is found with a distance of 12", fp ^ 0x1ff, []uint64{0xbbbb, 0xdddd}, 12, "wire", true},
		{"a shared anchor is not enough beyond the distance", fp ^ 0xffff, []uint64{0xaaaa}, 12, "", false},
		{"without a shared anchor a close fingerprint is still found by its bands", fp ^ 0b101, []uint64{0xeeee}, 12, "wire", true},
		{"without a shared anchor a far fingerprint is not searched for", fp ^ 0x1ff, []uint64{0xeeee}, 12, "", false},
		{"a zero fingerprint never matches", 0, []uint64{0xaaaa}, 64, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := NewDocument("probe", "A probe.")
			d.Fingerprint, d.Anchors = tt.fp, tt.anchors
			id, _, found, err := s.NearDuplicateOf(ctx, d, tt.max)
			if err != nil {
				t.Fatal(err)
			}
			if id != tt.wantID || found != tt.wantFound {
				t.Errorf("NearDuplicateOf = %q, %v; want %q, %v", id, found, tt.wantID, tt.wantFound)
			}
		})
	}
}

func testUnmerged(t *testing.T, s store.Store) {
	richFixture(t, s)
	merged, err := s.Event(context.Background(), "r-depot")
	if err != nil {
		t.Fatal(err)
	}
	merged.Sources = &record.Sources{Outlets: 2, Independent: 2, Claimants: []record.Claimant{}}
	if err := s.ReplaceEvents(context.Background(), nil, []record.Event{merged}); err != nil {
		t.Fatal(err)
	}
	got := eventIDs(events(t, s, store.EventQuery{Unmerged: true}))
	if want := []string{"r-assault", "r-ambush", "r-far", "r-drones"}; !slices.Equal(got, want) {
		t.Errorf("Events(Unmerged) = %v, want %v", got, want)
	}
	if got := eventIDs(events(t, s, store.EventQuery{Unmerged: true, From: Day("2024-05-04")})); !slices.Equal(got, []string{"r-ambush", "r-far"}) {
		t.Errorf("Events(Unmerged from 4 May) = %v, want r-ambush, r-far", got)
	}
}

// queryCase is an event query and the ids of the events it lists, in
// order.
type queryCase struct {
	name string
	q    store.EventQuery
	want []string
}

// checkQueries runs each query on s as a subtest.
func checkQueries(t *testing.T, s store.Store, tests []queryCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := eventIDs(events(t, s, tt.q))
			if !slices.Equal(got, tt.want) && !(len(got) == 0 && len(tt.want) == 0) {
				t.Errorf("Events(%+v) = %v, want %v", tt.q, got, tt.want)
			}
		})
	}
}
