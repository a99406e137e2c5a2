package segment

import "testing"

// FuzzSegment states the segmenter's invariant: no input can make it
// panic; tokens, sentences and paragraphs are sorted, non-overlapping,
// inside the text with start <= end; and sentences cover every non-space
// character.
func FuzzSegment(f *testing.F) {
	for _, s := range []string{
		"", " ", "\n\n", "The army advanced. The rebels withdrew.",
		"Gen. Haddad met the U.S. envoy at 6 a.m. on Aug. 5.",
		"\"Why?\" he asked... “No.” (Later.)", "124,000 3.5 1,00 al-Assad’s don't",
		"a\r\nb\rc\n \nd", "\xff\xfe.…?! '’s", "etc. U.S. The",
	} {
		f.Add(s)
	}
	s := New()
	f.Fuzz(func(t *testing.T, text string) {
		checkSegments(t, text, s.Segment(text))
	})
}
