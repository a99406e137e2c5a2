package export

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"
)

// TestParquetHoldsTheCSVValues reads the Parquet export back and checks
// it against the CSV export of the same events, column by column: the
// same values, typed, nulls where the CSV is empty.
func TestParquetHoldsTheCSVValues(t *testing.T) {
	evs := readEvents(t)
	sources := map[string]string{"wire-a": "Invented Wire"}
	opts := Options{Source: func(id string) string { return sources[id] }}
	data := export(t, FormatParquet, evs, opts)
	rows, err := parquet.Read[parquetRow](bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("read parquet: %v", err)
	}
	recs, err := csv.NewReader(bytes.NewReader(export(t, FormatACLEDCSV, evs, opts))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(evs) || len(recs) != len(evs)+1 {
		t.Fatalf("%d parquet rows, %d csv rows, want %d events", len(rows), len(recs)-1, len(evs))
	}
	col := map[string]int{}
	for i, c := range recs[0] {
		col[c] = i
	}
	for i, r := range rows {
		cell := func(name string) string { return recs[i+1][col[name]] }
		s := func(p *string) string {
			if p == nil {
				return ""
			}
			return *p
		}
		n := func(p *int32) string {
			if p == nil {
				return ""
			}
			return strconv.Itoa(int(*p))
		}
		d := func(p *int32) string {
			if p == nil {
				return ""
			}
			return time.Unix(int64(*p)*86400, 0).UTC().Format(time.DateOnly)
		}
		for _, c := range []struct{ name, got string }{
			{"event_id_cnty", r.EventIDCnty}, {"event_date", d(r.EventDate)}, {"year", n(r.Year)},
			{"event_type", s(r.EventType)}, {"sub_event_type", s(r.SubEventType)}, {"actor1", s(r.Actor1)},
			{"location", s(r.Location)}, {"source", s(r.Source)}, {"notes", s(r.Notes)},
			{"fatalities", n(r.Fatalities)}, {"fatalities_max", n(r.FatalitiesMax)}, {"report_count", n(r.ReportCount)},
			{"disputes", s(r.Disputes)}, {"modality", s(r.Modality)}, {"geo_precision", n(r.GeoPrecision)},
		} {
			if c.got != cell(c.name) {
				t.Errorf("row %d %s = %q in parquet, %q in csv", i, c.name, c.got, cell(c.name))
			}
		}
		if lat := cell("latitude"); lat == "" {
			if r.Latitude != nil {
				t.Errorf("row %d latitude = %v, want null for an unlocated event", i, *r.Latitude)
			}
		} else if r.Latitude == nil || strconv.FormatFloat(*r.Latitude, 'f', 4, 64) != lat {
			t.Errorf("row %d latitude = %v, want %s at full precision", i, r.Latitude, lat)
		}
	}
}

func TestEmptyParquetIsReadable(t *testing.T) {
	data := export(t, FormatParquet, nil, Options{})
	rows, err := parquet.Read[parquetRow](bytes.NewReader(data), int64(len(data)))
	if err != nil || len(rows) != 0 {
		t.Errorf("empty parquet: %d rows, %v", len(rows), err)
	}
}

func BenchmarkParquet(b *testing.B) {
	evs := readEvents(b)
	b.SetBytes(int64(len(export(b, FormatParquet, evs, Options{}))))
	for b.Loop() {
		export(b, FormatParquet, evs, Options{})
	}
}
