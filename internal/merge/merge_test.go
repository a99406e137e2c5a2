package merge

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"syscall"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep/internal/record"
)

func ptr[T any](v T) *T { return &v }

type unitSpec struct {
	doc, sub, date, dateEnd string
	lat, lon                float64
	prec, country           string
	min, max                *int
	actor, modality, by     string
}

func mk(s unitSpec) record.Event {
	ev := record.Event{Record: "event", ID: s.doc + "#" + s.sub, SubEventType: s.sub, EventType: "t", Modality: "reported"}
	if s.date != "" {
		ev.Date = ptr(s.date)
		ev.DateEnd = ptr(s.date)
		if s.dateEnd != "" {
			ev.DateEnd = ptr(s.dateEnd)
		}
	}
	if s.prec != "" {
		ev.Location = &record.Location{Name: "p", Lat: s.lat, Lon: s.lon, Precision: s.prec, Country: s.country}
	}
	if s.actor != "" {
		ev.Actor1 = &record.Actor{Name: s.actor}
	}
	mod := s.modality
	if mod == "" {
		mod = "reported"
	}
	r := record.Report{Doc: s.doc, Text: "…", Start: 0, End: 10, Modality: mod}
	if s.by != "" {
		r.ClaimedBy = ptr(s.by)
	}
	if s.min != nil || s.max != nil {
		r.Fatalities = &record.Figure{Min: s.min, Max: s.max}
		ev.Fatalities = r.Fatalities
	}
	ev.Reports = []record.Report{r}
	return ev
}

const khanLat, khanLon = 35.438, 36.651

func TestMergeDecidesWhichReportsAreOneEvent(t *testing.T) {
	tests := []struct {
		name   string
		units  []unitSpec
		events int
	}{
		{"the same attack in two towns' spellings a few km apart is one event", []unitSpec{
			{doc: "a", sub: "Chemical weapon", date: "2017-04-04", lat: khanLat, lon: khanLon, prec: "town", country: "SY"},
			{doc: "b", sub: "Chemical weapon", date: "2017-04-04", lat: khanLat + 0.02, lon: khanLon, prec: "town", country: "SY"},
		}, 1},
		{"a month-precise report joins the day-precise event it overlaps", []unitSpec{
			{doc: "a", sub: "Chemical weapon", date: "2017-04-04", lat: khanLat, lon: khanLon, prec: "town", country: "SY"},
			{doc: "b", sub: "Chemical weapon", date: "2017-04-01", dateEnd: "2017-04-30", lat: khanLat, lon: khanLon, prec: "town", country: "SY"},
		}, 1},
		{"air strike and shelling reports of one attack merge", []unitSpec{
			{doc: "a", sub: "Air/drone strike", date: "2024-06-14", lat: 13.63, lon: 25.35, prec: "town", country: "SD"},
			{doc: "b", sub: "Shelling/artillery/missile attack", date: "2024-06-14", lat: 13.63, lon: 25.35, prec: "town", country: "SD"},
		}, 1},
		{"attacks a week apart in one town stay apart", []unitSpec{
			{doc: "a", sub: "Air/drone strike", date: "2024-06-14", lat: 13.63, lon: 25.35, prec: "town", country: "SD"},
			{doc: "b", sub: "Air/drone strike", date: "2024-06-21", lat: 13.63, lon: 25.35, prec: "town", country: "SD"},
		}, 2},
		{"the same day in towns 100 km apart stays apart", []unitSpec{
			{doc: "a", sub: "Armed clash", date: "2024-06-14", lat: 35.0, lon: 36.0, prec: "town", country: "SY"},
			{doc: "b", sub: "Armed clash", date: "2024-06-14", lat: 35.9, lon: 36.0, prec: "town", country: "SY"},
		}, 2},
		{"different kinds of event in one place and day stay apart", []unitSpec{
			{doc: "a", sub: "Chemical weapon", date: "2017-04-04", lat: khanLat, lon: khanLon, prec: "town", country: "SY"},
			{doc: "b", sub: "Arrests", date: "2017-04-04", lat: khanLat, lon: khanLon, prec: "town", country: "SY"},
		}, 2},
		{"an unlocated report is never merged", []unitSpec{
			{doc: "a", sub: "Armed clash", date: "2024-06-14", lat: 35.0, lon: 36.0, prec: "town", country: "SY"},
			{doc: "b", sub: "Armed clash", date: "2024-06-14"},
		}, 2},
		{"a vague report bridging two distinct attacks joins only one of them", []unitSpec{
			{doc: "a", sub: "Air/drone strike", date: "2024-06-03", lat: 13.63, lon: 25.35, prec: "town", country: "SD"},
			{doc: "b", sub: "Air/drone strike", date: "2024-06-03", lat: 13.63, lon: 25.36, prec: "town", country: "SD"},
			{doc: "c", sub: "Air/drone strike", date: "2024-06-20", lat: 13.63, lon: 25.35, prec: "town", country: "SD"},
			{doc: "d", sub: "Air/drone strike", date: "2024-06-01", dateEnd: "2024-06-30", lat: 13.6, lon: 25.3, prec: "admin1", country: "SD"},
		}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var units []record.Event
			for _, s := range tt.units {
				units = append(units, mk(s))
			}
			got := Merge(units, Options{})
			if len(got) != tt.events {
				t.Errorf("got %d events, want %d", len(got), tt.events)
			}
		})
	}
}

