package place

import (
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/place/gazetteer"
)

// mention is a candidate toponym: a run of tokens that names at least one
// gazetteer entry.
type mention struct {
	first, last int // token indices, inclusive
	k0, k1      int // key indices, half-open
	// partial is set when the mention is part of a hyphenated token.
	partial bool
	// possessive is set when the mention's word had an s after it, a
	// possessive whose apostrophe was stripped ("Syrias Raqqa", see
	// possessive.go); the span is the name without the s.
	possessive bool
	// attribute is set when the place modifies an actor or a thing
	// ("US-led", "Iran-backed", see attribute.go): reported as a
	// demonym, never as where something happened.
	attribute bool
	span      doc.Span
	cands     []gazetteer.Candidate
	demonym   bool
	// hint is a feature the context asks for: "admin1" after "X province",
	// "town" after "the town of X".
	hint string
	// cue is set when the context says a place follows ("in", "near",
	// "the village of").
	cue bool
	// locCue is set when the word before can only introduce a place ("in",
	// "near"), unlike "of" or "to", which also introduce people.
	locCue bool
	// parent is the mention this one is explicitly inside ("X, Syria",
	// "X in Idlib province"), or -1.
	parent int
	// area is the country or division of the parent that holds the
	// best pair of candidates (see resolveParents), or -1.
	area int32
	// holds is set on a parent to the candidate resolveParents chose.
	holds int32
	drop  bool
	// unresolved is set on a name that is part of a longer one the
	// gazetteer lacks ("Fraser Valley", "Danube Delta"): reported with
	// the whole phrase's span and no point (see featureCompound).
	unresolved bool
	entry      int32
	score      float64
	// known keeps answers about cands (see mention.flag).
	known uint8
	// lowerSeen is writtenLower's answer.
	lowerSeen bool
	// light is the light fold of the mention's text (see surface).
	light     string
	lightDone bool
	// prior and boost hold, for each candidate, prior(e) and whether the
	// document's country favours it as a division (see pick).
	prior []float64
	boost []bool
	// hintBonus is what the hint adds to each candidate, exact whether
	// the mention is spelled as its name.
	hintBonus []float64
	exact     []bool
}

type scan struct {
	p      *Geoparser
	g      *gazetteer.Gazetteer
	text   string
	toks   []doc.Token
	keys   []string
	keyTok []int
	// keySpan is the part of the text each key was folded from, keyCap
	// whether that part starts with a capital.
	keySpan []doc.Span
	keyCap  []bool
	// keyBreak is set when a word or mark that stops any name, and has no
	// key, comes before the key (see newScan).
	keyBreak []bool
	// tokKey is the index of each token's first key (of the next key for
	// a word with none, see newScan), or -1.
	tokKey   []int
	mentions []mention
	persons  map[string]bool
	// focus is the share of the document's strong places in each
	// country (counts while the first pass runs, see resolve).
	focus countryTable[float64]

	// buffers kept from document to document (see Geoparser.scans)
	// keyEnd is where each key ends in fold, the folded keys end to end.
	keyEnd []int32
	fold   []byte
	// cands holds the candidates of every mention, one after another.
	cands             []gazetteer.Candidate
	remap             []int
	first             []int32
	others, divisions []site
	// folds and foldsMulti cache folds across documents (see appendFold);
	// foldBuf is foldWord's and toLower's buffer.
	folds      *[foldSlots]foldSlot
	foldBuf    []byte
	foldsMulti map[string][]string
	// words caches one-word names (see appendWordCands).
	words *[wordSlots]wordSlot
	// starts caches which folded keys start a name (see startsName),
	// unitCache the words of caseless documents (see unitKey).
	starts    *[startSlots]startSlot
	unitCache *[unitSlots]unitSlot
	// units, unitKeys and matches are recase's buffers.
	units    []unit
	unitKeys []string
	matches  []caselessMatch
	// shorts caches the short fuzzy match rule (see rules.go).
	shorts *[shortSlots]shortSlot
	// lowers caches toLower across documents, plainFolds foldPlain.
	lowers, plainFolds *[lowerSlots]foldSlot
	// lightNames caches the light folds of names (see lightName).
	lightNames *[nameSlots]foldSlot
	// possCache keeps possessiveKey's last answer in this document.
	possCache possCache
	// lowerToks caches lowerWord; "" is not yet lower-cased.
	lowerToks []string
	// light and nfd are buffers for light folds (see lightIs).
	light, nfd []byte
	// asked and lowerDone back writtenLower.
	asked     []askedWord
	askedUniq []askedWord
	// askedTable finds askedUniq's entries by hash (see findLower).
	askedTable []int32
	lowerDone  bool
	priors     []float64
	boosts     []bool
	hintBonus  []float64
	exact      []bool
	seen       map[int32]bool
	named      countryTable[bool]
	// namedAlone and unplaced keep the answers of the possessive rules
	// by word (see possessive.go); unplacedDone is set once unplaced is.
	namedAlone, unplaced map[string]bool
	unplacedDone         bool
	present              countryTable[int]
	// local counts, by country, the distinct places of the first pass
	// other than the country itself; strongLocal is set for a country
	// where a mention that is no demonym is placed at a well-known one
	// (see strong).
	local       map[string]int
	strongLocal map[string]bool
	twins       map[string]bool
}

// getScan returns a scan of text, with its buffers from the pool: a stage
// that runs on thousands of short articles would otherwise spend a good
// part of its time allocating and collecting them.
func (p *Geoparser) getScan(text string, toks []doc.Token) *scan {
	s, _ := p.scans.Get().(*scan)
	if s == nil {
		s = &scan{p: p, g: p.g, persons: map[string]bool{},
			seen: map[int32]bool{}, local: map[string]int{}, strongLocal: map[string]bool{}, twins: map[string]bool{},
			namedAlone: map[string]bool{}, unplaced: map[string]bool{}}
	}
	s.text, s.toks = text, toks
	return s
}

// putScan returns s to the pool, holding nothing of its document.
func (p *Geoparser) putScan(s *scan) {
	if cap(s.keys) > 1<<16 {
		return // a huge document's buffers are not worth keeping
	}
	s.text, s.toks = "", nil
	clear(s.keys)
	clear(s.mentions)
	s.keys, s.mentions = s.keys[:0], s.mentions[:0]
	s.keyTok, s.keySpan, s.keyCap, s.keyEnd = s.keyTok[:0], s.keySpan[:0], s.keyCap[:0], s.keyEnd[:0]
	s.keyBreak = s.keyBreak[:0]
	s.tokKey, s.fold, s.cands = s.tokKey[:0], s.fold[:0], s.cands[:0]
	clear(s.lowerToks)
	s.lowerToks = s.lowerToks[:0]
	clear(s.units)
	clear(s.unitKeys)
	clear(s.matches)
	s.units, s.unitKeys, s.matches = s.units[:0], s.unitKeys[:0], s.matches[:0]
	clear(s.others)
	clear(s.divisions)
	clear(s.persons)
	s.focus.reset()
	clear(s.seen)
	s.named.reset()
	clear(s.namedAlone)
	clear(s.unplaced)
	s.present.reset()
	clear(s.local)
	clear(s.strongLocal)
	s.lowerDone = false
	s.unplacedDone = false
	s.possCache = possCache{}
	clear(s.asked)
	clear(s.askedUniq)
	s.priors, s.boosts = s.priors[:0], s.boosts[:0]
	s.hintBonus, s.exact = s.hintBonus[:0], s.exact[:0]
	p.scans.Put(s)
}

