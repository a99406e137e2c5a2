package place

import "strings"

// dateWords are the names of weekdays and months and their abbreviations:
// next to a day number, a year or one another they are part of a date
// ("Mon 03 Apr 2017", "Sat Jul 8", "published Wed, 5 Apr"), however many
// places are called Mon (Myanmar's Mon State), Sat or Wed.
var dateWords = map[string]bool{
	"mon": true, "tue": true, "tues": true, "wed": true, "thu": true, "thur": true, "thurs": true,
	"fri": true, "sat": true, "sun": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
	"saturday": true, "sunday": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true,
	"july": true, "august": true, "september": true, "october": true, "november": true,
	"december": true,
}

// dateInitials has a bit for each first letter of the date words, either
// case (a letter's low five bits).
const dateInitials = 1<<('a'&31) | 1<<('d'&31) | 1<<('f'&31) | 1<<('j'&31) | 1<<('m'&31) |
	1<<('n'&31) | 1<<('o'&31) | 1<<('s'&31) | 1<<('t'&31) | 1<<('w'&31)

// dateWordAt reports whether token t is a weekday's or month's name or
// abbreviation, with or without its dot.
func (s *scan) dateWordAt(t int) bool {
	if t < 0 || t >= len(s.toks) {
		return false
	}
	if n := s.toks[t].End - s.toks[t].Start; n < len("may") || n > len("september.") ||
		dateInitials&(1<<(s.text[s.toks[t].Start]&31)) == 0 {
		return false
	}
	return dateWords[strings.TrimSuffix(s.lowerWord(t), ".")]
}

// inDate reports whether the one-word mention at token t stands in a
// date: a day number, a year or another date word follows it ("Mon 03
// Apr 2017", "Mon Jul 10", "Wed, 05 Apr"), or a day number or date word
// comes before it ("03 Apr", "Sun Jul").
func (s *scan) inDate(t int) bool {
	n := t + 1
	if s.word(n) == "." && s.sameLine(t, n) {
		n++ // "Mon. 3 April", when the segmenter split the dot
	}
	comma := false
	if s.word(n) == "," {
		// "Wed, 05 Apr 2017", as feeds write dates; "fighting in Mon,
		// 12 villagers fled" is no date, so a full one must follow
		comma = true
		n++
	}
	if n < len(s.toks) && s.oneLine(t, n) {
		switch {
		case s.dateWordAt(n):
			return true
		case dayNumber(s.word(n)):
			return !comma || s.dateWordAt(n+1)
		case year(s.word(n)):
			return !comma
		}
	}
	p := t - 1
	return p >= 0 && s.sameLine(p, t) && (dayNumber(s.word(p)) || s.dateWordAt(p))
}

// dayNumber reports whether w is a day of the month: "3", "03", "3rd",
// "21st".
func dayNumber(w string) bool {
	for _, suf := range [...]string{"st", "nd", "rd", "th"} {
		if len(w) > 2 && strings.HasSuffix(w, suf) {
			w = w[:len(w)-2]
			break
		}
	}
	if len(w) == 0 || len(w) > 2 {
		return false
	}
	n := 0
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
		n = n*10 + int(w[i]-'0')
	}
	return n >= 1 && n <= 31
}

// year reports whether w is a year of the last or this century: "2017".
func year(w string) bool {
	if len(w) != 4 || !(strings.HasPrefix(w, "19") || strings.HasPrefix(w, "20")) {
		return false
	}
	return w[2] >= '0' && w[2] <= '9' && w[3] >= '0' && w[3] <= '9'
}
