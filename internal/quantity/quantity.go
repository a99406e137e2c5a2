// Package quantity finds counts of people in a document: casualty figures
// and other head counts with their qualifiers ("at least 89", "more than
// 80", "dozens"), what they count (killed, wounded, displaced, arrested,
// missing), who ("civilians"), whether one figure is part of another
// ("including 237 children") and whether it is a cumulative tally over a
// long period ("since 2011"), which must never become one event's toll.
//
// Qualifiers map to bounds as follows (Min, Max; nil is open):
//
//	"90"                  {90, 90}
//	"at least 89"         {89, nil}   also "no fewer than", "a minimum of"
//	"more than 80"        {81, nil}   also "over", "upwards of"
//	"nearly 1,000"        {900, 999}  N-1 down to N minus a tenth (at least 1 less)
//	"up to 30"            {nil, 30}   also "as many as", "at most"
//	"fewer than 10"       {nil, 9}    also "less than", "under"
//	"about 50"            {50, 50}    also "around", "some", "an estimated"
//	"dozens"              {24, nil}   "scores" {40, nil}, "hundreds" {200, nil},
//	                                  "thousands" {2000, nil}, "tens" {20, nil}
//	"a dozen"             {12, 12}
//
// Years, dates, distances, money, percentages, ages and times are not
// counts: a number must be followed by a people noun or stand next to a
// casualty word to be kept.
package quantity

import (
	"context"
	"fmt"
	"strconv"

	"github.com/sitrep-dev/sitrep/internal/doc"
)

// Stage fills Document.Quantities.
type Stage struct {
	lex *lexicon
}

// New returns the quantity stage with its embedded lexicon.
func New() (*Stage, error) {
	lx, err := parseLexicon(lexiconTSV)
	if err != nil {
		return nil, fmt.Errorf("load quantity lexicon: %w", err)
	}
	return &Stage{lex: lx}, nil
}

// Name implements pipeline.Stage.
func (s *Stage) Name() string { return "quantity" }

// Process finds the quantities of every sentence of d; without sentences
// the whole text is one sentence.
func (s *Stage) Process(ctx context.Context, d *doc.Document) error {
	d.Quantities = d.Quantities[:0]
	sents := d.Sentences
	if len(sents) == 0 {
		// Without the segment stage, a tally cue must still not reach
		// across sentences.
		sents = roughSentences(d.Text)
	}
	lower, exact := d.Lower()
	if !exact {
		lower = "" // each word is lower-cased on its own
	}
	ws := make([]word, 0, 64)
	for i, sent := range sents {
		if i%256 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		ws = scanInto(ws[:0], d.Text, lower, sent.Start, sent.End)
		d.Quantities = s.find(d.Quantities, ws)
	}
	return nil
}

// roughSentences splits text after ".", "!" or "?" followed by a space
// and a capital or digit, or at a line break.
func roughSentences(text string) []doc.Span {
	var out []doc.Span
	start := 0
	for i := 0; i < len(text); i++ {
		c := text[i]
		end := -1
		switch {
		case c == '\n':
			end = i
		case (c == '.' || c == '!' || c == '?') && i+2 < len(text) && text[i+1] == ' ' &&
			(text[i+2] >= 'A' && text[i+2] <= 'Z' || text[i+2] >= '0' && text[i+2] <= '9'):
			end = i + 1
		}
		if end >= 0 {
			if end > start {
				out = append(out, doc.Span{Start: start, End: end})
			}
			start = end + 1
		}
	}
	if start < len(text) {
		out = append(out, doc.Span{Start: start, End: len(text)})
	}
	return out
}

// Find returns the quantities in text, read as one sentence.
func (s *Stage) Find(text string) []doc.Quantity { return s.find(nil, scan(text, 0, len(text))) }

// found is a quantity under construction with its word positions.
type found struct {
	q          doc.Quantity
	first, end int // word indexes: qualifier start, after number (or noun)
	numEnd     int
	who        int // word index of the people noun, or -1
	// partBefore and partAfter say where the words making the figure a
	// part stand: "including 237 children", "20 women among the dead".
	partBefore, partAfter bool
}

