package event

import (
	"slices"
	"strings"

	"github.com/sitrep-dev/sitrep/internal/doc"
)

// genericBlast is the priority of the bare blast words in
// data/triggers.tsv ("explosion", "blast", "bomb"), below air strikes and
// shelling and the named devices.
const genericBlast = 70

// Pseudo sub-event types the rules resolve later.
const (
	protestFamily = "@protest"
	// protestCue marks a sentence that only adds cues to a protest.
	protestCue = "@protestcue"
)

// protestCues are the cues a later sentence may add to a protest.
var protestCues = []string{"@protviolence", "@force", "@intervention"}

// match is one lexicon phrase found in a sentence.
type match struct {
	class      string
	priority   int
	start, end int // token indexes
}

// mention is one sentence's event before merging.
type mention struct {
	sent    int
	span    doc.Span
	trigger doc.Span
	typ     string // sub-event type or protestFamily
	cues    map[string]bool
	cuePos  map[string][2]int // first token range of each cue class
	// support and reference hold the token ends of the @support and
	// @reference cues, which demote the event words right after them
	// (see demoted).
	support, reference []int
	tokens             []tok
	trig               int // token index of the trigger
	trigEnd            int
	ev                 doc.Event
	extra              []*mention // later sentences folded into this one
	// generic marks a mention whose trigger is only a word of violence,
	// death or arrest ("4 people were killed", "one was arrested"): in
	// a sentence with no place or date of its own it continues the
	// story of the event before it (see followUp).
	generic bool
	// denial marks a sentence that denies an event ("the ministry denied
	// its jets struck the clinic"): it is a report of an earlier event,
	// never an event of its own.
	denial bool

	ix     *docIndex
	acts   []*doc.ActorMention
	quants []*doc.Quantity
	cached bool
}

// actors returns the actor mentions of m's sentence.
func (m *mention) actors(d *doc.Document) []*doc.ActorMention {
	m.cache(d)
	return m.acts
}

// quantities returns the figures of m's sentence.
func (m *mention) quantities(d *doc.Document) []*doc.Quantity {
	m.cache(d)
	return m.quants
}

func (m *mention) cache(d *doc.Document) {
	if !m.cached {
		m.acts, m.quants, m.cached = m.ix.actorsOf(d, m.span), m.ix.quantitiesOf(d, m.span), true
	}
}

// sentence classifies sentence i of d and returns its mention, or nil.
func (s *Stage) sentence(d *doc.Document, ix *docIndex, sents []doc.Span, i int) (m *mention) {
	sent := sents[i]
	// The words of all sentences share one buffer; a mention keeps its
	// own part of it.
	from := len(ix.toks)
	ix.toks = sentenceTokens(ix.toks, ix.keyer, sent)
	ts := ix.toks[from:len(ix.toks):len(ix.toks)]
	if len(ts) == 0 {
		return nil
	}
	// a sentence that yields no mention gives its words back: only a
	// mention keeps its part of the buffer
	defer func() {
		if m == nil {
			ix.toks = ix.toks[:from]
		}
	}()
	keys, ids := ix.keys[:0], ix.ids[:0]
	for _, t := range ts {
		keys = append(keys, t.key)
		ids = append(ids, s.lex.id(t.key))
	}
	ix.keys, ix.ids = keys, ids
	var cues map[string]bool
	var cuePos map[string][2]int
	var trs []match
	var support, reference []int
	for k := range ids {
		// every phrase starting at word k, shortest first
		for j, node := k, int32(0); j < len(ids); j++ {
			if node = s.lex.dict.Child(node, ids[j]); node == 0 {
				break
			}
			vals := s.lex.dict.Values(node)
			if len(vals) == 0 {
				continue
			}
			m := match{start: k, end: j + 1}
			if cues == nil {
				cues, cuePos = map[string]bool{}, map[string][2]int{}
			}
			for _, v := range vals {
				t := s.lex.triggers[v]
				if t.class == "@directfire" && m.start > 0 && keys[m.start-1] == "heavy" {
					// "heavy machine guns" are crew-served, fired from
					// afar like grenade launchers: not direct fire
					continue
				}
				if t.class == "Shelling/artillery/missile attack" && m.start > 0 && (keys[m.start-1] == "gas" || keys[m.start-1] == "teargas") {
					// "lobbed tear gas shells" is riot control, not
					// shelling
					continue
				}
				if t.class == "@force" && deathWord[keys[m.start]] && m.end-m.start == 1 && !namesForces(keys) {
					// "to honour the dead", "its conversion into a
					// morgue for coronavirus deaths": a death at a
					// protest is force against it only where the
					// sentence names who could use force
					continue
				}
				if t.class == "@protest" && arrestCharge(d, ts, m.start) {
					// "arrested an activist on charges related to
					// organising an illegal protest", "continue to
					// arrest activists in anticipation of mass
					// protests": a protest the arrest is for is no
					// protest where it happened
					continue
				}
				if t.class == "@protviolence" && calmCue(keys, m.start, m.end) {
					// "No violence was reported", "barricaded
					// themselves into the office": no violence by
					// the crowd
					continue
				}
				if isProtestCue(t.class) && grievance(d, ts, m.start, t.class) {
					// "protested against the arrest of", "urged the
					// authorities to intervene", "against police
					// violence", "after riots last week": what the
					// protest is about, not what happened at it
					if arrestWord[keys[m.start]] {
						cues["@arrestgrievance"] = true
					}
					continue
				}
				if !cues[t.class] {
					cues[t.class] = true
					cuePos[t.class] = [2]int{m.start, m.end}
				}
				switch t.class {
				case "@support":
					support = append(support, m.end)
				case "@reference":
					reference = append(reference, m.end)
				}
				if t.priority > 0 {
					trs = append(trs, match{t.class, t.priority, m.start, m.end})
				}
			}
		}
	}
	if cues == nil {
		// no phrase of the lexicon: classify has nothing to go on (a
		// crowd's demand and a protest's cue are phrases too)
		return nil
	}
	trs = outermost(trs)
	m = &mention{sent: i, span: sent, cues: cues, cuePos: cuePos, support: support, reference: reference, tokens: ts, ix: ix}
	typ, best, ok := s.classify(d, m, trs)
	if !ok {
		// "Police dispersed them with tear gas." has no trigger of its own
		// but tells what happened to a protest reported before it.
		for _, c := range protestCues {
			if p, has := cuePos[c]; has && !cues["@nonevent"] && !cues["@crime"] {
				m.typ = protestCue
				m.trig, m.trigEnd = p[0], p[1]
				m.trigger = doc.Span{Start: ts[p[0]].start, End: ts[p[1]-1].end}
				return m
			}
		}
		return nil
	}
	m.typ = typ
	m.generic = best.class == "@violence" || best.class == "Arrests"
	m.trig, m.trigEnd = best.start, best.end
	m.trigger = doc.Span{Start: ts[best.start].start, End: ts[best.end-1].end}
	// A denial governs the event it names after it ("the air force
	// denied its jets had bombed the market"), not a lesser word after
	// the event ("protested after the plan was rejected, citing the
	// lockdown"); "being denied access" is a refusal, not a denial.
	if p, ok := cuePos["@denied"]; ok && !refusal(ts, p[0]) {
		for _, t := range trs {
			if t.start >= p[1] && t.priority >= best.priority {
				m.denial = true
			}
		}
	}
	return m
}