// newScan folds the tokens into keys.
func (s *scan) newScan() {
	toks := s.toks
	s.tokKey = slices.Grow(s.tokKey[:0], len(toks))[:len(toks)]
	// A punctuation mark or a lower-case word alone in its token that can
	// be neither particle nor article stops any name and is in no rule:
	// it gets no key, only a break before the next key.
	brk := false
	for t, tok := range toks {
		s.tokKey[t] = -1
		w := s.text[tok.Start:tok.End]
		if tok.Kind == doc.Punct {
			if w == "-" || w == "‐" {
				continue // "Khan-Shaykhun" split by the segmenter
			}
			brk = true
			continue
		}
		if plainWord(w) && w != "" && (w[0] < 'a' || w[0] > 'z' || !isParticle(w)) &&
			!(w[0] >= 'a' && mayBeArticle(w)) {
			// most words: letters and digits only, and not a particle
			// or an article
			s.tokKey[t] = len(s.keyEnd)
			if c := w[0]; 'A' <= c && c <= 'Z' {
				s.appendFold(w)
				s.addKey(t, tok.Span, true, brk)
				brk = false
			} else {
				brk = true
			}
			continue
		}
		// Hyphenated compounds are read part by part, so "Russia-Turkey"
		// and "Canada-wide" name their places and "al-Qaboun" its town.
		start := tok.Start
		for start < tok.End {
			end := start + indexHyphen(s.text[start:tok.End])
			if end < start {
				end = tok.End
			}
			part := s.text[start:end]
			r, _ := utf8.DecodeRuneInString(part)
			if len(part) > 2 && (part[1] == '\'' || strings.HasPrefix(part[1:], "’")) {
				// d'Ivoire, l'Aquila: the capital follows the elided article
				_, n := utf8.DecodeRuneInString(part[1:])
				r, _ = utf8.DecodeRuneInString(part[1+n:])
			}
			capital := r < utf8.RuneSelf && 'A' <= r && r <= 'Z' || r >= utf8.RuneSelf && unicode.IsUpper(r)
			sp := doc.Span{Start: start, End: end}
			if plainWord(part) {
				// most words: folded straight into the buffer; a
				// lower-case word that can be neither a particle nor
				// an article only stops a name, and any key does
				n := len(s.fold)
				if part == "" {
				} else if capital || mayBeArticle(part) || isParticle(part) {
					s.appendFold(part)
				} else {
					s.fold = append(s.fold, stopKey...)
				}
				if len(s.fold) > n {
					if s.tokKey[t] < 0 {
						s.tokKey[t] = len(s.keyEnd)
					}
					s.addKey(t, sp, capital, brk)
					brk = false
				}
			} else {
				for _, k := range s.foldKeys(part) {
					if s.tokKey[t] < 0 {
						s.tokKey[t] = len(s.keyEnd)
					}
					s.fold = append(s.fold, k...)
					s.addKey(t, sp, capital, brk)
					brk = false
				}
			}
			start = end + len("-")
			if end < tok.End && s.text[end] != '-' {
				start = end + len("‐")
			}
		}
	}
	// the keys are slices of one string
	all := string(s.fold)
	s.keys = slices.Grow(s.keys[:0], len(s.keyEnd))
	from := int32(0)
	for _, to := range s.keyEnd {
		s.keys = append(s.keys, all[from:to])
		from = to
	}
	// An article before another name part is "al" whatever its spelling:
	// "Tayyibat al Imam", "Ras el-Ain", "Jisr ash-Shughur".
	// Not the English words "In", "Is" and "It" on their own, which
	// begin sentences: "In Homs the army advanced" is not Al Khums, Libya.
	for i := 0; i+1 < len(s.keys); i++ {
		if !s.keyBreak[i+1] && gazetteer.IsArticle(s.keys[i]) && s.keys[i+1] != "" &&
			(s.keyTok[i+1] == s.keyTok[i] || s.keyCap[i+1] && !s.englishWord(i)) {
			s.keys[i] = "al"
		}
	}
}

// englishWord reports whether key i is a whole token "in", "is" or "it",
// in any case: the English words, not a romanised article ("En", "Es").
func (s *scan) englishWord(i int) bool {
	sp := s.keySpan[i]
	if sp.End-sp.Start != 2 || sp != s.toks[s.keyTok[i]].Span {
		return false
	}
	w := s.text[sp.Start:sp.End]
	return (w[0]|0x20) == 'i' && ((w[1]|0x20) == 'n' || (w[1]|0x20) == 's' || (w[1]|0x20) == 't')
}

// stopKey is the key of a lower-case word that no name continues over: it
// folds like no word (keys are letters and digits).
const stopKey = "*"

// mayBeArticle reports whether a plain lower-case word may fold to an
// article (see gazetteer.IsArticle): those fold to a vowel and letters
// that only a, c, d, e, h, i, l, n, o, r, s, t, u and z give, as any other
// letter or digit stays in the fold as itself or as k or y.
func mayBeArticle(w string) bool {
	switch w[0] {
	case 'a', 'e', 'i', 'o', 'u':
	default:
		return false
	}
	for i := 1; i < len(w); i++ {
		c := w[i] | 0x20 // lower-case a letter; a digit becomes no letter
		if c < 'a' || c > 'z' || articleLetters&(1<<(c-'a')) == 0 {
			return false
		}
	}
	return true
}

const articleLetters = 1<<('a'-'a') | 1<<('c'-'a') | 1<<('d'-'a') | 1<<('e'-'a') | 1<<('h'-'a') |
	1<<('i'-'a') | 1<<('l'-'a') | 1<<('n'-'a') | 1<<('o'-'a') | 1<<('r'-'a') | 1<<('s'-'a') |
	1<<('t'-'a') | 1<<('u'-'a') | 1<<('z'-'a')

// maxFolds bounds the fold cache of non-plain words of a scan.
const maxFolds = 1 << 12

// foldSlots is the size of the fold cache of plain words, direct-mapped.
const foldSlots = 1 << 13

type foldSlot struct{ word, key string }

// appendFold appends gazetteer.FoldWord(w) to s.fold. Folds are kept from
// document to document (a scan outlives its document in the pool): most
// words that need folding, names and short function words, recur. The
// cache is direct-mapped by a hash of the word: a look-up is one compare.
func (s *scan) appendFold(w string) {
	s.fold = append(s.fold, s.foldWord(w)...)
}

// foldWord returns gazetteer.FoldWord(w) from the cache, filling it.
func (s *scan) foldWord(w string) string {
	if s.folds == nil {
		s.folds = new([foldSlots]foldSlot)
	}
	h := fnv1a(w)
	slot := &s.folds[h%foldSlots]
	if slot.word == w {
		return slot.key
	}
	// folded into a buffer of the scan: a local array would escape
	// to the heap at every miss
	s.foldBuf = gazetteer.AppendFoldWord(s.foldBuf[:0], w)
	// one allocation for both
	both := w + string(s.foldBuf)
	slot.word, slot.key = both[:len(w)], both[len(w):]
	return slot.key
}

// wordSlots is the size of the cache of one-word names, direct-mapped.
const wordSlots = 1 << 12

type wordSlot struct {
	key   string
	cands []gazetteer.Candidate
	found bool
}

// appendWordCands appends the candidates of the one-word name key[0] to
// dst, and reports whether it names any place. The answers are kept from
// document to document like folds: the same capitalised words come back.
func (s *scan) appendWordCands(dst []gazetteer.Candidate, key []string) ([]gazetteer.Candidate, bool) {
	if s.words == nil {
		s.words = new([wordSlots]wordSlot)
	}
	w := key[0]
	h := fnv1a(w)
	slot := &s.words[h%wordSlots]
	if slot.key != w || slot.key == "" {
		n := len(dst)
		var end int
		dst, end = s.g.AppendLongest(dst, key, 0, func(int) bool { return true })
		slot.key, slot.found = strings.Clone(w), end > 0
		slot.cands = append(slot.cands[:0:0], dst[n:]...)
		return dst, slot.found
	}
	return append(dst, slot.cands...), slot.found
}

// foldKeys is gazetteer.Fold(w), kept like appendFold's.
func (s *scan) foldKeys(w string) []string {
	if ks, ok := s.foldsMulti[w]; ok {
		return ks
	}
	ks := gazetteer.Fold(w)
	if s.foldsMulti == nil || len(s.foldsMulti) >= maxFolds {
		s.foldsMulti = make(map[string][]string)
	}
	s.foldsMulti[strings.Clone(w)] = ks
	return ks
}

