package postgres

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/record"
	"github.com/sitrep-dev/sitrep/internal/store"
	"github.com/sitrep-dev/sitrep/internal/store/storetest"
)

// envDSN names the environment variable holding the DSN of a PostgreSQL
// database the tests may create schemas in. .ci/run starts a throwaway
// server and sets it.
const envDSN = "SITREP_TEST_POSTGRES"

// testDSN returns the test server's DSN, or skips t when none is set.
func testDSN(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv(envDSN)
	if dsn == "" {
		t.Skipf("%s is not set: no PostgreSQL server to test against (.ci/run starts one; "+
			"or set it to a DSN such as postgres://user@localhost/db?sslmode=disable)", envDSN)
	}
	return dsn
}

// freshSchema creates an empty schema with a random name, dropped when t
// ends, and returns a DSN whose search_path puts the store's tables in it,
// so every test starts from an empty store and tests can run in parallel
// on one database.
func freshSchema(t testing.TB) string {
	t.Helper()
	dsn := testDSN(t)
	ctx := context.Background()
	b := make([]byte, 6)
	rand.Read(b)
	schema := "sitrep_test_" + hex.EncodeToString(b)
	admin, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatalf("connect to %s: %v", envDSN, err)
	}
	defer admin.Close(ctx)
	if _, err := admin.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		c, err := pgx.Connect(ctx, dsn)
		if err != nil {
			t.Errorf("connect to drop schema %s: %v", schema, err)
			return
		}
		defer c.Close(ctx)
		if _, err := c.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	return withSearchPath(t, dsn, schema)
}

// withSearchPath adds search_path to a URL or keyword DSN.
func withSearchPath(t testing.TB, dsn, schema string) string {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		u, err := url.Parse(dsn)
		if err != nil {
			t.Fatalf("parse %s: %v", envDSN, err)
		}
		q := u.Query()
		q.Set("search_path", schema)
		u.RawQuery = q.Encode()
		return u.String()
	}
	return dsn + " search_path=" + schema
}

func openTest(t testing.TB) *Store {
	t.Helper()
	dsn := freshSchema(t)
	s, err := Open(context.Background(), dsn)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return s
}

func TestConformance(t *testing.T) {
	testDSN(t)
	storetest.Run(t, func(t *testing.T) store.Store { return openTest(t) })
}

