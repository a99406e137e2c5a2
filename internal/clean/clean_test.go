package clean

import (
	"context"
	"flag"
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep/internal/doc"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// checkResult fails t unless r is a faithful cleaning of raw: valid UTF-8,
// pieces tiling Text in order, each inside Raw, copied pieces equal to
// their raw bytes and replaced pieces explained by their kind.
func checkResult(t testing.TB, raw string, r Result) {
	t.Helper()
	if !utf8.ValidString(r.Text) {
		t.Fatalf("Text is not valid UTF-8: %q", r.Text)
	}
	pos := 0
	for i, p := range r.Pieces {
		if p.Text.Start != pos || p.Text.End <= p.Text.Start {
			t.Fatalf("piece %d covers %v, want it to start at %d and be non-empty", i, p.Text, pos)
		}
		pos = p.Text.End
		if !p.Raw.Valid(len(raw)) || !p.Text.Valid(len(r.Text)) {
			t.Fatalf("piece %d: spans %v/%v out of range (text %d, raw %d bytes)", i, p.Text, p.Raw, len(r.Text), len(raw))
		}
		got, rw := r.Text[p.Text.Start:p.Text.End], raw[p.Raw.Start:p.Raw.End]
		switch p.Kind {
		case Copied:
			if got != rw {
				t.Fatalf("copied piece %d: text %q, raw %q", i, got, rw)
			}
		case Spaced:
			if strings.TrimSpace(got) != "" || rw == "" {
				t.Fatalf("spaced piece %d: text %q for raw %q", i, got, rw)
			}
			for _, u := range repairRun(unitsOf(html.UnescapeString(rw))) {
				if !(unicode.IsSpace(u.r) || u.r < 0x20 || u.r == 0x7f || invisible(u.r) || u.r == 'Â' || u.r == utf8.RuneError) {
					t.Fatalf("spaced piece %d: raw %q holds visible %q", i, rw, u.r)
				}
			}
		case Repaired:
			us := repairRun(unitsOf(rw))
			if len(us) != 1 || !us[0].repaired || string(us[0].r) != got {
				t.Fatalf("repaired piece %d: text %q does not repair raw %q", i, got, rw)
			}
		case Decoded:
			if html.UnescapeString(rw) != got || rw == got || rw[0] != '&' || rw[len(rw)-1] != ';' {
				t.Fatalf("decoded piece %d: text %q does not decode raw %q", i, got, rw)
			}
		default:
			t.Fatalf("piece %d: unknown kind %d", i, p.Kind)
		}
	}
	if pos != len(r.Text) {
		t.Fatalf("pieces cover %d of %d text bytes", pos, len(r.Text))
	}
}

// unitsOf splits s into one unit per rune, as the line writer does.
func unitsOf(s string) []unit {
	var us []unit
	for i, r := range s {
		us = append(us, unit{r: r, start: i, end: i + utf8.RuneLen(r)})
	}
	return us
}

func TestGolden(t *testing.T) {
	dirs, err := filepath.Glob("testdata/*/input.txt")
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no golden cases: %v", err)
	}
	for _, in := range dirs {
		dir := filepath.Dir(in)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			raw, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			r := New(Options{}).Clean(string(raw))
			checkResult(t, string(raw), r)
			var got strings.Builder
			got.WriteString(r.Text)
			got.WriteString("\n\n---- dropped\n")
			for _, d := range r.Dropped {
				got.WriteString(d.Rule + "\t" + string(raw[d.Raw.Start:d.Raw.End]) + "\n")
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
				t.Errorf("cleaned text differs from %s (run with -update after checking):\ngot:\n%s\nwant:\n%s", want, got.String(), w)
			}
		})
	}
}

