package doc

import "sort"

// OffsetMap maps byte offsets in a document's cleaned Text back to its Raw
// text. Cleaning deletes furniture and repairs characters, so the map is a
// sorted list of pieces: a piece of Text that was copied from Raw shifts by a
// constant; a piece that replaced raw bytes (a repaired "Ã©" becoming "é")
// maps onto the whole raw range it replaced.
//
// The zero value is the identity map, for text that cleaning left alone.
type OffsetMap struct {
	pieces []offsetPiece
}

type offsetPiece struct {
	text, raw       int // start offsets
	textLen, rawLen int
}

// Add appends the piece Text[textStart:textStart+textLen] that came from
// Raw[rawStart:rawStart+rawLen]. Pieces must be added in Text order.
func (m *OffsetMap) Add(textStart, rawStart, textLen, rawLen int) {
	if n := len(m.pieces); n > 0 {
		last := &m.pieces[n-1]
		// Merge contiguous identity pieces so a lightly cleaned text keeps a
		// map of a few entries, not one per character.
		if last.textLen == last.rawLen && textLen == rawLen &&
			last.text+last.textLen == textStart && last.raw+last.rawLen == rawStart {
			last.textLen += textLen
			last.rawLen += rawLen
			return
		}
	}
	m.pieces = append(m.pieces, offsetPiece{textStart, rawStart, textLen, rawLen})
}

// Len is the number of pieces in the map.
func (m OffsetMap) Len() int { return len(m.pieces) }

// ToRaw maps an offset in Text to the corresponding offset in Raw. An offset
// inside a replaced piece maps to that piece's raw start; an offset between
// pieces (text inserted by cleaning, such as a paragraph break) maps to the
// end of the preceding piece.
func (m OffsetMap) ToRaw(off int) int {
	if len(m.pieces) == 0 {
		return off
	}
	i := sort.Search(len(m.pieces), func(i int) bool { return m.pieces[i].text > off }) - 1
	if i < 0 {
		return m.pieces[0].raw
	}
	p := m.pieces[i]
	switch {
	case off >= p.text+p.textLen:
		return p.raw + p.rawLen
	case p.textLen == p.rawLen:
		return p.raw + (off - p.text)
	default:
		return p.raw
	}
}

// SpanToRaw maps a span of Text to the span of Raw it came from.
func (m OffsetMap) SpanToRaw(s Span) Span {
	start := m.ToRaw(s.Start)
	end := m.ToRaw(s.End)
	if s.End > s.Start {
		// The end of a span is exclusive: map its last byte and step past it,
		// so a span ending on a replaced piece covers the whole raw piece.
		last := s.End - 1
		i := sort.Search(len(m.pieces), func(i int) bool { return m.pieces[i].text > last }) - 1
		if i >= 0 {
			p := m.pieces[i]
			switch {
			case last >= p.text+p.textLen:
			case p.textLen != p.rawLen:
				end = p.raw + p.rawLen
			default:
				// An identity piece ends where its last byte does, not where
				// the next piece starts: cleaning may have deleted raw bytes
				// (a photo credit, a control character) in between.
				end = p.raw + (last - p.text) + 1
			}
		}
	}
	if end < start {
		end = start
	}
	return Span{start, end}
}
