package segment

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep/internal/doc"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

func sentencesOf(text string) []string {
	r := New().Segment(text)
	var out []string
	for _, s := range r.Sentences {
		out = append(out, text[s.Start:s.End])
	}
	return out
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"two plain sentences split at the stop", "The army advanced. The rebels withdrew.",
			[]string{"The army advanced.", "The rebels withdrew."}},
		{"a headline without a stop ends at its line break", "Troops near the river town\nThe army advanced on Sunday.",
			[]string{"Troops near the river town", "The army advanced on Sunday."}},
		{"a line break ends a sentence even before lowercase", "a caption without a stop\nand another line",
			[]string{"a caption without a stop", "and another line"}},
		{"a title abbreviation does not end a sentence", "Gen. Salim Haddad said Dr. Nour and Mr. Karim left. They were safe.",
			[]string{"Gen. Salim Haddad said Dr. Nour and Mr. Karim left.", "They were safe."}},
		{"ranks and offices do not end sentences", "Col. Amer, Lt. Hadi, Maj. Fares, Sgt. Bilal, Capt. Omar, Gov. Ryan, Sen. Lee and Rep. Cole met.",
			[]string{"Col. Amer, Lt. Hadi, Maj. Fares, Sgt. Bilal, Capt. Omar, Gov. Ryan, Sen. Lee and Rep. Cole met."}},
		{"U.S. before a name does not end a sentence", "The U.S. Army and U.N. officials arrived in the U.K. Parliament's view.",
			[]string{"The U.S. Army and U.N. officials arrived in the U.K. Parliament's view."}},
		{"U.S. before a sentence starter ends a sentence", "New sanctions were imposed by the U.S. The ministry condemned them.",
			[]string{"New sanctions were imposed by the U.S.", "The ministry condemned them."}},
		{"months with dots do not end sentences", "It began on Aug. 15 and ended by Sept. 3, Oct. 9, Nov. 2 or Dec. 1 at the latest.",
			[]string{"It began on Aug. 15 and ended by Sept. 3, Oct. 9, Nov. 2 or Dec. 1 at the latest."}},
		{"etc. before a capital ends a sentence", "They lacked tents, blankets, water, etc. Aid workers said so.",
			[]string{"They lacked tents, blankets, water, etc.", "Aid workers said so."}},
		{"etc. before lowercase does not", "Tents, water, etc. were short.",
			[]string{"Tents, water, etc. were short."}},
		{"times with a.m. and p.m. do not split", "The strike hit at 6 a.m. local time and again at 4 p.m. on Friday.",
			[]string{"The strike hit at 6 a.m. local time and again at 4 p.m. on Friday."}},
		{"e.g. and i.e. do not split", "Heavy weapons, e.g. Grad rockets, i.e. Soviet-era ones, were used.",
			[]string{"Heavy weapons, e.g. Grad rockets, i.e. Soviet-era ones, were used."}},
		{"a middle initial does not end a sentence", "George W. Bush met Harry S. Truman's heirs.",
			[]string{"George W. Bush met Harry S. Truman's heirs."}},
		{"No. and vs. do not split", "Resolution No. 2254 vs. Resolution No. 2118 was debated.",
			[]string{"Resolution No. 2254 vs. Resolution No. 2118 was debated."}},
		{"a lowercase no. ends a sentence", "He said no. Residents fled anyway.",
			[]string{"He said no.", "Residents fled anyway."}},
		{"St. before a name does not split", "They met at St. George church.",
			[]string{"They met at St. George church."}},
		{"decimals do not split", "The rate rose 3.5 percent. Prices fell.",
			[]string{"The rate rose 3.5 percent.", "Prices fell."}},
		{"a closing quote after the stop belongs to the sentence", "He said: \"We held the bridge.\" The army denied it.",
			[]string{"He said: \"We held the bridge.\"", "The army denied it."}},
		{"curly quotes close too", "“We will stay.” The commander left.",
			[]string{"“We will stay.”", "The commander left."}},
		{"a question in a quote before a lowercase verb does not split", "\"Why now?\" he asked. Nobody answered.",
			[]string{"\"Why now?\" he asked.", "Nobody answered."}},
		{"an ellipsis inside a quote does not split", "\"After the bombardment... The fighters moved south,\" the group said.",
			[]string{"\"After the bombardment... The fighters moved south,\" the group said."}},
		{"an ellipsis before lowercase does not split", "The siege... ended in May.",
			[]string{"The siege... ended in May."}},
		{"an ellipsis outside a quote before a capital splits", "They waited… Nothing came.",
			[]string{"They waited…", "Nothing came."}},
		{"exclamation and question marks split", "Stop! Who goes there? A patrol.",
			[]string{"Stop!", "Who goes there?", "A patrol."}},
		{"a closing bracket after the stop belongs to the sentence", "(The toll rose later.) Officials confirmed it.",
			[]string{"(The toll rose later.)", "Officials confirmed it."}},
		{"a stop before a number splits", "It fell in 2016. 2017 was quieter.",
			[]string{"It fell in 2016.", "2017 was quieter."}},
		{"a stop without a following space does not split", "See example.com for more.",
			[]string{"See example.com for more."}},
		{"an Arabic sentence after a stop splits", "He wrote. خان شيخون",
			[]string{"He wrote.", "خان شيخون"}},
		{"paragraph breaks end sentences", "First paragraph\n\nSecond paragraph",
			[]string{"First paragraph", "Second paragraph"}},
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