func TestMojibakeRepair(t *testing.T) {
	tests := []struct {
		name, raw, want string
	}{
		{"a curly apostrophe read as Windows-1252 is repaired", "Assadâ€™s forces", "Assad’s forces"},
		{"an accented letter read as Latin-1 is repaired", "the cafÃ© was shut", "the café was shut"},
		{"an em dash read as Windows-1252 is repaired", "no deal â€” yet", "no deal — yet"},
		{"curly quotes read as Windows-1252 are repaired", "â€œWe will stayâ€\u009d he said", "“We will stay” he said"},
		{"a double-encoded apostrophe is repaired twice", "the armyÃ¢â‚¬â„¢s advance", "the army’s advance"},
		{"an NBSP read as Latin-1 becomes a space", "10Â\u00a0km north", "10 km north"},
		{"a stray circumflex before a space goes", "the townÂ of Halfaya", "the town of Halfaya"},
		{"Portuguese names with a real tilde stay", "São João and Ãlvaro", "São João and Ãlvaro"},
		{"a word-internal capital circumflex stays", "ROMÂNIA said", "ROMÂNIA said"},
		{"a lone curly apostrophe stays", "Hama’s countryside", "Hama’s countryside"},
		{"an invalid byte is dropped", "Id\xfflib", "Idlib"},
		{"Arabic text is untouched", "خان شيخون", "خان شيخون"},
		{"a numeric character reference is decoded", "a G7 communiqu&#233; on Syria", "a G7 communiqué on Syria"},
		{"named and hex references are decoded", "Tom &amp; Jerry&#x2019;s &quot;war&quot; &lt;3", "Tom & Jerry’s \"war\" <3"},
		{"a non-breaking space reference is a space", "10&nbsp;km &nbsp; north", "10 km north"},
		{"an ampersand without a reference stays", "AT&T and R&D; & more", "AT&T and R&D; & more"},
	}
	c := New(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := c.Clean(tt.raw)
			checkResult(t, tt.raw, r)
			if r.Text != tt.want {
				t.Errorf("Clean(%q) = %q, want %q", tt.raw, r.Text, tt.want)
			}
		})
	}
}

func TestWhitespace(t *testing.T) {
	tests := []struct {
		name, raw, want string
	}{
		{"runs of spaces and tabs collapse", "three\t \tcivilians   were hurt", "three civilians were hurt"},
		{"lines are trimmed", "   The army advanced.   ", "The army advanced."},
		{"control characters are stripped", "Hama\x00 prov\x1bince", "Hama province"},
		{"a soft hyphen and a zero-width space vanish", "Khan Shei\u00adkhoun\u200b town", "Khan Sheikhoun town"},
		{"three or more newlines are one paragraph break", "First.\n\n\n\nSecond.", "First.\n\nSecond."},
		{"single-newline lines become paragraphs", "Headline\nFirst paragraph.\nSecond paragraph.", "Headline\n\nFirst paragraph.\n\nSecond paragraph."},
		{"CRLF line ends are line ends", "One.\r\nTwo.\r\n", "One.\n\nTwo."},
		{"a lone carriage return ends a line", "One.\rTwo.", "One.\n\nTwo."},
		{"a whitespace-only line is blank", "One.\n \u00a0\t\nTwo.", "One.\n\nTwo."},
		{"ideographic and thin spaces are spaces", "10\u2009km\u3000north", "10 km north"},
		{"hard-wrapped lines are joined with spaces",
			"Troops entered the northern outskirts of the town early\non Monday, residents reached by telephone told reporters,\nand the shelling went on all day.",
			"Troops entered the northern outskirts of the town early on Monday, residents reached by telephone told reporters, and the shelling went on all day."},
		{"short list lines are not joined", "Aleppo\nIdlib\nHama", "Aleppo\n\nIdlib\n\nHama"},
		{"empty input stays empty", "", ""},
	}
	c := New(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := c.Clean(tt.raw)
			checkResult(t, tt.raw, r)
			if r.Text != tt.want {
				t.Errorf("Clean(%q) = %q, want %q", tt.raw, r.Text, tt.want)
			}
		})
	}
}

