package actor

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/segment"
)

func newStage(t testing.TB) *Stage {
	t.Helper()
	s, err := New()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestFind(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // "surface=Name/type/country"
	}{
		{"acronyms and full names of one group resolve to one actor",
			"HTS fighters and Hayat Tahrir al-Sham clashed; Tahrir al-Sham denied it.",
			[]string{"HTS fighters=Hayat Tahrir al-Sham/rebel/SY", "Hayat Tahrir al-Sham=Hayat Tahrir al-Sham/rebel/SY", "Tahrir al-Sham=Hayat Tahrir al-Sham/rebel/SY"}},
		{"the names of the Islamic State all resolve to it",
			"Daesh, ISIS, ISIL and the Islamic State are one group, as is IS.",
			[]string{"Daesh=Islamic State/rebel/", "ISIS=Islamic State/rebel/", "ISIL=Islamic State/rebel/", "Islamic State=Islamic State/rebel/", "IS=Islamic State/rebel/"}},
		{"a lower-case word is not a capitalised acronym",
			"This is what it is.",
			nil},
		{"regime forces and pro-Assad forces are the Syrian military",
			"Regime forces and pro-Assad forces advanced.",
			[]string{"Regime forces=Military Forces of Syria/state/SY", "pro-Assad forces=Military Forces of Syria/state/SY"}},
		{"a nationality before a force noun names that state's forces",
			"Chadian warplanes struck while Kenyan police watched.",
			[]string{"Chadian warplanes=Military Forces of Chad/state/TD", "Kenyan police=Police Forces of Kenya/police/KE"}},
		{"a nationality with one modifier still names its forces",
			"Nigerien government troops arrived.",
			[]string{"Nigerien government troops=Military Forces of Niger/state/NE"}},
		{"pro-X forces unknown to the dictionary are a militia",
			"Pro-Karzai militias withdrew.",
			[]string{"Pro-Karzai militias=Pro-Karzai forces/militia/"}},
		{"forces loyal to a named leader are a militia",
			"Fighters loyal to Ahmed Bek took the bridge.",
			[]string{"Fighters loyal to Ahmed Bek=Forces loyal to Ahmed Bek/militia/"}},
		{"unidentified gunmen are an unknown armed group",
			"Unidentified gunmen shot a trader.",
			[]string{"Unidentified gunmen=Unidentified Armed Group/unknown/", "a trader=Civilians/civilians/"}},
		{"monitors and media are recognised",
			"According to SOHR, reported by AFP and the White Helmets.",
			[]string{"SOHR=Syrian Observatory for Human Rights/monitor/SY", "AFP=Agence France-Presse/media/FR", "White Helmets=Syria Civil Defence (White Helmets)/ngo/SY"}},
	}
	s := newStage(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, m := range s.Find(tt.text) {
				got = append(got, fmt.Sprintf("%s=%s/%s/%s", tt.text[m.Start:m.End], m.Name, m.Type, m.Country))
			}
			if strings.Join(got, " | ") != strings.Join(tt.want, " | ") {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestBackers(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // "surface=Name/type/backers"
	}{
		{"pro-government militias fight for the government",
			"Pro-government militias entered the valley.",
			[]string{"Pro-government militias=Pro-government forces/militia/government"}},
		{"pro-regime fighters fight for the government",
			"Pro-regime fighters shelled the ridge.",
			[]string{"Pro-regime fighters=Pro-regime forces/militia/government"}},
		{"pro-junta militiamen fight for the government",
			"Pro-junta militiamen burned the market.",
			[]string{"Pro-junta militiamen=Pro-junta forces/militia/government"}},
		{"a head of government listed in the data names his country",
			"Pro-Maduro militias rode through the square.",
			[]string{"Pro-Maduro militias=Pro-Maduro forces/militia/VE"}},
		{"a nationality after pro- names the foreign backer",
			"Pro-Russian militiamen shelled the outskirts.",
			[]string{"Pro-Russian militiamen=Pro-Russian forces/militia/RU"}},
		{"pro-Russian separatists in the dictionary carry their backer",
			"Pro-Russian separatists shelled the outskirts.",
			[]string{"Pro-Russian separatists=Donetsk People's Republic/rebel/RU"}},
		{"a leader the data does not list gives no backer",
			"Pro-Karzai militias withdrew.",
			[]string{"Pro-Karzai militias=Pro-Karzai forces/militia/"}},
		{"a government-backed militia fights for the government",
			"A government-backed militia patrolled the road.",
			[]string{"government-backed militia=Government-backed militia/militia/government"}},
		{"an army-backed vigilante group fights for the government",
			"Army-backed militiamen raided the camp.",
			[]string{"Army-backed militiamen=Army-backed militiamen/militia/government"}},
		{"a country before -backed is a foreign backer, not the group's own state",
			"Iran-backed militias fired rockets at the base.",
			[]string{"Iran-backed militias=Iran-backed militias/militia/IR"}},
		{"a nationality before -backed is a foreign backer too",
			"Turkish-backed insurgents advanced on the town.",
			[]string{"Turkish-backed insurgents=Turkish-backed insurgents/rebel/TR"}},
		{"government forces backed by a foreign state stay government forces",
			"Saudi-backed government forces held the port.",
			[]string{"Saudi-backed government forces=Saudi-backed forces/state/SA"}},
		{"forces loyal to the government fight for it",
			"Forces loyal to the government retook the hill.",
			[]string{"Forces loyal to the government=Forces loyal to the government/militia/government"}},
		{"fighters loyal to the regime fight for the government",
			"Fighters loyal to the regime stormed the district.",
			[]string{"Fighters loyal to the regime=Forces loyal to the regime/militia/government"}},
		{"forces loyal to a president by title fight for the government",
			"Troops loyal to President Ana Delgado seized the airport.",
			[]string{"Troops loyal to President Ana Delgado=Forces loyal to President Ana Delgado/militia/government"}},
		{"forces loyal to a former president fight for no government",
			"Fighters loyal to former President Ana Delgado seized the airport.",
			[]string{"Fighters loyal to former President Ana Delgado=Forces loyal to former President Ana Delgado/militia/"}},
		{"forces loyal to a listed leader fight for his government",
			"Forces loyal to Bashar al-Assad shelled the suburb.",
			[]string{"Forces loyal to Bashar al-Assad=Forces loyal to Bashar al-Assad/militia/SY"}},
		{"forces loyal to a warlord fight for no government",
			"Gunmen loyal to Omar Dagane blocked the road.",
			[]string{"Gunmen loyal to Omar Dagane=Forces loyal to Omar Dagane/militia/"}},
		{"forces loyal to Haftar are the Libyan National Army, no government's affiliate",
			"Forces loyal to Khalifa Haftar shelled the airport.",
			[]string{"Forces loyal to Khalifa Haftar=Libyan National Army/militia/"}},
		{"a dictionary auxiliary carries its backer",
			"The National Defence Forces and the VDP and the Imbonerakure were there.",
			[]string{"National Defence Forces=National Defence Forces/militia/SY", "VDP=Volunteers for the Defense of the Homeland/militia/BF", "Imbonerakure=Imbonerakure/militia/BI"}},
		{"Wagner fights for several host governments",
			"Wagner mercenaries guarded the mine.",
			[]string{"Wagner mercenaries=Wagner Group/militia/SY|CF|ML|BF|NE"}},
	}
	s := newStage(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, m := range s.Find(tt.text) {
				got = append(got, fmt.Sprintf("%s=%s/%s/%s", tt.text[m.Start:m.End], m.Name, m.Type, strings.Join(m.Backers, "|")))
			}
			if strings.Join(got, " | ") != strings.Join(tt.want, " | ") {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestParseEntriesReadsTheOptionalBackers(t *testing.T) {
	tests := []struct {
		name, line string
		want       string // backers joined by |, or "error"
	}{
		{"five fields have no backers", "k\tK\tmilitia\tSY\tk one", ""},
		{"a dash is no backers", "k\tK\tmilitia\tSY\tk one\t-", ""},
		{"one code is one backer", "k\tK\tmilitia\tSY\tk one\tSY", "SY"},
		{"codes are separated by bars", "k\tK\tmilitia\tRU\tk one\tSY|CF", "SY|CF"},
		{"a lower-case code is an error", "k\tK\tmilitia\tSY\tk one\tsy", "error"},
		{"a country name is an error", "k\tK\tmilitia\tSY\tk one\tSyria", "error"},
		{"seven fields are an error", "k\tK\tmilitia\tSY\tk one\tSY\tx", "error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			es, err := ParseEntries("x.tsv", tt.line+"\n")
			got := "error"
			if err == nil {
				got = strings.Join(es[0].Backers, "|")
			} else if de, ok := err.(*DataError); !ok || de.Line != 1 {
				t.Fatalf("got %v, want a DataError on line 1", err)
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestDictionaryIsLargeAndValid(t *testing.T) {
	s := newStage(t)
	if n := len(s.Entries()); n < 300 {
		t.Errorf("got %d dictionary entries, want at least 300", n)
	}
	aliases := 0
	for _, e := range s.Entries() {
		aliases += len(e.Aliases)
	}
	if aliases < 2000 {
		t.Errorf("got %d aliases, want at least 2000", aliases)
	}
}

func TestParseEntriesReportsTheBadLine(t *testing.T) {
	_, err := ParseEntries("x.tsv", "# comment\na\tA\tstate\t-\tA1\nb\tB\tnonsense\t-\tB1\n")
	de, ok := err.(*DataError)
	if !ok || de.Line != 3 {
		t.Fatalf("got %v, want a DataError on line 3", err)
	}
}

func TestProcessSpansAreSurfaceForms(t *testing.T) {
	text := "Houthi rebels fired. Saudi-led coalition jets replied."
	d := &doc.Document{Text: text, Sentences: []doc.Span{{Start: 0, End: 20}, {Start: 21, End: len(text)}}}
	if err := newStage(t).Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range d.Actors {
		got = append(got, d.Slice(a.Span))
	}
	if want := "Houthi rebels|Saudi-led coalition jets"; strings.Join(got, "|") != want {
		t.Errorf("got %q, want %q", strings.Join(got, "|"), want)
	}
}

func ExampleStage_Find() {
	s, _ := New()
	for _, m := range s.Find("Al-Shabaab militants attacked AMISOM troops.") {
		fmt.Printf("%s (%s)\n", m.Name, m.Type)
	}
	// Output:
	// Al-Shabaab (rebel)
	// African Union Mission in Somalia (AMISOM/ATMIS) (foreign)
}

func BenchmarkProcess(b *testing.B) {
	text := strings.Repeat("Syrian government forces backed by Russian warplanes clashed with HTS fighters near the town, the Syrian Observatory for Human Rights said. Unidentified gunmen killed two police officers. ", 200)
	s := newStage(b)
	d := &doc.Document{Text: text}
	// The segment stage runs first in the chain; its tokens are shared.
	if err := segment.New().Process(context.Background(), d); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		if err := s.Process(context.Background(), d); err != nil {
			b.Fatal(err)
		}
	}
}