// plainWord reports whether w is ASCII letters and digits only, which
// fold to one key.
func plainWord(w string) bool {
	for i := 0; i < len(w); i++ {
		if !alnum[w[i]] {
			return false
		}
	}
	return true
}

// alnum marks the ASCII letters and digits.
var alnum = func() (t [256]bool) {
	for c := 0; c < 256; c++ {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return t
}()

// lastIndexHyphen is strings.LastIndexAny(w, "-‐").
func lastIndexHyphen(w string) int {
	for i := len(w) - 1; i >= 0; i-- {
		switch {
		case w[i] == '-':
			return i
		case w[i] == 0x90 && i >= 2 && w[i-1] == 0x80 && w[i-2] == 0xE2:
			return i - 2
		}
	}
	return -1
}

// indexHyphen is strings.IndexAny(w, "-‐"), without its set building.
func indexHyphen(w string) int {
	for i := 0; i < len(w); i++ {
		switch w[i] {
		case '-':
			return i
		case 0xE2: // ‐ is E2 80 90
			if i+2 < len(w) && w[i+1] == 0x80 && w[i+2] == 0x90 {
				return i
			}
		}
	}
	return -1
}

// addKey adds a key: the bytes appended to s.fold since the last one.
func (s *scan) addKey(t int, sp doc.Span, capital, brk bool) {
	s.keyEnd = append(s.keyEnd, int32(len(s.fold)))
	s.keyBreak = append(s.keyBreak, brk)
	s.keyTok = append(s.keyTok, t)
	s.keySpan = append(s.keySpan, sp)
	s.keyCap = append(s.keyCap, capital)
}

// lowerWord is strings.ToLower(s.word(t)), lower-cased once per token:
// the rules ask about the words around every mention.
func (s *scan) lowerWord(t int) string {
	if t < 0 || t >= len(s.toks) {
		return ""
	}
	if len(s.lowerToks) != len(s.toks) {
		s.lowerToks = slices.Grow(s.lowerToks[:0], len(s.toks))[:len(s.toks)]
		clear(s.lowerToks)
	}
	w := s.lowerToks[t]
	if w == "" {
		w = s.toLower(s.word(t))
		s.lowerToks[t] = w
	}
	return w
}

// lowerSlots is the size of toLower's cache, direct-mapped.
const lowerSlots = 1 << 12

// toLower is strings.ToLower, with the lower-case forms of capitalised
// words kept from document to document: "The", "In", "President".
func (s *scan) toLower(w string) string {
	upper := false
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return strings.ToLower(w)
		}
		upper = upper || 'A' <= c && c <= 'Z'
	}
	if !upper {
		return w
	}
	if s.lowers == nil {
		s.lowers = new([lowerSlots]foldSlot)
	}
	h := fnv1a(w)
	slot := &s.lowers[h%lowerSlots]
	if slot.word != w || slot.word == "" {
		// lower-cased into a buffer: one allocation for both
		s.foldBuf = append(s.foldBuf[:0], w...)
		for i, c := range s.foldBuf {
			if 'A' <= c && c <= 'Z' {
				s.foldBuf[i] = c + 'a' - 'A'
			}
		}
		both := w + string(s.foldBuf)
		slot.word, slot.key = both[:len(w)], both[len(w):]
	}
	return slot.key
}

func (s *scan) word(t int) string {
	if t < 0 || t >= len(s.toks) {
		return ""
	}
	return s.text[s.toks[t].Start:s.toks[t].End]
}

// isCap reports whether token t starts with an upper-case letter, or is an
// article prefix glued to one ("al-Qaboun").
func (s *scan) isCap(t int) bool {
	w := s.word(t)
	r, _ := utf8.DecodeRuneInString(w)
	if unicode.IsUpper(r) {
		return true
	}
	if i := indexHyphen(w); i > 0 && i <= 4 {
		r, _ = utf8.DecodeRuneInString(w[i+1:])
		return unicode.IsUpper(r)
	}
	return false
}

// allCaps reports whether token t is written in capitals only ("SYRIA" in
// a dateline or headline).
func (s *scan) allCaps(t int) bool {
	w := s.word(t)
	letters := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		}
	}
	return letters > 1
}

// sentenceStart reports whether token t begins a sentence or a line.
func (s *scan) sentenceStart(t int) bool {
	if t == 0 {
		return true
	}
	prev := s.word(t - 1)
	switch prev {
	case ".", "!", "?", "“", "\"", ":", "—", "–", "(", "‘", "'", "«":
		return true
	}
	between := s.text[s.toks[t-1].End:s.toks[t].Start]
	return strings.Contains(between, "\n")
}

// isParticle reports whether w, lower-cased, is a particle that may stand
// inside a multi-word name in lower case. Every short word of a text is
// asked: an ASCII word is packed into a number, lower-cased, and looked
// up in a small table of the particles packed alike.
func isParticle(w string) bool {
	if len(w) > 4 || w == "" {
		return false
	}
	code := uint32(0)
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		case c >= utf8.RuneSelf:
			if lw := strings.ToLower(w); len(lw) <= 4 {
				return lowerParticle(lw)
			}
			return false
		case c == 0:
			return false // packs like nothing, and is in no particle
		}
		code = code<<8 | uint32(c)
	}
	for i := particleSlot(code); ; i = (i + 1) % uint32(len(particleTable)) {
		switch particleTable[i] {
		case code:
			return true
		case 0:
			return false
		}
	}
}

// particles are the words lowerParticle knows, packed as isParticle packs
// a word (no particle packs to 0: none is empty), in an open-addressing
// table of four times their number.
var particleTable = func() (t [256]uint32) {
	for _, p := range particles {
		code := uint32(0)
		for i := 0; i < len(p); i++ {
			code = code<<8 | uint32(p[i])
		}
		i := particleSlot(code)
		for t[i] != 0 {
			i = (i + 1) % uint32(len(t))
		}
		t[i] = code
	}
	return t
}()

func particleSlot(code uint32) uint32 { return (code * 2654435761) >> 24 }

// particles may stand inside a multi-word name in lower case.
var particles = [...]string{"al", "el", "ad", "ash", "as", "at", "ar", "az", "an", "ad-", "of", "de", "du", "la",
	"le", "the", "on", "upon", "and", "sur", "am", "der", "bin", "ibn", "ben", "bint",
	"da", "do", "dos", "das", "des", "del", "y", "en", "al-", "es", "ed", "et", "los", "las", "di"}

func lowerParticle(w string) bool {
	return slices.Contains(particles[:], w)
}

// keyInner reports whether key j may continue a name: a capitalised part
// or a particle ("Tell Rifaat", "Bay of Pigs", "Ras al Ain").
func (s *scan) keyInner(j int) bool {
	if s.keyCap[j] {
		return true
	}
	w := s.text[s.keySpan[j].Start:s.keySpan[j].End]
	return isParticle(w) || s.keys[j] == "al"
}

