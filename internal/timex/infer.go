package timex

import (
	"context"
	_ "embed"
	"strings"
	"time"

	"github.com/sitrep-dev/sitrep/internal/doc"
)

//go:embed events.txt
var eventsData string

// namedEvent is a line of events.txt.
type namedEvent struct {
	war      bool
	date     time.Time
	places   []string
	keywords []string
}

var namedEvents = parseEvents(eventsData)

func parseEvents(data string) []namedEvent {
	var out []namedEvent
	for _, line := range strings.Split(data, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "|")
		if len(f) < 4 {
			continue
		}
		t, err := time.Parse("2006-01-02", strings.TrimSpace(f[1]))
		if err != nil {
			continue // a bad line of our own data: skip it, the tests catch it
		}
		out = append(out, namedEvent{
			war:      strings.TrimSpace(f[0]) == "war",
			date:     t,
			places:   splitList(f[2]),
			keywords: splitList(f[3]),
		})
	}
	return out
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// containsWord reports whether lower-case text contains w at word boundaries.
func containsWord(text, w string) bool {
	for off := 0; ; {
		i := strings.Index(text[off:], w)
		if i < 0 {
			return false
		}
		i += off
		j := i + len(w)
		if (i == 0 || !isAlpha(text[i-1])) && (j == len(text) || !isAlpha(text[j])) {
			return true
		}
		off = i + 1
	}
}

func countWord(text, w string) int {
	n := 0
	for off := 0; off < len(text); {
		i := strings.Index(text[off:], w)
		if i < 0 {
			break
		}
		i += off
		j := i + len(w)
		if (i == 0 || !isAlpha(text[i-1])) && (j == len(text) || !isAlpha(text[j])) {
			n++
		}
		off = j
	}
	return n
}

// bound is a piece of evidence: publication is on or after date.
type bound struct {
	date time.Time
	span doc.Span
	prec unit
	rule string // the rule that found it, for tests and measurement
}

// InferPublished infers a document's publication date from its content,
// for documents whose metadata has none. The rules, strongest first:
//
//  1. A full date that stamps the text: opening it ("This story is from
//     March 10, 2002", "Wed 05 Apr 2017 at 0914 ..."), run into the
//     headline and byline before it ("... Monitor AFP Tuesday 3 Oct 2017
//     A strike ..."), on a dateline or "UPDATE" line, or ending a photo
//     caption ("..., April 22, 2017"). A numeric stamp ("01-08-2016")
//     whose order of day and month the text does not settle (see
//     settleOrder) is no stamp: one of two days is no day.
//  2. Otherwise the latest past date the text gives to the day: full
//     dates, named events (events.txt) and "almost three weeks since"
//     one, and days without a year placed nearest a full date the text
//     writes. A day without a year after a named event leaves its year
//     open, so the answer too.
//  3. Lower bounds veto it: a year or month ("in 2019"), "N years of war"
//     for a known war, a date opening a since-clause, the earlier reading
//     of a numeric date the text leaves ambiguous. They are never the
//     answer; one later than the day of rule 2 makes that day background.
//  4. Periods called past and tied to a day of the text by its event ("the
//     car bomb earlier this month", "the car bomb on 4 April 2017") put
//     publication after that day: the answer is the first day they allow,
//     unless a later day of the text lies in them.
//  5. Weekdays in past context ("on Tuesday", "Monday evening") check it:
//     news names the last week's days by weekday, so one of them must be
//     the day of rule 2 or the day before, or that day is background.
//
// It returns the span of the deciding evidence, and ok false when the text
// gives no date to the day or its days are background: a null is better
// than a wrong date (docs/TIME.md has the measurement). It never falls
// back to the current date.
func InferPublished(d *doc.Document) (t time.Time, evidence doc.Span, ok bool) {
	b, ok := inferPublished(d.Text)
	return b.date, b.span, ok
}

