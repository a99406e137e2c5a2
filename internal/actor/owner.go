package actor

import (
	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/phrase"
)

// This file holds the patterns that name a state's forces by whose they
// are rather than by a nationality: a possessive ("Syria's army",
// "Assad's forces"), the same possessive with its apostrophe stripped by
// crawlers ("Syrias army", "Russias Aerospace Forces", "Bashar
// al-Assads forces"), a country used as a modifier ("Syria regime
// forces"), and the attacker named only before the attack ("Russian air
// strikes", "Turkish shelling", "regime airstrikes").

// attackNouns name an armed attack by a state's or a group's forces:
// "Russian air strikes", "Turkish shelling", "an Israeli strike". Not
// "bombing" or "attack": "Iraqi bombing kills 20" tells where, not who.
var attackNouns = map[string]bool{
	"strike": true, "strikes": true, "airstrike": true, "airstrikes": true, "raid": true, "raids": true,
	"shelling": true, "bombardment": true, "bombardments": true, "offensive": true, "barrage": true,
	"incursion": true,
}

// attackModifiers may stand between the attacker and the attack noun:
// "Russian air strikes", "Syrian regime heavy shelling", "US missile
// strike".
var attackModifiers = map[string]bool{
	"air": true, "aerial": true, "missile": true, "rocket": true, "artillery": true, "mortar": true,
	"heavy": true, "fresh": true, "new": true, "deadly": true, "overnight": true, "cluster": true,
	"ground": true, "military": true, "intense": true, "intensive": true, "naval": true, "cruise": true,
}

// locatives before a bare country make it a place, not an owner: "fighting
// in Syria forces were deployed" (commas stripped) is no Syrian force.
var locatives = map[string]bool{
	"in": true, "into": true, "across": true, "from": true, "to": true, "of": true, "near": true,
	"inside": true, "throughout": true, "at": true, "on": true, "for": true, "against": true,
	"with": true, "and": true, "between": true, "over": true, "toward": true, "towards": true,
	"via": true, "outside": true, "within": true, "by": true, "entered": true, "invaded": true,
}

// owner is a country or head of government the words ts[i:end] name as
// the owner of what follows.
type owner struct {
	end  int
	code string
	// possessive is true for "Syria's", "Syrias" and "Assads", false for
	// a bare "Syria".
	possessive bool
	// leader is true for a head of government (data/leaders.tsv).
	leader bool
}

// ownerAt matches a country (data/nationalities.tsv's third field) or a
// leader (data/leaders.tsv) at ts[i], possessive or bare, longest first.
// A crawler that strips apostrophes writes "Syria's" as "Syrias": a
// final s on a word after which the name would be complete counts as the
// possessive when the word itself is no name ("Syrias" is not, "Laos"
// and "Philippines" are).
func (s *Stage) ownerAt(keys []string, ids []int32, i int) (owner, bool) {
	var best owner
	found := false
	try := func(t *phrase.IDTrie, leader bool, code func(int32) string) {
		node := int32(0)
		for j := i; j < len(ids); j++ {
			if id := ids[j]; int(id) < len(s.stripped) && s.stripped[id] != 0 {
				base := s.stripped[id]
				if n := t.Child(node, base); n != 0 && len(t.Values(n)) > 0 && t.Child(node, ids[j]) == 0 {
					if j+1 > best.end {
						best, found = owner{end: j + 1, code: code(t.Values(n)[0]), possessive: true, leader: leader}, true
					}
				}
			}
			if node = t.Child(node, ids[j]); node == 0 {
				return
			}
			v := t.Values(node)
			if len(v) == 0 {
				continue
			}
			if j+1 < len(keys) && keys[j+1] == "s" {
				if j+2 > best.end {
					best, found = owner{end: j + 2, code: code(v[0]), possessive: true, leader: leader}, true
				}
			} else if j+1 > best.end {
				best, found = owner{end: j + 1, code: code(v[0]), leader: leader}, true
			}
		}
	}
	try(s.countries, false, func(v int32) string { return s.natList[v].code })
	try(s.leaders, true, func(v int32) string { return s.leaderList[v] })
	return best, found
}

// ownedForceAt matches a country's or leader's forces: "Syria's army",
// "Syrias army", "Assads forces", "Russias Aerospace Forces" (one
// modifier), and a bare country before a force noun where no locative
// precedes it ("Syria regime forces", not "in Syria forces"). The force
// is the owner's: "Syrias army" is the Military Forces of Syria, as
// "Syrian army" is. A force noun that starts a hyphenated modifier
// ("Syrias regime-held areas") names a place, not a force.
func (s *Stage) ownedForceAt(text string, ts []tok, keys []string, o owner, i int) (hit, bool) {
	if o.end >= len(keys) {
		return hit{}, false
	}
	if !o.possessive && i > 0 && locatives[keys[i-1]] || i > 0 && keys[i-1] == "anti" {
		return hit{}, false // "in Syria forces", "anti-Assad rebels"
	}
	for k := o.end; k < len(keys) && k <= o.end+1; k++ {
		typ, ok := forceNouns[keys[k]]
		if !ok {
			continue
		}
		if ts[k].end < len(text) && text[ts[k].end] == '-' {
			return hit{}, false
		}
		if k > o.end && !o.possessive {
			// a bare country takes its force noun at once: "Syria regime
			// forces" reads "regime" as the force, "Syria on Tuesday
			// troops" is no force of Syria
			if _, force := forceNouns[keys[o.end]]; !force {
				return hit{}, false
			}
		}
		if o.leader && typ != State && typ != Police {
			// "Assads forces" are his state's; "Maduro protesters"
			// may be against him
			return hit{}, false
		}
		country := s.countryName(o.code)
		if country == "" {
			return hit{}, false
		}
		m := s.named(forceName(typ, country), typ, o.code)
		m.Span = doc.Span{Start: ts[i].start, End: ts[k].end}
		return hit{m, k + 1 - i}, true
	}
	return hit{}, false
}