// recognise finds mentions leftmost-longest.
func (s *scan) recognise() {
	accept := func(end int) bool { return s.keyCap[end-1] }
	for i := 0; i < len(s.keys); {
		startOK := s.keys[i] != "" && (s.keyCap[i] ||
			s.keys[i] == "al" && i+1 < len(s.keys) && s.keyTok[i+1] == s.keyTok[i] && s.keyCap[i+1])
		if !startOK {
			i++
			continue
		}
		// a name runs over capitalised parts and particles only
		limit := i + 1
		for limit < len(s.keys) && limit-i < 16 && !s.keyBreak[limit] && s.keyInner(limit) {
			limit++
		}
		n0 := len(s.cands)
		bestEnd := -1
		switch {
		case limit > i+1:
			s.cands, bestEnd = s.g.AppendLongest(s.cands, s.keys[:limit], i, accept)
		case s.keyCap[i]:
			// a word alone, as most names and words tried are
			var ok bool
			if s.cands, ok = s.appendWordCands(s.cands, s.keys[i:i+1]); ok {
				bestEnd = i + 1
			}
		}
		possessive := false
		if j := s.possessiveKey(i, limit); j >= 0 && bestEnd <= j {
			// "Syrias Raqqa": no name runs over the word with its s
			n1 := len(s.cands)
			if end := s.matchPossessive(i, j); end > 0 {
				s.cands = append(s.cands[:n0], s.cands[n1:]...)
				bestEnd, possessive = end, true
			}
		}
		if bestEnd < 0 {
			i++
			continue
		}
		t, lastTok := s.keyTok[i], s.keyTok[bestEnd-1]
		m := mention{first: t, last: lastTok, k0: i, k1: bestEnd, parent: -1, entry: -1,
			span:  doc.Span{Start: s.keySpan[i].Start, End: s.keySpan[bestEnd-1].End},
			cands: s.cands[n0:len(s.cands):len(s.cands)]}
		m.partial = m.span.Start != s.toks[t].Start || m.span.End != s.toks[lastTok].End
		if possessive {
			m.possessive = true
			m.partial = m.span.Start != s.toks[t].Start || m.span.End+1 != s.toks[lastTok].End
		}
		// keys folded from one part ("Ha.AA2") share its span: keep
		// mentions disjoint
		if n := len(s.mentions); n == 0 || s.mentions[n-1].span.End <= m.span.Start {
			s.mentions = append(s.mentions, m)
		} else {
			s.cands = s.cands[:n0]
		}
		i = bestEnd
	}
	s.classify()
	for _, rule := range recognitionRules {
		for k := range s.mentions {
			if !s.mentions[k].drop && rule.fn(s, k) {
				s.mentions[k].drop = true
			}
		}
	}
	s.compact()
	s.addParentAbbrevs()
	s.link()
}

// classify splits demonyms from places and reads the context words.
func (s *scan) classify() {
	for k := range s.mentions {
		m := &s.mentions[k]
		// demonyms, when there are any, in place of the places
		if slices.ContainsFunc(m.cands, func(c gazetteer.Candidate) bool { return c.Demonym }) {
			m.demonym = true
			m.setCands(slices.DeleteFunc(m.cands, func(c gazetteer.Candidate) bool { return !c.Demonym }))
		}
		m.attribute = s.attributeAt(m)
		prev := s.lowerWord(m.first - 1)
		prev2 := s.lowerWord(m.first - 2)
		next := s.lowerWord(m.last + 1)
		switch next {
		case "province", "governorate", "state", "region", "oblast", "prefecture", "department":
			m.hint = "admin1"
		case "countryside", "district", "county", "area", "suburbs", "parish", "borough", "township", "municipality":
			m.hint = "local"
		case "city", "town", "village":
			m.hint = "town"
		}
		if prev == "(" && m.first >= 2 && s.isCap(m.first-2) {
			// "at Kober Prison (Khartoum North)", "Yangi village
			// (Qaysar)": a name in brackets after a proper name or a
			// place's type word says where that is
			m.cue = true
		}
		switch prev {
		case "in", "near", "from", "outside", "across", "into", "at", "to", "around", "toward", "towards", "of", "northern", "southern", "eastern", "western", "central", "rural":
			m.cue = true
		}
		switch prev {
		case "in", "near", "outside", "across", "into", "around", "toward", "towards", "northern", "southern", "eastern", "western", "central", "rural",
			"lake", "mount", "river", "port", "fort", "cape", "gulf":
			m.locCue = true
		}
		if prev == "of" {
			switch prev2 {
			case "town", "city", "village", "villages", "towns", "cities", "community", "communities", "municipality", "province", "governorate", "district", "neighbourhood", "neighborhood", "suburb", "outskirts", "capital", "region", "area", "state":
				m.cue = true
				m.locCue = true
				if prev2 == "town" || prev2 == "city" || prev2 == "village" || prev2 == "capital" {
					m.hint = "town"
				}
				if prev2 == "province" || prev2 == "governorate" || prev2 == "state" {
					m.hint = "admin1"
				}
			}
		}
	}
}

// link reads the explicit hierarchy, "X, Y" and "X in Y", once the
// rules have dropped what is no place ("Donga LGA (Taraba)": LGA is
// not between Donga and its state); a list after a cue shares it: "in
// Moonbi, Parkes, Berry and Wyong".
func (s *scan) link() {
	for k := 1; k < len(s.mentions); k++ {
		a, b := &s.mentions[k-1], &s.mentions[k]
		if b.span.Start < a.span.End {
			continue
		}
		between := strings.TrimSpace(s.text[a.span.End:b.span.Start])
		switch between {
		case ",", "and", ", and", "or", ", or":
			b.cue = b.cue || a.cue
			b.locCue = b.locCue || a.locCue
		}
		if parentSeparator(between) {
			a.parent = k
		}
		// "Donga LGA (Taraba)", "Badah town (Larkana, Sindh)": the
		// brackets may follow a type word
		between = cutTypeWord(between)
		if between == "(" {
			a.parent = k
		}
		// "X (Z, Y)" with Z no known place: X is in Y
		if strings.HasPrefix(between, "(") && strings.HasSuffix(between, ",") && len(between) < 40 &&
			!strings.ContainsAny(between, ")\n") && closesBracket(s.text[b.span.End:]) {
			a.parent = k
		}
		// "X (Z, Y)": X is in Y as well as in Z, the district
		// named after it; "Kwal district (Bassa LGA, Plateau)"
		if between == "(" && k+1 < len(s.mentions) {
			c := &s.mentions[k+1]
			if c.span.Start >= b.span.End && cutTypeWord(strings.TrimSpace(s.text[b.span.End:c.span.Start])) == "," &&
				closesBracket(s.text[c.span.End:]) {
				a.parent = k + 1
			}
		}
	}
}

// parentTypeWords are the words that may follow a place's name to say what
// kind of place it is, before its parent: "Chora district, Urozgan",
// "Donga LGA (Taraba)".
var parentTypeWords = map[string]bool{
	"district": true, "city": true, "town": true, "village": true, "area": true, "county": true,
	"municipality": true, "province": true, "region": true, "state": true, "department": true,
	"governorate": true, "commune": true, "township": true, "subdistrict": true, "sub-district": true,
	"lga": true, "locality": true, "tehsil": true, "woreda": true, "upazila": true, "prefecture": true,
}

// cutTypeWord returns between without a type word at its start ("town
// (" is "("), or between itself.
func cutTypeWord(between string) string {
	end := strings.IndexAny(between, " ,(")
	if end <= 0 || end > 14 || !parentTypeWords[strings.ToLower(between[:end])] {
		return between
	}
	return strings.TrimLeft(between[end:], " ")
}

// closesBracket reports whether rest, the text after a name, closes a
// bracket, maybe after a type word: ")", " State)".
func closesBracket(rest string) bool {
	rest = strings.TrimLeft(rest, " ")
	if strings.HasPrefix(rest, ")") {
		return true
	}
	return strings.HasPrefix(cutTypeWord(rest), ")")
}

// parentSeparator reports whether the text between two names makes the
// second the first's parent: "X, Y", "X in Y", "X (Y)", "Gardez city,
// Paktia", "Chora district, Urozgan".
func parentSeparator(between string) bool {
	switch between {
	case ",", "in", ", in", "(", "located in", ", located in":
		return true
	}
	return strings.HasSuffix(between, ",") && cutTypeWord(between) == ","
}

func (s *scan) compact() {
	out := s.mentions[:0]
	s.remap = slices.Grow(s.remap[:0], len(s.mentions))[:len(s.mentions)]
	remap := s.remap
	for k, m := range s.mentions {
		if m.drop {
			remap[k] = -1
			continue
		}
		remap[k] = len(out)
		out = append(out, m)
	}
	for k := range out {
		if p := out[k].parent; p >= 0 {
			out[k].parent = remap[p]
		}
	}
	s.mentions = out
}

