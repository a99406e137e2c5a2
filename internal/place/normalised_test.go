package place

import (
	"context"
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/segment"
)

// placeWant is a place a case must report: its surface, its country, its
// kind ("place" or "demonym") and, when set, the snippet of the text it
// must start at.
type placeWant struct {
	surface, country, kind string
	at                     string
}

// normalisedCase is a text, the places it must report and the snippets
// of it at whose start no place may begin.
type normalisedCase struct {
	name  string
	text  string
	want  []placeWant
	notAt []string
}

func checkNormalised(t *testing.T, cases []normalisedCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := geoparse(t, c.text)
			for _, w := range c.want {
				found := false
				for _, p := range d.Places {
					if d.Slice(p.Span) == w.surface && p.Country == w.country && p.Kind == w.kind &&
						(w.at == "" || p.Start == strings.Index(c.text, w.at)) {
						found = true
					}
				}
				if !found {
					t.Errorf("got %v, want %q as a %s in %s", describe(d), w.surface, w.kind, w.country)
				}
			}
			for _, n := range c.notAt {
				at := strings.Index(c.text, n)
				if at < 0 {
					t.Fatalf("snippet %q is not in the text", n)
				}
				for _, p := range d.Places {
					if p.Start == at {
						t.Errorf("got %q (%s, %s) at %q, want no place there", d.Slice(p.Span), p.Name, p.Kind, n)
					}
				}
			}
		})
	}
}

func describe(d *doc.Document) []string {
	var out []string
	for _, p := range d.Places {
		out = append(out, d.Slice(p.Span)+"="+p.Name+"/"+p.Country+"/"+p.Kind)
	}
	return out
}

// TestDateStamps: a weekday's or month's abbreviation in a date stamp is
// no place, whatever village or state bears its name; the same word
// where a place goes keeps it.
func TestDateStamps(t *testing.T) {
	checkNormalised(t, []normalisedCase{
		{"a weekday before a day number opens a date, not Mon State",
			"Mon 03 Apr 2017 Jets hit a bakery in Idlib and a clinic in Aleppo",
			[]placeWant{{"Idlib", "SY", "place", ""}, {"Aleppo", "SY", "place", ""}}, []string{"Mon 03"}},
		{"a weekday before a month is a date",
			"Mon Jul 10 2017 Shells fell on Homs and Hama overnight",
			[]placeWant{{"Homs", "SY", "place", ""}}, []string{"Mon Jul"}},
		{"every weekday abbreviation of a run of stamps is a date",
			"Sat 08 Jul 2017 Wed 05 Apr 2017 Tue 04 Apr Thu 06 Apr Fri 07 Apr Sun 09 Jul Mortars hit Damascus",
			[]placeWant{{"Damascus", "SY", "place", ""}}, []string{"Sat 08", "Wed 05", "Tue 04", "Thu 06", "Fri 07", "Sun 09"}},
		{"a feed's date with a comma is a date",
			"Wed, 05 Apr 2017 10:00:00 GMT Rockets struck Daraa near Jordan",
			[]placeWant{{"Daraa", "SY", "place", ""}}, []string{"Wed,"}},
		{"a month abbreviation after a day number is a date",
			"Posted 3 Mar 2017 by our desk: a car bomb went off in Manbij, Syria.",
			[]placeWant{{"Manbij", "SY", "place", ""}}, []string{"Mar 2017"}},
		{"Mon before a type word is the state",
			"Fighting in Mon State forced villagers across the border into Thailand.",
			[]placeWant{{"Mon", "MM", "place", ""}, {"Thailand", "TH", "place", ""}}, nil},
		{"Mon where a place goes, followed by a number that starts a clause, stays",
			"Fighting spread from Kayin to Mon, 12 villagers said after reaching Thailand.",
			[]placeWant{{"Mon", "MM", "place", ""}}, nil},
		{"Sun City is no weekday",
			"Retirees in Sun City, Arizona, held a parade on Sun 09 Jul 2017.",
			[]placeWant{{"Sun City", "US", "place", ""}}, []string{"Sun 09"}},
	})
}

