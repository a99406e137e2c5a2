package timex

import (
	"strings"
	"time"
)

// kind is the shape of a matched expression, before it is resolved
// against the document date.
type kind uint8

const (
	kAbs      kind = iota + 1 // calendar date with some parts missing: "4 April", "2017", "April 2017"
	kWeekday                  // "Thursday", "Monday evening", "last Thursday"
	kRelDay                   // "yesterday", "today", "last night"
	kRelUnit                  // "this week", "last month", "next year", "this summer"
	kShift                    // "three weeks ago", "a day earlier", "the next day"
	kDuration                 // "eight years", "73-month"
	kSpan                     // "the past ten days": a duration ending (or starting) at the anchor
	kRef                      // "now", "recently", "the past"
	kSet                      // "every Friday", "daily"
	kTime                     // "0800 GMT", "10:30 a.m." (the day comes from the context)
)

// cand is one matched expression. Zero fields are unknown.
type cand struct {
	ts, te int // token range [ts, te)
	s, e   int // byte span
	kind   kind
	typ    string

	y, m, d  int    // kAbs parts; y is the decade (199) or century (19) for those precisions
	d2       int    // last day of a day range ("between 11 and 15 August")
	m2       int    // last month of a month range
	prec     unit   // precision of a kAbs date: uDay, uMonth, uYear, uDecade, ...
	q        int    // quarter 1-4
	season   string // SP, SU, FA, WI
	wd       int    // ISO weekday 1-7
	pod      string // part of day: MO, AF, EV, NI, MI
	hh, mi   int    // clock time, hh -1 when none
	unit     unit
	n        int    // count; -1 for a vague count (X)
	n2       int    // halves: 1 when "and a half"
	dir      int    // -1 past, 0 this, +1 next
	mod      string // START, MID, END: "early", "mid", "late"
	ref      string // PRESENT_REF, PAST_REF, FUTURE_REF
	anchored bool   // kShift relative to the previous expression, not the document date
	fiscal   bool

	// Numeric dates (numericDate): sep is the separator ('/', '-', '.'),
	// amb is true while the day and month could be either way round (m
	// and d then hold the month-first reading), order is the order once
	// known and by 1 + the index in orderRules of the rule that decided
	// it (0 when the numbers did), and swd is the ISO weekday written
	// next to the date ("Tue 03.10.2017"), 0 when none. Small types:
	// candidates are copied at every match attempt.
	sep   byte
	amb   bool
	order order
	by    uint8
	swd   uint8
}

// scanner holds one document's tokens while rules match.
type scanner struct {
	text string
	toks []tok
	opts Options
	dct  *time.Time
}

func (s *scanner) word(i int) string { return s.text[s.toks[i].s:s.toks[i].e] }

// isw reports whether token i is the word w (lower-case ASCII).
func (s *scanner) isw(i int, w string) bool {
	if i < 0 || i >= len(s.toks) {
		return false
	}
	t := s.toks[i]
	return t.e-t.s == len(w) && strings.EqualFold(s.text[t.s:t.e], w)
}

// gap returns the text between token i and token i+1.
func (s *scanner) gap(i int) string {
	if i+1 >= len(s.toks) {
		return ""
	}
	return s.text[s.toks[i].e:s.toks[i+1].s]
}

// next reports whether token i+1 exists in the same sentence and the gap
// between them is one of the allowed ones.
func (s *scanner) next(i int, allowed ...string) bool {
	if i+1 >= len(s.toks) || s.toks[i+1].brk {
		return false
	}
	g := s.gap(i)
	for _, a := range allowed {
		if g == a {
			return true
		}
	}
	return false
}

// sp: a plain space; hy: a hyphen or a space or nothing.
func (s *scanner) sp(i int) bool { return s.next(i, " ", "\u00a0") }

func (s *scanner) hy(i int) bool { return s.next(i, " ", "-", "\u2010", "\u2011", "\u00a0") }

func (s *scanner) tk(i int) tok {
	if i < 0 || i >= len(s.toks) {
		return tok{}
	}
	return s.toks[i]
}

// match returns the longest expression starting at token i.
func (s *scanner) match(i int) (cand, bool) {
	t := s.toks[i]
	var best cand
	ok := false
	try := func(c cand, good bool) {
		if good && (!ok || c.te > best.te) {
			best, ok = c, true
		}
	}
	if t.ndig > 0 {
		try(s.numeric(i))
		try(s.countExpr(i))
		return best, ok
	}
	if t.w == nil {
		if t.e-t.s == 1 && (s.text[t.s] == 'Q' || s.text[t.s] == 'H') {
			try(s.quarterQ(i))
		}
		if s.isw(i, "fiscal") {
			try(s.fiscal(i))
		}
		if t.cap && t.e-t.s <= 5 {
			try(s.shortWeekday(i))
		}
		return best, ok
	}
	c := t.w.class
	if c&cMonth != 0 {
		try(s.monthFirst(i))
	}
	if c&cWeekday != 0 {
		try(s.weekday(i, i))
	}
	if c&cNumWord != 0 {
		try(s.countExpr(i))
	}
	if c&cOrdinal != 0 {
		try(s.ordinalDate(i))
	}
	if c&cRelDay != 0 {
		try(s.relDay(i))
	}
	if c&cRef != 0 {
		try(s.ref(i))
	}
	if c&cDet != 0 {
		try(s.det(i, i))
	}
	if c&cMod != 0 {
		try(s.modified(i, i))
	}
	if c&cSeason != 0 {
		try(s.season(i, i, 0))
	}
	if c&cThe != 0 {
		try(s.the(i))
	}
	if c&cEvery != 0 {
		try(s.every(i))
	}
	if c&cSetWord != 0 && t.w.unit != uNone {
		try(cand{ts: i, te: i + 1, kind: kSet, typ: "SET", unit: t.w.unit, n: 1}, true)
	}
	if c&cUnit != 0 && t.w.plur && t.w.unit >= uHour && i > 0 && !t.brk && s.sp(i-1) {
		// "for years", "can take weeks": an unspecified length of time.
		switch strings.ToLower(s.word(i - 1)) {
		case "for", "take", "takes", "took", "taking", "within", "lasted", "last", "lasting", "spent", "spend":
			try(cand{ts: i, te: i + 1, kind: kDuration, typ: "DURATION", unit: t.w.unit, n: -1}, true)
		}
	}
	if c&cUnit != 0 && t.w.plur && t.w.unit < uDay && s.sp(i) && (s.isw(i+1, "later") || s.isw(i+1, "earlier")) {
		// "Hours later", "minutes earlier": the day of the expression
		// before.
		dir := 1
		if s.isw(i+1, "earlier") {
			dir = -1
		}
		try(cand{ts: i, te: i + 2, kind: kShift, typ: "DATE", unit: t.w.unit, dir: dir, anchored: true}, true)
	}
	if c&cPrep != 0 && s.isw(i, "at") && s.isw(i+1, "the") && s.isw(i+2, "time") && s.sp(i) && s.sp(i+1) {
		// "at the time": TimeBank marks the whole phrase as PAST_REF.
		try(cand{ts: i, te: i + 3, kind: kRef, typ: "DATE", ref: "PAST_REF"}, true)
	}
	if c&cPrep != 0 && s.isw(i, "fiscal") {
		try(s.fiscal(i))
	}
	return best, ok
}