// deathWord are the @force cues that tell only of death or injury, not
// of who caused it.
var deathWord = toSet("killed killing died dead deaths fatally injured wounded")

// securityWord name the forces that police a protest.
var securityWord = toSet("police policemen policeman officers officer security soldiers troops army military guards " +
	"gendarmes gendarmerie forces militia militiamen agents")

// namesForces reports whether a sentence's words name security forces.
func namesForces(keys []string) bool {
	for _, k := range keys {
		if securityWord[k] {
			return true
		}
	}
	return false
}

// refusal reports whether the denial word at token k is passive: "being
// denied access", "were denied entry".
func refusal(ts []tok, k int) bool {
	if k == 0 {
		return false
	}
	switch ts[k-1].key {
	case "being", "been", "was", "were", "is", "are", "be":
		return true
	}
	return false
}

func isProtestCue(class string) bool { return slices.Contains(protestCues, class) }

// grievanceWords before an intervention word make it what a protest is
// about: "against the arrest of", "demanding the release of the
// detained", "urged the authorities to intervene", "the leader who was
// arrested".
var grievanceWords = toSet("against over demand demands demanded demanding urge urged urges urging calling called " +
	"condemn condemns condemned condemning denounce denounced denouncing decrying protesting release freeing who " +
	"after following amid fearing fear fears feared domestic gender sexual")

// chargeWords between an arrest and a protest word make the protest
// what the arrest is for: "arrested for organising a protest", "on
// charges related to", "in anticipation of mass protests", "for
// offences including gathering in groups".
var chargeWords = toSet("for charges charge charged accused anticipation ahead organising organizing " +
	"organised organized inciting incited incitement offences offenses")

// arrestCharge reports whether the protest word at token k is what an
// arrest before it is for: an arrest word, then a charge word, at most
// twelve words before k with no sentence punctuation between.
func arrestCharge(d *doc.Document, ts []tok, k int) bool {
	charge := false
	for j := k - 1; j >= 0 && j >= k-12; j-- {
		if strings.ContainsAny(d.Text[ts[j].end:ts[j+1].start], ".;:") {
			return false
		}
		switch key := ts[j].key; {
		case chargeWords[key]:
			charge = true
		case arrestWord[key] || key == "arresting" || key == "jailed":
			return charge
		}
	}
	return false
}

// calmCue reports whether the @protviolence cue at tokens k..end is no
// violence by the crowd: negated ("no violence", "without violence",
// "non-violent") or done to themselves ("barricaded themselves into the
// office" is an occupation).
func calmCue(keys []string, k, end int) bool {
	if k > 0 {
		switch keys[k-1] {
		case "no", "without", "non", "not", "nor":
			return true
		}
	}
	return end < len(keys) && keys[end] == "themselves"
}

// arrestWord are the intervention words that tell of an arrest.
var arrestWord = toSet("arrest arrests arrested detained detention detains")

