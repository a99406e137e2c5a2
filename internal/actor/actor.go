// Package actor recognises the parties to events: state forces, rebel
// groups, militias, police, foreign forces, civilians, protesters,
// monitors, IGOs, NGOs and media. Known actors come from an embedded,
// editable dictionary (data/actors.tsv), plus any file of extra actors in
// the same format (ReadEntries, `--actors`), matched in one pass with the
// word-id trie (phrase.IDTrie); actors no dictionary lists are caught by
// patterns: "<nationality> troops/warplanes/militias/police", "pro-X
// forces", "forces loyal to Z", "unidentified gunmen".
package actor

import (
	"bufio"
	"context"
	_ "embed"
	"fmt"
	"os"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/phrase"
)

//go:embed data/actors.tsv
var actorsTSV string

//go:embed data/nationalities.tsv
var nationalitiesTSV string

//go:embed data/leaders.tsv
var leadersTSV string

// Actor types, as in doc.ActorMention.Type.
const (
	State      = "state"
	Rebel      = "rebel"
	Militia    = "militia"
	Police     = "police"
	Foreign    = "foreign"
	Civilians  = "civilians"
	Protesters = "protesters"
	Monitor    = "monitor"
	IGO        = "igo"
	NGO        = "ngo"
	Media      = "media"
	Political  = "political"
	Unknown    = "unknown"
)

var validTypes = map[string]bool{
	State: true, Rebel: true, Militia: true, Police: true, Foreign: true, Civilians: true,
	Protesters: true, Monitor: true, IGO: true, NGO: true, Media: true, Political: true, Unknown: true,
}

// Entry is one actor of the dictionary.
type Entry struct {
	Key, Name, Type, Country string
	Aliases                  []string
	// Backers are the states the actor fights for without being one of
	// their forces (the optional sixth field), as in
	// doc.ActorMention.Backers.
	Backers []string
}

// DataError locates a malformed line of a data file.
type DataError struct {
	File string
	Line int
	Msg  string
}

func (e *DataError) Error() string { return fmt.Sprintf("%s line %d: %s", e.File, e.Line, e.Msg) }

type nationality struct{ code, country string }

// alias is one phrase of the trie: the entry it names and, for short
// capitalised aliases ("IS", "AP"), the exact surface it needs.
type alias struct {
	entry int
	exact string
}

// Stage fills Document.Actors. It is safe for concurrent use.
type Stage struct {
	entries []Entry
	aliases []alias
	vocab   phrase.Vocab // the words of dict and nats
	dict    *phrase.IDTrie
	nats    *phrase.IDTrie
	natList []nationality
	// countries holds the country names of natList ("Iran" for
	// "Iran-backed"), with natList indexes as values.
	countries *phrase.IDTrie
	// leaders holds the heads of government of data/leaders.tsv, with
	// indexes of leaderList, their countries, as values.
	leaders    *phrase.IDTrie
	leaderList []string
	// codeCountry gives the country name of an ISO code ("SY": "Syria"),
	// byName the dictionary entry of a canonical name.
	codeCountry map[string]string
	byName      map[string]int
	// stripped maps the vocab id of a country's or leader's word with an
	// s added ("syrias") to the word's own id ("syria").
	stripped []int32
	// forcesID is the vocab id of "forces" (see attackerAt); attack
	// tells the ids of attackNouns.
	forcesID int32
	attack   []bool
	// genMilitary is the index of the generic military entry, or -1.
	genMilitary int
	// possessive tells the vocab ids of a force word with an s added
	// that is no word of its own ("armys", "regimes", "coalitions"):
	// the possessive with its apostrophe stripped (see splitPossessives).
	possessive []bool
	// starts tells the vocab ids of the words at which a pattern other
	// than the attacker's can start (see markStarts).
	starts []bool
	// known has the bit keyHash(w) set for every word w of vocab: a word
	// whose bit is clear is no word of it, found without the map.
	known []uint64
}