// prior is how likely an entry is to be meant, before context.
func prior(e *gazetteer.Entry) float64 {
	var f float64
	switch {
	case e.IsCountry():
		f = 14 // above any city of the same name: Mexico, Djibouti
	case e.Feature == gazetteer.FeatureContinent:
		f = 11
	case e.IsAdmin1():
		f = 8.5
	case e.Feature == "L.RGN", seaOrLand(e):
		// a region, sea or island the supplement names is meant
		// over a village of its name: the Pacific is not Pacific,
		// Missouri
		f = 8
	case capital(e):
		f = 8
	case e.Feature == "P.PPLA":
		f = 5
	case e.Feature == "P.PPLA2":
		f = 3
	case strings.HasPrefix(e.Feature, "S."):
		f = 6 // supplement sites: named only when meant
	case e.Feature == "P.PPLX":
		f = 0.5
	default:
		f = 1.5
	}
	return f + 1.2*math.Log10(float64(e.Population)+1)
}

// seaOrLand reports whether e is an ocean or sea, or a gulf, lake,
// island or peninsula of the supplement (no GeoNames id): areas, not
// points, that news names as such. An imported dump's thousands of
// islets and ponds keep the low prior of any small place.
func seaOrLand(e *gazetteer.Entry) bool {
	switch e.Feature {
	case "H.OCN", "H.SEA":
		return true
	case "H.GULF", "H.BAY", "H.STRT", "H.LK", "T.ISL", "T.ISLS", "T.PEN":
		return e.ID == 0
	}
	return false
}

// capital reports whether e is a capital or a seat of government: La
// Paz (PPLG) is Bolivia's as much as Sucre, and far better known than
// La Paz, Baja California Sur.
func capital(e *gazetteer.Entry) bool {
	return e.Feature == gazetteer.FeatureCapital || e.Feature == "P.PPLG"
}

// strong reports whether an entry is well known enough to be reported with
// no support from the document.
func (s *scan) strong(e *gazetteer.Entry) bool { return s.p.strong(e) }

// strong is scan.strong, for the caseless reader, which runs before
// the scan.
func (p *Geoparser) strong(e *gazetteer.Entry) bool {
	return !strings.HasPrefix(e.Feature, "P.") || capital(e) ||
		e.Feature == "P.PPLA" || e.Population >= p.opts.MinPopulation
}

// km is the great-circle distance.
func km(lat1, lon1, lat2, lon2 float64) float64 {
	if d := lat1 - lat2; d > 5 || d < -5 {
		return 111 * math.Abs(d) // far enough apart for every use here
	}
	const r = math.Pi / 180
	a := math.Sin((lat2-lat1)*r/2)*math.Sin((lat2-lat1)*r/2) +
		math.Cos(lat1*r)*math.Cos(lat2*r)*math.Sin((lon2-lon1)*r/2)*math.Sin((lon2-lon1)*r/2)
	return 12742 * math.Asin(math.Min(1, math.Sqrt(a)))
}

// site is a place with the cosine of its latitude, which km needs for
// every pair of places.
type site struct {
	e   *gazetteer.Entry
	cos float64 // NaN until needed
}

func newSite(e *gazetteer.Entry) site { return site{e: e, cos: math.Cos(e.Lat * (math.Pi / 180))} }

// km is km(a.e.Lat, a.e.Lon, b.e.Lat, b.e.Lon), computed the same way
// (the same operations in the same order, so to the same bit) with the
// cosines kept; a's is computed on first use.
func (a *site) km(b site) float64 {
	lat1, lon1, lat2, lon2 := a.e.Lat, a.e.Lon, b.e.Lat, b.e.Lon
	if d := lat1 - lat2; d > 5 || d < -5 {
		return 111 * math.Abs(d) // far enough apart for every use here
	}
	if a.cos != a.cos {
		a.cos = math.Cos(lat1 * (math.Pi / 180))
	}
	const r = math.Pi / 180
	sl := math.Sin((lat2 - lat1) * r / 2)
	so := math.Sin((lon2 - lon1) * r / 2)
	h := sl*sl + a.cos*b.cos*so*so
	return 12742 * math.Asin(math.Min(1, math.Sqrt(h)))
}

