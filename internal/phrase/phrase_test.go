package phrase

import (
	"fmt"
	"strings"
	"testing"
)

func TestScanPrefersLongestMatch(t *testing.T) {
	d := New()
	d.Add([]string{"khan"}, 1)
	d.Add([]string{"khan", "sheikhoun"}, 2)
	d.Add([]string{"idlib"}, 3)
	d.Add([]string{"idlib", "province"}, 4)
	keys := strings.Fields("fighting near khan sheikhoun in idlib province and khan")
	var got []string
	d.Scan(keys, func(m Match) {
		got = append(got, fmt.Sprintf("%s=%v", strings.Join(keys[m.Start:m.End], " "), m.Values))
	})
	want := "khan sheikhoun=[2] idlib province=[4] khan=[1]"
	if strings.Join(got, " ") != want {
		t.Errorf("got %q, want %q", strings.Join(got, " "), want)
	}
}

func TestAddIsIdempotentAndKeepsValues(t *testing.T) {
	d := New()
	d.Add([]string{"hama"}, 7)
	d.Add([]string{"hama"}, 7)
	d.Add([]string{"hama"}, 8)
	m, ok := d.LongestAt([]string{"hama"}, 0)
	if !ok || fmt.Sprint(m.Values) != "[7 8]" {
		t.Errorf("got %v %v, want [7 8]", m.Values, ok)
	}
}

func TestAllAtListsEveryPrefixPhrase(t *testing.T) {
	d := New()
	d.Add([]string{"al"}, 1)
	d.Add([]string{"al", "nimr"}, 2)
	var n []int
	d.AllAt([]string{"al", "nimr", "checkpoint"}, 0, func(m Match) { n = append(n, m.End) })
	if fmt.Sprint(n) != "[1 2]" {
		t.Errorf("got ends %v, want [1 2]", n)
	}
}

func ExampleDict_Scan() {
	d := New()
	d.Add([]string{"free", "syrian", "army"}, 1)
	d.Add([]string{"syrian", "army"}, 2)
	keys := strings.Fields("the free syrian army fought the syrian army")
	d.Scan(keys, func(m Match) {
		fmt.Println(strings.Join(keys[m.Start:m.End], " "), m.Values)
	})
	// Output:
	// free syrian army [1]
	// syrian army [2]
}

func BenchmarkScan(b *testing.B) {
	d := New()
	for i := 0; i < 200000; i++ {
		d.Add([]string{fmt.Sprintf("w%d", i%5000), fmt.Sprintf("x%d", i)}, int32(i))
	}
	text := strings.Repeat("w12 x12 and then w77 x5077 to the north of w3 ", 2000)
	keys := strings.Fields(text)
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d.Scan(keys, func(Match) {})
	}
}

func TestIDTrieFindsTheLongestPhraseByWordID(t *testing.T) {
	vc := Vocab{}
	tr := NewIDTrie()
	tr.Add(vc, []string{"free", "syrian", "army"}, 1)
	tr.Add(vc, []string{"syrian", "army"}, 2)
	tr.Add(vc, []string{"syrian", "army"}, 2)
	var ids []int32
	for _, w := range strings.Fields("the free syrian army and the syrian army") {
		ids = append(ids, vc[w]) // 0 for words no phrase has
	}
	end, vals, ok := tr.LongestAt(ids, 1)
	if !ok || end != 4 || fmt.Sprint(vals) != "[1]" {
		t.Errorf("at 1: end %d values %v ok %v, want 4 [1] true", end, vals, ok)
	}
	if end, vals, ok := tr.LongestAt(ids, 6); !ok || end != 8 || fmt.Sprint(vals) != "[2]" {
		t.Errorf("at 6: end %d values %v ok %v, want 8 [2] true", end, vals, ok)
	}
	if _, _, ok := tr.LongestAt(ids, 0); ok {
		t.Errorf("a word no phrase has matched")
	}
}
