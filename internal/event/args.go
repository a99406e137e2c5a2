package event

import (
	"strconv"
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
	// DateFromTense dates an event told in the present perfect with no
	// date of its own to the week up to publication: news as of the
	// article, not of a date an earlier sentence gives.
	DateFromTense = "tense"
	// DateUnresolved leaves undated an event whose own sentence dates it
	// by an expression that could not be resolved ("on Thursday",
	// "yesterday", "last week" with no publication date to count from):
	// the sentence says when, only not in a form we can place, so any
	// other sentence's date would be a guess. DateSpan is the expression.
	DateUnresolved = "unresolved"
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
	for _, a := range m.actors(d) {
		// "Russian warplanes bombed": the actor may hold the trigger.
		if (a.End <= limit || a.Start < limit && a.End >= m.tokens[k].end) && partyTypes[a.Type] {
			best = a
		}
	}
	return best
}

// actorAfter returns the first party mentioned after token k of m.
func (s *Stage) actorAfter(d *doc.Document, m *mention, k int) *doc.ActorMention {
	from := m.tokens[k-1].end
	for _, a := range m.actors(d) {
		if a.Start >= from && partyTypes[a.Type] {
			return a
		}
	}
	return nil
}

// sentenceFigure is the toll of one category m's sentence gives (see
// clauseToll): "5 soldiers and 1 officer were killed" is 6, a headline's
// "kills 18" run into "killed at least 18" is at least 18.
func (s *Stage) sentenceFigure(d *doc.Document, m *mention, category string) *doc.Quantity {
	q, _ := clauseToll(d, m.quantities(d), category, m.trigger.Start)
	return q
}

