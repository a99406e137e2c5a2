package place

import (
	"slices"
	"strings"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/place/gazetteer"
)

// Possessives whose apostrophe was stripped. Some crawlers and data sets
// normalise text by dropping apostrophes: "Syria's Raqqa" reaches us as
// "Syrias Raqqa", "Aleppo's eastern districts" as "Aleppos eastern
// districts". Such a word names no place, so recognition reads it as the
// possessive of its base when all of these hold:
//
//   - the word with its s names nothing (Homs, Paris, Tunis, Athens and
//     Golan Heights are names and are read as such: recognition tries the
//     word as written first and reads a possessive only where that finds
//     no name over it);
//   - it ends a capitalised word and a word follows that a possessive is
//     followed by: a noun, an adjective, a number or a name ("Syrias
//     Raqqa", "Idlibs countryside"), not a verb, a preposition or a
//     conjunction ("the two Koreas are", "Koreas and");
//   - its base is a country, a first-level division or a place well
//     known enough to stand alone, or the document names it elsewhere
//     as a place, without the s ("Jayruds clinic" in a story that says
//     "in Jayrud"): a plural ("Syrians", "Kurds", "the Chinooks flew")
//     has a demonym, no place or a namesake as its base;
//   - a base only folded like a place's name is named on its own too
//     ("Jamous pointed out" is no possessive of Jammu);
//   - its base is not a person's name ("Kerrys meeting" after John
//     Kerry; see the rules).
//
// The mention's span is the base ("Syria" of "Syrias"), as for "Syria's".

// possessiveKey returns the first key in [i, limit) that may be a
// possessive with its apostrophe stripped (see above), or -1.
func (s *scan) possessiveKey(i, limit int) int {
	// the starts of one run of capitalised words ask about the same
	// keys: the last answer says what [possFrom, possTo) holds
	if c := &s.possCache; c.ok && i >= c.from {
		switch {
		case c.j >= i && c.j < limit:
			return c.j
		case c.j >= limit || c.j < 0 && limit <= c.to:
			return -1 // none before c.j, or none at all up to c.to
		}
	}
	j := s.findPossessiveKey(i, limit)
	s.possCache = possCache{from: i, to: limit, j: j, ok: true}
	return j
}

// possCache keeps possessiveKey's last answer: the first possessive key
// at or after from and before to, or -1.
type possCache struct {
	from, to, j int
	ok          bool
}

func (s *scan) findPossessiveKey(i, limit int) int {
	for j := i; j < limit; j++ {
		sp := s.keySpan[j]
		if sp.End-sp.Start < 4 || s.text[sp.End-1] != 's' || !s.keyCap[j] {
			continue
		}
		if c := s.text[sp.End-2]; c < 'a' || c > 'z' || c == 's' {
			continue // "Ross", "Mass", "DEIR EZ-ZORS"
		}
		t := s.keyTok[j]
		if sp.End != s.toks[t].End || j+1 < len(s.keys) && s.keyTok[j+1] == t {
			continue // not the end of its word
		}
		if s.possessee(t + 1) {
			return j
		}
	}
	return -1
}

// possessee reports whether token t may follow a possessive: a word or a
// number on the same line that is not a function word or a verb.
func (s *scan) possessee(t int) bool {
	if t >= len(s.toks) || s.toks[t].Kind != doc.Word || !s.sameLine(t-1, t) {
		return false
	}
	w := s.word(t)
	if w == "" || !alnum[w[0]] {
		return false
	}
	if len(w) > len("through") {
		return true // longer than any word that cannot follow
	}
	if 'a' <= w[0] && w[0] <= 'z' {
		return !notPossessees[w]
	}
	return !notPossessees[s.lowerWord(t)]
}

// notPossessees never follow a possessive: "the two Koreas are", "the
// Carolinas and Virginia".
var notPossessees = map[string]bool{
	"and": true, "or": true, "but": true, "nor": true, "than": true, "as": true, "if": true,
	"is": true, "are": true, "was": true, "were": true, "be": true, "been": true, "being": true,
	"have": true, "has": true, "had": true, "will": true, "would": true, "can": true, "could": true,
	"shall": true, "should": true, "may": true, "might": true, "must": true, "do": true, "does": true,
	"did": true, "said": true, "say": true, "says": true, "told": true, "not": true,
	"in": true, "on": true, "at": true, "of": true, "to": true, "from": true, "for": true,
	"with": true, "by": true, "into": true, "onto": true, "about": true, "after": true,
	"before": true, "since": true, "until": true, "against": true, "between": true,
	"over": true, "under": true, "through": true, "across": true, "near": true, "like": true,
	"that": true, "which": true, "who": true, "whom": true, "whose": true, "when": true,
	"where": true, "while": true, "the": true, "a": true, "an": true, "this": true, "these": true,
	"those": true, "it": true, "its": true, "they": true, "their": true, "them": true, "he": true,
	"she": true, "his": true, "her": true, "we": true, "our": true, "you": true, "also": true,
}