// resolve picks an entry for every mention, in two passes: the first by
// prior, hints and the document's countries; the second adds the explicit
// hierarchy and distance to the places the first pass resolved.
func (s *scan) resolve() {
	for k := range s.mentions {
		s.prepare(&s.mentions[k])
	}
	// countries the document is about, from its unambiguous, strong mentions
	total := 0.0
	for k := range s.mentions {
		m := &s.mentions[k]
		best, _ := s.pick(m, nil)
		if best < 0 {
			continue
		}
		e := s.g.Entry(best)
		if m.attribute {
			continue // "US-led": whose, not where the story is
		}
		if s.strong(e) && !(s.strongByPopulation(e) && s.fuzzy(m, e)) || m.demonym {
			s.focus.set(e.Country, s.focus.get(e.Country)+1)
			total++
		}
	}
	for c, f := range s.focus.m {
		s.focus.set(c, f/total)
	}
	s.first = slices.Grow(s.first[:0], len(s.mentions))[:len(s.mentions)]
	first := s.first
	for k := range s.mentions {
		first[k], _ = s.pick(&s.mentions[k], nil)
	}
	s.unlinkLists(first)
	s.resolveParents(first)
	// The distinct places of the first pass: a long document names the
	// same few places many times, and each candidate is compared with
	// each of them.
	others, divisions := s.others[:0], s.divisions[:0]
	seen := s.seen
	for k, o := range first {
		if o < 0 || s.mentions[k].demonym || seen[o] {
			continue
		}
		seen[o] = true
		switch oe := s.g.Entry(o); {
		case oe.IsAdmin1():
			divisions = append(divisions, newSite(oe))
			others = append(others, newSite(oe))
		case !oe.IsCountry():
			others = append(others, newSite(oe))
		}
	}
	s.others, s.divisions = others, divisions
	// countries the document names, as countries or by their divisions
	named := &s.named
	// the distinct places of the first pass, by country
	present := &s.present
	clear(seen)
	for k, o := range first {
		if o >= 0 && !seen[o] {
			seen[o] = true
			oe := s.g.Entry(o)
			present.set(oe.Country, present.get(oe.Country)+1)
			if !oe.IsCountry() {
				s.local[oe.Country]++
			}
		}
		if o >= 0 && !s.mentions[k].demonym {
			if oe := s.g.Entry(o); !oe.IsCountry() && s.strong(oe) {
				s.strongLocal[oe.Country] = true
			}
		}
		if o >= 0 && !s.mentions[k].demonym {
			if oe := s.g.Entry(o); oe.IsCountry() || oe.IsAdmin1() {
				named.set(oe.Country, true)
			}
		}
	}
	for k := range s.mentions {
		m := &s.mentions[k]
		nameIsCountry := s.countryOrContinent(m)
		// whether a candidate lies in a country the document names or
		// places something in
		inRegion := false
		for _, c := range m.cands {
			if e := s.g.Entry(c.Entry); named.get(e.Country) || present.get(e.Country) > 0 && first[k] != c.Entry {
				inRegion = true
				break
			}
		}
		listKind := s.listKind(k, first)
		m.entry, m.score = s.pick(m, func(e *gazetteer.Entry) float64 {
			bonus := 0.0
			if inRegion && !named.get(e.Country) && present.get(e.Country) == 0 && !e.IsCountry() && s.fuzzy(m, e) {
				// "Gorgan" near Fuzuli, Azerbaijan, is not Kurgan,
				// Russia: a transliteration match abroad is weak
				bonus -= 6
			}
			if named.get(e.Country) && !nameIsCountry {
				// London in a story that names Canada or Ontario and
				// never Britain: a local story about London, Ontario.
				// Not for a country's name: Mexico, Niger.
				bonus += namedBonus
			}
			if listKind >= 0 && kindOf(e) == listKind {
				// "Ohio, Oklahoma, Washington and Wisconsin": an
				// item of a list of states is a state, even one
				// named like the capital
				bonus += listBonus
			}
			if m.holds >= 0 && e == s.g.Entry(m.holds) {
				bonus += 8
			}
			if m.area >= 0 {
				if inside(e, s.g.Entry(m.area)) {
					bonus += 8
				}
			} else if m.parent >= 0 && first[m.parent] >= 0 {
				pe := s.g.Entry(first[m.parent])
				switch {
				case pe.IsCountry() && e.Country == pe.Country:
					bonus += 6
				case !pe.IsCountry() && e.Country == pe.Country && km(e.Lat, e.Lon, pe.Lat, pe.Lon) < 350:
					bonus += 6
				}
			}
			es := site{e: e, cos: math.NaN()}
			// the region the document is about: a division it names
			// that contains the candidate (London in an Ontario story)
			for _, o := range divisions {
				if m.holds >= 0 {
					// "Ourinhos, Sao Paulo": the parent is the
					// division holding its town, not the city in it
					break
				}
				if o.e != e && o.e.Country == e.Country && (e.Admin1 != "" && o.e.Admin1 != "" && !e.IsAdmin1() && e.Admin1 == o.e.Admin1 ||
					(e.Admin1 == "" || o.e.Admin1 == "") && es.km(o) < 400) {
					bonus += 4
					break
				}
			}
			near := 0.0
			for _, o := range others {
				if o.e == e {
					continue
				}
				if dl := e.Lat - o.e.Lat; dl > 2.7 || dl < -2.7 {
					continue // over 300 km (111.19 km a degree of latitude at the least)
				}
				if d := es.km(o); d < 300 {
					near = math.Max(near, 2.5*(1-d/300))
				}
			}
			return bonus + near
		})
	}
	topFocus := 0.0
	for _, f := range s.focus.m {
		topFocus = max(topFocus, f)
	}
	// weak mentions need support: a focus country, a cue or a parent
	for k := range s.mentions {
		m := &s.mentions[k]
		if m.entry < 0 || m.drop {
			m.drop = true // or taken into the mention before it
			continue
		}
		e := s.g.Entry(m.entry)
		if !m.demonym && s.featureCompound(m, e, first[k]) {
			continue
		}
		fuzzy := !m.demonym && !s.curated(m, m.entry) && s.fuzzy(m, e)
		parentAbroad := m.parent >= 0 && first[m.parent] >= 0 && s.g.Entry(first[m.parent]).Country != e.Country
		if fuzzy && !e.IsCountry() && (parentAbroad || !s.seat(e) && (s.elsewhere(e.Country, first[k]) ||
			!s.strong(e) && m.k1-m.k0 == 1 && s.focus.get(e.Country) < topFocus && s.nothingLocal(e.Country, first[k]))) {
			// "Kahira (Rutshuru, Nord-Kivu)" is not Cairo, "Gazipur
			// (Gazipur, Dhaka)" not Ghazipur, India: a name only
			// folded like a place (or one of its foreign names) in
			// another country than its parent's is another place; so
			// is a small one abroad while the text is elsewhere.
			// Geneva in a story on Syria stays Genève. For a
			// small town of one word outside the country the story is most
			// about, naming its country only is no support, cue or
			// none: "the village of Tokhar" in a story on Syria
			// that names the US as a party is not Toquerville,
			// Utah.
			m.drop = true
			continue
		}
		if (capital(e) || e.IsAdmin1()) && !m.demonym && s.elsewhere(e.Country, first[k]) && s.groupWord(m) {
			// "a Roma camp in Holosiivskyi district of Kyiv": a
			// capital's or a division's name (Roma, Rome and its
			// province in Italian), abroad, where a people's name
			// goes, is that people, not the place
			m.drop = true
			continue
		}
		if m.partial && !m.demonym && !e.IsCountry() && e.Country != "" && s.elsewhere(e.Country, first[k]) {
			// "Kolofata town (Mayo-Sava, Extreme-Nord)": a piece of
			// a hyphenated name is not a division or town in a
			// country the text puts nothing else in (County Mayo,
			// Sava in Madagascar); "Russia-Turkey" and "the
			// Kabul-Jalalabad road" keep theirs
			m.drop = true
			continue
		}
		if (parentAbroad || s.outside(e, first, m.parent)) && strings.HasPrefix(e.Feature, "P.") && !capital(e) && !m.demonym && s.area(first[m.parent]) &&
			!s.mentions[m.parent].demonym && !s.listed(k) && s.chainEnds(m.parent, first) {
			// "San Miguel, Puno", "El Refugio (Ahuachapan)": a town
			// the text puts in a division or country is not its
			// namesake abroad, however large; the gazetteer lacks the
			// one meant
			m.drop = true
			continue
		}
		if !m.demonym && !s.strong(e) && len(named.m) > 0 && !named.get(e.Country) && !(m.parent >= 0 && !parentAbroad) &&
			s.elsewhere(e.Country, first[k]) {
			// "Vostok village ... in Chui region": a small town in
			// a country the text neither names nor places anything
			// else in, while it names others, is a namesake
			m.drop = true
			continue
		}
		if m.demonym || s.strong(e) && !(fuzzy && s.strongByPopulation(e)) {
			continue
		}
		if s.exactCue(m, e) {
			continue
		}
		supported := s.focus.get(e.Country) >= 0.15 || m.parent >= 0 || m.hint != ""
		for _, o := range s.divisions {
			// in a division the document names: Edmonton in a
			// story that names Essex
			if !supported && e.Admin1 != "" && inside(e, o.e) {
				supported = true
			}
		}
		if len(s.keysOf(m)) > 1 && (m.cue || s.focus.get(e.Country) > 0) {
			supported = true // "Khan Shaykhun": a multi-word name is rarely anything else
		}
		if m.cue && s.focus.get(e.Country) > 0 {
			supported = true
		}
		if m.first == m.last && !m.partial && s.givenName(m.first) {
			// "Dora", "Amber", "Lynn": a lone given name is a person's
			// unless the text says a place follows ("in Dora").
			supported = m.parent >= 0 || m.hint != "" || m.locCue
		}
		if !supported {
			m.drop = true
		}
	}
	s.compact()
}

// groupNouns after a name make it a people's or a community's: "a Roma
// camp", "Roma families".
var groupNouns = map[string]bool{
	"camp": true, "camps": true, "community": true, "communities": true, "people": true, "families": true,
	"family": true, "settlement": true, "settlements": true, "minority": true, "children": true,
	"women": true, "men": true, "man": true, "woman": true, "quarter": true,
}

// groupWord reports whether mention m stands where a people's name goes:
// before a noun for a group of people or their settlement ("a Roma
// camp", "Roma families").
func (s *scan) groupWord(m *mention) bool {
	return groupNouns[s.lowerWord(m.last+1)]
}

// kindOf is 0 for a country, 1 for a first-level division and 2 for
// any other place: list items are of one kind.
func kindOf(e *gazetteer.Entry) int {
	switch {
	case e.IsCountry():
		return 0
	case e.IsAdmin1():
		return 1
	}
	return 2
}

// listKind returns the kind (see kindOf) of the areas mention k is
// listed with (run unlinkLists first: a link left is a parent), when the first pass made both its neighbours in the list
// (or its one neighbour) countries or divisions of one kind, else -1.
func (s *scan) listKind(k int, first []int32) int {
	kind := -1
	for _, j := range [2]int{k - 1, k + 1} {
		if j < 0 || j >= len(s.mentions) || !s.listed(max(j, k)) || first[j] < 0 || s.mentions[j].demonym ||
			s.mentions[k].parent == j || s.mentions[j].parent == k {
			continue // "Glasgow, Ky.": a parent, not a list
		}
		kj := kindOf(s.g.Entry(first[j]))
		if kj == 2 || kind >= 0 && kj != kind {
			return -1
		}
		kind = kj
	}
	return kind
}

