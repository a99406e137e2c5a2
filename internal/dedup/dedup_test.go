package dedup

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep/internal/doc"
)

func readStory(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "stories", name+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestThresholdSeparatesCopiesFromOtherStories is the measurement behind
// DefaultThreshold: copies of one wire story must be within it, different
// stories on the same topic well beyond it.
func TestThresholdSeparatesCopiesFromOtherStories(t *testing.T) {
	copies := []string{"wire-syndicated", "wire-edited", "wire-trimmed"}
	others := []string{"other-same-topic", "other-same-place", "unrelated"}
	orig := SimHash(readStory(t, "wire-original"))
	maxCopy := 0
	for _, c := range copies {
		d := Distance(orig, SimHash(readStory(t, c)))
		t.Logf("wire-original ~ %s: %d bits", c, d)
		if d > DefaultThreshold {
			t.Errorf("copy %s is %d bits from the original, want <= %d", c, d, DefaultThreshold)
		}
		maxCopy = max(maxCopy, d)
	}
	minOther := 64
	all := append([]string{"wire-original"}, append(copies, others...)...)
	for _, o := range others {
		for _, a := range all {
			if a == o {
				continue
			}
			d := Distance(SimHash(readStory(t, o)), SimHash(readStory(t, a)))
			t.Logf("%s ~ %s: %d bits", o, a, d)
			if d <= DefaultThreshold {
				t.Errorf("different stories %s and %s are %d bits apart, want > %d", o, a, d, DefaultThreshold)
			}
			minOther = min(minOther, d)
		}
	}
	if minOther-maxCopy < 12 {
		t.Errorf("copies reach %d bits and other stories start at %d: the margin is too thin to place a threshold", maxCopy, minOther)
	}
}

func TestSimHash(t *testing.T) {
	long := "Government forces captured a chain of hills north of the river town on Sunday after heavy fighting."
	tests := []struct {
		name   string
		a, b   string
		near   bool
		zeroed bool
	}{
		{"identical texts are near", long, long, true, false},
		{"case and punctuation do not matter", long, strings.ToUpper(strings.ReplaceAll(long, ",", " ;")), true, false},
		{"stripped apostrophes match curly ones", "The army’s " + long, "The armys " + long, true, false},
		{"a short text has no fingerprint", "Troops take hills near the town", "Troops take hills near the town", false, true},
		{"an empty text has no fingerprint", "", "", false, true},
		{"punctuation alone has no fingerprint", "... --- !!! ??? ,,, ;;; ::: '''", "... --- !!! ??? ,,, ;;; ::: '''", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := SimHash(tt.a), SimHash(tt.b)
			if tt.zeroed && (a != 0 || b != 0) {
				t.Errorf("fingerprints %x, %x, want 0", a, b)
			}
			if got := Near(a, b); got != tt.near {
				t.Errorf("Near = %v (distance %d), want %v", got, Distance(a, b), tt.near)
			}
		})
	}
}

func TestMinWordsBoundary(t *testing.T) {
	seven := "one two three four five six seven"
	if fp := SimHash(seven); fp != 0 {
		t.Errorf("seven words: fingerprint %x, want 0", fp)
	}
	if fp := SimHash(seven + " eight"); fp == 0 {
		t.Error("eight words: fingerprint 0, want one")
	}
}

func TestProcessSetsFingerprint(t *testing.T) {
	d := &doc.Document{Text: readStory(t, "wire-original")}
	if err := New().Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	if d.Fingerprint == 0 || d.Fingerprint != SimHash(d.Text) {
		t.Errorf("Fingerprint = %x, want SimHash of the text", d.Fingerprint)
	}
}