// attackerAt matches the attacker named only by the words before an
// attack: "Russian air strikes" (the Russian military), "Turkish
// shelling", "Russias strikes", "regime airstrikes", "government
// shelling". The mention is the attacker's words alone, so the event
// stage finds its perpetrator before the trigger. Words X for which the
// dictionary lists "X forces" name that entry ("Kurdish offensive" is
// whoever "Kurdish forces" is, "regime raids" whoever "regime forces"
// is); a nationality or a possessive country otherwise names that
// state's military. A bare country does not ("Syria air strikes kill 15"
// may tell only where).
func (s *Stage) attackerAt(text string, ts []tok, keys []string, ids []int32, o owner, owned bool, i int) (hit, bool) {
	// most words have no attack noun within reach: look ahead by id first
	near := false
	for k := i + 1; k < len(ids) && k <= i+4 && !near; k++ {
		near = int(ids[k]) < len(s.attack) && s.attack[ids[k]]
	}
	if !near {
		return hit{}, false
	}
	end := 0
	var m doc.ActorMention
	// "X forces" in the dictionary, X of one or two words
	if fid := s.forcesID; fid != 0 {
		node := int32(0)
		for j := i; j < len(ids) && j < i+2; j++ {
			if node = s.dict.Child(node, ids[j]); node == 0 {
				break
			}
			if n := s.dict.Child(node, fid); n != 0 {
				if vals := s.dict.Values(n); len(vals) > 0 && s.aliases[vals[0]].exact == "" {
					e := s.entries[s.aliases[vals[0]].entry]
					end = j + 1
					m = doc.ActorMention{Name: e.Name, Type: e.Type, Country: e.Country, Key: e.Key, Backers: e.Backers}
				}
			}
		}
	}
	if end == 0 {
		if j, vals, ok := s.nats.LongestAt(ids, i); ok {
			nat := s.natList[vals[0]]
			end, m = j, s.named(forceName(State, nat.country), State, nat.code)
		} else if owned && o.possessive {
			if country := s.countryName(o.code); country != "" {
				end, m = o.end, s.named(forceName(State, country), State, o.code)
			}
		}
	}
	if end == 0 {
		return hit{}, false
	}
	for k := end; k < len(keys) && k <= end+2; k++ {
		if attackNouns[keys[k]] {
			if ts[k].end < len(text) && text[ts[k].end] == '-' {
				return hit{}, false // "air strike-hit town"
			}
			m.Span = doc.Span{Start: ts[i].start, End: ts[end-1].end}
			return hit{m, end - i}, true
		}
		if !attackModifiers[keys[k]] {
			break
		}
	}
	return hit{}, false
}

// forceName is the name of a state's force of the given type, as the
// nationality pattern gives it.
func forceName(typ, country string) string {
	switch typ {
	case State:
		return "Military Forces of " + country
	case Police:
		return "Police Forces of " + country
	case Militia:
		return "Militia (" + country + ")"
	case Rebel:
		return "Rebels (" + country + ")"
	case Protesters:
		return "Protesters (" + country + ")"
	case Civilians:
		return "Civilians (" + country + ")"
	default:
		return "Unidentified Armed Group (" + country + ")"
	}
}

// named returns the mention of a pattern's actor, with the key and
// backers of the dictionary entry of that name when there is one
// ("Military Forces of Syria" is sy.army).
func (s *Stage) named(name, typ, code string) doc.ActorMention {
	m := doc.ActorMention{Name: name, Type: typ, Country: code}
	if i, ok := s.byName[name]; ok && s.entries[i].Type == typ {
		m.Key, m.Backers = s.entries[i].Key, s.entries[i].Backers
	}
	return m
}

// countryName returns the name of the country with ISO code code as
// actor names give it ("Syria", "the United States"), or "".
func (s *Stage) countryName(code string) string {
	return s.codeCountry[code]
}

// theRegimeAt matches "the regime" standing alone ("shelled by the
// regime", "The regime denied it"): the government's forces, whichever
// government the story is about, so the generic military entry
// (gen.military), whose country the place gives; "regime forces" and
// "regime airstrikes" keep what the dictionary says of them, and "the
// regime-held areas" is a place.
func (s *Stage) theRegimeAt(text string, ts []tok, keys []string, i int) (hit, bool) {
	if keys[i] != "the" || i+1 >= len(keys) || keys[i+1] != "regime" || s.genMilitary < 0 {
		return hit{}, false
	}
	if end := ts[i+1].end; end < len(text) && text[end] == '-' {
		return hit{}, false
	}
	if j := i + 2; j < len(keys) && (forceNouns[keys[j]] != "" || attackNouns[keys[j]] || attackModifiers[keys[j]]) {
		return hit{}, false
	}
	e := s.entries[s.genMilitary]
	return hit{doc.ActorMention{Span: doc.Span{Start: ts[i].start, End: ts[i+1].end}, Name: e.Name, Type: e.Type, Country: e.Country, Key: e.Key, Backers: e.Backers}, 2}, true
}
