package gazetteer

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold turns a place name into the keys the gazetteer is indexed by: one key
// per word, spelled so that the usual English transliterations of one
// Arabic, Persian, Turkish or Slavic name meet. Khan Sheikhoun, Khan Sheikhun,
// Khan Shaykhun and Khan Sheikoun all fold to [kan shaykun]; Idleb and Idlib
// to [idlib]; Taibat al-Imam and Tayyibat al Imam to [taybat al imam].
//
// The steps, in order:
//   - diacritics are removed and letters lower-cased (Ḩalfāyā → halfaya);
//     apostrophes and ayn/hamza marks vanish (Dar'a → dara);
//   - words are split at spaces, hyphens and other punctuation, except that
//     dots inside an abbreviation are dropped (U.S. → us);
//   - an article word before another word (al, el, ad, ash, as, at, ar, az,
//     an and their e- forms) becomes "al", so al-, el- and ash- names meet;
//   - within a word: sch and ch → sh; kh, gh, q and g → k; dh → d;
//     ou, oo and o → u; ei, ey, ai and ay → ay; e → i; doubled letters
//     collapse; "ayi" → "ay" (Tayyibat, Taibat); a final h after a vowel is
//     dropped (Hamah → hama).
//
// The rules are deliberately lossy: they make different places collide
// (Homs and Hums), which the resolver sorts out by context; they never make
// one place's spellings miss each other.
func Fold(name string) []string {
	words := splitWords(name)
	keys := make([]string, 0, len(words))
	for i, w := range words {
		k := FoldWord(w)
		if k == "" {
			continue
		}
		if i+1 < len(words) && isArticle(k) {
			k = "al"
		}
		keys = append(keys, k)
	}
	return keys
}

// FoldKey folds a name to one string (its keys joined by spaces), for use
// as a map key.
func FoldKey(name string) string { return strings.Join(Fold(name), " ") }

// articles are the romanisations of the Arabic article as a separate word,
// already folded (e → i, o → u).
var articles = map[string]bool{
	"al": true, "il": true, "ad": true, "id": true, "ash": true, "ish": true,
	"as": true, "is": true, "at": true, "it": true, "ar": true, "ir": true,
	"az": true, "iz": true, "an": true, "in": true, "ul": true, "ath": true,
	"adh": true, "ut": true,
}

func isArticle(k string) bool {
	// every article is a, i or u and one or two letters more
	return len(k) >= 2 && len(k) <= 3 && (k[0] == 'a' || k[0] == 'i' || k[0] == 'u') && articles[k]
}

// IsArticle reports whether a folded word is an article that Fold
// normalises to "al" before another word.
func IsArticle(k string) bool { return isArticle(k) }

// splitWords splits at anything that is not a letter or digit, dropping
// apostrophes and the dots of abbreviations so "Dar'a" and "U.S." stay one
// word.
func splitWords(s string) []string {
	var words []string
	start := -1
	for i, r := range s {
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if isJoiner(r) && start >= 0 {
			// an apostrophe or abbreviation dot inside a word: keep going if a
			// letter follows.
			next, _ := utf8.DecodeRuneInString(s[i+utf8.RuneLen(r):])
			if isWordRune(next) && (r != '.' || abbrevDot(s, start, i)) {
				continue
			}
			if r == '.' && abbrevDot(s, start, i) {
				continue
			}
		}
		if start >= 0 {
			words = append(words, s[start:i])
			start = -1
		}
	}
	if start >= 0 {
		words = append(words, s[start:])
	}
	return words
}

