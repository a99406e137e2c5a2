package place

import (
	"strings"
	"testing"
)

func TestIsParticle(t *testing.T) {
	for _, p := range particles {
		for _, w := range []string{p, strings.ToUpper(p), strings.ToUpper(p[:1]) + p[1:]} {
			if !isParticle(w) {
				t.Errorf("isParticle(%q) = false, want true", w)
			}
		}
	}
	for _, w := range []string{"", "a", "the ", "them", "upon.", "alb", "\x00", "al\x00", "bi", "ibnu", "Über", "éL"} {
		if isParticle(w) {
			t.Errorf("isParticle(%q) = true, want false", w)
		}
	}
	// a non-ASCII word is lower-cased like any other: "ÉL" is no particle,
	// but the rule holds for what it lower-cases to
	if got, want := isParticle("DÉ"), lowerParticle("dé"); got != want {
		t.Errorf("isParticle(%q) = %v, want %v", "DÉ", got, want)
	}
}
