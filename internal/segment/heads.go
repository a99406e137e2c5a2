package segment

import (
	_ "embed"
	"fmt"
	"sort"
	"strings"

	"github.com/sitrep-dev/sitrep/internal/doc"
)

// A run-on head is the headline, byline and date stamp that some crawlers
// and datasets, having collapsed whitespace and stripped punctuation, run
// into the first sentence: "Strikes kill 18 in Raqa Monitor AFP Tuesday 3
// Oct 2017 A coalition air strike killed ...". Read as one sentence, its
// figures, places and dates mix with the lead's. markHeads cuts such a
// line into units, each its own paragraph and sentence:
//
//	[Strikes kill 18 in Raqa Monitor AFP] [Tuesday 3 Oct 2017] [A coalition ...]
//
// The stamp keeps a unit of its own so the date stages still read it as
// the article's date, and the headline keeps its byline.

//go:embed heads.txt
var headsTxt string

// headZone is how many tokens from a line's start markHeads looks at: a
// head sits at the top of an article, and "AFP Monday 3 Oct" deep in a
// paragraph is part of a sentence.
const headZone = 80

// headPhrase is a byline or, with tag, a headline's attribution tag.
type headPhrase struct {
	words []string
	tag   bool
}

// heads holds the parsed heads.txt.
type heads struct {
	introList [][]string              // lower case, longest first
	phrases   map[string][]headPhrase // bylines and tags by first word, longest first
	byLast    map[string]bool         // the last word of every byline
	governs   map[string]bool         // lower case

	// The first two bytes of the bylines and tags, and the first byte of
	// those whose second word is lowercase ("state media"), so most words
	// are passed over without a map look-up.
	bylineFirst [1 << 16]bool
	lowerSecond [256]bool
}

var defaultHeads = mustParse(parseHeads(headsTxt))

// parseHeads reads the heads.txt format.
func parseHeads(src string) (*heads, error) {
	h := &heads{
		phrases: map[string][]headPhrase{},
		byLast:  map[string]bool{}, governs: map[string]bool{},
	}
	section := ""
	for n, line := range strings.Split(src, "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		if len(f) == 1 && strings.HasPrefix(f[0], "[") && strings.HasSuffix(f[0], "]") {
			section = f[0][1 : len(f[0])-1]
			continue
		}
		for _, w := range f {
			if !plainWord(w) {
				return nil, fmt.Errorf("parse heads line %d: %q is not a plain word", n+1, w)
			}
		}
		switch section {
		case "intro":
			for i := range f {
				f[i] = strings.ToLower(f[i])
			}
			h.introList = append(h.introList, f)
		case "byline":
			h.addPhrase(headPhrase{words: f})
			h.byLast[f[len(f)-1]] = true
		case "tag":
			h.addPhrase(headPhrase{words: f, tag: true})
		case "governs":
			if len(f) != 1 {
				return nil, fmt.Errorf("parse heads line %d: want one word, got %q", n+1, line)
			}
			h.governs[strings.ToLower(f[0])] = true
		default:
			return nil, fmt.Errorf("parse heads line %d: phrase outside a known section", n+1)
		}
	}
	sort.SliceStable(h.introList, func(i, j int) bool { return len(h.introList[i]) > len(h.introList[j]) })
	return h, nil
}

// plainWord reports whether w is one token as the tokenizer reads it:
// letters and digits joined by inner hyphens.
func plainWord(w string) bool {
	if w == "" || w[0] == '-' || w[len(w)-1] == '-' {
		return false
	}
	for _, r := range w {
		if !(r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 0x7f) {
			return false
		}
	}
	return true
}

// addPhrase files a byline or tag under its first word, keeping longer
// phrases first so the longest match wins.
func (h *heads) addPhrase(p headPhrase) {
	l := append(h.phrases[p.words[0]], p)
	for i := len(l) - 1; i > 0 && len(l[i].words) > len(l[i-1].words); i-- {
		l[i], l[i-1] = l[i-1], l[i]
	}
	h.phrases[p.words[0]] = l
	h.bylineFirst[prefix2(p.words[0])] = true
	if len(p.words) > 1 && !isUpperASCII(p.words[1][0]) {
		h.lowerSecond[p.words[0][0]] = true
	}
}

// matchPhrase reports whether the tokens from i are the words of p.
func matchPhrase(text string, toks []doc.Token, i int, p []string) bool {
	if i+len(p) > len(toks) {
		return false
	}
	for k, w := range p {
		if tokenText(text, toks[i+k]) != w {
			return false
		}
	}
	return true
}

