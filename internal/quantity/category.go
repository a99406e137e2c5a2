package quantity

import (
	"strconv"
	"strings"
)

// categories in the lexicon, in the order ties are broken.
var categories = [...]string{"killed", "wounded", "displaced", "arrested", "missing"}

// window is how many words a cue may stand from its number.
const window = 6

// categorise sets Category from the nearest cue word: after the number
// ("12 were killed") or before it ("killing 12"); a cue after a later
// number belongs to that number. Figures joined by "and" share the cue
// that follows the last ("20 soldiers and 24 rebels were killed"), and a
// part takes its whole's category ("12 killed, including 3 children").
func (s *Stage) categorise(ws []word, fs []found) {
	for k := range fs {
		f := &fs[k]
		if f.who >= 0 {
			// "294 wounded and 33 dead": the counted are named by what
			// befell them
			if c := outcomeWord[ws[f.who].key]; c != "" {
				f.q.Category = c
				continue
			}
		}
		bestDist, best := 1<<30, ""
		// After: from the end of the figure to the next figure or sentence
		// break.
		// A part in between does not stop the search: "15 militants
		// including a commander were killed".
		limit := len(ws)
		for n := k + 1; n < len(fs); n++ {
			if !fs[n].q.Part {
				limit = fs[n].first
				break
			}
		}
		for j, d := f.numEnd, 0; j < limit && d < window; j, d = j+1, d+1 {
			if ws[j].key == ";" || ws[j].key == "." && j == len(ws)-1 {
				break
			}
			if n := partAt(fs, k, j); n >= 0 {
				// "949 civilians, including 237 children, were
				// killed": the part's words are no distance
				j, d = fs[n].end-1, d-1
				continue
			}
			if n := s.lex.startingAt(s.lex.mixed, ws, j); n > 0 {
				bestDist, best = d, ""
				break
			}
			if c := s.cueAt(ws, j); c != "" && !insideFigure(fs, k, j) {
				bestDist, best = d, c
				if c != "killed" && s.thenKilled(ws, j+1) {
					// "were kidnapped and killed": the death is the outcome.
					best = "killed"
				}
				if j == f.end && f.who >= 0 && f.end > f.numEnd {
					// "20 civilians injured": a participle right after
					// the figure's noun is its own
					bestDist = -1
				}
				if d <= 1 && j+1 < len(ws) && passiveAux[ws[j].key] {
					// "a soldier was wounded": the figure's own verb,
					// nearer than any cue before it can be
					bestDist = -1
				}
				if s.agent(ws, fs, k, j) {
					// "a soldier shot and killed a driver": the figure
					// before an active verb with a victim after it is
					// the killer
					bestDist, best = -1, ""
				}
				break
			}
		}
		// Before: up to window words back, not across another figure.
		floor, crossed := 0, false
		if k > 0 {
			floor = fs[k-1].end
		}
		for j, d := f.first-1, 0; j >= floor && d < window && d <= bestDist; j, d = j-1, d+1 {
			if ws[j].key == ";" || ws[j].key == "." || clauseBreak[ws[j].key] {
				break
			}
			// A verb before "and" belongs to the clause before, when this
			// figure has a verb of its own after it.
			if ws[j].key == "and" && best != "" {
				break
			}
			if ws[j].key == "and" {
				crossed = true
			}
			if n := s.lex.endingAt(s.lex.mixed, ws, j); n > 0 {
				best = ""
				bestDist = d
				break
			}
			if c := s.cueBefore(ws, j); c != "" {
				if crossed && j > 0 && passiveAux[ws[j-1].key] {
					// "8 students were killed and another 27 were
					// injured": a passive verb before "and" is the
					// clause before's
					break
				}
				if c == "killed" && (ws[j].key == "leaving" || ws[j].key == "left") && leftInState(ws, f.end) {
					// "leaving thousands of people stranded": left in a
					// state, not left dead
					break
				}
				if d <= bestDist {
					best, bestDist = c, d
				}
				break
			}
		}
		if f.first > 0 && ws[f.first-1].key == "by" && best != "" && f.first-1 >= 0 {
			// "were shot dead by 4 men": the figure after "by" counts
			// the perpetrators.
			best = ""
		}
		f.q.Category = best
	}
	// "and" chains share the cue of their last member.
	for k := len(fs) - 2; k >= 0; k-- {
		f, g := &fs[k], &fs[k+1]
		if f.q.Category != "" || g.q.Category == "" || f.q.Who == "" {
			continue
		}
		if joined(ws, f.end, g.first) {
			f.q.Category = g.q.Category
		}
	}
	// ... and forward, from a cue before the first ("killed 20 soldiers
	// and 24 rebels").
	for k := 1; k < len(fs); k++ {
		f, g := &fs[k-1], &fs[k]
		if g.q.Category == "" && f.q.Category != "" && g.q.Who != "" && joined(ws, f.end, g.first) {
			g.q.Category = f.q.Category
		}
	}
	for k := 1; k < len(fs); k++ {
		if fs[k].q.Part && fs[k].q.Category == "" {
			fs[k].q.Category = fs[k-1].q.Category
		}
	}
}

