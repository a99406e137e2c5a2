package dedup

import (
	"strings"
	"testing"
	"unicode"
)

// FuzzSimHash states the fingerprint's invariant: no input can make it
// panic, and a text has fingerprint 0 exactly when it has fewer than
// MinWords words.
func FuzzSimHash(f *testing.F) {
	for _, s := range []string{
		"", "one two three four five six seven", "one two three four five six seven eight",
		"Assad’s forces' 'quoted' words, and 1,000 more: here.", "\xff\xfe words \u00a0 بعد ذلك",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fields := strings.FieldsFunc(s, func(r rune) bool {
			return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '’')
		})
		words := 0
		for _, w := range fields {
			if strings.IndexFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
				words++
			}
		}
		if fp := SimHash(s); (fp == 0) != (words < MinWords) {
			t.Fatalf("SimHash = %x for %d words", fp, words)
		}
	})
}
