package gazetteer

import (
	"slices"
	"testing"
)

func TestFold(t *testing.T) {
	cases := []struct {
		name string
		in   string
		want []string
	}{
		{"French and English spellings of one town meet", "Khan Sheikhoun", []string{"kan", "shaykun"}},
		{"the GeoNames spelling meets them", "Khān Shaykhūn", []string{"kan", "shaykun"}},
		{"a spelling without the h meets them", "Khan Sheikoun", []string{"kan", "shaykun"}},
		{"a French spelling with ch meets them", "Khane Cheikhoun", []string{"kani", "shaykun"}},
		{"e and i meet", "Idleb", []string{"idlib"}},
		{"doubled y and ai meet", "Tayyibat al Imam", []string{"taybat", "al", "imam"}},
		{"a hyphenated article splits off", "Taibat al-Imam", []string{"taybat", "al", "imam"}},
		{"ash- becomes al", "Jisr ash-Shughur", []string{"jisr", "al", "shukur"}},
		{"a final h after a vowel goes", "Hamah", []string{"hama"}},
		{"q and doubled letters fold", "Ar Raqqah", []string{"al", "raka"}},
		{"an apostrophe vanishes", "Dar'a", []string{"dara"}},
		{"dotted abbreviations stay one word", "U.S.", []string{"us"}},
		{"dots of a two-letter abbreviation", "B.C.", []string{"bc"}},
		{"a lone article word is kept", "Al", []string{"al"}},
		{"diacritics go", "Ḩalfāyā", []string{"halfaya"}},
		{"special letters map", "Øresund", []string{"urisund"}},
		{"empty input gives no keys", "", []string{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Fold(c.in)
			if !slices.Equal(got, c.want) {
				t.Errorf("Fold(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}
