// Package spanrows turns a document's annotations into backend-neutral rows
// (layer, index, span, label, JSON data) and back. Every store backend
// keeps them in a spans table of that shape, so a document written by one
// backend reads back alike from another, and the encoding lives here once.
package spanrows

import (
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/sitrep-dev/sitrep/internal/doc"
)

// Span layers, the values of spans.layer.
const (
	LayerParagraph = "paragraph"
	LayerSentence  = "sentence"
	LayerPlace     = "place"
	LayerTimex     = "timex"
	LayerQuantity  = "quantity"
	LayerActor     = "actor"
	// LayerAnchor rows index a document's anchors (dedup.Anchors) for
	// near-duplicate look-ups: label is the anchor as 16 hex digits.
	LayerAnchor = "anchor"
)

// The JSON shapes of spans.data. They are spelled out here, not taken from
// the doc types by reflection, so renaming a Go field cannot silently make
// stored rows unreadable.

type placeData struct {
	Kind      string    `json:"kind,omitempty"`
	Name      string    `json:"name,omitempty"`
	GeonameID int64     `json:"geonameid,omitempty"`
	Lat       float64   `json:"lat,omitempty"`
	Lon       float64   `json:"lon,omitempty"`
	Country   string    `json:"country,omitempty"`
	Admin1    string    `json:"admin1,omitempty"`
	Feature   string    `json:"feature,omitempty"`
	Precision string    `json:"precision,omitempty"`
	Resolved  bool      `json:"resolved,omitempty"`
	Score     float64   `json:"score,omitempty"`
	Relation  string    `json:"relation,omitempty"`
	Anchor    *doc.Span `json:"anchor,omitempty"`
}

type timexData struct {
	Type      string `json:"type,omitempty"`
	Value     string `json:"value,omitempty"`
	Start     string `json:"start,omitempty"`
	End       string `json:"end,omitempty"`
	Precision string `json:"precision,omitempty"`
	Open      string `json:"open,omitempty"`
	Anchor    int    `json:"anchor"`
}

type quantityData struct {
	Min      *int   `json:"min,omitempty"`
	Max      *int   `json:"max,omitempty"`
	Category string `json:"category,omitempty"`
	Who      string `json:"who,omitempty"`
	Tally    bool   `json:"tally,omitempty"`
	Part     bool   `json:"part,omitempty"`
}

type actorData struct {
	Name    string `json:"name,omitempty"`
	Type    string `json:"type,omitempty"`
	Country string `json:"country,omitempty"`
	Key     string `json:"key,omitempty"`
}

// Row is one row of the spans table.
type Row struct {
	Layer      string
	Idx        int
	Start, End int
	Label      *string
	Data       []byte // nil for bare spans
}