func tokensOf(text string) []string {
	var out []string
	for _, t := range New().Segment(text).Tokens {
		k := "W"
		switch t.Kind {
		case doc.Number:
			k = "N"
		case doc.Punct:
			k = "P"
		}
		out = append(out, k+":"+text[t.Start:t.End])
	}
	return out
}

func TestTokens(t *testing.T) {
	tests := []struct {
		name string
		text string
		want string
	}{
		{"a name with an internal hyphen is one word", "al-Assad's forces", "W:al-Assad W:'s W:forces"},
		{"a possessive with a curly apostrophe is split off", "Hama’s countryside", "W:Hama W:’s W:countryside"},
		{"a contraction stays whole", "don't O'Brien", "W:don't W:O'Brien"},
		{"a plural possessive apostrophe is punctuation", "the rebels’ positions", "W:the W:rebels P:’ W:positions"},
		{"numbers keep thousands commas and decimals", "124,000 people, 3.5 km, 1,000 and 2019", "N:124,000 W:people P:, N:3.5 W:km P:, N:1,000 W:and N:2019"},
		{"a comma between numbers without three digits splits", "on 4,5 and 12,34", "W:on N:4 P:, N:5 W:and N:12 P:, N:34"},
		{"digits followed by letters make a word", "the 1980s and 3rd", "W:the W:1980s W:and W:3rd"},
		{"a compound with digits is one word", "a 20-year-old fired an F-16", "W:a W:20-year-old W:fired W:an W:F-16"},
		{"a score of numbers splits at the hyphen", "won 5-3", "W:won N:5 P:- N:3"},
		{"dotted abbreviations keep their periods", "the U.S. and U.N. at 6 a.m.", "W:the W:U.S. W:and W:U.N. W:at N:6 W:a.m."},
		{"a title keeps its period", "Gen. Haddad", "W:Gen. W:Haddad"},
		{"a sentence stop is punctuation", "They left.", "W:They W:left P:."},
		{"an ellipsis is one token", "wait... no?!", "W:wait P:... W:no P:?!"},
		{"quotes and brackets are punctuation", "“Go” (now)", "P:“ W:Go P:” P:( W:now P:)"},
		{"non-Latin words are words", "مدينة حماة", "W:مدينة W:حماة"},
		{"a dash between words is punctuation", "Idlib — the last", "W:Idlib P:— W:the W:last"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := strings.Join(tokensOf(tt.text), " "); got != tt.want {
				t.Errorf("tokens of %q:\n got %s\nwant %s", tt.text, got, tt.want)
			}
			checkSegments(t, tt.text, New().Segment(tt.text))
		})
	}
}

func TestParagraphs(t *testing.T) {
	text := "Headline\n\nFirst line.\nSecond line.\n\n\n  Third paragraph.  "
	r := New().Segment(text)
	var got []string
	for _, p := range r.Paragraphs {
		got = append(got, text[p.Start:p.End])
	}
	want := []string{"Headline", "First line.\nSecond line.", "Third paragraph."}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("paragraphs = %q, want %q", got, want)
	}
	checkSegments(t, text, r)
}

