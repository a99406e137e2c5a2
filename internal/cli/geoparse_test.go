package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
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

func TestGazetteerImportThenGeoparseResolvesAVillage(t *testing.T) {
	dir := t.TempDir()
	dump := filepath.Join(dir, "SY.txt")
	row := "7535633\tAl Laţāminah\tAl Latamina\tLatamneh,Lataminah\t35.3183\t36.6228\tP\tPPL\tSY\t\t10\t\t\t\t0\t\t310\tAsia/Damascus\t2012-01-18\n"
	if err := os.WriteFile(dump, []byte(row), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "sitrep.db")
	var out, errb bytes.Buffer
	env := &Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}
	if code := Run(context.Background(), []string{"gazetteer", "import", "--db", db, dump}, env); code != ExitOK {
		t.Fatalf("import exit %d: %s", code, errb.String())
	}
	env.Stdin = strings.NewReader(`{"id":"v","text":"Shelling hit Latamneh in northern Hama province."}` + "\n")
	out.Reset()
	if code := Run(context.Background(), []string{"geoparse", "--db", db}, env); code != ExitOK {
		t.Fatalf("geoparse exit %d: %s", code, errb.String())
	}
	var rec geoparseOut
	if err := json.Unmarshal(out.Bytes(), &rec); err != nil {
		t.Fatal(err)
	}
	for _, tp := range rec.Toponyms {
		if tp.GeonameID != nil && *tp.GeonameID == 7535633 {
			return
		}
	}
	t.Errorf("Latamneh not resolved to the imported row: %s", out.String())
}