// ---- numbers -------------------------------------------------------------

// numeric matches expressions that start with digits.
func (s *scanner) numeric(i int) (cand, bool) {
	t := s.toks[i]
	// ISO 8601: 2017-04-04, 2019-W33.
	if t.ndig == 4 && !t.ord && s.next(i, "-") {
		a := s.tk(i + 1)
		if a.isNum() && a.ndig <= 2 && a.num >= 1 && a.num <= 12 {
			if s.next(i+1, "-") {
				b := s.tk(i + 2)
				if b.isNum() && b.ndig <= 2 && validDay(t.num, a.num, b.num) {
					return cand{ts: i, te: i + 3, kind: kAbs, typ: "DATE", y: t.num, m: a.num, d: b.num, prec: uDay}, true
				}
			}
			if a.ndig == 2 && !s.next(i+1, "-") {
				return cand{ts: i, te: i + 2, kind: kAbs, typ: "DATE", y: t.num, m: a.num, prec: uMonth}, true
			}
		}
		if s.isw(i+1, "w") && i+2 < len(s.toks) && s.toks[i+2].s == s.toks[i+1].e && s.toks[i+2].isNum() {
			w := s.toks[i+2].num
			if w >= 1 && w <= 53 {
				return cand{ts: i, te: i + 3, kind: kAbs, typ: "DATE", y: t.num, d: w, prec: uWeek}, true
			}
		}
	}
	// ISO order with slashes or dots: 2017/10/03, 2017.10.03.
	if t.ndig == 4 && !t.ord && (s.next(i, "/") || s.next(i, ".")) && !s.sepBefore(i) {
		sep := s.gap(i)
		a, b := s.tk(i+1), s.tk(i+2)
		if a.isNum() && a.ndig <= 2 && s.next(i+1, sep) && b.isNum() && b.ndig <= 2 && !s.sepAfter(i+2) && validDay(t.num, a.num, b.num) {
			return cand{ts: i, te: i + 3, kind: kAbs, typ: "DATE", y: t.num, m: a.num, d: b.num, prec: uDay}, true
		}
	}
	// Numeric dates: 04/04/2017, 10-07-2016, 05.02.2015 (see numericDate).
	// After a month name the numbers are days ("april 12/13/14" in a
	// lower-cased text is three days of April, not 13 December 2014).
	if t.isNum() && t.ndig <= 2 && !(i > 0 && s.tk(i-1).is(cMonth) && s.sp(i-1)) {
		if c, ok := s.numericDate(i); ok {
			return c, true
		}
	}
	// Day first: "4 April 2017", "4th of April", "11 and 15 August".
	if t.ndig <= 2 && t.num >= 1 && t.num <= 31 {
		if c, ok := s.dayMonth(i, i, t.num); ok {
			return c, true
		}
	}
	// Centuries: "the 20th century" is 19.
	if t.ord && t.num >= 1 && t.num <= 21 && s.isw(i+1, "century") && s.hy(i) {
		return cand{ts: i, te: i + 2, kind: kAbs, typ: "DATE", y: t.num - 1, prec: uCentury}, true
	}
	// Clock times: 0800 GMT, 08:00, 8 a.m., 10:30pm.
	if c, ok := s.clock(i); ok {
		return c, true
	}
	// Years and decades: 2017, 1990s.
	if t.ndig == 4 && !t.ord {
		if i+1 < len(s.toks) && s.toks[i+1].s == t.e && s.isw(i+1, "s") && t.num%10 == 0 {
			return cand{ts: i, te: i + 2, kind: kAbs, typ: "DATE", y: t.num / 10, prec: uDecade}, true
		}
		if s.yearContext(i) {
			return cand{ts: i, te: i + 1, kind: kAbs, typ: "DATE", y: t.num, prec: uYear}, true
		}
	}
	if t.ndig == 2 && !t.ord && i > 0 && s.text[t.s-1] == '\'' && i+1 < len(s.toks) && s.toks[i+1].s == t.e && s.isw(i+1, "s") {
		// "the '90s": the decade of the century nearest the past.
		y := twoDigitYear(t.num, s.dct)
		return cand{ts: i, te: i + 2, kind: kAbs, typ: "DATE", y: y / 10, prec: uDecade}, true
	}
	return cand{}, false
}

// numericDate matches a date written in numbers only, day and month in
// either order before the year: 04/04/2017, 10-07-2016, 05.02.2015, and
// with slashes a two-digit year (04/22/17). The same separator stands on
// both sides, and no number runs on with it ("10.0.0.1", "1-10-07-2016").
// A first part above 12 is the day, a second part above 12 the month's
// day; when both are 12 or less and differ, the candidate is ambiguous
// (amb) and holds the month-first reading until settleOrder decides it
// from the document (docs/TIME.md, "Numeric dates").
func (s *scanner) numericDate(i int) (cand, bool) {
	t := s.toks[i]
	sep := s.gap(i)
	if (sep != "/" && sep != "-" && sep != ".") || !s.next(i, sep) || s.sepBefore(i) {
		return cand{}, false
	}
	a, b := s.tk(i+1), s.tk(i+2)
	if !a.isNum() || a.ndig > 2 || !s.next(i+1, sep) || !b.isNum() || s.sepAfter(i+2) {
		return cand{}, false
	}
	y := b.num
	switch {
	case b.ndig == 4 && y >= 1000 && y < 2200:
	case b.ndig == 2 && sep == "/":
		// Two-digit years only with slashes: "10-07-16" and "3.5.17" are
		// as often codes and versions as dates.
		y = twoDigitYear(y, s.dct)
	default:
		return cand{}, false
	}
	c := cand{ts: i, te: i + 3, kind: kAbs, typ: "DATE", y: y, m: t.num, d: a.num, prec: uDay, sep: sep[0]}
	switch {
	case t.num > 12:
		c.m, c.d, c.order = a.num, t.num, orderDayFirst
	case a.num > 12:
		c.order = orderMonthFirst
	case t.num != a.num:
		c.amb = validDay(y, a.num, t.num) && validDay(y, t.num, a.num)
	}
	if !validDay(y, c.m, c.d) {
		return cand{}, false
	}
	return c, true
}

