package timex

import (
	"regexp"
	"testing"
	"time"
)

// numericSurface matches a timex written with numbers and separators.
var numericSurface = regexp.MustCompile(`[0-9][-./][0-9]`)

func TestNumericDateOrder(t *testing.T) {
	tests := []struct {
		name    string
		opts    Options
		dct     string // "" for none
		text    string
		surface string
		value   string
		start   string // interval, "" to skip
		end     string
		by      string // the rule that settled it, "" when the numbers did or nothing did
	}{
		{"a first part above twelve is the day", Options{}, "", "Filed 24.08.2013 in the capital.", "24.08.2013", "2013-08-24", "", "", ""},
		{"a second part above twelve is the day", Options{}, "", "The ceasefire of 10-15-2016 broke down.", "10-15-2016", "2016-10-15", "", "", ""},
		{"ISO order with slashes is unambiguous", Options{}, "", "Filed 2017/10/03 in Geneva.", "2017/10/03", "2017-10-03", "", "", ""},
		{"ISO order with dots is unambiguous", Options{}, "", "Filed 2017.10.03 in Geneva.", "2017.10.03", "2017-10-03", "", "", ""},
		{"equal parts are unambiguous", Options{}, "", "Filed 05.05.2015 in Geneva.", "05.05.2015", "2015-05-05", "", "", ""},
		{"a hyphenated date nothing settles keeps both readings as an interval", Options{}, "", "10-07-2016 Troops entered the valley.", "10-07-2016", "2016", "2016-07-10", "2016-10-07", ""},
		{"a dotted date nothing settles keeps both readings as an interval", Options{}, "", "The list of 05.02.2015 names nine men.", "05.02.2015", "2015", "2015-02-05", "2015-05-02", ""},
		{"the day-first option settles it", Options{DayFirst: true}, "", "Dated 04/05/2017.", "04/05/2017", "2017-05-04", "", "", "option"},
		{"the month-first option settles it", Options{MonthFirst: true}, "", "Dated 04/05/2017.", "04/05/2017", "2017-04-05", "", "", "option"},
		{"a weekday beside the date settles it", Options{}, "", "Tue 03.10.2017 Mortars struck the old market.", "Tue 03.10.2017", "2017-10-03", "", "", "weekday beside"},
		{"a full weekday name beside the date settles it", Options{}, "", "Friday 10/03/2017 Mortars struck the old market.", "Friday 10/03/2017", "2017-03-10", "", "", "weekday beside"},
		{"another date of the text with a day above twelve gives the writer's order", Options{}, "", "Report of 25.07.2016. The convoy was hit on 03.07.2016 near the bridge.", "03.07.2016", "2016-07-03", "", "", "convention"},
		{"a month-first date elsewhere gives the month-first order", Options{}, "", "Filed 07/25/2016. The convoy was hit on 07/03/2016 near the bridge.", "07/03/2016", "2016-07-03", "", "", "convention"},
		{"the reading near the document date wins", Options{}, "2017-10-05", "Mortars hit the school on 03.10.2017, teachers said.", "03.10.2017", "2017-10-03", "", "", "dct"},
		{"a document date far from both readings settles nothing", Options{}, "2019-06-01", "Mortars hit the school on 03.10.2017, teachers said.", "03.10.2017", "2017", "2017-03-10", "2017-10-03", ""},
		{"a stamp is not before a day its text tells of", Options{}, "", "05.10.2017 Residents said the bakery was shelled on September 29 and again later.", "05.10.2017", "2017-10-05", "", "", "days told"},
		{"a weekday the stamped text names settles the stamp", Options{}, "", "10-07-2016 Jets struck the grain silo on Sunday killing nine.", "10-07-2016", "2016-07-10", "", "", "weekday reference"},
		{"the day before a named weekday settles the stamp when no reading is that weekday", Options{}, "", "01-08-2016 Jets struck the grain silo on Sunday killing nine.", "01-08-2016", "2016-08-01", "", "", "weekday reference"},
		{"a month the text names settles the date", Options{}, "", "A report dated 03.10.2017 lists the raids of early October in the north.", "03.10.2017", "2017-10-03", "", "", "month names"},
		{"a repeated stamp follows the settled one", Options{}, "", "08.04.2017 (updated 1954 08.04.2017) Shelling resumed on Saturday.", "08.04.2017", "2017-04-08", "", "", "weekday reference"},
		{"a two-digit year needs slashes", Options{}, "2017-06-01", "The bulletin of 04/22/17 listed the dead.", "04/22/17", "2017-04-22", "", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var dct *time.Time
			if tc.dct != "" {
				dct = date(tc.dct)
			}
			tg := New(tc.opts)
			got := tg.Tag(tc.text, dct)
			x, ok := find(tc.text, got, tc.surface)
			if !ok {
				t.Fatalf("Tag(%q) = %v, want an expression %q", tc.text, surfaces(tc.text, got), tc.surface)
			}
			if x.Value != tc.value {
				t.Errorf("%q: got %s, want %s", tc.surface, x.Value, tc.value)
			}
			if tc.start != "" {
				if gs, ge := x.Start.Format("2006-01-02"), x.End.Format("2006-01-02"); gs != tc.start || ge != tc.end {
					t.Errorf("%q: got interval %s..%s, want %s..%s", tc.surface, gs, ge, tc.start, tc.end)
				}
			}
			cands, s := tg.scan(tc.text, dct)
			defer tg.release(s)
			for _, c := range cands {
				if c.s == x.Span.Start && c.ruleName() != tc.by {
					t.Errorf("%q: settled by %q, want %q", tc.surface, c.ruleName(), tc.by)
				}
			}
		})
	}
}

