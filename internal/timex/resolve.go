package timex

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep-dev/sitrep/internal/doc"
)

// resolver turns matched expressions into TIMEX3 values and intervals.
// It keeps the last dated expression as the anchor for "a day earlier".
type resolver struct {
	s      *scanner
	dct    time.Time
	hasDCT bool
	anchor int // index of the last anchorable timex, -1 for none
	out    []doc.Timex
}

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

func validDay(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return false
	}
	return day(y, m, d).Day() == d
}

func monthEnd(y, m int) time.Time { return day(y, m+1, 1).AddDate(0, 0, -1) }

// twoDigitYear reads "17" as the year nearest the document date in the
// past direction: the latest year ending in those digits that is not more
// than one year after the document date. Without a document date, 00-49
// are 20xx and 50-99 are 19xx.
func twoDigitYear(yy int, dct *time.Time) int {
	if dct == nil {
		if yy < 50 {
			return 2000 + yy
		}
		return 1900 + yy
	}
	ref := dct.Year() + 1
	y := ref - ((ref-yy)%100+100)%100
	return y
}

func isoWeek(t time.Time) string {
	y, w := t.ISOWeek()
	return fmt.Sprintf("%04d-W%02d", y, w)
}

// weekStart is the Monday of t's ISO week.
func weekStart(t time.Time) time.Time {
	wd := int(t.Weekday()+6) % 7 // Monday 0
	return t.AddDate(0, 0, -wd)
}

func isoWeekday(t time.Time) int { return int(t.Weekday()+6)%7 + 1 }

// futureContext reports whether the clause before token i speaks of the
// future ("will ... on Thursday", "is due to begin on April 7"). News is
// written in the past tense; a bare weekday or month is in the past unless
// a cue says otherwise.
func (s *scanner) futureContext(i int) bool {
	for k, n := i-1, 0; k >= 0 && n < 14; k, n = k-1, n+1 {
		if s.toks[k+1].brk {
			break
		}
		t := s.toks[k]
		if t.w != nil || t.ndig > 0 || t.e-t.s > 10 {
			// Cue words are not in the lexicon; skip lexicon words fast.
			if s.isw(k, "next") || s.isw(k, "coming") || s.isw(k, "upcoming") {
				return true
			}
			continue
		}
		switch strings.ToLower(s.word(k)) {
		case "will", "shall", "won", "would", "planned", "plans", "plan", "scheduled", "expected",
			"due", "upcoming", "begins", "starts", "resumes", "ll", "until", "till", "forecast", "intends", "hopes":
			return true
		case "going":
			if s.isw(k+1, "to") {
				return true
			}
		case "set", "slated":
			// "is set for May 3", "slated to open in June".
			if s.isw(k+1, "for") || s.isw(k+1, "to") {
				return true
			}
		case "said", "was", "were", "had", "did", "ago", "last":
			return false
		}
	}
	return false
}

// precedingWord returns the lower-cased word before token i in the same
// sentence, or "".
func (s *scanner) precedingWord(i int) string {
	if i == 0 || s.toks[i].brk || !s.sp(i-1) {
		return ""
	}
	t := s.toks[i-1]
	if t.e-t.s > 12 {
		return ""
	}
	return strings.ToLower(s.word(i - 1))
}