func TestOpenIsIdempotentAndConcurrent(t *testing.T) {
	dsn := freshSchema(t)
	ctx := context.Background()
	// Several workers starting together all migrate the same schema; the
	// advisory lock makes one do it and the others find it done.
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for range 4 {
		wg.Go(func() {
			s, err := Open(ctx, dsn)
			if err != nil {
				errs <- err
				return
			}
			s.Close()
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("concurrent Open: %v", err)
	}
	s, err := Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var versions []int
	rows, err := s.pool.Query(ctx, "SELECT version FROM schema_migrations ORDER BY version")
	if err != nil {
		t.Fatal(err)
	}
	versions, err = pgx.CollectRows(rows, pgx.RowTo[int])
	if err != nil {
		t.Fatal(err)
	}
	want := make([]int, SchemaVersion())
	for i := range want {
		want[i] = i + 1
	}
	if !slices.Equal(versions, want) {
		t.Errorf("schema_migrations = %v, want each of %v once", versions, want)
	}
}

func TestOpenMigratesAnOldSchema(t *testing.T) {
	dsn := freshSchema(t)
	ctx := context.Background()
	// A schema as the first release left it, with a document in it.
	s, err := Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.pool.Exec(ctx, `DROP INDEX events_actor1, events_actor2, events_disputed, events_place, events_geonameid, events_modality, events_unmerged;
		ALTER TABLE events DROP COLUMN actor1, DROP COLUMN actor2, DROP COLUMN disputed;
		DELETE FROM schema_migrations WHERE version > 1`, pgx.QueryExecModeSimpleProtocol); err != nil {
		t.Fatalf("roll back to version 1: %v", err)
	}
	d := storetest.NewDocument("old", "Shelling resumed near Dar Nakhla.")
	ev := storetest.NewEvent("ev-old", d, 0, "2024-01-09", "Battles", "Armed clash")
	ev.Actor1 = &record.Actor{Name: "the River Guard"}
	if _, err := s.SaveBatch(ctx, []*doc.Document{d}, []record.Event{ev}); err != nil {
		t.Fatal(err)
	}
	s.Close()

	s, err = Open(ctx, dsn)
	if err != nil {
		t.Fatalf("Open on a version 1 schema: %v", err)
	}
	defer s.Close()
	var got []string
	if err := s.Events(ctx, store.EventQuery{Actor: "the River Guard"}, func(e record.Event) error {
		got = append(got, e.ID)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, []string{"ev-old"}) {
		t.Errorf("events by actor after migrating = %v, want ev-old, from the column the migration generated", got)
	}
}

func TestOpenRefusesANewerSchema(t *testing.T) {
	dsn := freshSchema(t)
	ctx := context.Background()
	s, err := Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.pool.Exec(ctx, "INSERT INTO schema_migrations (version, name) VALUES ($1, 'from_the_future.sql')", SchemaVersion()+1); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if s, err := Open(ctx, dsn); err == nil {
		s.Close()
		t.Fatal("Open accepted a schema newer than this build")
	} else if !strings.Contains(err.Error(), "knows only") {
		t.Errorf("error = %v, want it to say the schema is newer", err)
	}
}

func TestOpenRejectsABadDSN(t *testing.T) {
	for _, dsn := range []string{"postgres://user:secret@host:notaport/db", "host=/nonexistent/socket/dir dbname=x connect_timeout=1"} {
		if s, err := Open(context.Background(), dsn); err == nil {
			s.Close()
			t.Errorf("Open(%q) succeeded", dsn)
		} else if strings.Contains(err.Error(), "secret") {
			t.Errorf("Open error shows the password: %v", err)
		}
	}
}

// TestConcurrentOverlappingBatches saves overlapping batches from several
// goroutines, each its own Store as separate workers would be, with the
// shared documents in different orders: every document must be stored
// exactly once, every batch must report it as new in exactly one place,
// and no batch may fail.
func TestConcurrentOverlappingBatches(t *testing.T) {
	dsn := freshSchema(t)
	ctx := context.Background()
	const workers, docs = 4, 24
	stores := make([]*Store, workers)
	for i := range stores {
		s, err := Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		stores[i] = s
	}
	// Worker w saves documents [w*4, w*4+12) in batches of 4: neighbours
	// overlap by 8 documents. Even workers go forwards, odd backwards,
	// so two of them meet the shared rows in opposite orders.
	newCount := make([]int, docs)
	var mu sync.Mutex
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for w := range workers {
		wg.Go(func() {
			ids := make([]int, 0, 12)
			for n := w * 4; n < w*4+12 && n < docs; n++ {
				ids = append(ids, n)
			}
			if w%2 == 1 {
				slices.Reverse(ids)
			}
			for len(ids) > 0 {
				chunk := ids[:min(4, len(ids))]
				ids = ids[len(chunk):]
				var batch []*doc.Document
				var evs []record.Event
				for _, n := range chunk {
					d := storetest.GeneratedDocument(n, 300)
					batch = append(batch, d)
					evs = append(evs, storetest.GeneratedEvents(d, 2)...)
				}
				isNew, err := stores[w].SaveBatch(ctx, batch, evs)
				if err != nil {
					errs <- fmt.Errorf("worker %d: %w", w, err)
					return
				}
				mu.Lock()
				for i, n := range chunk {
					if isNew[i] {
						newCount[n]++
					}
					if want := fmt.Sprintf("gen-%06d", n); batch[i].ID != want {
						errs <- fmt.Errorf("worker %d: document %d saved as %q, want %q", w, n, batch[i].ID, want)
					}
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	s := stores[0]
	var ids []string
	if err := s.Documents(ctx, func(d record.Document) error {
		ids = append(ids, d.ID)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	stored := workers*4 + 8
	if len(ids) != stored {
		t.Errorf("stored %d documents, want %d: %v", len(ids), stored, ids)
	}
	slices.Sort(ids)
	if len(slices.Compact(ids)) != len(ids) {
		t.Errorf("a document is stored twice: %v", ids)
	}
	for n := range stored {
		if newCount[n] != 1 {
			t.Errorf("document %d was new in %d batches, want exactly 1", n, newCount[n])
		}
	}
	nev := 0
	if err := s.Events(ctx, store.EventQuery{}, func(e record.Event) error {
		nev++
		if len(e.Reports) != 1 {
			t.Errorf("event %s has %d reports, want 1", e.ID, len(e.Reports))
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if nev != 2*stored {
		t.Errorf("stored %d events, want %d", nev, 2*stored)
	}
	var reports int
	if err := s.pool.QueryRow(ctx, "SELECT count(*) FROM reports").Scan(&reports); err != nil {
		t.Fatal(err)
	}
	if reports != 2*stored {
		t.Errorf("%d report rows, want %d", reports, 2*stored)
	}
}

// TestConcurrentIDCollisions has workers save different content under one
// id at once: each must end with its own suffix, none with an error.
func TestConcurrentIDCollisions(t *testing.T) {
	dsn := freshSchema(t)
	ctx := context.Background()
	s, err := Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	const workers = 6
	got := make([]string, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			d := storetest.NewDocument("story", fmt.Sprintf("Report number %d from the valley.", w))
			if _, err := s.SaveBatch(ctx, []*doc.Document{d}, nil); err != nil {
				t.Errorf("worker %d: %v", w, err)
			}
			got[w] = d.ID
		})
	}
	wg.Wait()
	slices.Sort(got)
	want := []string{"story", "story-2", "story-3", "story-4", "story-5", "story-6"}
	if !slices.Equal(got, want) {
		t.Errorf("ids = %v, want %v", got, want)
	}
}

func TestLoadDocumentRebuildsAnnotations(t *testing.T) {
	s := openTest(t)
	defer s.Close()
	ctx := context.Background()
	d := storetest.NewDocument("full", "Café owners in Bir Zahra closed their shops.", "Two people were killed.")
	d.Places = []doc.Place{{Span: doc.Span{Start: 16, End: 25}, Kind: "place", Name: "Bir Zahra", Lat: 35.9, Lon: 36.4, Resolved: true}}
	two := d.Sentences[1].Start
	d.Quantities = []doc.Quantity{{Span: doc.Span{Start: two, End: two + len("Two")}, Min: new(2), Max: new(2), Category: "killed"}}
	d.Anchors = []uint64{0xfeedface}
	d.Fingerprint = 0x1234
	if _, err := s.SaveBatch(ctx, []*doc.Document{d}, nil); err != nil {
		t.Fatal(err)
	}
	got, err := s.LoadDocument(ctx, "full")
	if err != nil {
		t.Fatal(err)
	}
	if got.Text != d.Text || got.Hash != d.Hash || got.Fingerprint != d.Fingerprint {
		t.Errorf("loaded text/hash/fingerprint differ: %+v", got)
	}
	if !slices.Equal(got.Sentences, d.Sentences) || !slices.Equal(got.Paragraphs, d.Paragraphs) {
		t.Errorf("spans = %v %v, want %v %v", got.Sentences, got.Paragraphs, d.Sentences, d.Paragraphs)
	}
	if len(got.Places) != 1 || got.Places[0].Name != "Bir Zahra" || got.Slice(got.Places[0].Span) != "Bir Zahra" {
		t.Errorf("places = %+v", got.Places)
	}
	if len(got.Quantities) != 1 || *got.Quantities[0].Min != 2 {
		t.Errorf("quantities = %+v", got.Quantities)
	}
	if !slices.Equal(got.Anchors, d.Anchors) {
		t.Errorf("anchors = %v, want %v", got.Anchors, d.Anchors)
	}
	sp, text, err := s.SentenceAt(ctx, "full", d.Sentences[1].Start+2)
	if err != nil {
		t.Fatal(err)
	}
	if sp != d.Sentences[1] || text != "Two people were killed." {
		t.Errorf("SentenceAt = %v %q, want the second sentence", sp, text)
	}
}

// FreshSchema lets the external example test use freshSchema.
var FreshSchema = freshSchema