func TestFurnitureRules(t *testing.T) {
	mustRemove := []string{
		"Breadcrumb",
		"Home > News > Middle East",
		"3 min read",
		"12 minute read",
		"Reading time: 4 minutes",
		"Share this article",
		"Share",
		"Facebook Twitter Email",
		"Share on WhatsApp",
		"Follow us on Twitter: @FrontlineDesk",
		"Follow Jane Doe on Twitter",
		"Like us on Facebook",
		"Subscribe to our channel",
		"Read more: Rebels say drone attack hit a market",
		"READ MORE: Ceasefire collapses within hours",
		"Related: Aid convoy turned back at checkpoint",
		"Related articles",
		"Most read",
		"Advertisement",
		"- Advertisement -",
		"Story continues below advertisement",
		"Photo: Coastal Press Agency",
		"(Photo credit should read STRINGER/AFP via Getty Images)",
		"TOP PHOTO: AFP",
		"Smoke over the ridge. Getty Images",
		"[click to enlarge]",
		"[click to enlarge] |",
		"[Embedded content]",
		"|",
		"---",
		"***",
		"•",
		"We use cookies to improve your experience. Accept all",
		"This site uses cookies. See our cookie policy",
		"Sign up for our daily newsletter",
		"Get the latest updates delivered to your inbox",
		"Enter your email address",
		"Ìý",
		"941 comments",
		"Comments (12)",
		"From the section US & Canada",
		"[Read: Rebels say drone attack hit a market]",
		"[Editor's note: this story was updated with a new toll]",
	}
	mustKeep := []string{
		"Share prices in the capital fell after the attack.",
		"Follow-up strikes hit the same hospital an hour later.",
		"Follow the money, the investigator told the court.",
		"Related fighting spread to three villages in the east.",
		"Photo evidence was later verified by independent analysts.",
		"Advertisement boards along the highway were torn down.",
		"Read more than 200 pages of the report and you find the same claim.",
		"Home to 40,000 people, the town was emptied within a week.",
		"Homes were destroyed in the strikes, residents said.",
		"The strike lasted 3 minutes, witnesses said.",
		"Subscribers in Aleppo lost internet access for two days.",
		"Soldiers handed out cookies at the checkpoint, a resident said.",
		"Sign up for military service became compulsory in March.",
		"Reuters photographers saw smoke rising over the town.",
		"The group said \"[the army] will not stop\" before the vote.",
		"Khan Sheikhoun",
		"UPDATE 0800 GMT: Troops are reported inside the town.",
		"TOP PHOTO: Smoke rises above the old market of the town, May 3, 2018",
		"São Tomé",
		"Comments by the minister drew criticism from the opposition.",
		"He made 12 comments to reporters before leaving.",
		"From the section of road near the bridge, smoke was visible.",
		"From the section of road, smoke rose.",
		"[The army] will not stop, he said.",
		// Run-on heads of text normalised upstream: the segmenter cuts them,
		// so cleaning must keep them whole.
		"Strikes kill 9 near the dam Monitor AFP Tuesday 3 Oct 2017 Nine people died in the strikes on Tuesday.",
		"Date of publication 26 October 2016 Warplanes struck a school complex in the hill village.",
		"Reuters Wednesday 7 Aug 2013 nine soldiers were killed at dawn.",
		"Photo AFP Smoke rose over the hill town after the strike on Monday.",
		"Tags Valley Market Airstrikes At least 16 people were killed in the raids.",
		"Posted on April 4 2017 by Staff Writer 12 Killed in Strikes on Hill Town Twelve people died.",
		"Email",
	}
	for _, s := range mustRemove {
		t.Run("the furniture line "+s+" is removed", func(t *testing.T) {
			r := New(Options{}).Clean("The army advanced.\n" + s + "\nThe rebels withdrew.")
			if r.Text != "The army advanced.\n\nThe rebels withdrew." {
				t.Errorf("got %q, want the line removed", r.Text)
			}
		})
	}
	for _, s := range mustKeep {
		t.Run("the sentence "+s+" is kept", func(t *testing.T) {
			if s == "Email" {
				t.Skip("a lone share label is furniture; listed to document the choice")
			}
			r := New(Options{}).Clean("The army advanced.\n" + s + "\nThe rebels withdrew.")
			if !strings.Contains(r.Text, s) {
				t.Errorf("got %q, want %q kept (dropped: %v)", r.Text, s, r.Dropped)
			}
		})
	}
}

