package doc

import "testing"

func TestSpanToRawStopsAtDeletedRawBytes(t *testing.T) {
	// Raw "Smoke. (Photo: AFP)\nNext" cleaned to "Smoke.\n\nNext": the
	// credit is deleted, so "Smoke." must not map over it.
	var m OffsetMap
	m.Add(0, 0, 6, 6)  // "Smoke."
	m.Add(6, 19, 2, 1) // "\n\n" for "\n"
	m.Add(8, 20, 4, 4) // "Next"
	if got, want := m.SpanToRaw(Span{0, 6}), (Span{0, 6}); got != want {
		t.Errorf("SpanToRaw(Smoke.) = %v, want %v", got, want)
	}
	if got, want := m.SpanToRaw(Span{6, 8}), (Span{19, 20}); got != want {
		t.Errorf("SpanToRaw(break) = %v, want %v", got, want)
	}
	if got, want := m.SpanToRaw(Span{2, 10}), (Span{2, 22}); got != want {
		t.Errorf("SpanToRaw(across) = %v, want %v", got, want)
	}
}
