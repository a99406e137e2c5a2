package app

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/sitrep-dev/sitrep/internal/synth"
)

// crashEnv, when set, turns TestAnalyzeCrashChild into the analyze run that
// TestAnalyzeResumesAfterKill kills: "DB|DIR".
const crashEnv = "SITREP_APP_CRASH"

func TestAnalyzeCrashChild(t *testing.T) {
	v := os.Getenv(crashEnv)
	if v == "" {
		t.Skip("helper process for TestAnalyzeResumesAfterKill")
	}
	db, dir, _ := strings.Cut(v, "|")
	a, err := Open(context.Background(), Config{DB: db, BatchSize: 8, Workers: 2}, func(string) string { return "" })
	if err != nil {
		os.Exit(2)
	}
	_, _ = a.Analyze(context.Background(), []string{dir}, nil, Output{
		Document: func(r Result) error {
			os.Stdout.WriteString("committed " + r.Doc.ID + "\n")
			return nil
		},
		Report: func(error) {},
	})
	os.Exit(0)
}

// TestAnalyzeResumesAfterKill kills an analyze run with SIGKILL after some
// batches are committed, re-runs it on the same inputs, and expects exactly
// the documents and events of a run that was never interrupted.
func TestAnalyzeResumesAfterKill(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a child process")
	}
	dir := t.TempDir()
	files := map[string]string{}
	for _, a := range synth.Generate(11, 120) {
		files[a.ID+".txt"] = a.Title + "\n\n" + a.Published.Format("January 2, 2006") + " — " + a.Text
	}
	writeFilesB(t, dir, files)

	crashed := filepath.Join(t.TempDir(), "crashed.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestAnalyzeCrashChild$")
	cmd.Env = append(os.Environ(), crashEnv+"="+crashed+"|"+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	seen := 0
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "committed ") {
			seen++
		}
		if seen == 40 {
			_ = cmd.Process.Signal(syscall.SIGKILL)
			break
		}
	}
	_ = cmd.Wait()
	if seen < 40 {
		t.Fatalf("the child finished before it could be killed (%d documents)", seen)
	}

	resumed := open(t, crashed)
	st, _ := analyze(t, resumed, dir)
	if st.Existing < 40 || st.Existing+st.New != 120 {
		t.Errorf("re-run: %d existing + %d new, want at least 40 existing and 120 in all", st.Existing, st.New)
	}
	fresh := open(t, filepath.Join(t.TempDir(), "fresh.db"))
	analyze(t, fresh, dir)

	got, want := signature(storedEvents(t, resumed.Store())), signature(storedEvents(t, fresh.Store()))
	if !slices.Equal(got, want) {
		t.Errorf("resumed run has %d events, an uninterrupted one %d; first differences:\n%v\n%v",
			len(got), len(want), firstDiff(got, want), firstDiff(want, got))
	}
}

func firstDiff(a, b []string) []string {
	var out []string
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, x)
			if len(out) == 3 {
				break
			}
		}
	}
	return out
}