// TestStrippedPossessives: a place's name with an s for an apostrophe
// that was stripped ("Syrias") names the place; real names ending in s,
// plurals and people's possessives do not change.
func TestStrippedPossessives(t *testing.T) {
	checkNormalised(t, []normalisedCase{
		{"a country's possessive before a town names the country",
			"Jets pounded Syrias Raqqa as residents fled toward Tabqa",
			[]placeWant{{"Syria", "SY", "place", ""}, {"Raqqa", "SY", "place", ""}}, nil},
		{"a city's possessive before an adjective names the city",
			"Shells fell on Aleppos eastern districts for a third day",
			[]placeWant{{"Aleppo", "SY", "place", ""}}, nil},
		{"possessives before nouns name their places",
			"Idlibs countryside burned while Russias defence ministry and Iraqs parliament spoke of Turkeys border",
			[]placeWant{{"Idlib", "SY", "place", ""}, {"Russia", "RU", "place", ""}, {"Iraq", "IQ", "place", ""}, {"Turkey", "TR", "place", ""}}, nil},
		{"a small town's possessive names it when the text places something in it",
			"Jets hit Jayruds medical centre a day after shelling in Jayrud killed two in Syria",
			[]placeWant{{"Jayrud", "SY", "place", "Jayruds medical"}}, nil},
		{"names ending in s are read as written",
			"Protests spread from Homs and Damascus in Syria to Tunis, Paris and Athens in Greece",
			[]placeWant{{"Homs", "SY", "place", ""}, {"Damascus", "SY", "place", ""}, {"Tunis", "TN", "place", ""}, {"Athens", "GR", "place", ""}}, nil},
		{"a demonym's plural is a people",
			"Syrians fled to Lebanon and Saudis flew to Riyadh",
			[]placeWant{{"Lebanon", "LB", "place", ""}}, []string{"Syrians", "Saudis"}},
		{"a plural before a verb is no possessive",
			"The two Koreas are talking again in Seoul",
			nil, []string{"Koreas"}},
		{"a plural of a namesake named without a cue is no possessive",
			"Four Chinook helicopters landed near Swat in Pakistan. The Chinooks flew hundreds out",
			[]placeWant{{"Pakistan", "PK", "place", ""}}, []string{"Chinooks"}},
		{"a word only folded like a place is no possessive",
			"Jamous pointed out that shelling continued in Homs in Syria",
			nil, []string{"Jamous"}},
		{"a person's possessive is no village",
			"Syrian rebels said the raids were flown in Assads air force jets over Aleppo after President Assad spoke",
			[]placeWant{{"Aleppo", "SY", "place", ""}}, []string{"Assads"}},
		{"a person's possessive is no village when the text names the person without a title",
			"The Assad government denied it. Syrian rebels said the raids were flown in Assads air force jets over Aleppo",
			[]placeWant{{"Aleppo", "SY", "place", ""}}, []string{"Assads"}},
	})
}

