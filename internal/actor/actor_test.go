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
