package merge

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// FuzzParseLexicon checks that any claimant lexicon either parses, and then
// classifies any claimant without panicking, or fails naming the file and a
// line that exists. Seeds: testdata/fuzz/FuzzParseLexicon.
func FuzzParseLexicon(f *testing.F) {
	f.Add("# comment\nwire\tReuters\tReuters|Thomson Reuters\n", "a Reuters reporter")
	f.Add("monitor\tObservatory\tSOHR| |the observatory\nbogus\tX\tY\n", "SOHR")
	f.Fuzz(func(t *testing.T, src, claimant string) {
		l, err := ParseLexicon("claimants.tsv", src)
		if err != nil {
			if line := errorLine(err, "claimants.tsv"); line < 1 || line > strings.Count(src, "\n")+1 {
				t.Fatalf("error %q does not name claimants.tsv and a line of the text", err)
			}
			return
		}
		if name, kind, ok := l.Classify(claimant); ok && (name == "" || !claimantKinds[kind]) {
			t.Fatalf("Classify(%q) = %q, %q: a match needs a name and a known kind", claimant, name, kind)
		}
	})
}

// errorLine returns the line number an error names after "parse FILE
// line ", or 0.
func errorLine(err error, file string) int {
	m := regexp.MustCompile(`parse ` + regexp.QuoteMeta(file) + ` line (\d+)`).FindStringSubmatch(err.Error())
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(m[1])
	return n
}