// inferPublished is InferPublished with the rule that decided.
func inferPublished(text string) (bound, bool) {
	tg := New(Options{})
	cands, s := tg.scan(text, nil)
	defer tg.release(s)
	lower := strings.ToLower(text)
	full := func(c cand) bool {
		return c.kind == kAbs && c.prec == uDay && c.y != 0 && !c.amb && validDay(c.y, c.m, c.d)
	}

	// 1. Stamps, datelines, UPDATE lines and captions.
	for _, c := range cands {
		if full(c) && (opensText(text, c.s) || s.runInStamp(c)) {
			return bound{date: day(c.y, c.m, c.d), span: doc.Span{Start: c.s, End: c.e}, prec: uDay, rule: "stamp"}, true
		}
		if c.s > runInStampReach {
			break
		}
	}
	var strong *bound
	for _, c := range cands {
		if full(c) && isDateline(text, c.s, c.e) {
			b := bound{date: day(c.y, c.m, c.d), span: doc.Span{Start: c.s, End: c.e}, prec: uDay, rule: "dateline"}
			if strong == nil || b.date.After(strong.date) {
				strong = &b
			}
		}
	}
	if strong != nil {
		return *strong, true
	}

	// 2. The latest past date: days, and the coarse bounds (months, years)
	// that place dates without a year.
	var best, coarse, written *bound
	var days []bound // every day of rule 2, for periodsAfter
	raise := func(b bound) {
		p := &best
		if b.prec > uDay || b.rule == "since" {
			p = &coarse
		}
		if b.rule == "date" && (written == nil || b.date.After(written.date)) {
			w := b
			written = &w
		}
		if b.prec == uDay && b.rule != "since" {
			days = append(days, b)
		}
		if *p == nil || b.date.After((*p).date) || b.date.Equal((*p).date) && b.prec < (*p).prec {
			*p = &b
		}
	}
	for _, c := range cands {
		if c.kind != kAbs || c.y == 0 || s.futureContext(c.ts) {
			continue
		}
		sp := doc.Span{Start: c.s, End: c.e}
		switch c.prec {
		case uDay:
			if c.amb {
				// "01-08-2016" that nothing in the text settles: one of
				// two days, so publication is no earlier than the
				// earlier one, and no day of it is the answer.
				a, b := c.readings()
				if b.Before(a) {
					a = b
				}
				raise(bound{date: a, span: sp, prec: uYear, rule: "ambiguous"})
				break
			}
			if validDay(c.y, c.m, c.d) {
				dd := day(c.y, c.m, c.d)
				if c.d2 > c.d && validDay(c.y, c.m, c.d2) {
					dd = day(c.y, c.m, c.d2) // a range: its last day
				}
				rule := "date"
				if s.sinceBefore(c.ts) {
					rule = "since"
				}
				raise(bound{date: dd, span: sp, prec: uDay, rule: rule})
			}
		case uMonth:
			raise(bound{date: day(c.y, c.m, 1), span: sp, prec: uMonth, rule: "month"})
		case uYear:
			raise(bound{date: day(c.y, 1, 1), span: sp, prec: uYear, rule: "year"})
		}
	}
	// Named events mentioned in a sentence with their place.
	sentences := sentenceSpans(s)
	var events []bound
	for _, ev := range namedEvents {
		if ev.war {
			continue
		}
		for _, sp := range sentences {
			sl := lower[sp.Start:sp.End]
			if anyWord(sl, ev.places) && anyWord(sl, ev.keywords) {
				b := bound{date: ev.date, span: sp, prec: uDay, rule: "event"}
				events = append(events, b)
				raise(b)
			}
		}
	}
	// "eight years of war", "Syria's six-year conflict": the war of the
	// country the text names most. Its year is a lower bound like "in
	// 2017"; a day of its own it does not give.
	if w := mainWar(lower); w != nil {
		for _, c := range cands {
			if c.kind != kDuration || c.n <= 0 || (c.unit != uYear && c.unit != uMonth) || !s.warAfter(c.te) {
				continue
			}
			raise(bound{date: addUnit(w.date, c.unit, c.n), span: doc.Span{Start: c.s, End: c.e}, prec: c.unit, rule: "war"})
		}
	}
	// Days without a year ("on 4 April") take the year of a full date the
	// text writes. A named event's date is ours, not the text's: a day
	// without a year after it is of a year the text does not give (a story
	// of August 2019 recalling "a gas attack in April 2017"), so the day
	// of rule 2 is background.
	if written != nil {
		placeBare(s, cands, written.date, raise)
	} else if best != nil && laterBare(s, cands, best.date) {
		return bound{}, false
	}
	// "almost three weeks since the attack": the duration after the event.
	for _, c := range cands {
		if c.kind != kDuration || c.n <= 0 || c.unit < uDay || c.unit > uMonth || !s.isw(c.te, "since") {
			continue
		}
		for _, ev := range events {
			if ev.span.Start <= c.s && c.e <= ev.span.End {
				dd := addUnit(ev.date, c.unit, c.n)
				if w := strings.ToLower(s.word(max(c.ts-1, 0))); c.ts > 0 && (w == "almost" || w == "nearly") {
					dd = dd.AddDate(0, 0, -1)
				}
				raise(bound{date: dd, span: doc.Span{Start: c.s, End: c.e}, prec: uDay, rule: "since-event"})
			}
		}
	}
	if best == nil {
		return bound{}, false
	}
	if coarse != nil && coarse.date.After(best.date) {
		// "in 2019" or "six years of war" in a text whose latest day is
		// in 2017: publication is later, and no day of the text says when.
		return bound{}, false
	}
	// Periods the text says are past ("the gas attack earlier this month")
	// that tie to a day of the text ("the gas attack on 4 April"): the
	// publication is in the period after that day, so the day is not it.
	// The answer is the first day all of them allow: the day itself for
	// "two days ago", the day after the event for "earlier this month"
	// (publication is at least that; later in the month the text does not
	// say, and an anchor in the right month resolves the text's "on 4
	// April" and "last week" better than none). A day of the text after
	// that first day stands; days in no common period leave it unknown.
	if ws := s.periodsAfter(cands, sentences, days); len(ws) > 0 {
		w := ws[0]
		for _, x := range ws[1:] {
			if x.lo.After(w.lo) {
				w.lo, w.span = x.lo, x.span
			}
			if x.hi.Before(w.hi) {
				w.hi = x.hi
			}
		}
		switch {
		case w.lo.After(w.hi) || best.date.After(w.hi) || coarse != nil && coarse.date.After(w.hi):
			return bound{}, false
		case best.date.Before(w.lo):
			return bound{date: w.lo, span: w.span, prec: uDay, rule: "period"}, true
		}
	}
	// 5. Weekdays in past context: news names the days of the last week
	// by weekday and older ones by date, so a text that says "on Tuesday"
	// was written in the week after that Tuesday. The latest date is the
	// publication's only if one of those weekdays is its day or the day
	// before; otherwise it is background ("the siege of 4 April 2017")
	// and the text does not say which week it is from. (Counting the
	// weekdays forward from the latest date instead put 1 in 9 articles
	// within three days of their date; see docs/TIME.md.)
	past := false
	for _, c := range cands {
		if c.kind != kWeekday || c.dir != 0 || s.futureContext(c.ts) {
			continue
		}
		if c.wd == isoWeekday(best.date) || c.wd == isoWeekday(best.date.AddDate(0, 0, -1)) {
			return *best, true
		}
		past = true
	}
	if past {
		return bound{}, false
	}
	return *best, true
}

