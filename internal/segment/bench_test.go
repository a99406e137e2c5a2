package segment

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// benchText generates cleaned-looking article text from templates:
// paragraphs of one to four sentences with numbers, abbreviations, quotes
// and possessives, separated by blank lines.
func benchText(size int) string {
	rng := rand.New(rand.NewPCG(3, 4))
	subj := []string{"Government troops", "Gen. Fares al-Hamdan", "The U.S. envoy", "Rebel factions", "Hama’s governor", "Residents of Tell Maraq", "The monitoring group"}
	verb := []string{"said", "reported", "denied", "confirmed", "claimed"}
	obj := []string{
		"that %d fighters were killed near the river", "that 1,%03d families had fled since Aug. %d",
		"the strike at %d a.m. hit a market", "\"we will not withdraw\"", "shelling of the town's outskirts, etc.",
		"a %d.%d km advance on the southern front", "the army’s claim about %d villages",
	}
	var b strings.Builder
	for b.Len() < size {
		for p := 0; p < 1+rng.IntN(4); p++ {
			if p > 0 {
				b.WriteByte(' ')
			}
			o := obj[rng.IntN(len(obj))]
			if n := strings.Count(o, "%"); n > 0 {
				args := make([]any, n)
				for k := range args {
					args[k] = 1 + rng.IntN(30)
				}
				o = fmt.Sprintf(o, args...)
			}
			b.WriteString(subj[rng.IntN(len(subj))] + " " + verb[rng.IntN(len(verb))] + " " + o + ".")
		}
		b.WriteString("\n\n")
	}
	return b.String()
}

func BenchmarkSegment(b *testing.B) {
	text := benchText(1 << 20)
	s := New()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		s.Segment(text)
	}
}