// outcomeWord maps the people nouns that say what befell the counted
// to their category: "294 wounded", "33 dead", "4 martyrs".
var outcomeWord = map[string]string{"dead": "killed", "martyr": "killed", "martyrs": "killed", "wounded": "wounded", "injured": "wounded"}

// partAt returns the index of a part figure after fs[k] starting at word
// j, or -1.
func partAt(fs []found, k, j int) int {
	for n := k + 1; n < len(fs); n++ {
		if fs[n].first == j && fs[n].q.Part {
			return n
		}
	}
	return -1
}

// parts extends a part over the figures joined to it: "including five
// children and two women" are both parts, and so are "10 children and 13
// rebels were among the dead". A part takes its whole's category.
func parts(ws []word, fs []found) {
	for k := 1; k < len(fs); k++ {
		f, g := &fs[k-1], &fs[k]
		if f.partBefore && !g.q.Part && g.q.Who != "" && joined(ws, f.end, g.first) {
			g.q.Part, g.partBefore = true, true
			if g.q.Category == "" {
				g.q.Category = f.q.Category
			}
		}
	}
	for k := len(fs) - 1; k >= 0; k-- {
		if f := &fs[k]; f.partAfter && f.q.Category == "" && k+1 < len(fs) && !fs[k+1].q.Part {
			f.q.Category = fs[k+1].q.Category // "were among 30 people killed"
		}
		if k+1 >= len(fs) {
			continue
		}
		f, g := &fs[k], &fs[k+1]
		if g.partAfter && (!f.q.Part || f.partAfter) && f.q.Who != "" && joined(ws, f.end, g.first) {
			f.q.Part, f.partAfter = true, true
			if f.q.Category == "" {
				f.q.Category = g.q.Category
			}
		}
	}
}

// passiveAux are the auxiliaries of a passive casualty verb right after
// its figure: "a soldier was wounded", "12 were killed".
var passiveAux = map[string]bool{"was": true, "were": true}

// clauseBreak words end the clause a figure's cue is looked for in:
// "3 rebels were killed while a soldier was wounded".
var clauseBreak = map[string]bool{"while": true, "whereas": true, "whilst": true}

// agent reports whether fs[k], followed at ws[j] by an active killing
// verb, is its subject: the next figure starts right after the verb's
// phrase ("a gendarme shot and killed a taxi driver", "20 soldiers killed
// 30 rebels"). "12 people killed in the blast" has no figure after it.
func (s *Stage) agent(ws []word, fs []found, k, j int) bool {
	if k+1 >= len(fs) || j > fs[k].end+1 {
		return false
	}
	n := s.lex.startingAt(s.lex.killedAfter, ws, j)
	if n == 0 {
		return false
	}
	switch ws[j].key {
	case "killed", "shot", "murdered", "executed", "beheaded", "lynched", "massacred", "stabbed", "gunned", "hacked", "beaten", "slain":
	default:
		return false // "were killed", "died", "dead"
	}
	if g := fs[k+1]; g.who >= 0 && outcomeWord[ws[g.who].key] != "" {
		// "25 civilians killed 80 injured", a headline with its commas
		// stripped: the next figure is named by its own outcome, no
		// victim of this verb
		return false
	}
	return fs[k+1].first == j+n
}

