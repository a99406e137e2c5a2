package postgres_test

import (
	"context"
	"fmt"
	"io"
	"log"
	"os"
	"testing"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/record"
	"github.com/sitrep-dev/sitrep/internal/store"
	"github.com/sitrep-dev/sitrep/internal/store/postgres"
)

// The example needs a running server, so it is compiled but not run by go
// test as an example (it has no Output comment); TestExample runs it
// against the test server and checks that it prints:
//
//	first save, new: true
//	second save, new: false stored as: bridge
//	2024-06-02 Air/drone strike: "A drone struck a bridge near Wadi Sarin on 2 June 2024." (bridge)
func Example() {
	ctx := context.Background()
	// Any libpq DSN; search_path picks the schema the tables live in.
	s, err := postgres.Open(ctx, os.Getenv("SITREP_POSTGRES"))
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

	// The same content again, from another worker or another run, is
	// recognised by its hash and adds nothing.
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
}

// TestExample runs Example against the test server and checks the output
// its comment promises.
func TestExample(t *testing.T) {
	t.Setenv("SITREP_POSTGRES", postgres.FreshSchema(t))
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout := os.Stdout
	os.Stdout = w
	defer func() { os.Stdout = stdout }()
	done := make(chan string)
	go func() {
		b, _ := io.ReadAll(r)
		done <- string(b)
	}()
	Example()
	w.Close()
	os.Stdout = stdout
	got := <-done
	want := `first save, new: true
second save, new: false stored as: bridge
2024-06-02 Air/drone strike: "A drone struck a bridge near Wadi Sarin on 2 June 2024." (bridge)
`
	if got != want {
		t.Errorf("Example printed\n%s\nwant\n%s", got, want)
	}
}
