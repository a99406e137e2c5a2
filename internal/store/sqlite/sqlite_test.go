package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/record"
	"github.com/sitrep-dev/sitrep/internal/store"
	"github.com/sitrep-dev/sitrep/internal/store/storetest"
)

func openTest(t testing.TB) *Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "sub", "dir", "sitrep.db"))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return s
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store { return openTest(t) })
}

func TestOpenSetsPragmas(t *testing.T) {
	s := openTest(t)
	defer s.Close()
	ctx := context.Background()
	tests := []struct {
		db     *sql.DB
		pragma string
		want   string
	}{
		{s.w, "journal_mode", "wal"},
		{s.w, "synchronous", "2"}, // FULL
		{s.w, "foreign_keys", "1"},
		{s.r, "foreign_keys", "1"},
		{s.r, "query_only", "1"},
		{s.r, "journal_mode", "wal"},
	}
	for _, tt := range tests {
		var got string
		if err := tt.db.QueryRowContext(ctx, "PRAGMA "+tt.pragma).Scan(&got); err != nil {
			t.Fatalf("PRAGMA %s: %v", tt.pragma, err)
		}
		if got != tt.want {
			t.Errorf("PRAGMA %s = %q, want %q", tt.pragma, got, tt.want)
		}
	}
	if _, err := s.r.ExecContext(ctx, "DELETE FROM documents"); err == nil {
		t.Error("the read pool accepted a write")
	}
}

func TestOpenRejectsURIsAndParameters(t *testing.T) {
	for _, p := range []string{"", "file:x.db", filepath.Join(t.TempDir(), "a?mode=ro")} {
		if s, err := Open(context.Background(), p); err == nil {
			s.Close()
			t.Errorf("Open(%q) succeeded, want an error", p)
		}
	}
}

func TestOpenMigratesAnOldDatabase(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	// Build a database as the first release left it: schema version 1
	// with a document in it.
	db, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		t.Fatal(err)
	}
	if err := migrate(ctx, db, 1); err != nil {
		t.Fatalf("migrate to 1: %v", err)
	}
	if _, err := db.ExecContext(ctx, `INSERT INTO documents (id, seq, hash, text, source, ingested_at)
		VALUES ('old-1', 1, 'abc', 'Text saved by version one.', 'Old Wire', '2024-01-01T00:00:00Z')`); err != nil {
		t.Fatal(err)
	}
	db.Close()

	s, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("Open old database: %v", err)
	}
	defer s.Close()
	var version int
	if err := s.r.QueryRowContext(ctx, "SELECT max(version) FROM schema_migrations").Scan(&version); err != nil {
		t.Fatal(err)
	}
	if version != SchemaVersion() || version < 2 {
		t.Errorf("schema version = %d, want %d", version, SchemaVersion())
	}
	var n int
	if err := s.r.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'events_lat_lon'").Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Error("migration 2 did not create events_lat_lon")
	}
	sd, err := s.Document(ctx, "old-1")
	if err != nil {
		t.Fatalf("document from version 1: %v", err)
	}
	if sd.Text != "Text saved by version one." || *sd.Source != "Old Wire" {
		t.Errorf("document from version 1 = %+v", sd)
	}
	// Opening again applies nothing twice.
	s.Close()
	s2, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s2.Close()
	if err := s2.r.QueryRowContext(ctx, "SELECT count(*) FROM schema_migrations").Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != SchemaVersion() {
		t.Errorf("schema_migrations has %d rows, want %d", n, SchemaVersion())
	}
}

func TestOpenRefusesANewerSchema(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "new.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.w.ExecContext(ctx, "INSERT INTO schema_migrations VALUES (999, '0999_future.sql', 'x')"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if s, err := Open(ctx, path); err == nil || !strings.Contains(err.Error(), "999") {
		if s != nil {
			s.Close()
		}
		t.Errorf("Open of a version-999 database: err = %v, want a refusal naming 999", err)
	}
}

// annotated builds a document with every stored annotation layer.
func annotated() *doc.Document {
	d := storetest.NewDocument("annotated",
		"Militants of the River Guard attacked Dar Nakhla on 4 May 2024.",
		"Some 12 fighters were killed, the Monitor said.",
		"Über 30 families fled toward Jisr Hamra.")
	d.Raw = "<p>" + d.Text + "</p>"
	d.RawOffsets.Add(0, 3, len(d.Text), len(d.Text))
	pub := storetest.Day("2024-05-05")
	d.Published = &pub
	d.PublishedInferred = true
	at := func(sub string) doc.Span {
		i := strings.Index(d.Text, sub)
		if i < 0 {
			panic("fixture text lacks " + sub)
		}
		return doc.Span{Start: i, End: i + len(sub)}
	}
	d.PublishedEvidence = at("4 May 2024")
	d.Lang, d.Summary, d.Author = "en", "An attack and its toll.", "A. Writer"
	d.DuplicateScore = 0.25
	d.Fingerprint = 1<<63 | 12345
	twelve := 12
	anchor := at("Dar Nakhla")
	d.Places = []doc.Place{
		{Span: at("Dar Nakhla"), Kind: "place", Name: "Dar Nakhla", GeonameID: 99001, Lat: 34.5, Lon: 36.75,
			Country: "SY", Admin1: "Homs", Feature: "P.PPL", Precision: doc.PrecisionTown, Resolved: true, Score: 0.9},
		{Span: at("Jisr Hamra"), Kind: "place", Relation: "near", Anchor: &anchor},
	}
	d.Timexes = []doc.Timex{{Span: at("4 May 2024"), Type: doc.TimexDate, Value: "2024-05-04",
		Start: storetest.Day("2024-05-04"), End: storetest.Day("2024-05-04"), Precision: doc.DateDay, Anchor: -1}}
	d.Quantities = []doc.Quantity{{Span: at("12"), Min: &twelve, Max: &twelve, Category: "killed", Who: "fighters"}}
	d.Actors = []doc.ActorMention{{Span: at("River Guard"), Name: "River Guard", Type: "militia", Country: "SY", Key: "river-guard"}}
	d.Fail("place", errors.New("gazetteer has no entry"))
	return d
}

