package timex

import "strings"

// The lexicon maps a lower-cased word to what it can mean in a temporal
// expression. One map lookup per word is the scanner's whole candidate
// detection: a word with no entry and no digits cannot start an expression,
// so the rules run only at the few positions that can.

type wordClass uint32

const (
	cMonth   wordClass = 1 << iota // january..december, jan, sept
	cWeekday                       // monday..sunday
	cNumWord                       // one..ninety, a, an, several
	cOrdinal                       // first..thirty-first
	cUnit                          // day(s), week(s), ...
	cPOD                           // morning, afternoon, evening, night
	cRelDay                        // yesterday, today, tomorrow, tonight
	cRef                           // now, currently, recently
	cSeason                        // spring, summer, autumn, fall, winter
	cMod                           // early, mid, late
	cDet                           // this, last, next, past, coming, previous
	cSetWord                       // daily, weekly, annually
	cTZ                            // gmt, utc
	cThe                           // the
	cEvery                         // every, each
	cPrep                          // a preposition that may precede a date
)

// unit is a calendar unit. Its order is used for granularity checks.
type unit uint8

const (
	uNone unit = iota
	uSecond
	uMinute
	uHour
	uDay
	uWeekend
	uWeek
	uFortnight
	uMonth
	uQuarter
	uSeason
	uYear
	uDecade
	uCentury
)

type word struct {
	class wordClass
	val   int    // month 1-12, ISO weekday 1-7, number, ordinal, day offset
	unit  unit   // for cUnit and cSetWord
	plur  bool   // plural unit ("days")
	code  string // part of day (MO), season (SU), ref (PRESENT_REF), mod (START), det
}

var lexicon = buildLexicon()