// grievance reports whether the intervention word at token k is in a
// clause that says what a protest is about: a grievance word at most five
// words before it, with no punctuation between.
//
// "who" opens a grievance only for what was done to someone ("the
// leader who was arrested"), not for violence: "demonstrators who
// pelted stones" is the protest turning violent.
func grievance(d *doc.Document, ts []tok, k int, class string) bool {
	for j := k - 1; j >= 0 && j >= k-5; j-- {
		if strings.ContainsAny(d.Text[ts[j].end:ts[j+1].start], ",.;:") {
			return false
		}
		if grievanceWords[ts[j].key] && (ts[j].key != "who" || class != "@protviolence") {
			return true
		}
	}
	return false
}

// outermost drops trigger matches inside a longer one ("grenade" inside
// "rocket propelled grenade").
func outermost(ms []match) []match {
	if len(ms) < 2 {
		return ms
	}
	slices.SortStableFunc(ms, func(a, b match) int { return (b.end - b.start) - (a.end - a.start) })
	var out []match
	for _, m := range ms {
		inside := false
		for _, o := range out {
			if o.start <= m.start && m.end <= o.end && (o.end-o.start > m.end-m.start) {
				inside = true
				break
			}
		}
		if !inside {
			out = append(out, m)
		}
	}
	slices.SortStableFunc(out, func(a, b match) int { return a.start - b.start })
	return out
}

// classify applies the rules in order. Each returns the sub-event type
// and the trigger it rests on, or false to pass.
func (s *Stage) classify(d *doc.Document, m *mention, trs []match) (string, match, bool) {
	if len(trs) == 0 && !m.cues["Disrupted weapons use"] {
		// "workers of a construction company demanded their wages",
		// "residents blocked the highway with two lorries": people
		// pressing a demand together are protesting.
		if b, ok := s.crowdDemand(m); ok && !m.cues["@nonevent"] {
			return protestFamily, b, true
		}
		return "", match{}, false
	}
	// Not events: disasters, accidents, sanctions, denials and claims of
	// responsibility ("IS claimed the bombing") are statements or other
	// news, unless people are protesting about them.
	if m.cues["@nonevent"] && !m.cues["@protest"] && !m.cues["@riot"] && !nonEventIsCause(m, trs) {
		return "", match{}, false
	}
	// A crime ("smuggling", "a bank robbery") is news, not an event,
	// unless someone was killed or hurt in it or explosives went off
	// ("armed men used explosives in a bank robbery").
	if m.cues["@crime"] && !m.cues["@protest"] && !m.cues["@riot"] && !hasClass(trs, "Remote explosive/landmine/IED") &&
		s.sentenceFigure(d, m, "killed") == nil && s.sentenceFigure(d, m, "wounded") == nil {
		return "", match{}, false
	}
	// A running total ("the war has killed 370,000 people", "850,000
	// have been uprooted since February") is a tally, not an event.
	if onlyTallies(m.quantities(d)) {
		return "", match{}, false
	}
	killed := s.sentenceFigure(d, m, "killed") != nil
	if killed && nonEventIsCause(m, trs) && deathsInCause(d, m) {
		// "burnt a vehicle after a road accident that killed one of
		// them": the accident's dead are not the riot's
		killed = false
	}
	// Disrupted weapons use: a seizure or defusing verb with a weapon
	// object ("police seized 12 rifles", "an IED was found and defused"),
	// unless people were killed, which makes it an attack.
	if m.cues["Disrupted weapons use"] && m.cues["@weapon"] && !killed && !m.cues["Suicide bomb"] {
		if b, ok := firstOf(m, "Disrupted weapons use"); ok {
			return "Disrupted weapons use", b, true
		}
	}
	trs = s.demoted(d, m, trs)
	if len(trs) == 0 {
		return "", match{}, false
	}
	best := trs[0]
	for _, t := range trs[1:] {
		if t.priority > best.priority {
			best = t
		}
	}
	// "protested against the release of prisoners", "rallied over the
	// killing of a student": an event named in what a protest is about
	// is its grievance; the protest is the event.
	if best.class != "@protest" && best.class != "@riot" && grievance(d, m.tokens, best.start, best.class) {
		for _, t := range trs {
			if t.class == "@protest" && t.start < best.start {
				return protestFamily, t, true
			}
		}
	}
	// "hit the trenches with mortars, grenade launchers and rifle
	// fire", "clashed with both small and heavy weapons": forces
	// trading direct fire are fighting, whatever else they fire.
	if best.class == "Shelling/artillery/missile attack" && m.cues["@directfire"] {
		return "Armed clash", best, true
	}
	// "explosions and small arms fire near the crossing": a bare blast
	// word heard alongside direct fire is a firefight, not a bomb.
	if best.class == "Remote explosive/landmine/IED" && best.priority <= genericBlast && m.cues["@directfire"] {
		return "Armed clash", best, true
	}
	// "migrant workers pelted stones at police demanding to go home",
	// "workers set fire to tyres to demand their pay": a crowd's
	// violence or damage with a demand is a protest turned violent.
	if best.class == "Looting/property destruction" && !killed || best.class == "@violence" || best.class == "Armed clash" {
		if b, ok := s.crowdDemand(m); ok && (best.class == "Looting/property destruction" || s.mobViolence(d, m, best)) {
			return protestFamily, b, true
		}
	}
	// "taxi riders burnt a vehicle after a road accident killed one of
	// them", "angry residents set fire to the office over the power
	// cuts": a crowd destroying property in reaction to something is
	// rioting, a violent demonstration.
	if best.class == "Looting/property destruction" && !killed && crowdReacts(m, best) {
		m.cues["@protviolence"] = true
		return protestFamily, best, true
	}
	switch best.class {
	case "@protest", "@riot":
		return protestFamily, best, true
	case "@territory":
		if s.capturesPeopleOrThings(d, m, best) {
			// "captured two fighters" is an arrest, "seized weapons" a
			// seizure; try the next trigger.
			return s.classify(d, m, without(trs, best))
		}
		if a := s.actorBefore(d, m, best.start); isNonState(a) && !affiliate(a, s.sceneCountry(d, m)) && !s.stateAmongSubjects(d, m, best.start) {
			return "Non-state actor overtakes territory", best, true
		}
		return "Government regains territory", best, true
	case "@violence", "Armed clash", "Attack":
		if s.mobViolence(d, m, best) {
			return "Mob violence", best, true
		}
		if best.class == "Armed clash" {
			return best.class, best, true
		}
		if best.class == "@violence" && !killed && !s.hasFigure(d, m) && weakViolence[m.tokens[best.start].key] {
			// "hit", "struck", "dead" alone are too weak to make an event.
			return "", match{}, false
		}
		return s.attackOrClash(d, m, best), best, true
	case "Looting/property destruction":
		if killed {
			return s.attackOrClash(d, m, best), best, true
		}
	}
	return best.class, best, true
}

