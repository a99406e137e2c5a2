package segment_test

import (
	"context"
	"fmt"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/segment"
)

func ExampleSegmenter_Process() {
	d := &doc.Document{Text: "Troops near the river town\n\nGen. Haddad said the U.S. Army was not involved. Hama’s governor fled."}
	if err := segment.New().Process(context.Background(), d); err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range d.Sentences {
		fmt.Printf("%q\n", d.Slice(s))
	}
	fmt.Println(len(d.Paragraphs), "paragraphs")
	// Output:
	// "Troops near the river town"
	// "Gen. Haddad said the U.S. Army was not involved."
	// "Hama’s governor fled."
	// 2 paragraphs
}

func ExampleSegmenter_Segment() {
	text := "About 124,000 fled al-Hamdan’s advance."
	for _, t := range segment.New().Segment(text).Tokens {
		fmt.Printf("%d %q\n", t.Kind, text[t.Start:t.End])
	}
	// Output:
	// 0 "About"
	// 1 "124,000"
	// 0 "fled"
	// 0 "al-Hamdan"
	// 0 "’s"
	// 0 "advance"
	// 2 "."
}
