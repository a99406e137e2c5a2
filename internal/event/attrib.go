package event

import (
	"strings"

	"github.com/sitrep-dev/sitrep/internal/doc"
)

// blamedParty returns the party a sentence's words of blame name as the
// perpetrator, wherever it stands against the trigger, or nil. The rules
// are tried in order; each reads the tokens around one cue:
//
//   - "a car bombing blamed on the Islamic State killed 14": the party
//     just after "blamed on" (also "blamed it on", "blame on");
//   - "activists accused Russian jets of carrying out the raid": the
//     party between "accused" and "of";
//   - "the army was blamed for the attack", "rebels blamed for the
//     shelling": the party just before "(was|were|is|are) blamed for".
//
// A position rule alone would make the first the object of the bombing
// (it stands after the trigger) and the second the accuser's target in
// a clause of its own.
func blamedParty(m *mention, acts []*doc.ActorMention) *doc.ActorMention {
	ts := m.tokens
	for k := range ts {
		switch ts[k].key {
		case "blamed", "blame", "blaming", "blames":
			if a := partyAfterWord(ts, acts, k, "on", 2); a != nil {
				return a
			}
			if k+1 < len(ts) && ts[k+1].key == "for" {
				j := k
				if j > 0 && beWord[ts[j-1].key] {
					j--
				}
				if j > 0 {
					if a := partyEndingAt(acts, ts[j-1].end); a != nil {
						return a
					}
				}
			}
		case "accused", "accusing", "accuses", "accuse":
			// the party must end right before "of", within six words
			for j := k + 1; j < len(ts) && j <= k+7; j++ {
				if ts[j].key == "of" {
					if a := partyEndingAt(acts, ts[j-1].end); a != nil && a.Start >= ts[k].end {
						return a
					}
					break
				}
			}
		}
	}
	return nil
}

// beWord are the forms of "to be" a passive of blame takes.
var beWord = toSet("was were is are been being be")

// partyAfterWord returns the first party starting within skip words
// after the word want, which must stand within two words after token k
// ("blamed on X", "blamed it on X").
func partyAfterWord(ts []tok, acts []*doc.ActorMention, k int, want string, skip int) *doc.ActorMention {
	for j := k + 1; j < len(ts) && j <= k+2; j++ {
		if ts[j].key != want {
			continue
		}
		if j+1 >= len(ts) {
			return nil
		}
		limit := len(ts) - 1
		if j+1+skip < limit {
			limit = j + 1 + skip
		}
		for _, a := range acts {
			if partyTypes[a.Type] && a.Start >= ts[j].end && a.Start <= ts[limit].start {
				return a
			}
		}
		return nil
	}
	return nil
}

// partyEndingAt returns the party whose mention ends at byte end.
func partyEndingAt(acts []*doc.ActorMention, end int) *doc.ActorMention {
	for _, a := range acts {
		if a.End == end && partyTypes[a.Type] {
			return a
		}
	}
	return nil
}

// genericOf reports whether actor a names only the kind of party b names
// in full: "Military Forces" and "Military Forces of Syria", "Police
// Forces" and "Police Forces of Iraq". A later report's specific name
// then says who the first report's generic one was.
func genericOf(a, b *doc.ActorMention) bool {
	return a != nil && b != nil && a.Type == b.Type && a.Country == "" && b.Country != "" &&
		strings.HasPrefix(b.Name, a.Name+" of ")
}

// agentPhrases say by whom an event told before was carried out; anaphors
// say the sentence is about an event already told.
var (
	agentPhrases = []string{" carried out by ", " conducted by ", " launched by ", " committed by ", " perpetrated by "}
	anaphors     = []string{"the strike", "the strikes", "the air strike", "the airstrike", "the raid", "the raids",
		"the attack", "the attacks", "the bombing", "the blast", "the explosion", "the shelling", "the assault",
		"the massacre", "the bombardment", "the air raid", "the airstrikes", "the air strikes"}
)

// laterAgents gives an event with no perpetrator the one the next
// sentences name when they only tell who carried it out: a headline and
// lead "Strike kills 9 in Hama ... An air strike killed 9 civilians" and
// then "witnesses believe the strike was carried out by Russian
// planes", which names no event word of its own and so is no
// report of the event. Only the two sentences after the event's last
// report are read, up to one that reports another event; the sentence
// must refer back to the event ("the strike", "the attack") and name the
// party right after "carried out by". The actor keeps its own span.
func laterAgents(d *doc.Document, ix *docIndex, sents []doc.Span, evs []doc.Event) {
	reported := map[int]bool{}
	for i := range evs {
		for _, r := range evs[i].Reports {
			reported[r.Sentence.Start] = true
		}
	}
	for i := range evs {
		e := &evs[i]
		if e.Actor1 != nil || e.Modality == doc.Denied || e.Negated || len(e.Reports) == 0 {
			continue
		}
		last := -1
		for _, r := range e.Reports {
			if j := ix.sentenceAt(r.Sentence.Start); j > last {
				last = j
			}
		}
		if last < 0 {
			continue
		}
		for k := last + 1; k < len(sents) && k <= last+2; k++ {
			sp := sents[k]
			if reported[sp.Start] {
				break
			}
			if a := agentIn(d, ix, sp); a != nil {
				c := *a
				e.Actor1 = &c
				break
			}
		}
	}
}

// agentIn returns the party named right after an agent phrase of a
// sentence that refers back to an event, or nil.
func agentIn(d *doc.Document, ix *docIndex, sp doc.Span) *doc.ActorMention {
	low := strings.ToLower(d.Text[sp.Start:sp.End])
	back := false
	for _, p := range anaphors {
		if i := strings.Index(low, p); i >= 0 && (i+len(p) == len(low) || !isLetter(low[i+len(p)])) {
			back = true
			break
		}
	}
	if !back {
		return nil
	}
	for _, p := range agentPhrases {
		i := strings.Index(low, p)
		if i < 0 {
			continue
		}
		from := sp.Start + i + len(p)
		for _, a := range ix.actorsOf(d, sp) {
			if a.Start >= from && a.Start <= from+len("the forces of the ") && partyTypes[a.Type] && a.Type != "civilians" {
				return a
			}
		}
	}
	return nil
}

// deathWords are the triggers that, after a form of "to be", tell of the
// victims: "were killed", "was wounded", "have been executed".
var deathWords = toSet("killed wounded injured executed slain massacred murdered")

// passiveDeath reports whether m's trigger is a death word in the passive
// ("two soldiers were killed", "a rebel was reportedly executed") or
// "died": the party before it is then who died.
func passiveDeath(m *mention) bool {
	k := m.trig
	switch {
	case m.tokens[k].key == "died":
		return true
	case !deathWords[m.tokens[k].key]:
		return false
	}
	for j := k - 1; j >= 0 && j >= k-3; j-- {
		switch key := m.tokens[j].key; {
		case beWord[key]:
			return true
		case key == "reportedly" || key == "also" || key == "all" || key == "allegedly":
			continue
		}
		return false
	}
	return false
}