// sepBefore reports whether a number and a date separator stand right
// before token i ("1-10-07-2016", "192.168.10.07"): i is inside a longer
// code, not at the start of a date.
func (s *scanner) sepBefore(i int) bool {
	if i == 0 || s.toks[i].brk || s.toks[i-1].ndig == 0 {
		return false
	}
	g := s.gap(i - 1)
	return g == "/" || g == "-" || g == "."
}

// sepAfter reports whether a separator and a number follow token i.
func (s *scanner) sepAfter(i int) bool {
	if i+1 >= len(s.toks) || s.toks[i+1].ndig == 0 || s.toks[i+1].brk {
		return false
	}
	g := s.gap(i)
	return g == "/" || g == "-" || g == "."
}

// dayMonth matches a day number at token j followed by a month: "4
// April", "4th of April 2017", "11 and 15 August", "11-15 August". start
// is the first token of the expression.
func (s *scanner) dayMonth(start, j, day int) (cand, bool) {
	k := j + 1
	d2 := 0
	// Day ranges sharing the month.
	if k2 := s.rangeSep(j); k2 > 0 && s.tk(k2).ndig > 0 && s.tk(k2).ndig <= 2 {
		k = k2
		if d := s.tk(k).num; d > day && d <= 31 && s.tk(k+1).is(cMonth) && s.sp(k) {
			d2 = d
			j, k = k, k+1
		} else {
			k = j + 1
		}
	}
	if s.isw(k, "of") && s.sp(j) {
		if !s.tk(j).ord && d2 == 0 {
			return cand{}, false // "4 of April" is not a date; "4th of April" is
		}
		j, k = k, k+1
	}
	mt := s.tk(k)
	if !mt.is(cMonth) || !mt.cap || !s.next(j, " ", "\u00a0") {
		return cand{}, false
	}
	m := mt.w.val
	if !validDay(2000, m, day) {
		return cand{}, false
	}
	c := cand{ts: start, te: k + 1, kind: kAbs, typ: "DATE", m: m, d: day, d2: d2, prec: uDay}
	if y, ok := s.yearAfter(k); ok {
		c.y, c.te = y, k+2
	}
	return c, true
}

// rangeSep returns the token after a range separator following token j
// ("11-15", "11 to 15", "11 and 15"), or 0.
func (s *scanner) rangeSep(j int) int {
	if s.next(j, "-", "\u2013", " - ", " \u2013 ") {
		return j + 1
	}
	if s.sp(j) && (s.isw(j+1, "and") || s.isw(j+1, "to")) && s.sp(j+1) {
		return j + 2
	}
	return 0
}

// yearAfter reads a year after token k: "April 2017", "April 4, 2017",
// "April of 2017".
func (s *scanner) yearAfter(k int) (int, bool) {
	y := s.tk(k + 1)
	if y.ndig == 4 && !y.ord && s.next(k, " ", ", ", ",", "\u00a0") && y.num >= 1000 && y.num < 2200 && !s.numberGoesOn(k+1) {
		return y.num, true
	}
	return 0, false
}

// numberGoesOn reports whether the number at token i continues past its
// digits ("2017,5", "2017.5", "2017%") and so is not a year.
func (s *scanner) numberGoesOn(i int) bool {
	t := s.toks[i]
	if t.e < len(s.text) {
		c := s.text[t.e]
		if c == '%' {
			return true
		}
		if (c == ',' || c == '.') && t.e+1 < len(s.text) && s.text[t.e+1] >= '0' && s.text[t.e+1] <= '9' {
			return true
		}
	}
	if t.s > 0 {
		c := s.text[t.s-1]
		if c == '$' || c == '#' || c == '.' || c == ',' && t.s > 1 && s.text[t.s-2] >= '0' && s.text[t.s-2] <= '9' {
			return true
		}
		if t.s >= 2 && (s.text[t.s-2:t.s] == "\u00a3"[:2] || (t.s >= 3 && s.text[t.s-3:t.s] == "\u20ac")) {
			return true
		}
	}
	return false
}

// yearContext decides whether a four-digit number is a year. Numbers from
// 1900 to 2100 are years unless money, a percentage or a count of things
// ("2000 people"); earlier ones need a preposition ("in 1648").
func (s *scanner) yearContext(i int) bool {
	t := s.toks[i]
	if t.num < 1000 || t.num >= 2200 || s.numberGoesOn(i) {
		return false
	}
	if i+1 < len(s.toks) && !s.toks[i+1].brk && s.sp(i) {
		n := s.toks[i+1]
		if n.w == nil && !n.cap && n.ndig == 0 && countNoun(s.word(i+1)) {
			return false
		}
		if n.is(cUnit) && !s.isw(i+1, "s") {
			return false // "2000 years" is a duration
		}
	}
	if t.num >= 1900 && t.num <= 2100 {
		return true
	}
	return i > 0 && s.tk(i-1).is(cPrep) && !s.toks[i].brk
}

// countNoun reports whether a lower-case word after a number makes it a
// count ("2000 people", "1948 km") rather than a year.
func countNoun(w string) bool {
	switch w {
	case "people", "civilians", "troops", "soldiers", "fighters", "km", "kilometres", "kilometers",
		"miles", "metres", "meters", "tonnes", "tons", "dollars", "euros", "pounds", "families",
		"children", "refugees", "homes", "houses", "men", "women", "rebels", "militants", "residents",
		"deaths", "casualties", "cases", "units", "votes", "feet", "kg", "barrels", "jobs", "employees":
		return true
	}
	return false
}

// clock matches a time of day at token i.
func (s *scanner) clock(i int) (cand, bool) {
	t := s.toks[i]
	if t.ord {
		return cand{}, false
	}
	hh, mi, te := -1, 0, i+1
	switch {
	case t.ndig == 4 && t.num%100 < 60 && t.num/100 < 24 && (s.tk(i+1).is(cTZ) || s.isw(i+1, "hours") || s.isw(i+1, "hrs") || s.isw(i+1, "local")) && s.sp(i):
		// Military style "0800 GMT", "1400 hours".
		hh, mi = t.num/100, t.num%100
	case t.ndig == 4 && t.num%100 < 60 && t.num/100 < 24 && s.stampClock(i):
		// "Fri 07 Apr 2017 at 0914": a stamp's clock time without a colon.
		hh, mi = t.num/100, t.num%100
	case t.ndig <= 2 && t.num < 24 && s.next(i, ":", ".") && s.tk(i+1).isNum() && s.tk(i+1).ndig == 2 && s.tk(i+1).num < 60:
		hh, mi, te = t.num, s.tk(i+1).num, i+2
		if s.next(i+1, ":") && s.tk(i+2).ndig == 2 {
			te = i + 3 // seconds, dropped from the value
		}
		if s.gap(i) == "." && !s.ampmAt(te) {
			return cand{}, false // "3.30" is a time only with am/pm
		}
	case t.ndig <= 2 && t.num >= 1 && t.num <= 12 && s.ampmAt(i+1):
		hh = t.num
	default:
		return cand{}, false
	}
	c := cand{ts: i, te: te, kind: kTime, typ: "TIME", hh: hh, mi: mi}
	if s.ampmAt(c.te) {
		pm := s.text[s.toks[c.te].s]|0x20 == 'p'
		if c.hh > 12 {
			return cand{}, false
		}
		if pm && c.hh < 12 {
			c.hh += 12
		} else if !pm && c.hh == 12 {
			c.hh = 0
		}
		c.te += s.ampmLen(c.te)
	}
	if s.tk(c.te).is(cTZ) && s.next(c.te-1, " ") {
		c.te++
	} else if s.isw(c.te, "local") && s.isw(c.te+1, "time") {
		c.te += 2
	} else if s.isw(c.te, "hours") || s.isw(c.te, "hrs") {
		c.te++
	}
	if t.ndig == 4 && c.te == i+1 && !s.stampClock(i) {
		return cand{}, false
	}
	return c, true
}