// laterBare reports whether a day without a year falls after floor when
// placed nearest it ("between 11 and 15 August" after a named event of 4
// April 2017): the text tells of a day after floor and leaves its year
// open, so floor is not the publication date.
func laterBare(s *scanner, cands []cand, floor time.Time) bool {
	later := false
	placeBare(s, cands, floor, func(b bound) {
		if b.date.After(floor) {
			later = true
		}
	})
	return later
}

// window is the stretch a period the text calls past puts publication in.
type window struct {
	lo, hi time.Time
	span   doc.Span // the period's expression
}

// periodsAfter returns where publication lies for each period the text
// says is past and ties to one of its days. "The gas attack earlier this
// month" and "the gas attack on 4 April" are one event: publication is
// later in April than the 4th. The tie is an event noun with the word
// before it in both sentences ("gas attack", "car bomb"), or the keywords
// of the named event the day comes from. The periods, for a tied day D:
//
//	earlier this week/month/year    after D, in D's week/month/year
//	last week/month/year            in the week/month/year after D's
//	N days/weeks/months ago         N days/weeks/months after D
//	yesterday, last night           the day after D
func (s *scanner) periodsAfter(cands []cand, sentences []doc.Span, days []bound) []window {
	var out []window
	for _, c := range cands {
		if s.futureContext(c.ts) {
			continue
		}
		var lo, hi func(time.Time) time.Time
		switch {
		case c.kind == kRelUnit && c.dir == 0 && s.isw(c.ts, "earlier") && (c.unit == uWeek || c.unit == uMonth || c.unit == uYear):
			lo = func(d time.Time) time.Time { return d.AddDate(0, 0, 1) }
			hi = func(d time.Time) time.Time { return unitEnd(d, c.unit) }
		case c.kind == kRelUnit && c.dir == -1 && (c.unit == uWeek || c.unit == uMonth || c.unit == uYear):
			lo = func(d time.Time) time.Time { return addUnit(unitStart(d, c.unit), c.unit, 1) }
			hi = func(d time.Time) time.Time { return unitEnd(addUnit(unitStart(d, c.unit), c.unit, 1), c.unit) }
		case c.kind == kShift && !c.anchored && c.dir < 0 && c.n > 0 && c.unit == uDay:
			lo = func(d time.Time) time.Time { return d.AddDate(0, 0, c.n) }
			hi = lo
		case c.kind == kShift && !c.anchored && c.dir < 0 && c.n > 0 && (c.unit == uWeek || c.unit == uMonth):
			lo = func(d time.Time) time.Time { return addUnit(unitStart(d, c.unit), c.unit, c.n) }
			hi = func(d time.Time) time.Time { return unitEnd(addUnit(unitStart(d, c.unit), c.unit, c.n), c.unit) }
		case c.kind == kRelDay && c.n == -1:
			lo = func(d time.Time) time.Time { return d.AddDate(0, 0, 1) }
			hi = lo
		default:
			continue
		}
		phrase := s.eventPhrase(c)
		if phrase == "" {
			continue // "earlier this month" of no named event: nothing to tie
		}
		for _, d := range days {
			ds := sentenceOf(sentences, d.span.Start)
			if ds.End <= ds.Start || !s.tied(phrase, ds, d) {
				continue
			}
			out = append(out, window{lo: lo(d.date), hi: hi(d.date), span: doc.Span{Start: c.s, End: c.e}})
			break
		}
	}
	return out
}

