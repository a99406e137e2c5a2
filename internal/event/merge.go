package event

import (
	"github.com/sitrep-dev/sitrep/internal/doc"
)

// absorbed says which cue a later mention adds to a protest it follows:
// "police arrested 40 demonstrators" is an intervention in the protest,
// not a separate arrest event; "protesters clashed with police" makes it
// violent.
var absorbed = map[string]string{
	"Arrests":                      "@intervention",
	"Armed clash":                  "@protviolence",
	"Looting/property destruction": "@protviolence",
	"Attack":                       "@force",
	"Mob violence":                 "@protviolence",
	"Other":                        "",
	"Change to group/activity":     "",
}

// merge resolves protest types, fills arguments and folds repeated mentions
// of one event into one doc.Event, in order of first mention.
func (s *Stage) merge(d *doc.Document, sents []doc.Span, ms []*mention) []doc.Event {
	// Fold the follow-ups of a protest into it.
	var protest *mention
	var kept []*mention
	for _, m := range ms {
		if m.denial {
			kept = append(kept, m)
			continue
		}
		if n := len(kept); n > 0 && kept[n-1].typ != protestFamily && followUp(d, kept[n-1], m) {
			// "Four people were killed in the incident." after the
			// bombing it tells of
			prev := kept[n-1]
			m.typ = prev.typ
			prev.extra = append(prev.extra, m)
			continue
		}
		if m.typ == protestFamily {
			if protest == nil {
				protest = m
				kept = append(kept, m)
				continue
			}
			for c := range m.cues {
				protest.cues[c] = true
			}
			protest.extra = append(protest.extra, m)
			continue
		}
		if m.typ == protestCue {
			if protest != nil {
				for _, c := range protestCues {
					if m.cues[c] {
						protest.cues[c] = true
					}
				}
				protest.extra = append(protest.extra, m)
			}
			continue
		}
		if protest != nil {
			if cue, ok := absorbed[m.typ]; ok {
				if m.typ == "Arrests" && protest.cues["@arrestgrievance"] {
					// the protest is about an arrest, and this
					// sentence tells of it ("He was arrested on
					// charges of ..."), not of protesters arrested
					cue = ""
				}
				if cue == "@force" && !attackOnProtest(m) {
					// "He stabbed a man in self-defence in 2018": an
					// attack that names neither security forces nor
					// protesters is not force used on this protest
					cue = ""
				}
				if cue != "" {
					protest.cues[cue] = true
				}
				protest.extra = append(protest.extra, m)
				continue
			}
		}
		kept = append(kept, m)
	}
	if protest != nil {
		protest.typ = protestType(protest.cues)
		for _, x := range protest.extra {
			x.typ = protest.typ
		}
	}
	var evs []doc.Event
	var told []telling // parallel to evs
	for _, m := range kept {
		s.fill(d, sents, m)
		for _, x := range m.extra {
			s.fill(d, sents, x)
			mergeInto(d, &m.ev, &x.ev)
		}
		if m.denial || m.ev.Negated {
			// A denial or a negated account ("said its fighters had not
			// withdrawn") is a report of the latest event it can be
			// about; a denial of nothing reported is no event.
			if i := deniedEvent(d, evs, &m.ev); i >= 0 {
				mergeInto(d, &evs[i], &m.ev)
				continue
			}
			if m.denial {
				continue
			}
		}
		last := m.sent
		for _, x := range m.extra {
			last = max(last, x.sent)
		}
		merged := false
		for i := range evs {
			if compatible(d, &evs[i], &m.ev) || closeRetelling(d, &evs[i], told[i], &m.ev, m) {
				mergeInto(d, &evs[i], &m.ev)
				told[i].generic = told[i].generic && m.generic
				told[i].last = max(told[i].last, last)
				merged = true
				break
			}
		}
		if i := len(evs) - 1; !merged && i >= 0 && retold(d, &evs[i], told[i], &m.ev, m) {
			if told[i].generic {
				// the headline's "kills 15" is the lead's air strike
				a, b := &evs[i], &m.ev
				a.EventType, a.SubEventType, a.CAMEO, a.PLOVER = b.EventType, b.SubEventType, b.CAMEO, b.PLOVER
			}
			mergeInto(d, &evs[i], &m.ev)
			told[i] = telling{generic: told[i].generic && m.generic, last: max(told[i].last, last)}
			merged = true
		}
		if !merged {
			evs = append(evs, m.ev)
			told = append(told, telling{generic: m.generic, last: last})
		}
	}
	return evs
}

