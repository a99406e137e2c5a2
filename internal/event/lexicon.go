package event

import (
	"bufio"
	_ "embed"
	"fmt"
	"github.com/sitrep-dev/sitrep/internal/phrase"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep/internal/doc"
)

//go:embed data/taxonomy.tsv
var taxonomyTSV string

//go:embed data/triggers.tsv
var triggersTSV string

// Type is one sub-event type of the taxonomy with its codes.
type Type struct {
	EventType, SubEventType, CAMEO, PLOVER string
}

// DataError locates a malformed line of a data file.
type DataError struct {
	File string
	Line int
	Msg  string
}

func (e *DataError) Error() string { return fmt.Sprintf("%s line %d: %s", e.File, e.Line, e.Msg) }

// trigger is one class of the trigger lexicon: a sub-event type or a @cue.
type trigger struct {
	class    string
	priority int
}

type lexicon struct {
	types    map[string]Type // by sub-event type
	triggers []trigger
	vocab    phrase.Vocab // the words of dict
	words    *wordFilter  // the words of vocab
	dict     *phrase.IDTrie
}

// id returns the vocab id of a word, 0 for a word no trigger has.
func (l *lexicon) id(key string) int32 {
	if !l.words.mayHave(key) {
		return 0
	}
	return l.vocab[key]
}

func parseTaxonomy(src string) (map[string]Type, error) {
	out := make(map[string]Type)
	err := eachLine("taxonomy.tsv", src, 4, func(f []string) error {
		out[f[1]] = Type{EventType: f[0], SubEventType: f[1], CAMEO: f[2], PLOVER: f[3]}
		return nil
	})
	return out, err
}

func parseTriggers(src string, types map[string]Type) ([]trigger, phrase.Vocab, *phrase.IDTrie, error) {
	var ts []trigger
	vc, d := phrase.Vocab{}, phrase.NewIDTrie()
	err := eachLine("triggers.tsv", src, 3, func(f []string) error {
		if !strings.HasPrefix(f[0], "@") {
			if _, ok := types[f[0]]; !ok {
				return fmt.Errorf("unknown sub-event type %q", f[0])
			}
		}
		p, err := strconv.Atoi(f[1])
		if err != nil {
			return fmt.Errorf("priority %q: %w", f[1], err)
		}
		ts = append(ts, trigger{class: f[0], priority: p})
		for _, ph := range strings.Split(f[2], "|") {
			if keys := keysOf(ph); len(keys) > 0 {
				d.Add(vc, keys, int32(len(ts)-1))
			}
		}
		return nil
	})
	return ts, vc, d, err
}

func eachLine(file, src string, fields int, fn func([]string) error) error {
	sc := bufio.NewScanner(strings.NewReader(src))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r ")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != fields {
			return &DataError{file, n, fmt.Sprintf("want %d TAB-separated fields, got %d", fields, len(f))}
		}
		if err := fn(f); err != nil {
			return &DataError{file, n, err.Error()}
		}
	}
	return sc.Err()
}

// tok is a word of the event matcher, lower-cased, with hyphens and
// apostrophes as breaks; clause punctuation is kept as its own token.
type tok struct {
	start, end int
	key        string
}

// keyer gives tokens their lower-cased keys without allocating: a key is
// a slice of the document's lower-cased text (doc.Document.Lower) when
// that has the same offsets, else the token is lower-cased on its own.
type keyer struct {
	text, lower string
	// toks is the document when the sentences are the segment stage's
	// and it has tokens, else nil.
	toks *doc.Document
}

func newKeyer(d *doc.Document, sents []doc.Span) keyer {
	lower, exact := d.Lower()
	if !exact {
		lower = ""
	}
	k := keyer{text: d.Text, lower: lower}
	if len(sents) > 0 && len(d.Sentences) > 0 && &sents[0] == &d.Sentences[0] && len(d.Tokens) > 0 {
		k.toks = d
	}
	return k
}

func (k keyer) key(i, j int) string {
	if k.lower != "" {
		return k.lower[i:j]
	}
	return strings.ToLower(k.text[i:j])
}

// sentenceTokens appends the matcher's words of sentence sp to ts. With
// the segment stage's tokens it splits each of them (hyphens, apostrophes
// and abbreviation dots break words here, and whitespace never lies inside
// a segment token), which gives the same words as scanning the sentence
// (TestTokensFromSegmentTokensMatchTheScanner) without scanning the
// spaces between them again; without them it scans the sentence.
func sentenceTokens(ts []tok, k keyer, sp doc.Span) []tok {
	if k.toks == nil {
		return tokenizeInto(ts, k, sp.Start, sp.End)
	}
	for _, t := range k.toks.TokensIn(sp) {
		ts = tokenizeInto(ts, k, t.Start, t.End)
	}
	return ts
}

func tokenize(text string, start, end int) []tok {
	return tokenizeInto(nil, keyer{text: text}, start, end)
}

// tokenizeInto appends the words of text[start:end].
func tokenizeInto(ts []tok, k keyer, start, end int) []tok {
	text := k.text
	i := start
	for i < end {
		c := text[i]
		if c < utf8.RuneSelf {
			switch {
			case asciiAlnum[c]:
				j := i + 1
				for j < end && text[j] < utf8.RuneSelf && asciiAlnum[text[j]] {
					j++
				}
				if j < end && text[j] >= utf8.RuneSelf {
					j = alnumEnd(text, j, end)
				}
				ts = append(ts, tok{i, j, k.key(i, j)})
				i = j
			case c == ',' || c == ';' || c == ':' || c == '(' || c == ')' || c == '.' || c == '"':
				ts = append(ts, tok{i, i + 1, text[i : i+1]})
				i++
			default:
				i++
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			j := alnumEnd(text, i+n, end)
			ts = append(ts, tok{i, j, k.key(i, j)})
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

// alnumEnd returns the end of the run of letters and digits at j.
func alnumEnd(text string, j, end int) int {
	for j < end {
		c := text[j]
		if c < utf8.RuneSelf {
			if !asciiAlnum[c] {
				break
			}
			j++
			continue
		}
		r2, n2 := utf8.DecodeRuneInString(text[j:])
		if !unicode.IsLetter(r2) && !unicode.IsDigit(r2) {
			break
		}
		j += n2
	}
	return j
}

var asciiAlnum = func() (t [utf8.RuneSelf]bool) {
	for c := 0; c < utf8.RuneSelf; c++ {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return t
}()

func keysOf(s string) []string {
	ts := tokenize(s, 0, len(s))
	keys := make([]string, len(ts))
	for i, t := range ts {
		keys[i] = t.key
	}
	return keys
}

// wordFilter tells in one bit test most words that are not in a word set
// from the few that may be, so that a sentence's words skip the map
// look-up that would miss: most words of a text are in no trigger and
// name no target or weapon. A bit stands for a word's length and its
// first and last bytes; a set bit is only a maybe.
type wordFilter [1 << 15 / 64]uint64

func filterBit(w string) uint {
	return uint(len(w))&31 | uint(w[0]&31)<<5 | uint(w[len(w)-1]&31)<<10
}

func (f *wordFilter) add(w string) {
	if w != "" {
		b := filterBit(w)
		f[b/64] |= 1 << (b % 64)
	}
}

// mayHave reports whether w may be in the set; false means it is not.
func (f *wordFilter) mayHave(w string) bool {
	if w == "" {
		return false
	}
	b := filterBit(w)
	return f[b/64]&(1<<(b%64)) != 0
}
