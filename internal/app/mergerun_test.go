package app

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"

	"github.com/sitrep-dev/sitrep/internal/record"
	"github.com/sitrep-dev/sitrep/internal/synth"
)

// TestAnalyzeInAnyOrderAndAnyRunsGivesTheSameEvents is the property that
// makes incremental merging sound, through the whole app: the same
// articles analysed in one run, backwards, shuffled in several runs, or
// one per run, end up as the same stored events.
func TestAnalyzeInAnyOrderAndAnyRunsGivesTheSameEvents(t *testing.T) {
	if testing.Short() {
		t.Skip("analyses the corpus several times")
	}
	dir := t.TempDir()
	files := map[string]string{}
	var paths []string
	for _, a := range synth.Generate(23, 36) {
		name := a.ID + ".txt"
		files[name] = a.Title + "\n\n" + a.Published.Format("January 2, 2006") + " — " + a.Text
		paths = append(paths, filepath.Join(dir, name))
	}
	writeFilesB(t, dir, files)
	slices.Sort(paths)

	run := func(runs ...[]string) ([]string, []record.Event) {
		a := open(t, filepath.Join(t.TempDir(), "s.db"))
		for _, r := range runs {
			analyze(t, a, r...)
		}
		evs := storedEvents(t, a.Store())
		return signature(evs), evs
	}
	want, wantEvents := run(paths)
	r := rand.New(rand.NewPCG(6, 1))
	orders := map[string][][]string{}
	backwards := slices.Clone(paths)
	slices.Reverse(backwards)
	orders["backwards"] = [][]string{backwards}
	for i := range 2 {
		shuffled := slices.Clone(paths)
		r.Shuffle(len(shuffled), func(a, b int) { shuffled[a], shuffled[b] = shuffled[b], shuffled[a] })
		cut1, cut2 := 1+r.IntN(len(paths)-2), 0
		cut2 = cut1 + 1 + r.IntN(len(paths)-cut1-1)
		orders[[]string{"shuffled in three runs", "shuffled in three other runs"}[i]] = [][]string{shuffled[:cut1], shuffled[cut1:cut2], shuffled[cut2:]}
	}
	var oneByOne [][]string
	for _, p := range backwards[:12] {
		oneByOne = append(oneByOne, []string{p})
	}
	orders["a dozen one per run, then the rest"] = append(oneByOne, backwards[12:])
	for name, runs := range orders {
		t.Run(name, func(t *testing.T) {
			got, gotEvents := run(runs...)
			if !slices.Equal(got, want) {
				t.Errorf("%d events, want %d; first differences:\n%v\n%v", len(got), len(want), firstDiff(got, want), firstDiff(want, got))
			}
			if len(gotEvents) == len(wantEvents) {
				for i := range gotEvents {
					if g, w := corroboration(gotEvents[i]), corroboration(wantEvents[i]); g != w {
						t.Errorf("event %d sources %s, want %s", i, g, w)
						break
					}
				}
			}
		})
	}
	merged := 0
	for _, e := range wantEvents {
		if e.Sources == nil {
			t.Errorf("event %s was never merged (no sources)", e.ID)
			break
		}
		if e.Sources.Outlets > 1 {
			merged++
		}
	}
	if merged == 0 {
		t.Errorf("no event merges reports from two articles: the property is not exercised")
	}
}

func corroboration(e record.Event) string {
	if e.Sources == nil {
		return "none"
	}
	return fmt.Sprintf("%d/%d %v", e.Sources.Outlets, e.Sources.Independent, e.Sources.Claimants)
}