// telling is what merging needs to know of an event built so far: whether
// all its mentions rest on a bare word of violence ("kills", "were
// killed"), and its last sentence.
type telling struct {
	generic bool
	last    int
}

// retold reports whether m's event b tells again the event a built just
// before it, one of the two only by a bare word of violence: a headline
// "Strike kills 15 in Idlib" and its lead "An air strike killed 15
// civilians in Idlib", or "25 killed in rocket attacks on Aleppo" and
// "25 civilians were killed in the attacks on Aleppo". They are within
// two sentences, at one place, at no conflicting date, and each gives a
// toll, the same one.
func retold(d *doc.Document, a *doc.Event, ta telling, b *doc.Event, m *mention) bool {
	if ta.generic == m.generic || m.denial || b.Negated || a.Negated || a.Modality == doc.Denied {
		return false
	}
	// the specific telling names the means of the generic one's
	// killing (an air strike, shelling, a bomb), not another event ("a
	// man was killed" and "he had been kidnapped"; "attacked the base"
	// and "opened with an RPG" is still the battle)
	generic, specific := a, b
	if m.generic {
		generic, specific = b, a
	}
	if generic.SubEventType != "Attack" || specific.EventType != "Explosions/Remote violence" || m.sent-ta.last > 2 {
		return false
	}
	if a.Fatalities == nil || b.Fatalities == nil || !overlap(a.Fatalities, b.Fatalities) {
		return false // the same toll told twice is what shows it is one event
	}
	if a.Location < 0 || b.Location < 0 || !samePlace(d, a, b) {
		return false
	}
	return datesAgree(a, b)
}

// followUp reports whether m only continues the story of prev: a generic
// mention ("1 person was killed and 11 were injured", "police arrested
// 4") within two sentences of prev's last, with no place or date of its
// own and no word that starts another story ("separately",
// "elsewhere").
func followUp(d *doc.Document, prev, m *mention) bool {
	if !m.generic || prev.denial || m.denial || territoryFamily[prev.typ] {
		return false
	}
	last := prev.sent
	for _, x := range prev.extra {
		last = max(last, x.sent)
	}
	if m.sent-last > 2 || m.ix.placeOf(d, m.sent) >= 0 || m.ix.timexOf(d, m.sent) >= 0 {
		return false
	}
	if _, ok := unresolvedDate(d, m); ok {
		return false // "yesterday" is a date of its own, if not one we can place
	}
	for _, t := range m.tokens {
		switch t.key {
		case "separately", "elsewhere", "meanwhile", "separate":
			return false
		}
	}
	return true
}

// attackOnProtest reports whether an attack sentence after a protest
// tells of force used on it: it names security forces or the crowd.
func attackOnProtest(m *mention) bool {
	for _, t := range m.tokens {
		if securityWord[t.key] || crowdWord[t.key] || protesterWord[t.key] {
			return true
		}
	}
	return false
}

// protesterWord name the people at a protest.
var protesterWord = toSet("protesters protester protestors protestor demonstrators demonstrator marchers rally " +
	"protest protests demonstration crowd")

