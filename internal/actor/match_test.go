package actor

import "testing"

// TestIdOfAgreesWithTheVocab checks the filter before the vocab map never
// hides a word of the vocab, and finds no id for words outside it.
func TestIdOfAgreesWithTheVocab(t *testing.T) {
	s, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for w, id := range s.vocab {
		if got := s.idOf(w); got != id {
			t.Errorf("idOf(%q) = %d, want %d", w, got, id)
		}
	}
	for _, w := range []string{"", "x", "yesterday", "reportedly", "zzzq", "kilometres"} {
		if _, ok := s.vocab[w]; ok {
			continue
		}
		if got := s.idOf(w); got != 0 {
			t.Errorf("idOf(%q) = %d, want 0 for a word outside the vocab", w, got)
		}
	}
}

// TestPatternsStartOnlyAtMarkedWords checks markStarts marks the first
// words of the patterns ("the regime", "pro-X", "army-backed", "Syrian
// troops", "Syrias army", "Assad's forces") and not attack words, after
// which only the attacker's pattern is tried.
func TestPatternsStartOnlyAtMarkedWords(t *testing.T) {
	s, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"the", "pro", "army", "government", "militias", "syrian", "syria", "syrias", "iran", "assad"} {
		id := s.vocab[w]
		if id == 0 || int(id) >= len(s.starts) || !s.starts[id] {
			t.Errorf("starts[%q] is false, want true", w)
		}
	}
	for _, w := range []string{"air", "strikes", "said"} {
		if id := s.vocab[w]; id != 0 && int(id) < len(s.starts) && s.starts[id] {
			t.Errorf("starts[%q] is true, want false", w)
		}
	}
}
