package segment

import (
	"unicode"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep/internal/doc"
)

// Kinds of sentence-final token.
const (
	termNone     = iota
	termStop     // ".", "!", "?", "?!"
	termEllipsis // "...", "…"
	termAbbr     // a word ending in a period: "U.S.", "etc.", "W."
)

// sentences appends the sentences of one line of tokens to out. The line's
// end always ends a sentence; inside it, a terminator ends one when the
// next token can start a sentence.
func (s *Segmenter) sentences(text string, toks []doc.Token, flags []uint8, out []doc.Span) []doc.Span {
	start := 0
	inQuote := false
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		w := text[t.Start:t.End]
		if i == start && w == "Tags" {
			if k := s.tagListEnd(text, toks, i); k > i {
				// The tags are a paragraph of their own.
				out = append(out, doc.Span{Start: toks[start].Start, End: toks[k-1].End})
				flags[start] |= flagHead
				flags[k] |= flagHead
				start, i = k, k-1
				continue
			}
		}
		if t.Kind == doc.Punct {
			inQuote = quoteState(w, inQuote, flags[i]&flagSpace != 0)
		}
		term, cl := s.terminal(t, w)
		if term == termNone {
			continue
		}
		// Closing quotes and brackets right after the terminator belong to
		// the sentence: `he said "no."` ends after the quote.
		k := i + 1
		for k < len(toks) && flags[k]&flagSpace == 0 && toks[k].Kind == doc.Punct && closing(text[toks[k].Start:toks[k].End]) {
			inQuote = quoteState(text[toks[k].Start:toks[k].End], inQuote, false)
			k++
		}
		if k == len(toks) {
			break
		}
		if flags[k]&flagSpace != 0 && s.splits(text, toks, k, term, cl, inQuote) {
			out = append(out, doc.Span{Start: toks[start].Start, End: toks[k-1].End})
			start = k
			inQuote = false
		}
		i = k - 1
	}
	return append(out, doc.Span{Start: toks[start].Start, End: toks[len(toks)-1].End})
}

// quoteState tracks whether the text is inside a quotation. A straight
// double quote opens after a space and closes otherwise.
func quoteState(w string, in, spaceBefore bool) bool {
	switch w {
	case "“", "«":
		return true
	case "”", "»":
		return false
	case "\"":
		if spaceBefore || !in {
			return !in
		}
		return false
	}
	return in
}

// closing reports punctuation that may follow a sentence's final stop.
func closing(w string) bool {
	switch w {
	case "\"", "'", "”", "’", ")", "]", "»", "›", "}":
		return true
	}
	return false
}

// terminal classifies a token that may end a sentence.
func (s *Segmenter) terminal(t doc.Token, w string) (int, abbrClass) {
	if t.Kind == doc.Punct {
		switch {
		case w == "." || w[0] == '?' || w[0] == '!':
			return termStop, 0
		case w[0] == '.' || w == "…" || len(w) > 3 && w[:3] == "…":
			return termEllipsis, 0
		}
		return termNone, 0
	}
	if t.Kind != doc.Word || len(w) < 2 || w[len(w)-1] != '.' {
		return termNone, 0
	}
	cl, _ := s.lookup(w)
	return termAbbr, cl
}

// splits decides whether the sentence ends before token k.
//
// Examples: "hit the town. The army" splits; "Gen. Salim Idris" never
// does; "the U.S. Army" does not but "the U.S. The ministry" does;
// "tents, etc. Aid workers" does; `"We held... Never," he said` does not
// split inside the quotation; "Why?" he asked does not (lowercase next).
func (s *Segmenter) splits(text string, toks []doc.Token, k, term int, cl abbrClass, inQuote bool) bool {
	switch term {
	case termStop:
		return startsSentence(text, toks, k)
	case termEllipsis:
		return !inQuote && startsSentence(text, toks, k)
	}
	switch cl {
	case abbrTitle:
		return false
	case abbrEnd:
		return startsSentence(text, toks, k)
	}
	nt := toks[k]
	return nt.Kind == doc.Word && s.starters[text[nt.Start:nt.End]]
}

// startsSentence reports whether token k can begin a sentence: a capital
// letter, a digit, a letter of a script without case, or an opening quote
// or bracket before one of those.
func startsSentence(text string, toks []doc.Token, k int) bool {
	t := toks[k]
	r, _ := utf8.DecodeRuneInString(text[t.Start:t.End])
	switch t.Kind {
	case doc.Number:
		return true
	case doc.Word:
		return unicode.IsUpper(r) || unicode.IsTitle(r) || unicode.IsDigit(r) || unicode.IsLetter(r) && !unicode.IsLower(r)
	}
	switch r {
	case '"', '“', '‘', '\'', '(', '[', '«', '¿', '¡':
		if k+1 < len(toks) && toks[k+1].Start == t.End {
			return startsSentence(text, toks, k+1)
		}
	}
	return false
}