// find appends the quantities of one sentence's words ws to out.
func (s *Stage) find(out []doc.Quantity, ws []word) []doc.Quantity {
	if len(ws) == 0 {
		return out
	}
	s.lex.annotate(ws)
	var fs []found
	for i := 0; i < len(ws); i++ {
		f, ok := s.at(ws, i)
		if !ok {
			continue
		}
		fs = append(fs, f)
		i = f.numEnd - 1
	}
	if len(fs) == 0 {
		return out
	}
	// Parts are marked before categorising, so that a whole looks for
	// its verb past all of its joined parts ("14 villagers among them
	// three boys and four farmers died"), and again after, so
	// that they take the whole's category.
	parts(ws, fs)
	s.categorise(ws, fs)
	parts(ws, fs)
	// A weak cue makes a tally only of a large death toll on no named
	// day: "a total of 649 were arrested yesterday" is that day's count.
	tally, big := s.tally(ws)
	day := namesDay(ws)
	big = big && !day
	perfect := !tally && !day && perfectTally(ws)
	for _, f := range fs {
		if f.q.Who == "" && f.q.Category == "" {
			continue
		}
		large := f.q.Min != nil && *f.q.Min >= perfectTallyMin
		f.q.Tally = tally || large && (perfect || big && f.q.Category == "killed" && !attackBefore(ws, f.first))
		f.q.Span = doc.Span{Start: ws[f.first].start, End: ws[f.end-1].end}
		out = append(out, f.q)
	}
	return out
}

