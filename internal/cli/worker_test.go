package cli

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/sitrep-dev/sitrep/internal/app"
	"github.com/sitrep-dev/sitrep/internal/queue"
	"github.com/sitrep-dev/sitrep/internal/queue/queuetest"
	"github.com/sitrep-dev/sitrep/internal/record"
	"github.com/sitrep-dev/sitrep/internal/store"
	"github.com/sitrep-dev/sitrep/internal/synth"
)

// scaleArticles are our own short reports: three outlets on one market
// shelling, which must end up as one merged event, and unrelated events.
// homs-b sits in a directory read last, so it reaches the queue after the
// synthetic articles and lands in another batch than homs-a.
var scaleArticles = map[string]string{
	"homs-a.txt":    "Shelling kills nine in Homs market\n\nHOMS, Syria, May 6, 2023 — Artillery shells struck a vegetable market in Homs on Saturday, killing at least nine people, a local rescue group said.\n",
	"zz/homs-b.txt": "Homs market toll climbs\n\nHOMS, Syria, May 7, 2023 — The number of people killed by Saturday's shelling of a vegetable market in Homs rose to 11, hospital staff said on Sunday.\n",
	"homs-c.txt":    "Deadly attack on Homs market\n\nBEIRUT, May 6, 2023 — Shelling hit a crowded market in the Syrian city of Homs on Saturday and killed ten people, a monitoring group reported.\n",
	"mosul.txt":     "Students protest in Mosul\n\nMOSUL, Iraq, June 2, 2023 — Several hundred students protested in Mosul on Friday against higher exam fees, witnesses said.\n",
	"gao.txt":       "Clashes near Gao\n\nGAO, Mali, August 20, 2023 — Fighting between soldiers and militants near Gao killed seven soldiers on Sunday, the army said.\n",
}

