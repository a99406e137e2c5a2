package sqlite

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/record"
	"github.com/sitrep-dev/sitrep/internal/store/storetest"
)

// crashEnv names the database a re-executed test binary saves into; set,
// it turns TestCrashChild into the writer that TestCrashSafety kills.
const crashEnv = "SITREP_SQLITE_CRASH_DB"

const (
	crashBatches   = 150
	crashBatchDocs = 10
	crashEvents    = 3
)

// crashInput is the deterministic input both the killed child and the
// re-run save: batch i holds documents i*crashBatchDocs onwards.
func crashInput(i int) ([]*doc.Document, []record.Event) {
	var docs []*doc.Document
	var evs []record.Event
	for j := range crashBatchDocs {
		d := storetest.GeneratedDocument(i*crashBatchDocs+j, 2000)
		docs = append(docs, d)
		evs = append(evs, storetest.GeneratedEvents(d, crashEvents)...)
	}
	return docs, evs
}

// TestCrashChild is not a test of its own: it is the process that
// TestCrashSafety starts and kills.
func TestCrashChild(t *testing.T) {
	path := os.Getenv(crashEnv)
	if path == "" {
		t.Skip("helper process for TestCrashSafety")
	}
	ctx := context.Background()
	s, err := Open(ctx, path)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(2)
	}
	for i := range crashBatches {
		docs, evs := crashInput(i)
		if _, err := s.SaveBatch(ctx, docs, evs); err != nil {
			fmt.Println("error", err)
			os.Exit(2)
		}
		// Printed after the commit returned: the parent counts these as
		// batches that must survive.
		fmt.Printf("committed %d\n", i)
	}
	fmt.Println("done")
	os.Exit(0)
}

func TestCrashSafety(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills a child process")
	}
	if os.Getenv(crashEnv) != "" {
		t.Skip("inside the child")
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "crash.db")

	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashEnv+"="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill after a few commits, at a random moment, most likely inside a
	// transaction (the child spends nearly all its time in one).
	killAfter := 3 + rand.IntN(5)
	committed := 0
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "error") {
			t.Fatalf("child failed: %s", line)
		}
		if strings.HasPrefix(line, "committed ") {
			committed++
			if committed == killAfter {
				time.Sleep(time.Duration(rand.IntN(4000)) * time.Microsecond)
				if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
					t.Fatalf("kill child: %v", err)
				}
				break
			}
		}
		if line == "done" {
			break
		}
	}
	cmd.Wait()
	if committed < killAfter {
		t.Fatalf("child exited after %d commits, before it could be killed", committed)
	}

	s, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("open after crash: %v", err)
	}
	defer s.Close()
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Fatalf("after crash: %v", err)
	}
	var docs, events, incomplete int
	must := func(q string, dst *int) {
		t.Helper()
		if err := s.r.QueryRowContext(ctx, q).Scan(dst); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	must("SELECT count(*) FROM documents", &docs)
	must("SELECT count(*) FROM events", &events)
	must(fmt.Sprintf(`SELECT count(*) FROM documents d
		WHERE (SELECT count(*) FROM reports r WHERE r.doc_id = d.id) <> %d`, crashEvents), &incomplete)
	t.Logf("killed after %d reported commits; %d documents and %d events survived", committed, docs, events)
	if docs < committed*crashBatchDocs {
		t.Errorf("%d documents survived, but %d batches of %d were committed", docs, committed, crashBatchDocs)
	}
	if docs%crashBatchDocs != 0 {
		t.Errorf("%d documents survived: a batch was stored in part", docs)
	}
	if events != docs*crashEvents || incomplete != 0 {
		t.Errorf("%d events for %d documents, %d documents without all their events", events, docs, incomplete)
	}

	// Re-running the same input completes it without duplicates.
	stored := docs / crashBatchDocs
	for i := range crashBatches {
		batch, evs := crashInput(i)
		isNew, err := s.SaveBatch(ctx, batch, evs)
		if err != nil {
			t.Fatalf("re-run batch %d: %v", i, err)
		}
		for j, n := range isNew {
			if n != (i >= stored) {
				t.Fatalf("re-run batch %d document %d: new = %v, want %v", i, j, n, i >= stored)
			}
		}
	}
	must("SELECT count(*) FROM documents", &docs)
	must("SELECT count(*) FROM events", &events)
	if want := crashBatches * crashBatchDocs; docs != want || events != want*crashEvents {
		t.Errorf("after re-run: %d documents and %d events, want %d and %d", docs, events, want, want*crashEvents)
	}
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Errorf("after re-run: %v", err)
	}
}