// thenKilled reports whether "and" and a killing cue follow within a
// few words of ws[j]: "were abducted and killed", "arrested and later
// executed".
func (s *Stage) thenKilled(ws []word, j int) bool {
	for k := j; k < len(ws) && k < j+3; k++ {
		if ws[k].key != "and" {
			continue
		}
		for n := k + 1; n < len(ws) && n <= k+2; n++ {
			if s.lex.startingAt(s.lex.killedAfter, ws, n) > 0 {
				return true
			}
		}
		return false
	}
	return false
}

// joined reports whether ws[from:to] is only a conjunction: "and", ",",
// "as well as", "plus"; or nothing, where commas were stripped from the
// text ("killed 14 jihadists 5 civilians").
func joined(ws []word, from, to int) bool {
	if to-from < 0 || to-from > 3 {
		return false
	}
	for _, w := range ws[from:to] {
		switch w.key {
		case "and", ",", "as", "well", "plus", "&":
		default:
			return false
		}
	}
	return true
}

// cueAt returns the category whose "after" cue starts at ws[j].
func (s *Stage) cueAt(ws []word, j int) string {
	for i, c := range categories {
		if s.lex.startingAt(s.lex.after[i], ws, j) > 0 {
			return c
		}
	}
	return ""
}

// cueBefore returns the category whose "before" cue ends at ws[j], or
// of the toll an update verb ending there moves (see tollUpdate).
func (s *Stage) cueBefore(ws []word, j int) string {
	for i, c := range categories {
		if s.lex.endingAt(s.lex.before[i], ws, j) > 0 {
			return c
		}
	}
	return s.tollUpdate(ws, j)
}

// tollWindow is how many words back from an update verb its toll may be:
// "the death toll from Tuesday's shelling of the market has risen to 23".
const tollWindow = 10

// tollUpdate returns the category of the toll that the update verb
// ending at ws[j] moves, the nearest toll word before it in the clause:
// "the death toll has risen to 23" is killed, "the number of injured
// climbed to 40" wounded; "prices rose to 30" is nothing.
func (s *Stage) tollUpdate(ws []word, j int) string {
	n := s.lex.endingAt(s.lex.update, ws, j)
	if n == 0 {
		return ""
	}
	for k := j - n; k >= 0 && k > j-n-tollWindow; k-- {
		if ws[k].key == ";" || ws[k].key == "." || ws[k].num || clauseBreak[ws[k].key] {
			return ""
		}
		for i, c := range categories {
			if s.lex.endingAt(s.lex.toll[i], ws, k) > 0 {
				return c
			}
		}
	}
	return ""
}

// tally reports whether the sentence's figures are cumulative over a long
// period (strong): a tally phrase, "since" before a date or period start
// ("since 2011", "since late April", "since the UN passed a resolution
// last year"), "over the past eight years", "from March 2011 to June
// 2016". big reports a weaker cue that makes only a large figure a
// total: a phrase of tally.big ("last month", "in the past week", "a
// total of"), "during April", deaths "in the six-year war".
func (s *Stage) tally(ws []word) (strong, big bool) {
	for j := range ws {
		if s.lex.startingAt(s.lex.tally, ws, j) > 0 {
			return true, true
		}
		if s.lex.startingAt(s.lex.tallyBig, ws, j) > 0 {
			big = true
		}
		k := ws[j].key
		switch k {
		case "since":
			if j+1 < len(ws) && (sinceLong(ws[j+1:]) || sinceClause(ws[j+1:])) {
				return true, true
			}
		case "from", "between":
			if fromRange(ws[j+1:]) {
				return true, true
			}
		case "in", "throughout":
			if inWar(ws[j+1:]) {
				// weak: "30 killed overnight in the city, scene of the
				// fiercest fighting in the civil war" is that night's
				big = true
			}
			if k == "throughout" && j+1 < len(ws) && monthWord[ws[j+1].key] {
				big = true
			}
		case "during":
			// "during April", not "during the April 3 attack"
			if j+1 < len(ws) && monthWord[ws[j+1].key] && (j+2 >= len(ws) || !ws[j+2].num || len(ws[j+2].key) == 4) {
				big = true
			}
		}
		// "over the past eight years", "in the last three months"
		if (k == "past" || k == "last") && j+2 < len(ws) {
			n, ok := parseNumber(ws, j+1)
			if ok && n.end < len(ws) {
				switch ws[n.end].key {
				case "years", "months", "decades":
					return true, true
				case "weeks":
					// "during the past two weeks": more than one day's
					// toll, but a fortnight's is told of one campaign
					if n.min >= 3 {
						return true, true
					}
					big = true
				case "days":
					if n.min >= 2 {
						big = true
					}
				}
			}
			if ws[j+1].key == "decade" || ws[j+1].key == "year" && k == "past" {
				return true, true
			}
		}
	}
	return false, big
}