func TestNumericDateRejects(t *testing.T) {
	tests := []struct {
		name, text string
	}{
		{"an address of four numbers is not a date", "The server at 10.10.10.2016 went down."},
		{"a code with a number before the date is not a date", "Serial 1-10-07-2016 was stamped on the shell."},
		{"a code with a number after the date is not a date", "Serial 10-07-2016-4 was stamped on the shell."},
		{"mixed separators are not a date", "Serial 10-07.2016 was stamped on the shell."},
		{"a two-digit year with dots is a version, not a date", "The app moved to 3.5.17 last year."},
		{"a day that no month has is not a date", "Serial 31-31-2016 was stamped on the shell."},
	}
	tg := New(Options{})
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, x := range tg.Tag(tc.text, nil) {
				if sf := tc.text[x.Span.Start:x.Span.End]; numericSurface.MatchString(sf) {
					t.Errorf("Tag(%q) has %q = %s, want no numeric date", tc.text, sf, x.Value)
				}
			}
		})
	}
}

func TestInferPublishedFromNumericStamps(t *testing.T) {
	tests := []struct {
		name, text, want, evidence string // want "" for unknown
	}{
		{"a stamp whose first part exceeds twelve is the publication date",
			"24-08-2013 Shells hit a bakery in the old quarter.", "2013-08-24", "24-08-2013"},
		{"a stamp settled by a weekday of the text is the publication date",
			"10-07-2016 Jets struck the grain silo on Sunday killing nine.", "2016-07-10", "10-07-2016"},
		{"a stamp settled by a day the text tells of is the publication date",
			"05.10.2017 Residents said the bakery was shelled on September 29.", "2017-10-05", "05.10.2017"},
		{"a stamp nothing settles is no publication date",
			"10-11-2014 Troops killed a commander near the border.", "", ""},
		{"a stamp nothing settles makes an older day of the text background",
			"10-11-2014 The town had fallen on 2 January 2014 and was retaken.", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b, ok := inferPublished(tc.text)
			if tc.want == "" {
				if ok {
					t.Errorf("got %s (%s, %q), want unknown", b.date.Format("2006-01-02"), b.rule, tc.text[b.span.Start:b.span.End])
				}
				return
			}
			if !ok {
				t.Fatalf("got unknown, want %s", tc.want)
			}
			if got := b.date.Format("2006-01-02"); got != tc.want || tc.text[b.span.Start:b.span.End] != tc.evidence {
				t.Errorf("got %s from %q, want %s from %q", got, tc.text[b.span.Start:b.span.End], tc.want, tc.evidence)
			}
		})
	}
}
