package timex

import "time"

// Numeric dates whose order the numbers leave open ("10-07-2016",
// "05.02.2015", "3/4/2017": both parts 12 or less) are settled here, once
// per document, from evidence the document gives. The rules run in order;
// the first that tells the two readings apart decides. A date no rule
// settles keeps both readings: its value is the year and its interval
// runs from the earlier reading to the later one (docs/TIME.md).

// order is the order of day and month in a numeric date.
type order uint8

const (
	orderUnknown    order = iota
	orderMonthFirst       // 10/07/2016 is 7 October
	orderDayFirst         // 10/07/2016 is 10 July
)

// readings returns the two days an ambiguous numeric date can be, month
// first and day first.
func (c cand) readings() (monthFirst, dayFirst time.Time) {
	return day(c.y, c.m, c.d), day(c.y, c.d, c.m)
}

// settle sets c to the reading o, decided by orderRules[rule].
func (c *cand) settle(o order, rule int) {
	if o == orderDayFirst {
		c.m, c.d = c.d, c.m
	}
	c.amb, c.order, c.by = false, o, uint8(rule+1)
}

// orderRule tells the two readings of the ambiguous numeric date
// cands[i] apart, or returns orderUnknown.
type orderRule struct {
	name   string
	decide func(s *scanner, cands []cand, i int) order
}

// orderRules, strongest first. Each names the example that justifies it.
var orderRules = []orderRule{
	// The user says how the source writes dates (Options.DayFirst,
	// Options.MonthFirst).
	{"option", byOption},
	// "Tue 03.10.2017": 3 October 2017 was a Tuesday, 10 March a Friday.
	{"weekday beside", byWeekdayBeside},
	// "24.08.2013" elsewhere in the text: its writer puts the day first,
	// so "05.09.2013" is 5 September.
	{"convention", byConvention},
	// A document dated 5 October 2017 that writes "03.10.2017": 3 October
	// is two days before it, 10 March seven months.
	{"dct", byDCT},
	// A stamp "05.10.2017" on a text that tells of "September 5": a
	// text is not stamped before the days it tells of, so it is 5
	// October, not 10 May.
	{"days told", byDaysTold},
	// A stamp "10-07-2016" on a text that reports what happened "on
	// Sunday": 10 July 2016 was a Sunday, 7 October a Friday.
	{"weekday reference", byWeekdayReference},
	// "03.10.2017" in a text that says "on 2 October" and never March.
	{"month names", byMonthNames},
	// "08.04.2017 (updated 08.04.2017)": once one date of the text is
	// settled, by any rule above, the others follow its order.
	{"convention", byAnyConvention},
}

// ruleName returns the name of the rule that settled c, "" when its
// numbers did or nothing did.
func (c cand) ruleName() string {
	if c.by == 0 {
		return ""
	}
	return orderRules[c.by-1].name
}

// settleOrder decides the order of every ambiguous numeric date among
// cands from the document's evidence, rule by rule: a date settled by a
// rule that reads the writer's hand (a weekday beside it) is evidence of
// the writer's convention for the rules after it.
func (s *scanner) settleOrder(cands []cand) {
	n := 0
	for i := range cands {
		if cands[i].amb {
			n++
		}
	}
	if n == 0 {
		return
	}
	for k, r := range orderRules {
		for i := range cands {
			if !cands[i].amb {
				continue
			}
			if o := r.decide(s, cands, i); o != orderUnknown {
				cands[i].settle(o, k)
				n--
			}
		}
		if n == 0 {
			return
		}
	}
}

func byOption(s *scanner, _ []cand, _ int) order {
	switch {
	case s.opts.DayFirst:
		return orderDayFirst
	case s.opts.MonthFirst:
		return orderMonthFirst
	}
	return orderUnknown
}

func byWeekdayBeside(_ *scanner, cands []cand, i int) order {
	c := cands[i]
	if c.swd == 0 {
		return orderUnknown
	}
	mf, df := c.readings()
	return oneOf(isoWeekday(mf) == int(c.swd), isoWeekday(df) == int(c.swd))
}

// byConvention reads the order of the text's other numeric dates whose
// order is written (a part above 12, or a weekday beside them): those
// with the same separator if they agree, else all of them if they agree.
func byConvention(_ *scanner, cands []cand, i int) order {
	return convention(cands, i, false)
}

// byAnyConvention is byConvention counting dates any rule settled.
func byAnyConvention(_ *scanner, cands []cand, i int) order {
	return convention(cands, i, true)
}

// weekdayAgrees reports whether the settled date c is the weekday
// written beside it: its order is then written, not inferred.
func (c cand) weekdayAgrees() bool {
	return c.swd != 0 && !c.amb && validDay(c.y, c.m, c.d) && isoWeekday(day(c.y, c.m, c.d)) == int(c.swd)
}

func convention(cands []cand, i int, inferred bool) order {
	c := cands[i]
	var same, all [3]int
	for j, o := range cands {
		if j == i || o.sep == 0 || o.order == orderUnknown || (!inferred && o.by != 0 && !o.weekdayAgrees()) {
			continue
		}
		all[o.order]++
		if o.sep == c.sep {
			same[o.order]++
		}
	}
	if o := oneOf(same[orderMonthFirst] > 0, same[orderDayFirst] > 0); o != orderUnknown {
		return o
	}
	return oneOf(all[orderMonthFirst] > 0, all[orderDayFirst] > 0)
}