// unlinkLists undoes the parent links that are list commas: in "Ohio,
// Oklahoma, Pennsylvania and Texas" Oklahoma is not in Pennsylvania,
// in "in Washington, Pennsylvania and California" Washington is not
// either. A link stays when the parent ends the names ("Stroud,
// Ontario") or goes on with its own parent ("Stroud, Ontario, Canada"),
// when the next item is of another kind ("Kabul, Afghanistan, and
// Islamabad") and when the parent is of another kind than the items
// ("Nashville and Cordova, Tennessee").
func (s *scan) unlinkLists(first []int32) {
	for k := range s.mentions {
		m := &s.mentions[k]
		p := m.parent
		if p != k+1 || first[k] < 0 || first[p] < 0 {
			continue
		}
		kp := kindOf(s.g.Entry(first[p]))
		kk := kindOf(s.g.Entry(first[k]))
		if s.listed(k) && first[k-1] >= 0 && kindOf(s.g.Entry(first[k-1])) == kk && kk == kp ||
			p+1 < len(s.mentions) && s.listed(p+1) && first[p+1] >= 0 && kindOf(s.g.Entry(first[p+1])) == kp &&
				!s.chainEnds(p, first) {
			m.parent = -1
		}
	}
}

// listed reports whether mention k follows another after a comma or
// "and": "Zaire, Bundibugyo, Ivory Coast" is a list, so the name after
// a town need not be its parent.
func (s *scan) listed(k int) bool {
	if k == 0 {
		return false
	}
	switch strings.TrimSpace(s.text[s.mentions[k-1].span.End:s.mentions[k].span.Start]) {
	case ",", "and", ", and", "or", ", or":
		return true
	}
	return false
}

// chainEnds reports whether mention p, a parent, ends the names it
// follows, or goes on with its own parent: "Stroud, Ontario, Canada",
// not "Queens, Long Island, New York, Boston".
func (s *scan) chainEnds(p int, first []int32) bool {
	if p+1 >= len(s.mentions) {
		return true
	}
	switch strings.TrimSpace(s.text[s.mentions[p].span.End:s.mentions[p+1].span.Start]) {
	case ",", "and", ", and", "or", ", or":
	default:
		return true
	}
	q := s.mentions[p].parent
	return q == p+1 && first[p] >= 0 && first[q] >= 0 && inside(s.g.Entry(first[p]), s.g.Entry(first[q]))
}

// outside reports whether e lies in another first-level division (by
// admin1 code) than mention p's, its explicit parent: "Laurel County,
// Ky." is not Laurel, Maryland.
func (s *scan) outside(e *gazetteer.Entry, first []int32, p int) bool {
	if p < 0 || first[p] < 0 {
		return false
	}
	a := s.g.Entry(first[p])
	// far from its point too: codes drawn from Natural Earth's
	// polygons miss now and then, and texts misname a town's
	// division (Ambato, Tungurahua lies in the province by any
	// measure)
	return a.IsAdmin1() && a.Admin1 != "" && e.Admin1 != "" && e.Country == a.Country && e.Admin1 != a.Admin1 &&
		km(e.Lat, e.Lon, a.Lat, a.Lon) > 300
}

// area reports whether entry is a country or a first-level division, or
// the seat of one.
func (s *scan) area(entry int32) bool {
	e := s.g.Entry(entry)
	return e.IsCountry() || e.IsAdmin1() || seatOf(e)
}

// elsewhere reports whether the first pass put the document's places in
// other countries and none in country but own, the mention's own pick.
func (s *scan) elsewhere(country string, own int32) bool {
	n := s.present.get(country)
	if own >= 0 && s.g.Entry(own).Country == country {
		n--
	}
	if n > 0 {
		return false
	}
	for c, v := range s.present.m {
		if c != country && v > 0 {
			return true
		}
	}
	return false
}

// nothingLocal reports whether the first pass placed nothing in country
// but the country itself, leaving out own (the mention's own pick, however
// often it is named), while it placed a well-known town or division
// elsewhere: a story on Syria that names the United States as a party.
func (s *scan) nothingLocal(country string, own int32) bool {
	n := s.local[country]
	if own >= 0 {
		if oe := s.g.Entry(own); oe.Country == country && !oe.IsCountry() {
			n--
		}
	}
	if n > 0 {
		return false
	}
	for c, ok := range s.strongLocal {
		if c != country && ok {
			return true
		}
	}
	return false
}

// fuzzy reports whether m names e only through its folded form or an
// alternate name: "Pothia" for Puthia, "Kahira" for Cairo.
func (s *scan) fuzzy(m *mention, e *gazetteer.Entry) bool {
	return !s.lightIs(e.Name, s.surface(m))
}

// curated reports whether m's candidate entry came from a hand-written
// name.
func (s *scan) curated(m *mention, entry int32) bool {
	for _, c := range m.cands {
		if c.Entry == entry && c.Curated {
			return true
		}
	}
	return false
}

// seat reports whether e is a capital or a first-level seat, whose
// foreign names (Geneva for Genève) English text uses.
func (s *scan) seat(e *gazetteer.Entry) bool {
	return capital(e) || e.Feature == "P.PPLA" || !strings.HasPrefix(e.Feature, "P.")
}

// strongByPopulation reports whether e is strong (see strong) only by
// its population, not as a country, area, capital or seat.
func (s *scan) strongByPopulation(e *gazetteer.Entry) bool {
	return strings.HasPrefix(e.Feature, "P.") && !capital(e) && e.Feature != "P.PPLA"
}

// exactCue reports whether m is a place's own name, spelled as the
// gazetteer spells it, after a word that can only introduce a place:
// "shelling near Popasna", "in the village of Serhiivka". One-sentence
// reports often name no other place to support it.
func (s *scan) exactCue(m *mention, e *gazetteer.Entry) bool {
	if !m.locCue && s.lowerWord(m.first-1) != "at" {
		return false
	}
	if m.first == m.last && !m.partial && s.givenName(m.first) {
		return false
	}
	return !s.fuzzy(m, e)
}

// listBonus favours a candidate of the kind of its list neighbours: it
// outweighs a capital's lead over the division named like it.
const listBonus = 8.0

// namedBonus favours a candidate in a country the document names. On
// the development sets any value from 3 to 5 gives the same results.
const namedBonus = 4.0

func (s *scan) keysOf(m *mention) []string { return s.keys[m.k0:m.k1] }

// prepare fills m.prior and m.boost, the parts of a candidate's score
// that do not change while the mention is resolved.
func (s *scan) prepare(m *mention) {
	n0 := len(s.priors)
	hasAdmin1 := false
	for _, c := range m.cands {
		e := s.g.Entry(c.Entry)
		hasAdmin1 = hasAdmin1 || e.IsAdmin1()
		s.priors = append(s.priors, prior(e))
	}
	capitalTwin := s.twins
	clear(capitalTwin)
	for _, c := range m.cands {
		if !hasAdmin1 {
			break
		}
		if e := s.g.Entry(c.Entry); capital(e) || e.Feature == "P.PPLA" {
			capitalTwin[e.Country+" "+s.lightName(e.Name)] = true
		}
	}
	for _, c := range m.cands {
		// a division of the country the document is about beats a
		// foreign country or a town of the same name: Georgia or
		// California in a US story. Not a division named after its
		// capital in the same country: Damascus, Aleppo and Idlib
		// are cities first (Florida, Uruguay's capital, does not
		// make the US state one).
		e := s.g.Entry(c.Entry)
		s.boosts = append(s.boosts, e.IsAdmin1() && (len(capitalTwin) == 0 || !capitalTwin[e.Country+" "+s.lightName(e.Name)]))
	}
	exact := s.text[m.span.Start:m.span.End]
	for _, c := range m.cands {
		e := s.g.Entry(c.Entry)
		// the hint's bonus, added as such (adding nothing changes no score)
		b := 0.0
		switch m.hint {
		case "admin1":
			if e.IsAdmin1() {
				b = 8
			}
		case "town":
			if strings.HasPrefix(e.Feature, "P.") {
				b = 3
			}
		case "local":
			if !e.IsCountry() {
				b = 2
			}
		}
		s.hintBonus = append(s.hintBonus, b)
		s.exact = append(s.exact, strings.EqualFold(e.Name, exact))
	}
	n1 := len(s.priors)
	m.prior, m.boost = s.priors[n0:n1:n1], s.boosts[n0:n1:n1]
	m.hintBonus, m.exact = s.hintBonus[n0:n1:n1], s.exact[n0:n1:n1]
}