// at reads a number at ws[i] with its qualifier and people noun.
func (s *Stage) at(ws []word, i int) (found, bool) {
	w := ws[i]
	if !w.num && !w.info.count {
		return found{}, false // neither a number nor a word a count starts with
	}
	n, ok := parseNumber(ws, i)
	single := false
	if !ok {
		// "a soldier was killed": an article before a singular people noun
		// counts one, kept only with a casualty word (see categorise).
		// Up to two modifiers may stand between: "a young man", "a
		// university student".
		// "his bodyguard", "her son": a possessive counts one too.
		k := -1
		switch w.key {
		case "a", "an", "another", "his", "her":
			for j := i + 1; j < len(ws) && j <= i+3; j++ {
				if ws[j].punct || ws[j].num || stopWord[ws[j].key] {
					break
				}
				if s.lex.has(s.lex.people, ws[j]) {
					k = j
					// "a police officer", "a militia leader": the
					// head is the last people noun
					for k+1 < len(ws) && s.lex.has(s.lex.people, ws[k+1]) && !stopWord[ws[k+1].key] {
						k++
					}
					break
				}
			}
		}
		if k >= 0 && (w.key == "his" || w.key == "her") && ws[k].key == "body" {
			k = -1 // "a man was killed and his body was found": the same man
		}
		if k < 0 || isPlural(ws[k].key) || k+1 < len(ws) && s.lex.has(s.lex.not, ws[k+1]) {
			return found{}, false
		}
		n = number{min: 1, max: 1, end: k}
		single = true
	}
	if s.notCount(ws, i, n) {
		return found{}, false
	}
	f := found{first: i, numEnd: n.end, end: n.end, who: -1}
	lo, hi := n.min, n.max
	// Qualifier before the number.
	q, kind := s.qualifier(ws, i)
	f.first = i - q
	switch kind {
	case "min":
		hi = -1
	case "over":
		lo++
		hi = -1
	case "nearly":
		if hi >= 0 {
			hi = lo - 1
			lo = lo - max(1, lo/10)
		}
	case "upto":
		hi = max(lo, hi)
		lo = -1
	case "under":
		hi = max(lo, hi) - 1
		lo = -1
	}
	if lo >= 0 && hi >= 0 && hi < lo {
		hi = lo
	}
	if lo >= 0 {
		f.q.Min = ptr(lo)
	}
	if hi >= 0 {
		f.q.Max = ptr(hi)
	}
	// The people noun: "12 Iraqi soldiers", "dozens of civilians".
	j := n.end
	if !single && j+1 < len(ws) && (ws[j].key == "-" || ws[j].key == "–" || ws[j].key == "to") && ws[j+1].num {
		// A range: "10-15 militants", "6 to 10 wounded".
		if r, ok := parseNumber(ws, j+1); ok && r.min > n.min && hi >= 0 {
			hi = r.max
			f.q.Max = ptr(hi)
			j = r.end
			f.numEnd, f.end = j, j
		}
	}
	if !single && i > 0 && ws[i-1].key == "between" && j+1 < len(ws) && ws[j].key == "and" && ws[j+1].num && hi >= 0 {
		// "between 1000 and 1800 fighters": a range, unless the second
		// number is no count ("between 7 and 12 years old").
		r, ok := parseNumber(ws, j+1)
		if !ok || s.notCount(ws, j+1, r) {
			return found{}, false
		}
		if r.min > n.min {
			hi = r.max
			f.q.Max = ptr(hi)
			f.first = i - 1
			j = r.end
			f.numEnd, f.end = j, j
		}
	}
	if j < len(ws) && ws[j].key == "of" {
		j++
		if j < len(ws) && (ws[j].key == "the" || ws[j].key == "them" || ws[j].key == "whom") {
			j++
		}
	}
	for k := j; k < len(ws) && k < j+6; k++ {
		if ws[k].key == "-" {
			continue // "pro-government militia members"
		}
		if ws[k].punct || ws[k].num || stopWord[ws[k].key] {
			break
		}
		if s.lex.has(s.lex.people, ws[k]) {
			f.who = k
			f.q.Who = ws[k].key
			f.end = k + 1
			// "police officers", "security personnel": take the head.
			if k+1 < len(ws) && s.lex.has(s.lex.people, ws[k+1]) && !stopWord[ws[k+1].key] && outcomeWord[ws[k+1].key] == "" {
				f.who = k + 1
				f.q.Who = ws[k].key + " " + ws[k+1].key
				f.end = k + 2
			}
			break
		}
	}
	if single && f.who < 0 {
		return found{}, false
	}
	// Part: "including 237 children", "among them 3 doctors".
	p := f.first - 1
	if p >= 0 && ws[p].key == "," {
		p--
	}
	if p >= 0 && s.lex.endingAt(s.lex.part, ws, p) > 0 {
		f.q.Part, f.partBefore = true, true
	}
	// Part, after the figure: "12 children were among the dead", "20
	// women among the dead" count some of a toll given elsewhere, never
	// the toll itself.
	if e := f.end; e < len(ws) {
		if e+1 < len(ws) && (ws[e].key == "were" || ws[e].key == "was" || ws[e].key == "are" || ws[e].key == "is") {
			e++
		}
		if ws[e].key == "among" {
			f.q.Part, f.partAfter = true, true
		}
	}
	// "86 dead, 30 of them children": the words between the number and
	// its noun make it a part.
	if e := n.end; !single && e+1 < len(ws) && ws[e].key == "of" && (ws[e+1].key == "them" || ws[e+1].key == "whom") {
		f.q.Part, f.partBefore = true, true
	}
	if single {
		f.q.Who = ""
		if f.who >= 0 {
			f.q.Who = ws[f.who].key
		}
	}
	return f, true
}

// isPlural is a rough test used only to keep "a men" from counting.
func isPlural(k string) bool {
	switch k {
	case "people", "men", "women", "children", "police", "personnel", "others", "more", "dead", "wounded", "injured", "troops", "militia":
		return true
	}
	return len(k) > 3 && k[len(k)-1] == 's' && k[len(k)-2] != 's'
}

var stopWord = map[string]bool{
	"were": true, "was": true, "are": true, "is": true, "have": true, "has": true, "had": true,
	"and": true, "or": true, "in": true, "on": true, "at": true, "by": true, "from": true,
	"to": true, "with": true, "who": true, "which": true, "that": true, "for": true, "as": true,
	"after": true, "when": true, "while": true, "during": true, "into": true, "near": true,
	"the": true, "their": true, "his": true, "her": true, "its": true, "been": true, "be": true,
}