// New builds the stage from the embedded dictionary and the user's extra
// entries (ReadEntries), in the same format. An extra entry whose key is
// an embedded one's replaces it, so a user can rename, retype or re-alias
// an actor without rebuilding; any other is added.
func New(extra ...Entry) (*Stage, error) {
	entries, err := ParseEntries("actors.tsv", actorsTSV)
	if err != nil {
		return nil, fmt.Errorf("load actor dictionary: %w", err)
	}
	if len(extra) > 0 {
		byKey := make(map[string]int, len(entries))
		for i, e := range entries {
			byKey[e.Key] = i
		}
		for _, e := range extra {
			if i, ok := byKey[e.Key]; ok {
				entries[i] = e
				continue
			}
			byKey[e.Key] = len(entries)
			entries = append(entries, e)
		}
	}
	s := &Stage{entries: entries, vocab: phrase.Vocab{}, dict: phrase.NewIDTrie(), nats: phrase.NewIDTrie(),
		countries: phrase.NewIDTrie(), leaders: phrase.NewIDTrie(), codeCountry: map[string]string{}, byName: map[string]int{}, genMilitary: -1}
	for i, e := range entries {
		if e.Key == "gen.military" {
			s.genMilitary = i
		}
		if _, dup := s.byName[e.Name]; !dup {
			s.byName[e.Name] = i
		}
		for _, a := range append([]string{e.Name}, e.Aliases...) {
			keys := keysOf(a)
			if len(keys) == 0 {
				continue
			}
			exact := ""
			if isShortCaps(a) {
				exact = a
			}
			s.aliases = append(s.aliases, alias{entry: i, exact: exact})
			s.dict.Add(s.vocab, keys, int32(len(s.aliases)-1))
		}
	}
	s.forcesID = s.vocab["forces"]
	// attack nouns get ids so attackerAt can look ahead without hashing
	for w := range attackNouns {
		s.attack = setAt(s.attack, s.wordID(w), true)
	}
	var owners []string // the words of countries' and leaders' names
	err = eachRecord("nationalities.tsv", nationalitiesTSV, 3, func(f []string) {
		s.natList = append(s.natList, nationality{code: f[1], country: f[2]})
		if _, ok := s.codeCountry[f[1]]; !ok {
			s.codeCountry[f[1]] = f[2]
		}
		s.nats.Add(s.vocab, keysOf(f[0]), int32(len(s.natList)-1))
		country := keysOf(strings.TrimPrefix(f[2], "the "))
		s.countries.Add(s.vocab, country, int32(len(s.natList)-1))
		owners = append(owners, country...)
	})
	if err != nil {
		return nil, fmt.Errorf("load nationalities: %w", err)
	}
	err = eachRecord("leaders.tsv", leadersTSV, 2, func(f []string) {
		s.leaderList = append(s.leaderList, f[1])
		s.leaders.Add(s.vocab, keysOf(f[0]), int32(len(s.leaderList)-1))
		owners = append(owners, keysOf(f[0])...)
	})
	if err != nil {
		return nil, fmt.Errorf("load leaders: %w", err)
	}
	// "Syrias", "Assads": the possessive with its apostrophe stripped is
	// a word of its own, given the id of the name it ends (see ownerAt)
	for _, w := range owners {
		if len(w) < 3 || strings.HasSuffix(w, "s") {
			continue
		}
		s.stripped = setAt(s.stripped, s.wordID(w+"s"), s.vocab[w])
	}
	s.addPossessives()
	s.markStarts()
	// vocab is complete
	s.known = make([]uint64, 1<<16/64)
	for w := range s.vocab {
		h := keyHash(w)
		s.known[h>>6] |= 1 << (h & 63)
	}
	return s, nil
}

// wordID returns w's vocab id, giving w a new one if it has none, as
// phrase.IDTrie.Add does.
func (s *Stage) wordID(w string) int32 {
	id, ok := s.vocab[w]
	if !ok {
		id = int32(len(s.vocab) + 1)
		s.vocab[w] = id
	}
	return id
}

// setAt sets l[id] to v, growing l as needed, and returns l.
func setAt[T any](l []T, id int32, v T) []T {
	for int(id) >= len(l) {
		var zero T
		l = append(l, zero)
	}
	l[id] = v
	return l
}

// ReadEntries reads a file of extra actors in the format of
// data/actors.tsv; errors name the file and line.
func ReadEntries(path string) ([]Entry, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read actors file: %w", err)
	}
	entries, err := ParseEntries(path, string(b))
	if err != nil {
		return nil, fmt.Errorf("read actors file: %w", err)
	}
	return entries, nil
}

