package event

import (
	"context"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep/internal/actor"
	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/pipeline"
	"github.com/sitrep-dev/sitrep/internal/quantity"
	"github.com/sitrep-dev/sitrep/internal/segment"
	"github.com/sitrep-dev/sitrep/internal/timex"
)

// chain runs the stages before event that dating needs.
func chain(t *testing.T) *pipeline.Chain {
	t.Helper()
	q, err := quantity.New()
	if err != nil {
		t.Fatal(err)
	}
	a, err := actor.New()
	if err != nil {
		t.Fatal(err)
	}
	return pipeline.New(nil, segment.New(), timex.New(timex.Options{}), q, a, newStage(t))
}

func TestEventsAreDatedByTheExpressionOfTheirClause(t *testing.T) {
	tests := []struct {
		name, text  string
		typ         string // sub-event type of the event to check
		from, to    string
		wantSources string
	}{
		{"a length since the event counts back from the publication date",
			"Villagers marked almost three weeks since a chlorine attack killed 40 people in the valley town.",
			"Chemical weapon", "2020-05-04", "2020-05-10", DateFromClause},
		{"a length of days since the event is a day",
			"It has been four days since gunmen ambushed the convoy on the mountain road.",
			"Armed clash", "2020-05-21", "2020-05-21", DateFromClause},
		{"more than a length since is earlier than the length",
			"It is more than two weeks since a car bomb exploded at the market in the old city.",
			"Remote explosive/landmine/IED", "2020-05-05", "2020-05-11", DateFromClause},
		{"a day earlier is the day before the sentence before",
			"Troops shelled the hill villages on Thursday. A day earlier, militants shot down an army helicopter near the town.",
			"Armed clash", "2020-05-20", "2020-05-20", DateFromSentence},
		{"the previous day is the day before the sentence before",
			"Rebels seized the hilltop on 10 May. The previous day, jets bombed the market in the valley.",
			"Air/drone strike", "2020-05-09", "2020-05-09", DateFromSentence},
		{"hours later is the day of the sentence before",
			"Rebels seized the hilltop on 10 May. Hours later, jets bombed the market in the valley.",
			"Air/drone strike", "2020-05-10", "2020-05-10", DateFromSentence},
		{"a date given elsewhere refines a length since",
			"Survivors spoke almost three weeks since the chlorine attack on the valley town. The 6 May chlorine attack killed 40 people.",
			"Chemical weapon", "2020-05-06", "2020-05-06", DateFromSentence},
		{"a present-perfect event with no date is news as of the article",
			"Rebels seized the hilltop on 10 May. Since then the army has regained control of the hills.",
			"Government regains territory", "2020-05-19", "2020-05-25", DateFromTense},
		{"a past-tense event with no date takes the date before it",
			"Rebels seized the hilltop on 10 May. Later, jets bombed the market in the valley.",
			"Air/drone strike", "2020-05-10", "2020-05-10", DateFromParagraph},
	}
	c := chain(t)
	pub := time.Date(2020, 5, 25, 0, 0, 0, 0, time.UTC) // a Monday
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &doc.Document{ID: "t", Text: tt.text, Published: &pub}
			if err := c.Run(context.Background(), d); err != nil {
				t.Fatal(err)
			}
			var e *doc.Event
			for i := range d.Events {
				if d.Events[i].SubEventType == tt.typ {
					e = &d.Events[i]
					break
				}
			}
			if e == nil {
				var got []string
				for _, x := range d.Events {
					got = append(got, x.SubEventType)
				}
				t.Fatalf("got events %q, want a %s", got, tt.typ)
			}
			if got, want := e.Date.Format(time.DateOnly)+".."+e.DateEnd.Format(time.DateOnly), tt.from+".."+tt.to; got != want {
				t.Errorf("got date %s (%s), want %s", got, e.DateSource, want)
			}
			if e.DateSource != tt.wantSources {
				t.Errorf("got date source %q, want %q", e.DateSource, tt.wantSources)
			}
		})
	}
}

func TestWithoutAPublicationDateAnEventIsNotDatedByAGuess(t *testing.T) {
	tests := []struct {
		name, text string
		typ        string
		from, to   string // "" for no date
		precision  string
		source     string
	}{
		{"a weekday of its own leaves the event undated",
			"Bandits killed six herders in Kaura on Friday, officials said. The raid came days after troops fought insurgents near Kagoro on 9 June 2022.",
			"Attack", "", "", "", DateUnresolved},
		{"yesterday of its own does not take the date before it",
			"Troops fought insurgents near Kagoro on 9 June 2022. Bandits killed six herders in Kaura yesterday, officials said.",
			"Attack", "", "", "", DateUnresolved},
		{"last week of its own does not take the document's date",
			"Bandits killed six herders in Kaura last week. Troops fought insurgents near Kagoro on 9 June 2022.",
			"Attack", "", "", "", DateUnresolved},
		{"a weekday the date before it falls on is that day",
			"Thu 9 Jun 2022 Letter from Kaura. Bandits killed six herders in Kaura on Thursday, officials said.",
			"Attack", "2022-06-09", "2022-06-09", doc.DateDay, DateFromParagraph},
		{"a weekday the date before it does not fall on is unresolved",
			"Thu 9 Jun 2022 Letter from Kaura. Bandits killed six herders in Kaura on Monday, officials said.",
			"Attack", "", "", "", DateUnresolved},
		{"a date told only after the event dates it to its month",
			"Bandits killed six herders in Kaura, officials said. Troops fought insurgents near Kagoro on 9 June 2022.",
			"Attack", "2022-06-01", "2022-06-30", doc.DateMonth, DateFromDocument},
		{"a date told before the event still dates it to the day",
			"Troops fought insurgents near Kagoro on 9 June 2022. Later, jets bombed the market in the valley.",
			"Air/drone strike", "2022-06-09", "2022-06-09", doc.DateDay, DateFromParagraph},
		{"a date of its own is the event's",
			"Bandits killed six herders in Kaura on 12 June 2022, officials said.",
			"Attack", "2022-06-12", "2022-06-12", doc.DateDay, DateFromSentence},
	}
	c := chain(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &doc.Document{ID: "t", Text: tt.text}
			if err := c.Run(context.Background(), d); err != nil {
				t.Fatal(err)
			}
			var e *doc.Event
			for i := range d.Events {
				if d.Events[i].SubEventType == tt.typ {
					e = &d.Events[i]
					break
				}
			}
			if e == nil {
				t.Fatalf("got events %+v, want a %s", d.Events, tt.typ)
			}
			day := func(x time.Time) string {
				if x.IsZero() {
					return ""
				}
				return x.Format(time.DateOnly)
			}
			if got, want := day(e.Date)+".."+day(e.DateEnd), tt.from+".."+tt.to; got != want {
				t.Errorf("got date %s (%s), want %s", got, e.DateSource, want)
			}
			if e.DatePrecision != tt.precision || e.DateSource != tt.source {
				t.Errorf("got precision %q source %q, want %q %q", e.DatePrecision, e.DateSource, tt.precision, tt.source)
			}
			if tt.source == DateUnresolved && (e.DateSpan.End == 0 || d.Slice(e.DateSpan) == "") {
				t.Errorf("got date span %+v, want the unresolved expression", e.DateSpan)
			}
		})
	}
}