func buildLexicon() map[string]*word {
	m := make(map[string]*word, 256)
	add := func(k string, w word) {
		if old, ok := m[k]; ok {
			// A word may belong to several classes ("second" is an
			// ordinal and a unit; "may" only a month here).
			old.class |= w.class
			if w.class&(cUnit|cSetWord) != 0 {
				old.unit, old.plur = w.unit, w.plur
			}
			if w.code != "" && old.code == "" {
				old.code = w.code
			}
			if old.val == 0 {
				old.val = w.val
			}
			return
		}
		c := w
		m[k] = &c
	}
	months := []string{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}
	for i, s := range months {
		add(s, word{class: cMonth, val: i + 1})
		if len(s) > 3 {
			add(s[:3], word{class: cMonth, val: i + 1})
		}
	}
	add("sept", word{class: cMonth, val: 9})
	days := []string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
	for i, s := range days {
		add(s, word{class: cWeekday, val: i + 1})
		// "Saturdays": every Saturday, or "Saturday's" in text whose
		// apostrophes a crawler stripped ("Saturdays blast"); the weekday
		// rule decides which by the words around it.
		add(s+"s", word{class: cWeekday, val: i + 1, plur: true})
	}
	nums := map[string]int{"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
		"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
		"fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
		"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
		"hundred": 100, "a": 1, "an": 1, "single": 1, "couple": 2, "half": -2,
		// X: a vague count gives TIMEX3's X ("several days" is PXD).
		"several": -1, "few": -1, "many": -1, "some": -1, "numerous": -1}
	for k, v := range nums {
		add(k, word{class: cNumWord, val: v})
	}
	ords := map[string]int{"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
		"seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
		"thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17,
		"eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "last": -1}
	for k, v := range ords {
		add(k, word{class: cOrdinal, val: v})
	}
	units := []struct {
		s string
		u unit
	}{{"second", uSecond}, {"minute", uMinute}, {"hour", uHour}, {"day", uDay}, {"week", uWeek},
		{"weekend", uWeekend}, {"fortnight", uFortnight}, {"month", uMonth}, {"quarter", uQuarter},
		{"year", uYear}, {"decade", uDecade}, {"century", uCentury}}
	for _, x := range units {
		add(x.s, word{class: cUnit, unit: x.u})
		pl := x.s + "s"
		if x.u == uCentury {
			pl = "centuries"
		}
		add(pl, word{class: cUnit, unit: x.u, plur: true})
	}
	add("hrs", word{class: cUnit, unit: uHour, plur: true})
	add("mins", word{class: cUnit, unit: uMinute, plur: true})
	for k, v := range map[string]string{"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
		"overnight": "NI", "midday": "MI", "noon": "MI", "midnight": "NI", "dawn": "MO", "dusk": "EV"} {
		add(k, word{class: cPOD, code: v})
	}
	// "last nights attack" is "last night's"; plural, so never a part of
	// day a weekday takes ("on Friday nights").
	add("nights", word{class: cPOD, code: "NI", plur: true})
	add("yesterday", word{class: cRelDay, val: -1})
	add("today", word{class: cRelDay, val: 0})
	add("tomorrow", word{class: cRelDay, val: 1})
	add("tonight", word{class: cRelDay, val: 0, code: "NI"})
	// Possessives with the apostrophe stripped ("yesterdays shelling"):
	// these have no plural, so they can only be "yesterday's".
	add("yesterdays", word{class: cRelDay, val: -1})
	add("todays", word{class: cRelDay, val: 0})
	add("tomorrows", word{class: cRelDay, val: 1})
	add("tonights", word{class: cRelDay, val: 0, code: "NI"})
	for k, v := range map[string]string{"now": "PRESENT_REF", "currently": "PRESENT_REF",
		"nowadays": "PRESENT_REF", "recently": "PAST_REF", "lately": "PAST_REF",
		"soon": "FUTURE_REF"} {
		add(k, word{class: cRef, code: v})
	}
	for k, v := range map[string]string{"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"} {
		add(k, word{class: cSeason, code: v})
	}
	for k, v := range map[string]string{"early": "START", "mid": "MID", "late": "END", "middle": "MID",
		"end": "END", "beginning": "START", "start": "START", "earlier": "EARLIER", "later": "LATER"} {
		add(k, word{class: cMod, code: v})
	}
	for k, v := range map[string]string{"this": "this", "last": "last", "next": "next", "past": "past",
		"coming": "next", "previous": "prev", "following": "foll", "current": "this", "same": "same",
		"upcoming": "next", "recent": "past", "that": "that", "preceding": "prev"} {
		add(k, word{class: cDet, code: v})
	}
	for k, v := range map[string]unit{"daily": uDay, "weekly": uWeek, "monthly": uMonth, "yearly": uYear,
		"annually": uYear, "hourly": uHour, "nightly": uDay, "quarterly": uQuarter} {
		add(k, word{class: cSetWord, unit: v})
	}
	for _, k := range []string{"gmt", "utc", "est", "edt", "cet", "cest", "bst", "pst", "pdt", "z"} {
		add(k, word{class: cTZ})
	}
	add("the", word{class: cThe})
	add("every", word{class: cEvery})
	add("each", word{class: cEvery})
	for _, k := range []string{"in", "on", "since", "by", "until", "till", "before", "after", "during",
		"from", "to", "through", "throughout", "of", "at", "between", "and", "or", "around", "about",
		"from", "as", "for", "circa", "late", "early", "mid", "last", "next", "this", "that", "until",
		"within", "over", "starting", "beginning", "ending", "into", "than", "nor", "but", "when"} {
		add(k, word{class: cPrep})
	}
	return m
}

// eventNouns are the nouns of reported events. After a weekday or a
// relative day they mark a possessive whose apostrophe was stripped ("a
// report on Saturdays blast"); publication inference uses them to tell
// that two sentences speak of one event ("the gas attack earlier this
// month" and "the gas attack on 4 April").
var eventNouns = wordSet(`attack attacks blast blasts bomb bombs bombing bombings strike strikes airstrike
	airstrikes raid raids shelling explosion explosions assault massacre clashes fighting battle
	bombardment offensive ambush killings killing shooting siege ceasefire truce vote election
	meeting talks statement announcement report reports protest protests rally incident operation`)

// notAfterPossessive are words that do not start the noun phrase a
// possessive qualifies: verbs, pronouns and adverbs after a plural
// ("Saturdays are quiet", "Fridays we pray", "Saturdays only").
var notAfterPossessive = wordSet(`are were is was be been have has had will would can could may
	might must should shall do does did not no we they he she it i you there these those which who
	usually often always never only too also alone again tend remain remained became`)

func wordSet(list string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(list) {
		m[w] = true
	}
	return m
}