// dctWindow is how far before the document date a numeric date is
// taken to be near it: a stamp is the day itself, a date in the story a
// recent day.
const dctWindow = 31

// byDCT prefers the reading near the document date: on or before the day
// after it and at most dctWindow days before. When both are near, the
// nearer (a later day counting double, as in pick).
func byDCT(s *scanner, cands []cand, i int) order {
	if s.dct == nil {
		return orderUnknown
	}
	D := day(s.dct.Year(), int(s.dct.Month()), s.dct.Day())
	mf, df := cands[i].readings()
	near := func(t time.Time) bool {
		return !t.After(D.AddDate(0, 0, 1)) && !t.Before(D.AddDate(0, 0, -dctWindow))
	}
	switch o := oneOf(near(mf), near(df)); {
	case o != orderUnknown:
		return o
	case near(mf):
		if pick(D, false, mf, df).Equal(mf) {
			return orderMonthFirst
		}
		return orderDayFirst
	}
	return orderUnknown
}

// stamps reports whether the date c stamps the text: it opens it, is
// run into its headline, or stands on a dateline (see InferPublished).
func (s *scanner) stamps(c cand) bool {
	return c.s <= runInStampReach && (opensText(s.text, c.s) || s.runInStamp(c)) || isDateline(s.text, c.s, c.e)
}

// byDaysTold settles a date that stamps the text by the days the text
// tells of in past context: a text is written on or after them, so a
// reading before one of them is not its stamp. A day without a year
// ("September 5") is placed in the year nearest the reading, within half
// a year, as InferPublished places it.
func byDaysTold(s *scanner, cands []cand, i int) order {
	c := cands[i]
	if !s.stamps(c) {
		return orderUnknown
	}
	mf, df := c.readings()
	var bm, bd bool // the reading is before a day told
	for j, o := range cands {
		if j == i || o.kind != kAbs || o.prec != uDay || o.amb || s.futureContext(o.ts) || !validDay(2000, o.m, o.d) {
			continue
		}
		bm = bm || toldAfter(o, mf)
		bd = bd || toldAfter(o, df)
	}
	// The reading that is not contradicted is the stamp.
	return oneOf(!bm, !bd)
}

// toldAfter reports whether the told day o falls after day r.
func toldAfter(o cand, r time.Time) bool {
	if o.y != 0 {
		return validDay(o.y, o.m, o.d) && day(o.y, o.m, o.d).After(r)
	}
	var near time.Time
	for y := r.Year() - 1; y <= r.Year()+1; y++ {
		if !validDay(y, o.m, o.d) {
			continue
		}
		if t := day(y, o.m, o.d); near.IsZero() || absDays(t.Sub(r)) < absDays(near.Sub(r)) {
			near = t
		}
	}
	return !near.IsZero() && absDays(near.Sub(r)) <= 183 && near.After(r)
}

// byWeekdayReference settles a date that stamps the text by the weekdays
// the text names in past context. News names the last week's days by
// weekday, and wire copy reports the day's events the same day: "on
// Sunday" in a stamped text is most often the stamp's day, else the day
// before (as rule 5 of InferPublished reads it). The reading that is one
// of the weekdays wins if the other is none; failing that, the reading
// the day after one of them.
func byWeekdayReference(s *scanner, cands []cand, i int) order {
	c := cands[i]
	if !s.stamps(c) {
		return orderUnknown
	}
	mf, df := c.readings()
	var em, ed, am, ad bool
	for _, w := range cands {
		if w.kind != kWeekday || w.dir != 0 || s.futureContext(w.ts) {
			continue
		}
		em = em || isoWeekday(mf) == w.wd
		ed = ed || isoWeekday(df) == w.wd
		am = am || isoWeekday(mf.AddDate(0, 0, -1)) == w.wd
		ad = ad || isoWeekday(df.AddDate(0, 0, -1)) == w.wd
	}
	if o := oneOf(em, ed); o != orderUnknown || em {
		return o
	}
	return oneOf(am, ad)
}

// byMonthNames prefers the reading whose month the text names in words
// ("on 2 October", "in October 2017") when it never names the other's.
func byMonthNames(_ *scanner, cands []cand, i int) order {
	c := cands[i]
	var fm, fd bool
	for j, o := range cands {
		if j == i || o.kind != kAbs || o.sep != 0 || o.amb || o.m == 0 || (o.prec != uDay && o.prec != uMonth) || (o.y != 0 && o.y != c.y) {
			continue
		}
		fm = fm || o.m == c.m
		fd = fd || o.m == c.d
	}
	return oneOf(fm, fd)
}

// oneOf returns the order whose reading alone has the evidence.
func oneOf(monthFirst, dayFirst bool) order {
	switch {
	case monthFirst && !dayFirst:
		return orderMonthFirst
	case dayFirst && !monthFirst:
		return orderDayFirst
	}
	return orderUnknown
}