// pick chooses among candidate occurrences of an underspecified date the
// one nearest the document date, preferring the past (or the future when
// the clause speaks of it): a later candidate counts double the distance.
func pick(dct time.Time, future bool, cands ...time.Time) time.Time {
	best, bestD := cands[0], int64(-1)
	for _, c := range cands {
		d := int64(c.Sub(dct) / (24 * time.Hour))
		if d > 0 && !future || d < 0 && future {
			d = 2 * abs64(d)
		}
		d = abs64(d)
		if bestD < 0 || d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

func abs64(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}

// resolve adds the timex for c.
func (r *resolver) resolve(c cand) {
	t := doc.Timex{Span: doc.Span{Start: c.s, End: c.e}, Type: c.typ, Anchor: -1}
	future := false
	if r.hasDCT {
		switch c.kind {
		case kAbs, kWeekday:
			future = r.s.futureContext(c.ts)
		}
	}
	D := r.dct
	switch c.kind {
	case kAbs:
		r.abs(&t, c, future)
	case kWeekday:
		if !r.hasDCT {
			t.Value = fmt.Sprintf("XXXX-WXX-%d", c.wd)
			break
		}
		cur := isoWeekday(D)
		var dd time.Time
		switch c.dir {
		case 0:
			if future {
				dd = D.AddDate(0, 0, (c.wd-cur+6)%7+1)
			} else {
				dd = D.AddDate(0, 0, -((cur - c.wd + 7) % 7))
			}
		case -1:
			dd = D.AddDate(0, 0, -((cur-c.wd+6)%7 + 1))
		case 1:
			dd = D.AddDate(0, 0, (c.wd-cur+6)%7+1)
		case 2:
			dd = weekStart(D).AddDate(0, 0, c.wd-1)
		}
		setDay(&t, dd)
	case kRelDay:
		if !r.hasDCT {
			switch {
			case c.n == 0:
				t.Value = "PRESENT_REF"
			case c.n < 0:
				t.Value = "PAST_REF"
			default:
				t.Value = "FUTURE_REF"
			}
			break
		}
		setDay(&t, D.AddDate(0, 0, c.n))
	case kRelUnit:
		r.relUnit(&t, c)
	case kShift:
		base, ok := D, r.hasDCT
		if c.anchored {
			// Anchor on the previous dated expression, but only one at
			// least as fine as the shift: "a day earlier" after "in 2017"
			// says nothing about which day.
			// Hours and minutes are counted from the anchor's day: "two
			// hours later" after "on Thursday" is still Thursday.
			ok = false
			if r.anchor >= 0 && granularity(r.out[r.anchor].Precision) <= max(c.unit, uDay) {
				base, ok = r.out[r.anchor].Start, true
				t.Anchor = r.anchor
			}
		}
		if !ok && c.anchored {
			t.Value = underspecified(c.unit)
			break
		}
		if !ok {
			if c.dir < 0 {
				t.Value = "PAST_REF"
			} else {
				t.Value = "FUTURE_REF"
			}
			break
		}
		r.shift(&t, c, base)
	case kDuration, kSpan:
		t.Value = durValue(c)
		t.Precision = doc.DateUnknown
		if c.kind == kSpan && r.hasDCT {
			n := c.n
			if n < 0 {
				n = 3
			}
			if c.dir < 0 {
				t.Start, t.End = addUnit(D, c.unit, -n).AddDate(0, 0, 1), D
			} else {
				t.Start, t.End = D, addUnit(D, c.unit, n).AddDate(0, 0, -1)
			}
			t.Precision = doc.DateDay
		}
	case kRef:
		t.Value = c.ref
		if c.ref == "PRESENT_REF" && r.hasDCT {
			t.Start, t.End, t.Precision = D, D, doc.DateDay
		}
		if c.ref == "PAST_REF" && r.hasDCT {
			t.End, t.Open = D, "before"
			t.Precision = doc.DateUnknown
		}
	case kSet:
		switch {
		case c.wd > 0:
			t.Value = fmt.Sprintf("XXXX-WXX-%d", c.wd)
			if c.pod != "" {
				t.Value += "T" + c.pod
			}
		case c.pod != "":
			t.Value = "XXXX-XX-XXT" + c.pod
		default:
			t.Value = durValue(c)
		}
	case kTime:
		base, ok := D, r.hasDCT
		// "on Friday at 10 a.m.": the clock time belongs to the day just named.
		if r.anchor >= 0 && len(r.out) > 0 && r.anchor == len(r.out)-1 {
			a := r.out[r.anchor]
			if c.s-a.Span.End < 12 && a.Precision == doc.DateDay {
				base, ok = a.Start, true
			}
		}
		date := "XXXX-XX-XX"
		if ok {
			date = base.Format("2006-01-02")
			t.Start, t.End, t.Precision = base, base, doc.DateDay
		}
		t.Value = fmt.Sprintf("%sT%02d:%02d", date, c.hh, c.mi)
	}
	if c.pod != "" && c.kind != kSet && t.Precision == doc.DateDay {
		t.Type = "TIME"
		t.Value += "T" + c.pod
	}
	if t.Value == "" {
		return
	}
	// "since 2014": an interval open towards the document date.
	if t.Type == "DATE" && !t.Start.IsZero() {
		switch r.s.precedingWord(c.ts) {
		case "since":
			t.Open = "after"
			if r.hasDCT && D.After(t.End) {
				t.End = D
			}
		case "before", "until", "till":
			t.Open = "before"
		case "after":
			t.Open = "after"
		}
	}
	r.out = append(r.out, t)
	if (t.Type == "DATE" || t.Type == "TIME") && !t.Start.IsZero() && t.Value != "PRESENT_REF" {
		r.anchor = len(r.out) - 1
	}
}

// granularity maps a precision to the unit it is measured in.
func granularity(p string) unit {
	switch p {
	case doc.DateDay:
		return uDay
	case doc.DateWeek:
		return uWeek
	case doc.DateMonth:
		return uMonth
	case doc.DateSeason:
		return uQuarter
	case doc.DateYear:
		return uYear
	case doc.DateDecade:
		return uDecade
	}
	return uCentury + 1
}

// underspecified is the TIMEX3 value of a date whose anchor is unknown.
func underspecified(u unit) string {
	switch {
	case u <= uDay:
		return "XXXX-XX-XX"
	case u <= uFortnight:
		return "XXXX-WXX"
	case u <= uMonth:
		return "XXXX-XX"
	}
	return "XXXX"
}

func setDay(t *doc.Timex, d time.Time) {
	t.Value = d.Format("2006-01-02")
	t.Start, t.End, t.Precision = d, d, doc.DateDay
}

// abs resolves a calendar date whose year may be missing.
func (r *resolver) abs(t *doc.Timex, c cand, future bool) {
	D := r.dct
	y := c.y
	switch c.prec {
	case uDay:
		if c.amb {
			// "10-07-2016" with nothing in the document to say which
			// part is the day: TIMEX3 cannot say "10 July or 7 October",
			// so the value is the year both readings share, and the
			// interval runs from one reading to the other.
			a, b := c.readings()
			if b.Before(a) {
				a, b = b, a
			}
			t.Value = fmt.Sprintf("%04d", y)
			t.Start, t.End, t.Precision = a, b, doc.DateYear
			return
		}
		if y == 0 {
			if !r.hasDCT {
				t.Value = fmt.Sprintf("XXXX-%02d-%02d", c.m, c.d)
				t.Precision = doc.DateDay
				return
			}
			var cs []time.Time
			for _, yy := range []int{D.Year() - 1, D.Year(), D.Year() + 1} {
				if validDay(yy, c.m, c.d) {
					cs = append(cs, day(yy, c.m, c.d))
				}
			}
			if len(cs) == 0 {
				return
			}
			y = pick(D, future, cs...).Year()
		}
		setDay(t, day(y, c.m, c.d))
		if c.d2 > 0 && validDay(y, c.m, c.d2) {
			t.End = day(y, c.m, c.d2)
		}
	case uMonth:
		if y == 0 {
			if !r.hasDCT {
				t.Value = fmt.Sprintf("XXXX-%02d", c.m)
				t.Precision = doc.DateMonth
				return
			}
			cur := day(D.Year(), int(D.Month()), 1)
			switch c.dir {
			case 2:
				y = D.Year()
			case -1:
				y = D.Year()
				if c.m >= int(D.Month()) {
					y--
				}
			case 1:
				y = D.Year()
				if c.m <= int(D.Month()) {
					y++
				}
			default:
				y = pick(cur, future, day(D.Year()-1, c.m, 1), day(D.Year(), c.m, 1), day(D.Year()+1, c.m, 1)).Year()
			}
		}
		t.Value = fmt.Sprintf("%04d-%02d", y, c.m)
		t.Start, t.End, t.Precision = day(y, c.m, 1), monthEnd(y, c.m), doc.DateMonth
		fuzzy(t, c.mod)
	case uYear:
		t.Value = fmt.Sprintf("%04d", y)
		t.Start, t.End, t.Precision = day(y, 1, 1), day(y, 12, 31), doc.DateYear
		fuzzy(t, c.mod)
	case uDecade:
		t.Value = fmt.Sprintf("%03d", y)
		t.Start, t.End, t.Precision = day(y*10, 1, 1), day(y*10+9, 12, 31), doc.DateDecade
		fuzzy(t, c.mod)
	case uCentury:
		t.Value = fmt.Sprintf("%02d", y)
		t.Start, t.End, t.Precision = day(y*100, 1, 1), day(y*100+99, 12, 31), doc.DateDecade
		fuzzy(t, c.mod)
	case uWeek:
		// ISO week d of year y: the week containing 4 January, plus d-1.
		jan4 := day(y, 1, 4)
		st := weekStart(jan4).AddDate(0, 0, 7*(c.d-1))
		t.Value = fmt.Sprintf("%04d-W%02d", y, c.d)
		t.Start, t.End, t.Precision = st, st.AddDate(0, 0, 6), doc.DateWeek
	case uQuarter:
		if y == 0 {
			if !r.hasDCT {
				t.Value = fmt.Sprintf("XXXX-Q%d", c.q)
				return
			}
			cq := (int(D.Month())-1)/3 + 1
			y = D.Year()
			if c.q > cq && !future {
				y--
			}
		}
		t.Value = fmt.Sprintf("%04d-Q%d", y, c.q)
		t.Start, t.End, t.Precision = day(y, 3*c.q-2, 1), monthEnd(y, 3*c.q), doc.DateSeason
		fuzzy(t, c.mod)
	case uSeason:
		if y == 0 {
			if !r.hasDCT {
				t.Value = "XXXX-" + c.season
				return
			}
			y = D.Year()
			st, _ := seasonBounds(y, c.season)
			if st.After(D) && !future {
				y--
			}
		}
		t.Value = fmt.Sprintf("%04d-%s", y, c.season)
		t.Start, t.End = seasonBounds(y, c.season)
		t.Precision = doc.DateSeason
		fuzzy(t, c.mod)
	}
}

// seasonBounds uses meteorological seasons of the northern hemisphere;
// winter belongs to the year it starts in.
func seasonBounds(y int, s string) (time.Time, time.Time) {
	switch s {
	case "H1":
		return day(y, 1, 1), monthEnd(y, 6)
	case "H2":
		return day(y, 7, 1), monthEnd(y, 12)
	case "SP":
		return day(y, 3, 1), monthEnd(y, 5)
	case "SU":
		return day(y, 6, 1), monthEnd(y, 8)
	case "FA":
		return day(y, 9, 1), monthEnd(y, 11)
	default:
		return day(y, 12, 1), monthEnd(y+1, 2)
	}
}

// fuzzy narrows an interval for early/mid/late: the first, middle or last
// third of it. A month splits at days 10 and 20 ("late April" is 21-30
// April); longer intervals split by whole months ("early 2019" is
// January-April).
func fuzzy(t *doc.Timex, mod string) {
	if mod == "" || t.Start.IsZero() {
		return
	}
	if t.Precision == doc.DateMonth {
		y, m := t.Start.Year(), int(t.Start.Month())
		switch mod {
		case "START":
			t.End = day(y, m, 10)
		case "MID":
			t.Start, t.End = day(y, m, 11), day(y, m, 20)
		case "END":
			t.Start = day(y, m, 21)
		}
		return
	}
	months := (t.End.Year()-t.Start.Year())*12 + int(t.End.Month()) - int(t.Start.Month()) + 1
	if months >= 3 {
		third := months / 3
		switch mod {
		case "START":
			t.End = t.Start.AddDate(0, third, -1)
		case "MID":
			t.Start = t.Start.AddDate(0, third, 0)
			t.End = t.Start.AddDate(0, months-2*third, -1)
		case "END":
			t.Start = t.End.AddDate(0, 0, 1).AddDate(0, -third, 0)
		}
		return
	}
	days := int(t.End.Sub(t.Start)/(24*time.Hour)) + 1
	third := days / 3
	switch mod {
	case "START":
		t.End = t.Start.AddDate(0, 0, third-1)
	case "MID":
		t.Start = t.Start.AddDate(0, 0, third)
		t.End = t.Start.AddDate(0, 0, days-2*third-1)
	case "END":
		t.Start = t.End.AddDate(0, 0, -(third - 1))
	}
}

// relUnit resolves "this week", "last month", "next year", "the weekend".
func (r *resolver) relUnit(t *doc.Timex, c cand) {
	if !r.hasDCT {
		switch c.unit {
		case uWeek:
			t.Value = "XXXX-WXX"
		case uMonth:
			t.Value = "XXXX-XX"
		case uYear:
			t.Value = "XXXX"
		default:
			switch {
			case c.dir < 0:
				t.Value = "PAST_REF"
			case c.dir > 0:
				t.Value = "FUTURE_REF"
			default:
				t.Value = "PRESENT_REF"
			}
		}
		return
	}
	D := r.dct
	switch c.unit {
	case uWeek, uFortnight:
		st := weekStart(D).AddDate(0, 0, 7*c.dir)
		t.Value = isoWeek(st)
		t.Start, t.End, t.Precision = st, st.AddDate(0, 0, 6), doc.DateWeek
	case uWeekend:
		// The weekend of this week; in past-tense reporting on a weekday,
		// the one just gone.
		st := weekStart(D).AddDate(0, 0, 5+7*c.dir)
		if c.dir == 0 && isoWeekday(D) < 6 && !r.s.futureContext(c.ts) {
			st = st.AddDate(0, 0, -7)
		}
		t.Value = isoWeek(st) + "-WE"
		t.Start, t.End, t.Precision = st, st.AddDate(0, 0, 1), doc.DateWeek
	case uMonth:
		st := day(D.Year(), int(D.Month())+c.dir, 1)
		t.Value = st.Format("2006-01")
		t.Start, t.End, t.Precision = st, monthEnd(st.Year(), int(st.Month())), doc.DateMonth
	case uQuarter:
		q := (int(D.Month())-1)/3 + c.dir
		y := D.Year() + floorDiv(q, 4)
		q = (q%4+4)%4 + 1
		t.Value = fmt.Sprintf("%04d-Q%d", y, q)
		t.Start, t.End, t.Precision = day(y, 3*q-2, 1), monthEnd(y, 3*q), doc.DateSeason
	case uYear:
		y := D.Year() + c.dir
		t.Value = strconv.Itoa(y)
		t.Start, t.End, t.Precision = day(y, 1, 1), day(y, 12, 31), doc.DateYear
	case uDecade:
		y := D.Year()/10 + c.dir
		t.Value = fmt.Sprintf("%03d", y)
		t.Start, t.End, t.Precision = day(y*10, 1, 1), day(y*10+9, 12, 31), doc.DateDecade
	case uCentury:
		y := D.Year()/100 + c.dir
		t.Value = fmt.Sprintf("%02d", y)
		t.Start, t.End, t.Precision = day(y*100, 1, 1), day(y*100+99, 12, 31), doc.DateDecade
	case uSeason:
		y := D.Year() + c.dir
		t.Value = fmt.Sprintf("%04d-%s", y, c.season)
		t.Start, t.End = seasonBounds(y, c.season)
		t.Precision = doc.DateSeason
	}
	fuzzy(t, c.mod)
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// addUnit moves t by n units.
func addUnit(t time.Time, u unit, n int) time.Time {
	switch u {
	case uDay:
		return t.AddDate(0, 0, n)
	case uWeek, uWeekend:
		return t.AddDate(0, 0, 7*n)
	case uFortnight:
		return t.AddDate(0, 0, 14*n)
	case uMonth:
		return t.AddDate(0, n, 0)
	case uQuarter:
		return t.AddDate(0, 3*n, 0)
	case uSeason:
		return t.AddDate(0, 3*n, 0)
	case uYear:
		return t.AddDate(n, 0, 0)
	case uDecade:
		return t.AddDate(10*n, 0, 0)
	case uCentury:
		return t.AddDate(100*n, 0, 0)
	}
	return t
}

// shift resolves "three weeks ago" and "a day earlier" at the granularity
// of their unit.
func (r *resolver) shift(t *doc.Timex, c cand, base time.Time) {
	d := addUnit(base, c.unit, c.dir*c.n)
	switch c.unit {
	case uSecond, uMinute, uHour, uDay:
		setDay(t, d)
	case uWeek, uFortnight, uWeekend:
		st := weekStart(d)
		t.Value = isoWeek(d)
		t.Start, t.End, t.Precision = st, st.AddDate(0, 0, 6), doc.DateWeek
	case uMonth:
		t.Value = d.Format("2006-01")
		t.Start, t.End, t.Precision = day(d.Year(), int(d.Month()), 1), monthEnd(d.Year(), int(d.Month())), doc.DateMonth
	case uQuarter, uSeason:
		q := (int(d.Month())-1)/3 + 1
		t.Value = fmt.Sprintf("%04d-Q%d", d.Year(), q)
		t.Start, t.End, t.Precision = day(d.Year(), 3*q-2, 1), monthEnd(d.Year(), 3*q), doc.DateSeason
	case uYear:
		t.Value = strconv.Itoa(d.Year())
		t.Start, t.End, t.Precision = day(d.Year(), 1, 1), day(d.Year(), 12, 31), doc.DateYear
	case uDecade, uCentury:
		t.Value = fmt.Sprintf("%03d", d.Year()/10)
		t.Start, t.End, t.Precision = day(d.Year()/10*10, 1, 1), day(d.Year()/10*10+9, 12, 31), doc.DateDecade
	}
}

// durValue writes a TIMEX3 duration: P10D, P3W, PT24H, PXY.
func durValue(c cand) string {
	n := "X"
	if c.n > 0 {
		n = strconv.Itoa(c.n)
	}
	u := c.unit
	if c.n2 > 0 && c.n > 0 {
		// "two and a half years" in the next smaller unit: P30M.
		switch u {
		case uYear:
			return fmt.Sprintf("P%dM", 12*c.n+6)
		case uMonth:
			return fmt.Sprintf("P%dW", 4*c.n+2)
		case uWeek:
			return fmt.Sprintf("P%dD", 7*c.n+3)
		case uDay:
			return fmt.Sprintf("PT%dH", 24*c.n+12)
		case uHour:
			return fmt.Sprintf("PT%dM", 60*c.n+30)
		}
	}
	switch u {
	case uSecond:
		return "PT" + n + "S"
	case uMinute:
		return "PT" + n + "M"
	case uHour:
		return "PT" + n + "H"
	case uDay:
		return "P" + n + "D"
	case uWeek:
		return "P" + n + "W"
	case uWeekend:
		return "P" + n + "WE"
	case uFortnight:
		if c.n > 0 {
			return fmt.Sprintf("P%dW", 2*c.n)
		}
		return "PXW"
	case uMonth:
		return "P" + n + "M"
	case uQuarter:
		return "P" + n + "Q"
	case uSeason:
		return "P" + n + "SE"
	case uYear:
		return "P" + n + "Y"
	case uDecade:
		return "P" + n + "DE"
	case uCentury:
		return "P" + n + "CE"
	}
	return "P" + n + "D"
}
