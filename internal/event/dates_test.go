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
