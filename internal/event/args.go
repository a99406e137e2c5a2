package event

import (
	"strings"
	"time"

	"github.com/sitrep-dev/sitrep/internal/doc"
)

// Date sources, from most to least specific.
const (
	DateFromClause    = "clause"
	DateFromSentence  = "sentence"
	DateFromParagraph = "paragraph"
	DateFromDocument  = "document"
	DateFromPublished = "published"
)

// partyTypes are the actor types that can be a party to an event; media,
// monitors and agencies are sources, not parties.
var partyTypes = map[string]bool{
	"state": true, "rebel": true, "militia": true, "police": true, "foreign": true,
	"civilians": true, "protesters": true, "unknown": true, "political": true,
}

// actorBefore returns the party mentioned last before token k of m.
func (s *Stage) actorBefore(d *doc.Document, m *mention, k int) *doc.ActorMention {
	limit := m.tokens[k].start
	var best *doc.ActorMention
	for i := range d.Actors {
		a := &d.Actors[i]
		if a.Start >= m.span.Start && a.End <= limit && partyTypes[a.Type] {
			best = a
		}
	}
	return best
}

// actorAfter returns the first party mentioned after token k of m.
func (s *Stage) actorAfter(d *doc.Document, m *mention, k int) *doc.ActorMention {
	from := m.tokens[k-1].end
	for i := range d.Actors {
		a := &d.Actors[i]
		if a.Start >= from && a.End <= m.span.End && partyTypes[a.Type] {
			return a
		}
	}
	return nil
}

// sentenceFigure sums the figures of one category in m's sentence, leaving
// out tallies and parts: "5 soldiers and 1 officer were killed" is 6.
func (s *Stage) sentenceFigure(d *doc.Document, m *mention, category string) *doc.Quantity {
	var sum *doc.Quantity
	for _, q := range d.Quantities {
		if !m.span.Contains(q.Span) || q.Category != category || q.Tally || q.Part {
			continue
		}
		if sum == nil {
			c := q
			c.Min, c.Max = copyInt(q.Min), copyInt(q.Max)
			sum = &c
			continue
		}
		sum.Min = addBound(sum.Min, q.Min)
		sum.Max = addBound(sum.Max, q.Max)
		sum.End = q.End
		sum.Who = ""
	}
	if sum != nil && sum.Min == nil && sum.Max == nil {
		return nil
	}
	return sum
}

func (s *Stage) hasFigure(d *doc.Document, m *mention) bool {
	for _, q := range d.Quantities {
		if m.span.Contains(q.Span) && q.Category != "" && !q.Tally {
			return true
		}
	}
	return false
}

