package sqlite_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/record"
	"github.com/sitrep-dev/sitrep/internal/store"
	"github.com/sitrep-dev/sitrep/internal/store/sqlite"
)

func Example() {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "sitrep-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	s, err := sqlite.Open(ctx, filepath.Join(dir, "data", "sitrep.db"))
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()

	// An analysed document and the event its first sentence reports.
	text := "A drone struck a bridge near Wadi Sarin on 2 June 2024. Two people were killed, officials said."
	d := &doc.Document{ID: "bridge", Format: "text", Text: text,
		Sentences: []doc.Span{{Start: 0, End: 55}, {Start: 56, End: len(text)}}}
	date := "2024-06-02"
	ev := record.Event{ID: "ev-bridge", EventType: "Explosions/Remote violence", SubEventType: "Air/drone strike",
		Date: &date, DateEnd: &date, Modality: doc.Reported,
		Reports: []record.Report{{Doc: "bridge", Start: 0, End: 55, Text: text[:55], Modality: doc.Reported}}}

	isNew, err := s.SaveBatch(ctx, []*doc.Document{d}, []record.Event{ev})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("first save, new:", isNew[0])

	// The same content again is recognised by its hash and adds nothing.
	again := &doc.Document{ID: "bridge-copy", Text: text}
	isNew, err = s.SaveBatch(ctx, []*doc.Document{again}, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("second save, new:", isNew[0], "stored as:", again.ID)

	err = s.Events(ctx, store.EventQuery{EventType: "Explosions/Remote violence"}, func(e record.Event) error {
		fmt.Printf("%s %s: %q (%s)\n", *e.Date, e.SubEventType, e.Reports[0].Text, e.Reports[0].Doc)
		return nil
	})
	if err != nil {
		log.Fatal(err)
	}
	// Output:
	// first save, new: true
	// second save, new: false stored as: bridge
	// 2024-06-02 Air/drone strike: "A drone struck a bridge near Wadi Sarin on 2 June 2024." (bridge)
}
