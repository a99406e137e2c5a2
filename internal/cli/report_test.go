package cli

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep/internal/app"
	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/record"
	"github.com/sitrep-dev/sitrep/internal/store/sqlite"
	"github.com/sitrep-dev/sitrep/internal/store/storetest"
)

func TestReportCommand(t *testing.T) {
	db := exportStore(t)
	code, out, errOut := run(t, "", "report", "--db", db, "--from", "2024-03-01", "--to", "2024-03-31", "--bbox", "30,10,35,20")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.HasPrefix(out, "# Situation report: box 30,10,35,20, 2024-03-01 to 2024-03-31\n") || !strings.Contains(out, "Bir Zahra") || strings.Contains(out, "Kfar Tala") {
		t.Errorf("markdown report of the box = %s", out)
	}
	code, out, _ = run(t, "", "report", "--db", db, "--format", "html", "--place", "Kfar Tala")
	if code != ExitOK || !strings.HasPrefix(out, "<!doctype html>") || !strings.Contains(out, `<li id="s1">`) {
		t.Errorf("html report: exit %d, %s", code, out)
	}
	for _, args := range [][]string{
		{"--format", "pdf"}, {"--from", "March"}, {"--bbox", "1,2"},
	} {
		if code, _, _ := run(t, "", append([]string{"report", "--db", db}, args...)...); code != ExitUsage {
			t.Errorf("report %v: exit %d, want %d", args, code, ExitUsage)
		}
	}
}

func TestPlaceFlagTakesAnySpelling(t *testing.T) {
	ctx := context.Background()
	gz, err := app.LoadGazetteer(ctx, "", "")
	if err != nil {
		t.Fatal(err)
	}
	id := func(name, cc string) int64 {
		for _, c := range gz.Lookup(name) {
			if e := gz.Entry(c.Entry); e.Country == cc && e.ID > 0 {
				return e.ID
			}
		}
		t.Fatalf("no %s in %s in the embedded gazetteer", name, cc)
		return 0
	}
	path := filepath.Join(t.TempDir(), "places.db")
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	d := storetest.NewDocument("wire", "Shelling hit the town.", "Clashes in the port.", "A raid on the old town.")
	at := func(id string, i int, name string, gid int64) record.Event {
		ev := storetest.NewEvent(id, d, i, "2024-03-01", "Battles", "Armed clash")
		ev.Location = &record.Location{Name: name, GeonameID: gid, Lat: 35, Lon: 36, Precision: "town"}
		return ev
	}
	events := []record.Event{
		at("ev-khan", 0, "Khan Shaykhun", id("Khan Shaykhun", "SY")),
		at("ev-tripoli-ly", 1, "Tripoli", id("Tripoli", "LY")),
		at("ev-tripoli-lb", 2, "Tripoli", id("Tripoli", "LB")),
	}
	if _, err := st.SaveBatch(ctx, []*doc.Document{d}, events); err != nil {
		t.Fatal(err)
	}
	st.Close()

	code, out, errOut := run(t, "", "report", "--db", path, "--place", "Khan Sheikhoun")
	if code != ExitOK || !strings.HasPrefix(out, "# Situation report: Khan Shaykhun, all dates\n") || !strings.Contains(out, "Shelling hit the town.") {
		t.Errorf("report --place in another spelling: exit %d, %s%s", code, out, errOut)
	}
	code, out, errOut = run(t, "", "export", "--db", path, "--format", "jsonl", "--place", "khan sheikhun")
	if code != ExitOK || strings.Count(out, "\n") != 1 || !strings.Contains(out, `"ev-khan"`) {
		t.Errorf("export --place in another spelling: exit %d, %s%s", code, out, errOut)
	}
	code, _, errOut = run(t, "", "export", "--db", path, "--format", "jsonl", "--place", "Tarabulus")
	if code != ExitUsage || !strings.Contains(errOut, "ambiguous place name") {
		t.Errorf("export --place with a name two places share: exit %d, stderr %q; want a usage error naming both", code, errOut)
	}
}