// eventPhrase returns the event noun closest to the period c in its
// clause, with the word before it ("gas attack"), lower-cased, or "".
// Only a phrase of two words ties two sentences: "the attack" alone is
// too common to say which attack.
func (s *scanner) eventPhrase(c cand) string {
	best, bestD := -1, 0
	for k := c.ts - 1; k >= 0 && k >= c.ts-8; k-- {
		if s.toks[k+1].brk {
			break
		}
		if eventNouns[strings.ToLower(s.word(k))] {
			best, bestD = k, c.ts-k
			break
		}
	}
	for k := c.te; k < len(s.toks) && k < c.te+4; k++ {
		if s.toks[k].brk {
			break
		}
		if eventNouns[strings.ToLower(s.word(k))] && (best < 0 || k-c.te+1 < bestD) {
			best = k
			break
		}
	}
	if best < 1 || s.toks[best].brk || !s.sp(best-1) {
		return ""
	}
	m := strings.ToLower(s.word(best - 1))
	if w := s.toks[best-1]; w.w != nil || w.ndig > 0 || len(m) < 3 || notAfterPossessive[m] {
		return "" // "the attack", "an attack", "two attacks"
	}
	return m + " " + strings.ToLower(s.word(best))
}

// tied reports whether the period's event phrase and the sentence of day
// d speak of one event: the sentence names the phrase too, or d is a named
// event whose keyword the phrase has ("yesterdays chemical attack" and
// the chemical attack of events.txt the text names with its place).
func (s *scanner) tied(phrase string, ds doc.Span, d bound) bool {
	if phrase == "" {
		return false
	}
	if containsWord(strings.ToLower(s.text[ds.Start:ds.End]), phrase) {
		return true
	}
	if d.rule != "event" {
		return false
	}
	for _, ev := range namedEvents {
		if !ev.war && ev.date.Equal(d.date) && anyWord(phrase, ev.keywords) {
			return true
		}
	}
	return false
}

func sentenceOf(sentences []doc.Span, off int) doc.Span {
	for _, sp := range sentences {
		if sp.Start <= off && off < sp.End {
			return sp
		}
	}
	return doc.Span{}
}

// unitStart and unitEnd are the first and last day of d's week, month or
// year.
func unitStart(d time.Time, u unit) time.Time {
	switch u {
	case uWeek:
		return weekStart(d)
	case uMonth:
		return day(d.Year(), int(d.Month()), 1)
	}
	return day(d.Year(), 1, 1)
}

func unitEnd(d time.Time, u unit) time.Time {
	return addUnit(unitStart(d, u), u, 1).AddDate(0, 0, -1)
}

// runInStampReach is how far into a text a stamp run into its headline
// may stand; past it a date is the story's.
const runInStampReach = 300

