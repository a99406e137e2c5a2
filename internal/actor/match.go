package actor

import (
	"strings"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/phrase"
)

// forceNouns turn a nationality into an actor: "Syrian warplanes" is the
// Syrian military, "Afghan police" the Afghan police.
var forceNouns = map[string]string{
	"army": State, "armies": State, "troops": State, "soldiers": State, "soldier": State, "forces": State,
	"military": State, "regime": State, "force": State, "warplanes": State, "jets": State, "aircraft": State, "planes": State,
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
	s.keysOf(sc)
	if s.splitPossessives(text, sc) {
		s.keysOf(sc)
	}
	ts, keys, ids := sc.toks, sc.keys, sc.ids
	for i := 0; i < len(ts); {
		m, ok := s.dictAt(text, ts, ids, i)
		p, pok := s.patternAt(text, ts, keys, ids, i)
		switch {
		case pok && (!ok || p.n > m.n):
			out = append(out, p.mention)
			i += p.n
		case ok:
			if armedCoalition(m.mention, keys, i, m.n) {
				sc.coalition = m.mention
			} else if keys[i] == "coalition" && sc.coalition.Name != "" {
				// "coalition warplanes" are the coalition's the story
				// named, whichever the dictionary guesses
				sp := m.mention.Span
				m.mention = sc.coalition
				m.mention.Span = sp
			}
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
		case sc.coalition.Name != "" && coalitionAt(keys, i):
			m := sc.coalition
			m.Span = doc.Span{Start: ts[i].start, End: ts[i].end}
			out = append(out, m)
			i++
		default:
			i++
		}
	}
	return out
}

// keysOf sets sc.keys and sc.ids to the keys and vocab ids of sc.toks.
func (s *Stage) keysOf(sc *scratch) {
	keys, ids := sc.keys[:0], sc.ids[:0]
	for _, t := range sc.toks {
		keys = append(keys, t.key)
		ids = append(ids, s.idOf(t.key))
	}
	sc.keys, sc.ids = keys, ids
}

// idOf returns the vocab id of key, or 0. Most words of a text are no
// word of the vocab, and known tells most of them so without hashing the
// whole word.
func (s *Stage) idOf(key string) int32 {
	if h := keyHash(key); s.known[h>>6]&(1<<(h&63)) == 0 {
		return 0
	}
	return s.vocab[key]
}

// keyHash is a 16-bit hash of a word's length and three of its bytes.
func keyHash(k string) uint32 {
	n := len(k)
	if n == 0 {
		return 0
	}
	h := uint32(n)*0x9E3779B1 ^ uint32(k[0])<<8 ^ uint32(k[n-1]) ^ uint32(k[n/2])<<16
	h *= 0x85EBCA6B
	return h >> 16
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
			best = hit{doc.ActorMention{Span: span, Name: e.Name, Type: e.Type, Country: e.Country, Key: e.Key, Backers: e.Backers}, j + 1 - i}
			found = true
			break
		}
	}
	return best, found
}

// conjunctions join two owners of one force: "Syrian and Russian jets".
var conjunctions = map[string]bool{"and": true, "or": true, "&": true}

// coordinatedAt reports whether keys[j] joins a nationality to a state's
// forces named next ("Syrian and Russian warplanes", "Russian and regime
// airstrikes"), which makes the nationality the first of two states'
// forces rather than a modifier of the second.
func (s *Stage) coordinatedAt(text string, ts []tok, keys []string, ids []int32, j int) bool {
	if j+1 >= len(keys) || !conjunctions[keys[j]] {
		return false
	}
	h, ok := s.patternAt(text, ts, keys, ids, j+1)
	if !ok {
		h, ok = s.dictAt(text, ts, ids, j+1)
	}
	return ok && (h.mention.Type == State || h.mention.Type == Foreign)
}

// namedGroupAt reports whether a dictionary actor other than a generic
// one starts at ts[j] and ends within ts[:end].
func (s *Stage) namedGroupAt(text string, ts []tok, ids []int32, j, end int) bool {
	m, ok := s.dictAt(text, ts, ids[:end], j)
	return ok && !strings.HasPrefix(m.mention.Key, "gen.")
}

// markStarts sets s.starts: the first words of every pattern of
// patternAt but the attacker's. Most words of a text start none, and
// patternAt then skips the map and trie look-ups the patterns make.
func (s *Stage) markStarts() {
	var words []string
	for w := range governmentWords { // backedAt
		words = append(words, w)
	}
	for w := range forceNouns { // loyalTo
		words = append(words, w)
	}
	words = append(words, "army", "military", "state", "the", "pro") // backedAt, theRegimeAt, "pro-X"
	for _, w := range words {
		s.wordID(w)
	}
	s.starts = make([]bool, len(s.vocab)+1)
	for _, w := range words {
		s.starts[s.vocab[w]] = true
	}
	for id := range s.starts {
		// nationalities, countries and leaders (backedAt, ownerAt, the
		// nationality patterns)
		for _, t := range []*phrase.IDTrie{s.nats, s.countries, s.leaders} {
			if t.Child(0, int32(id)) != 0 {
				s.starts[id] = true
			}
		}
		// "Syrias", "Assads" (ownerAt)
		if id < len(s.stripped) && s.stripped[id] != 0 {
			s.starts[id] = true
		}
	}
}