func TestLoadDocumentRebuildsTheAnalysedDocument(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	defer s.Close()
	want := annotated()
	if _, err := s.SaveBatch(ctx, []*doc.Document{want}, nil); err != nil {
		t.Fatal(err)
	}
	got, err := s.LoadDocument(ctx, "annotated")
	if err != nil {
		t.Fatal(err)
	}
	// Errors come back as text; compare them as text.
	if g, w := got.Errors[0].Error(), want.Errors[0].Error(); g != w {
		t.Errorf("error = %q, want %q", g, w)
	}
	got.Errors, want.Errors = nil, nil
	if got.RawOffsets.ToRaw(10) != 13 {
		t.Errorf("raw offset of 10 = %d, want 13", got.RawOffsets.ToRaw(10))
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("LoadDocument:\n got %+v\nwant %+v", got, want)
	}
	if g := got.Slice(got.Places[1].Span); g != "Jisr Hamra" {
		t.Errorf("second place reads %q, want Jisr Hamra", g)
	}
	if _, err := s.LoadDocument(ctx, "missing"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("LoadDocument(missing) = %v, want ErrNotFound", err)
	}
}

func TestSentenceAt(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	defer s.Close()
	d := annotated()
	if _, err := s.SaveBatch(ctx, []*doc.Document{d}, nil); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		off  int
		want int // sentence index, -1 for none
	}{
		{"the first byte is in the first sentence", 0, 0},
		{"the last byte of a sentence is in it", d.Sentences[1].End - 1, 1},
		{"a multi-byte letter's sentence is found", d.Sentences[2].Start, 2},
		{"the space between sentences is in none", d.Sentences[0].End, -1},
		{"an offset past the text is in none", len(d.Text) + 5, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sp, text, err := s.SentenceAt(ctx, d.ID, tt.off)
			if tt.want < 0 {
				if !errors.Is(err, store.ErrNotFound) {
					t.Errorf("SentenceAt(%d) = %v, %q, %v; want ErrNotFound", tt.off, sp, text, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if sp != d.Sentences[tt.want] || text != d.Slice(sp) {
				t.Errorf("SentenceAt(%d) = %v %q, want %v %q", tt.off, sp, text, d.Sentences[tt.want], d.Slice(d.Sentences[tt.want]))
			}
		})
	}
}

func TestNearDuplicateUsesTheBandIndexes(t *testing.T) {
	s := openTest(t)
	defer s.Close()
	rows, err := s.r.Query(`EXPLAIN QUERY PLAN
		SELECT id FROM documents WHERE band2 = 7 AND duplicate_of IS NULL AND fingerprint <> 0`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	if p := strings.Join(plan, "; "); !strings.Contains(p, "documents_band2") {
		t.Errorf("band look-up plan = %q, want it to use documents_band2", p)
	}
}

func TestReportsAreQueryableByDocument(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	defer s.Close()
	d := storetest.GeneratedDocument(1, 500)
	evs := storetest.GeneratedEvents(d, 3)
	if _, err := s.SaveBatch(ctx, []*doc.Document{d}, evs); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := s.r.QueryRowContext(ctx, "SELECT count(*) FROM reports WHERE doc_id = ?", d.ID).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 3 {
		t.Errorf("reports of %s = %d, want 3", d.ID, n)
	}
	var text string
	if err := s.r.QueryRowContext(ctx, "SELECT text FROM reports WHERE event_id = ?", evs[1].ID).Scan(&text); err != nil {
		t.Fatal(err)
	}
	if text != d.Slice(d.Sentences[1]) {
		t.Errorf("report text = %q, want the second sentence", text)
	}
	var _ record.Event = evs[0]
}

func TestSeveralProcessesCreatingOneStoreAtOnceAllOpenIt(t *testing.T) {
	// Workers started together open one new file; each Open is its own
	// connection pool, as in separate processes.
	for round := range 5 {
		path := filepath.Join(t.TempDir(), "shared.db")
		errs := make(chan error, 6)
		for range cap(errs) {
			go func() {
				s, err := Open(context.Background(), path)
				if err == nil {
					err = s.Close()
				}
				errs <- err
			}()
		}
		for range cap(errs) {
			if err := <-errs; err != nil {
				t.Fatalf("round %d: %v", round, err)
			}
		}
	}
}