// perfectTallyMin is the smallest figure a present-perfect toll with no
// day to it is read as cumulative: one day's attack is reported with its
// day, a total as what "has killed" or "have been uprooted" so far.
const perfectTallyMin = 100

// perfectTally reports whether the sentence states a toll in the present
// perfect ("airstrikes have killed 949 civilians", "more than 850,000
// people have been uprooted", "the fighting has left a thousand dead",
// "170000 have reportedly been killed", "it has cost the lives of")
// which, in a sentence that names no day (see namesDay), makes a large
// figure a running total.
func perfectTally(ws []word) bool {
	for j, w := range ws {
		if w.key != "has" && w.key != "have" {
			continue
		}
		// any participle within three words: "have killed", "has left",
		// "have borne the brunt … with 420 civilians killed", "have
		// reportedly been killed"; "been" alone is no participle of a
		// toll ("a device has been found")
		for k := j + 1; k < len(ws) && k <= j+3; k++ {
			w := ws[k].key
			switch {
			case strings.HasSuffix(w, "ed") && len(w) > 3, strings.HasSuffix(w, "en") && len(w) > 4:
				return true
			case w == "left" || w == "borne" || w == "fled" || w == "lost" || w == "seen" || w == "cost":
				return true
			}
		}
	}
	return false
}

// namesDay reports whether the sentence names the day of what it tells
// ("on Friday", "yesterday"), which makes its figures that day's. A day
// after "since" starts a count instead ("since Tuesday").
func namesDay(ws []word) bool {
	for j, w := range ws {
		switch w.key {
		case "today", "yesterday", "overnight", "tonight", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday":
			if j == 0 || ws[j-1].key != "since" {
				return true
			}
		}
	}
	return false
}

// sinceLong reports whether the words after "since" name a date or the
// start of a long period rather than an hour or a day.
func sinceLong(ws []word) bool {
	for i := 0; i < len(ws) && i < 3; i++ {
		k := ws[i].key
		if monthWord[k] {
			return true
		}
		if isYear(ws[i]) {
			return true
		}
		switch k {
		case "late", "early", "mid", "last", "the", "its", "it", "then", "independence", "beginning", "start", "outbreak", "a":
			continue
		case "year", "war", "conflict", "uprising", "revolution", "invasion", "offensive", "campaign", "insurgency", "crisis", "coup", "fighting", "violence", "clashes", "ceasefire", "truce", "cease-fire":
			return true
		}
		return false
	}
	return false
}

// sinceClause reports whether a clause after "since" dates its start to a
// month, a year or "last year" within a few words ("since the UN passed
// a resolution last year", "since it declared a caliphate in June"),
// which makes the figures of the sentence a total over that time. A day
// or an hour named first ("since the strike on Tuesday") is a short
// while, not a tally.
func sinceClause(ws []word) bool {
	for i := 0; i < len(ws) && i < 10; i++ {
		k := ws[i].key
		switch {
		case k == ";" || k == "." || clauseBreak[k]:
			return false
		case dayWord[k]:
			return false
		case monthWord[k] && k != "may" || isYear(ws[i]):
			return true
		case k == "year" && i > 0 && ws[i-1].key == "last":
			return true
		}
	}
	return false
}