// protestType resolves a protest or riot from the cues of all its
// sentences, most severe first: violence by the crowd makes a violent
// demonstration; a mob with no protest is mob violence; lethal or brutal
// force against the crowd is excessive force; dispersal or arrests an
// intervention; otherwise the protest was peaceful.
func protestType(c map[string]bool) string {
	switch {
	case c["@mob"] && !c["@protest"]:
		return "Mob violence"
	case c["@protviolence"] || c["@riot"] && !c["@protest"]:
		return "Violent demonstration"
	case c["@force"]:
		return "Excessive force against protesters"
	case c["@intervention"]:
		return "Protest with intervention"
	}
	return "Peaceful protest"
}

// deniedEvent returns the index of the latest event of evs that the
// denial or negation b can be about: the same kind of event (territory
// changes count as one kind) at no conflicting place; or -1.
func deniedEvent(d *doc.Document, evs []doc.Event, b *doc.Event) int {
	for i := len(evs) - 1; i >= 0; i-- {
		a := &evs[i]
		if a.EventType != b.EventType && !(territoryFamily[a.SubEventType] && territoryFamily[b.SubEventType]) {
			continue
		}
		if samePlace(d, a, b) {
			return i
		}
	}
	return -1
}

// sameKind reports whether a and b can be one event: the same sub-event
// type, or two territory changes (a capture is also reported as the
// other side's withdrawal).
func sameKind(a, b *doc.Event) bool {
	return a.SubEventType == b.SubEventType || territoryFamily[a.SubEventType] && territoryFamily[b.SubEventType]
}

// samePlace reports whether a and b are at no conflicting place.
func samePlace(d *doc.Document, a, b *doc.Event) bool {
	if a.Location >= 0 && b.Location >= 0 {
		pa, pb := d.Places[a.Location], d.Places[b.Location]
		return pa.GeonameID != 0 && pa.GeonameID == pb.GeonameID || pa.Name == pb.Name
	}
	return true
}

// compatible reports whether b reports the same event as a: same
// sub-event type, no conflicting place, overlapping dates.
func compatible(d *doc.Document, a, b *doc.Event) bool {
	if !sameKind(a, b) {
		return false
	}
	if territoryFamily[a.SubEventType] && a.SubEventType != b.SubEventType && (a.Location < 0 || b.Location < 0) {
		return false // a capture and a withdrawal are one event only at one named place
	}
	if !samePlace(d, a, b) {
		return false
	}
	return datesAgree(a, b)
}

// closeRetelling reports whether b, told within two sentences of a's last
// sentence, is a's event told again at a finer place inside a's country
// or province (see withinPlace), with no conflicting toll or date.
func closeRetelling(d *doc.Document, a *doc.Event, ta telling, b *doc.Event, m *mention) bool {
	if m.sent-ta.last > 2 || !sameKind(a, b) || a.SubEventType != b.SubEventType || m.denial || b.Negated || a.Negated {
		return false
	}
	return withinPlace(d, a, b) && tollsAgree(a, b) && datesAgree(a, b)
}

// withinPlace reports whether one of a's and b's places is a country or
// first-level division the other lies in: "a suicide bomber struck a
// wedding in northeast Syria" and "the bomber blew himself up in the
// village of Tall Tawil" tell one bombing.
func withinPlace(d *doc.Document, a, b *doc.Event) bool {
	if a.Location < 0 || b.Location < 0 {
		return false
	}
	return contains(d.Places[a.Location], d.Places[b.Location]) || contains(d.Places[b.Location], d.Places[a.Location])
}

// contains reports whether place o is a country or first-level division
// that the finer place p lies in.
func contains(o, p doc.Place) bool {
	if o.Country == "" || o.Country != p.Country || precisionRank[p.Precision] >= precisionRank[o.Precision] {
		return false
	}
	switch o.Precision {
	case doc.PrecisionCountry:
		return true
	case doc.PrecisionAdmin1:
		return o.Admin1 != "" && o.Admin1 == p.Admin1
	}
	return false
}