func TestBracketFurnitureIsTrimmedFromCaptions(t *testing.T) {
	r := New(Options{}).Clean("[click to enlarge] | Smoke over the ridge on Saturday. (Photo: AFP)")
	if want := "Smoke over the ridge on Saturday."; r.Text != want {
		t.Errorf("got %q, want %q", r.Text, want)
	}
	checkResult(t, "[click to enlarge] | Smoke over the ridge on Saturday. (Photo: AFP)", r)
}

func TestLinkListsUnderAHeadingAreDropped(t *testing.T) {
	raw := "The convoy arrived.\nMost read\nSiege of Varno\nTalks stall again\nThe agency said more would follow, officials said on Friday evening."
	r := New(Options{}).Clean(raw)
	if want := "The convoy arrived.\n\nThe agency said more would follow, officials said on Friday evening."; r.Text != want {
		t.Errorf("got %q, want %q", r.Text, want)
	}
	raw = "The convoy arrived.\nRelated\nThe town was quiet."
	if r := New(Options{}).Clean(raw); r.Text != "The convoy arrived.\n\nThe town was quiet." {
		t.Errorf("a sentence after a heading was dropped: %q", r.Text)
	}
}

func TestKeepFurnitureOption(t *testing.T) {
	r := New(Options{KeepFurniture: true}).Clean("3 min read\nThe army advanced.")
	if want := "3 min read\n\nThe army advanced."; r.Text != want {
		t.Errorf("got %q, want %q", r.Text, want)
	}
}

func TestRepeats(t *testing.T) {
	p1 := "The army said it had taken two hills overlooking the main road."
	p2 := "Residents said hundreds of families had left since Friday."
	p3 := "Aid workers reported shortages of tents, blankets and water."
	tests := []struct {
		name, raw, want string
	}{
		{"a long line seen before is dropped", p1 + "\n" + p2 + "\n" + p1, p1 + "\n\n" + p2},
		{"a short line seen before is kept", "Syria\n" + p1 + "\nSyria", "Syria\n\n" + p1 + "\n\nSyria"},
		{"a repeat that differs only in quotes and spacing is dropped", p1 + "\n" + p2 + "\n" + strings.ReplaceAll(p1, " ", "  "), p1 + "\n\n" + p2},
		{"a body captured twice keeps the first copy with its short lines",
			"Hills taken\n" + p1 + "\n" + p2 + "\n" + p3 + "\nHills taken\n" + p1 + "\n" + p2 + "\n" + p3,
			"Hills taken\n\n" + p1 + "\n\n" + p2 + "\n\n" + p3},
		{"a second copy with interleaved new lines is dropped whole",
			"Hills taken\n" + p1 + "\n" + p2 + "\n" + p3 + "\nOn the web\nHills taken\n" + p1 + "\nA caption nobody wrote twice\n" + p2 + "\n" + p3 + "\nEnd note from the desk",
			"Hills taken\n\n" + p1 + "\n\n" + p2 + "\n\n" + p3 + "\n\nOn the web\n\nEnd note from the desk"},
		{"three different lines are all kept", p1 + "\n" + p2 + "\n" + p3, p1 + "\n\n" + p2 + "\n\n" + p3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := New(Options{}).Clean(tt.raw)
			checkResult(t, tt.raw, r)
			if r.Text != tt.want {
				t.Errorf("got\n%q\nwant\n%q", r.Text, tt.want)
			}
		})
	}
	r := New(Options{KeepRepeats: true}).Clean(p1 + "\n" + p1)
	if want := p1 + "\n\n" + p1; r.Text != want {
		t.Errorf("KeepRepeats: got %q, want %q", r.Text, want)
	}
}

