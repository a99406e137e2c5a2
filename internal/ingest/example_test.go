package ingest_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/ingest"
)

func ExampleRead() {
	in := `{"id":"a1","text":"Shelling hit the market in Varno on Monday.","published":"2031-02-03","source":"Example Wire"}
{"id":"a2","text":
`
	err := ingest.Read(context.Background(), "reports.jsonl", strings.NewReader(in), ingest.Options{},
		func(d *doc.Document) error {
			fmt.Println(d.ID, d.Format, d.Source, d.Published.Format("2006-01-02"), d.Raw)
			return nil
		},
		func(err error) { fmt.Println("bad input:", err) })
	fmt.Println("stopped:", err)
	// Output:
	// a1 jsonl Example Wire 2031-02-03 Shelling hit the market in Varno on Monday.
	// bad input: reports.jsonl: line 2: malformed JSON: unexpected end of JSON input
	// stopped: <nil>
}

func ExampleWalk() {
	err := ingest.Walk(context.Background(), []string{"testdata/feed.atom", "testdata/empty.txt"}, nil, ingest.Options{},
		func(d *doc.Document) error {
			fmt.Printf("%s %s: %s\n", d.Origin, d.Format, d.Title)
			return nil
		},
		func(err error) { fmt.Println("bad input:", err) })
	fmt.Println("stopped:", err)
	// Output:
	// testdata/feed.atom#1 atom: Naval patrol fires on smuggling boat off Cape Merrow
	// testdata/feed.atom#2 atom: Ferry service restored to the outer islands
	// testdata/feed.atom#3 atom: Port curfew extended
	// bad input: testdata/empty.txt: empty file
	// stopped: <nil>
}