// ParseEntries reads a dictionary in the format of data/actors.tsv.
func ParseEntries(file, src string) ([]Entry, error) {
	var out []Entry
	sc := bufio.NewScanner(strings.NewReader(src))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	n := 0
	seen := map[string]bool{}
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r ")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 5 && len(f) != 6 {
			return nil, &DataError{file, n, fmt.Sprintf("want 5 or 6 TAB-separated fields, got %d", len(f))}
		}
		if strings.TrimSpace(f[0]) == "" || strings.TrimSpace(f[1]) == "" {
			return nil, &DataError{file, n, "the key and the canonical name must not be empty"}
		}
		if !validTypes[f[2]] {
			return nil, &DataError{file, n, fmt.Sprintf("unknown actor type %q", f[2])}
		}
		if seen[f[0]] {
			return nil, &DataError{file, n, fmt.Sprintf("duplicate key %q", f[0])}
		}
		seen[f[0]] = true
		e := Entry{Key: f[0], Name: f[1], Type: f[2], Country: f[3]}
		if e.Country == "-" {
			e.Country = ""
		}
		for _, a := range strings.Split(f[4], "|") {
			if a = strings.TrimSpace(a); a != "" {
				e.Aliases = append(e.Aliases, a)
			}
		}
		if len(f) == 6 {
			b, err := parseBackers(f[5])
			if err != nil {
				return nil, &DataError{file, n, err.Error()}
			}
			e.Backers = b
		}
		out = append(out, e)
	}
	return out, sc.Err()
}

// parseBackers reads the sixth field of a dictionary line: "-" for none,
// else ISO alpha-2 codes separated by "|" ("SY|CF|ML").
func parseBackers(f string) ([]string, error) {
	f = strings.TrimSpace(f)
	if f == "" || f == "-" {
		return nil, nil
	}
	var out []string
	for _, c := range strings.Split(f, "|") {
		c = strings.TrimSpace(c)
		if len(c) != 2 || c[0] < 'A' || c[0] > 'Z' || c[1] < 'A' || c[1] > 'Z' {
			return nil, fmt.Errorf("backer %q is not an ISO 3166-1 alpha-2 code in capitals", c)
		}
		out = append(out, c)
	}
	return out, nil
}

// Entries returns the dictionary.
func (s *Stage) Entries() []Entry { return s.entries }

// Name implements pipeline.Stage.
func (s *Stage) Name() string { return "actor" }

// Process finds the actors of every sentence of d (the whole text when
// there are no sentences).
func (s *Stage) Process(ctx context.Context, d *doc.Document) error {
	d.Actors = d.Actors[:0]
	sents := d.Sentences
	if len(sents) == 0 {
		sents = []doc.Span{{Start: 0, End: len(d.Text)}}
	}
	var sc scratch
	k := newKeyer(d)
	for i, sent := range sents {
		if i%256 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		sc.toks = sentenceTokens(sc.toks[:0], k, sent)
		d.Actors = s.find(d.Actors, d.Text, &sc)
	}
	return nil
}

// scratch is the per-document space find reuses from one sentence to the
// next.
type scratch struct {
	toks []tok
	keys []string
	ids  []int32 // vocab ids of keys
	// coalition is the last armed coalition the document named
	// ("US-led coalition"), which a bare "the coalition" later refers
	// back to; its Name is empty before any.
	coalition doc.ActorMention
}

// Find returns the actor mentions in text.
func (s *Stage) Find(text string) []doc.ActorMention {
	sc := scratch{toks: tokenize(text, 0, len(text))}
	return s.find(nil, text, &sc)
}

// tok is a word of the matcher: letters and digits, with hyphens,
// apostrophes and other punctuation as boundaries. Punctuation that ends
// a phrase (",", ";", "(") is kept as its own token so no alias spans it.
type tok struct {
	start, end int
	key        string
}

func tokenize(text string, start, end int) []tok {
	return tokenizeInto(nil, keyer{text: text}, start, end)
}

// keyer gives words their keys: a slice of the document's lower-cased
// text (doc.Document.Lower) for plain ASCII words, else foldKey.
type keyer struct {
	text, lower string
	// d is the document when its sentences and tokens come from the
	// segment stage, else nil.
	d *doc.Document
}

