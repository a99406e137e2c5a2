package export

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"

	"github.com/sitrep-dev/sitrep/internal/record"
)

// GeoJSON writes a FeatureCollection, one Point feature per event, with
// flat properties (what QGIS and most GIS tools read as columns). An event
// without a location has a null geometry, as RFC 7946 allows.
type GeoJSON struct {
	bw    *bufio.Writer
	n     int
	extra map[string]any
}

// NewGeoJSON returns a GeoJSON writer.
func NewGeoJSON(w io.Writer) *GeoJSON {
	return &GeoJSON{bw: bufio.NewWriterSize(w, 64<<10)}
}

// Feature is one event as a GeoJSON feature.
type Feature struct {
	Type       string     `json:"type"`
	ID         string     `json:"id"`
	Geometry   *Point     `json:"geometry"`
	Properties Properties `json:"properties"`
}

// Point is a GeoJSON point, [lon, lat].
type Point struct {
	Type        string     `json:"type"`
	Coordinates [2]float64 `json:"coordinates"`
}

// Properties are an event's flat properties in a Feature.
type Properties struct {
	EventType     string   `json:"event_type"`
	SubEventType  string   `json:"sub_event_type"`
	Date          *string  `json:"date"`
	DateEnd       *string  `json:"date_end"`
	Location      *string  `json:"location"`
	Country       *string  `json:"country"`
	Admin1        *string  `json:"admin1"`
	GeonameID     *int64   `json:"geonameid"`
	Precision     *string  `json:"geo_precision"`
	Actor1        *string  `json:"actor1"`
	Actor2        *string  `json:"actor2"`
	FatalitiesMin *int     `json:"fatalities_min"`
	FatalitiesMax *int     `json:"fatalities_max"`
	Modality      string   `json:"modality"`
	Reports       int      `json:"report_count"`
	Disputes      []string `json:"disputes"`
	Notes         string   `json:"notes"`
}

func opt[T comparable](v T) *T {
	var zero T
	if v == zero {
		return nil
	}
	return &v
}

// FeatureOf converts an event to a feature.
func FeatureOf(ev record.Event) Feature {
	f := Feature{Type: "Feature", ID: ev.ID, Properties: Properties{
		EventType: ev.EventType, SubEventType: ev.SubEventType,
		Date: ev.Date, DateEnd: ev.DateEnd, Modality: ev.Modality,
		Reports: len(ev.Reports), Disputes: []string{},
	}}
	if l := ev.Location; l != nil {
		f.Geometry = &Point{Type: "Point", Coordinates: [2]float64{l.Lon, l.Lat}}
		p := &f.Properties
		p.Location, p.Country, p.Admin1, p.GeonameID, p.Precision = opt(l.Name), opt(l.Country), opt(l.Admin1), opt(l.GeonameID), opt(l.Precision)
	}
	if ev.Actor1 != nil {
		f.Properties.Actor1 = opt(ev.Actor1.Name)
	}
	if ev.Actor2 != nil {
		f.Properties.Actor2 = opt(ev.Actor2.Name)
	}
	if ev.Fatalities != nil {
		f.Properties.FatalitiesMin, f.Properties.FatalitiesMax = ev.Fatalities.Min, ev.Fatalities.Max
	}
	for _, d := range ev.Disputes {
		f.Properties.Disputes = append(f.Properties.Disputes, d.Field)
	}
	if len(ev.Reports) > 0 {
		f.Properties.Notes = ev.Reports[0].Text
	}
	return f
}

// SetForeignMembers adds top-level members to the collection (such as
// "next", a pagination cursor), written before the features. Call it
// before the first Write.
func (g *GeoJSON) SetForeignMembers(m map[string]any) { g.extra = m }

func (g *GeoJSON) open() error {
	if g.n > 0 {
		return nil
	}
	g.n = 1
	g.bw.WriteString(`{"type":"FeatureCollection",`)
	for _, k := range slices.Sorted(maps.Keys(g.extra)) {
		v := g.extra[k]
		kb, _ := json.Marshal(k)
		vb, err := json.Marshal(v)
		if err != nil {
			return fmt.Errorf("encode member %q: %w", k, err)
		}
		g.bw.Write(kb)
		g.bw.WriteByte(':')
		g.bw.Write(vb)
		g.bw.WriteByte(',')
	}
	_, err := g.bw.WriteString(`"features":[`)
	return err
}

// Write writes one feature.
func (g *GeoJSON) Write(ev record.Event) error {
	if err := g.open(); err != nil {
		return fmt.Errorf("write geojson: %w", err)
	}
	b, err := json.Marshal(FeatureOf(ev))
	if err != nil {
		return fmt.Errorf("write event %q: %w", ev.ID, err)
	}
	if g.n > 1 {
		g.bw.WriteByte(',')
	}
	g.bw.WriteByte('\n')
	g.n++
	if _, err := g.bw.Write(b); err != nil {
		return fmt.Errorf("write event %q: %w", ev.ID, err)
	}
	return nil
}

// Close ends the collection and flushes.
func (g *GeoJSON) Close() error {
	if err := g.open(); err != nil {
		return fmt.Errorf("write geojson: %w", err)
	}
	g.bw.WriteString("\n]}\n")
	if err := g.bw.Flush(); err != nil {
		return fmt.Errorf("flush geojson: %w", err)
	}
	return nil
}
