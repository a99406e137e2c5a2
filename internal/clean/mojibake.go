package clean

import "unicode/utf8"

// cp1252High maps the code points that Windows-1252 gives to bytes
// 0x80–0x9F back to their byte. Bytes 0xA0–0xFF decode to the same code
// point in Latin-1 and Windows-1252, and the five bytes Windows-1252 leaves
// undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) come through as C1 controls,
// so both are handled arithmetically in mojibakeByte.
var cp1252High = map[rune]byte{
	'€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87,
	'ˆ': 0x88, '‰': 0x89, 'Š': 0x8A, '‹': 0x8B, 'Œ': 0x8C, 'Ž': 0x8E,
	'‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97,
	'˜': 0x98, '™': 0x99, 'š': 0x9A, '›': 0x9B, 'œ': 0x9C, 'ž': 0x9E, 'Ÿ': 0x9F,
}

// mojibakeByte returns the byte a Latin-1 or Windows-1252 decoder turned
// into r, and whether r can be such a character at all.
func mojibakeByte(r rune) (byte, bool) {
	if r <= 0xFF {
		return byte(r), r >= 0x80
	}
	if r < 0x152 {
		return 0, false
	}
	b, ok := cp1252High[r]
	return b, ok
}

// unit is one character of a suspicious run: the rune it stands for now and
// the raw bytes it came from. Repaired units cover several raw characters.
type unit struct {
	r          rune
	start, end int // raw byte range
	repaired   bool
}

// repairRun rewrites a run of characters that could all be mojibake.
//
// Example: "Assadâ€™s" holds the run "â€™", whose Windows-1252 bytes E2 80 99
// are the UTF-8 encoding of "’"; "Ã©" is C3 A9, "é". A unit is only repaired
// when its bytes form one valid multi-byte UTF-8 sequence, so legitimate text
// such as a Portuguese "Ã" followed by an ordinary letter stays as it is.
// Text encoded twice ("Ã¢â‚¬â„¢") comes out of the first pass as mojibake
// again ("â€™"); later passes repair only units the previous pass produced,
// so a correct "é" next to a repaired character is never re-read.
func repairRun(units []unit) []unit {
	for pass := 0; pass < 3; pass++ {
		out, changed := repairPass(units, pass > 0)
		if !changed {
			return units
		}
		units = out
	}
	return units
}

func repairPass(units []unit, onlyRepaired bool) ([]unit, bool) {
	var out []unit
	changed := false
	var buf [4]byte
	for i := 0; i < len(units); {
		n := seqLen(units, i, onlyRepaired, &buf)
		if n == 0 {
			if out != nil {
				out = append(out, units[i])
			}
			i++
			continue
		}
		r, _ := utf8.DecodeRune(buf[:n])
		if out == nil {
			out = make([]unit, i, len(units))
			copy(out, units[:i])
		}
		out = append(out, unit{r: r, start: units[i].start, end: units[i+n-1].end, repaired: true})
		changed = true
		i += n
	}
	if !changed {
		return units, false
	}
	return out, true
}

// seqLen reports how many units from i spell one valid multi-byte UTF-8
// sequence through their Windows-1252 bytes, or 0.
func seqLen(units []unit, i int, onlyRepaired bool, buf *[4]byte) int {
	u := units[i]
	if onlyRepaired && !u.repaired {
		return 0
	}
	lead, ok := mojibakeByte(u.r)
	if !ok {
		return 0
	}
	var n int
	switch {
	case lead >= 0xC2 && lead <= 0xDF:
		n = 2
	case lead >= 0xE0 && lead <= 0xEF:
		n = 3
	case lead >= 0xF0 && lead <= 0xF4:
		n = 4
	default:
		return 0
	}
	if i+n > len(units) {
		return 0
	}
	buf[0] = lead
	for k := 1; k < n; k++ {
		v := units[i+k]
		if onlyRepaired && !v.repaired {
			return 0
		}
		b, ok := mojibakeByte(v.r)
		if !ok || b < 0x80 || b > 0xBF {
			return 0
		}
		buf[k] = b
	}
	if !utf8.Valid(buf[:n]) {
		return 0
	}
	return n
}