func (s *Stage) hasFigure(d *doc.Document, m *mention) bool {
	for _, q := range m.quantities(d) {
		if q.Category != "" && !q.Tally {
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
	if a1 != nil && a1.End <= m.trigger.Start && passiveDeath(m) {
		// "two soldiers were killed in the attack": who was killed is
		// the victim, never who killed
		if a2 == nil {
			a2 = a1
		}
		a1 = nil
	}
	if b := blamedParty(m, m.actors(d)); b != nil && (a1 == nil || a1.Span != b.Span) {
		// "an attack blamed on X", "accused X of": the words of blame
		// name who did it, and the one who blames is no party to it
		if a2 != nil && a2.Span == b.Span {
			a2 = nil
		}
		a1 = b
	}
	if a1 != nil && a1.Type == "civilians" && e.EventType != "Protests" && e.EventType != "Riots" {
		// "13 civilians were killed in air raids", "civilians fled as
		// the jets struck": civilians are who violence is done to,
		// never its perpetrator (ACLED counts a crowd that does
		// violence as rioters); a named party after the trigger did it
		switch {
		case a2 == nil || a2.Type == "civilians":
			a1, a2 = nil, a1
		default:
			a1, a2 = a2, a1
		}
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
	e.Targets, e.Weapons = targetsAndWeapons(m)
	e.ClaimedBy, e.ClaimedBySpan = s.claimedBy(d, m)
	e.Modality, e.Negated = modality(m, e.ClaimedBy != "")
	if m.denial {
		e.Modality = doc.Denied
	}
	e.Reports = []doc.Report{s.report(d, m)}
}

// report is m's own account of its event: the sentence's claimant,
// modality, toll, perpetrator and, for territory, what it says became of
// the place.
func (s *Stage) report(d *doc.Document, m *mention) doc.Report {
	e := &m.ev
	r := doc.Report{
		Sentence: e.Sentence, Trigger: e.Trigger,
		ClaimedBy: e.ClaimedBy, ClaimedBySpan: e.ClaimedBySpan,
		Modality: e.Modality, Negated: e.Negated,
		Fatalities: e.Fatalities, Perpetrator: e.Actor1,
	}
	if m.denial {
		// "Russia denied that its jets struck the market": the denier is
		// the accused, whatever the sentence's subject.
		r.Perpetrator = nil
		if a := s.claimant(d, m, e.ClaimedBySpan); a != nil {
			r.Perpetrator = a
		}
	}
	if territoryFamily[e.SubEventType] {
		r.Control = control(m, e)
	}
	return r
}

// claimant returns the party mention at sp, or the first party of the
// sentence.
func (s *Stage) claimant(d *doc.Document, m *mention, sp doc.Span) *doc.ActorMention {
	for _, a := range m.actors(d) {
		if a.Span == sp && sp.End > 0 {
			c := *a
			return &c
		}
	}
	for _, a := range m.actors(d) {
		if partyTypes[a.Type] && a.Start < m.trigger.Start {
			c := *a
			return &c
		}
	}
	return nil
}

// territoryFamily are the sub-event types about who holds a place; their
// reports carry a Control value.
var territoryFamily = map[string]bool{
	"Government regains territory":        true,
	"Non-state actor overtakes territory": true,
	"Non-violent transfer of territory":   true,
}

// control says what a territory report claims became of the place: a
// negated or denied change is "denied" ("had not withdrawn"); "still"
// before the trigger keeps it with its holder ("still under the control
// of the group"); a withdrawal is "withdrawn"; anything else a capture,
// "taken by" the actor that took it when one is named.
func control(m *mention, e *doc.Event) string {
	if e.Negated || e.Modality == doc.Denied {
		return doc.ControlDenied
	}
	for k := m.trig - 1; k >= 0 && k >= m.trig-3; k-- {
		switch m.tokens[k].key {
		case "still", "remains", "remain", "remained":
			if e.Actor2 != nil {
				return doc.ControlHeld + " by " + e.Actor2.Name
			}
			if e.Actor1 != nil {
				return doc.ControlHeld + " by " + e.Actor1.Name
			}
			return doc.ControlHeld
		}
	}
	if e.SubEventType == "Non-violent transfer of territory" {
		return doc.ControlWithdrawn
	}
	if e.Actor1 != nil {
		return doc.ControlTaken + " by " + e.Actor1.Name
	}
	return doc.ControlTaken
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

// location picks the place a relative clause holding the trigger is
// about ("Aleppo, which was retaken"), else the best place of the
// sentence (see bestPlace), else of the nearest earlier sentence, else
// the document's best, else, as a last resort, a dateline or a country
// named as a party (see scene.go), or -1. A road's end ("a checkpoint on the
// Damascus-Aleppo highway") gives way to the best place of the nearest
// sentence up to this one that is not a road's end, the town the
// paragraph is about.
func (s *Stage) location(d *doc.Document, sents []doc.Span, m *mention) int {
	if p := relativePlace(d, m.ix, m.span, m.trigger); p >= 0 {
		return p
	}
	p := m.ix.placeUpTo(d, m.sent)
	if p < 0 {
		if p = m.ix.docPlaceOf(d); p < 0 {
			// a dateline or a country named as a party, when the text
			// names no other place (see scene.go)
			p = m.ix.weakUpTo(d, m.sent)
		}
		return p
	}
	if m.ix.roadEnd[p] {
		if q := m.ix.strongUpTo(d, m.sent); q >= 0 {
			return q
		}
	}
	return p
}

// date picks a timex of the sentence (day precision first); else, when
// the sentence's own date expression could not be resolved, none (see
// DateUnresolved); else a timex of the nearest earlier sentence, else
// the month of the document's best date (see monthOf), else the
// publication date with week precision.
func (s *Stage) date(d *doc.Document, sents []doc.Span, m *mention) {
	e := &m.ev
	if sinceDate(d, m) {
		return
	}
	if i := m.ix.timexOf(d, m.sent); i >= 0 {
		setDate(e, d.Timexes[i], DateFromSentence)
		return
	}
	if sp, ok := unresolvedDate(d, m); ok {
		// "Wed 05 Apr 2017 ... said on Wednesday": a weekday the text's
		// nearest earlier date (else its best date) falls on is that day
		if i, src := sameWeekday(d, m, sp); i >= 0 {
			setDate(e, d.Timexes[i], src)
			return
		}
		e.DateSource, e.DateSpan = DateUnresolved, sp
		return
	}
	if d.Published != nil && presentPerfect(m) {
		// "the regime has succeeded in regaining control of the
		// countryside", with no date of its own, is news as of the
		// article, not of the date an earlier sentence gives
		publishedWeek(d, e)
		e.DateSource = DateFromTense
		return
	}
	if m.sent > 0 {
		if i := m.ix.timexUpTo(d, m.sent-1); i >= 0 {
			setDate(e, d.Timexes[i], DateFromParagraph)
			return
		}
	}
	if i := m.ix.docTimexOf(d); i >= 0 {
		setDate(e, d.Timexes[i], DateFromDocument)
		monthOf(e)
		return
	}
	if d.Published != nil {
		publishedWeek(d, e)
	}
}

// unresolvedDate returns the span of a date expression in m's sentence
// that names a day, week or month the timex stage could not place:
// "Thursday", "Monday night", "last week", "last month", "March" with no
// year, "yesterday", "this morning". Vague references ("recently",
// "now") name no time and are no such expression.
func unresolvedDate(d *doc.Document, m *mention) (doc.Span, bool) {
	for _, i := range m.ix.timexes.in(m.span) {
		t := &d.Timexes[i]
		if !t.Start.IsZero() || !m.span.Contains(t.Span) || t.Type != doc.TimexDate && t.Type != doc.TimexTime {
			continue
		}
		if strings.Contains(t.Value, "X") {
			return t.Span, true
		}
		if strings.HasSuffix(t.Value, "_REF") {
			for _, w := range strings.Fields(strings.ToLower(d.Slice(t.Span))) {
				switch w {
				case "yesterday", "today", "tonight", "morning", "afternoon", "evening", "night":
					return t.Span, true
				}
			}
		}
	}
	return doc.Span{}, false
}

// sameWeekday returns the timex that dates a weekday expression at sp:
// the day-precise date of the nearest earlier sentence with a date, else
// the document's best date, when it falls on that weekday, with its date
// source; -1 otherwise. A date on another weekday says nothing of which
// week is meant.
func sameWeekday(d *doc.Document, m *mention, sp doc.Span) (int, string) {
	var v string
	for _, i := range m.ix.timexes.in(sp) {
		if d.Timexes[i].Span == sp {
			v = d.Timexes[i].Value
		}
	}
	if len(v) != len("XXXX-WXX-1") || !strings.HasPrefix(v, "XXXX-WXX-") {
		return -1, ""
	}
	wd := time.Weekday((int(v[len(v)-1]-'0') % 7)) // TIMEX3 counts Monday as 1, Sunday as 7
	i, src := -1, ""
	if m.sent > 0 {
		i, src = m.ix.timexUpTo(d, m.sent-1), DateFromParagraph
	}
	if i < 0 {
		i, src = m.ix.docTimexOf(d), DateFromDocument
	}
	if i < 0 || d.Timexes[i].Precision != doc.DateDay || d.Timexes[i].Start.Weekday() != wd {
		return -1, ""
	}
	return i, src
}

// monthOf widens a date taken from elsewhere in the document to its
// month: the document's best date stands after the event's sentence
// (an earlier one would have dated it), in another part of the story,
// so it says roughly when, not on which day. A later sentence of the
// same event that dates it inside the month refines it again (see
// merge).
func monthOf(e *doc.Event) {
	if r, ok := timexRank[e.DatePrecision]; !ok || r >= timexRank[doc.DateMonth] {
		return
	}
	first := time.Date(e.Date.Year(), e.Date.Month(), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1)
	if e.DateEnd.After(last) {
		return // a week across two months stays as it is
	}
	e.Date, e.DateEnd, e.DatePrecision = first, last, doc.DateMonth
}

// publishedWeek dates e to the week up to the publication date.
func publishedWeek(d *doc.Document, e *doc.Event) {
	p := d.Published.UTC()
	day := time.Date(p.Year(), p.Month(), p.Day(), 0, 0, 0, 0, time.UTC)
	e.Date, e.DateEnd = day.AddDate(0, 0, -6), day
	e.DatePrecision = doc.DateWeek
	e.DateSource = DateFromPublished
}

// presentPerfect reports whether m's trigger is told in the present
// perfect: "has" or "have" at most three words before it in its clause
// ("forces have succeeded in regaining", "has been shelled"), not "had".
func presentPerfect(m *mention) bool {
	for k := m.trig - 1; k >= 0 && k >= m.trig-3; k-- {
		switch m.tokens[k].key {
		case "has", "have":
			return true
		case ",", ";", ":", "(", ")", "that", "which", "who", "after", "before", "since":
			return false
		}
	}
	return false
}

// sinceDate dates an event told in the clause after "<length> since":
// "almost three weeks since the gas attack killed 90 people" puts the
// attack three weeks before the publication date, "two days since the
// convoy was ambushed" two days before it. A qualifier moves the interval
// to one side ("almost", "nearly": later; "more than", "over": earlier);
// a bare length of weeks, months or years spans half a unit either way.
func sinceDate(d *doc.Document, m *mention) bool {
	if d.Published == nil {
		return false
	}
	for _, i := range m.ix.timexes.in(m.span) {
		t := &d.Timexes[i]
		if t.Type != doc.TimexDuration || t.Span.End > m.span.End {
			continue
		}
		// the word after the length is "since", and the trigger follows
		// it in the same clause
		k := tokenAt(m.tokens, t.Span.End)
		if k < 0 || m.tokens[k].key != "since" || m.trig <= k || m.trig > k+12 || breakBetween(m.tokens, k, m.trig) {
			continue
		}
		days, unit, prec, ok := durationDays(t.Value)
		if !ok {
			continue
		}
		p := d.Published.UTC()
		c := time.Date(p.Year(), p.Month(), p.Day(), 0, 0, 0, 0, time.UTC).AddDate(0, 0, -days)
		half := unit / 2
		from, to := c.AddDate(0, 0, -half), c.AddDate(0, 0, half)
		if q := tokenBefore(m.tokens, t.Span.Start); q >= 0 {
			switch m.tokens[q].key {
			case "almost", "nearly":
				from, to = c, c.AddDate(0, 0, 2*half)
			case "over", "than": // "more than three weeks"
				from, to = c.AddDate(0, 0, -2*half), c
			}
		}
		e := &m.ev
		e.Date, e.DateEnd, e.DatePrecision = from, to, prec
		e.DateSource, e.DateSpan = DateFromClause, t.Span
		return true
	}
	return false
}

// durationDays reads a TIMEX3 length of days, weeks, months or years
// ("P3W") as days, with the unit's length in days and the precision a
// date counted back by it has.
func durationDays(v string) (days, unit int, prec string, ok bool) {
	if len(v) < 3 || v[0] != 'P' {
		return 0, 0, "", false
	}
	n, err := strconv.Atoi(v[1 : len(v)-1])
	if err != nil || n <= 0 {
		return 0, 0, "", false
	}
	switch v[len(v)-1] {
	case 'D':
		return n, 1, doc.DateDay, true
	case 'W':
		return 7 * n, 7, doc.DateWeek, true
	case 'M':
		return 30 * n, 30, doc.DateMonth, true
	case 'Y':
		return 365 * n, 365, doc.DateYear, true
	}
	return 0, 0, "", false
}

// tokenAt returns the index of the first token starting at or after off.
func tokenAt(ts []tok, off int) int {
	for k, t := range ts {
		if t.start >= off {
			return k
		}
	}
	return -1
}

// tokenBefore returns the index of the last token ending at or before off.
func tokenBefore(ts []tok, off int) int {
	k := -1
	for j, t := range ts {
		if t.end > off {
			break
		}
		k = j
	}
	return k
}

// breakBetween reports whether a clause ends between tokens a and b.
func breakBetween(ts []tok, a, b int) bool {
	for k := a + 1; k < b; k++ {
		if ts[k].key == ";" || ts[k].key == "." {
			return true
		}
	}
	return false
}

var timexRank = map[string]int{doc.DateDay: 0, doc.DateWeek: 1, doc.DateMonth: 2, doc.DateSeason: 3, doc.DateYear: 4, doc.DateDecade: 5}

// bestTimex returns the finest dated expression among the candidates
// inside span, or -1.
func bestTimex(d *doc.Document, cands []int, span doc.Span) int {
	best, rank := -1, 99
	for _, i := range cands {
		t := &d.Timexes[i]
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

// Bits of objectWords.
const (
	isTarget = 1 << iota
	isWeapon
)

// objectWords marks the target and weapon words, so that a sentence's
// words are looked up once for both.
var objectWords = func() map[string]uint8 {
	out := make(map[string]uint8, len(targetWords)+len(weaponWords))
	for w := range targetWords {
		out[w] |= isTarget
	}
	for w := range weaponWords {
		out[w] |= isWeapon
	}
	return out
}()

// objectFilter passes the words of objectWords.
var objectFilter = func() *wordFilter {
	f := &wordFilter{}
	for w := range objectWords {
		f.add(w)
	}
	return f
}()

// targetsAndWeapons returns the target words and the weapon words of m's
// sentence, in order.
func targetsAndWeapons(m *mention) (targets, weapons []doc.Span) {
	for _, t := range m.tokens {
		if !objectFilter.mayHave(t.key) {
			continue
		}
		bits := objectWords[t.key]
		if bits == 0 {
			continue
		}
		sp := doc.Span{Start: t.start, End: t.end}
		if bits&isTarget != 0 {
			targets = append(targets, sp)
		}
		if bits&isWeapon != 0 {
			weapons = append(weapons, sp)
		}
	}
	return targets, weapons
}

// sayVerbs mark attribution: "X said", "according to X"; a denial is
// attributed to the denier.
var sayVerbs = toSet("said says reported reports told stated announced confirmed claimed added noted quoted denied denies rejected")

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
		if a, sp := s.sourceBefore(d, m, k); a != "" {
			return a, sp
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

// sourceAt returns the actor or noun phrase starting at token k.
func (s *Stage) sourceAt(d *doc.Document, m *mention, k, maxWords int) (string, doc.Span) {
	ts := m.tokens
	if k >= len(ts) {
		return "", doc.Span{}
	}
	for _, a := range m.actors(d) {
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

// sourceBefore returns the subject of the say verb at token k: the actor
// just before it, past adverbs ("SOHR initially reported") and an
// apposition ("HTS, the former affiliate of al-Qaeda, said"), else the
// noun phrase of up to four words before it.
func (s *Stage) sourceBefore(d *doc.Document, m *mention, k int) (string, doc.Span) {
	ts := m.tokens
	j := k - 1
	for j >= 0 && strings.HasSuffix(ts[j].key, "ly") && len(ts[j].key) > 4 {
		j-- // "initially", "later", "also" are not the subject
	}
	if j >= 0 && (ts[j].key == "also" || ts[j].key == "later" || ts[j].key == "had" || ts[j].key == "has") {
		j--
	}
	if j < 0 {
		return "", doc.Span{}
	}
	verbStart := ts[j].end
	acts := m.actors(d)
	var near *doc.ActorMention
	for _, a := range acts {
		if a.End <= verbStart && verbStart-a.End <= 2 {
			near = a
		}
	}
	// An apposition: ", the former affiliate of al-Qaeda," between the
	// subject and the verb.
	if j >= 0 && ts[j].key == "," || near != nil {
		c := j
		for c >= 0 && ts[c].key != "," && j-c < 10 {
			c--
		}
		if ts[j].key == "," {
			c = j - 1
			for c >= 0 && ts[c].key != "," && j-c < 10 {
				c--
			}
		}
		if c > 0 && ts[c].key == "," && c+1 < len(ts) && ts[c+1].key == "the" {
			for _, a := range acts {
				if a.End <= ts[c].start && ts[c].start-a.End <= 2 {
					return a.Name, a.Span
				}
			}
		}
	}
	if near != nil {
		return near.Name, near.Span
	}
	// noun phrase: up to 4 words back to a break
	i := j
	for i >= 0 && i >= j-3 && !isBreak(ts[i].key) && !stopBefore[ts[i].key] {
		i--
	}
	if i == j {
		return "", doc.Span{}
	}
	sp := doc.Span{Start: ts[i+1].start, End: ts[j].end}
	return d.Text[sp.Start:sp.End], sp
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