// mobViolence reports whether violence is done by an unorganised crowd
// rather than an armed group or the state, which ACLED codes as rioters:
//
//   - a mob cue ("lynched", "an angry mob", "beat up") unless armed men,
//     police or an armed actor do it: "prison guards beat up a
//     journalist" is an attack;
//   - a clash or fight whose sides are a crowd ("two groups clashed over
//     a land dispute", "villagers clashed with police", "fought with
//     sticks and axes") with no soldiers or armed group among them
//     (police may be the other side);
//   - an attack by a crowd ("villagers attacked the officials", "beaten
//     to death by a group of men") or over a private dispute ("killed
//     over a property dispute"), with no armed attacker.
func (s *Stage) mobViolence(d *doc.Document, m *mention, t match) bool {
	if clashWord[m.tokens[t.start].key] && partisanBrawl(d, m) {
		return true
	}
	lo, hi := attackerSide(m, t)
	if armedIn(d, m, lo, hi, true) {
		return false
	}
	if m.cues["@mob"] {
		return true
	}
	crowd, crude, dispute := false, false, false
	for k := range m.tokens {
		key := m.tokens[k].key
		switch {
		case crudeWeapon[key]:
			crude = true
		case key == "dispute" || key == "disputes" || key == "feud":
			dispute = true
		case crowdWord[key] && (k < 1 || !notCrowd[m.tokens[k-1].key]):
			if clashWord[m.tokens[t.start].key] || lo <= k && k < hi {
				crowd = true
			}
		}
	}
	if clashWord[m.tokens[t.start].key] {
		return (crowd || crude || dispute) && !armedIn(d, m, 0, len(m.tokens), false)
	}
	if t.class == "Armed clash" || armedIn(d, m, 0, len(m.tokens), false) {
		return false
	}
	return crowd || crude || dispute && lo == hi
}

// partisanBrawl reports whether a fight is between party members or
// supporters, which ACLED codes as rioting even when one side is a
// party's youth wing it lists as a militia ("the ruling party's youth
// league and opposition members fought with machetes"): a political
// party among the sentence's actors, and no firearm, soldier, rebel or
// foreign force.
func partisanBrawl(d *doc.Document, m *mention) bool {
	party := false
	for _, a := range m.actors(d) {
		switch a.Type {
		case "political":
			party = true
		case "state", "rebel", "foreign":
			return false
		}
	}
	if !party {
		return false
	}
	for _, tk := range m.tokens {
		if gunWord[tk.key] || tk.key == "armed" || tk.key == "shot" || tk.key == "gunfire" {
			return false
		}
	}
	return true
}

// crowdDemand returns the @demand cue of a sentence in which a crowd
// presses a demand ("residents demanded", "workers ... to demand", "taxi
// drivers blocked the bridge"), or false when there is none or no crowd
// says it: "the ministry demanded an apology" is a statement.
//
// A crowd forcing something shut ("residents forced a supermarket to
// close", @coerce) presses its demand by force: the sentence gets the
// @protviolence cue.
func (s *Stage) crowdDemand(m *mention) (match, bool) {
	for _, cue := range [...]string{"@demand", "@coerce"} {
		p, ok := m.cuePos[cue]
		if !ok {
			continue
		}
		if cue == "@coerce" {
			// the nearest people before it force: "sellers clashed with
			// police when officers forced the group to stop" is the
			// police's force, not the crowd's
			for k := p[0] - 1; k >= 0; k-- {
				key := m.tokens[k].key
				if securityWord[key] || armedWord[key] {
					break
				}
				if crowdWord[key] || demanderWord[key] {
					m.cues["@protviolence"] = true
					return match{class: "@protest", priority: 30, start: p[0], end: p[1]}, true
				}
			}
			continue
		}
		for k := 0; k < p[0]; k++ {
			if key := m.tokens[k].key; crowdWord[key] || demanderWord[key] {
				return match{class: "@protest", priority: 30, start: p[0], end: p[1]}, true
			}
		}
	}
	return match{}, false
}

