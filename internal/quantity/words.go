package quantity

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// word is one token of the quantity scanner: a run of letters, a number
// ("1,200", "3.5") or one punctuation mark, with its byte span in the text.
// The scanner is the package's own rather than Document.Tokens because the
// number grammar needs to see hyphens and thousands separators exactly.
type word struct {
	start, end int
	key        string // lower-cased surface
	num        bool   // digits, possibly with , or . inside
	punct      bool
	info       wordInfo // the word's lexicon classes (lexicon.annotate)
}

// scan tokenises text[start:end].
func scan(text string, start, end int) []word {
	return scanInto(nil, text, "", start, end)
}

// scanInto appends the words of text[start:end] to ws. lower, when not
// empty, is text lower-cased with the same offsets (doc.Document.Lower):
// a word's key is then a slice of it rather than a new string.
func scanInto(ws []word, text, lower string, start, end int) []word {
	i := start
	for i < end {
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsSpace(r):
			i += n
		case r >= '0' && r <= '9':
			j := i + n
			for j < end {
				c := text[j]
				if c >= '0' && c <= '9' {
					j++
					continue
				}
				// A separator belongs to the number only between digits:
				// "1,200" and "3.5", not "12, 13" or "12.".
				if (c == ',' || c == '.') && j+1 < end && text[j+1] >= '0' && text[j+1] <= '9' {
					j++
					continue
				}
				break
			}
			ws = append(ws, word{start: i, end: j, key: text[i:j], num: true})
			i = j
		case unicode.IsLetter(r):
			j := i + n
			for j < end {
				r2, n2 := utf8.DecodeRuneInString(text[j:])
				if !unicode.IsLetter(r2) && r2 != '\'' && r2 != '’' {
					break
				}
				j += n2
			}
			key := ""
			if lower != "" {
				key = lower[i:j]
			} else {
				key = strings.ToLower(text[i:j])
			}
			ws = append(ws, word{start: i, end: j, key: key})
			i = j
		default:
			ws = append(ws, word{start: i, end: i + n, key: text[i : i+n], punct: true})
			i += n
		}
	}
	return ws
}
