package postgres_test

import (
	"context"
	"fmt"
	"io"
	"log"
	"os"
	"testing"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/store/postgres"
)

// The example needs a running server, so it is compiled but not run by go
// test as an example (it has no Output comment); TestExample runs it
// against the test server and checks that it prints:
//
//	worker a, new: true
//	worker b, new: false stored as: grain-a
//	grain-a: 55 characters of text
//
// store/sqlite's example shows saving events and listing them, which is
// the same on every backend; this one shows what PostgreSQL adds: several
// workers, each with its own Store, sharing one database.
func Example() {
	ctx := context.Background()
	// Any libpq DSN; search_path picks the schema the tables live in.
	dsn := os.Getenv("SITREP_POSTGRES")
	a, err := postgres.Open(ctx, dsn)
	if err != nil {
		log.Fatal(err)
	}
	defer a.Close()
	b, err := postgres.Open(ctx, dsn)
	if err != nil {
		log.Fatal(err)
	}
	defer b.Close()

	text := "Artillery fire hit the grain store in Belovo overnight."
	isNew, err := a.SaveBatch(ctx, []*doc.Document{{ID: "grain-a", Format: "text", Text: text}}, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("worker a, new:", isNew[0])

	// The same article fetched by the other worker is recognised by its
	// content hash, whichever worker saved it first.
	again := &doc.Document{ID: "grain-b", Format: "text", Text: text}
	isNew, err = b.SaveBatch(ctx, []*doc.Document{again}, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("worker b, new:", isNew[0], "stored as:", again.ID)

	sd, err := b.Document(ctx, again.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s: %d characters of text\n", sd.ID, sd.Chars)
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
	want := `worker a, new: true
worker b, new: false stored as: grain-a
grain-a: 55 characters of text
`
	if got != want {
		t.Errorf("Example printed\n%s\nwant\n%s", got, want)
	}
}