// reactionWords after a crowd's damage tell what it reacts to: "after a
// road accident", "over the power cuts", "in anger at".
var reactionWords = toSet("after following over angered anger angry outraged furious protest retaliation")

// crowdReacts reports whether the damage at trigger t is done by a
// crowd in reaction to something: a crowd word before the trigger with no
// armed people or forces among the words before it, and a reaction word
// in the sentence.
func crowdReacts(m *mention, t match) bool {
	crowd := false
	for k := 0; k < t.start; k++ {
		key := m.tokens[k].key
		switch {
		case armedWord[key] || gunWord[key] || key == "armed" || key == "gunmen":
			return false
		case key == "group" || key == "groups":
			// "an unidentified group vandalised a cafe": a band of
			// unknown people, not a crowd
		case crowdWord[key] && (k < 1 || !notCrowd[m.tokens[k-1].key]) || demanderWord[key] || riderWord[key]:
			crowd = true
		}
	}
	if !crowd {
		return false
	}
	for _, tk := range m.tokens {
		if reactionWords[tk.key] {
			return true
		}
	}
	return false
}

// riderWord are the road users whose crowds riot after a crash.
var riderWord = toSet("riders motorcyclists bikers motorists commuters passengers")

// nonEventIsCause reports whether the @nonevent cue of m's sentence only
// says what a deliberate act before it reacts to: "burnt a vehicle after a
// road accident", "attacked the driver following the crash". A death or
// injury is no deliberate act: "two people died after a road accident"
// stays an accident.
func nonEventIsCause(m *mention, trs []match) bool {
	p, ok := m.cuePos["@nonevent"]
	if !ok {
		return false
	}
	cause := false
	for j := p[0] - 1; j >= 0 && j >= p[0]-3; j-- {
		key := m.tokens[j].key
		if key == "after" || key == "following" || key == "over" {
			cause = true
			break
		}
	}
	if !cause {
		return false
	}
	for _, t := range trs {
		switch t.class {
		case "Looting/property destruction", "Attack", "@riot":
			if t.end <= p[0] {
				return true
			}
		}
	}
	return m.cues["@mob"] && m.cuePos["@mob"][1] <= p[0]
}

// deathsInCause reports whether every death figure of m's sentence comes
// after its @nonevent cue, in the clause telling what the act reacted to.
func deathsInCause(d *doc.Document, m *mention) bool {
	at := m.tokens[m.cuePos["@nonevent"][0]].start
	for _, q := range m.quantities(d) {
		if q.Category == "killed" && q.Start < at {
			return false
		}
	}
	return true
}

// hasClass reports whether one of the triggers ms is of class.
func hasClass(ms []match, class string) bool {
	for _, t := range ms {
		if t.class == class {
			return true
		}
	}
	return false
}

// demanderWord are the people, besides crowds, whose demands are
// protests.
var demanderWord = toSet("people relatives prisoners inmates drivers employees teachers doctors nurses union unions " +
	"activists parents taxi")

// attackerSide returns the token range that names who did the violence
// at t: the words up to an active trigger (which may itself name them:
// "armed men", "gunmen"), the words after "by" after a passive one
// (empty when no one is named).
func attackerSide(m *mention, t match) (lo, hi int) {
	passive := passiveTrigger(m.tokens, t)
	if !passive {
		return 0, t.end
	}
	for k := t.end; k < len(m.tokens); k++ {
		if m.tokens[k].key == "by" {
			return k + 1, len(m.tokens)
		}
	}
	return t.start, t.start
}

// armedIn reports whether tokens lo..hi of m name armed people (soldiers,
// gunmen, "armed youth"), guns or an armed actor. Police count only when
// withPolice is set: rioters fight police, police attack civilians.
func armedIn(d *doc.Document, m *mention, lo, hi int, withPolice bool) bool {
	if lo >= hi {
		return false
	}
	for k := lo; k < hi; k++ {
		key := m.tokens[k].key
		if !withPolice && policeName(m.tokens, k) {
			continue
		}
		if key == "armed" || gunWord[key] || armedWord[key] && (withPolice || !policeWord[key]) {
			if k > 0 && (m.tokens[k-1].key == "former" || m.tokens[k-1].key == "retired") {
				continue
			}
			return true
		}
	}
	from, to := m.tokens[lo].start, m.tokens[hi-1].end
	for _, a := range m.actors(d) {
		if a.Start < from || a.End > to {
			continue
		}
		switch a.Type {
		case "state", "rebel", "militia", "foreign":
			return true
		case "police":
			if withPolice {
				return true
			}
		}
	}
	return false
}

// crowdWord names the unorganised people a riot is made of.
var crowdWord = toSet("villagers residents locals mob crowd crowds youths youth rivals supporters shopkeepers traders " +
	"sellers vendors migrants workers labourers laborers citizens community group groups neighbours neighbors " +
	"relatives families farmers herders students")

// notCrowd before a crowd word makes it something else: "armed group",
// "the international community".
var notCrowd = toSet("armed international militant rebel terrorist criminal")

