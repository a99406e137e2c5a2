package doc

import (
	"bytes"
	"testing"
)

func TestOffsetMapBinaryRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		add  [][4]int
	}{
		{"an identity map encodes to almost nothing", nil},
		{"a single shifted piece survives", [][4]int{{0, 12, 40, 40}}},
		{"a repaired character maps onto its wider raw range", [][4]int{{0, 0, 10, 10}, {10, 10, 2, 4}, {12, 14, 30, 30}}},
		{"a piece whose raw offset goes backwards survives", [][4]int{{0, 100, 5, 5}, {6, 3, 5, 5}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var m OffsetMap
			for _, p := range tt.add {
				m.Add(p[0], p[1], p[2], p[3])
			}
			b, err := m.MarshalBinary()
			if err != nil {
				t.Fatal(err)
			}
			var got OffsetMap
			if err := got.UnmarshalBinary(b); err != nil {
				t.Fatal(err)
			}
			if got.Len() != m.Len() {
				t.Fatalf("got %d pieces, want %d", got.Len(), m.Len())
			}
			for off := 0; off < 60; off++ {
				if g, w := got.ToRaw(off), m.ToRaw(off); g != w {
					t.Errorf("ToRaw(%d) = %d, want %d", off, g, w)
				}
			}
			b2, _ := got.MarshalBinary()
			if !bytes.Equal(b, b2) {
				t.Errorf("re-encoding differs: %x vs %x", b2, b)
			}
		})
	}
}

func TestOffsetMapUnmarshalRejectsGarbage(t *testing.T) {
	for _, b := range [][]byte{{2}, {1, 5}, {1, 1, 0, 0, 1}, {1, 0, 9}} {
		var m OffsetMap
		if err := m.UnmarshalBinary(b); err == nil {
			t.Errorf("UnmarshalBinary(%x) = nil error, want one", b)
		}
	}
}

func FuzzOffsetMapUnmarshal(f *testing.F) {
	var m OffsetMap
	m.Add(0, 3, 10, 10)
	m.Add(10, 13, 1, 2)
	b, _ := m.MarshalBinary()
	f.Add(b)
	f.Add([]byte{})
	// Invariant: no input panics, and whatever decodes re-encodes.
	f.Fuzz(func(t *testing.T, b []byte) {
		var m OffsetMap
		if err := m.UnmarshalBinary(b); err != nil {
			return
		}
		if _, err := m.MarshalBinary(); err != nil {
			t.Fatalf("decoded map does not re-encode: %v", err)
		}
		m.ToRaw(5)
	})
}
