package synth

import (
	"fmt"
	"testing"
)

func TestGenerateIsDeterministicForASeed(t *testing.T) {
	a, b := Generate(7, 20), Generate(7, 20)
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("article %d differs between two runs with the same seed", i)
		}
	}
	if c := Generate(8, 1); c[0].Text == a[0].Text {
		t.Errorf("different seeds gave the same text")
	}
}

func TestGeneratedArticlesHaveParagraphsAndMetadata(t *testing.T) {
	for _, a := range Generate(1, 50) {
		if a.ID == "" || a.Title == "" || a.Source == "" || a.Published.IsZero() {
			t.Fatalf("article lacks metadata: %+v", a)
		}
		if len(a.Text) < 200 {
			t.Errorf("article %s is only %d bytes", a.ID, len(a.Text))
		}
	}
}

func ExampleGenerate() {
	arts := Generate(42, 3)
	fmt.Println(len(arts), arts[0].ID)
	// Output: 3 synth-42-000000
}
