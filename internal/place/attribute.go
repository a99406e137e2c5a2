package place

import "strings"

// attributeWords, after a hyphen, make the place before them an attribute
// of an actor or a thing, not where anything is: "a US-led strike", "the
// Iran-backed militia", "a UN-brokered truce", "Russia-made jets". Like a
// demonym ("Syrian", "Saudi-led"), the place says whose, not where: an
// event is not in the United States because a US-led coalition struck.
// "X-based" is left a place: "a London-based monitor" is in London.
var attributeWords = map[string]bool{
	"led": true, "backed": true, "brokered": true, "sponsored": true, "supported": true,
	"funded": true, "financed": true, "armed": true, "trained": true, "allied": true,
	"aligned": true, "affiliated": true, "linked": true, "inspired": true, "controlled": true,
	"held": true, "occupied": true, "made": true, "built": true, "supplied": true,
}

// attributeAt reports whether the mention m is followed by a hyphen and
// an attribute word: "US-led", "U.S.-backed", "Iran-sponsored".
func (s *scan) attributeAt(m *mention) bool {
	rest := s.text[m.span.End:]
	switch {
	case strings.HasPrefix(rest, "-"):
		rest = rest[len("-"):]
	case strings.HasPrefix(rest, "‐"):
		rest = rest[len("‐"):]
	default:
		return false
	}
	n := 0
	for n < len(rest) && n <= len("affiliated") && ('a' <= rest[n] && rest[n] <= 'z' || 'A' <= rest[n] && rest[n] <= 'Z') {
		n++
	}
	if n == 0 || n > len("affiliated") || n < len(rest) && (rest[n] == '-' || alnum[rest[n]]) {
		return false // "US-Turkish-backed" is read part by part
	}
	return inLower(attributeWords, rest[:n])
}