// stampClock reports whether the four digits at token i are a clock time
// after "at" though no zone or "hours" follows: right after a date ("7
// April 2017 at 0914", "on Friday at 1130"), or with a leading zero ("at
// 0630"), which a count never has. "at 1200 people" and "at 2000 metres"
// are counts.
func (s *scanner) stampClock(i int) bool {
	if i < 2 || !s.isw(i-1, "at") || !s.sp(i-1) || s.toks[i-1].brk || s.toks[i].brk {
		return false
	}
	if n := s.tk(i + 1); i+1 < len(s.toks) && s.sp(i) && (n.is(cUnit) || n.w == nil && !n.cap && countNoun(s.word(i+1))) {
		return false
	}
	if s.text[s.toks[i].s] == '0' {
		return true
	}
	if !s.sp(i - 2) {
		return false
	}
	p := s.toks[i-2]
	return p.ndig == 4 && p.num >= 1900 && p.num < 2100 || p.is(cWeekday) || p.is(cMonth) ||
		p.ndig > 0 && p.ndig <= 2 && s.tk(i-3).is(cMonth)
}

// ampmAt reports whether token i is "am", "pm", "a.m." or "p.m.".
func (s *scanner) ampmAt(i int) bool {
	if i <= 0 || i >= len(s.toks) || s.toks[i].brk || i > 0 && !s.next(i-1, " ", "") {
		return false
	}
	if s.isw(i, "am") || s.isw(i, "pm") {
		return true
	}
	return (s.isw(i, "a") || s.isw(i, "p")) && s.next(i, ".") && s.isw(i+1, "m")
}

func (s *scanner) ampmLen(i int) int {
	if s.isw(i, "am") || s.isw(i, "pm") {
		return 1
	}
	return 2
}

// ---- words ---------------------------------------------------------------

// monthFirst matches expressions that start with a month name: "April 4,
// 2017", "April 4", "April 2017", "April", "April 11-15".
func (s *scanner) monthFirst(i int) (cand, bool) {
	t := s.tk(i)
	if !t.is(cMonth) || !t.cap {
		return cand{}, false
	}
	m := t.w.val
	if !t.cap {
		return cand{}, false // "the march", "may", "august" as adjective
	}
	short := t.e-t.s <= 4 && s.word(i) != "June" && s.word(i) != "July" && s.word(i) != "May"
	j := i
	if short {
		// Abbreviations only with a following day or year: "Jan. 4", "Sept 2019".
		if s.next(i, ".") || s.next(i, ". ") {
			if s.next(i, ".") && i+1 < len(s.toks) {
				// "Jan." followed by the day: the gap is ". "
			}
		}
	}
	c := cand{ts: i, te: i + 1, kind: kAbs, typ: "DATE", m: m, prec: uMonth}
	// Day after the month.
	dj := j + 1
	dayOK := s.next(j, " ", "\u00a0") || short && s.next(j, ". ", ".")
	if d := s.tk(dj); dayOK && d.ndig > 0 && d.ndig <= 2 && d.num >= 1 && validDay(2000, m, d.num) && !s.isUnitAfter(dj) {
		c.d, c.prec, c.te = d.num, uDay, dj+1
		// "April 11-15", "April 11 to 15"
		if k2 := s.rangeSep(dj); k2 > 0 && s.tk(k2).ndig > 0 && s.tk(k2).ndig <= 2 && s.tk(k2).num > d.num && s.tk(k2).num <= 31 {
			c.d2, c.te = s.tk(k2).num, k2+1
			dj = k2
		}
		if y, ok := s.yearAfter(dj); ok {
			c.y, c.te = y, dj+2
		}
		return c, true
	}
	if y, ok := s.yearAfter(j); ok && dayOK {
		c.y, c.te = y, j+2
		return c, true
	}
	if s.isw(j+1, "of") && s.sp(j) {
		if y, ok := s.yearAfter(j + 1); ok {
			c.y, c.te = y, j+3
			return c, true
		}
	}
	if short && m != 5 {
		return cand{}, false
	}
	// A bare month name. "May" and "March" are also a verb and a noun, so
	// they need a preposition or modifier before them; any month needs to
	// stand apart from a following capitalised name ("April Smith").
	if nx := s.tk(i + 1); i+1 < len(s.toks) && nx.cap && !nx.brk && s.sp(i) && nx.w == nil {
		return cand{}, false
	}
	prev := s.tk(i - 1)
	prepBefore := i > 0 && !t.brk && prev.is(cPrep|cMod|cDet) && !prev.cap
	if (m == 5 || m == 3) && !prepBefore {
		return cand{}, false
	}
	if m == 5 && s.tk(i+1).w == nil && s.sp(i) && !s.tk(i+1).cap && s.tk(i+1).ndig == 0 {
		// "in May be" cannot be a date; "May have" etc. are modal verbs.
		if w := s.word(i + 1); w == "be" || w == "have" || w == "not" {
			return cand{}, false
		}
	}
	if i > 0 && !t.brk && prev.cap && prev.w == nil && s.sp(i-1) {
		return cand{}, false // "Theresa May", "Prime Minister May"
	}
	return c, true
}

// isUnitAfter reports whether the number at token i is followed by a unit,
// so "May 10 years ago" is not "May 10".
func (s *scanner) isUnitAfter(i int) bool {
	n := s.tk(i + 1)
	return i+1 < len(s.toks) && n.is(cUnit) && s.hy(i)
}

// ordinalDate matches "the first of May"-style dates spelled with an
// ordinal word: "first of April".
func (s *scanner) ordinalDate(i int) (cand, bool) {
	t := s.toks[i]
	if t.w.val < 1 || t.w.val > 31 || !s.isw(i+1, "of") || !s.sp(i) || !s.sp(i+1) {
		return cand{}, false
	}
	if mt := s.tk(i + 2); mt.is(cMonth) && mt.cap {
		c := cand{ts: i, te: i + 3, kind: kAbs, typ: "DATE", m: mt.w.val, d: t.w.val, prec: uDay}
		if y, ok := s.yearAfter(i + 2); ok {
			c.y, c.te = y, i+4
		}
		return c, true
	}
	return cand{}, false
}