func strOrNil(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// dayOrEmpty formats an interval bound as a calendar day; a zero time is
// "no extent".
func dayOrEmpty(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// FromDocument flattens a document's annotations into rows.
func FromDocument(d *doc.Document) ([]Row, error) {
	n := len(d.Paragraphs) + len(d.Sentences) + len(d.Places) + len(d.Timexes) + len(d.Quantities) + len(d.Actors)
	rows := make([]Row, 0, n)
	for i, s := range d.Paragraphs {
		rows = append(rows, Row{Layer: LayerParagraph, Idx: i, Start: s.Start, End: s.End})
	}
	for i, s := range d.Sentences {
		rows = append(rows, Row{Layer: LayerSentence, Idx: i, Start: s.Start, End: s.End})
	}
	add := func(layer string, i int, s doc.Span, label string, v any) error {
		b, err := json.Marshal(v)
		if err != nil {
			return fmt.Errorf("encode %s %d: %w", layer, i, err)
		}
		rows = append(rows, Row{Layer: layer, Idx: i, Start: s.Start, End: s.End, Label: strOrNil(label), Data: b})
		return nil
	}
	for i, p := range d.Places {
		// The label is what a search would name: the gazetteer's name
		// when resolved, else the words of the text.
		label := p.Name
		if label == "" {
			label = d.Slice(p.Span)
		}
		err := add(LayerPlace, i, p.Span, label, placeData{
			Kind: p.Kind, Name: p.Name, GeonameID: p.GeonameID, Lat: p.Lat, Lon: p.Lon,
			Country: p.Country, Admin1: p.Admin1, Feature: p.Feature, Precision: p.Precision,
			Resolved: p.Resolved, Score: p.Score, Relation: p.Relation, Anchor: p.Anchor,
		})
		if err != nil {
			return nil, err
		}
	}
	for i, t := range d.Timexes {
		err := add(LayerTimex, i, t.Span, t.Value, timexData{
			Type: t.Type, Value: t.Value, Start: dayOrEmpty(t.Start), End: dayOrEmpty(t.End),
			Precision: t.Precision, Open: t.Open, Anchor: t.Anchor,
		})
		if err != nil {
			return nil, err
		}
	}
	for i, q := range d.Quantities {
		err := add(LayerQuantity, i, q.Span, q.Category, quantityData{
			Min: q.Min, Max: q.Max, Category: q.Category, Who: q.Who, Tally: q.Tally, Part: q.Part,
		})
		if err != nil {
			return nil, err
		}
	}
	for i, a := range d.Anchors {
		rows = append(rows, Row{Layer: LayerAnchor, Idx: i, Label: strOrNil(fmt.Sprintf("%016x", a))})
	}
	for i, a := range d.Actors {
		err := add(LayerActor, i, a.Span, a.Name, actorData{Name: a.Name, Type: a.Type, Country: a.Country, Key: a.Key})
		if err != nil {
			return nil, err
		}
	}
	return rows, nil
}

func parseDay(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	return time.Parse(time.DateOnly, s)
}

// applySpanRow adds one stored annotation back onto d. Rows arrive ordered
// by layer and index.
func Apply(d *doc.Document, r Row) error {
	sp := doc.Span{Start: r.Start, End: r.End}
	switch r.Layer {
	case LayerParagraph:
		d.Paragraphs = append(d.Paragraphs, sp)
	case LayerSentence:
		d.Sentences = append(d.Sentences, sp)
	case LayerAnchor:
		if r.Label != nil {
			if a, err := strconv.ParseUint(*r.Label, 16, 64); err == nil {
				d.Anchors = append(d.Anchors, a)
			}
		}
	case LayerPlace:
		var v placeData
		if err := json.Unmarshal(r.Data, &v); err != nil {
			return fmt.Errorf("decode place %d: %w", r.Idx, err)
		}
		d.Places = append(d.Places, doc.Place{
			Span: sp, Kind: v.Kind, Name: v.Name, GeonameID: v.GeonameID, Lat: v.Lat, Lon: v.Lon,
			Country: v.Country, Admin1: v.Admin1, Feature: v.Feature, Precision: v.Precision,
			Resolved: v.Resolved, Score: v.Score, Relation: v.Relation, Anchor: v.Anchor,
		})
	case LayerTimex:
		var v timexData
		if err := json.Unmarshal(r.Data, &v); err != nil {
			return fmt.Errorf("decode timex %d: %w", r.Idx, err)
		}
		start, err := parseDay(v.Start)
		if err != nil {
			return fmt.Errorf("decode timex %d: %w", r.Idx, err)
		}
		end, err := parseDay(v.End)
		if err != nil {
			return fmt.Errorf("decode timex %d: %w", r.Idx, err)
		}
		d.Timexes = append(d.Timexes, doc.Timex{
			Span: sp, Type: v.Type, Value: v.Value, Start: start, End: end,
			Precision: v.Precision, Open: v.Open, Anchor: v.Anchor,
		})
	case LayerQuantity:
		var v quantityData
		if err := json.Unmarshal(r.Data, &v); err != nil {
			return fmt.Errorf("decode quantity %d: %w", r.Idx, err)
		}
		d.Quantities = append(d.Quantities, doc.Quantity{
			Span: sp, Min: v.Min, Max: v.Max, Category: v.Category, Who: v.Who, Tally: v.Tally, Part: v.Part,
		})
	case LayerActor:
		var v actorData
		if err := json.Unmarshal(r.Data, &v); err != nil {
			return fmt.Errorf("decode actor %d: %w", r.Idx, err)
		}
		d.Actors = append(d.Actors, doc.ActorMention{Span: sp, Name: v.Name, Type: v.Type, Country: v.Country, Key: v.Key})
	default:
		// A layer written by a newer sitrep: skip it rather than fail the
		// whole document.
	}
	return nil
}
