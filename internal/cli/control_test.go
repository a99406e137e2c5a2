package cli

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/record"
	"github.com/sitrep-dev/sitrep/internal/store/sqlite"
	"github.com/sitrep-dev/sitrep/internal/store/storetest"
)

// controlStore stores a capture of a town and the losing side's claim to
// still hold part of it, in our own words.
func controlStore(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "s.db")
	st, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	wire := storetest.NewDocument("wire", "Army units seized control of Tell Amar on Monday.")
	channel := storetest.NewDocument("channel", "The Front said its fighters had only repositioned inside Tell Amar.")
	at := &record.Location{Name: "Tell Amar", Lat: 35.1, Lon: 36.2, GeonameID: 9100001, Precision: "town"}
	capture := storetest.NewEvent("ev-capture", wire, 0, "2022-08-19", "Strategic developments", "Government regains territory")
	capture.Location, capture.Actor1 = at, &record.Actor{Name: "Army"}
	claim := storetest.NewEvent("", channel, 0, "2022-08-19", "", "").Reports[0]
	claim.ClaimedBy = ptrTo("The Front")
	capture.Reports = append(capture.Reports, claim)
	if _, err := st.SaveBatch(context.Background(), []*doc.Document{wire, channel}, []record.Event{capture}); err != nil {
		t.Fatal(err)
	}
	return path
}

func ptrTo[T any](v T) *T { return &v }

func TestControlPrintsTheTimelineWithItsDispute(t *testing.T) {
	db := controlStore(t)
	code, out, stderr := run(t, "", "control", "--db", db, "Tell Amar")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"Tell Amar (GeoNames 9100001)", "captured", "Army", "claims to hold", "The Front", "disputed 2022-08-19..2022-08-19"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
}

func TestControlByGeoNamesIDAsJSONLines(t *testing.T) {
	db := controlStore(t)
	code, out, stderr := run(t, "", "control", "--db", db, "--format", "jsonl", "9100001")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	kinds := map[string]int{}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var r struct {
			Record string `json:"record"`
			Kind   string `json:"kind"`
		}
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("bad line %q: %v", line, err)
		}
		kinds[r.Record+":"+r.Kind]++
	}
	if kinds["control:captured"] != 1 || kinds["control:claims to hold"] != 1 || kinds["control_dispute:"] != 1 {
		t.Errorf("records %v, want a capture, a claim to hold and one dispute", kinds)
	}
}

func TestControlNeedsOnePlace(t *testing.T) {
	if code, _, _ := run(t, "", "control", "--db", filepath.Join(t.TempDir(), "s.db")); code != ExitUsage {
		t.Errorf("exit %d without a place, want %d", code, ExitUsage)
	}
}

func TestControlOfAnUnknownPlaceSaysSo(t *testing.T) {
	code, out, _ := run(t, "", "control", "--db", controlStore(t), "Nowhere Town")
	if code != ExitOK || !strings.Contains(out, "no control statements") {
		t.Errorf("exit %d, output %q", code, out)
	}
}