// weekday matches "Thursday", "Thursday evening", "Thursday, April 22,
// 2017". start is where the expression begins ("last Thursday").
func (s *scanner) weekday(start, i int) (cand, bool) {
	t := s.toks[i]
	if !t.cap {
		return cand{}, false
	}
	if i > 0 && !t.brk && s.sp(i-1) {
		switch strings.ToLower(s.word(i - 1)) {
		case "good", "black", "bloody", "super", "cyber", "ash", "holy", "palm", "easter", "happy":
			return cand{}, false // named days, not a weekday reference
		}
	}
	if nx := s.tk(i + 1); i+1 < len(s.toks) && nx.cap && s.sp(i) && !nx.brk {
		switch strings.ToLower(s.word(i + 1)) {
		case "times", "telegraph", "express", "mirror", "mail", "herald", "post", "independent",
			"observer", "tribune", "star", "people", "sport", "review", "magazine", "edition", "school",
			"club", "night", "live", "show":
			if !nx.is(cPOD) {
				return cand{}, false // "Sunday Times" is a newspaper
			}
		}
	}
	c := cand{ts: start, te: i + 1, kind: kWeekday, typ: "DATE", wd: t.w.val}
	if t.w.plur {
		// "Saturdays": "Saturday's" with its apostrophe stripped, or every
		// Saturday.
		if start < i && s.isw(start, "the") {
			return cand{}, false // "the last Saturdays of Ramadan"
		}
		if start == i && !s.possessive(i) {
			return cand{ts: i, te: i + 1, kind: kSet, typ: "SET", wd: t.w.val}, true
		}
		return c, true
	}
	// "Thursday, April 22, 2017" or "Thursday 22 April": the explicit date wins.
	if s.next(i, ", ", " ") {
		if d, ok := s.monthFirst(i + 1); ok && d.prec == uDay {
			d.ts = start
			return d, true
		}
		if nt := s.tk(i + 1); nt.ndig > 0 && nt.ndig <= 2 {
			if d, ok := s.dayMonth(start, i+1, nt.num); ok && d.d2 == 0 {
				return d, true
			}
			if d, ok := s.numericDate(i + 1); ok {
				d.ts, d.swd = start, uint8(t.w.val)
				return d, true
			}
		}
	}
	if p := s.tk(i + 1); p.is(cPOD) && !p.w.plur && s.sp(i) {
		c.pod, c.te, c.typ = p.w.code, i+2, "TIME"
	}
	return c, true
}

// possessive reports whether the plural-looking weekday at token i is a
// possessive whose apostrophe was stripped ("Saturdays blast", "Fridays US
// strike"), so one past day, rather than a set ("on Saturdays", "every
// Saturdays", "Saturdays and Sundays", "shut Saturdays."). A set has a
// quantifier or "on" before it, or ends its phrase; a possessive has the
// noun it qualifies after it. After "on", only an event noun makes it a
// possessive ("a report on Saturdays blast"): "open on Saturdays only",
// "held on Fridays after prayers" are sets.
func (s *scanner) possessive(i int) bool {
	switch s.precedingWord(i) {
	case "every", "each", "most", "all", "some", "many", "other", "several", "few", "alternate":
		return false
	case "on":
		return s.sp(i) && eventNouns[strings.ToLower(s.word(i+1))]
	}
	return s.nounAfter(i)
}

// nounAfter reports whether a word that can start the noun phrase a
// possessive qualifies follows token i closely ("blast", "US strike"),
// not a verb, a preposition or the end of the phrase.
func (s *scanner) nounAfter(i int) bool {
	if !s.sp(i) {
		return false // a comma, a full stop or the end: the phrase ends
	}
	n := s.toks[i+1]
	if n.ndig > 0 {
		return false
	}
	if n.w != nil && n.w.class&(cPrep|cThe|cNumWord|cEvery|cDet|cRef|cSetWord) != 0 && !n.is(cPOD) {
		return false // "Saturdays and Sundays", "Saturdays in May"
	}
	return !notAfterPossessive[strings.ToLower(s.word(i+1))]
}

// shortWeekday matches an abbreviated weekday opening a date, as date
// stamps write them: "Wed 05 Apr 2017", "Mon Jul 18 2016", "Fri, 7 April".
// Alone "Mon", "Sat" and "Sun" are a state, a verb and a newspaper far
// more often than a day, so the date must follow.
func (s *scanner) shortWeekday(i int) (cand, bool) {
	if !isWeekdayName(strings.ToLower(s.word(i))) || !s.next(i, " ", ", ", ". ", ".", "\u00a0") {
		return cand{}, false
	}
	if d, ok := s.monthFirst(i + 1); ok && d.prec == uDay {
		d.ts = i
		return d, true
	}
	if nt := s.tk(i + 1); nt.ndig > 0 && nt.ndig <= 2 && !nt.brk {
		if d, ok := s.dayMonth(i, i+1, nt.num); ok && d.d2 == 0 {
			return d, true
		}
		if d, ok := s.numericDate(i + 1); ok {
			d.ts, d.swd = i, uint8(weekdayNum(strings.ToLower(s.word(i))))
			return d, true
		}
	}
	return cand{}, false
}

// weekdayNum returns the ISO weekday of a lower-case weekday name or
// stamp abbreviation ("tue", "thurs"), 0 when it is none.
func weekdayNum(w string) int {
	if x := lexicon[w]; x != nil && x.class&cWeekday != 0 {
		return x.val
	}
	for i, p := range []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"} {
		if strings.HasPrefix(w, p) {
			return i + 1
		}
	}
	return 0
}

// relDay matches "yesterday", "today", "tomorrow", "tonight", with an
// optional part of day ("yesterday morning").
func (s *scanner) relDay(i int) (cand, bool) {
	t := s.toks[i]
	c := cand{ts: i, te: i + 1, kind: kRelDay, typ: "DATE", n: t.w.val, pod: t.w.code}
	if c.pod != "" {
		c.typ = "TIME"
	}
	if p := s.tk(i + 1); p.is(cPOD) && !p.w.plur && s.sp(i) && c.pod == "" {
		c.pod, c.te, c.typ = p.w.code, i+2, "TIME"
	}
	// "today's" is still today.
	return c, true
}

