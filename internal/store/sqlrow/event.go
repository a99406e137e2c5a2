package sqlrow

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/sitrep-dev/sitrep/internal/record"
	"github.com/sitrep-dev/sitrep/internal/store"
)

// EventValues are the values of an event's columns that both backends
// compute alike; each converts them to its column types.
type EventValues struct {
	// Date and DateEnd are the record's dates as calendar days. The
	// record's strings were checked to be YYYY-MM-DD: SQLite compares
	// them as strings, which orders only that one fixed format.
	Date, DateEnd         *time.Time
	LocationName, Country *string
	Lat, Lon              *float64
	GeonameID             *int64 // NULL for 0, "not in GeoNames"
	FatalitiesMin         *int
	FatalitiesMax         *int
	// Record is the event as JSON, the record Events returns.
	Record []byte
}

// EventOf returns the column values of ev, after setting an empty
// ev.Record to "event".
func EventOf(ev *record.Event) (EventValues, error) {
	var v EventValues
	var errDate, errEnd error
	v.Date, errDate = day("date", ev.Date)
	v.DateEnd, errEnd = day("date_end", ev.DateEnd)
	if err := errors.Join(errDate, errEnd); err != nil {
		return v, err
	}
	if ev.Record == "" {
		ev.Record = "event"
	}
	j, err := json.Marshal(ev)
	if err != nil {
		return v, fmt.Errorf("encode: %w", err)
	}
	v.Record = j
	if l := ev.Location; l != nil {
		v.LocationName, v.Country = StrOrNil(l.Name), StrOrNil(l.Country)
		v.Lat, v.Lon = &l.Lat, &l.Lon
		if l.GeonameID != 0 {
			v.GeonameID = &l.GeonameID
		}
	}
	v.FatalitiesMin, v.FatalitiesMax = Bounds(ev.Fatalities)
	return v, nil
}

// day parses an event date, a calendar day YYYY-MM-DD.
func day(field string, s *string) (*time.Time, error) {
	if s == nil {
		return nil, nil
	}
	t, err := time.Parse(time.DateOnly, *s)
	if err != nil {
		return nil, fmt.Errorf("%s %q is not YYYY-MM-DD", field, *s)
	}
	return &t, nil
}

// Bounds are a figure's fatalities_min and fatalities_max columns.
func Bounds(f *record.Figure) (lo, hi *int) {
	if f == nil {
		return nil, nil
	}
	return f.Min, f.Max
}

// Decoded adapts a callback of Store.Events to one of EventsRaw, so both
// walk events with the same query.
func Decoded(fn func(record.Event) error) func(store.Cursor, []byte) error {
	return func(_ store.Cursor, raw []byte) error {
		var ev record.Event
		if err := json.Unmarshal(raw, &ev); err != nil {
			return fmt.Errorf("list events: decode: %w", err)
		}
		return fn(ev)
	}
}

// PlaceID returns the GeoNames id an EventQuery.Place of digits names;
// ok is false for a place name.
func PlaceID(place string) (id int64, ok bool) {
	id, err := strconv.ParseInt(place, 10, 64)
	return id, err == nil && id > 0
}

// LikePatterns returns the patterns an EventQuery.Text filter requires a
// report sentence to match, one per word, for LIKE (or ILIKE) with
// ESCAPE '\': "%word%". A word is a run of letters and digits, so it holds
// no % _ or \ to escape; everything else separates words. Text with no
// word returns none, and the filter then matches nothing.
func LikePatterns(text string) []string {
	words := strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	for i, w := range words {
		words[i] = "%" + w + "%"
	}
	return words
}

// EventColumns are the columns of the events table an upsert of an event
// writes, besides when it was written, in the order the backends pass
// EventValues.
const EventColumns = `id, event_type, sub_event_type, date, date_end, date_precision,
	location_name, lat, lon, country, geonameid,
	fatalities_min, fatalities_max, modality, record`

// EventUpdates is what an upsert of an event (ON CONFLICT (id) DO UPDATE
// SET …) changes on the stored row: every column of EventColumns but the
// id. Both backends write the same list, so a new column cannot be missed
// by one of them.
const EventUpdates = `event_type = excluded.event_type, sub_event_type = excluded.sub_event_type,
	date = excluded.date, date_end = excluded.date_end, date_precision = excluded.date_precision,
	location_name = excluded.location_name, lat = excluded.lat, lon = excluded.lon,
	country = excluded.country, geonameid = excluded.geonameid,
	fatalities_min = excluded.fatalities_min, fatalities_max = excluded.fatalities_max,
	modality = excluded.modality, record = excluded.record`
