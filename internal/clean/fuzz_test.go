package clean

import (
	"testing"
)

// FuzzClean states the cleaner's invariant: no input can make it panic,
// Text is valid UTF-8 and every piece of Text maps inside Raw, copied
// pieces onto equal bytes.
func FuzzClean(f *testing.F) {
	for _, s := range []string{
		"", "\n\n\n", "Breadcrumb\nThe army advanced.\n3 min read",
		"Assadâ€™s forces\r\ncafÃ©\rÃ¢â‚¬â„¢", "[click to enlarge] | caption (Photo: AFP)",
		"a\x00b\xff\xfe\u00a0\u200bc", "Â Â\u00a0Â", "line one\nline one\nline one",
	} {
		f.Add(s)
	}
	c := New(Options{})
	f.Fuzz(func(t *testing.T, raw string) {
		r := c.Clean(raw)
		checkResult(t, raw, r)
		m := r.OffsetMap()
		for _, p := range r.Pieces {
			if s := m.SpanToRaw(p.Text); !s.Valid(len(raw)) {
				t.Fatalf("span %v maps outside raw: %v", p.Text, s)
			}
		}
	})
}
