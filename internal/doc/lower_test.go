package doc

import (
	"strings"
	"testing"
)

func TestLowerKeepsOffsetsAndMatchesToLower(t *testing.T) {
	tests := []struct {
		name, text string
		exact      bool
	}{
		{"plain ASCII is lower-cased", "Syrian Warplanes struck HAMA.", true},
		{"lower-case ASCII is returned as it is", "rebels shelled the town", true},
		{"accented capitals keep their length", "MÉDECINS Sans Frontières in Ağrı, ÇANKIRI", true},
		{"the Kelvin sign lowers to a shorter k and is left as it is", "300 \u212A north", false},
		{"a dotted capital I lowers to a shorter i and is left as it is", "İzmir", false},
		{"invalid UTF-8 is left as it is", "bad \xff byte", false},
		{"empty text", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &Document{Text: tt.text}
			got, exact := d.Lower()
			if len(got) != len(tt.text) {
				t.Fatalf("got %d bytes, want %d", len(got), len(tt.text))
			}
			if exact != tt.exact {
				t.Errorf("got exact %v, want %v", exact, tt.exact)
			}
			if exact && got != strings.ToLower(tt.text) {
				t.Errorf("got %q, want %q", got, strings.ToLower(tt.text))
			}
		})
	}
}

func TestLowerFollowsTextChanges(t *testing.T) {
	d := &Document{Text: "Aleppo"}
	if got, _ := d.Lower(); got != "aleppo" {
		t.Fatalf("got %q, want aleppo", got)
	}
	d.Text = "IDLIB"
	if got, _ := d.Lower(); got != "idlib" {
		t.Errorf("after a new text got %q, want idlib", got)
	}
}

func TestTokensInReturnsTheTokensOfASpan(t *testing.T) {
	d := &Document{Text: "Rebels fled. Troops entered the town.", Tokens: []Token{
		{Span: Span{0, 6}}, {Span: Span{7, 11}}, {Span: Span{11, 12}, Kind: Punct},
		{Span: Span{13, 19}}, {Span: Span{20, 27}}, {Span: Span{28, 31}}, {Span: Span{32, 36}}, {Span: Span{36, 37}, Kind: Punct},
	}}
	var got []string
	for _, tk := range d.TokensIn(Span{13, 37}) {
		got = append(got, d.Slice(tk.Span))
	}
	if want := "Troops entered the town ."; strings.Join(got, " ") != want {
		t.Errorf("got %q, want %q", strings.Join(got, " "), want)
	}
	if n := len(d.TokensIn(Span{37, 37})); n != 0 {
		t.Errorf("an empty span at the end: got %d tokens, want 0", n)
	}
}