// tollsAgree reports whether a and b give no conflicting toll.
func tollsAgree(a, b *doc.Event) bool {
	return a.Fatalities == nil || b.Fatalities == nil || overlap(a.Fatalities, b.Fatalities)
}

// datesAgree reports whether a's and b's dates overlap; a date from the
// publication is vague and joins any interval.
func datesAgree(a, b *doc.Event) bool {
	vague := func(src string) bool { return src == DateFromPublished || src == DateFromTense }
	if !a.Date.IsZero() && !b.Date.IsZero() && !vague(a.DateSource) && !vague(b.DateSource) {
		if b.Date.After(a.DateEnd) || a.Date.After(b.DateEnd) {
			return false
		}
	}
	return true
}

// hasReport reports whether a already has a report of sentence sp.
func hasReport(a *doc.Event, sp doc.Span) bool {
	if a.Sentence == sp {
		return true
	}
	for _, r := range a.Reports {
		if r.Sentence == sp {
			return true
		}
	}
	return false
}

// mergeInto adds b's reports to a's and fills what a lacks.
func mergeInto(d *doc.Document, a, b *doc.Event) {
	for _, r := range b.Reports {
		if !hasReport(a, r.Sentence) {
			a.Mentions = append(a.Mentions, r.Sentence)
			a.Reports = append(a.Reports, r)
		}
	}
	if b.Modality == doc.Denied || b.Negated {
		return // a denial says nothing about the event's arguments
	}
	if a.SubEventType == "Non-violent transfer of territory" && territoryFamily[b.SubEventType] {
		// A withdrawal reported with the other side's capture is the capture.
		a.EventType, a.SubEventType, a.CAMEO, a.PLOVER = b.EventType, b.SubEventType, b.CAMEO, b.PLOVER
	}
	if a.Location < 0 || b.Location >= 0 && contains(d.Places[a.Location], d.Places[b.Location]) {
		// a finer place inside the first one's country or province
		// locates the event
		a.Location = b.Location
	}
	// A mention whose own sentence dates it more finely inside the first
	// one's interval dates the event: "the attack three weeks ago" then
	// "the 4 April attack". A date borrowed from an earlier sentence is
	// no such evidence.
	// An event its own words date unresolvably ("on Thursday") takes
	// only a date another sentence of it gives itself.
	own := b.DateSource == DateFromClause || b.DateSource == DateFromSentence
	finer := !a.Date.IsZero() && own &&
		!b.Date.Before(a.Date) && !b.DateEnd.After(a.DateEnd) && b.DateEnd.Sub(b.Date) < a.DateEnd.Sub(a.Date)
	undated := a.Date.IsZero() && (a.DateSource != DateUnresolved || own) || a.DateSource == DateFromPublished
	if finer || undated && !b.Date.IsZero() && b.DateSource != DateFromPublished {
		a.Date, a.DateEnd, a.DatePrecision, a.DateSource, a.DateSpan = b.Date, b.DateEnd, b.DatePrecision, b.DateSource, b.DateSpan
	}
	if a.Actor1 == nil || genericOf(a.Actor1, b.Actor1) && (a.Actor2 == nil || a.Actor2.Name != b.Actor1.Name) {
		// the headline's "strike kills 12" is the lead's Russian
		// warplanes' strike; "the army" of one report is "the Syrian
		// army" of the next
		a.Actor1 = b.Actor1
	}
	if a.Actor2 == nil {
		a.Actor2 = b.Actor2
	}
	if a.Fatalities == nil {
		a.Fatalities = b.Fatalities
	}
	if a.Wounded == nil {
		a.Wounded = b.Wounded
	}
	if a.Displaced == nil {
		a.Displaced = b.Displaced
	}
	if a.ClaimedBy == "" {
		a.ClaimedBy, a.ClaimedBySpan = b.ClaimedBy, b.ClaimedBySpan
	}
	a.Targets = append(a.Targets, b.Targets...)
	a.Weapons = append(a.Weapons, b.Weapons...)
}
