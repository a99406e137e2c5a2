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
	for _, m := range kept {
		s.fill(d, sents, m)
		for _, x := range m.extra {
			s.fill(d, sents, x)
			mergeInto(&m.ev, &x.ev)
		}
		merged := false
		for i := range evs {
			if compatible(d, &evs[i], &m.ev) {
				mergeInto(&evs[i], &m.ev)
				merged = true
				break
			}
		}
		if !merged {
			evs = append(evs, m.ev)
		}
	}
	return evs
}

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

// compatible reports whether b reports the same event as a: same
// sub-event type, no conflicting place, overlapping dates.
func compatible(d *doc.Document, a, b *doc.Event) bool {
	if a.SubEventType != b.SubEventType {
		return false
	}
	if a.Location >= 0 && b.Location >= 0 {
		pa, pb := d.Places[a.Location], d.Places[b.Location]
		same := pa.GeonameID != 0 && pa.GeonameID == pb.GeonameID || pa.Name == pb.Name
		if !same {
			return false
		}
	}
	if !a.Date.IsZero() && !b.Date.IsZero() && a.DateSource != DateFromPublished && b.DateSource != DateFromPublished {
		if b.Date.After(a.DateEnd) || a.Date.After(b.DateEnd) {
			return false
		}
	}
	return true
}

// mergeInto adds b's sentence to a's mentions and fills what a lacks.
func mergeInto(a, b *doc.Event) {
	if b.Sentence != a.Sentence {
		a.Mentions = append(a.Mentions, b.Sentence)
	}
	a.Mentions = append(a.Mentions, b.Mentions...)
	if a.Location < 0 {
		a.Location = b.Location
	}
	if (a.Date.IsZero() || a.DateSource == DateFromPublished) && !b.Date.IsZero() && b.DateSource != DateFromPublished {
		a.Date, a.DateEnd, a.DatePrecision, a.DateSource, a.DateSpan = b.Date, b.DateEnd, b.DatePrecision, b.DateSource, b.DateSpan
	}
	if a.Actor1 == nil {
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
