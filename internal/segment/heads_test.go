package segment

import (
	"strings"
	"testing"
)

// The texts below are written in the style of crawled article text whose
// commas and line breaks were stripped upstream: a headline, a byline and
// a date stamp run into the lead.
func TestRunOnHeads(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"a stamp between a headline with its byline and the lead is its own sentence",
			"Shelling kills 12 in river town Monitor AFP Tuesday 3 Oct 2017 Government shelling killed at least 12 people on Tuesday.",
			[]string{"Shelling kills 12 in river town Monitor AFP", "Tuesday 3 Oct 2017", "Government shelling killed at least 12 people on Tuesday."}},
		{"a leading stamp with a time ends before the headline",
			"Fri 07 Apr 2017 at 0914 Governor says strike hit fuel depot. A missile struck the depot at dawn.",
			[]string{"Fri 07 Apr 2017 at 0914", "Governor says strike hit fuel depot.", "A missile struck the depot at dawn."}},
		{"a time with a colon belongs to the stamp",
			"Wednesday 22 July 2015 22:33 18 Fighters Killed in Ambush Near Dam. Eighteen fighters died.",
			[]string{"Wednesday 22 July 2015 22:33", "18 Fighters Killed in Ambush Near Dam.", "Eighteen fighters died."}},
		{"a stamp after an intro ends before any word",
			"Date of publication 26 October 2016 Warplanes struck a school complex in the hill village.",
			[]string{"Date of publication 26 October 2016", "Warplanes struck a school complex in the hill village."}},
		{"an intro stamp ends before a lowercase lead",
			"This story is from March 1, 2002 police fired tear gas at the crowd.",
			[]string{"This story is from March 1, 2002", "police fired tear gas at the crowd."}},
		{"a month-first stamp with a weekday ends before the headline",
			"Sat Jul 26 2014 Militants ambush army convoy near the lake.",
			[]string{"Sat Jul 26 2014", "Militants ambush army convoy near the lake."}},
		{"a day and year glued by a stripped comma make a stamp",
			"Last updated at Oct 032017 BEIRUT Jets struck the market.",
			[]string{"Last updated at Oct 032017", "BEIRUT", "Jets struck the market."}},
		{"a dotted numeric stamp ends before the lead",
			"05.02.2015 Rockets hit the old city killing three.",
			[]string{"05.02.2015", "Rockets hit the old city killing three."}},
		{"a hyphenated numeric stamp ends before the headline",
			"13-08-2013 Army Retakes Hill Villages. Troops advanced at night.",
			[]string{"13-08-2013", "Army Retakes Hill Villages.", "Troops advanced at night."}},
		{"a byline before the stamp makes any word open the lead",
			"Ambush kills 9 soldiers near the pass Reuters Wednesday 7 Aug 2013 nine soldiers were killed at dawn.",
			[]string{"Ambush kills 9 soldiers near the pass Reuters", "Wednesday 7 Aug 2013", "nine soldiers were killed at dawn."}},
		{"a byline without a stamp ends the headline before a sentence",
			"Strikes kill 9 near the dam Monitor AFP Children were among nine people killed near the dam.",
			[]string{"Strikes kill 9 near the dam Monitor AFP", "Children were among nine people killed near the dam."}},
		{"an attribution tag ends the headline before a sentence",
			"Car bomb kills 7 in market town monitor A car bomb exploded near the market on Friday.",
			[]string{"Car bomb kills 7 in market town monitor", "A car bomb exploded near the market on Friday."}},
		{"a place that starts an outlet's name does not make a tag after it a list",
			"Raids kill 5 in Syria Monitor Air strikes killed five people on Monday.",
			[]string{"Raids kill 5 in Syria Monitor", "Air strikes killed five people on Monday."}},
		{"a two-word tag ends the headline",
			"Blast kills four in port city state TV An explosion tore through a bus station.",
			[]string{"Blast kills four in port city state TV", "An explosion tore through a bus station."}},
		{"a stamp after a caption without a stop is cut out of it",
			"Smoke rises over the eastern districts of the city March 3 2016 (Photo Agencies) At least nine people died.",
			[]string{"Smoke rises over the eastern districts of the city", "March 3 2016", "(Photo Agencies) At least nine people died."}},

		{"a tag list run into the lead ends at a sentence starter",
			"Ten people died. Tags Valley Market Airstrikes At least ten people were killed in the raids.",
			[]string{"Ten people died.", "Tags Valley Market Airstrikes", "At least ten people were killed in the raids."}},
		{"a tag list ends at a number word before a lowercase word",
			"Tags: Hill Town Shelling Four civilians were killed.",
			[]string{"Tags: Hill Town Shelling", "Four civilians were killed."}},
		{"a tag list without a sentence starter in reach is left whole",
			"Tags Hill Town Shelling rebel forces Government troops fired on the town.",
			[]string{"Tags Hill Town Shelling rebel forces Government troops fired on the town."}},
		{"a sentence about tags is not a tag list",
			"Tags were found on the crates. The army said so.",
			[]string{"Tags were found on the crates.", "The army said so."}},

		{"a dateline in capitals run into the lead is cut off",
			"BEIRUT A helicopter was shot down over the hills on Monday.",
			[]string{"BEIRUT", "A helicopter was shot down over the hills on Monday."}},
		{"a dateline after a stamp is cut off",
			"Last updated at Oct 032017 NEW DELHI Police fired on the crowd.",
			[]string{"Last updated at Oct 032017", "NEW DELHI", "Police fired on the crowd."}},
		{"an acronym opening a sentence is no dateline",
			"ISIL fighters took the hill. NATO Allies agree on a plan",
			[]string{"ISIL fighters took the hill.", "NATO Allies agree on a plan"}},
		{"a short acronym before a sentence-like word is no dateline",
			"SDF Fighters took the dam.",
			[]string{"SDF Fighters took the dam."}},

		{"an agency a sentence reports through stays in the sentence",
			"AFP reported on Tuesday 3 October 2017 that rebels withdrew.",
			[]string{"AFP reported on Tuesday 3 October 2017 that rebels withdrew."}},
		{"an agency told something stays in the sentence",
			"A commander told AFP Monday that the road was cut.",
			[]string{"A commander told AFP Monday that the road was cut."}},
		{"a governed date before a capitalised word stays in the sentence",
			"Since 15 March 2011 Syrian forces have shelled the town.",
			[]string{"Since 15 March 2011 Syrian forces have shelled the town."}},
		{"a stamp-like date before a lowercase word stays in the sentence",
			"3 October 2017 was the deadliest day of the month.",
			[]string{"3 October 2017 was the deadliest day of the month."}},
		{"a lowercase intro is part of the sentence",
			"A video posted on 3 May 2017 Rebels said showed the attack.",
			[]string{"A video posted on 3 May 2017 Rebels said showed the attack."}},
		{"a title-case headline keeps an agency it names",
			"SANA Reports Heavy Clashes Near Hama",
			[]string{"SANA Reports Heavy Clashes Near Hama"}},
		{"a list of agencies is not a byline",
			"Reporters from AFP Reuters AP and Xinhua saw the convoy.",
			[]string{"Reporters from AFP Reuters AP and Xinhua saw the convoy."}},
		{"a byline after the first full stop is left to the sentence",
			"The convoy left. Sources told Reuters Residents fled.",
			[]string{"The convoy left.", "Sources told Reuters Residents fled."}},
		{"a year alone is no stamp",
			"In October 2017 Rebels took the town.",
			[]string{"In October 2017 Rebels took the town."}},
		{"a score is no numeric date",
			"The match ended 12-10 Fans cheered.",
			[]string{"The match ended 12-10 Fans cheered."}},
		{"a numeric date needs its parts joined without spaces",
			"Rebels held 12 - 10 - 2017 Fans cheered.",
			[]string{"Rebels held 12 - 10 - 2017 Fans cheered."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := sentencesOf(tt.text)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("sentences of %q:\n got %q\nwant %q", tt.text, got, tt.want)
			}
			checkSegments(t, tt.text, New().Segment(tt.text))
		})
	}
}

func TestRunOnHeadUnitsAreParagraphs(t *testing.T) {
	text := "Strikes kill 9 near the dam Monitor AFP Tuesday 3 Oct 2017 Nine people were killed. Rescuers searched the rubble.\n\nA second paragraph."
	r := New().Segment(text)
	var got []string
	for _, p := range r.Paragraphs {
		got = append(got, text[p.Start:p.End])
	}
	want := []string{"Strikes kill 9 near the dam Monitor AFP", "Tuesday 3 Oct 2017", "Nine people were killed. Rescuers searched the rubble.", "A second paragraph."}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("paragraphs = %q, want %q", got, want)
	}
	checkSegments(t, text, r)
}

func TestParseHeads(t *testing.T) {
	if _, err := parseHeads(headsTxt); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ name, src string }{
		{"a phrase outside a section", "AFP"},
		{"an unknown section", "[agencies]\nAFP"},
		{"a word with punctuation", "[byline]\nA.F.P."},
		{"two words where one is wanted", "[governs]\nnext to"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := parseHeads(tt.src); err == nil {
				t.Errorf("parseHeads(%q) accepted it", tt.src)
			}
		})
	}
}
