package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// run runs the CLI as a shell would and returns exit status, stdout, stderr.
func run(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	env := &Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errOut, Getenv: func(string) string { return "" }}
	code := Run(context.Background(), args, env)
	return code, out.String(), errOut.String()
}

func records(t *testing.T, out string) (docs, events []map[string]any) {
	t.Helper()
	for i, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if line == "" {
			continue
		}
		var r map[string]any
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("line %d is not JSON: %v: %s", i+1, err, line)
		}
		switch r["record"] {
		case "document":
			docs = append(docs, r)
		case "event":
			events = append(events, r)
		default:
			t.Fatalf("line %d has record %v", i+1, r["record"])
		}
	}
	return docs, events
}

func TestAnalyzeExamplesStoresEveryDocumentOnceAndLinksTheSyndicatedCopy(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	code, out, stderr := run(t, "", "analyze", "--db", db, "--format", "jsonl", "../../examples")
	if code != ExitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	docs, _ := records(t, out)
	byID := map[string]map[string]any{}
	for _, d := range docs {
		byID[d["id"].(string)] = d
	}
	// 3 text files, 1 HTML page, 2 JSON Lines records, 2 feed items.
	if len(docs) != 8 {
		t.Errorf("got %d documents, want 8: %v", len(docs), keys(byID))
	}
	copyDoc, ok := byID["sudan-wire-republished"]
	if !ok {
		t.Fatalf("no document for the syndicated copy: %v", keys(byID))
	}
	if copyDoc["duplicate_of"] != "sudan-wire-elfasher-market" {
		t.Errorf("syndicated copy: duplicate_of = %v, want sudan-wire-elfasher-market", copyDoc["duplicate_of"])
	}
	if d := byID["ukraine-kharkiv-strike"]; d == nil || d["published"] != "2024-05-23" || d["source"] != "Eastern Front Review" {
		t.Errorf("HTML metadata not read: %v", d)
	}

	// The golden file pins what ingest and dating decide for each input:
	// ids, metadata, dates and duplicate links. Counts of sentences and
	// events belong to the stages' own golden files, so they are left out
	// here and a better extractor does not break this test.
	var docLines strings.Builder
	for _, d := range docs {
		for _, k := range []string{"hash", "chars", "sentences", "events"} {
			delete(d, k)
		}
		b, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		docLines.Write(b)
		docLines.WriteByte('\n')
	}
	const golden = "testdata/analyze-examples.documents.golden.jsonl"
	if *update {
		if err := os.WriteFile(golden, []byte(docLines.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("read golden file (run go test -update once): %v", err)
	}
	if docLines.String() != string(want) {
		t.Errorf("document records differ from %s (rerun with -update if the change is intended):\n%s", golden, docLines.String())
	}

	// The same inputs again add nothing.
	code, out, stderr = run(t, "", "analyze", "--db", db, "--format", "jsonl", "../../examples")
	if code != ExitOK {
		t.Fatalf("second run: exit %d, stderr:\n%s", code, stderr)
	}
	if !strings.Contains(stderr, "(0 new, 8 already stored, 0 duplicates)") {
		t.Errorf("second run should store nothing new; stderr:\n%s", stderr)
	}
	_, events := records(t, out)
	if len(events) != 0 {
		t.Errorf("second run printed %d events again", len(events))
	}
}

func TestAnalyzeReportsBadInputsAndKeepsGoing(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"good.txt":     "Clashes near Ariha\n\nFighters clashed near Ariha in Idlib province on Monday, a monitor said.\n",
		"empty.txt":    "",
		"binary.bin":   "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
		"lines.jsonl":  `{"id":"ok-1","text":"Shelling hit Taiz on Sunday, residents said."}` + "\n" + `{"id": "broken", "text": ` + "\n",
		"feed-bad.xml": `<?xml version="1.0"?><rss><channel><item><title>Unclosed`,
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, out, stderr := run(t, "", "analyze", "--db", filepath.Join(dir, "s.db"), "--format", "jsonl", dir)
	if code != ExitInputErrors {
		t.Errorf("exit %d, want %d (some inputs failed)", code, ExitInputErrors)
	}
	for _, name := range []string{"empty.txt", "binary.bin", "lines.jsonl", "feed-bad.xml"} {
		if !strings.Contains(stderr, name) {
			t.Errorf("stderr does not name %s:\n%s", name, stderr)
		}
	}
	if !strings.Contains(stderr, "line 2") {
		t.Errorf("stderr does not give the malformed JSON line's number:\n%s", stderr)
	}
	docs, _ := records(t, out)
	ids := map[string]bool{}
	for _, d := range docs {
		ids[d["id"].(string)] = true
	}
	if !ids["good"] || !ids["ok-1"] {
		t.Errorf("good inputs were not all processed: %v", ids)
	}
}

func TestAnalyzeReadsStdin(t *testing.T) {
	code, out, stderr := run(t, "Mortar fire hit Marib on Friday, killing four people.\n", "analyze", "--db", filepath.Join(t.TempDir(), "s.db"), "--format", "jsonl", "--published", "2024-03-02", "-")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	docs, _ := records(t, out)
	if len(docs) != 1 || docs[0]["published"] != "2024-03-02" {
		t.Errorf("stdin document = %v, want one published 2024-03-02", docs)
	}
}

func TestUsageErrorsExitTwo(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"analyze without inputs", []string{"analyze"}},
		{"an unknown output format", []string{"analyze", "--format", "xml", "x"}},
		{"a malformed --published date", []string{"analyze", "--published", "22/04/2017", "x"}},
		{"an unknown command", []string{"frobnicate"}},
		{"an unknown flag", []string{"events", "--colour"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if code, _, _ := run(t, "", tt.args...); code != ExitUsage {
				t.Errorf("exit %d, want %d", code, ExitUsage)
			}
		})
	}
}

func TestHelpOnEveryCommandExitsZero(t *testing.T) {
	for _, c := range commands() {
		t.Run(c.name, func(t *testing.T) {
			code, _, stderr := run(t, "", c.name, "--help")
			if code != ExitOK || !strings.Contains(stderr, "Usage: sitrep "+c.name) {
				t.Errorf("exit %d, stderr %q", code, stderr)
			}
		})
	}
}

func keys(m map[string]map[string]any) []string {
	var k []string
	for s := range m {
		k = append(k, s)
	}
	return k
}