// fromRange reports whether the words after "from" or "between" open a
// span that starts in a month or year and runs "to", "until" or "and"
// another ("4310 prisoners died in custody from April 2012 to May 2015",
// "photos taken between May 2011 and August 2013").
func fromRange(ws []word) bool {
	start := false
	for i := 0; i < len(ws) && i < 6; i++ {
		k := ws[i].key
		switch {
		case i < 2 && isYear(ws[i]):
			start = true
		case i < 2 && monthWord[k] && (k != "may" || i+1 < len(ws) && isYear(ws[i+1])):
			// "from June 19 to June 28" is days, not a long span
			if i+1 < len(ws) && ws[i+1].num && !isYear(ws[i+1]) {
				return false
			}
			start = true
		case start && (k == "to" || k == "until" || k == "till" || k == "through" || k == "and"):
			return true
		case !start:
			return false
		}
	}
	return false
}

// inWar reports whether the words after "in" name a whole war ("in the
// six-year war", "in the conflict", "in the massive insurgency in
// Syria", "in Syrias civil war"): a figure of deaths in it is the war's.
func inWar(ws []word) bool {
	for i := 0; i < len(ws) && i < 5; i++ {
		switch ws[i].key {
		case "war", "conflict", "insurgency", "uprising":
			// "in the war-torn country", "in the conflict zone" are places
			return i+1 >= len(ws) || ws[i+1].key != "-" && ws[i+1].key != "zone" && ws[i+1].key != "zones" && ws[i+1].key != "area" && ws[i+1].key != "areas"
		case ";", ".", "and", "on", "at", "near", "attack", "strike", "raid", "blast", "bombing", "clash", "clashes", "battle", "fighting":
			return false
		}
		if clauseBreak[ws[i].key] || ws[i].num && !strings.Contains(ws[i].key, "-") {
			return false
		}
	}
	return false
}

// leftInState reports whether the words after a figure that follows
// "leaving" or "left" say what state the people were left in other than
// dead ("leaving thousands of people from both areas stranded at the
// crossings", "left 300 families without shelter").
func leftInState(ws []word, from int) bool {
	for i := from; i < len(ws) && i < from+14; i++ {
		switch ws[i].key {
		case ".", ";", "dead", "killed", "died", "wounded", "injured":
			return false
		case "stranded", "trapped", "stuck", "homeless", "without", "behind", "waiting", "unable", "hungry", "destitute":
			return true
		}
	}
	return false
}

// attackBefore reports whether an attack is named before the figure in
// its sentence, the subject that killed them: "last month bombings in
// the two cities killed at least 170 people" tells of one attack a
// month ago, "last month nearly 1200 civilians were killed" of a
// month's dead.
func attackBefore(ws []word, first int) bool {
	for i := 0; i < first; i++ {
		if attackNoun[ws[i].key] {
			return true
		}
	}
	return false
}

// attackNoun holds nouns of one attack.
var attackNoun = map[string]bool{
	"attack": true, "attacks": true, "bombing": true, "bombings": true, "blast": true, "blasts": true,
	"explosion": true, "explosions": true, "bomb": true, "bombs": true, "massacre": true, "ambush": true,
	"strike": true, "airstrike": true, "assault": true,
}

// isYear reports whether the word is a four-digit year.
func isYear(w word) bool {
	if !w.num || len(w.key) != 4 {
		return false
	}
	v, err := strconv.Atoi(w.key)
	return err == nil && v >= 1900 && v <= 2100
}

// dayWord holds words that name a day or a part of one.
var dayWord = map[string]bool{
	"today": true, "yesterday": true, "tonight": true, "overnight": true, "morning": true, "evening": true, "night": true, "dawn": true, "afternoon": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true,
}

// insideFigure reports whether word j lies inside a figure other than
// fs[k], whose own words are no cue for fs[k].
func insideFigure(fs []found, k, j int) bool {
	for n, f := range fs {
		if n != k && f.first <= j && j < f.numEnd {
			return true
		}
	}
	return false
}
