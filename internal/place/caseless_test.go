package place

import (
	"testing"

	"github.com/sitrep-dev/sitrep/internal/doc"
)

// TestIsCaseless: only a document (nearly) all in lower case is read in
// caseless mode; news text, short lines and a cased header do not change
// the answer.
func TestIsCaseless(t *testing.T) {
	cases := []struct {
		name string
		text string
		want bool
	}{
		{"a lower-cased report is caseless",
			"surat: a crowd gathered outside the collector's office on monday and the police said that two shops were set on fire before the fire brigade arrived. officials said the situation was under control by evening.",
			true},
		{"a lower-cased report under a cased header and footer is caseless",
			"Filed on May 4, 2003\n\nsurat: a crowd gathered outside the collector's office on monday and the police said that two shops were set on fire. officials said the situation was under control by evening and schools would open. traders in the old city kept their shutters down for most of the day. the collector said that more police would be posted in the area until the festival was over.\n\nShare Print Email",
			true},
		{"news text is not caseless",
			"SURAT, India (Reuters) - A crowd gathered outside the collector's office on Monday and police said two shops in the city were set on fire before firefighters arrived. Officials said the situation was calm.",
			false},
		{"plain prose with few names is not caseless when its sentences start with capitals",
			"The crowd gathered outside the office on the first day of the month and the police said that two shops were set on fire before the fire brigade arrived. Officials said the situation was under control by evening. Schools will open tomorrow.",
			false},
		{"a short lower-case line is too short to tell",
			"two shops set on fire in surat", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := isCaseless(c.text, fallbackTokens(c.text)); got != c.want {
				t.Errorf("got %v, want %v", got, c.want)
			}
		})
	}
}

// TestCaseless: in a lower-cased document, places are found on strong
// evidence only (a dateline, a cue, a type word, a name of several words,
// a name already taken), and common words that some village bears never
// are. The sentences are our own, written in the style of such data sets.
func TestCaseless(t *testing.T) {
	checkNormalised(t, []normalisedCase{
		{"a dateline opening a paragraph is a place",
			"Filed on May 4, 2003\n\nrajkot: an anonymous caller warned the city police on friday that a bomb had been left near the bus stand. the police evacuated the area for two hours. nothing was found. officers said that the call had been traced to a public booth and that they were looking for the caller.",
			[]placeWant{{"rajkot", "IN", "place", "rajkot:"}}, nil},
		{"a town after in and a district before its type word are places",
			"a mob set fire to four shops in godhra on tuesday night and the police used tear gas to disperse it. curfew was imposed in parts of panchmahal district and the army was called in to help the police keep order.",
			[]placeWant{{"godhra", "IN", "place", ""}}, nil},
		{"a name taken after a cue is a place wherever the document names it",
			"a mob set fire to four shops in godhra on tuesday night and the police used tear gas to disperse it. the godhra police said that the situation was tense but under control, and that schools would reopen.",
			[]placeWant{{"godhra", "IN", "place", "godhra police"}}, nil},
		{"a state of two words is a place anywhere",
			"the government of uttar pradesh has asked for more paramilitary companies after the clashes, officials said on sunday. the police said that the situation was tense but under control by the evening.",
			[]placeWant{{"uttar pradesh", "IN", "place", ""}}, nil},
		{"police, mob and case are never places, even after in",
			"the mob was dispersed by the police in minutes. in case of further trouble the police said they would open fire, and the case against the mob leaders was registered at the police station in the evening.",
			nil, []string{"police in", "mob was", "case of", "case against", "mob leaders"}},
		{"a word after a cue that begins a longer name is not a place",
			"the matter was raised in lok sabha on monday by several members, who said that the police had failed to act in time. the speaker adjourned the house until the afternoon after a noisy protest by the members.",
			nil, []string{"lok sabha"}},
		{"a name the text gives no evidence for stays unread",
			"members of the anand committee met on monday and said that the police had failed to act in time against the rioters. the committee will meet again next week to decide on further steps to take.",
			nil, []string{"anand committee"}},
	})
}

// TestCaselessSpans: the spans found in the recased copy are spans of
// the original text, whose surface is the lower-case name.
func TestCaselessSpans(t *testing.T) {
	text := "ahmedabad: the police arrested twelve people in vadodara and near anand on monday after a clash over a procession, officials said. the situation in ahmedabad remained tense but calm through the night."
	d := geoparse(t, text)
	if len(d.Places) == 0 {
		t.Fatal("got no places, want ahmedabad, vadodara and anand")
	}
	for _, p := range d.Places {
		if s := d.Slice(p.Span); s != text[p.Start:p.End] || s == "" || s[0] < 'a' || s[0] > 'z' {
			t.Errorf("got surface %q at %d, want the lower-case text", s, p.Start)
		}
	}
}

// TestCaselessLeavesCasedTextAlone: a cased document reads as before; its
// lower-case words are not taken for places however a caseless one
// would read them.
func TestCaselessLeavesCasedTextAlone(t *testing.T) {
	text := "Police in Rajkot said on Friday that a caller had warned of a bomb near the bus stand. The area was evacuated, and officers from godhra helped search it."
	d := geoparse(t, text)
	var got []string
	for _, p := range d.Places {
		got = append(got, d.Slice(p.Span))
	}
	if len(got) != 1 || got[0] != "Rajkot" {
		t.Errorf("got %q, want only Rajkot", got)
	}
	_ = doc.Span{}
}
