package timex

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep/internal/doc"
)

func TestInferPublished(t *testing.T) {
	tests := []struct {
		name, text, want, evidence string
	}{
		{"a caption ending in a full date is the publication date",
			"Shelling went on by Friday.\n\nTOP PHOTO: Smoke over the old town, March 3, 2018\n", "2018-03-03", "March 3, 2018"},
		{"an UPDATE line dates the article",
			"UPDATE 12 May 2016: The army said it held the bridge.", "2016-05-12", "12 May 2016"},
		{"a stamp opening the text dates it, whatever the story says later",
			"This report is from 3 May 2018\n\nThe bridge, shelled on 1 April 2019 and again on Friday, is closed.", "2018-05-03", "3 May 2018"},
		{"an abbreviated weekday and a clock time may frame the opening stamp",
			"Tue 08 Mar 2016 at 1130 Rockets hit the market. Nine people died, medics said on Tuesday.", "2016-03-08", "Tue 08 Mar 2016"},
		{"posted on is a stamp too",
			"Posted on July 12 2016 by a staff writer. Two convoys reached the camp.", "2016-07-12", "July 12 2016"},
		{"a date opening the story's first sentence is not a stamp",
			"On 4 April 2017 the town was hit. Aid arrived on 9 April 2017.", "2017-04-09", "9 April 2017"},
		{"a weekday falling on the latest full date confirms it",
			"Rebels shelled the bridge on 9 June 2020. The army said on Tuesday it had repaired it.", "2020-06-09", "9 June 2020"},
		{"a weekday on the day before the latest full date confirms it",
			"Rebels shelled the bridge on Monday, the army said on 9 June 2020.", "2020-06-09", "9 June 2020"},
		{"a future weekday says nothing about publication",
			"The truce of 2 July 2019 held. Talks will resume on Thursday.", "2019-07-02", "2 July 2019"},
		{"a wire dateline dates the article",
			"Market shelled\n\nNYALA, Sudan, March 9, 2024 — Shells hit the market on Saturday. Fighting has gone on since May.", "2024-03-09", "March 9, 2024"},
		{"a month without a year is the one nearest the full date, not the next",
			"The army retook the bridge on 14 June 2024, a week after the siege that began in May.", "2024-06-14", "14 June 2024"},
		{"a day range without a year takes the year of the nearest full date",
			"The offensive began on 12 February 2021. Between 3 and 9 April, 40,000 people fled.", "2021-04-09", "3 and 9 April"},
		{"a date a since-clause opens is a lower bound, beaten by a later day",
			"Since the truce came into force on 3 May 2016 the road has been shut; it was shelled on 9 May 2016.", "2016-05-09", "9 May 2016"},
		{"weeks since a named event count from its date",
			"Almost two weeks since the Ghouta chemical attack, inspectors arrived.", "2013-09-03", "two weeks"},
		{"a stamp run into the headline and byline before it dates the text",
			"Jets pound rebel town Monitor AFP Saturday 4 Oct 2014 Jets pounded the town on Saturday, a week after the bridge fell on 11 Oct 2014.", "2014-10-04", "Saturday 4 Oct 2014"},
		{"a stamp run into a headline may lead to a dateline",
			"Rockets hit two schools in the old city 6 October 2016 Aleppo NEWSWIRE Rockets hit two schools on 9 October 2016.", "2016-10-06", "6 October 2016"},
		{"a date of publication stamp dates the text",
			"Date of publication 26 October 2016 Warplanes hit the road to the border on Wednesday.", "2016-10-26", "26 October 2016"},
		{"a stamp with a clock time after at dates the text",
			"Fri 07 Apr 2017 at 0914 Convoy ambushed near the river on 9 April 2017", "2017-04-07", "Fri 07 Apr 2017"},
		{"a day named N days ago of an event dated in the text is N days before publication",
			"The car bomb two days ago killed nine. Police said the car bomb on 4 April 2017 was the third this year.", "2017-04-06", "two days ago"},
		{"yesterdays without its apostrophe ties a dated event to the day before publication",
			"Mourners buried the dead of yesterdays car bomb. The car bomb struck the market on 4 April 2017.", "2017-04-05", "yesterdays"},
		{"yesterday ties to a named event by its keyword",
			"Doctors treated victims of yesterdays chemical attack. Jets dropped sarin on Khan Shaykhun, residents said.", "2017-04-05", "yesterdays"},
		{"earlier this month of a dated event puts publication at least a day after it",
			"A car bomb earlier this month killed nine in the square. The car bomb on 4 April 2017 was the third this year.", "2017-04-05", "earlier this month"},
		{"last week of a dated event puts publication at least in the next week",
			"Talks on the Homs truce signed last week stalled. The Homs truce signed on 3 March 2017 held for days.", "2017-03-06", "last week"},
		{"a later day inside the period the text gives an event stands",
			"The car bomb earlier this month killed nine. The car bomb on 4 April 2017 was the third; mourners marched on 9 April 2017.", "2017-04-09", "9 April 2017"},
		{"a period tied to no event phrase says nothing of a day",
			"In a report earlier this month the inquiry named the unit. The car bomb on 4 April 2017 killed nine.", "2017-04-04", "4 April 2017"},
		{"a day without a year on a named event's day keeps it",
			"Jets dropped sarin on Khan Shaykhun on 4 April, killing dozens.", "2017-04-04", "Jets dropped sarin on Khan Shaykhun on 4 April, killing dozens"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := &doc.Document{Text: tc.text}
			got, ev, ok := InferPublished(d)
			if !ok {
				t.Fatalf("InferPublished: no date, want %s", tc.want)
			}
			if g := got.Format("2006-01-02"); g != tc.want || d.Slice(ev) != tc.evidence {
				t.Errorf("got %s from %q, want %s from %q", g, d.Slice(ev), tc.want, tc.evidence)
			}
		})
	}
}

