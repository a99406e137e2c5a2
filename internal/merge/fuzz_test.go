package merge

import (
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
			msg := err.Error()
			line := 0
			if _, rest, ok := strings.Cut(msg, "parse claimants.tsv line "); ok {
				for _, r := range rest {
					if r < '0' || r > '9' {
						break
					}
					line = line*10 + int(r-'0')
				}
			}
			if line < 1 || line > strings.Count(src, "\n")+1 {
				t.Fatalf("error %q does not name claimants.tsv and a line of the text", msg)
			}
			return
		}
		if name, kind, ok := l.Classify(claimant); ok && (name == "" || !claimantKinds[kind]) {
			t.Fatalf("Classify(%q) = %q, %q: a match needs a name and a known kind", claimant, name, kind)
		}
	})
}
