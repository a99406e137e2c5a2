package timex

import (
	"context"
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
		{"weekdays move publication past the latest full date",
			"The siege began on 1 June 2020 and lasted until 9 June 2020. Rebels withdrew on Saturday, a monitor said on Sunday.", "2020-06-14", "Sunday"},
		{"a day range without a year takes the year of the other evidence",
			"The camp, shelled in March 2015, emptied between 11 and 15 August. Aid workers left on Monday.", "2015-08-17", "Monday"},
		{"a future weekday says nothing about publication",
			"The truce of 2 July 2019 held. Talks will resume on Thursday.", "2019-07-02", "2 July 2019"},
		{"years of a known war date the article",
			"After five years of civil war, Syria's economy has collapsed.", "2016-03-15", "five years"},
		{"a wire dateline dates the article",
			"Market shelled\n\nNYALA, Sudan, March 9, 2024 — Shells hit the market on Saturday. Fighting has gone on since May.", "2024-03-09", "March 9, 2024"},
		{"a month without a year is the one nearest the full date, not the next",
			"The army retook the bridge on 14 June 2024, a week after the siege that began in May.", "2024-06-14", "14 June 2024"},
		{"weeks since a named event count from its date",
			"Almost two weeks since the Ghouta chemical attack, inspectors arrived.", "2013-09-03", "two weeks"},
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

func TestInferPublishedWithoutEvidenceIsUnknown(t *testing.T) {
	d := &doc.Document{Text: "Rebels said on Tuesday they had withdrawn from the town last night."}
	if got, _, ok := InferPublished(d); ok {
		t.Errorf("got %s, want no date", got.Format("2006-01-02"))
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