// ref matches "now", "currently", "recently".
func (s *scanner) ref(i int) (cand, bool) {
	t := s.toks[i]
	w := strings.ToLower(s.word(i))
	if w == "now" {
		// "right now", "until now" are still PRESENT_REF; "now that" too.
		// But "now" in "now-defunct" is an adjective prefix: skip hyphen.
		if s.next(i, "-") {
			return cand{}, false
		}
	}
	if w == "soon" {
		// "as soon as" is a conjunction, "soon after" relative: skip both.
		if s.isw(i-1, "as") || s.isw(i+1, "after") || s.isw(i+1, "as") {
			return cand{}, false
		}
	}
	return cand{ts: i, te: i + 1, kind: kRef, typ: "DATE", ref: t.w.code}, true
}

// countAt reads a count at token i: "10", "ten", "twenty-five", "a",
// "a few", "several", "a couple of". It returns the count (-1 for vague)
// and the token after it.
func (s *scanner) countAt(i int) (n, next int, ok bool) {
	t := s.tk(i)
	if i >= len(s.toks) {
		return 0, 0, false
	}
	if t.isNum() {
		if t.ndig > 4 || s.numberGoesOn(i) && !(t.e < len(s.text) && s.text[t.e] == '-') {
			return 0, 0, false
		}
		return t.num, i + 1, true
	}
	if !t.is(cNumWord) {
		return 0, 0, false
	}
	v := t.w.val
	w := strings.ToLower(s.word(i))
	switch {
	case w == "a" || w == "an":
		if s.isw(i+1, "few") && s.sp(i) {
			return -1, i + 2, true
		}
		if s.isw(i+1, "couple") && s.isw(i+2, "of") {
			return 2, i + 3, true
		}
		return 1, i + 1, true
	case w == "couple" || w == "half":
		return 0, 0, false
	case v >= 20 && v < 100 && v%10 == 0 && s.next(i, "-", " ") && s.tk(i+1).is(cNumWord) && s.tk(i+1).w.val > 0 && s.tk(i+1).w.val < 10:
		return v + s.tk(i+1).w.val, i + 2, true
	}
	return v, i + 1, true
}

// countExpr matches expressions built on a count and a unit: "eight years"
// (DURATION), "73-month" (DURATION), "three weeks ago", "a day earlier",
// "two days later".
func (s *scanner) countExpr(i int) (cand, bool) {
	n, j, ok := s.countAt(i)
	if !ok || n == 0 {
		return cand{}, false
	}
	half := 0
	if s.isw(j, "and") && s.isw(j+1, "a") && s.isw(j+2, "half") {
		half, j = 1, j+3
	}
	u := s.tk(j)
	if j >= len(s.toks) || !u.is(cUnit) || !s.hy(j-1) || u.brk {
		return cand{}, false
	}
	if u.w.unit == uWeekend {
		return cand{}, false
	}
	// "a second attack", "a quarter of the population": ordinals and
	// fractions, not lengths of time.
	if n == 1 && !u.w.plur && (u.w.unit == uSecond || u.w.unit == uQuarter) && !s.toks[i].isNum() {
		return cand{}, false
	}
	// Ages: "a 12-year-old", "12 years old", "a six-month-old baby".
	if s.isw(j+1, "old") && s.hy(j) {
		return cand{}, false
	}
	// A vague count must be plural ("several days"); "some day" is not.
	if n < 0 && !u.w.plur {
		return cand{}, false
	}
	c := cand{ts: i, te: j + 1, kind: kDuration, typ: "DURATION", unit: u.w.unit, n: n, n2: half}
	k := j + 1
	if s.sp(j) {
		switch {
		case s.isw(k, "ago"):
			c.kind, c.typ, c.dir, c.te = kShift, "DATE", -1, k+1
		case s.isw(k, "earlier") || s.isw(k, "before") && s.endsClause(k):
			c.kind, c.typ, c.dir, c.te, c.anchored = kShift, "DATE", -1, k+1, true
		case s.isw(k, "later") || s.isw(k, "after") && s.endsClause(k):
			c.kind, c.typ, c.dir, c.te, c.anchored = kShift, "DATE", 1, k+1, true
		case s.isw(k, "from") && s.isw(k+1, "now"):
			c.kind, c.typ, c.dir, c.te = kShift, "DATE", 1, k+2
		}
	}
	if c.kind == kShift && n < 0 && c.anchored && c.unit < uDay {
		// "several hours later": the anchor's day.
		c.n = 0
	} else if c.kind == kShift && n < 0 {
		// "days ago" with no number is only "in the past".
		c.kind, c.ref = kRef, "PAST_REF"
		if c.dir > 0 {
			c.ref = "FUTURE_REF"
		}
	}
	return c, true
}

// endsClause reports whether token k ends its clause ("a day before,"),
// which makes "before"/"after" an adverb anchored on the previous
// expression rather than a preposition.
func (s *scanner) endsClause(k int) bool {
	if k+1 >= len(s.toks) || s.toks[k+1].brk {
		return true
	}
	g := s.gap(k)
	return strings.ContainsAny(g, ",;:.")
}

