package actor

import (
	"context"
	"reflect"
	"testing"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/segment"
)

// tokenTexts are sentences with the shapes where the segmenter's words
// and the matcher's differ: hyphens, possessives, abbreviations, numbers
// with separators, accents, curly quotes, dashes and stray bytes.
var tokenTexts = []string{
	"Pro-Assad forces shelled al-Bab's outskirts on Monday, killing 1,200 people.",
	"The U.S.-led coalition said F-16s struck 3.5 km north of the 20-year-old dam.",
	"Médecins Sans Frontières (MSF) said “dozens” were hurt… Officials didn’t comment.",
	"Rebels' positions near Ras al-Ain were hit -- again -- at 5:30 a.m.; 12,13 and 1,2345 are odd.",
	"HTS’s fighters, the İdlib group and 300 \u212A of \xffbad bytes met Gen. Smith at No. 10.",
	"  Leading spaces\tand\ttabs\r\nthen a line break and a café's e\u0301 mark.",
}

func TestTokensFromSegmentTokensMatchTheScanner(t *testing.T) {
	seg := segment.New()
	for _, text := range tokenTexts {
		d := &doc.Document{Text: text}
		if err := seg.Process(context.Background(), d); err != nil {
			t.Fatal(err)
		}
		k := newKeyer(d)
		for _, sp := range d.Sentences {
			got := sentenceTokens(nil, k, sp)
			want := tokenize(text, sp.Start, sp.End)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("sentence %q:\ngot  %v\nwant %v", text[sp.Start:sp.End], got, want)
			}
		}
	}
}

func FuzzTokensFromSegmentTokens(f *testing.F) {
	for _, s := range tokenTexts {
		f.Add(s)
	}
	seg := segment.New()
	f.Fuzz(func(t *testing.T, text string) {
		// Invariant: the words read from the segmenter's tokens are the
		// words the scanner reads from the sentence.
		d := &doc.Document{Text: text}
		if err := seg.Process(context.Background(), d); err != nil {
			t.Fatal(err)
		}
		k := newKeyer(d)
		for _, sp := range d.Sentences {
			got := sentenceTokens(nil, k, sp)
			want := tokenize(text, sp.Start, sp.End)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("sentence %q:\ngot  %v\nwant %v", text[sp.Start:sp.End], got, want)
			}
		}
	})
}
