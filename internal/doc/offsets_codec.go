package doc

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// offsetMapVersion is the first byte of an encoded OffsetMap, so the format
// can change without misreading maps stored by an older sitrep.
const offsetMapVersion = 1

// MarshalBinary encodes the map compactly for storage: a version byte, the
// piece count, then per piece the text offset as a delta from the previous
// piece, the raw offset as a signed delta, and the two lengths, all varints.
// A lightly cleaned text therefore costs a handful of bytes.
func (m OffsetMap) MarshalBinary() ([]byte, error) {
	b := make([]byte, 0, 2+len(m.pieces)*8)
	b = append(b, offsetMapVersion)
	b = binary.AppendUvarint(b, uint64(len(m.pieces)))
	prevText, prevRaw := 0, 0
	for _, p := range m.pieces {
		if p.text < prevText || p.textLen < 0 || p.rawLen < 0 {
			return nil, fmt.Errorf("encode offset map: piece at %d out of order", p.text)
		}
		b = binary.AppendUvarint(b, uint64(p.text-prevText))
		b = binary.AppendVarint(b, int64(p.raw-prevRaw))
		b = binary.AppendUvarint(b, uint64(p.textLen))
		b = binary.AppendUvarint(b, uint64(p.rawLen))
		prevText, prevRaw = p.text, p.raw
	}
	return b, nil
}

var errBadOffsetMap = errors.New("malformed offset map")

// UnmarshalBinary decodes a map written by MarshalBinary. Empty input is
// the identity map.
func (m *OffsetMap) UnmarshalBinary(b []byte) error {
	m.pieces = nil
	if len(b) == 0 {
		return nil
	}
	if b[0] != offsetMapVersion {
		return fmt.Errorf("decode offset map: unknown version %d", b[0])
	}
	b = b[1:]
	n, k := binary.Uvarint(b)
	// Each piece takes at least four bytes, which bounds the allocation
	// a corrupt count could ask for.
	if k <= 0 || n > uint64(len(b)) {
		return fmt.Errorf("decode offset map: %w", errBadOffsetMap)
	}
	b = b[k:]
	pieces := make([]offsetPiece, 0, n)
	prevText, prevRaw := 0, 0
	for range n {
		var v [4]int64
		for j := range v {
			var k int
			if j == 1 {
				v[j], k = binary.Varint(b)
			} else {
				var u uint64
				u, k = binary.Uvarint(b)
				if u > 1<<40 {
					k = -1
				}
				v[j] = int64(u)
			}
			if k <= 0 {
				return fmt.Errorf("decode offset map: %w", errBadOffsetMap)
			}
			b = b[k:]
		}
		p := offsetPiece{
			text:    prevText + int(v[0]),
			raw:     prevRaw + int(v[1]),
			textLen: int(v[2]),
			rawLen:  int(v[3]),
		}
		if p.raw < 0 {
			return fmt.Errorf("decode offset map: %w", errBadOffsetMap)
		}
		pieces = append(pieces, p)
		prevText, prevRaw = p.text, p.raw
	}
	if len(b) != 0 {
		return fmt.Errorf("decode offset map: %d trailing bytes: %w", len(b), errBadOffsetMap)
	}
	m.pieces = pieces
	return nil
}