func TestFatalityDisputesOnlyWhenFiguresCannotAllBeTrue(t *testing.T) {
	tests := []struct {
		name     string
		figures  [][2]*int
		disputed bool
	}{
		{"at least 89 and exactly 90 agree", [][2]*int{{ptr(89), nil}, {ptr(90), ptr(90)}}, false},
		{"more than 80 and at least 89 agree", [][2]*int{{ptr(81), nil}, {ptr(89), nil}}, false},
		{"90 and over a hundred disagree", [][2]*int{{ptr(90), ptr(90)}, {ptr(101), nil}}, true},
		{"31 and 38 disagree", [][2]*int{{ptr(31), ptr(31)}, {ptr(38), ptr(38)}}, true},
		{"up to 40 and at least 38 agree", [][2]*int{{nil, ptr(40)}, {ptr(38), nil}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var units []record.Event
			for i, f := range tt.figures {
				units = append(units, mk(unitSpec{doc: fmt.Sprint("d", i), sub: "Chemical weapon", date: "2017-04-04",
					lat: khanLat, lon: khanLon, prec: "town", country: "SY", min: f[0], max: f[1]}))
			}
			got := Merge(units, Options{})
			if len(got) != 1 {
				t.Fatalf("got %d events, want 1", len(got))
			}
			disputed := false
			for _, d := range got[0].Disputes {
				disputed = disputed || d.Field == "fatalities"
			}
			if disputed != tt.disputed {
				t.Errorf("fatalities disputed = %v, want %v (disputes %+v)", disputed, tt.disputed, got[0].Disputes)
			}
		})
	}
}

func TestMergedEventSpansFiguresAndTakesTheMostPreciseDateAndPlace(t *testing.T) {
	units := []record.Event{
		mk(unitSpec{doc: "a", sub: "Chemical weapon", date: "2017-04-01", dateEnd: "2017-04-30", lat: 35.2, lon: 36.7, prec: "admin1", country: "SY", min: ptr(81)}),
		mk(unitSpec{doc: "b", sub: "Chemical weapon", date: "2017-04-04", lat: khanLat, lon: khanLon, prec: "town", country: "SY", min: ptr(90), max: ptr(90)}),
	}
	got := Merge(units, Options{})
	if len(got) != 1 {
		t.Fatalf("got %d events, want 1", len(got))
	}
	e := got[0]
	if *e.Date != "2017-04-04" || e.Location.Precision != "town" {
		t.Errorf("date %s precision %s, want 2017-04-04 and town", *e.Date, e.Location.Precision)
	}
	if e.Fatalities == nil || *e.Fatalities.Min != 81 || e.Fatalities.Max != nil {
		t.Errorf("fatalities %+v, want min 81, open max", e.Fatalities)
	}
	if len(e.Reports) != 2 {
		t.Errorf("got %d reports, want 2", len(e.Reports))
	}
}