// crudeWeapon are the arms of a brawl, not of a battle.
var crudeWeapon = toSet("sticks stick stones stone axes axe machetes machete clubs rods bows arrows knives knife bricks " +
	"bamboo hoes sickles sickle spades")

// gunWord are the arms of a fight between armed men, not a brawl.
var gunWord = toSet("firearms firearm guns gun rifles rifle pistols pistol")

// clashWord are the clash triggers that say nothing of who fought.
var clashWord = toSet("clash clashes clashed clashing fight fights fought fighting infighting scuffle scuffles brawl")

// policeWord are the armed words police may be named by.
var policeWord = toSet("police policemen policeman officer officers personnel patrol patrols post posts")

// joinWords may stand between two actors of one subject: "pro-government
// forces, including foreign militias,", "army units and allied
// militias", "troops backed by tribal fighters".
var joinWords = toSet("and including with along together backed alongside as")

// stateAmongSubjects reports whether the actors joined into the subject
// of the verb at token k include a state force or a government
// affiliate: "government troops and allied militias took the town" is
// the government regaining it, even though the nearest actor is a
// militia.
func (s *Stage) stateAmongSubjects(d *doc.Document, m *mention, k int) bool {
	limit := m.tokens[k].start
	var before []*doc.ActorMention
	for _, a := range m.actors(d) {
		if a.End <= limit && partyTypes[a.Type] {
			before = append(before, a)
		}
	}
	for i := len(before) - 1; i >= 0; i-- {
		if before[i].Type == "state" || affiliate(before[i], s.sceneCountry(d, m)) {
			return true
		}
		if i == 0 || !joined(d.Text[before[i-1].End:before[i].Start]) {
			return false
		}
	}
	return false
}

// joined reports whether the text between two actors only joins them.
func joined(gap string) bool {
	if strings.ContainsAny(gap, ".;:") {
		return false
	}
	words := strings.FieldsFunc(strings.ToLower(gap), func(r rune) bool { return r == ' ' || r == ',' || r == '\n' })
	if len(words) > 4 {
		return false
	}
	// "including Iranian-led foreign": after a joining word, the
	// modifiers of the second actor.
	return len(words) == 0 || joinWords[words[0]]
}

// meansWindow is how many words may stand between a @support or
// @reference cue and the event word it governs ("under pressure from
// the heavy Russian air strikes").
const meansWindow = 4

// demoted drops the triggers a sentence does not report as its event,
// when another trigger is left to name it:
//
//   - a strike or shelling word after a @support cue, in a sentence
//     with a territory or withdrawal trigger, is how the ground was won:
//     "troops entered the village after the rebels withdrew under
//     pressure from air strikes" is a change of territory;
//   - an event word after a @reference cue names an earlier event the
//     sentence only refers to: "jets bombed the clinic to hide the
//     evidence of the gas attack" is the bombing, not a gas attack.
func (s *Stage) demoted(d *doc.Document, m *mention, trs []match) []match {
	if len(m.support)+len(m.reference) == 0 || len(trs) < 2 {
		return trs
	}
	territory := false
	for _, t := range trs {
		if t.class == "@territory" || t.class == "Non-violent transfer of territory" {
			territory = true
		}
	}
	var out []match
	for _, t := range trs {
		if cueBefore(d, m.tokens, m.reference, t.start) {
			continue
		}
		if territory && (t.class == "Air/drone strike" || t.class == "Shelling/artillery/missile attack") &&
			cueBefore(d, m.tokens, m.support, t.start) {
			continue
		}
		out = append(out, t)
	}
	if len(out) == 0 {
		return trs
	}
	return out
}

// cueBefore reports whether one of the cues ending at the token indexes
// ends ends at most meansWindow words before token k, with no
// punctuation between.
func cueBefore(d *doc.Document, ts []tok, ends []int, k int) bool {
	for _, e := range ends {
		if e > k || k-e > meansWindow {
			continue
		}
		clean := true
		for j := max(e, 1); j <= k; j++ {
			if strings.ContainsAny(d.Text[ts[j-1].end:ts[j].start], ",.;:") {
				clean = false
				break
			}
		}
		if clean {
			return true
		}
	}
	return false
}

// weakViolence are @violence words that need a figure to make an event.
var weakViolence = map[string]bool{"body": true, "bodies": true, "found": true, "hit": true, "struck": true, "dead": true, "died": true, "deaths": true, "violence": true, "hurt": true, "injured": true, "wounded": true, "targeted": true, "targeting": true, "fatality": true, "fatalities": true}

func without(ms []match, x match) []match {
	var out []match
	for _, m := range ms {
		if m != x {
			out = append(out, m)
		}
	}
	return out
}

func firstOf(m *mention, class string) (match, bool) {
	p, ok := m.cuePos[class]
	if !ok {
		return match{}, false
	}
	return match{class: class, priority: 96, start: p[0], end: p[1]}, true
}

// capturesPeopleOrThings reports whether a territory verb takes people or
// weapons as its object: "captured 12 fighters", "seized weapons".
func (s *Stage) capturesPeopleOrThings(d *doc.Document, m *mention, t match) bool {
	for k := t.end; k < len(m.tokens) && k < t.end+4; k++ {
		key := m.tokens[k].key
		if key == "control" || key == "the" && k+1 < len(m.tokens) && m.tokens[k+1].key == "town" {
			return false
		}
		if peopleObject[key] || weaponObject[key] {
			return true
		}
	}
	end := m.tokens[t.end-1].end
	for _, q := range m.quantities(d) {
		if q.Start >= end && q.Start-end < 12 {
			return true
		}
	}
	return false
}

