// Package place finds toponyms in a document and resolves them to gazetteer
// entries: the place stage of the pipeline.
//
// Recognition is one pass over the document's tokens: each word is folded
// (gazetteer.Fold) and the gazetteer's name index is walked from every
// capitalised word, leftmost-longest, so multi-word names with particles
// (Khan Shaykhun, Tell Rifaat, Jisr al-Shughur) come out whole. Ordered,
// named rules then drop mentions that are not places here (see rules.go):
// function words and months, people's names, pieces of organisation names,
// obscure homonyms with no support in the document. Text normalised by
// crawlers is read too: a weekday's abbreviation in a date stamp ("Mon 03
// Apr 2017") is no place, a possessive whose apostrophe was stripped
// ("Syrias Raqqa") names its base (see possessive.go), and a place that
// says whose rather than where ("US-led", "Iran-backed") is reported as a
// demonym (see attribute.go).
//
// Resolution scores each mention's candidates by feature type and
// population, by an explicit hierarchy next to it ("X, Syria", "X in Idlib
// province"), by the countries the document is about and by distance to the
// other places resolved in it. Relative locations ("10 km west of X", "near
// X") are added as separate places with Relation and Anchor set.
package place

import (
	"context"
	_ "embed"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/place/gazetteer"
)

//go:embed data/notplaces.txt
var notPlacesTxt string

//go:embed data/givennames.txt
var givenNamesTxt string

//go:embed data/english.txt
var englishTxt string

// Options configure the geoparser.
type Options struct {
	// NoDemonyms stops the geoparser from reporting demonyms ("Syrian")
	// as places of kind "demonym".
	NoDemonyms bool
	// MinPopulation is the population a lone, unsupported single-word
	// place must have to be reported. Zero means DefaultMinPopulation.
	MinPopulation int64
}

// DefaultMinPopulation is the default Options.MinPopulation.
const DefaultMinPopulation = 100000

// Geoparser is the place stage. It is safe for concurrent use.
type Geoparser struct {
	g         *gazetteer.Gazetteer
	opts      Options
	notPlaces map[string]bool
	// given holds common given names, lower-cased (data/givennames.txt).
	given map[string]bool
	// abbrevs maps the abbreviations of data/abbreviations.tsv to the
	// divisions they stand for as a parent ("Lucknow, UP").
	abbrevs map[string][]int32
	// scans keeps the buffers of finished scans for the next document.
	scans sync.Pool
	// english holds data/english.txt, read on the first caseless
	// document (see caseless.go).
	english     map[string]bool
	englishOnce sync.Once
}

// New returns a geoparser over g.
func New(g *gazetteer.Gazetteer, opts Options) *Geoparser {
	if opts.MinPopulation == 0 {
		opts.MinPopulation = DefaultMinPopulation
	}
	return &Geoparser{g: g, opts: opts, notPlaces: wordSet(notPlacesTxt), given: wordSet(givenNamesTxt),
		abbrevs: parentAbbrevs(g, abbreviationsTSV)}
}

// wordSet reads a word list (one a line, # comments) into a lower-case set.
func wordSet(txt string) map[string]bool {
	set := make(map[string]bool)
	for _, l := range strings.Split(txt, "\n") {
		l = strings.TrimSpace(l)
		if l != "" && l[0] != '#' {
			set[strings.ToLower(l)] = true
		}
	}
	return set
}

// Name implements pipeline.Stage.
func (p *Geoparser) Name() string { return "place" }

// Process fills d.Places from d.Tokens (run the segment stage first; with no
// tokens, a minimal word split of d.Text is used).
func (p *Geoparser) Process(ctx context.Context, d *doc.Document) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	toks := d.Tokens
	if len(toks) == 0 && d.Text != "" {
		toks = fallbackTokens(d.Text)
	}
	d.Places = p.appendPlaces(d.Places, d.Text, toks)
	return nil
}

// Parse returns the places in text, given its tokens.
func (p *Geoparser) Parse(text string, toks []doc.Token) []doc.Place {
	out := p.appendPlaces(nil, text, toks)
	if out == nil {
		out = []doc.Place{}
	}
	return out
}

// appendPlaces appends the places in text to dst.
func (p *Geoparser) appendPlaces(dst []doc.Place, text string, toks []doc.Token) []doc.Place {
	s := p.getScan(text, toks)
	defer p.putScan(s)
	if isCaseless(text, toks) {
		// a copy with the places' names capitalised, of the same
		// length: the spans found in it are spans of text
		s.text = p.recase(s, text, toks)
	}
	s.newScan()
	s.recognise()
	s.resolve()
	return s.appendOutput(dst)
}

// fallbackTokens splits text into words and punctuation for documents that
// did not go through the segment stage: letters and digits with internal
// hyphens, apostrophes and abbreviation dots are one word.
func fallbackTokens(text string) []doc.Token {
	var toks []doc.Token
	start := -1
	for i, r := range text {
		word := isLetterOrDigit(r)
		if start >= 0 {
			if word {
				continue
			}
			if (r == '-' || r == '\'' || r == '’' || r == '.') && i+1 < len(text) && isLetterOrDigitByte(text, i+len(string(r))) {
				continue
			}
			if r == '.' && i-start <= 3 && strings.Count(text[start:i], ".") >= 1 {
				continue
			}
			toks = append(toks, doc.Token{Span: doc.Span{Start: start, End: i}, Kind: doc.Word})
			start = -1
		}
		if word {
			start = i
		} else if r > ' ' {
			toks = append(toks, doc.Token{Span: doc.Span{Start: i, End: i + len(string(r))}, Kind: doc.Punct})
		}
	}
	if start >= 0 {
		toks = append(toks, doc.Token{Span: doc.Span{Start: start, End: len(text)}, Kind: doc.Word})
	}
	return toks
}

func isLetterOrDigit(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func isLetterOrDigitByte(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return isLetterOrDigit(r)
}