func TestProcessFillsTheDocument(t *testing.T) {
	d := &doc.Document{Text: "Troops advance\n\nGen. Haddad said 1,200 fighters took part. Residents fled."}
	if err := New().Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	if len(d.Paragraphs) != 2 || len(d.Sentences) != 3 {
		t.Fatalf("got %d paragraphs and %d sentences, want 2 and 3", len(d.Paragraphs), len(d.Sentences))
	}
	for _, tok := range d.Tokens {
		if d.Slice(tok.Span) == "" {
			t.Errorf("token %v has no surface form", tok.Span)
		}
	}
	if got := d.Slice(d.Sentences[d.SentenceAt(strings.Index(d.Text, "1,200"))]); got != "Gen. Haddad said 1,200 fighters took part." {
		t.Errorf("sentence at the number = %q", got)
	}
}

func TestEmbeddedListsParse(t *testing.T) {
	if _, err := parseAbbreviations(abbreviationsTxt); err != nil {
		t.Fatal(err)
	}
	if _, err := parseStarters(startersTxt); err != nil {
		t.Fatal(err)
	}
	if _, err := parseAbbreviations("Gen. rank"); err == nil {
		t.Error("an unknown class was accepted")
	}
	if _, err := parseAbbreviations("Gen"); err == nil {
		t.Error("an abbreviation without a period was accepted")
	}
}

// checkSegments fails t unless every span list is sorted, non-overlapping
// and inside text, tokens cover every non-space character and sentences
// cover every token, each inside one paragraph.
func checkSegments(t testing.TB, text string, r Result) {
	t.Helper()
	check := func(name string, spans []doc.Span) {
		prev := 0
		for i, s := range spans {
			if !s.Valid(len(text)) || s.Start >= s.End {
				t.Fatalf("%s %d: %v invalid for %d bytes", name, i, s, len(text))
			}
			if s.Start < prev {
				t.Fatalf("%s %d: %v overlaps or precedes the previous one ending at %d", name, i, s, prev)
			}
			prev = s.End
		}
	}
	toks := make([]doc.Span, len(r.Tokens))
	for i, tk := range r.Tokens {
		toks[i] = tk.Span
	}
	check("token", toks)
	check("sentence", r.Sentences)
	check("paragraph", r.Paragraphs)
	// Every non-space character is in a token and in a sentence.
	covered := func(spans []doc.Span, off int) bool {
		lo, hi := 0, len(spans)
		for lo < hi {
			m := (lo + hi) / 2
			switch {
			case spans[m].End <= off:
				lo = m + 1
			case spans[m].Start > off:
				hi = m
			default:
				return true
			}
		}
		return false
	}
	for i, c := range text {
		if unicode.IsSpace(c) {
			continue
		}
		if !covered(toks, i) {
			t.Fatalf("character %q at %d is in no token", c, i)
		}
		if !covered(r.Sentences, i) {
			t.Fatalf("character %q at %d is in no sentence", c, i)
		}
		if !covered(r.Paragraphs, i) {
			t.Fatalf("character %q at %d is in no paragraph", c, i)
		}
	}
	// A sentence lies inside one paragraph.
	for _, s := range r.Sentences {
		if !covered(r.Paragraphs, s.Start) || !r.Paragraphs[paraIndex(r.Paragraphs, s.Start)].Contains(s) {
			t.Fatalf("sentence %v crosses a paragraph boundary", s)
		}
		if !utf8.ValidString(text) {
			continue
		}
		if !utf8.RuneStart(text[s.Start]) {
			t.Fatalf("sentence %v starts inside a character", s)
		}
	}
}

func paraIndex(ps []doc.Span, off int) int {
	for i, p := range ps {
		if p.Start <= off && off < p.End {
			return i
		}
	}
	return -1
}

func TestGolden(t *testing.T) {
	ins, err := filepath.Glob("testdata/*/input.txt")
	if err != nil || len(ins) == 0 {
		t.Fatalf("no golden cases: %v", err)
	}
	for _, in := range ins {
		dir := filepath.Dir(in)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			b, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			text := string(b)
			r := New().Segment(text)
			checkSegments(t, text, r)
			var got strings.Builder
			for pi, p := range r.Paragraphs {
				got.WriteString("¶\n")
				for _, s := range r.Sentences {
					if p.Contains(s) {
						got.WriteString("  " + text[s.Start:s.End] + "\n")
					}
				}
				_ = pi
			}
			want := filepath.Join(dir, "want.txt")
			if *update {
				if err := os.WriteFile(want, []byte(got.String()), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			w, err := os.ReadFile(want)
			if err != nil {
				t.Fatalf("read golden (run with -update to create): %v", err)
			}
			if got.String() != string(w) {
				t.Errorf("segmentation differs from %s (run with -update after checking):\ngot:\n%s\nwant:\n%s", want, got.String(), w)
			}
		})
	}
}
