package timex_test

import (
	"context"
	"fmt"
	"time"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/timex"
)

func ExampleTagger_Tag() {
	text := "Forces entered the town on Monday evening. A day earlier, jets struck it; it has been held by rebels since 2014."
	pub := time.Date(2019, 8, 20, 0, 0, 0, 0, time.UTC)
	for _, t := range timex.New(timex.Options{}).Tag(text, &pub) {
		fmt.Printf("%s\t%s\t%s\n", text[t.Span.Start:t.Span.End], t.Type, t.Value)
	}
	// Output:
	// Monday evening	TIME	2019-08-19TEV
	// A day earlier	DATE	2019-08-18
	// 2014	DATE	2014
}

func ExampleTagger_Process() {
	pub := time.Date(2019, 8, 15, 0, 0, 0, 0, time.UTC)
	d := &doc.Document{Text: "Villages fell in late April and over the past ten days.", Published: &pub}
	_ = timex.New(timex.Options{}).Process(context.Background(), d)
	for _, t := range d.Timexes {
		fmt.Println(d.Slice(t.Span), t.Value, t.Start.Format("2006-01-02"), t.End.Format("2006-01-02"))
	}
	// Output:
	// late April 2019-04 2019-04-21 2019-04-30
	// the past ten days P10D 2019-08-06 2019-08-15
}

func ExampleInferPublished() {
	d := &doc.Document{Text: "The town was shelled between 11 and 15 August 2019. Troops entered on Thursday evening, a monitor said."}
	t, ev, ok := timex.InferPublished(d)
	fmt.Println(t.Format("2006-01-02"), d.Slice(ev), ok)
	// Output:
	// 2019-08-15 11 and 15 August 2019 true
}

func ExampleNewDater() {
	d := &doc.Document{Text: "Smoke rises over the old town, April 22, 2017"}
	_ = timex.NewDater().Process(context.Background(), d)
	fmt.Println(d.Published.Format("2006-01-02"), d.PublishedInferred, d.Slice(d.PublishedEvidence))
	// Output:
	// 2017-04-22 true April 22, 2017
}

// Numeric dates whose parts could be day or month either way round take
// their order from the document; here the weekday the stamped text names
// settles the first, and nothing settles the second, which keeps both
// readings.
func ExampleTagger_Tag_numericDates() {
	tg := timex.New(timex.Options{})
	for _, text := range []string{
		"10-07-2016 Jets struck the grain silo on Sunday.",
		"10-11-2014 Troops took the ridge.",
	} {
		for _, t := range tg.Tag(text, nil) {
			if !t.Start.IsZero() { // "Sunday" has no calendar day without a DCT
				fmt.Println(text[t.Span.Start:t.Span.End], t.Value, t.Precision, t.Start.Format("2006-01-02"), t.End.Format("2006-01-02"))
			}
		}
	}
	// Output:
	// 10-07-2016 2016-07-10 day 2016-07-10 2016-07-10
	// 10-11-2014 2014 year 2014-10-11 2014-11-10
}