// writeScaleCorpus writes the articles above and n synthetic ones (as JSON
// Lines, the crawler format) into a new directory and returns it with the
// number of documents in it.
func writeScaleCorpus(t *testing.T, n int) (string, int) {
	t.Helper()
	dir := t.TempDir()
	for name, text := range scaleArticles {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var b bytes.Buffer
	for _, a := range synth.Generate(7, n) {
		line, err := json.Marshal(map[string]string{"id": a.ID, "title": a.Title, "text": a.Text, "source": a.Source, "published": a.Published.Format("2006-01-02")})
		if err != nil {
			t.Fatal(err)
		}
		b.Write(line)
		b.WriteByte('\n')
	}
	if err := os.WriteFile(filepath.Join(dir, "synthetic.jsonl"), b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, len(scaleArticles) + n
}

// runCLI runs a command and returns its exit status, stdout and stderr.
func runCLI(ctx context.Context, args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	env := &Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}
	code := Run(ctx, args, env)
	return code, out.String(), errb.String()
}

// snapshot is what a store holds, in a form that does not depend on the
// order documents arrived in: each document with its content hash and
// what it copies, and each event as the sorted reports it merges.
type snapshot struct {
	docs   []string
	events []string
}

func takeSnapshot(t *testing.T, dsn string) snapshot {
	t.Helper()
	ctx := context.Background()
	st, err := app.OpenStore(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var s snapshot
	if err := st.Documents(ctx, func(d record.Document) error {
		s.docs = append(s.docs, fmt.Sprintf("%s %.12s dup=%s", d.ID, d.Hash, deref(d.DuplicateOf)))
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if err := st.Events(ctx, store.EventQuery{}, func(e record.Event) error {
		var rs []string
		for _, r := range e.Reports {
			rs = append(rs, fmt.Sprintf("%s:%d-%d", r.Doc, r.Start, r.End))
		}
		slices.Sort(rs)
		s.events = append(s.events, e.SubEventType+"|"+strings.Join(rs, " "))
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	slices.Sort(s.docs)
	slices.Sort(s.events)
	return s
}

// reference analyses the corpus in one process with `sitrep analyze`.
func reference(t *testing.T, dir string) snapshot {
	t.Helper()
	db := filepath.Join(t.TempDir(), "reference.db")
	if code, _, stderr := runCLI(context.Background(), "analyze", "--db", db, "--format", "jsonl", "--batch", "4", dir); code != ExitOK {
		t.Fatalf("reference analyze exited %d: %s", code, stderr)
	}
	return takeSnapshot(t, db)
}

// checkStore compares a store the workers filled with the reference.
func checkStore(t *testing.T, dsn string, want snapshot, ndocs int) {
	t.Helper()
	got := takeSnapshot(t, dsn)
	if len(got.docs) != ndocs {
		t.Errorf("store holds %d documents, want %d", len(got.docs), ndocs)
	}
	hashes := map[string]int{}
	for _, d := range got.docs {
		hashes[strings.Fields(d)[1]]++
	}
	for h, n := range hashes {
		if n > 1 {
			t.Errorf("content %s stored %d times", h, n)
		}
	}
	if !slices.Equal(got.docs, want.docs) {
		t.Errorf("documents differ from a single-process analyze:\n got %q\nwant %q", got.docs, want.docs)
	}
	if !slices.Equal(got.events, want.events) {
		t.Errorf("events differ from a single-process analyze:\n got %d %q\nwant %d %q", len(got.events), got.events, len(want.events), want.events)
	}
	// Two outlets' reports of the Homs shelling are one event, merged
	// across batches that different workers committed.
	merged := false
	reports := map[string]int{}
	for _, e := range got.events {
		if strings.Contains(e, "homs-a:") && strings.Contains(e, "homs-b:") {
			merged = true
		}
		_, rs, _ := strings.Cut(e, "|")
		for _, r := range strings.Fields(rs) {
			reports[r]++
		}
	}
	if !merged {
		t.Errorf("no event merges the Homs reports of two outlets: %q", got.events)
	}
	for r, n := range reports {
		if n > 1 {
			t.Errorf("report %s is in %d events, want 1", r, n)
		}
	}
}

func pendingJobs(t *testing.T, natsURL string) uint64 {
	t.Helper()
	q, err := queue.Open(context.Background(), queue.Config{URL: natsURL})
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	n, err := q.Pending(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

const synthCount = 12

func TestSubmitQueuesEachDocumentOnceAndReportsBadInputs(t *testing.T) {
	natsURL := queuetest.Server(t)
	dir, n := writeScaleCorpus(t, 4)
	code, stdout, stderr := runCLI(context.Background(), "submit", "--nats", natsURL, dir)
	if code != ExitOK {
		t.Fatalf("submit exited %d: %s", code, stderr)
	}
	if want := fmt.Sprintf("%d documents read, %d queued, 0 already submitted, 0 input errors", n, n); !strings.Contains(stdout, want) {
		t.Errorf("first submit printed %q, want %q", stdout, want)
	}
	// The same articles again, plus an empty file: nothing new is queued
	// and the bad file is reported as analyze reports it.
	if err := os.WriteFile(filepath.Join(dir, "empty.txt"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr = runCLI(context.Background(), "submit", "--nats", natsURL, dir)
	if code != ExitInputErrors {
		t.Errorf("second submit exited %d, want %d", code, ExitInputErrors)
	}
	if want := fmt.Sprintf("%d documents read, 0 queued, %d already submitted, 1 input errors", n, n); !strings.Contains(stdout, want) {
		t.Errorf("second submit printed %q, want %q", stdout, want)
	}
	if !strings.Contains(stderr, "empty.txt") {
		t.Errorf("stderr %q does not name the empty file", stderr)
	}
	if got := pendingJobs(t, natsURL); got != uint64(n) {
		t.Errorf("stream holds %d jobs, want %d", got, n)
	}
}

func TestSubmitAndWorkerNeedTheirArguments(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"submit without inputs", []string{"submit", "--nats", "nats://127.0.0.1:1"}},
		{"worker with inputs", []string{"worker", "--nats", "nats://127.0.0.1:1", "file.txt"}},
		{"worker with a zero batch", []string{"worker", "--batch", "0"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if code, _, _ := runCLI(context.Background(), tc.args...); code != ExitUsage {
				t.Errorf("exit %d, want %d", code, ExitUsage)
			}
		})
	}
}

// scaleOut submits the corpus and runs three workers at once into dsn,
// and checks the store against a single-process analyze.
func scaleOut(t *testing.T, dsn string) {
	natsURL := queuetest.Server(t)
	dir, n := writeScaleCorpus(t, synthCount)
	want := reference(t, dir)
	if code, _, stderr := runCLI(context.Background(), "submit", "--nats", natsURL, dir); code != ExitOK {
		t.Fatalf("submit exited %d: %s", code, stderr)
	}
	var wg sync.WaitGroup
	for i := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			code, _, stderr := runCLI(context.Background(), "worker", "--nats", natsURL, "--db", dsn, "--batch", "4", "--workers", "1", "--idle-exit", "500ms")
			if code != ExitOK {
				t.Errorf("worker %d exited %d: %s", i, code, stderr)
			}
			t.Logf("worker %d: %s", i, lastLine(stderr))
		}()
	}
	wg.Wait()
	checkStore(t, dsn, want, n)
	if got := pendingJobs(t, natsURL); got != 0 {
		t.Errorf("%d jobs left in the stream, want 0", got)
	}
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

func TestThreeWorkersFillOneSQLiteStoreAsOneProcessWould(t *testing.T) {
	scaleOut(t, filepath.Join(t.TempDir(), "shared.db"))
}

func TestThreeWorkersFillOnePostgresStoreAsOneProcessWould(t *testing.T) {
	scaleOut(t, freshPostgres(t))
}

func TestWorkersKilledMidBatchLeaveTheSameStore(t *testing.T) {
	for _, backend := range []string{"sqlite", "postgres"} {
		t.Run(backend, func(t *testing.T) {
			dsn := filepath.Join(t.TempDir(), "shared.db")
			if backend == "postgres" {
				dsn = freshPostgres(t)
			}
			natsURL := queuetest.Server(t)
			dir, n := writeScaleCorpus(t, synthCount)
			want := reference(t, dir)
			if code, _, stderr := runCLI(context.Background(), "submit", "--nats", natsURL, dir); code != ExitOK {
				t.Fatalf("submit exited %d: %s", code, stderr)
			}
			o := workerOptions{nats: natsURL, stream: queue.DefaultStream, subject: queue.DefaultSubject, db: dsn,
				batch: 4, workers: 1, ackWait: time.Second, maxDeliver: queue.DefaultMaxDeliver}
			quiet := func() *Env {
				var b bytes.Buffer
				return &Env{Stdout: &b, Stderr: &b, Getenv: func(string) string { return "" }}
			}
			// Three workers start alone, so each surely gets a batch: one
			// dies before its batch is committed, one between the commit
			// and the merge, one after the merge but before the ack.
			// Either way nothing of theirs is acknowledged.
			var wg sync.WaitGroup
			for i, when := range []string{"before commit", "before merge", "before ack"} {
				wg.Add(1)
				go func() {
					defer wg.Done()
					ctx, kill := context.WithCancel(context.Background())
					defer kill()
					k := o
					k.idleExit = 5 * time.Second // a guard: it should be killed long before
					k.wrap = func(h queue.Handler) queue.Handler {
						return func(ctx context.Context, jobs []queue.Job) error {
							if when == "before commit" {
								kill()
							}
							err := h(ctx, jobs)
							kill()
							return err
						}
					}
					if when == "before merge" {
						// The merge lock is taken right after the commit.
						k.lock = killingLocker(kill)
					}
					if err := work(ctx, nil, quiet(), k); err == nil || ctx.Err() == nil {
						t.Errorf("worker %d killed %s returned %v without being killed", i, when, err)
					}
				}()
			}
			wg.Wait()
			// Two healthy workers then take the rest and, once their ack
			// wait has passed, the killed batches.
			for i := range 2 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					h := o
					h.idleExit = 1500 * time.Millisecond
					env := quiet()
					if err := work(context.Background(), nil, env, h); err != nil {
						t.Errorf("worker %d: %v\n%s", i, err, env.Stderr)
					}
					t.Logf("healthy worker %d: %s", i, lastLine(fmt.Sprint(env.Stderr)))
				}()
			}
			wg.Wait()
			checkStore(t, dsn, want, n)
			if got := pendingJobs(t, natsURL); got != 0 {
				t.Errorf("%d jobs left in the stream, want 0", got)
			}
		})
	}
}

// killingLocker kills its worker when asked for the merge lock, which a
// worker does once its batch is committed and before it merges.
type killingLocker context.CancelFunc

func (k killingLocker) Lock(context.Context, string) (func(), error) {
	k()
	return nil, context.Canceled
}

// freshPostgres returns a DSN for an empty schema on $SITREP_TEST_POSTGRES,
// dropped when t ends, or skips t when no server is configured (.ci/run
// starts one).
func freshPostgres(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv("SITREP_TEST_POSTGRES")
	if dsn == "" {
		t.Skip("SITREP_TEST_POSTGRES is not set: no PostgreSQL server to test against (.ci/run starts one)")
	}
	ctx := context.Background()
	b := make([]byte, 6)
	rand.Read(b)
	schema := "sitrep_queue_" + hex.EncodeToString(b)
	admin, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatalf("connect to SITREP_TEST_POSTGRES: %v", err)
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
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatalf("parse SITREP_TEST_POSTGRES: %v", err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// BenchmarkScaleOut measures the queue deployment end to end: synthetic
// articles submitted to an embedded JetStream server, then N workers, each
// analysing one document at a time, pulling batches of 64 into one store
// (PostgreSQL when SITREP_TEST_POSTGRES is set, else a SQLite file) until
// the stream is empty and every worker has made its last merge, once with
// a merge after every batch and once with DefaultMergeEvery. The time
// includes each worker's start-up. Run with
// -benchtime 1x; docs/SCALE.md has the figures.
func BenchmarkScaleOut(b *testing.B) {
	const articles = 600
	for _, c := range []struct {
		every   time.Duration
		workers int
	}{{0, 1}, {0, 2}, {DefaultMergeEvery, 1}, {DefaultMergeEvery, 2}} {
		workers := c.workers
		b.Run(fmt.Sprintf("merge-every=%s/workers=%d", c.every, workers), func(b *testing.B) {
			for range b.N {
				b.StopTimer()
				natsURL := queuetest.Server(b)
				dsn := filepath.Join(b.TempDir(), "bench.db")
				if os.Getenv("SITREP_TEST_POSTGRES") != "" {
					dsn = freshPostgres(b)
				}
				ctx := context.Background()
				q, err := queue.Open(ctx, queue.Config{URL: natsURL})
				if err != nil {
					b.Fatal(err)
				}
				var size int64
				for _, a := range synth.Generate(1, articles) {
					pub := a.Published
					j := queue.Job{ID: a.ID, Title: a.Title, Source: a.Source, Published: &pub, Format: "text", Raw: a.Title + "\n\n" + a.Text}
					size += int64(len(j.Raw))
					if _, err := q.Publish(ctx, j); err != nil {
						b.Fatal(err)
					}
				}
				b.SetBytes(size)
				b.StartTimer()
				start := time.Now()
				stop := make(chan struct{})
				var wg sync.WaitGroup
				for range workers {
					wg.Add(1)
					go func() {
						defer wg.Done()
						o := workerOptions{nats: natsURL, db: dsn, batch: app.DefaultBatchSize, workers: 1, ackWait: queue.DefaultAckWait, maxDeliver: queue.DefaultMaxDeliver, mergeEvery: c.every}
						var out bytes.Buffer
						if err := work(ctx, stop, &Env{Stdout: &out, Stderr: &out, Getenv: func(string) string { return "" }}, o); err != nil {
							b.Error(err)
						}
					}()
				}
				for {
					n, err := q.Pending(ctx)
					if err != nil {
						b.Fatal(err)
					}
					if n == 0 {
						break
					}
					time.Sleep(20 * time.Millisecond)
				}
				// The workers stop once the stream is empty; the time
				// includes their last merge, which leaves the store
				// fully merged.
				close(stop)
				wg.Wait()
				elapsed := time.Since(start)
				b.StopTimer()
				q.Close()
				b.ReportMetric(float64(articles)/elapsed.Seconds(), "articles/s")
			}
		})
	}
}
