package timex

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/pipeline"
)

var update = flag.Bool("update", false, "rewrite golden files")

var _ pipeline.Stage = (*Tagger)(nil)

func date(s string) *time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return &t
}

// find returns the timex whose surface text is surface.
func find(text string, ts []doc.Timex, surface string) (doc.Timex, bool) {
	for _, t := range ts {
		if text[t.Span.Start:t.Span.End] == surface {
			return t, true
		}
	}
	return doc.Timex{}, false
}

func TestTag(t *testing.T) {
	tests := []struct {
		name    string
		dct     string // "" for none
		text    string
		surface string
		typ     string
		value   string
		start   string // interval start, "" to skip the check
		end     string
	}{
		{"on Thursday in a Saturday article is two days before", "2019-08-17", "Troops advanced on Thursday.", "Thursday", "DATE", "2019-08-15", "2019-08-15", "2019-08-15"},
		{"on Thursday in a Thursday article is that day", "2019-08-15", "Troops advanced on Thursday.", "Thursday", "DATE", "2019-08-15", "", ""},
		{"will on Thursday in a Thursday article is a week later", "2019-08-15", "Talks will resume on Thursday.", "Thursday", "DATE", "2019-08-22", "", ""},
		{"Monday evening is a time on the most recent Monday", "2019-08-20", "They entered the town on Monday evening.", "Monday evening", "TIME", "2019-08-19TEV", "2019-08-19", "2019-08-19"},
		{"a day earlier is anchored on the previous weekday", "2019-08-16", "Villages fell on Thursday. A day earlier, a jet was downed.", "A day earlier", "DATE", "2019-08-14", "2019-08-14", "2019-08-14"},
		{"two days later counts from the previous date", "2019-08-16", "The siege began on 2 August. Two days later the town fell.", "Two days later", "DATE", "2019-08-04", "", ""},
		{"last night is the evening before publication", "2019-08-20", "The group withdrew last night.", "last night", "TIME", "2019-08-19TNI", "", ""},
		{"yesterday is the day before", "2019-08-20", "Shelling resumed yesterday.", "yesterday", "DATE", "2019-08-19", "", ""},
		{"this week is the ISO week", "2019-08-16", "Talks collapsed this week.", "this week", "DATE", "2019-W33", "2019-08-12", "2019-08-18"},
		{"earlier this week is still this week", "2019-08-16", "Rebels said earlier this week they would fight.", "earlier this week", "DATE", "2019-W33", "", ""},
		{"last month is the calendar month before", "2017-04-22", "The front moved last month.", "last month", "DATE", "2017-03", "2017-03-01", "2017-03-31"},
		{"next week is the week after", "2019-08-16", "Envoys meet next week.", "next week", "DATE", "2019-W34", "", ""},
		{"three weeks ago has week granularity", "2019-08-16", "The town fell three weeks ago.", "three weeks ago", "DATE", "2019-W30", "", ""},
		{"a full date in day-month order", "", "It happened on 4 April 2017.", "4 April 2017", "DATE", "2017-04-04", "2017-04-04", "2017-04-04"},
		{"a full date in month-day order", "", "It happened on April 4, 2017, at night.", "April 4, 2017", "DATE", "2017-04-04", "", ""},
		{"an ISO date", "", "Filed 2017-04-04 in Geneva.", "2017-04-04", "DATE", "2017-04-04", "", ""},
		{"a slashed date whose order nothing decides is the year between its readings", "", "Dated 04/05/2017.", "04/05/2017", "DATE", "2017", "2017-04-05", "2017-05-04"},
		{"a slashed date whose first part exceeds twelve is day first", "", "Dated 22/04/2017.", "22/04/2017", "DATE", "2017-04-22", "", ""},
		{"a month and year", "", "The attack in April 2017 killed dozens.", "April 2017", "DATE", "2017-04", "2017-04-01", "2017-04-30"},
		{"a year", "", "Under rebel control since 2014, the town fell.", "2014", "DATE", "2014", "", ""},
		{"a decade", "", "The war of the 1990s left scars.", "1990s", "DATE", "199", "1990-01-01", "1999-12-31"},
		{"a quarter with year", "", "Output fell in Q3 2019.", "Q3 2019", "DATE", "2019-Q3", "2019-07-01", "2019-09-30"},
		{"the first quarter is of the document year", "1998-06-10", "Profit rose in the first quarter.", "the first quarter", "DATE", "1998-Q1", "", ""},
		{"an ISO week", "", "Reported in 2019-W33.", "2019-W33", "DATE", "2019-W33", "2019-08-12", "2019-08-18"},
		{"a month and day without year takes the nearest past year", "2019-08-20", "Fighting flared on 4 April.", "4 April", "DATE", "2019-04-04", "", ""},
		{"a late-year date in a January article is last year", "2020-01-05", "The offensive began on 19 December.", "19 December", "DATE", "2019-12-19", "", ""},
		{"a future month and day after will is this year", "2013-03-22", "Closures will begin on April 7.", "April 7", "DATE", "2013-04-07", "", ""},
		{"late April is the last third of April", "2019-08-15", "An offensive began in late April.", "late April", "DATE", "2019-04", "2019-04-21", "2019-04-30"},
		{"early 2019 is the first third of the year", "", "Talks stalled in early 2019.", "early 2019", "DATE", "2019", "2019-01-01", "2019-04-30"},
		{"mid-March is the middle third", "2019-08-15", "Clashes resumed in mid-March.", "mid-March", "DATE", "2019-03", "2019-03-11", "2019-03-20"},
		{"the end of May is the last third of May", "2019-08-15", "By the end of May the lines held.", "the end of May", "DATE", "2019-05", "2019-05-21", "2019-05-31"},
		{"a day range shares its month", "2019-08-20", "Thousands fled between 11 and 15 August.", "11 and 15 August", "DATE", "2019-08-11", "2019-08-11", "2019-08-15"},
		{"since a year opens the interval to publication", "2019-08-20", "Held by rebels since 2014.", "2014", "DATE", "2014", "2014-01-01", "2019-08-20"},
		{"since February 1 is a day", "2017-04-22", "Since February 1, hospitals were hit.", "February 1", "DATE", "2017-02-01", "", ""},
		{"over the past ten days is a duration ending at publication", "2017-04-25", "Over the past ten days, the army advanced.", "the past ten days", "DURATION", "P10D", "2017-04-16", "2017-04-25"},
		{"after eight years of war is a duration not a date", "", "After eight years of war the town is ruined.", "eight years", "DURATION", "P8Y", "", ""},
		{"a hyphenated month count is a duration", "", "During the 73-month conflict the town changed hands.", "73-month", "DURATION", "P73M", "", ""},
		{"a six-year conflict is a duration", "", "The six-year conflict continues.", "six-year", "DURATION", "P6Y", "", ""},
		{"0800 GMT is a time on the document day", "2017-04-22", "UPDATE 0800 GMT: forces moved in.", "0800 GMT", "TIME", "2017-04-22T08:00", "", ""},
		{"every Friday is a set", "", "Protests are held every Friday.", "every Friday", "SET", "XXXX-WXX-5", "", ""},
		{"daily is a set", "", "Convoys leave daily.", "daily", "SET", "P1D", "", ""},
		{"now is the present", "2013-03-18", "Now, developers can build apps.", "Now", "DATE", "PRESENT_REF", "", ""},
		{"recently is the past", "2013-03-18", "He recently resigned.", "recently", "DATE", "PAST_REF", "", ""},
		{"the past two years is a duration", "2013-03-22", "He spoke to both over the past two years.", "the past two years", "DURATION", "P2Y", "", ""},
		{"the next few months is a vague duration", "2013-03-22", "Prices will be set over the next few months.", "the next few months", "DURATION", "PXM", "", ""},
		{"two years ago is a year", "2013-03-22", "The firm was bought two years ago.", "two years ago", "DATE", "2011", "", ""},
		{"this fiscal year is the document year", "2013-03-22", "It must cut $600 million this fiscal year.", "this fiscal year", "DATE", "2013", "", ""},
		{"Friday afternoon is a time", "2013-03-22", "Before leaving on Friday afternoon, he spoke.", "Friday afternoon", "TIME", "2013-03-22TAF", "", ""},
		{"a weekday without a document date is underspecified", "", "Troops advanced on Thursday.", "Thursday", "DATE", "XXXX-WXX-4", "", ""},
		{"a bare month without a document date is underspecified", "", "The offensive began in late April.", "late April", "DATE", "XXXX-04", "", ""},
		{"hours later is the day of the expression before", "2019-08-20", "Jets struck the depot on Monday. Hours later, a second convoy was hit.", "Hours later", "DATE", "2019-08-19", "2019-08-19", "2019-08-19"},
		{"two hours later keeps a day anchor's day", "2019-08-20", "Jets struck the depot on 14 August. Two hours later, a convoy was hit.", "Two hours later", "DATE", "2019-08-14", "2019-08-14", "2019-08-14"},
		{"several minutes earlier keeps a day anchor's day", "2019-08-20", "The blast came on Sunday. Several minutes earlier, sirens sounded.", "Several minutes earlier", "DATE", "2019-08-18", "2019-08-18", "2019-08-18"},
		{"two days earlier counts back from the expression before", "2019-08-20", "Rebels took the hill on 10 August. Two days earlier, the army withdrew.", "Two days earlier", "DATE", "2019-08-08", "2019-08-08", "2019-08-08"},
		{"the previous day counts back from the expression before", "2019-08-20", "Rebels took the hill on 10 August. The previous day, the army withdrew.", "The previous day", "DATE", "2019-08-09", "2019-08-09", "2019-08-09"},
		{"a day earlier without any anchor is underspecified", "", "A day earlier, a jet was downed.", "A day earlier", "DATE", "XXXX-XX-XX", "", ""},
		{"a weekday with an explicit date takes the date", "2017-04-25", "On Saturday, April 22, 2017, smoke rose.", "Saturday, April 22, 2017", "DATE", "2017-04-22", "", ""},
		{"the previous day follows the anchor", "2019-08-20", "The town fell on 14 August. The previous day, rebels fled.", "The previous day", "DATE", "2019-08-13", "", ""},
		{"the first half of a year is H1", "", "Sales fell in the first half of 2012.", "the first half of 2012", "DATE", "2012-H1", "2012-01-01", "2012-06-30"},
		{"the end of the year is the document year", "2013-03-20", "By the end of the year it will close.", "the end of the year", "DATE", "2013", "2013-09-01", "2013-12-31"},
		{"a date something is set for is in the future", "2017-11-29", "A sequel is set for May 3.", "May 3", "DATE", "2018-05-03", "", ""},
		{"last summer is the season of the year before", "2019-08-20", "Fighting stopped last summer.", "last summer", "DATE", "2018-SU", "", ""},
		{"a weekday possessive without its apostrophe is the last such day", "2016-10-26", "Saturdays blast killed six near the mosque", "Saturdays", "DATE", "2016-10-22", "2016-10-22", "2016-10-22"},
		{"a stripped possessive on the publication weekday is that day", "2016-10-24", "Rescuers said Mondays attack was the worst", "Mondays", "DATE", "2016-10-24", "", ""},
		{"a stripped possessive before a capitalised noun is a day", "2016-10-26", "Fridays US strike hit a depot", "Fridays", "DATE", "2016-10-21", "", ""},
		{"a stripped possessive after on needs an event noun after it", "2016-10-26", "Aid groups reported on Sundays shelling of the camp", "Sundays", "DATE", "2016-10-23", "", ""},
		{"on Saturdays is every Saturday", "2016-10-26", "The market opens on Saturdays", "Saturdays", "SET", "XXXX-WXX-6", "", ""},
		{"on Saturdays before a verb is every Saturday", "2016-10-26", "Crowds on Fridays gather at the square", "Fridays", "SET", "XXXX-WXX-5", "", ""},
		{"every-like quantifiers before a plural weekday make a set", "2016-10-26", "Most Thursdays convoys reach the town", "Thursdays", "SET", "XXXX-WXX-4", "", ""},
		{"a plural weekday ending its phrase is a set", "2016-10-26", "Schools close Fridays and Saturdays.", "Fridays", "SET", "XXXX-WXX-5", "", ""},
		{"a plural weekday before a verb is a set", "2016-10-26", "Tuesdays are quiet in the old city", "Tuesdays", "SET", "XXXX-WXX-2", "", ""},
		{"yesterdays without its apostrophe is yesterday", "2016-10-26", "yesterdays shelling hit a school", "yesterdays", "DATE", "2016-10-25", "", ""},
		{"last weeks before a noun is last week", "2016-10-26", "Last weeks raids left the bridge down", "Last weeks", "DATE", "2016-W42", "2016-10-17", "2016-10-23"},
		{"the last weeks of a war stay a vague duration", "2016-10-26", "In the last weeks of the war the town emptied", "weeks", "DURATION", "PXW", "", ""},
		{"last months before a noun is last month", "2016-10-26", "Monitors counted last months dead", "last months", "DATE", "2016-09", "", ""},
		{"last nights before a noun is last night", "2016-10-26", "Last nights attack woke the town", "Last nights", "TIME", "2016-10-25TNI", "", ""},
		{"last Saturdays before a noun is the Saturday before", "2016-10-26", "Last Saturdays vote was annulled", "Last Saturdays", "DATE", "2016-10-22", "", ""},
		{"a stamp's abbreviated weekday is part of the date", "", "Wed 05 Apr 2017 Clinics were hit", "Wed 05 Apr 2017", "DATE", "2017-04-05", "2017-04-05", "2017-04-05"},
		{"an abbreviated weekday before a month-first date is part of it", "", "Mon Jul 18 2016 Jets struck", "Mon Jul 18 2016", "DATE", "2016-07-18", "", ""},
		{"a stamp after a headline and a byline is a date", "", "Shells kill four in the old town Monitor AFP Tuesday 3 Oct 2017 Shells hit", "Tuesday 3 Oct 2017", "DATE", "2017-10-03", "", ""},
		{"a date of publication stamp is a date", "", "Date of publication 26 October 2016 Jets struck", "26 October 2016", "DATE", "2016-10-26", "", ""},
		{"four digits after at after a stamp are its clock time", "", "Fri 07 Apr 2017 at 0914 A convoy was hit", "0914", "TIME", "2017-04-07T09:14", "", ""},
		{"four digits with a leading zero after at are a clock time", "2017-04-08", "The shelling began at 0630 near the bridge", "0630", "TIME", "2017-04-08T06:30", "", ""},
	}
	tg := New(Options{})
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var dct *time.Time
			if tc.dct != "" {
				dct = date(tc.dct)
			}
			got := tg.Tag(tc.text, dct)
			x, ok := find(tc.text, got, tc.surface)
			if !ok {
				t.Fatalf("Tag(%q) = %v, want an expression %q", tc.text, surfaces(tc.text, got), tc.surface)
			}
			if x.Type != tc.typ || x.Value != tc.value {
				t.Errorf("%q: got %s %s, want %s %s", tc.surface, x.Type, x.Value, tc.typ, tc.value)
			}
			if tc.start != "" {
				if gs, ge := x.Start.Format("2006-01-02"), x.End.Format("2006-01-02"); gs != tc.start || ge != tc.end {
					t.Errorf("%q: got interval %s..%s, want %s..%s", tc.surface, gs, ge, tc.start, tc.end)
				}
			}
		})
	}
}

