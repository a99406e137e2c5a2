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
