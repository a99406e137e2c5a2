package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
)

func TestGeoparseWritesCodePointOffsetsAndReportsBadLines(t *testing.T) {
	in := `{"id":"a","text":"Ḩalfāyā lies near Hama in Syria."}
not json
{"id":2,"text":"Syrian jets struck Khan Sheikhoun in Idlib province."}
`
	var out, errb bytes.Buffer
	env := &Env{Stdin: strings.NewReader(in), Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}
	code := Run(context.Background(), []string{"geoparse"}, env)
	if code != ExitInputErrors {
		t.Errorf("exit %d, want %d", code, ExitInputErrors)
	}
	if !strings.Contains(errb.String(), "line 2") {
		t.Errorf("stderr %q does not name line 2", errb.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("got %d output lines, want 2:\n%s", len(lines), out.String())
	}
	var rec geoparseOut
	if err := json.Unmarshal([]byte(lines[0]), &rec); err != nil {
		t.Fatal(err)
	}
	text := []rune("Ḩalfāyā lies near Hama in Syria.")
	found := map[string]bool{}
	for _, tp := range rec.Toponyms {
		found[string(text[tp.Start:tp.End])] = true
	}
	for _, w := range []string{"Hama", "Syria"} {
		if !found[w] {
			t.Errorf("toponym %q not found at its code-point offsets; got %v", w, found)
		}
	}
}
