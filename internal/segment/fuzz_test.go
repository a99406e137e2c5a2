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
		"Strikes kill 9 Monitor AFP Tuesday 3 Oct 2017 at 0914 Nine died.",
		"Date of publication 26 October 2016 warplanes", "Oct 032017 05.02.2015 13-08-2013 A",
		"AFP", "Mon 1 Jan 2000", "told AFP Monday 3 May 2017 The",
	} {
		f.Add(s)
	}
	s := New()
	f.Fuzz(func(t *testing.T, text string) {
		checkSegments(t, text, s.Segment(text))
	})
}