// markHeads sets flagHead on the tokens of one line that start a unit of a
// run-on head. Three rules, tried at each token up to the line's first full
// stop, within its first headZone tokens:
//
//  1. A date stamp - an optional intro ("Date of publication", "Posted
//     on"), an optional weekday, a full date ("3 Oct 2017", "Oct 3 2017",
//     "03.10.2017", "03-10-2017") and an optional time ("at 0914",
//     "22:33") - is a unit of its own when nothing before it governs it
//     ("killed on Tuesday 3 Oct 2017 ..." is a sentence) and a sentence
//     starts after it; after an intro or a byline any word may follow
//     ("This story is from March 1 2002 police said ..."). A stamp is
//     found from its last number, so words cost nothing.
//  2. A dateline in capitals opening a unit ("BEIRUT A helicopter ...")
//     is a unit of its own; see dateline.
//  3. A byline ("AFP", "Al-Ahram Weekly") or a headline's attribution tag
//     ("Monitor", "state TV") ends the headline when nothing before it
//     governs it ("told AFP") and a sentence starts after it: a
//     capitalised word followed by a lowercase one ("Rebels took"), a
//     listed sentence starter, or a number. A title-case run ("SANA
//     Reports Heavy Clashes") does not.
//
// A tag list after a full stop is cut off by sentences; see tagListEnd.
// markHeads reports whether it cut the line.
func (s *Segmenter) markHeads(text string, toks []doc.Token, flags []uint8) (cut bool) {
	n := min(len(toks), headZone)
	for i := 0; i < n; i++ {
		t := toks[i]
		switch t.Kind {
		case doc.Punct:
			if c := text[t.Start]; c == '.' || c == '!' || c == '?' {
				return cut // the head ends at the line's first full stop
			}
		case doc.Number:
			if b, e := s.stamp(text, toks, i); e > i {
				if b > 0 {
					flags[b] |= flagHead
				}
				if e < len(toks) {
					flags[e] |= flagHead
				}
				cut = true
				i = e - 1
			}
		case doc.Word:
			if (i == 0 || flags[i]&flagHead != 0) && isUpperASCII(text[t.Start]) {
				if e := s.dateline(text, toks, i); e > i {
					flags[e] |= flagHead
					cut = true
					i = e - 1
					continue
				}
			}
			// Most words are followed by a lowercase word, which only a
			// byline like "state media" can be.
			if i+1 == len(toks) || lowerWord(tokenText(text, toks[i+1])) && !s.heads.lowerSecond[text[t.Start]] ||
				!s.heads.bylineFirst[prefix2(tokenText(text, t))] {
				continue
			}
			if e := s.byline(text, toks, i); e > i && (i == 0 || !s.governed(text, toks[i-1])) {
				flags[e] |= flagHead
				cut = true
				i = e - 1
			}
		}
	}
	return cut
}

// maxDateline bounds the words of a dateline: "BEIRUT", "NEW DELHI".
const maxDateline = 3

// dateline returns the end of a dateline in capitals opening a unit at
// token i and run into a sentence ("BEIRUT A Russian helicopter was shot
// down ..."), or i. One word needs four letters or more, so "US", "UN"
// and "SDF" are not taken for one, and a sentence must start after
// it: a listed starter or a capitalised word before a lowercase one
// ("ISIL Claims Beheading" is a headline, "NATO allies" a phrase).
func (s *Segmenter) dateline(text string, toks []doc.Token, i int) int {
	e := i
	for e < len(toks) && e < i+maxDateline && toks[e].Kind == doc.Word && capitals(tokenText(text, toks[e])) {
		if s.heads.phrases[tokenText(text, toks[e])] != nil {
			return i // "SANA", "AFP": a byline
		}
		e++
	}
	if e == i || e == len(toks) || e-i == 1 && len(tokenText(text, toks[i])) < 4 {
		return i
	}
	nt := toks[e]
	if nt.Kind != doc.Word || !startsSentence(text, toks, e) || capitals(tokenText(text, nt)) {
		return i
	}
	if s.starters[tokenText(text, nt)] || e+1 < len(toks) && lowerWord(tokenText(text, toks[e+1])) {
		return e
	}
	return i
}

// capitals reports whether w is written in ASCII capitals, with inner
// hyphens, and has two letters or more.
func capitals(w string) bool {
	if len(w) < 2 {
		return false
	}
	for k := 0; k < len(w); k++ {
		if c := w[k]; !isUpperASCII(c) && c != '-' {
			return false
		}
	}
	return true
}

