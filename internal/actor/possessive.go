package actor

import (
	"strings"

	"github.com/sitrep-dev/sitrep/internal/doc"
)

// This file reads two things a force is called by that the dictionary
// cannot list: the possessive of a force word whose apostrophe a crawler
// stripped ("the Syrian armys offensive", "the regimes shelling"), and a
// bare "the coalition" that means the coalition the story named before.

// possessedWords follow a force's possessive and never a plural subject's
// verb: "the armys offensive", "the regimes siege", "the coalitions
// strikes". Attack nouns, attack modifiers and armed force nouns count
// too (see possessedAt). Words that are also verbs of a plural subject
// ("attack", "use", "push") are left out: "the two governments use" is
// no possessive.
var possessedWords = map[string]bool{
	"operation": true, "operations": true, "advance": true, "assault": true, "assaults": true,
	"campaign": true, "siege": true, "blockade": true, "control": true, "onslaught": true,
	"counteroffensive": true, "bombing": true, "bombings": true, "attacks": true, "positions": true,
	"position": true, "units": true, "unit": true, "lines": true, "defenses": true, "defences": true,
	"commander": true, "commanders": true, "leadership": true, "warplane": true, "jet": true,
	"tank": true, "barrel": true, "chemical": true, "recapture": true, "capture": true,
	"victory": true, "victories": true, "successes": true, "latest": true, "recent": true,
	"continued": true, "renewed": true, "ongoing": true, "own": true, "brutal": true, "crackdown": true,
	"bombardment": true, "division": true, "brigade": true, "checkpoint": true, "checkpoints": true,
	"base": true, "bases": true,
}

// addPossessives gives the vocab ids of possessive words: the last word
// of every dictionary alias and every force noun with an s added
// ("army" to "armys", "regime" to "regimes"), unless that is a word the
// matcher knows already ("militias", "forces", "rebels" are plurals and
// "Syrias" a country's possessive, see ownerAt).
func (s *Stage) addPossessives() {
	add := func(w string) {
		if len(w) < 3 || strings.HasSuffix(w, "s") {
			return
		}
		ws := w + "s"
		if _, known := s.vocab[ws]; known || forceNouns[ws] != "" || attackNouns[ws] {
			return
		}
		s.possessive = setAt(s.possessive, s.wordID(ws), true)
	}
	var words []string
	for _, e := range s.entries {
		for _, a := range append([]string{e.Name}, e.Aliases...) {
			if keys := keysOf(a); len(keys) > 0 {
				words = append(words, keys[len(keys)-1])
			}
		}
	}
	for w := range forceNouns {
		words = append(words, w)
	}
	for _, w := range words {
		add(w)
	}
}

// possessedAt reports whether keys[j] is a word a possessive stands
// before: an attack ("offensive", "shelling", "air strikes"), an armed
// force ("the regimes forces", "the armys artillery") or one of
// possessedWords.
func possessedAt(keys []string, j int) bool {
	if j >= len(keys) {
		return false
	}
	k := keys[j]
	if attackNouns[k] || attackModifiers[k] || possessedWords[k] {
		return true
	}
	switch forceNouns[k] {
	case "", Civilians, Protesters:
		return false
	}
	return true
}

// splitPossessives splits each stripped possessive of sc.toks before a
// possessed word into the word and an "s", as the tokenizer splits
// "army's": "the Syrian armys offensive" is then matched as "the Syrian
// army's offensive" is. It reports whether it split any.
func (s *Stage) splitPossessives(text string, sc *scratch) bool {
	n := 0
	for j, id := range sc.ids {
		if int(id) < len(s.possessive) && s.possessive[id] && possessedAt(sc.keys, j+1) {
			n++
		}
	}
	if n == 0 {
		return false
	}
	ts := sc.toks
	out := make([]tok, 0, len(ts)+n)
	for j, t := range ts {
		id := sc.ids[j]
		last := t.end - 1
		if int(id) < len(s.possessive) && s.possessive[id] && possessedAt(sc.keys, j+1) && (text[last] == 's' || text[last] == 'S') {
			out = append(out, tok{t.start, last, t.key[:len(t.key)-1]}, tok{last, t.end, "s"})
			continue
		}
		out = append(out, t)
	}
	sc.toks = out
	return true
}

// armedCoalition reports whether the dictionary mention m over keys
// [i:i+n] names a coalition that fights ("US-led coalition", "Saudi-led
// coalition forces", "the Arab coalition"), which a later bare "the
// coalition" refers back to; "coalition warplanes" names none itself,
// nor does a political one ("Syrian National Coalition").
func armedCoalition(m doc.ActorMention, keys []string, i, n int) bool {
	switch m.Type {
	case State, Foreign, Rebel, Militia:
	default:
		return false
	}
	for k := i + 1; k < i+n; k++ {
		if keys[k] == "coalition" {
			return true
		}
	}
	return false
}

// coalitionAt reports whether keys[i] is a bare "coalition" that refers
// back to the coalition the document named before: after "the" ("the
// coalition said"), or before a possessive s, an attack or an armed
// force ("coalition air strikes", "coalition's jets"). "a coalition of
// rebel groups" is a new one.
func coalitionAt(keys []string, i int) bool {
	if keys[i] != "coalition" {
		return false
	}
	if i > 0 && keys[i-1] == "the" {
		return true
	}
	if i+1 < len(keys) && keys[i+1] == "s" {
		return true
	}
	return possessedAt(keys, i+1) && (i == 0 || keys[i-1] != "a" && keys[i-1] != "an")
}
