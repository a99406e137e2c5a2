package cli

import (
	"strings"
	"testing"
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