// det matches expressions led by this/last/next/past/coming: "last week",
// "this month", "next year", "last night", "this morning", "last
// Thursday", "this summer", "past ten days". start is where the
// expression begins (an earlier "the").
func (s *scanner) det(start, i int) (cand, bool) {
	code := s.toks[i].w.code
	if !s.sp(i) {
		return cand{}, false
	}
	j := i + 1
	nt := s.tk(j)
	dir := 0
	switch code {
	case "last", "prev", "past":
		dir = -1
	case "next", "foll":
		dir = 1
	case "this", "same", "that":
	default:
		return cand{}, false
	}
	withThe := start < i
	// "the past ten days", "past few weeks", "the next two years": a span.
	if code == "past" || code == "last" || code == "next" || (code == "prev" || code == "foll") && withThe {
		if n, k, ok := s.countAt(j); ok && n != 0 && s.tk(k).is(cUnit) && s.hy(k-1) && s.tk(k).w.plur == (n != 1) {
			if withThe || code == "past" || n != 1 {
				c := cand{ts: start, te: k + 1, kind: kSpan, typ: "DURATION", unit: s.tk(k).w.unit, n: n, dir: dir}
				if code == "prev" || code == "foll" {
					c.kind, c.anchored = kShift, true
					c.typ = "DATE"
					if n != 1 {
						c.kind, c.typ = kSpan, "DURATION"
					}
				}
				return c, true
			}
		}
	}
	if code == "past" && !withThe && s.toks[i].w.code == "past" && strings.EqualFold(s.word(i), "recent") {
		// "recent weeks", "in recent years": an unspecified span.
		if nt.is(cUnit) && nt.w.plur {
			return cand{ts: start, te: j + 1, kind: kSpan, typ: "DURATION", unit: nt.w.unit, n: -1, dir: -1}, true
		}
		return cand{}, false
	}
	if !withThe && (code == "last" || code == "this" || code == "next") && (nt.is(cUnit) || nt.is(cPOD)) &&
		nt.w.plur && s.nounAfter(j) {
		// "last weeks raids", "last nights attack": "last week's" with the
		// apostrophe stripped. "the last weeks of the war" has its "the";
		// "last weeks" alone is not English for a plural.
		switch {
		case nt.is(cPOD) && code == "last":
			return cand{ts: start, te: j + 1, kind: kRelDay, typ: "TIME", pod: nt.w.code, n: -1}, true
		case nt.is(cUnit) && nt.w.unit >= uWeekend && nt.w.unit <= uYear && nt.w.unit != uFortnight && nt.w.unit != uQuarter:
			return cand{ts: start, te: j + 1, kind: kRelUnit, typ: "DATE", unit: nt.w.unit, dir: dir}, true
		}
	}
	if s.isw(j, "fiscal") && s.isw(j+1, "year") && s.sp(j) {
		return cand{ts: start, te: j + 2, kind: kRelUnit, typ: "DATE", unit: uYear, dir: dir, fiscal: true}, true
	}
	switch {
	case nt.is(cUnit) && !nt.w.plur:
		u := nt.w.unit
		if u < uDay {
			return cand{}, false
		}
		c := cand{ts: start, te: j + 1, kind: kRelUnit, typ: "DATE", unit: u, dir: dir}
		if u == uDay && withThe && (code == "next" || code == "foll" || code == "prev") {
			// "the next day", "the previous day": a day next to the anchor.
			c.kind, c.anchored, c.n = kShift, true, 1
			return c, true
		}
		if withThe || code == "past" {
			// "the past week", "the last year": a one-unit span.
			if code == "past" || code == "last" || code == "next" {
				c.kind, c.typ, c.n = kSpan, "DURATION", 1
				return c, true
			}
			if code == "prev" || code == "foll" || code == "same" {
				c.kind, c.anchored, c.n = kShift, true, 1
				if code == "same" {
					c.n = 0
				}
				return c, true
			}
		}
		if code == "that" || code == "same" || code == "prev" || code == "foll" {
			if code == "that" && u == uDay || code == "same" {
				c.kind, c.anchored, c.n = kShift, true, 0
				return c, true
			}
			return cand{}, false
		}
		if u == uDay {
			return cand{}, false // "this day" is rarely a date
		}
		return c, true
	case nt.is(cPOD) && !nt.w.plur && (code == "this" || code == "last" || code == "that"):
		if code == "last" && nt.w.code != "NI" {
			return cand{}, false // "last morning" is not idiomatic
		}
		c := cand{ts: start, te: j + 1, kind: kRelDay, typ: "TIME", pod: nt.w.code}
		if code == "last" {
			c.n = -1
		}
		if code == "that" {
			c.kind, c.anchored, c.n = kShift, true, 0
			c.unit = uDay
		}
		return c, true
	case nt.is(cWeekday) && nt.cap && code != "past" && code != "that":
		c, ok := s.weekday(start, j)
		if ok && c.kind == kWeekday {
			c.dir = dir
			if dir == 0 {
				c.dir = 2 // "this Thursday": the one in this week
			}
		}
		return c, ok
	case nt.is(cMonth) && nt.cap && (code == "last" || code == "next" || code == "this"):
		c := cand{ts: start, te: j + 1, kind: kAbs, typ: "DATE", m: nt.w.val, prec: uMonth, dir: dir}
		if dir == 0 {
			c.dir = 2
		}
		return c, true
	case nt.is(cSeason) && code != "that":
		return s.season(start, j, dir)
	}
	return cand{}, false
}

// season matches "summer", "this summer", "summer 2019".
func (s *scanner) season(start, i, dir int) (cand, bool) {
	t := s.toks[i]
	if strings.EqualFold(s.word(i), "fall") && start == i {
		return cand{}, false // "fall" alone is a verb far more often
	}
	c := cand{ts: start, te: i + 1, kind: kAbs, typ: "DATE", season: t.w.code, prec: uSeason, dir: dir}
	if start < i {
		c.kind = kRelUnit
		c.unit = uSeason
	}
	if y, ok := s.yearAfter(i); ok {
		c.y, c.te, c.kind = y, i+2, kAbs
		return c, true
	}
	if s.isw(i+1, "of") {
		if y, ok := s.yearAfter(i + 1); ok {
			c.y, c.te, c.kind = y, i+3, kAbs
			return c, true
		}
	}
	if start == i {
		// A bare season needs a preposition before it: "in summer".
		if i == 0 || !s.tk(i-1).is(cPrep|cThe) || t.brk {
			return cand{}, false
		}
		if s.isw(i-1, "the") {
			c.ts = i
		}
	}
	return c, true
}

// modified matches early/mid/late and earlier/later, and "the end of":
// "late April", "early 2019", "mid-March", "earlier this week", "late last
// year".
func (s *scanner) modified(start, i int) (cand, bool) {
	code := s.toks[i].w.code
	w := strings.ToLower(s.word(i))
	j := i + 1
	if w == "end" || w == "beginning" || w == "start" || w == "middle" {
		// Only as "the end of May": require "of" and a date after it.
		if !s.isw(j, "of") || !s.sp(i) {
			return cand{}, false
		}
		j++
	}
	if !s.hy(j - 1) {
		return cand{}, false
	}
	if code == "EARLIER" || code == "LATER" {
		// "earlier this week", "later this month", "earlier today".
		nt := s.tk(j)
		if nt.is(cDet) || nt.is(cRelDay) {
			var c cand
			var ok bool
			if nt.is(cRelDay) {
				c, ok = s.relDay(j)
			} else {
				c, ok = s.det(j, j)
			}
			if ok && (c.kind == kRelUnit || c.kind == kRelDay) {
				c.ts = start
				return c, true
			}
		}
		return cand{}, false
	}
	inner, ok := s.modTarget(j)
	if !ok {
		return cand{}, false
	}
	inner.ts = start
	inner.mod = code
	if w == "middle" {
		inner.mod = "MID"
	}
	return inner, true
}

// modTarget reads what a modifier applies to.
func (s *scanner) modTarget(j int) (cand, bool) {
	nt := s.tk(j)
	if j >= len(s.toks) || nt.brk {
		return cand{}, false
	}
	switch {
	case nt.is(cMonth) && nt.cap:
		c := cand{ts: j, te: j + 1, kind: kAbs, typ: "DATE", m: nt.w.val, prec: uMonth}
		if y, ok := s.yearAfter(j); ok {
			c.y, c.te = y, j+2
		}
		return c, true
	case nt.ndig == 4 && !nt.ord:
		c, ok := s.numeric(j)
		if ok && c.kind == kAbs && (c.prec == uYear || c.prec == uDecade) {
			return c, true
		}
	case nt.is(cDet):
		c, ok := s.det(j, j)
		if ok && c.kind == kRelUnit {
			return c, true
		}
	case nt.is(cThe):
		// "the end of the year": the year of the document date.
		if u := s.tk(j + 1); u.is(cUnit) && !u.w.plur && u.w.unit >= uWeek && u.w.unit <= uYear && s.sp(j) {
			return cand{ts: j, te: j + 2, kind: kRelUnit, typ: "DATE", unit: u.w.unit}, true
		}
		c, ok := s.the(j)
		if ok && (c.kind == kAbs || c.kind == kRelUnit) {
			return c, true
		}
	case nt.is(cSeason):
		return s.season(j, j, 0)
	}
	return cand{}, false
}

