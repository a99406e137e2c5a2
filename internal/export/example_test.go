package export_test

import (
	"os"

	"github.com/sitrep-dev/sitrep/internal/export"
	"github.com/sitrep-dev/sitrep/internal/record"
)

func ExampleNew() {
	date := "2024-05-02"
	w, _ := export.New(export.FormatGeoJSON, os.Stdout, export.Options{})
	w.Write(record.Event{
		ID: "ev-1", EventType: "Battles", SubEventType: "Armed clash", Date: &date, DateEnd: &date,
		Location: &record.Location{Name: "Kfar Tala", Lat: 35.21, Lon: 36.12, Precision: "town"},
		Modality: "reported",
	})
	w.Close()
	// Output:
	// {"type":"FeatureCollection","features":[
	// {"type":"Feature","id":"ev-1","geometry":{"type":"Point","coordinates":[36.12,35.21]},"properties":{"event_type":"Battles","sub_event_type":"Armed clash","date":"2024-05-02","date_end":"2024-05-02","location":"Kfar Tala","country":null,"admin1":null,"geonameid":null,"geo_precision":"town","actor1":null,"actor2":null,"fatalities_min":null,"fatalities_max":null,"modality":"reported","report_count":0,"disputes":[],"notes":""}}
	// ]}
}