func TestIndexFindsWhatBruteForceFinds(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for _, k := range []int{0, 3, 7, DefaultThreshold} {
		t.Run(fmt.Sprintf("threshold %d", k), func(t *testing.T) {
			x := NewIndex(k)
			var fps []uint64
			for i := 0; i < 2000; i++ {
				fp := rng.Uint64() | 1
				fps = append(fps, fp)
				x.Add(fmt.Sprint(i), fp)
			}
			for q := 0; q < 500; q++ {
				// Half the queries are a stored fingerprint with up to k+2
				// bits flipped, half are random.
				fp := rng.Uint64() | 1
				if q%2 == 0 {
					fp = fps[rng.IntN(len(fps))]
					for f := rng.IntN(k + 3); f > 0; f-- {
						fp ^= 1 << rng.IntN(64)
					}
				}
				wantID, wantDist := "", 65
				for i, g := range fps {
					if d := Distance(fp, g); d <= k && d < wantDist {
						wantID, wantDist = fmt.Sprint(i), d
					}
				}
				id, dist, ok := x.Find(fp)
				if ok != (wantID != "") || ok && (dist != wantDist || id != wantID) {
					t.Fatalf("Find(%x) = %q, %d, %v; brute force %q, %d", fp, id, dist, ok, wantID, wantDist)
				}
			}
		})
	}
}

func TestIndex(t *testing.T) {
	var x Index // the zero value works
	x.Add("zero", 0)
	if x.Len() != 0 {
		t.Error("a zero fingerprint was indexed")
	}
	orig := SimHash(readStory(t, "wire-original"))
	x.Add("wire", orig)
	x.Add("other", SimHash(readStory(t, "other-same-topic")))
	if id, d, ok := x.Find(SimHash(readStory(t, "wire-syndicated"))); !ok || id != "wire" {
		t.Errorf("the syndicated copy found %q at %d (%v), want wire", id, d, ok)
	}
	if id, _, ok := x.Find(SimHash(readStory(t, "other-same-place"))); ok {
		t.Errorf("a different story matched %q", id)
	}
	if _, _, ok := x.Find(0); ok {
		t.Error("a zero fingerprint matched")
	}
	if x.Threshold() != DefaultThreshold {
		t.Errorf("Threshold = %d, want %d", x.Threshold(), DefaultThreshold)
	}
}

func ExampleSimHash() {
	a := SimHash("Government forces captured a chain of hills north of the river town on Sunday, a monitor said.")
	b := SimHash("GOVERNMENT FORCES CAPTURED A CHAIN OF HILLS NORTH OF THE RIVER TOWN ON SUNDAY - A MONITOR SAID")
	fmt.Println(Distance(a, b), Near(a, b))
	fmt.Println(SimHash("Too short to fingerprint"))
	// Output:
	// 0 true
	// 0
}

func ExampleIndex() {
	x := NewIndex(DefaultThreshold)
	x.Add("afp-1", 0xF0F0_F0F0_F0F0_F0F0)
	id, dist, ok := x.Find(0xF0F0_F0F0_F0F0_F0F1) // one bit off
	fmt.Println(id, dist, ok)
	// Output: afp-1 1 true
}

func benchTexts() []string {
	rng := rand.New(rand.NewPCG(5, 6))
	words := strings.Fields("the army said rebels town hills fighters killed strike market residents fled border camps monitoring group road province truce aid agencies warned officials shelling civilians")
	var out []string
	for d := 0; d < 200; d++ {
		var b strings.Builder
		for w := 0; w < 400; w++ {
			b.WriteString(words[rng.IntN(len(words))])
			if w%15 == 14 {
				b.WriteString(". ")
			} else {
				b.WriteByte(' ')
			}
		}
		out = append(out, b.String())
	}
	return out
}

func BenchmarkSimHash(b *testing.B) {
	texts := benchTexts()
	n := 0
	for _, s := range texts {
		n += len(s)
	}
	b.SetBytes(int64(n))
	for b.Loop() {
		for _, s := range texts {
			SimHash(s)
		}
	}
}

func BenchmarkIndexFind(b *testing.B) {
	rng := rand.New(rand.NewPCG(9, 10))
	x := NewIndex(DefaultThreshold)
	for i := 0; i < 100_000; i++ {
		x.Add(fmt.Sprint(i), rng.Uint64()|1)
	}
	q := make([]uint64, 1024)
	for i := range q {
		q[i] = rng.Uint64() | 1
	}
	i := 0
	for b.Loop() {
		x.Find(q[i%len(q)])
		i++
	}
}