// governed reports whether the token t keeps a date or an agency after it
// inside its sentence: "on", "told", "the", an opening bracket, a comma.
func (s *Segmenter) governed(text string, t doc.Token) bool {
	w := text[t.Start:t.End]
	if t.Kind == doc.Punct {
		switch w {
		case ",", "(", "[", "\"", "“", "‘", "'", "«":
			return true
		}
		return false
	}
	if t.Kind != doc.Word || len(w) > 16 {
		return false
	}
	var buf [16]byte
	for k := 0; k < len(w); k++ {
		c := w[k]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[k] = c
	}
	return s.heads.governs[string(buf[:len(w)])]
}

// stamp returns the start and end of a date stamp unit whose date ends at
// token k, or k, k.
func (s *Segmenter) stamp(text string, toks []doc.Token, k int) (b, e int) {
	b = dateStart(text, toks, k)
	if b < 0 {
		return k, k
	}
	// A weekday before the date: "Tuesday 3 Oct 2017", "Tue, Oct 3 2017".
	if b >= 2 && tokenIs(text, toks[b-1], ",") && weekday(tokenText(text, toks[b-2])) {
		b -= 2
	} else if b >= 1 && weekday(tokenText(text, toks[b-1])) {
		b--
	}
	intro := false
	if i := s.introStart(text, toks, b); i < b {
		b, intro = i, true
	}
	if b > 0 && s.governed(text, toks[b-1]) {
		return k, k
	}
	if b > 0 && s.heads.byLast[tokenText(text, toks[b-1])] {
		intro = true // "AFP Tuesday 3 Oct 2017": a head for sure
	}
	e = k + 1
	// A stamp that ends the line needs nothing after it.
	if e == len(toks) {
		return b, e
	}
	if te := clockTime(text, toks, e); te > e && (te == len(toks) || s.opensUnit(text, toks, te, intro)) {
		return b, te
	}
	if s.opensUnit(text, toks, e, intro) {
		return b, e
	}
	return k, k
}

// introStart returns the start of an intro phrase ("Posted on", "Date of
// publication:") ending just before token b, or b. The intro must be
// capitalised: "a video posted on 3 May 2017 shows" is a sentence.
func (s *Segmenter) introStart(text string, toks []doc.Token, b int) int {
	end := b
	if end > 0 && tokenIs(text, toks[end-1], ":") {
		end--
	}
	for _, p := range s.heads.introList {
		i := end - len(p)
		if i < 0 || !isUpperASCII(text[toks[i].Start]) {
			continue
		}
		ok := true
		for j, w := range p {
			if !strings.EqualFold(tokenText(text, toks[i+j]), w) {
				ok = false
				break
			}
		}
		if ok {
			return i
		}
	}
	return b
}

// opensUnit reports whether token k can open the unit after a stamp: any
// word or number after an intro, else the start of a sentence.
func (s *Segmenter) opensUnit(text string, toks []doc.Token, k int, intro bool) bool {
	if intro && toks[k].Kind != doc.Punct {
		return true
	}
	return startsSentence(text, toks, k)
}

// byline returns the end of a byline or attribution tag at token i that
// ends a headline, or i.
func (s *Segmenter) byline(text string, toks []doc.Token, i int) int {
	e, tag := i, false
	for _, p := range s.heads.phrases[tokenText(text, toks[i])] {
		if matchPhrase(text, toks, i, p.words) {
			e, tag = i+len(p.words), p.tag
			break
		}
	}
	if e == i || e == len(toks) {
		return i
	}
	if i > 0 && s.heads.byLast[tokenText(text, toks[i-1])] {
		return i // "AFP Reuters and AP" is a list
	}
	nt := toks[e]
	nw := tokenText(text, nt)
	switch {
	case nt.Kind == doc.Number:
		if tag {
			return i // "Monitor 18 ..." may be a title-case headline
		}
		return e
	case nt.Kind != doc.Word || !startsSentence(text, toks, e):
		return i
	case s.heads.phrases[nw] != nil || weekday(nw) || month(nw) >= 0:
		// "Monitor AFP", "AFP Monday": the byline or stamp goes on
		return i
	case !tag && s.starters[nw]:
		return e
	}
	// A capitalised word that a lowercase word follows reads as a
	// sentence's start; title case reads as more headline.
	if e+1 < len(toks) && toks[e+1].Kind == doc.Word && lowerWord(tokenText(text, toks[e+1])) {
		return e
	}
	return i
}

// prefix2 packs a word's first two bytes, the second 0 for a one-byte
// word.
func prefix2(w string) uint16 {
	if len(w) < 2 {
		return uint16(w[0]) << 8
	}
	return uint16(w[0])<<8 | uint16(w[1])
}