// runInStamp reports whether the full date c is a stamp run into the
// headline and byline before it, as crawlers that collapse lines leave
// them: "Rebels shell border post Monitor AFP Tuesday 3 Oct 2017 A rocket
// hit ...", "... on Aleppo city 6 October 2016 Aleppo SANA ...". No
// sentence ends before it, no preposition or determiner leads to it (the
// story's "on 3 Oct 2017", "the truce of 27 February 2016"), and a
// capitalised word, a clock time or the end of the text follows it, with
// no comma: a new sentence starts there.
func (s *scanner) runInStamp(c cand) bool {
	if c.ts == 0 || c.s > runInStampReach {
		return false
	}
	for k := 1; k <= c.ts; k++ {
		if s.toks[k].brk {
			return false
		}
	}
	p := s.toks[c.ts-1]
	if p.is(cPrep|cThe|cDet|cEvery|cMod|cNumWord|cOrdinal) || notAfterPossessive[strings.ToLower(s.word(c.ts-1))] {
		return false
	}
	switch strings.ToLower(s.word(c.ts - 1)) {
	case "said", "says", "say", "dated", "killed", "began", "started", "ended":
		return false
	}
	k := c.te
	switch {
	case s.isw(k, "at") && s.sp(k-1) && s.tk(k+1).ndig == 4:
		k += 2 // "at 0914"
	case s.tk(k).ndig == 4 && s.sp(k-1):
		k++ // "1130"
	case s.tk(k).ndig > 0 && s.tk(k).ndig <= 2 && s.next(k, ":") && s.tk(k+1).ndig == 2:
		k += 2 // "16:45"
	}
	if k >= len(s.toks) {
		return true
	}
	g := strings.TrimSpace(s.text[s.toks[k-1].e:s.toks[k].s])
	return s.toks[k].cap && (g == "" || g == "\"" || g == "\u201c")
}

// placeBare raises the days without a year ("4 April", "between 11 and
// 15 August") placed in the year that puts them nearest the latest full
// date, within half a year: "on 2 June" in a story that also gives 14 June
// 2024 is 2 June 2024. Without a full date their year is a guess (the
// latest year a text names is as often a year of its background), so they
// say nothing; neither do months without a year.
func placeBare(s *scanner, cands []cand, floor time.Time, raise func(bound)) {
	for _, c := range cands {
		if c.kind != kAbs || c.y != 0 || c.prec != uDay || !validDay(2000, c.m, c.d) || s.futureContext(c.ts) {
			continue
		}
		after := 0 // days from the date's start to its latest day
		if c.d2 > c.d {
			after = c.d2 - c.d
		}
		var near time.Time
		for y := floor.Year() - 1; y <= floor.Year()+1; y++ {
			if !validDay(y, c.m, c.d) {
				continue
			}
			t := day(y, c.m, c.d).AddDate(0, 0, after)
			if near.IsZero() || absDays(t.Sub(floor)) < absDays(near.Sub(floor)) {
				near = t
			}
		}
		if !near.IsZero() && absDays(near.Sub(floor)) <= 183 {
			raise(bound{date: near, span: doc.Span{Start: c.s, End: c.e}, prec: uDay, rule: "bare"})
		}
	}
}

// sinceBefore reports whether "since" opens the clause of the date at
// token i: "since 3 May 2016", "Since the truce came into force on 27
// February 2016". The date starts a period that goes on to the time of
// writing, so publication is after it by an unknown stretch.
func (s *scanner) sinceBefore(i int) bool {
	for k := i - 1; k >= 0 && k >= i-12; k-- {
		if s.toks[k+1].brk || strings.Contains(s.gap(k), ",") {
			return false
		}
		if s.isw(k, "since") {
			return true
		}
	}
	return false
}

// mainWar returns the war of the places the text names most.
func mainWar(lower string) *namedEvent {
	var best *namedEvent
	bestN := 0
	for i := range namedEvents {
		ev := &namedEvents[i]
		if !ev.war {
			continue
		}
		n := 0
		for _, p := range ev.places {
			n += countWord(lower, p)
		}
		if n > bestN {
			best, bestN = ev, n
		}
	}
	return best
}

// warAfter reports whether a war or conflict noun follows token k closely
// ("years of brutal civil war", "-year conflict").
func (s *scanner) warAfter(k int) bool {
	for j := k; j < k+5 && j < len(s.toks); j++ {
		if s.toks[j].brk {
			return false
		}
		switch strings.ToLower(s.word(j)) {
		case "war", "conflict", "fighting", "revolution", "uprising", "crisis", "insurgency":
			return true
		}
	}
	return false
}

func anyWord(text string, ws []string) bool {
	for _, w := range ws {
		if containsWord(text, w) {
			return true
		}
	}
	return false
}