func copyInt(p *int) *int {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

func addBound(a, b *int) *int {
	if a == nil || b == nil {
		return nil
	}
	v := *a + *b
	return &v
}

// fill sets the arguments of m's event from the document's annotations.
func (s *Stage) fill(d *doc.Document, sents []doc.Span, m *mention) {
	t := s.lex.types[m.typ]
	e := &m.ev
	e.EventType, e.SubEventType, e.CAMEO, e.PLOVER = t.EventType, t.SubEventType, t.CAMEO, t.PLOVER
	e.Trigger, e.Sentence = m.trigger, m.span
	e.Location = -1

	// Parties: the subject before the trigger and the object after it,
	// swapped for passives ("were killed by X", "came under fire from X").
	a1 := s.actorBefore(d, m, m.trig)
	var a2 *doc.ActorMention
	if m.trigEnd < len(m.tokens) {
		a2 = s.actorAfter(d, m, m.trigEnd)
	}
	if a2 != nil && passiveBefore(m, a2) {
		a1, a2 = a2, a1
	}
	if a1 != nil {
		c := *a1
		e.Actor1 = &c
	}
	if a2 != nil && (a1 == nil || a2.Span != a1.Span) {
		c := *a2
		e.Actor2 = &c
	}

	e.Fatalities = s.sentenceFigure(d, m, "killed")
	e.Wounded = s.sentenceFigure(d, m, "wounded")
	e.Displaced = s.sentenceFigure(d, m, "displaced")

	e.Location = s.location(d, sents, m)
	s.date(d, sents, m)
	e.Targets = spansOf(m, targetWords)
	e.Weapons = spansOf(m, weaponWords)
	e.ClaimedBy, e.ClaimedBySpan = s.claimedBy(d, m)
	e.Modality, e.Negated = modality(m, e.ClaimedBy != "")
}

// passiveBefore reports whether "by" or "from" stands just before a.
func passiveBefore(m *mention, a *doc.ActorMention) bool {
	for k := m.trigEnd; k < len(m.tokens) && m.tokens[k].start < a.Start; k++ {
		switch m.tokens[k].key {
		case "by", "from":
			return a.Start-m.tokens[k].end <= 24
		}
	}
	return false
}

// precisionRank orders place precisions, finest first.
var precisionRank = map[string]int{
	doc.PrecisionPoint: 0, doc.PrecisionTown: 1, doc.PrecisionDistrict: 2,
	doc.PrecisionAdmin1: 3, doc.PrecisionCountry: 4, doc.PrecisionRegion: 5,
}

// location picks the finest resolved place of the sentence, else of the
// nearest earlier sentence, else the document's finest, or -1.
func (s *Stage) location(d *doc.Document, sents []doc.Span, m *mention) int {
	best := bestPlace(d, m.span)
	if best >= 0 {
		return best
	}
	for i := m.sent - 1; i >= 0; i-- {
		if p := bestPlace(d, sents[i]); p >= 0 {
			return p
		}
	}
	return bestPlace(d, doc.Span{Start: 0, End: len(d.Text)})
}

func bestPlace(d *doc.Document, span doc.Span) int {
	best, rank := -1, 99
	for i, p := range d.Places {
		if !p.Resolved || !span.Contains(p.Span) || p.Kind == "demonym" {
			continue
		}
		r, ok := precisionRank[p.Precision]
		if !ok {
			r = 6
		}
		if r < rank {
			best, rank = i, r
		}
	}
	return best
}

// date picks a timex of the sentence (day precision first), else of the
// nearest earlier sentence, else the document's first, else the
// publication date with week precision.
func (s *Stage) date(d *doc.Document, sents []doc.Span, m *mention) {
	e := &m.ev
	if i := bestTimex(d, m.span); i >= 0 {
		setDate(e, d.Timexes[i], DateFromSentence)
		return
	}
	for k := m.sent - 1; k >= 0; k-- {
		if i := bestTimex(d, sents[k]); i >= 0 {
			setDate(e, d.Timexes[i], DateFromParagraph)
			return
		}
	}
	if i := bestTimex(d, doc.Span{Start: 0, End: len(d.Text)}); i >= 0 {
		setDate(e, d.Timexes[i], DateFromDocument)
		return
	}
	if d.Published != nil {
		p := d.Published.UTC()
		day := time.Date(p.Year(), p.Month(), p.Day(), 0, 0, 0, 0, time.UTC)
		e.Date, e.DateEnd = day.AddDate(0, 0, -6), day
		e.DatePrecision = doc.DateWeek
		e.DateSource = DateFromPublished
	}
}

var timexRank = map[string]int{doc.DateDay: 0, doc.DateWeek: 1, doc.DateMonth: 2, doc.DateSeason: 3, doc.DateYear: 4, doc.DateDecade: 5}

func bestTimex(d *doc.Document, span doc.Span) int {
	best, rank := -1, 99
	for i, t := range d.Timexes {
		if !span.Contains(t.Span) || t.Start.IsZero() || t.Type == doc.TimexDuration || t.Type == doc.TimexSet {
			continue
		}
		r, ok := timexRank[t.Precision]
		if !ok {
			r = 6
		}
		// An open interval ("since 2014") dates a period, not an event.
		if t.Open != "" {
			r += 10
		}
		if r < rank {
			best, rank = i, r
		}
	}
	if rank >= 10 {
		return -1
	}
	return best
}

func setDate(e *doc.Event, t doc.Timex, source string) {
	e.Date, e.DateEnd = t.Start, t.End
	if e.DateEnd.IsZero() {
		e.DateEnd = e.Date
	}
	e.DatePrecision = t.Precision
	e.DateSource = source
	e.DateSpan = t.Span
}

var targetWords = toSet("hospital hospitals clinic school schools market markets checkpoint checkpoints airbase airport base bases " +
	"convoy convoys mosque mosques church churches village house houses home homes bus vehicle vehicles camp post patrol " +
	"headquarters bridge building office station embassy hotel restaurant prison university farm farms shop shops warehouse")

var weaponWords = toSet("sarin chlorine gas airstrike airstrikes warplanes jets drone drones helicopter helicopters barrel bombs bomb " +
	"ied ieds landmine landmines mine mines grenade grenades mortar mortars rocket rockets missile missiles artillery shells " +
	"shelling tank tanks rifle rifles gun guns knife knives machete machetes explosives explosive")

func spansOf(m *mention, set map[string]bool) []doc.Span {
	var out []doc.Span
	for _, t := range m.tokens {
		if set[t.key] {
			out = append(out, doc.Span{Start: t.start, End: t.end})
		}
	}
	return out
}

// sayVerbs mark attribution: "X said", "according to X".
var sayVerbs = toSet("said says reported reports told stated announced confirmed claimed added noted quoted")

// claimedBy finds who the sentence attributes the report to: "according
// to X", "X said", "said X", "X told Reuters".
func (s *Stage) claimedBy(d *doc.Document, m *mention) (string, doc.Span) {
	ts := m.tokens
	for k := 0; k+1 < len(ts); k++ {
		if ts[k].key == "according" && ts[k+1].key == "to" {
			return s.sourceAt(d, m, k+2, 6)
		}
	}
	for k, t := range ts {
		if !sayVerbs[t.key] {
			continue
		}
		// subject before the verb: an actor or the noun phrase up to 5 words
		if a := s.sourceBefore(d, m, k); a != "" {
			return a, sourceSpan
		}
		// inverted: "..., said the ministry"
		if k+1 < len(ts) {
			if name, sp := s.sourceAt(d, m, k+1, 5); name != "" {
				return name, sp
			}
		}
	}
	return "", doc.Span{}
}

// sourceSpan is not used for subject sources; kept zero.
var sourceSpan doc.Span

// sourceAt returns the actor or noun phrase starting at token k.
func (s *Stage) sourceAt(d *doc.Document, m *mention, k, maxWords int) (string, doc.Span) {
	ts := m.tokens
	if k >= len(ts) {
		return "", doc.Span{}
	}
	for _, a := range d.Actors {
		if a.Start >= ts[k].start && a.Start <= ts[min(k+2, len(ts)-1)].start && a.End <= m.span.End {
			return a.Name, a.Span
		}
	}
	end := k
	for end < len(ts) && end < k+maxWords && !isBreak(ts[end].key) {
		end++
	}
	if end == k {
		return "", doc.Span{}
	}
	sp := doc.Span{Start: ts[k].start, End: ts[end-1].end}
	return strings.TrimPrefix(strings.TrimPrefix(d.Text[sp.Start:sp.End], "the "), "The "), sp
}

func (s *Stage) sourceBefore(d *doc.Document, m *mention, k int) string {
	ts := m.tokens
	verbStart := ts[k].start
	for _, a := range d.Actors {
		if a.End <= verbStart && a.Start >= m.span.Start && verbStart-a.End <= 2 {
			return a.Name
		}
	}
	// noun phrase: up to 4 words back to a break
	j := k - 1
	for j >= 0 && j >= k-4 && !isBreak(ts[j].key) && !stopBefore[ts[j].key] {
		j--
	}
	if j == k-1 {
		return ""
	}
	return d.Text[ts[j+1].start:ts[k-1].end]
}

var stopBefore = toSet("and that which who was were is are has have had also it he she they on in at")

func isBreak(k string) bool {
	switch k {
	case ",", ";", ":", ".", "(", ")", "\"", "“", "”", "that", "on", "in", "at", "as", "and", "who", "which", "after", "when":
		return true
	}
	return false
}

// modality says how the sentence commits to the event: denied, alleged,
// expected, hypothetical, reported (attributed) or asserted; and whether
// the trigger is negated ("did not withdraw").
func modality(m *mention, attributed bool) (string, bool) {
	negated := false
	for k := m.trig - 1; k >= 0 && k >= m.trig-3; k-- {
		switch m.tokens[k].key {
		case "not", "never", "no", "didn", "without", "failed":
			negated = true
		}
	}
	switch {
	case m.cues["@denied"]:
		return doc.Denied, negated
	case m.cues["@hypothetical"] && hasBefore(m, "@hypothetical"):
		return doc.Hypothetical, negated
	case m.cues["@expected"] && hasBefore(m, "@expected"):
		return doc.Expected, negated
	case m.cues["@alleged"]:
		return doc.Alleged, negated
	case attributed || m.cues["@reported"]:
		return doc.Reported, negated
	}
	return doc.Asserted, negated
}

// hasBefore reports whether the cue's first match stands within four words
// before the trigger ("will withdraw", "could attack").
func hasBefore(m *mention, cue string) bool {
	p, ok := m.cuePos[cue]
	return ok && p[1] <= m.trig && m.trig-p[1] <= 4
}