// patternAt tries the patterns for actors no dictionary lists.
func (s *Stage) patternAt(text string, ts []tok, keys []string, ids []int32, i int) (hit, bool) {
	if id := ids[i]; int(id) >= len(s.starts) || !s.starts[id] {
		// only the attacker's words may start here, and no owner
		return s.attackerAt(text, ts, keys, ids, owner{}, false, i)
	}
	// "Iran-backed militias", "government-backed militia"
	if h, ok := s.backedAt(text, ts, keys, ids, i); ok {
		return h, true
	}
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
			if k > j && conjunctions[keys[j]] {
				break // "Russian and regime forces": see coordinatedAt
			}
			if k > j && s.namedGroupAt(text, ts, ids, j, k+1) {
				// "Kurdish YPG militia", "Lebanese Hezbollah fighters":
				// the modifier is a group the dictionary names, which
				// the nationality only describes
				break
			}
			return hit{doc.ActorMention{Span: doc.Span{Start: ts[i].start, End: ts[k].end}, Name: forceName(typ, nat.country), Type: typ, Country: nat.code}, k + 1 - i}, true
		}
	}
	// "Syrian and Russian jets", "Russian and regime airstrikes"
	if end, vals, ok := s.nats.LongestAt(ids, i); ok && s.coordinatedAt(text, ts, keys, ids, end) {
		nat := s.natList[vals[0]]
		m := s.named(forceName(State, nat.country), State, nat.code)
		m.Span = doc.Span{Start: ts[i].start, End: ts[end-1].end}
		return hit{m, end - i}, true
	}
	// "Syrias army", "Assads forces", "Syria regime forces"
	o, owned := s.ownerAt(keys, ids, i)
	if owned {
		if h, ok := s.ownedForceAt(text, ts, keys, o, i); ok {
			return h, true
		}
	}
	// "Russian air strikes", "regime shelling": the attacker's words
	if h, ok := s.attackerAt(text, ts, keys, ids, o, owned, i); ok {
		return h, true
	}
	if h, ok := s.theRegimeAt(text, ts, keys, i); ok {
		return h, true
	}
	// "pro-X forces", "pro-government militias": X says whom they fight
	// for (see backerOf)
	if keys[i] == "pro" && i+2 < len(keys) {
		for k := i + 2; k < len(keys) && k <= i+3; k++ {
			if typ, ok := forceNouns[keys[k]]; ok {
				if typ == State || typ == Rebel {
					typ = Militia
				}
				x := text[ts[i+1].start:ts[k-1].end]
				return hit{doc.ActorMention{Span: doc.Span{Start: ts[i].start, End: ts[k].end}, Name: "Pro-" + x + " forces", Type: typ,
					Backers: s.backerOf(keys, ids, i+1, k)}, k + 1 - i}, true
			}
		}
	}
	// "forces loyal to Z", "fighters loyal to Z": Z is the capitalised
	// words that follow.
	if _, ok := forceNouns[keys[i]]; ok && i+3 < len(keys) && keys[i+1] == "loyal" && keys[i+2] == "to" {
		return s.loyalTo(text, ts, keys, ids, i)
	}
	return hit{}, false
}

// governmentWords name a government without naming its country:
// "pro-government", "pro-regime", "pro-junta", "loyal to the regime".
var governmentWords = map[string]bool{
	"government": true, "govt": true, "regime": true, "junta": true, "administration": true, "authorities": true,
}

// backedWords after a state make an armed group its client:
// "Iran-backed", "government-sponsored", "Moscow-aligned".
var backedWords = map[string]bool{
	"backed": true, "supported": true, "sponsored": true, "funded": true, "aligned": true, "allied": true,
}

// backerOf returns whom the words keys[from:to] before a force name
// it as fighting for ("pro-government", "pro-Russian", "pro-Assad"):
// doc.BackerGovernment for a government word, the country of a
// nationality, country or leader (data/leaders.tsv), else nil
// ("pro-Haftar": a leader the data does not give a country).
func (s *Stage) backerOf(keys []string, ids []int32, from, to int) []string {
	if to-from == 1 && governmentWords[keys[from]] {
		return []string{doc.BackerGovernment}
	}
	for _, t := range []*phrase.IDTrie{s.nats, s.countries} {
		if end, vals, ok := t.LongestAt(ids, from); ok && end == to {
			return []string{s.natList[vals[0]].code}
		}
	}
	if end, vals, ok := s.leaders.LongestAt(ids, from); ok && end == to {
		return []string{s.leaderList[vals[0]]}
	}
	return nil
}