// sentenceSpans splits the text at the scanner's sentence breaks.
func sentenceSpans(s *scanner) []doc.Span {
	var out []doc.Span
	start := -1
	for i, t := range s.toks {
		if t.brk && start >= 0 {
			out = append(out, doc.Span{Start: start, End: s.toks[i-1].e})
			start = -1
		}
		if start < 0 {
			start = t.s
		}
	}
	if start >= 0 {
		out = append(out, doc.Span{Start: start, End: s.toks[len(s.toks)-1].e})
	}
	return out
}

// opensText reports whether a date starting at text[s] stamps the text:
// it stands on the first line, after at most a few words that are not a
// sentence ("This story is from March 10, 2002", "Posted on April 4 2017
// by ...", "Wed 05 Apr 2017 at 0914 Headline"). "On 4 April 2017 the
// army ..." opens a story about that day, not its stamp, and a date after
// a preposition other than "from" or "on" after "posted" is not taken.
func opensText(text string, s int) bool {
	head := strings.TrimLeft(text[:s], " \t\r\n\ufeff")
	if strings.ContainsAny(head, "\n.!?") {
		return false
	}
	words := strings.Fields(strings.ToLower(head))
	if len(words) > 5 {
		return false
	}
	if len(words) > 0 && isWeekdayName(strings.TrimRight(words[len(words)-1], ",.")) {
		words = words[:len(words)-1] // "Wed 05 Apr 2017", "Mon Jul 18 2016"
	}
	if len(words) == 0 {
		return true
	}
	switch words[len(words)-1] {
	case "from", "published", "updated", "posted", "publication", "dated", "date", "|", "-", "—", "–":
		return true
	case "on":
		return len(words) >= 2 && (words[len(words)-2] == "posted" || words[len(words)-2] == "published" || words[len(words)-2] == "updated")
	}
	last := words[len(words)-1]
	return strings.HasSuffix(last, ":") || strings.HasSuffix(last, "|")
}

// isWeekdayName reports whether a lower-case word names a weekday, in
// full or as the abbreviations of date stamps ("Wed", "Thurs").
func isWeekdayName(w string) bool {
	switch w {
	case "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun":
		return true
	}
	return lexicon[w] != nil && lexicon[w].class&cWeekday != 0
}

// isDateline reports whether the date at text[s:e] stands where a dateline,
// update stamp or caption puts it: it ends its line, after a comma
// ("Smoke rises over the town, April 22, 2017"), or its line starts with
// UPDATE/Updated/Published/Posted.
func isDateline(text string, s, e int) bool {
	ls := strings.LastIndexByte(text[:s], '\n') + 1
	le := strings.IndexByte(text[e:], '\n')
	if le < 0 {
		le = len(text)
	} else {
		le += e
	}
	head := strings.ToLower(strings.TrimSpace(text[ls:s]))
	for _, p := range []string{"update", "updated", "published", "posted", "last updated", "first published"} {
		if strings.HasPrefix(head, p) {
			return true
		}
	}
	tail := strings.TrimSpace(text[e:le])
	// A wire dateline: "EL FASHER, Sudan, June 14, 2024 — Artillery…": a
	// short place prefix ending in a comma opens the paragraph and a dash
	// opens the story.
	if before := strings.TrimRight(text[ls:s], " \t"); strings.HasSuffix(before, ",") && len(strings.Fields(head)) <= 6 {
		for _, dash := range []string{"—", "–", "- ", "-- "} {
			if strings.HasPrefix(tail, dash) {
				return true
			}
		}
	}
	if tail == "" || tail == "." {
		before := strings.TrimRight(text[ls:s], " \t")
		return head == "" || strings.HasSuffix(before, ",") || strings.HasSuffix(before, ":")
	}
	return false
}

// Dater is the pipeline stage that sets a missing publication date from
// the content (see InferPublished).
type Dater struct{}

// NewDater returns the publication date stage.
func NewDater() *Dater { return &Dater{} }

// Name implements pipeline.Stage.
func (*Dater) Name() string { return "dater" }

// Process sets d.Published, d.PublishedInferred and d.PublishedEvidence
// when d.Published is nil and the content dates the document.
func (*Dater) Process(ctx context.Context, d *doc.Document) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if d.Published != nil {
		return nil
	}
	if t, ev, ok := InferPublished(d); ok {
		d.Published = &t
		d.PublishedInferred = true
		d.PublishedEvidence = ev
	}
	return nil
}

func absDays(d time.Duration) int {
	n := int(d.Hours() / 24)
	if n < 0 {
		return -n
	}
	return n
}