var peopleObject = map[string]bool{
	"fighters": true, "militants": true, "soldiers": true, "members": true, "commander": true, "commanders": true,
	"leader": true, "terrorists": true, "rebels": true, "suspects": true, "prisoners": true, "people": true,
	"civilians": true, "men": true, "man": true, "him": true, "them": true, "alive": true, "sailors": true,
}

var weaponObject = map[string]bool{
	"weapons": true, "arms": true, "ammunition": true, "rifles": true, "guns": true, "explosives": true,
	"vehicles": true, "tanks": true, "drugs": true, "marijuana": true, "cocaine": true, "cash": true,
	"equipment": true, "documents": true, "pistols": true, "firearms": true,
}

// attackOrClash decides between Violence against civilians/Attack and
// Battles/Armed clash by who the victims or targets are: civilians and
// civilian places make an attack, armed people and military places a
// clash. With no evidence either way it is a clash when two armed actors
// are named, else an attack.
//
// The victims' side weighs more than the attackers': the words after an
// active trigger ("gunmen shot the villagers"), but before a passive one
// ("a shopkeeper was beaten to death by police"), and never the words
// after "by". An armed word marked off duty or former is a civilian ("an
// off-duty police officer", "a former soldier"); "armed men" are armed.
func (s *Stage) attackOrClash(d *doc.Document, m *mention, t match) string {
	civ, arm := 0, 0
	passive := passiveTrigger(m.tokens, t)
	offDuty := false
	for k := 1; k < len(m.tokens); k++ {
		if m.tokens[k-1].key == "off" && m.tokens[k].key == "duty" {
			offDuty = true
		}
	}
	by := false
	for k, tk := range m.tokens {
		after := k >= t.start
		if after && tk.key == "by" {
			by = true
		}
		w := 1
		victims := after != passive && !by
		if victims {
			w = 2 // the victims' side weighs more than the attackers'
		}
		prev := ""
		if k > 0 {
			prev = m.tokens[k-1].key
		}
		switch {
		case armedWord[tk.key] && (offDuty || formerBefore(m.tokens, k)):
			civ += w
		case civilianWord[tk.key] && prev == "armed":
			arm += w
		case civilianWord[tk.key] && victims:
			// a civilian word on the attackers' side ("a man shot two
			// police officers") says nothing of who was hit
			civ += w
		case armedWord[tk.key] && !policeName(m.tokens, k):
			arm += w
		}
	}
	for _, q := range m.quantities(d) {
		if q.Who == "" {
			continue
		}
		if q.Category == "" && !s.onVictimSide(m, t, passive, q.Start) {
			// "shot by a man": a person counted on the attackers'
			// side, not a casualty
			continue
		}
		head := q.Who
		if i := strings.LastIndexByte(head, ' '); i >= 0 {
			head = head[i+1:]
		}
		if civilianWord[head] {
			civ += 2
		} else if armedWord[head] && !offDuty {
			arm += 2
		}
	}
	armedActors := 0
	for _, a := range m.actors(d) {
		switch a.Type {
		case "state", "rebel", "militia", "police", "foreign":
			armedActors++
		case "civilians":
			if s.onVictimSide(m, t, passive, a.Start) {
				civ++
			}
		}
	}
	if s.victimsArmedLater(d, m) {
		// what the text says of the victims outweighs the words
		// around the trigger
		return "Armed clash"
	}
	switch {
	case civ > arm:
		return "Attack"
	case arm > civ:
		return "Armed clash"
	case armedActors >= 2:
		return "Armed clash"
	default:
		return "Attack"
	}
}

// onVictimSide reports whether byte offset off of m's sentence is on the
// victims' side of trigger t: after an active trigger, before a passive
// one, never after "by".
func (s *Stage) onVictimSide(m *mention, t match, passive bool, off int) bool {
	after := off >= m.tokens[t.start].start
	if after {
		for k := t.end; k < len(m.tokens) && m.tokens[k].start < off; k++ {
			if m.tokens[k].key == "by" {
				return false
			}
		}
	}
	return after != passive
}

// formerBefore reports whether token k is in a phrase that puts its
// holder out of service: "a former military officer", "a retired police
// officer", "an ex-soldier".
func formerBefore(ts []tok, k int) bool {
	for j := k - 1; j >= 0 && j >= k-2; j-- {
		switch ts[j].key {
		case "former", "retired", "ex":
			return true
		}
	}
	return false
}

// policeName reports whether the armed word at token k is part of a
// police force's name, which names no soldiers: "police forces", "police
// outpost", "Armed Police personnel" (Nepal's Armed Police Force).
func policeName(ts []tok, k int) bool {
	if k > 0 && ts[k-1].key == "police" {
		return true
	}
	return ts[k].key == "armed" && k+1 < len(ts) && ts[k+1].key == "police"
}

