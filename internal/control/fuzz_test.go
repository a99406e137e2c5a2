package control

import (
	"regexp"
	"strconv"
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
			if line := errorLine(err, "cues.tsv"); line < 1 || line > strings.Count(src, "\n")+1 {
				t.Fatalf("error %q does not name cues.tsv and a line of the text", err)
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
