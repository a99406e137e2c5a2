package control

import (
	"strings"
	"testing"
)

// FuzzParseCues checks that any cue list either parses into cues that start
// and end with a word, or fails naming the file and a line that exists.
// Classify on the parsed list never panics. Seeds: testdata/fuzz/FuzzParseCues.
func FuzzParseCues(f *testing.F) {
	f.Add("# comment\ncaptured\tseized * town\n", "Rebels seized the whole town.")
	f.Add("withdrew\t*\nentered\tx\n", "x")
	f.Fuzz(func(t *testing.T, src, text string) {
		c, err := ParseCues("cues.tsv", src)
		if err != nil {
			msg := err.Error()
			line := 0
			if _, rest, ok := strings.Cut(msg, "parse cues.tsv line "); ok {
				for _, r := range rest {
					if r < '0' || r > '9' {
						break
					}
					line = line*10 + int(r-'0')
				}
			}
			if line < 1 || line > strings.Count(src, "\n")+1 {
				t.Fatalf("error %q does not name cues.tsv and a line of the text", msg)
			}
			return
		}
		for _, q := range c.cues {
			if len(q.words) == 0 || q.words[0] == "*" || q.words[len(q.words)-1] == "*" {
				t.Fatalf("parsed cue %v does not start and end with a word", q.words)
			}
		}
		c.Classify(text)
	})
}
