package clean

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// benchCorpus generates scraped-looking articles: one paragraph per line,
// furniture lines, some mojibake and, in every fourth article, the body
// captured twice. The prose is made up from templates.
func benchCorpus(n int) []string {
	rng := rand.New(rand.NewPCG(1, 2))
	places := []string{"Tell Maraq", "Kafr Sadiq", "the old market", "Wadi Hamra", "Jisr al-Nahr", "the northern ridge"}
	actors := []string{"Government troops", "Rebel factions", "Allied militias", "Police units", "Armed men", "The air force"}
	verbs := []string{"shelled", "advanced on", "withdrew from", "surrounded", "struck", "entered"}
	tails := []string{
		", a monitoring group said.", " on Sunday, according to residents.",
		", killing at least %d people and wounding %d more.", " after a night of clashes, medics said.",
		" — and Assadâ€™s forces said they would press on.", ", the ministry said in a statement on Tuesday.",
	}
	furniture := []string{"Breadcrumb", "4 min read", "[click to enlarge] |", "Read more: Talks stall again", "|", "Advertisement", "Share this article", "Follow us on Twitter: @desk"}
	var docs []string
	for d := 0; d < n; d++ {
		var body []string
		for p := 0; p < 12+rng.IntN(10); p++ {
			var s strings.Builder
			for k := 0; k < 1+rng.IntN(3); k++ {
				if k > 0 {
					s.WriteByte(' ')
				}
				s.WriteString(actors[rng.IntN(len(actors))] + " " + verbs[rng.IntN(len(verbs))] + " " + places[rng.IntN(len(places))])
				t := tails[rng.IntN(len(tails))]
				if strings.Contains(t, "%d") {
					t = fmt.Sprintf(t, rng.IntN(200), rng.IntN(500))
				}
				s.WriteString(t)
			}
			body = append(body, s.String())
			if rng.IntN(4) == 0 {
				body = append(body, furniture[rng.IntN(len(furniture))])
			}
		}
		text := strings.Join(body, "\n")
		if d%4 == 0 {
			text += "\n" + text
		}
		docs = append(docs, text)
	}
	return docs
}

func BenchmarkClean(b *testing.B) {
	docs := benchCorpus(200)
	size := 0
	for _, d := range docs {
		size += len(d)
	}
	c := New(Options{})
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			c.Clean(d)
		}
	}
}
