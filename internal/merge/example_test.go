package merge_test

import (
	"fmt"

	"github.com/sitrep-dev/sitrep/internal/merge"
	"github.com/sitrep-dev/sitrep/internal/record"
)

func ExampleMerge() {
	day := "2024-06-14"
	figure := func(min, max int) *record.Figure {
		f := &record.Figure{Min: &min}
		if max >= 0 {
			f.Max = &max
		}
		return f
	}
	report := func(doc, by string, f *record.Figure) record.Event {
		by2 := by
		return record.Event{
			ID: doc + "-1", EventType: "Explosions/Remote violence", SubEventType: "Shelling/artillery/missile attack",
			Date: &day, DateEnd: &day,
			Location:   &record.Location{Name: "El Fasher", Lat: 13.63, Lon: 25.35, Country: "SD", Precision: "town"},
			Fatalities: f, Modality: "reported",
			Reports: []record.Report{{Doc: doc, Text: "…", ClaimedBy: &by2, Modality: "reported", Fatalities: f}},
		}
	}
	events := merge.Merge([]record.Event{
		report("wire", "medics", figure(31, -1)),     // "at least 31"
		report("monitor", "lawyers", figure(38, 38)), // "38": consistent with "at least 31"
		report("army", "the army", figure(41, -1)),   // "more than 40": not with "38"
	}, merge.Options{})
	for _, e := range events {
		fmt.Println(e.SubEventType, "reports:", len(e.Reports))
		for _, d := range e.Disputes {
			fmt.Println("disputed:", d.Field, "claims:", len(d.Claims))
		}
	}
	// Output:
	// Shelling/artillery/missile attack reports: 3
	// disputed: fatalities claims: 3
}
