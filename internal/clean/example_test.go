package clean_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/sitrep-dev/sitrep/internal/clean"
	"github.com/sitrep-dev/sitrep/internal/doc"
)

func ExampleCleaner_Process() {
	d := &doc.Document{Raw: "Breadcrumb\nTroops near the river town\n3 min read\n" +
		"Assadâ€™s forces   took two hills on Sunday.\n[click to enlarge] |\nFollow us on Twitter: @desk\n"}
	if err := clean.New(clean.Options{}).Process(context.Background(), d); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%q\n", d.Text)
	// The repaired apostrophe maps back onto its three mojibake characters.
	i := strings.Index(d.Text, "’")
	s := d.RawOffsets.SpanToRaw(doc.Span{Start: i, End: i + len("’")})
	fmt.Printf("%q -> %q\n", d.Text[i:i+len("’")], d.Raw[s.Start:s.End])
	// Output:
	// "Troops near the river town\n\nAssad’s forces took two hills on Sunday."
	// "’" -> "â€™"
}

func ExampleCleaner_Clean() {
	r := clean.New(clean.Options{}).Clean("Read more: Another story\nThe town fell on Monday.\nAdvertisement")
	fmt.Printf("%q\n", r.Text)
	for _, d := range r.Dropped {
		fmt.Println(d.Rule)
	}
	// Output:
	// "The town fell on Monday."
	// read-more
	// advertisement
}
