package dedup

import (
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep/internal/doc"
)

func docWithParagraphs(paras ...string) *doc.Document {
	d := &doc.Document{Text: strings.Join(paras, "\n\n")}
	off := 0
	for _, p := range paras {
		d.Paragraphs = append(d.Paragraphs, doc.Span{Start: off, End: off + len(p)})
		off += len(p) + 2
	}
	return d
}

func TestAnchorsAreSharedByCopiesAndNotByOtherStories(t *testing.T) {
	body := "Shells struck the cattle market on the western edge of the town early on Friday, residents said by telephone."
	orig := docWithParagraphs("Market shelled", body, "Short line.")
	copied := docWithParagraphs("WORLD NEWS: Town market hit by shells", strings.ReplaceAll(body, ",", " —"), "Follow us for more.")
	other := docWithParagraphs("Talks resume", "Negotiators from both sides met again in the capital on Friday to discuss the exchange of prisoners, officials said.")

	a, b, c := Anchors(orig), Anchors(copied), Anchors(other)
	if len(a) != 1 {
		t.Fatalf("got %d anchors, want 1: headlines and short lines are not anchors", len(a))
	}
	if len(b) != 1 || a[0] != b[0] {
		t.Errorf("copy anchors %v, want the original's %v: punctuation must not matter", b, a)
	}
	if len(c) != 1 || c[0] == a[0] {
		t.Errorf("another story shares an anchor: %v vs %v", c, a)
	}
}

func TestAnchorsKeepTheLongestParagraphsUpToTheCap(t *testing.T) {
	var paras []string
	for i := 0; i < MaxAnchors+5; i++ {
		paras = append(paras, strings.Repeat("word ", MinAnchorWords+i)+string(rune('a'+i)))
	}
	if got := len(Anchors(docWithParagraphs(paras...))); got != MaxAnchors {
		t.Errorf("got %d anchors, want the cap %d", got, MaxAnchors)
	}
}