func TestPerpetratorDisputeWhenTheAccusedDenies(t *testing.T) {
	units := []record.Event{
		mk(unitSpec{doc: "a", sub: "Shelling/artillery/missile attack", date: "2024-06-14", lat: 13.63, lon: 25.35, prec: "town", country: "SD", actor: "Rapid Support Forces", by: "medics"}),
		mk(unitSpec{doc: "b", sub: "Shelling/artillery/missile attack", date: "2024-06-14", lat: 13.63, lon: 25.35, prec: "town", country: "SD", actor: "Rapid Support Forces", modality: "denied", by: "RSF"}),
	}
	got := Merge(units, Options{})
	if len(got) != 1 || len(got[0].Disputes) != 1 || got[0].Disputes[0].Field != "perpetrator" {
		t.Errorf("got %+v, want one event with a perpetrator dispute", got)
	}
}

// TestMergeIsIndependentOfInputOrder is the property that makes incremental
// ingest sound: the same reports in any order give the same events.
func TestMergeIsIndependentOfInputOrder(t *testing.T) {
	units := generate(2000, 3)
	want := encode(t, Merge(units, Options{}))
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 5; i++ {
		shuffled := append([]record.Event(nil), units...)
		r.Shuffle(len(shuffled), func(a, b int) { shuffled[a], shuffled[b] = shuffled[b], shuffled[a] })
		if got := encode(t, Merge(shuffled, Options{})); got != want {
			t.Fatalf("shuffle %d gave different events", i)
		}
	}
}

func encode(t *testing.T, evs []record.Event) string {
	t.Helper()
	b, err := json.Marshal(evs)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// generate makes n single-document units: about n/reportsPer real events,
// each reported by up to reportsPer outlets with jittered places, some
// with month-precise dates and some with differing tolls.
func generate(n, reportsPer int) []record.Event {
	r := rand.New(rand.NewPCG(uint64(n), 99))
	subs := []string{"Air/drone strike", "Armed clash", "Shelling/artillery/missile attack", "Attack", "Peaceful protest"}
	base := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	var out []record.Event
	for len(out) < n {
		day := base.AddDate(0, 0, r.IntN(1500))
		lat, lon := -30+r.Float64()*80, -20+r.Float64()*120
		sub := subs[r.IntN(len(subs))]
		k := 1 + r.IntN(reportsPer)
		for j := 0; j < k && len(out) < n; j++ {
			s := unitSpec{doc: fmt.Sprintf("doc%07d", len(out)), sub: sub, date: day.Format("2006-01-02"),
				lat: lat + r.NormFloat64()*0.02, lon: lon + r.NormFloat64()*0.02, prec: "town", country: "XX",
				min: ptr(5 + r.IntN(3))}
			if r.IntN(10) == 0 {
				m := time.Date(day.Year(), day.Month(), 1, 0, 0, 0, 0, time.UTC)
				s.date, s.dateEnd = m.Format("2006-01-02"), m.AddDate(0, 1, -1).Format("2006-01-02")
				s.prec = "admin1"
			}
			out = append(out, mk(s))
		}
	}
	return out
}

func BenchmarkMerge(b *testing.B) {
	for _, n := range benchSizes {
		units := generate(n, 4)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			cpu0 := cpuSeconds()
			for i := 0; i < b.N; i++ {
				evs := Merge(units, Options{})
				b.ReportMetric(float64(len(evs)), "events")
			}
			b.ReportMetric(float64(n)/(b.Elapsed().Seconds()/float64(b.N)), "units/s")
			// CPU time, not wall time, is what "on one core" means on a
			// machine shared with other work.
			b.ReportMetric((cpuSeconds()-cpu0)/float64(b.N), "cpu-s/op")
		})
	}
}

// benchSizes are the unit counts BenchmarkMerge runs; -merge.sizes picks
// others (e.g. 1000000 alone, as docs/MERGING.md reports).
var benchSizes = []int{10_000, 100_000, 1_000_000}

// cpuSeconds is the CPU time (user and system) this process has used.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
}