// pick returns the best-scoring candidate of m and its score.
func (s *scan) pick(m *mention, extra func(*gazetteer.Entry) float64) (int32, float64) {
	best, bestScore := int32(-1), math.Inf(-1)
	for i, c := range m.cands {
		e := s.g.Entry(c.Entry)
		sc := s.baseScore(m, i, e)
		if extra != nil {
			sc += extra(e)
		}
		if sc > bestScore {
			best, bestScore = c.Entry, sc
		}
	}
	return best, bestScore
}

// baseScore is candidate i's score before the other places are known.
func (s *scan) baseScore(m *mention, i int, e *gazetteer.Entry) float64 {
	sc := m.prior[i] + 6*s.focus.get(e.Country)
	if m.boost[i] {
		sc += 10 * s.focus.get(e.Country)
	}
	if b := m.hintBonus[i]; b != 0 {
		sc += b
	}
	if m.exact[i] {
		sc += 1.5 // spelled as the gazetteer spells it
	}
	if m.cands[i].Curated {
		sc += 3 // a hand-written name: "US" is the country, not Oss
	}
	return sc
}

// inside reports whether e lies in the country or first-level division
// a: in its GeoNames admin1 division when both have a code, else in its
// country and within 350 km of a division's point.
func inside(e, a *gazetteer.Entry) bool {
	if e == a || e.Country != a.Country || e.IsCountry() {
		return false
	}
	switch {
	case a.IsCountry():
		return true
	case seatOf(a):
		// "San Miguel, Puno": a first-level seat named after its
		// division stands for it
		return e.Admin1 != "" && e.Admin1 == a.Admin1 && !e.IsAdmin1()
	case county(a):
		// "Austin, in Scott County, Indiana": a town of the
		// county's state near its centre (the gazetteer has no
		// second-level codes for towns)
		return strings.HasPrefix(e.Feature, "P.") && e.Admin1 != "" && e.Admin1 == a.Admin1 &&
			km(e.Lat, e.Lon, a.Lat, a.Lon) < countyRadius
	case !a.IsAdmin1():
		return false
	case e.IsAdmin1():
		return false
	case e.Admin1 != "" && a.Admin1 != "":
		return e.Admin1 == a.Admin1
	}
	return km(e.Lat, e.Lon, a.Lat, a.Lon) < 350
}

// county reports whether e is a second-level division with a
// first-level code: a US county.
func county(e *gazetteer.Entry) bool { return e.Feature == "A.ADM2" && e.Admin1 != "" }

// countyRadius bounds the distance in km from a county's centre to a town
// in it: the largest counties east of the Rockies are about 100 km across.
const countyRadius = 60

// seatOf reports whether e is the seat of a first-level division, which
// the division's name often means: "X, Puno" is X in Puno region.
func seatOf(e *gazetteer.Entry) bool {
	return e.Feature == "P.PPLA" && e.Admin1 != ""
}

// resolveParents reads "X, Y", "X (Y)" and "X in Y" together: of the
// pairs of a candidate of X and a country or division Y that holds it,
// the best-scoring one sets Y (first[parent]) and the area X's candidates
// must lie in (m.area). "Santarem, Para" is Santarém in the Brazilian
// state of Pará, not Santarém, Portugal, and Para, Suriname; "San Juan
// (San Juan)" the Argentine city and province.
func (s *scan) resolveParents(first []int32) {
	for k := range s.mentions {
		m := &s.mentions[k]
		m.area, m.holds = -1, -1
	}
	for k := range s.mentions {
		m := &s.mentions[k]
		if m.parent < 0 || m.demonym || s.mentions[m.parent].demonym {
			continue
		}
		p := &s.mentions[m.parent]
		bestScore, bestArea := math.Inf(-1), int32(-1)
		// areas first; a seat stands for its division only when no
		// area holds the town: "Ourinhos, Sao Paulo" is in the state
		for _, seats := range [2]bool{false, true} {
			if bestArea >= 0 {
				break
			}
			for j, q := range p.cands {
				a := s.g.Entry(q.Entry)
				if seats != seatOf(a) || !seats && !a.IsCountry() && !a.IsAdmin1() && !county(a) {
					continue
				}
				qs := s.baseScore(p, j, a)
				for i, c := range m.cands {
					e := s.g.Entry(c.Entry)
					if sc := qs + s.baseScore(m, i, e); sc > bestScore && inside(e, a) {
						bestScore, bestArea = sc, q.Entry
					}
				}
			}
		}
		if bestArea >= 0 {
			m.area, p.holds = bestArea, bestArea
			first[m.parent] = bestArea
		}
	}
}

// precision maps a feature to a doc precision level.
func precision(e *gazetteer.Entry) string {
	switch {
	case e.IsCountry():
		return doc.PrecisionCountry
	case e.IsAdmin1():
		return doc.PrecisionAdmin1
	case strings.HasPrefix(e.Feature, "L."), strings.HasPrefix(e.Feature, "H."), strings.HasPrefix(e.Feature, "T."):
		// a region, a sea, an island: an area, not a point
		return doc.PrecisionRegion
	case strings.HasPrefix(e.Feature, "A."), e.Feature == "P.PPLX":
		return doc.PrecisionDistrict
	case strings.HasPrefix(e.Feature, "P."):
		return doc.PrecisionTown
	default:
		return doc.PrecisionPoint
	}
}

func (s *scan) appendOutput(out []doc.Place) []doc.Place {
	out = slices.Grow(out, len(s.mentions)+len(s.mentions)/4)
	for k := range s.mentions {
		m := &s.mentions[k]
		if m.demonym && s.p.opts.NoDemonyms {
			continue
		}
		if m.unresolved {
			// a place the gazetteer lacks: its name, no point
			out = append(out, doc.Place{Span: m.span, Kind: "place"})
			continue
		}
		e := s.g.Entry(m.entry)
		pl := doc.Place{
			Span: m.span, Kind: "place", Name: e.Name, GeonameID: e.ID,
			Lat: e.Lat, Lon: e.Lon, Country: e.Country, Feature: e.Feature,
			Precision: precision(e), Resolved: true,
			Score: 1 - math.Exp(-math.Max(m.score, 0)/10),
		}
		if m.demonym {
			pl.Kind = "demonym"
			pl.Precision = doc.PrecisionCountry
		}
		if m.attribute {
			// "US-led": whose, not where (see attribute.go)
			if s.p.opts.NoDemonyms {
				continue
			}
			pl.Kind = "demonym"
		}
		if e.IsAdmin1() {
			pl.Admin1 = e.Name
		}
		out = append(out, pl)
		if m.attribute {
			continue
		}
		if rel, ok := s.relation(k); ok {
			out = append(out, rel)
		}
	}
	return out
}

// countryTable maps country codes to values. The resolver asks about a
// candidate's country for every candidate of every mention; a two-letter
// code's value is also kept in an array, which answers without hashing.
// The zero value is an empty table.
type countryTable[V float64 | int | bool] struct {
	// m holds every value, for ranging over
	m map[string]V
	a *[26 * 26]V
}

// countryIndex returns the array index of a code of two capitals.
func countryIndex(c string) (int, bool) {
	if len(c) != 2 || c[0] < 'A' || c[0] > 'Z' || c[1] < 'A' || c[1] > 'Z' {
		return 0, false
	}
	return int(c[0]-'A')*26 + int(c[1]-'A'), true
}

func (t *countryTable[V]) get(c string) V {
	if i, ok := countryIndex(c); ok {
		if t.a == nil {
			var zero V
			return zero
		}
		return t.a[i]
	}
	return t.m[c]
}

func (t *countryTable[V]) set(c string, v V) {
	if t.m == nil {
		t.m = make(map[string]V)
	}
	t.m[c] = v
	if i, ok := countryIndex(c); ok {
		if t.a == nil {
			t.a = new([26 * 26]V)
		}
		t.a[i] = v
	}
}

// reset empties the table, keeping its storage.
func (t *countryTable[V]) reset() {
	for c := range t.m {
		if i, ok := countryIndex(c); ok {
			var zero V
			t.a[i] = zero
		}
	}
	clear(t.m)
}