func surfaces(text string, ts []doc.Timex) []string {
	var out []string
	for _, t := range ts {
		out = append(out, text[t.Span.Start:t.Span.End])
	}
	return out
}

func TestTagRejects(t *testing.T) {
	tests := []struct {
		name, text string
	}{
		{"May as a modal verb is not a month", "May the talks succeed. They may return."},
		{"May as a surname is not a month", "Prime Minister Theresa May spoke to reporters."},
		{"the march is a noun", "The march through the capital was peaceful."},
		{"a bare number is not a date", "Rebels fired 12 rockets and 300 shells."},
		{"the Sunday Times is a newspaper", "The Sunday Times reported the claim."},
		{"an age is not a duration", "A 12-year-old boy and a man, 40 years old, were hurt."},
		{"a count of people is not a year", "More than 2000 people fled."},
		{"money is not a year", "It cost $2015 in fees."},
		{"days after a lower-case month are not a slashed date", "the executive meets in goa on april 12/13/14."},
		{"an abbreviated weekday alone is not a date", "Protests in Mon State grew. Sat outside, the men waited."},
		{"four digits after at that count people or metres are not a time", "The camp is full at 1200 people; the post sits at 0900 metres."},
	}
	tg := New(Options{})
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tg.Tag(tc.text, date("2019-08-20")); len(got) != 0 {
				t.Errorf("Tag(%q) = %v, want nothing", tc.text, surfaces(tc.text, got))
			}
		})
	}
}