// backedAt matches "<state>-backed <force>": a government word
// ("government-backed militia", "army-backed vigilantes"), a country or
// nationality ("Iran-backed militias", "Turkish-backed rebels") or a
// leader, then a backing word, at most one modifier and a force noun. The
// group is not the backer's own force: a client of a foreign state is a
// militia or rebels of the place where it fights, which the event stage
// tells apart from the local government's affiliates by the backer.
func (s *Stage) backedAt(text string, ts []tok, keys []string, ids []int32, i int) (hit, bool) {
	j, backer := 0, ""
	switch {
	case governmentWords[keys[i]] || keys[i] == "army" || keys[i] == "military" || keys[i] == "state":
		j, backer = i+1, doc.BackerGovernment
	default:
		for _, t := range []*phrase.IDTrie{s.nats, s.countries} {
			if end, vals, ok := t.LongestAt(ids, i); ok && end > j {
				j, backer = end, s.natList[vals[0]].code
			}
		}
		if end, vals, ok := s.leaders.LongestAt(ids, i); ok && end > j {
			j, backer = end, s.leaderList[vals[0]]
		}
	}
	if j == 0 || j >= len(keys) || !backedWords[keys[j]] {
		return hit{}, false
	}
	for k := j + 1; k < len(keys) && k <= j+2; k++ {
		typ, ok := forceNouns[keys[k]]
		if !ok {
			continue
		}
		if keys[k] == "regime" && k+1 < len(keys) && forceNouns[keys[k+1]] != "" {
			continue // "Russian-backed regime forces"
		}
		switch {
		case typ == State && k == j+2 && (governmentWords[keys[j+1]] || keys[j+1] == "army"):
			// "Saudi-backed government forces" are that government's
			// forces, whoever backs them
		case typ == State:
			typ = Militia
		case typ != Rebel && typ != Militia && typ != Unknown:
			return hit{}, false
		}
		sp := doc.Span{Start: ts[i].start, End: ts[k].end}
		name := text[ts[i].start:ts[j].end] + " " + keys[k]
		return hit{doc.ActorMention{Span: sp, Name: strings.ToUpper(name[:1]) + name[1:], Type: typ, Backers: []string{backer}}, k + 1 - i}, true
	}
	return hit{}, false
}

// loyalTitles before a name make it the head of the government: "forces
// loyal to President X", "troops loyal to the interim president".
var loyalTitles = map[string]bool{
	"president": true, "premier": true, "prime": true, "king": true, "emir": true, "sultan": true, "head": true,
}

// notInOffice before a title or name takes the government away: "loyal
// to former president X", "the ousted president", "the rival
// government".
var notInOffice = map[string]bool{
	"former": true, "ousted": true, "deposed": true, "late": true, "exiled": true, "toppled": true,
	"overthrown": true, "rival": true, "self": true, "parallel": true, "breakaway": true, "renegade": true,
	"dissident": true, "opposition": true, "eastern": true, "ex": true,
}

// loyalTo matches "forces loyal to Z" at ts[i] (keys[i] a force noun,
// then "loyal to"). Z is the government ("loyal to the government / the
// regime / the junta"), a head of government by title ("loyal to
// President X") or a leader of data/leaders.tsv, all of which fight for
// a government; or any other capitalised name ("loyal to Ahmed Bek"),
// whose men fight for no state the text names.
func (s *Stage) loyalTo(text string, ts []tok, keys []string, ids []int32, i int) (hit, bool) {
	k := i + 3
	if keys[k] == "the" {
		k++
	}
	if k < len(keys) && governmentWords[keys[k]] {
		sp := doc.Span{Start: ts[i].start, End: ts[k].end}
		return hit{doc.ActorMention{Span: sp, Name: "Forces loyal to the " + keys[k], Type: Militia, Backers: []string{doc.BackerGovernment}}, k + 1 - i}, true
	}
	k = i + 3
	titled, out := false, false
loop:
	for k < len(ts) && k < i+8 {
		key := keys[k]
		switch {
		case notInOffice[key]:
			out = true
		case loyalTitles[key] || key == "minister" && k > i+3 && keys[k-1] == "prime" || key == "interim" || key == "state" && keys[k-1] == "of":
			titled = true
		case isUpperAt(text, ts[k].start) || key == "the" || key == "al" || key == "of":
		default:
			break loop
		}
		k++
	}
	for k > i+3 && !isUpperAt(text, ts[k-1].start) {
		k-- // "loyal to the former" names no one
	}
	if k == i+3 {
		return hit{}, false
	}
	var backers []string
	if !out {
		if titled {
			backers = []string{doc.BackerGovernment}
		} else if b := s.leaderIn(ids, i+3, k); b != "" {
			backers = []string{b}
		}
	}
	return hit{doc.ActorMention{Span: doc.Span{Start: ts[i].start, End: ts[k-1].end}, Name: "Forces loyal to " + text[ts[i+3].start:ts[k-1].end], Type: Militia, Backers: backers}, k - i}, true
}

// leaderIn returns the country of a leader of data/leaders.tsv named in
// ids[from:to], or "".
func (s *Stage) leaderIn(ids []int32, from, to int) string {
	for j := from; j < to; j++ {
		if end, vals, ok := s.leaders.LongestAt(ids, j); ok && end <= to {
			return s.leaderList[vals[0]]
		}
	}
	return ""
}
