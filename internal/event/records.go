package event

import (
	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/record"
)

// Records converts d's events to output records. Offsets become Unicode
// code points (record's unit); every sentence of an event is one report
// with its own claimant, modality, toll and, for territory, control.
func Records(d *doc.Document) []record.Event {
	out := make([]record.Event, 0, len(d.Events))
	var ix *docIndex // for datelines, built on first need
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
			Actor1:        actorRecord(d, e.Actor1, sceneOf(d, e)),
			Actor2:        actorRecord(d, e.Actor2, sceneOf(d, e)),
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
			roadLocation(d, p, e.Trigger, r.Location)
			if ix == nil {
				ix = placeIndex(d)
			}
			if ix.role(d, e.Location) == roleDateline {
				r.Location.Relation = RelationDateline
			}
		}
		var loc *string
		if r.Location != nil {
			n := r.Location.Name
			loc = &n
		}
		for i, rp := range reportsOf(e) {
			sp := rp.Sentence
			rep := record.Report{
				Doc: d.ID, Text: d.Slice(sp), Start: d.RunePos(sp.Start), End: d.RunePos(sp.End),
				ClaimedBy: optional(rp.ClaimedBy), Modality: rp.Modality,
				Fatalities: figure(d, rp.Fatalities), Control: optional(rp.Control),
			}
			if rep.Modality == "" {
				rep.Modality = e.Modality
			}
			if i == 0 {
				rep.Date, rep.DateEnd, rep.DateSource = r.Date, r.DateEnd, e.DateSource
				rep.Location = loc
			}
			// The first report names the event's perpetrator; a denial
			// names who denies. Other reports leave it to the event.
			switch {
			case i == 0 && r.Actor1 != nil:
				n := r.Actor1.Name
				rep.Perpetrator = &n
			case rp.Modality == doc.Denied && rp.Perpetrator != nil:
				n := rp.Perpetrator.Name
				rep.Perpetrator = &n
			}
			r.Reports = append(r.Reports, rep)
		}
		out = append(out, r)
	}
	return out
}

// reportsOf returns e's reports; events built without them (by hand, by
// older code) get one plain report per sentence.
func reportsOf(e doc.Event) []doc.Report {
	if len(e.Reports) > 0 {
		return e.Reports
	}
	out := []doc.Report{{Sentence: e.Sentence, Trigger: e.Trigger, ClaimedBy: e.ClaimedBy, ClaimedBySpan: e.ClaimedBySpan,
		Modality: e.Modality, Negated: e.Negated, Fatalities: e.Fatalities, Perpetrator: e.Actor1}}
	for _, sp := range e.Mentions {
		out = append(out, doc.Report{Sentence: sp, ClaimedBy: e.ClaimedBy, ClaimedBySpan: e.ClaimedBySpan, Modality: e.Modality})
	}
	return out
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
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

// actorRecord converts an actor of an event that happened in country
// (ISO code, or "" when unknown); the record says whether the event
// counts the actor with that country's government, and why (its
// backers).
func actorRecord(d *doc.Document, a *doc.ActorMention, country string) *record.Actor {
	if a == nil {
		return nil
	}
	return &record.Actor{Name: a.Name, Type: a.Type, Country: a.Country, Doc: d.ID, Start: d.RunePos(a.Start), End: d.RunePos(a.End),
		Backers: a.Backers, GovernmentAffiliate: affiliate(a, country)}
}

// sceneOf returns the country of e's place, else the document's main
// country, as the rules saw it (sceneCountry).
func sceneOf(d *doc.Document, e doc.Event) string {
	if e.Location >= 0 && e.Location < len(d.Places) && d.Places[e.Location].Country != "" {
		return d.Places[e.Location].Country
	}
	return topCountry(countryVotes(d, nil))
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

// RelationRoad in a location says the event happened somewhere on a road
// named after the place, one of its ends ("a checkpoint on the
// Damascus-Aleppo highway" with no better place in the text): the place
// is a weak fallback, at most as precise as a province.
const RelationRoad = "road"

// roadLocation marks l as a road's end (see routeEnd) when p is one and
// the trigger is not in a relative clause about it (see relativePlace).
func roadLocation(d *doc.Document, p doc.Place, trigger doc.Span, l *record.Location) {
	lower, _ := d.Lower()
	if !routeEnd(d.Text, lower, 0, p.Span, len(d.Text)) ||
		p.End <= trigger.Start && relativeClause(lower[p.End:trigger.Start]) {
		return
	}
	l.Relation = RelationRoad
	if precisionRank[l.Precision] < precisionRank[doc.PrecisionAdmin1] {
		l.Precision = doc.PrecisionAdmin1
	}
}

// placeIndex indexes the sentences, places and dates of d, enough to
// tell a place's role (see docIndex.role).
func placeIndex(d *doc.Document) *docIndex {
	sents := d.Sentences
	if len(sents) == 0 {
		sents = roughSentences(d.Text)
	}
	return &docIndex{
		places:  newLayer(len(d.Places), func(i int) int { return d.Places[i].Start }),
		actors:  newLayer(len(d.Actors), func(i int) int { return d.Actors[i].Start }),
		timexes: newLayer(len(d.Timexes), func(i int) int { return d.Timexes[i].Span.Start }),
		sents:   sents,
	}
}