// victimsArmedLater reports whether a sentence after m's, in its
// paragraph, says the victims belonged to an armed or criminal group:
// "The victim had charges against him for drug trafficking", "The victim
// was involved in a gang". ACLED codes violence against a member of such
// a group as a clash between groups, not an attack on civilians. A
// negated tie ("the victims were not involved") is none.
func (s *Stage) victimsArmedLater(d *doc.Document, m *mention) bool {
	sents := m.ix.sents
	for i := m.sent + 1; i < len(sents) && i <= m.sent+2; i++ {
		if strings.Contains(d.Text[sents[i-1].End:sents[i].Start], "\n\n") {
			return false
		}
		var ts []tok
		ts = sentenceTokens(ts, m.ix.keyer, sents[i])
		victim, tie, neg := false, false, false
		for _, t := range ts {
			switch {
			case t.key == "victim" || t.key == "victims":
				victim = true
			case gangTie[t.key]:
				tie = true
			case t.key == "not" || t.key == "nor" || t.key == "never":
				neg = true
			}
		}
		if victim {
			return tie && !neg
		}
	}
	return false
}

// gangTie are the words that tie a victim to an armed or criminal group.
var gangTie = toSet("gang gangs gangster gangsters trafficking trafficker traffickers cartel cartels faction factions militia")

// passiveTrigger reports whether trigger t is passive: a be-verb at most
// two words before it ("was shot", "were brutally attacked"), or further
// back with no punctuation between when "by" follows it ("was tied up
// and beaten by police").
func passiveTrigger(ts []tok, t match) bool {
	for k := t.start - 1; k >= 0 && k >= t.start-2; k-- {
		if beVerb[ts[k].key] {
			return true
		}
	}
	by := false
	for k := t.end; k < len(ts) && k <= t.end+1; k++ {
		by = by || ts[k].key == "by"
	}
	if !by {
		return false
	}
	for k := t.start - 3; k >= 0 && k >= t.start-6; k-- {
		switch key := ts[k].key; {
		case beVerb[key]:
			return true
		case len(key) == 1 && !asciiAlnum[key[0]]:
			return false
		}
	}
	return false
}

// beVerb before a trigger makes it passive: "was shot", "were attacked".
var beVerb = toSet("was were been being is are")

var civilianWord = toSet("civilian civilians people person persons man men woman women child children boy boys girl girls " +
	"resident residents villager villagers family families passenger passengers worshippers worshipers student students " +
	"teacher teachers journalist journalists farmer farmers trader traders merchant merchants driver drivers shopkeeper " +
	"tourist tourists pilgrims doctor doctors nurse nurses baby babies village villages church mosque market school " +
	"hospital bus hotel house houses home homes community wedding funeral restaurant shop store salon bar " +
	"businessman businessmen leader activist activists councilor councillor mayor official officials victim victims " +
	"body bodies teenager teen youth youths herder herders fisherman fishermen miner miners worker workers prisoner couple " +
	"priest pastor imam cleric monk refugees migrants displaced camp camps motorist vendor " +
	"shepherd shepherds shopkeepers owner owners truck trucks lorry lorries suspect suspects prisoners inmate inmates detainee detainees vendors adolescent reporter reporters contractor")

var armedWord = toSet("soldier soldiers troops troop army military police policemen policeman officer officers " +
	"militant militants fighter fighters rebel rebels insurgent insurgents terrorists combatants gendarmes guards " +
	"personnel servicemen base bases checkpoint checkpoints post posts outpost patrol patrols convoy convoys position positions " +
	"barracks militia militiamen forces commander commanders jawans paramilitary gunmen bandits ranger rangers")

func toSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// affiliate reports whether a fights for the government of country
// without being one of its forces, which ACLED counts with the
// government ("government forces or their affiliates"): its backers
// include that country, or the government of wherever it is
// ("pro-government militias", "forces loyal to the president"). A
// foreign backer makes no affiliate: "Iran-backed militias" in Iraq and
// "Turkish-backed rebels" in Syria are non-state. With the country
// unknown, a group backed by its own country is one (the National
// Defence Forces, Syrian, fight for Syria), a foreign one not.
func affiliate(a *doc.ActorMention, country string) bool {
	if a == nil {
		return false
	}
	for _, b := range a.Backers {
		switch {
		case b == doc.BackerGovernment:
			return true
		case country != "" && b == country:
			return true
		case country == "" && b == a.Country:
			return true
		}
	}
	return false
}

// sceneCountry returns the country where m's event happens: that of the
// place the event is given (its sentence's, else an earlier one's, else
// the document's), else the document's main country, else "".
func (s *Stage) sceneCountry(d *doc.Document, m *mention) string {
	if p := s.location(d, nil, m); p >= 0 && d.Places[p].Country != "" {
		return d.Places[p].Country
	}
	return topCountry(countryVotes(d, m.ix))
}

// isNonState reports whether an actor is a non-state armed group.
func isNonState(a *doc.ActorMention) bool {
	if a == nil {
		return false
	}
	switch a.Type {
	case "rebel", "militia", "unknown":
		return true
	}
	return false
}

// onlyTallies reports whether a sentence has casualty figures and all of
// them are tallies.
func onlyTallies(qs []*doc.Quantity) bool {
	n := 0
	for _, q := range qs {
		if q.Category == "" {
			continue
		}
		if !q.Tally {
			return false
		}
		n++
	}
	return n > 0
}