// notCount rejects numbers that are dates, years, measures, money, ages or
// times of day.
func (s *Stage) notCount(ws []word, i int, n number) bool {
	// Money and ranks before: "$5", "No. 3".
	if i > 0 {
		switch ws[i-1].key {
		case "$", "€", "£", "¥", "#", "no", "number", "page", "route", "article", "flight", "resolution", "brigade", "division", "battalion", "regiment", "unit", "rs", "usd", "aged", "age", "ages", "level", "phase", "day", "week", "chapter", "section", "paragraph", "grade", "class", "highway", "road", "street", "km", "kilometre", "point", "points", "block":
			return true
		}
		if monthWord[ws[i-1].key] {
			return true
		}
		// "3:30", "1/2"
		if ws[i-1].key == ":" || ws[i-1].key == "/" {
			return true
		}
	}
	j := n.end
	if j < len(ws) && (ws[j].key == "-" || ws[j].key == "–") {
		j++
	}
	if j < len(ws) {
		k := ws[j].key
		if s.lex.has(s.lex.not, ws[j]) || k == ":" || k == "/" || k == "%" {
			return true
		}
		// "the 155th": ordinal suffix glued to digits
		if ws[j].start == ws[n.end-1].end && !ws[j].punct && ws[i].num {
			return true
		}
	}
	// A bare four-digit year: "in 2019".
	if ws[i].num && len(ws[i].key) == 4 && n.end == i+1 {
		if v, err := strconv.Atoi(ws[i].key); err == nil && v >= 1900 && v <= 2100 {
			return true
		}
	}
	return false
}

var monthWord = map[string]bool{
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true,
	"july": true, "august": true, "september": true, "october": true, "november": true, "december": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
}

// qualifiers, longest first within each kind.
var qualifiers = []struct {
	words []string
	kind  string
}{
	{[]string{"no", "fewer", "than"}, "min"},
	{[]string{"no", "less", "than"}, "min"},
	{[]string{"not", "less", "than"}, "min"},
	{[]string{"a", "minimum", "of"}, "min"},
	{[]string{"at", "least"}, "min"},
	{[]string{"upwards", "of"}, "over"},
	{[]string{"in", "excess", "of"}, "over"},
	{[]string{"more", "than"}, "over"},
	{[]string{"over"}, "over"},
	{[]string{"above"}, "over"},
	{[]string{"just", "under"}, "nearly"},
	{[]string{"close", "to"}, "nearly"},
	{[]string{"nearly"}, "nearly"},
	{[]string{"almost"}, "nearly"},
	{[]string{"as", "many", "as"}, "upto"},
	{[]string{"no", "more", "than"}, "upto"},
	{[]string{"up", "to"}, "upto"},
	{[]string{"at", "most"}, "upto"},
	{[]string{"fewer", "than"}, "under"},
	{[]string{"less", "than"}, "under"},
	{[]string{"under"}, "under"},
	{[]string{"an", "estimated"}, "about"},
	{[]string{"approximately"}, "about"},
	{[]string{"about"}, "about"},
	{[]string{"around"}, "about"},
	{[]string{"roughly"}, "about"},
	{[]string{"some"}, "about"},
	{[]string{"estimated"}, "about"},
	{[]string{"a", "total", "of"}, "about"},
	{[]string{"total", "of"}, "about"},
}

// qualifier returns the number of words of the qualifier ending just
// before ws[i] and its kind.
func (s *Stage) qualifier(ws []word, i int) (int, string) {
	for _, q := range qualifiers {
		n := len(q.words)
		if i-n < 0 {
			continue
		}
		ok := true
		for k, w := range q.words {
			if ws[i-n+k].key != w {
				ok = false
				break
			}
		}
		if ok {
			return n, q.kind
		}
	}
	return 0, ""
}

func ptr(v int) *int { return &v }