func TestProcessSpansAreSurfaceForms(t *testing.T) {
	d := &doc.Document{Text: "Forces entered on Monday evening; a day earlier, on 18 August, jets struck.", Published: date("2019-08-20")}
	if err := New(Options{}).Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	want := []string{"Monday evening", "a day earlier", "18 August"}
	if got := surfaces(d.Text, d.Timexes); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q", got, want)
	}
	if a := d.Timexes[1]; a.Anchor != 0 {
		t.Errorf("a day earlier: got anchor %d, want 0", a.Anchor)
	}
}

// TestGolden tags an article of our own and compares with
// testdata/article/want.txt; run with -update to rewrite it.
func TestGolden(t *testing.T) {
	in, err := os.ReadFile(filepath.Join("testdata", "article", "input.txt"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(in)
	d := &doc.Document{Text: text}
	pub, ev, ok := InferPublished(d)
	var b strings.Builder
	if ok {
		fmt.Fprintf(&b, "published %s from %q\n", pub.Format("2006-01-02"), text[ev.Start:ev.End])
	} else {
		fmt.Fprintf(&b, "published unknown\n")
	}
	dct := date("2021-04-13")
	for _, x := range New(Options{}).Tag(text, dct) {
		fmt.Fprintf(&b, "%q\t%s\t%s\t%s..%s\t%s\t%s\n", text[x.Span.Start:x.Span.End], x.Type, x.Value,
			fmtDay(x.Start), fmtDay(x.End), x.Precision, x.Open)
	}
	golden := filepath.Join("testdata", "article", "want.txt")
	if *update {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if b.String() != string(want) {
		t.Errorf("golden mismatch; got:\n%s\nwant:\n%s", b.String(), want)
	}
}

func fmtDay(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Format("2006-01-02")
}

var validValue = regexp.MustCompile(`^(PRESENT_REF|PAST_REF|FUTURE_REF|P(T?[0-9X.]+[A-Z]{1,2})+|XXXX-WXX(-[1-7])?(T[A-Z]{2})?|[0-9X]{2,4}(-(Q[1-4]|H[12]|SP|SU|FA|WI|W[0-9X]{2}(-[1-7]|-WE)?|[0-9X]{2}(-[0-9X]{2})?))?(T([A-Z]{2}|[0-9]{2}:[0-9]{2}))?)$`)

// FuzzTag checks the tagger's invariant: no input can panic it, and every
// expression is a span inside the text with start ≤ end, a known type and
// a well-formed TIMEX3 value.
func FuzzTag(f *testing.F) {
	f.Add("On Thursday, a day earlier, 4 April 2017.")
	tg := New(Options{})
	f.Fuzz(func(t *testing.T, text string) {
		for _, dct := range []*time.Time{nil, date("2019-08-20")} {
			for _, x := range tg.Tag(text, dct) {
				if !x.Span.Valid(len(text)) || x.Span.Start >= x.Span.End {
					t.Fatalf("span %v outside text of %d bytes", x.Span, len(text))
				}
				switch x.Type {
				case doc.TimexDate, doc.TimexTime, doc.TimexDuration, doc.TimexSet:
				default:
					t.Fatalf("type %q", x.Type)
				}
				if !validValue.MatchString(x.Value) {
					t.Fatalf("%q: invalid value %q", text[x.Span.Start:x.Span.End], x.Value)
				}
				if x.End.Before(x.Start) {
					t.Fatalf("%q: interval %v..%v ends before it starts", text[x.Span.Start:x.Span.End], x.Start, x.End)
				}
			}
		}
	})
}

func BenchmarkTag(b *testing.B) {
	in, err := os.ReadFile(filepath.Join("testdata", "article", "input.txt"))
	if err != nil {
		b.Fatal(err)
	}
	text := strings.Repeat(string(in), 20)
	tg := New(Options{})
	dct := date("2021-04-13")
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		tg.Tag(text, dct)
	}
}
