package event

import (
	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/record"
)

// Records converts d's events to output records. Offsets become Unicode
// code points (record's unit); every sentence of an event is one report.
func Records(d *doc.Document) []record.Event {
	out := make([]record.Event, 0, len(d.Events))
	for _, e := range d.Events {
		r := record.Event{
			Record:        "event",
			ID:            e.ID,
			EventType:     e.EventType,
			SubEventType:  e.SubEventType,
			CAMEO:         e.CAMEO,
			PLOVER:        e.PLOVER,
			Date:          dateStr(e.Date),
			DateEnd:       dateStr(e.DateEnd),
			DatePrecision: e.DatePrecision,
			Actor1:        actorRecord(d, e.Actor1),
			Actor2:        actorRecord(d, e.Actor2),
			Targets:       texts(d, e.Targets),
			Weapons:       texts(d, e.Weapons),
			Fatalities:    figure(d, e.Fatalities),
			Wounded:       figure(d, e.Wounded),
			Displaced:     figure(d, e.Displaced),
			Modality:      e.Modality,
			Disputes:      []record.Dispute{},
		}
		if e.Location >= 0 && e.Location < len(d.Places) {
			p := d.Places[e.Location]
			r.Location = &record.Location{
				Name: p.Name, Lat: p.Lat, Lon: p.Lon, Country: p.Country, Admin1: p.Admin1,
				GeonameID: p.GeonameID, Precision: p.Precision, Relation: p.Relation, Doc: d.ID,
				Start: d.RunePos(p.Start), End: d.RunePos(p.End),
			}
		}
		var claimed *string
		if e.ClaimedBy != "" {
			c := e.ClaimedBy
			claimed = &c
		}
		var loc *string
		if r.Location != nil {
			n := r.Location.Name
			loc = &n
		}
		var perp *string
		if r.Actor1 != nil {
			n := r.Actor1.Name
			perp = &n
		}
		for i, sp := range append([]doc.Span{e.Sentence}, e.Mentions...) {
			rep := record.Report{
				Doc: d.ID, Text: d.Slice(sp), Start: d.RunePos(sp.Start), End: d.RunePos(sp.End),
				ClaimedBy: claimed, Modality: e.Modality,
			}
			if i == 0 {
				rep.Fatalities = r.Fatalities
				rep.Date, rep.DateEnd, rep.DateSource = r.Date, r.DateEnd, e.DateSource
				rep.Location, rep.Perpetrator = loc, perp
			}
			r.Reports = append(r.Reports, rep)
		}
		out = append(out, r)
	}
	return out
}

func dateStr(t interface {
	IsZero() bool
	Format(string) string
}) *string {
	if t.IsZero() {
		return nil
	}
	s := t.Format("2006-01-02")
	return &s
}

func actorRecord(d *doc.Document, a *doc.ActorMention) *record.Actor {
	if a == nil {
		return nil
	}
	return &record.Actor{Name: a.Name, Type: a.Type, Country: a.Country, Doc: d.ID, Start: d.RunePos(a.Start), End: d.RunePos(a.End)}
}

func figure(d *doc.Document, q *doc.Quantity) *record.Figure {
	if q == nil {
		return nil
	}
	return &record.Figure{Min: q.Min, Max: q.Max, Text: d.Slice(q.Span)}
}

func texts(d *doc.Document, ss []doc.Span) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range ss {
		t := d.Slice(s)
		if t != "" && !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}