// TestActorAttributes: a place before "-led", "-backed", "-brokered" says
// whose, not where: reported as a demonym, which the event stage never
// takes for an event's location; "-based" keeps a place.
func TestActorAttributes(t *testing.T) {
	checkNormalised(t, []normalisedCase{
		{"a US-led strike is not in the United States",
			"A US-led coalition strike killed 18 civilians in Raqqa",
			[]placeWant{{"US", "US", "demonym", ""}, {"Raqqa", "SY", "place", ""}}, nil},
		{"dotted abbreviations and countries before -backed are attributes",
			"U.S.-backed fighters and Iran-backed militias clashed near Deir ez-Zor",
			[]placeWant{{"U.S.", "US", "demonym", ""}, {"Iran", "IR", "demonym", ""}, {"Deir ez-Zor", "SY", "place", ""}}, nil},
		{"a capital before -backed stands for its government",
			"Moscow-backed officials took over Grozny in Russia",
			[]placeWant{{"Moscow", "RU", "demonym", ""}, {"Grozny", "RU", "place", ""}}, nil},
		{"a country before -brokered or -sponsored is an attribute",
			"A Turkey-brokered truce and a Qatar-sponsored plan held in Idlib",
			[]placeWant{{"Turkey", "TR", "demonym", ""}, {"Qatar", "QA", "demonym", ""}, {"Idlib", "SY", "place", ""}}, nil},
		{"a place before -based stays a place",
			"A Damascus-based monitor reported shelling in Hama",
			[]placeWant{{"Damascus", "SY", "place", ""}, {"Hama", "SY", "place", ""}}, nil},
		{"a hyphenated pair of places is read part by part",
			"Talks on the Russia-Turkey deal for Idlib resumed",
			[]placeWant{{"Russia", "RU", "place", ""}, {"Turkey", "TR", "place", ""}}, nil},
	})
}

// With NoDemonyms, a place used as an attribute is left out like a
// demonym.
func TestAttributesFollowNoDemonyms(t *testing.T) {
	d := &doc.Document{Text: "A US-led coalition strike killed 18 civilians in Raqqa, Syria."}
	ctx := context.Background()
	if err := segment.New().Process(ctx, d); err != nil {
		t.Fatal(err)
	}
	if err := New(testGazetteer(t), Options{NoDemonyms: true}).Process(ctx, d); err != nil {
		t.Fatal(err)
	}
	for _, p := range d.Places {
		if d.Slice(p.Span) == "US" {
			t.Errorf("got %q as %s with NoDemonyms, want it left out", "US", p.Kind)
		}
	}
	if len(d.Places) != 2 {
		t.Errorf("got %v, want Raqqa and Syria", describe(d))
	}
}

// TestAbbreviationsWithoutTheirDot: a title-case headline's word spelled
// like a state's dotted abbreviation is no state; after a town and a
// comma, or with its dot, it is.
func TestAbbreviationsWithoutTheirDot(t *testing.T) {
	checkNormalised(t, []normalisedCase{
		{"a capitalised common word is no dotted abbreviation",
			"Rescuers Found Mass grave near Raqqa in Syria",
			[]placeWant{{"Syria", "SY", "place", ""}}, []string{"Mass grave"}},
		{"a sentence's first word is no dotted abbreviation",
			"Ill health kept the envoy at home in Damascus. Wash your hands, doctors in Aleppo said.",
			[]placeWant{{"Damascus", "SY", "place", ""}}, []string{"Ill health", "Wash your"}},
		{"after a town and a comma the abbreviation is the state, dot or no dot",
			"Police in Lowell, Mass said a man was held. Officers in Peoria, Ill. agreed.",
			[]placeWant{{"Mass", "US", "place", ""}, {"Ill", "US", "place", ""}}, nil},
	})
}

// TestSentenceInitialIn: "In" opening a sentence is the preposition, not a
// romanised article: "In Homs" is Homs, not Al Khums in Libya. Articles
// written as words keep their reading.
func TestSentenceInitialIn(t *testing.T) {
	checkNormalised(t, []normalisedCase{
		{"In before a city opening a sentence is the preposition",
			"Clashes went on overnight. In Homs shelling killed three and In Hama the army advanced",
			[]placeWant{{"Homs", "SY", "place", ""}, {"Hama", "SY", "place", ""}}, []string{"In Homs", "In Hama"}},
		{"articles written as words still join their names",
			"Jets struck Ras al Ain and Jisr ash Shughur in Syria",
			[]placeWant{{"Ras al Ain", "SY", "place", ""}, {"Jisr ash Shughur", "SY", "place", ""}}, nil},
	})
}