func TestProcessFillsTextOffsetsAndHash(t *testing.T) {
	raw := "Breadcrumb\nAssadâ€™s forces   advanced on Sunday.\n\n\n[click to enlarge] |\nThe town fell."
	d := &doc.Document{Raw: raw}
	if err := New(Options{}).Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	if want := "Assad’s forces advanced on Sunday.\n\nThe town fell."; d.Text != want {
		t.Fatalf("Text = %q, want %q", d.Text, want)
	}
	if d.Hash != Hash(d.Text) || len(d.Hash) != 64 {
		t.Errorf("Hash = %q, want the SHA-256 of Text", d.Hash)
	}
	// Every word maps back to the same word in Raw.
	for _, w := range []string{"forces", "advanced", "Sunday.", "The town fell."} {
		i := strings.Index(d.Text, w)
		s := d.RawOffsets.SpanToRaw(doc.Span{Start: i, End: i + len(w)})
		if got := raw[s.Start:s.End]; got != w {
			t.Errorf("%q maps back to %q", w, got)
		}
	}
	// The repaired apostrophe maps onto its whole mojibake.
	i := strings.Index(d.Text, "’")
	s := d.RawOffsets.SpanToRaw(doc.Span{Start: i, End: i + len("’")})
	if got := raw[s.Start:s.End]; got != "â€™" {
		t.Errorf("’ maps back to %q, want %q", got, "â€™")
	}
	if got := d.Slice(doc.Span{Start: 0, End: 7}); got != "Assad’s"[:7] {
		t.Errorf("Slice = %q", got)
	}
}

func TestProcessTakesTextAsRawWhenRawIsEmpty(t *testing.T) {
	d := &doc.Document{Text: "3 min read\nThe town fell."}
	if err := New(Options{}).Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	if d.Raw != "3 min read\nThe town fell." || d.Text != "The town fell." {
		t.Errorf("Raw = %q, Text = %q", d.Raw, d.Text)
	}
}

func TestOffsetMapAgreesWithPieces(t *testing.T) {
	raw, err := os.ReadFile("testdata/scraped/input.txt")
	if err != nil {
		t.Fatal(err)
	}
	r := New(Options{}).Clean(string(raw))
	m := r.OffsetMap()
	for _, p := range r.Pieces {
		if got := m.SpanToRaw(p.Text); got != p.Raw && p.Kind != Copied {
			t.Errorf("replaced piece %v maps to %v, want %v", p.Text, got, p.Raw)
		}
		if p.Kind == Copied {
			got := m.SpanToRaw(p.Text)
			if string(raw[got.Start:got.End]) != r.Text[p.Text.Start:p.Text.End] {
				t.Errorf("copied piece %v maps to %q", p.Text, raw[got.Start:got.End])
			}
		}
	}
}

func TestTitleDroppedAsFurnitureIsReplacedByTheFirstHeadline(t *testing.T) {
	tests := []struct {
		name, raw, title, want string
	}{
		{"a breadcrumb taken for the title gives way to the headline",
			"Home > World > Africa\nGunmen attack convoy near Gao\nThe convoy was hit at dawn, officials said.\n",
			"Home > World > Africa", "Gunmen attack convoy near Gao"},
		{"a real title stays",
			"Gunmen attack convoy near Gao\nThe convoy was hit at dawn, officials said.\n",
			"Gunmen attack convoy near Gao", "Gunmen attack convoy near Gao"},
		{"a title from metadata that is not a raw line stays",
			"Breadcrumb\nThe convoy was hit at dawn, officials said.\n",
			"Convoy attacked", "Convoy attacked"},
		{"no headline left means no title",
			"Breadcrumb\nThe convoy was hit at dawn, officials said.\n",
			"Breadcrumb", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &doc.Document{Raw: tt.raw, Title: tt.title}
			if err := New(Options{}).Process(context.Background(), d); err != nil {
				t.Fatal(err)
			}
			if d.Title != tt.want {
				t.Errorf("title %q, want %q", d.Title, tt.want)
			}
		})
	}
}
