package event

import (
	"bufio"
	_ "embed"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep/internal/phrase"
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
	dict     *phrase.Dict
}

func parseTaxonomy(src string) (map[string]Type, error) {
	out := make(map[string]Type)
	err := eachLine("taxonomy.tsv", src, 4, func(f []string) error {
		out[f[1]] = Type{EventType: f[0], SubEventType: f[1], CAMEO: f[2], PLOVER: f[3]}
		return nil
	})
	return out, err
}

func parseTriggers(src string, types map[string]Type) ([]trigger, *phrase.Dict, error) {
	var ts []trigger
	d := phrase.New()
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
				d.Add(keys, int32(len(ts)-1))
			}
		}
		return nil
	})
	return ts, d, err
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

func tokenize(text string, start, end int) []tok {
	var ts []tok
	i := start
	for i < end {
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			j := i + n
			for j < end {
				r2, n2 := utf8.DecodeRuneInString(text[j:])
				if !unicode.IsLetter(r2) && !unicode.IsDigit(r2) {
					break
				}
				j += n2
			}
			ts = append(ts, tok{i, j, strings.ToLower(text[i:j])})
			i = j
		case r == ',' || r == ';' || r == ':' || r == '(' || r == ')' || r == '.' || r == '"' || r == '“' || r == '”':
			ts = append(ts, tok{i, i + n, string(r)})
			i += n
		default:
			i += n
		}
	}
	return ts
}

func keysOf(s string) []string {
	ts := tokenize(s, 0, len(s))
	keys := make([]string, len(ts))
	for i, t := range ts {
		keys[i] = t.key
	}
	return keys
}