// abbrevDot reports whether the dot at i ends a one-letter piece of an
// abbreviation such as U.S. or B.C.
func abbrevDot(s string, start, i int) bool {
	piece := s[start:i]
	if j := strings.LastIndexByte(piece, '.'); j >= 0 {
		piece = piece[j+1:]
	}
	return utf8.RuneCountInString(piece) == 1
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isJoiner(r rune) bool {
	switch r {
	case '\'', '’', '‘', '`', 'ʿ', 'ʾ', 'ʼ', '´', '.':
		return true
	}
	return false
}

// special maps letters that do not decompose into a base letter and marks.
var special = map[rune]string{
	'ø': "o", 'æ': "ae", 'œ': "oe", 'ß': "ss", 'ı': "i", 'ł': "l", 'đ': "d",
	'ð': "d", 'þ': "th", 'ħ': "h", 'ŧ': "t",
}

// FoldWord folds one word (see Fold) without the article rule.
func FoldWord(w string) string {
	var b [64]byte
	return string(AppendFoldWord(b[:0], w))
}

// AppendFoldWord appends FoldWord(w) to dst: the geoparser folds every word
// of a text into one buffer, with no string per word.
func AppendFoldWord(dst []byte, w string) []byte {
	var b [64]byte
	buf := b[:0]
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		for i := 0; i < len(w); i++ {
			c := w[i]
			switch {
			case c >= 'A' && c <= 'Z':
				buf = append(buf, c+'a'-'A')
			case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
				buf = append(buf, c)
			}
		}
	} else {
		for _, r := range norm.NFD.String(w) {
			r = unicode.ToLower(r)
			switch {
			case r < utf8.RuneSelf:
				if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
					buf = append(buf, byte(r))
				}
			case special[r] != "":
				buf = append(buf, special[r]...)
			case unicode.IsLetter(r) || unicode.IsDigit(r):
				buf = utf8.AppendRune(buf, r)
			}
		}
	}
	return appendSkeleton(dst, buf)
}

func isVowel(c byte) bool { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' }

// appendSkeleton appends w, a lower-case word, with the letter rules of
// Fold applied, to dst. The rules run in one pass: each letter the
// substitutions give goes through the collapse of doubled letters and then
// the "ayi" rule as it comes, which is what running them one after the
// other over the whole word does.
func appendSkeleton(dst, w []byte) []byte {
	k := skeletonWriter{out: dst, base: len(dst)}
	for i := 0; i < len(w); i++ {
		c := w[i]
		var n byte
		if i+1 < len(w) {
			n = w[i+1]
		}
		switch {
		case c == 's' && n == 'c' && i+2 < len(w) && w[i+2] == 'h':
			k.put('s')
			k.put('h')
			i += 2
		case c == 'c' && n == 'h':
			k.put('s')
			k.put('h')
			i++
		case (c == 'k' || c == 'g') && n == 'h':
			k.put('k')
			i++
		case c == 'd' && n == 'h':
			k.put('d')
			i++
		case c == 'q' || c == 'g':
			k.put('k')
		case c == 'o' && (n == 'u' || n == 'o'):
			k.put('u')
			i++
		case c == 'o':
			k.put('u')
		case (c == 'e' || c == 'a') && (n == 'i' || n == 'y'):
			k.put('a')
			k.put('y')
			i++
		case c == 'e':
			k.put('i')
		default:
			k.put(c)
		}
	}
	out := k.out
	// final h after a vowel: Hamah, Raqqah
	if n := len(out) - k.base; n > 2 && out[k.base+n-1] == 'h' && isVowel(out[k.base+n-2]) {
		out = out[:k.base+n-1]
	}
	return out
}

// skeletonWriter applies the collapse of doubled letters and the "ayi" →
// "ay" rule (Tayyibat and Taibat) to the letters put, in that order.
type skeletonWriter struct {
	out  []byte
	base int
	// last is the last letter the collapse kept, if any.
	last byte
	any  bool
}

func (k *skeletonWriter) put(c byte) {
	if k.any && c == k.last {
		return
	}
	k.any, k.last = true, c
	if n := len(k.out); c == 'i' && n-k.base >= 2 && k.out[n-1] == 'y' && k.out[n-2] == 'a' {
		return
	}
	k.out = append(k.out, c)
}
