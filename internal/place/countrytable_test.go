package place

import "testing"

func TestCountryTableAnswersLikeAMap(t *testing.T) {
	var tab countryTable[int]
	want := map[string]int{}
	for i, c := range []string{"SY", "US", "", "XKX", "sy", "SY", "ZZ", "AA", "US"} {
		tab.set(c, tab.get(c)+i)
		want[c] += i
	}
	for _, c := range []string{"SY", "US", "", "XKX", "sy", "ZZ", "AA", "IQ", "S"} {
		if got := tab.get(c); got != want[c] {
			t.Errorf("get(%q) = %d, want %d", c, got, want[c])
		}
	}
	if len(tab.m) != len(want) {
		t.Errorf("%d codes kept, want %d", len(tab.m), len(want))
	}
	tab.reset()
	for c := range want {
		if got := tab.get(c); got != 0 {
			t.Errorf("after reset, get(%q) = %d, want 0", c, got)
		}
	}
}
