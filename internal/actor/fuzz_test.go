package actor

import (
	"errors"
	"strings"
	"testing"
)

// FuzzParseEntries checks that any dictionary text either parses into
// entries with a key, a name and a known type, or fails with a DataError
// naming the file and a line that exists; backers, when parsed, are ISO
// alpha-2 codes. Seeds: testdata/fuzz/FuzzParseEntries.
func FuzzParseEntries(f *testing.F) {
	f.Add("# a comment\nkey-a\tGroup A\trebel\tSY\tGroup A|GA\n")
	f.Add("key-b\tCity Police\tpolice\t-\tcity police| \n\nkey-b\tAgain\tpolice\t-\tx\n")
	f.Add("key-c\tAuxiliaries\tmilitia\tSY\taux\tSY|CF\nkey-d\tOthers\tmilitia\t-\tothers\tsy\n")
	f.Fuzz(func(t *testing.T, src string) {
		entries, err := ParseEntries("extra.tsv", src)
		if err != nil {
			var de *DataError
			if !errors.As(err, &de) {
				t.Fatalf("error %v is not a DataError", err)
			}
			if de.File != "extra.tsv" || de.Line < 1 || de.Line > strings.Count(src, "\n")+1 {
				t.Fatalf("error %v names file %q line %d of a %d-line text", err, de.File, de.Line, strings.Count(src, "\n")+1)
			}
			return
		}
		for _, e := range entries {
			if e.Key == "" || !validTypes[e.Type] {
				t.Fatalf("parsed entry %+v has no key or an unknown type", e)
			}
			for _, b := range e.Backers {
				if len(b) != 2 || strings.ToUpper(b) != b {
					t.Fatalf("parsed entry %+v has a backer that is not an ISO code", e)
				}
			}
		}
	})
}

// FuzzFind checks that no text can panic the matcher and that every
// mention is a span inside the text, start before end, in order and
// without overlap. Seeds: testdata/fuzz/FuzzFind.
func FuzzFind(f *testing.F) {
	f.Add("Syrias army and Bashar al-Assads forces shelled the town while Russian and regime airstrikes hit Idlib")
	f.Add("Syria's army, pro-Assad forces and the regime; Kurdish YPG militia near Turkey s")
	f.Add("Assads Syrias Russias s s and and Syrian and")
	f.Add("The US-led coalition said the coalitions air strikes and the Syrian armys offensive and the regimes siege. coalition")
	s, err := New()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		prev := 0
		for _, m := range s.Find(text) {
			if m.Start < prev || m.Start >= m.End || m.End > len(text) {
				t.Fatalf("mention %q at [%d,%d) after %d in a text of %d bytes", m.Name, m.Start, m.End, prev, len(text))
			}
			prev = m.End
		}
	})
}