func TestInferPublishedWithoutADayIsUnknown(t *testing.T) {
	tests := []struct{ name, text string }{
		{"weekdays alone give no date",
			"Rebels said on Tuesday they had withdrawn from the town last night."},
		{"weekdays that fit neither the latest date nor the day before make it background",
			"The siege began on 1 June 2020 and lasted until 9 June 2020. Rebels withdrew on Saturday, a monitor said on Sunday."},
		{"a year alone is a lower bound, not a date",
			"The dam was built in 1998 and shelled in 2016."},
		{"a later year makes an older full date background",
			"The ceasefire of 3 March 2016 collapsed long ago. In 2019 the town fell."},
		{"a date without a year needs a full date to place it, not a month and year",
			"The camp, shelled in March 2015, emptied between 11 and 15 August."},
		{"a date a since-clause opens is not the publication date",
			"Since the truce came into force on 27 February 2016, rebels have broken it often."},
		{"years of a known war give no day",
			"After five years of civil war, Syria's economy has collapsed."},
		{"periods that share no day leave publication unknown",
			"The car bomb two days ago killed nine. The car bomb of last month was the third; the car bomb on 4 April 2017 shook the city."},
		{"a day of the text after the period tied to an event leaves publication unknown",
			"The car bomb two days ago killed nine. The car bomb on 4 April 2017 was the third; mourners marched on 9 April 2017."},
		{"a day without a year after a named event is of a year the text leaves open",
			"Gas killed dozens in Khan Shaykhun in April 2017. Between 11 and 15 August, 2,000 people fled the town."},
		{"a date a preposition leads to in a headline is not a stamp",
			"Truce of 3 Oct 2017 holds Monitor AFP The truce held on Saturday, the monitor said."},
		{"years of a known war make an older full date background",
			"After five years of civil war, Syria's economy has collapsed; the truce of 9 September 2012 is forgotten."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := &doc.Document{Text: tc.text}
			if got, ev, ok := InferPublished(d); ok {
				t.Errorf("got %s from %q, want no date", got.Format("2006-01-02"), d.Slice(ev))
			}
		})
	}
}

func TestDaterKeepsMetadataDate(t *testing.T) {
	pub := date("2020-01-01")
	d := &doc.Document{Text: "On 4 April 2017 the town was hit.", Published: pub}
	if err := NewDater().Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	if d.Published != pub || d.PublishedInferred {
		t.Errorf("got %v inferred=%v, want the metadata date kept", d.Published, d.PublishedInferred)
	}
	d = &doc.Document{Text: "On 4 April 2017 the town was hit."}
	if err := NewDater().Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	if d.Published == nil || !d.PublishedInferred || d.Slice(d.PublishedEvidence) != "4 April 2017" {
		t.Errorf("got %v inferred=%v evidence %q, want 2017-04-04 from the text", d.Published, d.PublishedInferred, d.Slice(d.PublishedEvidence))
	}
}

// FuzzInferPublished checks the inference's invariant: no input can panic
// it, a date comes with evidence that is a non-empty span inside the text,
// and no date comes with none.
func FuzzInferPublished(f *testing.F) {
	f.Add("This story is from March 10, 2002\n\nShelling resumed on Friday.")
	f.Add("Since 3 May 2016 the road has been shut; it was shelled on 9 May 2016 and on Tuesday.")
	f.Fuzz(func(t *testing.T, text string) {
		d := &doc.Document{Text: text}
		got, ev, ok := InferPublished(d)
		if !ok {
			if !got.IsZero() || !ev.IsZero() {
				t.Fatalf("no date but got %v from %v", got, ev)
			}
			return
		}
		if !ev.Valid(len(text)) || ev.Start >= ev.End {
			t.Fatalf("evidence %v outside text of %d bytes", ev, len(text))
		}
		if got.IsZero() {
			t.Fatalf("a zero date from %q", text[ev.Start:ev.End])
		}
	})
}

func BenchmarkInferPublished(b *testing.B) {
	in, err := os.ReadFile(filepath.Join("testdata", "article", "input.txt"))
	if err != nil {
		b.Fatal(err)
	}
	d := &doc.Document{Text: strings.Repeat(string(in), 20)}
	b.SetBytes(int64(len(d.Text)))
	b.ReportAllocs()
	for b.Loop() {
		InferPublished(d)
	}
}