func newKeyer(d *doc.Document) keyer {
	lower, exact := d.Lower()
	if !exact {
		lower = ""
	}
	k := keyer{text: d.Text, lower: lower}
	if len(d.Sentences) > 0 && len(d.Tokens) > 0 {
		k.d = d
	}
	return k
}

// sentenceTokens appends the matcher's words of sentence sp to ts. With
// the segment stage's tokens it splits each of them (hyphens, apostrophes
// and most punctuation break words here, and no segment token holds
// whitespace), which gives the words a scan of the sentence gives
// (TestTokensFromSegmentTokensMatchTheScanner) without scanning the
// spaces again.
func sentenceTokens(ts []tok, k keyer, sp doc.Span) []tok {
	if k.d == nil {
		return tokenizeInto(ts, k, sp.Start, sp.End)
	}
	for _, t := range k.d.TokensIn(sp) {
		ts = tokenizeInto(ts, k, t.Start, t.End)
	}
	return ts
}

// tokenizeInto appends the words of text[start:end].
func tokenizeInto(ts []tok, k keyer, start, end int) []tok {
	text := k.text
	i := start
	for i < end {
		c := text[i]
		if c < utf8.RuneSelf && !asciiAlnum[c] {
			switch c {
			case ',', ';', '(', ')', ':', '"', '.', '/', '&':
				ts = append(ts, tok{i, i + 1, text[i : i+1]})
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			j := i + n
			plain := c < utf8.RuneSelf // ASCII letters and digits only
			for j < end {
				if c2 := text[j]; c2 < utf8.RuneSelf && asciiAlnum[c2] {
					j++
					continue
				}
				r2, n2 := utf8.DecodeRuneInString(text[j:])
				if !unicode.IsLetter(r2) && !unicode.IsDigit(r2) && !(r2 == '.' && j+n2 < end && isUpperAt(text, j+n2) && isUpperAt(text, i)) {
					break
				}
				plain = false
				j += n2
			}
			key := ""
			if plain && k.lower != "" {
				key = k.lower[i:j]
			} else {
				key = foldKey(text[i:j])
			}
			ts = append(ts, tok{i, j, key})
			i = j
		case r == '“' || r == '”':
			ts = append(ts, tok{i, i + n, text[i : i+n]})
			i += n
		default:
			i += n
		}
	}
	return ts
}

var asciiAlnum = func() (t [utf8.RuneSelf]bool) {
	for c := 0; c < utf8.RuneSelf; c++ {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return t
}()

func isUpperAt(text string, i int) bool {
	r, _ := utf8.DecodeRuneInString(text[i:])
	return unicode.IsUpper(r)
}

// foldKey lower-cases and strips accents that news copy often drops
// ("Médecins" matches "Medecins") and dots of abbreviations ("U.S").
func foldKey(s string) string {
	s = strings.ToLower(s)
	if strings.IndexFunc(s, func(r rune) bool { return r > 127 || r == '.' }) < 0 {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch r {
		case 'á', 'à', 'â', 'ä', 'ã':
			r = 'a'
		case 'é', 'è', 'ê', 'ë':
			r = 'e'
		case 'í', 'ì', 'î', 'ï':
			r = 'i'
		case 'ó', 'ò', 'ô', 'ö', 'õ':
			r = 'o'
		case 'ú', 'ù', 'û', 'ü':
			r = 'u'
		case 'ñ':
			r = 'n'
		case 'ç':
			r = 'c'
		case '.':
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func keysOf(s string) []string {
	ts := tokenize(s, 0, len(s))
	keys := make([]string, 0, len(ts))
	for _, t := range ts {
		keys = append(keys, t.key)
	}
	return keys
}

// isShortCaps reports whether an alias is an acronym of up to four capital
// letters, which must match in capitals ("IS" is not "is").
func isShortCaps(a string) bool {
	n := 0
	for _, r := range a {
		if !unicode.IsUpper(r) && r != '.' {
			return false
		}
		n++
	}
	return n > 0 && n <= 4
}

// eachRecord calls fn with the fields of every record of a TAB-separated
// data file of our own, skipping blank lines and # comments; a record
// without want fields is a DataError.
func eachRecord(file, src string, want int, fn func(f []string)) error {
	sc := bufio.NewScanner(strings.NewReader(src))
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != want {
			return &DataError{file, n, fmt.Sprintf("want %d TAB-separated fields", want)}
		}
		fn(f)
	}
	return sc.Err()
}
