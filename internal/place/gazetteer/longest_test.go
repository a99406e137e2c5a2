package gazetteer

import (
	"strings"
	"testing"
)

func TestLongestEndIsAppendLongestsEnd(t *testing.T) {
	g, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	// phrases of our own, read from each word: names of one and more
	// words, curated names, common words and words that start no name
	phrases := []string{
		"the town of khan shaykhun near idlib",
		"fighting in new york and new delhi went on",
		"the police station in rajkot district",
		"u.s. forces left ras al ain for deir ez zor",
		"zzqx qqzz",
	}
	for _, ph := range phrases {
		var keys []string
		for _, w := range strings.Fields(ph) {
			keys = append(keys, Fold(w)...)
		}
		for i := range keys {
			for _, accept := range []func(int) bool{
				func(int) bool { return true },
				func(end int) bool { return end-i < 2 }, // one word only
				func(int) bool { return false },
			} {
				cands, want := g.AppendLongest(nil, keys, i, accept)
				if got := g.LongestEnd(keys, i, accept); got != want {
					t.Errorf("%q from %q: LongestEnd = %d, AppendLongest's end = %d (%d candidates)", ph, keys[i], got, want, len(cands))
				}
			}
		}
	}
}