// matchPossessive tries key j, found by possessiveKey, as the possessive
// of its base: it appends the candidates of the name from key i to the
// base to s.cands and returns the end of the name (j+1), or -1 with
// s.cands as it was. On success key j is the base's fold and its span
// the base's.
func (s *scan) matchPossessive(i, j int) int {
	n := len(s.cands)
	sp := s.keySpan[j]
	old := s.keys[j]
	s.keys[j] = s.foldPlain(s.text[sp.Start : sp.End-1])
	end := -1
	if i == j {
		var ok bool
		if s.cands, ok = s.appendWordCands(s.cands, s.keys[j:j+1]); ok {
			end = j + 1
		}
	} else {
		s.cands, end = s.g.AppendLongest(s.cands, s.keys[:j+1], i, func(e int) bool { return e == j+1 })
	}
	if end != j+1 {
		s.keys[j] = old
		s.cands = s.cands[:n]
		return -1
	}
	s.keySpan[j].End--
	return end
}

// possessiveOfNoPlace reports whether mention m, read as a possessive,
// has a base that is no country, division or well-known place and that
// the document never names on its own as a place, after "in", "near",
// "the town of" or before "province": "Syrians" is not Syria's, nor
// "Forces" the possessive of a village called Force, nor "the Chinooks
// flew" of Chinook, Washington, after "four Chinook helicopters".
func (s *scan) possessiveOfNoPlace(k int) bool {
	m := &s.mentions[k]
	if !m.possessive {
		return false
	}
	// "Jamous pointed out": a base only folded like a place's name
	// (Jammu) must be named on its own too
	surface := s.surface(m)
	if (s.bigArea(m) || s.anyStrong(m)) &&
		slices.ContainsFunc(m.cands, func(c gazetteer.Candidate) bool { return s.spelledAs(s.g.Entry(c.Entry), surface) }) {
		return false
	}
	keys := s.keysOf(m)
	key := strings.Join(keys, " ")
	if named, ok := s.namedAlone[key]; ok {
		return !named
	}
	named := false
	for o := range s.mentions {
		if n := &s.mentions[o]; o != k && !n.possessive && (n.cue || n.hint != "") && n.k1-n.k0 == len(keys) && equalKeys(s.keysOf(n), keys) {
			named = true
			break
		}
	}
	s.namedAlone[key] = named
	return !named
}

func equalKeys(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// personsPossessive reports whether mention m, one word ending in s, is
// the possessive of a person's name: "Assads forces" names a village in
// Morocco, but the document calls Assad a person ("President Assad") or
// writes "Assad" where no place is ("the Assad government", "Bashar
// al-Assad").
func (s *scan) personsPossessive(k int) bool {
	base, ok := s.possessiveBase(&s.mentions[k])
	if !ok {
		return false
	}
	if len(s.persons) > 0 && s.persons[gazetteer.FoldWord(base)] {
		return true
	}
	if !s.unplacedDone {
		s.findUnplaced()
	}
	return s.unplaced[base]
}

// possessiveBase returns the word of mention m without its final s, when
// m is a small place's name of one word that may be another name's
// possessive.
func (s *scan) possessiveBase(m *mention) (string, bool) {
	if m.first != m.last || m.partial || m.demonym || m.possessive {
		return "", false
	}
	w := s.word(m.first)
	if len(w) < 4 || w[len(w)-1] != 's' || w[len(w)-2] < 'a' || w[len(w)-2] > 'z' || w[len(w)-2] == 's' {
		return "", false
	}
	if s.bigArea(m) || s.anyStrong(m) {
		return "", false
	}
	return w[:len(w)-1], true
}

// findUnplaced fills s.unplaced for the bases of every mention that may
// be a possessive (see possessiveBase): whether the text writes the base,
// or a hyphenated word ending in it, where no place is. One pass over the
// tokens answers for all of them.
func (s *scan) findUnplaced() {
	s.unplacedDone = true
	var firsts, lasts uint32 // the bases' first and last letters
	var lens uint64          // and lengths
	for k := range s.mentions {
		m := &s.mentions[k]
		if m.drop {
			continue
		}
		if base, ok := s.possessiveBase(m); ok && base[0] >= 'A' && base[0] <= 'Z' && len(base) < 64 {
			s.unplaced[base] = false
			firsts |= 1 << (base[0] - 'A')
			lasts |= 1 << (base[len(base)-1] & 31)
			lens |= 1 << len(base)
		}
	}
	if len(s.unplaced) == 0 {
		return
	}
	for t, tok := range s.toks {
		if tok.Kind != doc.Word {
			continue
		}
		v := s.text[tok.Start:tok.End]
		if v == "" || lasts&(1<<(v[len(v)-1]&31)) == 0 {
			continue // most words
		}
		if i := strings.LastIndexByte(v, '-'); i >= 0 {
			v = v[i+1:] // "al-Assad" is written Assad
		}
		if v == "" || v[0] < 'A' || v[0] > 'Z' || firsts&(1<<(v[0]-'A')) == 0 || len(v) >= 64 || lens&(1<<len(v)) == 0 {
			continue
		}
		if seen, ok := s.unplaced[v]; ok && !seen {
			if o := s.mentionOf(t); o == nil || o.drop {
				s.unplaced[v] = true
			}
		}
	}
}

// foldPlain is gazetteer.FoldWord(w), kept from document to document in a
// direct-mapped cache: the same words ending in s come back ("Forces",
// "Nations", "Syrias").
func (s *scan) foldPlain(w string) string {
	if s.plainFolds == nil {
		s.plainFolds = new([lowerSlots]foldSlot)
	}
	h := fnv1a(w)
	slot := &s.plainFolds[h%lowerSlots]
	if slot.word != w || slot.word == "" {
		both := w + gazetteer.FoldWord(w)
		slot.word, slot.key = both[:len(w)], both[len(w):]
	}
	return slot.key
}
