package cli

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestReadmeCommandsExist checks every `sitrep COMMAND --flag` the README
// shows against the real commands: a renamed flag or command breaks here,
// not in a reader's shell.
func TestReadmeCommandsExist(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{}
	for _, c := range commands() {
		known[c.name] = true
	}
	flagRe := regexp.MustCompile(`--([a-z][a-z-]*)`)
	checked := 0
	inCode := false
	for _, line := range strings.Split(string(readme), "\n") {
		if strings.HasPrefix(line, "```") {
			inCode = !inCode
			continue
		}
		i := strings.Index(line, "sitrep ")
		if !inCode || i < 0 {
			continue
		}
		fields := strings.Fields(line[i+len("sitrep "):])
		if len(fields) == 0 {
			continue
		}
		name := fields[0]
		if !known[name] {
			t.Errorf("README shows unknown command %q: %s", name, line)
			continue
		}
		_, _, help := run(t, "", name, "--help")
		if name == "gazetteer" {
			_, _, help = run(t, "", name, "import", "--help")
		}
		rest := line[i:]
		if j := strings.Index(rest, "#"); j >= 0 {
			rest = rest[:j] // a shell comment is prose
		}
		if j := strings.Index(rest, "|"); j >= 0 {
			rest = rest[:j] // the next command in a pipe
		}
		for _, m := range flagRe.FindAllStringSubmatch(rest, -1) {
			if !strings.Contains(help, "-"+m[1]) {
				t.Errorf("README: sitrep %s has no flag --%s (line %q)", name, m[1], strings.TrimSpace(line))
			}
		}
		checked++
	}
	if checked < 8 {
		t.Errorf("checked only %d README command lines; the README lost its usage section?", checked)
	}
}