func tokenText(text string, t doc.Token) string { return text[t.Start:t.End] }

func tokenIs(text string, t doc.Token, w string) bool { return text[t.Start:t.End] == w }

// lowerWord reports whether w starts with a lowercase ASCII letter.
func lowerWord(w string) bool { return w != "" && w[0] >= 'a' && w[0] <= 'z' }

// weekday reports whether w is a weekday's name or English abbreviation,
// capitalised: "Tuesday", "Tue", "Tues.".
func weekday(w string) bool {
	w = strings.TrimSuffix(w, ".")
	if len(w) < 3 || !isUpperASCII(w[0]) {
		return false
	}
	switch w {
	case "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
		"Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun",
		"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY":
		return true
	}
	return false
}

// month returns the month (1-12) w names, capitalised or in capitals,
// with or without an abbreviation's period, or -1.
func month(w string) int {
	w = strings.TrimSuffix(w, ".")
	if len(w) < 3 || len(w) > 9 || !isUpperASCII(w[0]) {
		return -1
	}
	var buf [9]byte
	for k := 0; k < len(w); k++ {
		c := w[k]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[k] = c
	}
	switch string(buf[:len(w)]) {
	case "january", "jan":
		return 1
	case "february", "feb":
		return 2
	case "march", "mar":
		return 3
	case "april", "apr":
		return 4
	case "may":
		return 5
	case "june", "jun":
		return 6
	case "july", "jul":
		return 7
	case "august", "aug":
		return 8
	case "september", "sep", "sept":
		return 9
	case "october", "oct":
		return 10
	case "november", "nov":
		return 11
	case "december", "dec":
		return 12
	}
	return -1
}

// number returns the value of a token of 1 to 6 plain digits and how many
// digits it has, or -1.
func number(text string, t doc.Token) (int, int) {
	w := text[t.Start:t.End]
	if t.Kind != doc.Number || len(w) > 6 {
		return -1, 0
	}
	v := 0
	for k := 0; k < len(w); k++ {
		if w[k] < '0' || w[k] > '9' {
			return -1, 0
		}
		v = v*10 + int(w[k]-'0')
	}
	return v, len(w)
}

func isDay(v, digits int) bool  { return digits <= 2 && v >= 1 && v <= 31 }
func isYear(v, digits int) bool { return digits == 4 && v >= 1900 && v <= 2099 }

// dateStart returns the first token of a date with day, month and year
// whose last token is k, or -1: "3 Oct 2017", "03 October, 2017", "Oct 3
// 2017", "October 3, 2017", "Aug 142016" (a comma stripped between day and
// year), "03.10.2017", "3-10-2017", "2017-10-03", "3/10/2017".
func dateStart(text string, toks []doc.Token, k int) int {
	t := toks[k]
	w := tokenText(text, t)
	glued := k >= 4 && t.Start == toks[k-1].End
	if len(w) < 4 && !glued {
		return -1 // most numbers: "12 fighters"
	}
	v, d := number(text, t)
	switch {
	case d == 4:
		if !isYear(v, d) {
			break
		}
		j := k - 1
		if j >= 0 && tokenIs(text, toks[j], ",") {
			j--
		}
		if j < 1 {
			break
		}
		// "3 Oct 2017" or "Oct 3 2017"
		if month(tokenText(text, toks[j])) > 0 {
			if dv, dd := number(text, toks[j-1]); isDay(dv, dd) {
				return j - 1
			}
		} else if dv, dd := number(text, toks[j]); isDay(dv, dd) && month(tokenText(text, toks[j-1])) > 0 {
			return j - 1
		}
	case d >= 5:
		// "Aug 142016": the day and the year glued by a stripped comma.
		if k >= 1 && isDay(v/10000, d-4) && isYear(v%10000, 4) && month(tokenText(text, toks[k-1])) > 0 {
			return k - 1
		}
	case d == 0 && len(w) >= 8 && strings.IndexByte(w, '.') > 0:
		if dottedDate(w) {
			return k
		}
	}
	if glued {
		return numericDate(text, toks, k-4)
	}
	return -1
}

// dottedDate reports whether w, one number token, is a date written with
// periods: "03.10.2017" or "2017.10.03".
func dottedDate(w string) bool {
	a, rest, ok1 := strings.Cut(w, ".")
	b, c, ok2 := strings.Cut(rest, ".")
	return ok1 && ok2 && dateParts(a, b, c)
}

