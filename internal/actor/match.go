package actor

import (
	"strings"

	"github.com/sitrep-dev/sitrep/internal/doc"
)

// forceNouns turn a nationality into an actor: "Syrian warplanes" is the
// Syrian military, "Afghan police" the Afghan police.
var forceNouns = map[string]string{
	"army": State, "armies": State, "troops": State, "soldiers": State, "soldier": State, "forces": State,
	"military": State, "warplanes": State, "jets": State, "aircraft": State, "planes": State,
	"drones": State, "drone": State, "helicopters": State, "helicopter": State, "navy": State,
	"artillery": State, "tanks": State, "warships": State, "gunboats": State, "marines": State,
	"commandos": State, "servicemen": State, "paratroopers": State, "battalion": State, "brigade": State,
	"police": Police, "policemen": Police, "gendarmes": Police, "gendarmerie": Police, "guards": Police,
	"militia": Militia, "militias": Militia, "militiamen": Militia, "paramilitaries": Militia,
	"rebels": Rebel, "militants": Rebel, "insurgents": Rebel, "separatists": Rebel, "guerrillas": Rebel,
	"jihadists": Rebel, "fighters": Rebel, "gunmen": Unknown,
	"protesters": Protesters, "demonstrators": Protesters, "activists": Protesters,
	"civilians": Civilians, "villagers": Civilians, "nationals": Civilians, "citizens": Civilians,
}

// find appends to out the dictionary aliases and patterns matched in the
// words sc.toks, leftmost-longest; at equal length the dictionary wins.
func (s *Stage) find(out []doc.ActorMention, text string, sc *scratch) []doc.ActorMention {
	ts := sc.toks
	if len(ts) == 0 {
		return out
	}
	keys, ids := sc.keys[:0], sc.ids[:0]
	for _, t := range ts {
		keys = append(keys, t.key)
		ids = append(ids, s.vocab[t.key])
	}
	sc.keys, sc.ids = keys, ids
	for i := 0; i < len(ts); {
		m, ok := s.dictAt(text, ts, ids, i)
		p, pok := s.patternAt(text, ts, keys, ids, i)
		switch {
		case pok && (!ok || p.n > m.n):
			out = append(out, p.mention)
			i += p.n
		case ok:
			// "HTS fighters", "AMISOM troops": a force noun after a named
			// actor belongs to its mention.
			if j := i + m.n; j < len(ts) && !strings.HasPrefix(m.mention.Key, "gen.") {
				if _, force := forceNouns[keys[j]]; force {
					m.mention.End = ts[j].end
					m.n++
				}
			}
			out = append(out, m.mention)
			i += m.n
		default:
			i++
		}
	}
	return out
}

type hit struct {
	mention doc.ActorMention
	n       int // tokens
}

// dictAt returns the longest dictionary alias at ts[i] whose case
// constraint holds.
func (s *Stage) dictAt(text string, ts []tok, ids []int32, i int) (hit, bool) {
	var best hit
	found := false
	node := int32(0)
	for j := i; j < len(ids); j++ {
		if node = s.dict.Child(node, ids[j]); node == 0 {
			break
		}
		vals := s.dict.Values(node)
		if len(vals) == 0 {
			continue
		}
		span := doc.Span{Start: ts[i].start, End: ts[j].end}
		for _, v := range vals {
			a := s.aliases[v]
			if a.exact != "" && strings.ReplaceAll(text[span.Start:span.End], ".", "") != strings.ReplaceAll(a.exact, ".", "") {
				continue
			}
			e := s.entries[a.entry]
			best = hit{doc.ActorMention{Span: span, Name: e.Name, Type: e.Type, Country: e.Country, Key: e.Key}, j + 1 - i}
			found = true
			break
		}
	}
	return best, found
}

// patternAt tries the patterns for actors no dictionary lists.
func (s *Stage) patternAt(text string, ts []tok, keys []string, ids []int32, i int) (hit, bool) {
	// "<nationality> [security|government|special|...] troops"
	if end, vals, ok := s.nats.LongestAt(ids, i); ok {
		nat := s.natList[vals[0]]
		j := end
		// allow one modifier: "Syrian government forces", "Turkish ground troops"
		for k := j; k < len(keys) && k <= j+1; k++ {
			typ, ok := forceNouns[keys[k]]
			if !ok {
				continue
			}
			name := ""
			switch typ {
			case State:
				name = "Military Forces of " + nat.country
			case Police:
				name = "Police Forces of " + nat.country
			case Militia:
				name = "Militia (" + nat.country + ")"
			case Rebel:
				name = "Rebels (" + nat.country + ")"
			case Protesters:
				name = "Protesters (" + nat.country + ")"
			case Civilians:
				name = "Civilians (" + nat.country + ")"
			default:
				name = "Unidentified Armed Group (" + nat.country + ")"
			}
			return hit{doc.ActorMention{Span: doc.Span{Start: ts[i].start, End: ts[k].end}, Name: name, Type: typ, Country: nat.code}, k + 1 - i}, true
		}
	}
	// "pro-X forces", "pro-government militias"
	if keys[i] == "pro" && i+2 < len(keys) {
		for k := i + 2; k < len(keys) && k <= i+3; k++ {
			if typ, ok := forceNouns[keys[k]]; ok {
				if typ == State || typ == Rebel {
					typ = Militia
				}
				x := text[ts[i+1].start:ts[k-1].end]
				return hit{doc.ActorMention{Span: doc.Span{Start: ts[i].start, End: ts[k].end}, Name: "Pro-" + x + " forces", Type: typ}, k + 1 - i}, true
			}
		}
	}
	// "forces loyal to Z", "fighters loyal to Z": Z is the capitalised
	// words that follow.
	if _, ok := forceNouns[keys[i]]; ok && i+3 < len(keys) && keys[i+1] == "loyal" && keys[i+2] == "to" {
		k := i + 3
		for k < len(ts) && k < i+8 && (isUpperAt(text, ts[k].start) || keys[k] == "the" || keys[k] == "al" || keys[k] == "of") {
			k++
		}
		if k > i+3 {
			return hit{doc.ActorMention{Span: doc.Span{Start: ts[i].start, End: ts[k-1].end}, Name: "Forces loyal to " + text[ts[i+3].start:ts[k-1].end], Type: Militia}, k - i}, true
		}
	}
	return hit{}, false
}