// the matches expressions led by "the": "the past", "the future", "the
// past two years", "the next few months", "the first quarter", "the
// weekend", "the end of May", "the 1990s", "the day before".
func (s *scanner) the(i int) (cand, bool) {
	if !s.sp(i) {
		return cand{}, false
	}
	j := i + 1
	nt := s.tk(j)
	switch {
	case s.isw(j, "past") && (!s.sp(j) || s.tk(j+1).brk || !(s.tk(j+1).is(cUnit|cNumWord) || s.tk(j+1).isNum())):
		return cand{ts: i, te: j + 1, kind: kRef, typ: "DATE", ref: "PAST_REF"}, true
	case s.isw(j, "future") || s.isw(j, "coming") && !s.tk(j+1).is(cUnit|cNumWord):
		if s.isw(j, "future") {
			return cand{ts: i, te: j + 1, kind: kRef, typ: "DATE", ref: "FUTURE_REF"}, true
		}
	case nt.is(cDet):
		if s.isw(j, "coming") {
			// "the coming months" is an unspecified span ahead.
			if u := s.tk(j + 1); u.is(cUnit) && u.w.plur && s.sp(j) {
				return cand{ts: i, te: j + 2, kind: kSpan, typ: "DURATION", unit: u.w.unit, n: -1, dir: 1}, true
			}
		}
		if c, ok := s.det(i, j); ok {
			return c, true
		}
	case nt.is(cOrdinal) && (nt.w.val == 1 || nt.w.val == 2) && s.isw(j+1, "half") && s.sp(j):
		// "the first half of 2012" is 2012-H1.
		c := cand{ts: i, te: j + 2, kind: kAbs, typ: "DATE", q: nt.w.val, prec: uSeason, season: "H" + string(rune('0'+nt.w.val))}
		if s.isw(j+2, "of") {
			if y, ok := s.yearAfter(j + 2); ok {
				c.y, c.te = y, j+4
			}
		}
		return c, true
	case nt.is(cOrdinal) && s.isw(j+1, "quarter") && s.sp(j):
		q := nt.w.val
		if q < 1 || q > 4 {
			if q != -1 {
				return cand{}, false
			}
		}
		c := cand{ts: i, te: j + 2, kind: kAbs, typ: "DATE", q: q, prec: uQuarter}
		if s.isw(j+2, "of") {
			if y, ok := s.yearAfter(j + 2); ok {
				c.y, c.te = y, j+4
			}
		} else if y, ok := s.yearAfter(j + 1); ok {
			c.y, c.te = y, j+3
		}
		if q == -1 && c.y == 0 {
			return cand{}, false
		}
		if q == -1 {
			c.q = 4
		}
		return c, true
	case nt.is(cUnit) && nt.w.unit == uWeekend && !nt.w.plur:
		return cand{ts: i, te: j + 1, kind: kRelUnit, typ: "DATE", unit: uWeekend}, true
	case nt.is(cMod):
		if c, ok := s.modified(i, j); ok {
			return c, true
		}
	case nt.is(cUnit) && !nt.w.plur && nt.w.unit == uDay && s.sp(j):
		// "the day before", "the day after": the day next to the anchor.
		if s.isw(j+1, "before") && s.endsClause(j+1) {
			return cand{ts: i, te: j + 2, kind: kShift, typ: "DATE", unit: uDay, n: 1, dir: -1, anchored: true}, true
		}
		if s.isw(j+1, "after") && s.endsClause(j+1) {
			return cand{ts: i, te: j + 2, kind: kShift, typ: "DATE", unit: uDay, n: 1, dir: 1, anchored: true}, true
		}
	case nt.ndig == 4 && s.tk(j+1).s == nt.e && s.isw(j+1, "s"):
		c, ok := s.numeric(j)
		return c, ok
	}
	return cand{}, false
}

// every matches "every Friday", "each year", "every day", "every two weeks".
func (s *scanner) every(i int) (cand, bool) {
	if !s.sp(i) {
		return cand{}, false
	}
	nt := s.tk(i + 1)
	switch {
	case nt.is(cWeekday) && nt.cap:
		c := cand{ts: i, te: i + 2, kind: kSet, typ: "SET", wd: nt.w.val}
		if p := s.tk(i + 2); p.is(cPOD) && !p.w.plur && s.sp(i+1) {
			c.pod, c.te = p.w.code, i+3
		}
		return c, true
	case nt.is(cUnit) && !nt.w.plur:
		return cand{ts: i, te: i + 2, kind: kSet, typ: "SET", unit: nt.w.unit, n: 1}, true
	case nt.is(cPOD) && !nt.w.plur:
		return cand{ts: i, te: i + 2, kind: kSet, typ: "SET", unit: uDay, n: 1, pod: nt.w.code}, true
	}
	if n, k, ok := s.countAt(i + 1); ok && n > 1 && s.tk(k).is(cUnit) && s.tk(k).w.plur && s.sp(k-1) {
		return cand{ts: i, te: k + 1, kind: kSet, typ: "SET", unit: s.tk(k).w.unit, n: n}, true
	}
	return cand{}, false
}

// quarterQ matches "Q3", "Q3 2019", "H1 2019" (halves are left out).
func (s *scanner) quarterQ(i int) (cand, bool) {
	if s.text[s.toks[i].s] != 'Q' || i+1 >= len(s.toks) || s.toks[i+1].s != s.toks[i].e {
		return cand{}, false
	}
	n := s.toks[i+1]
	if !n.isNum() || n.num < 1 || n.num > 4 || n.ndig != 1 {
		return cand{}, false
	}
	c := cand{ts: i, te: i + 2, kind: kAbs, typ: "DATE", q: n.num, prec: uQuarter}
	if y, ok := s.yearAfter(i + 1); ok {
		c.y, c.te = y, i+3
	}
	return c, true
}

// fiscal matches "fiscal 2013" and "fiscal year 2013".
func (s *scanner) fiscal(i int) (cand, bool) {
	j := i
	if s.isw(j+1, "year") && s.sp(j) {
		j++
	}
	if y, ok := s.yearAfter(j); ok {
		return cand{ts: i, te: j + 2, kind: kAbs, typ: "DATE", y: y, prec: uYear, fiscal: true}, true
	}
	return cand{}, false
}