// numericDate returns j when the tokens from j are a date written as
// three numbers joined, without spaces, by "-" or "/" ("3-10-2017",
// "2017/10/03"), or -1.
func numericDate(text string, toks []doc.Token, j int) int {
	if j < 0 || j+4 >= len(toks) {
		return -1
	}
	sep := tokenText(text, toks[j+1])
	if sep != "-" && sep != "/" || !tokenIs(text, toks[j+3], sep) {
		return -1
	}
	for k := j + 1; k <= j+4; k++ {
		if toks[k].Start != toks[k-1].End {
			return -1
		}
	}
	if toks[j+2].Kind != doc.Number || toks[j+4].Kind != doc.Number || toks[j].Kind != doc.Number {
		return -1
	}
	if !dateParts(tokenText(text, toks[j]), tokenText(text, toks[j+2]), tokenText(text, toks[j+4])) {
		return -1
	}
	return j
}

// dateParts reports whether three digit strings make a day-month-year or
// year-month-day date (either day-month order).
func dateParts(a, b, c string) bool {
	num := func(s string) (int, int) {
		if len(s) == 0 || len(s) > 4 {
			return -1, 0
		}
		v := 0
		for k := 0; k < len(s); k++ {
			if s[k] < '0' || s[k] > '9' {
				return -1, 0
			}
			v = v*10 + int(s[k]-'0')
		}
		return v, len(s)
	}
	av, ad := num(a)
	bv, bd := num(b)
	cv, cd := num(c)
	if bd == 0 || bd > 2 || bv < 1 || bv > 31 {
		return false
	}
	if isYear(cv, cd) {
		return isDay(av, ad) && (av <= 12 || bv <= 12)
	}
	return isYear(av, ad) && bv <= 12 && isDay(cv, cd)
}

// clockTime returns the end of a time of day at token j ("at 0914",
// "22:33", "10:30 GMT", "9:15 a.m."), or j.
func clockTime(text string, toks []doc.Token, j int) int {
	k := j
	if k < len(toks) && (tokenIs(text, toks[k], "at") || tokenIs(text, toks[k], "|") || tokenIs(text, toks[k], "-")) {
		k++
	}
	if k >= len(toks) {
		return j
	}
	v, d := number(text, toks[k])
	switch {
	case d >= 1 && d <= 2 && v < 24 && k+2 < len(toks) && tokenIs(text, toks[k+1], ":") &&
		toks[k+1].Start == toks[k].End && toks[k+2].Start == toks[k+1].End:
		m, md := number(text, toks[k+2])
		if md != 2 || m > 59 {
			return j
		}
		k += 3
	case d >= 3 && d <= 4 && v/100 < 24 && v%100 < 60:
		k++
	default:
		return j
	}
	if k < len(toks) {
		switch tokenText(text, toks[k]) {
		case "GMT", "UTC", "AM", "PM", "am", "pm", "a.m.", "p.m.", "EST", "CET", "BST":
			k++
		}
	}
	return k
}

// maxTags bounds a tag list.
const maxTags = 30

// tagListEnd returns the end of a list of tags opening at token i, run
// into the sentence after it ("Tags Syria Idlib airstrikes At least 16
// people were killed ..."), or i. The list ends at the first listed
// sentence starter ("A", "The", "At") or at a number or number word
// followed by a lowercase word ("Four civilians were"); without one in
// reach the words are left as they are, since where the tags end is not
// known.
func (s *Segmenter) tagListEnd(text string, toks []doc.Token, i int) int {
	j := i + 1
	if j < len(toks) && tokenIs(text, toks[j], ":") {
		j++
	}
	if j >= len(toks) || !startsSentence(text, toks, j) {
		return i
	}
	for k := j + 1; k < len(toks) && k < j+maxTags; k++ {
		t := toks[k]
		if t.Kind == doc.Punct {
			return i
		}
		w := tokenText(text, t)
		if t.Kind == doc.Word && s.starters[w] {
			return k
		}
		if (t.Kind == doc.Number || numberWord(w)) && k+1 < len(toks) && lowerWord(tokenText(text, toks[k+1])) {
			return k
		}
	}
	return i
}

// numberWord reports whether w is a capitalised number word that can
// open a sentence: "Four", "Fifty", "Dozens".
func numberWord(w string) bool {
	switch w {
	case "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten",
		"Eleven", "Twelve", "Thirteen", "Fourteen", "Fifteen", "Sixteen", "Seventeen",
		"Eighteen", "Nineteen", "Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy",
		"Eighty", "Ninety", "Hundreds", "Dozens", "Scores", "Thousands":
		return true
	}
	return false
}
