package actor

import (
	"fmt"
	"strings"
	"testing"
)

// TestOwnedForces covers forces named by whose they are, including the
// possessives that crawlers write without their apostrophe.
func TestOwnedForces(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // "surface=Name/type/country"
	}{
		{"a stripped possessive of a country before a force noun is that country's military",
			"Syrias army said the convoy was hit",
			[]string{"Syrias army=Military Forces of Syria/state/SY"}},
		{"the possessive with its apostrophe is read the same way",
			"Syria's army said the convoy was hit.",
			[]string{"Syria's army=Military Forces of Syria/state/SY"}},
		{"a stripped possessive takes one modifier before the force",
			"Russias Aerospace Forces struck the depot on Monday",
			[]string{"Russias Aerospace Forces=Military Forces of Russia/state/RU"}},
		{"a leader's stripped possessive names the forces of his country",
			"Assads forces shelled the valley and Bashar al-Assads troops advanced",
			[]string{"Assads forces=Military Forces of Syria/state/SY", "Bashar al-Assads troops=Military Forces of Syria/state/SY"}},
		{"a stripped possessive before a regime word is the state",
			"Turkeys military and Israels air force were on alert",
			[]string{"Turkeys military=Military Forces of Turkey/state/TR", "Israels air force=Military Forces of Israel/state/IL"}},
		{"a stripped possessive before a place is no actor",
			"The strike hit Syrias Raqa and Syrias regime-held coast",
			nil},
		{"a bare country before regime names its forces",
			"Syria regime jets bombed the market",
			[]string{"Syria regime=Military Forces of Syria/state/SY"}},
		{"a bare country after a locative is a place",
			"Heavy fighting in Syria forces thousands to flee",
			nil},
		{"a nationality before an attack names the attacker alone",
			"Russian air strikes killed nine and Turkish shelling hit the village",
			[]string{"Russian=Military Forces of Russia/state/RU", "Turkish=Military Forces of Turkey/state/TR"}},
		{"an attacker the dictionary lists with forces is that entry",
			"Kurdish offensive stalls as regime airstrikes resume and government shelling goes on",
			[]string{"Kurdish=Syrian Democratic Forces/rebel/SY", "regime=Military Forces of Syria/state/SY", "government=Military Forces/state/"}},
		{"a capitalised headline attack is read the same way",
			"Israeli Strike on Syrian Town Kills 5 Soldiers",
			[]string{"Israeli=Military Forces of Israel/state/IL", "Soldiers=Military Forces/state/"}},
		{"bombings tell where, not who",
			"Iraqi bombing kills 20 in market",
			nil},
		{"the regime alone is the generic military",
			"The town was shelled by the regime while the regime-held areas were calm",
			[]string{"the regime=Military Forces/state/"}},
		{"regime forces keep the dictionary's reading after the article",
			"the regime forces advanced",
			[]string{"regime forces=Military Forces of Syria/state/SY"}},
		{"a nationality before a named group describes the group",
			"Kurdish YPG militia and Lebanese Hezbollah fighters held the hill",
			[]string{"Kurdish YPG militia=YPG/rebel/SY", "Lebanese Hezbollah fighters=Hezbollah/militia/LB"}},
		{"a nationality before a generic force word still names the state",
			"Nigerien government troops and Iraqi army forces arrived.",
			[]string{"Nigerien government troops=Military Forces of Niger/state/NE", "Iraqi army forces=Military Forces of Iraq/state/IQ"}},
		{"two nationalities joined before one force are both states' forces",
			"Syrian and Russian warplanes struck while Russian and regime airstrikes went on",
			[]string{"Syrian=Military Forces of Syria/state/SY", "Russian warplanes=Military Forces of Russia/state/RU", "Russian=Military Forces of Russia/state/RU", "regime=Military Forces of Syria/state/SY"}},
		{"rebels against a leader are not his",
			"anti-Assad rebels and Maduro protesters gathered",
			[]string{"rebels=Rebel Forces/rebel/", "protesters=Protesters/protesters/"}},
		{"a foreign-backed regime's forces stay the backed forces",
			"Russian-backed regime forces advanced",
			[]string{"Russian-backed regime forces=Russian-backed forces/state/"}},
		{"the coalition against the Islamic State is the US-led coalition",
			"Planes of the anti-Daesh coalition and US-led strikes hit the bridge",
			[]string{"anti-Daesh coalition=Military Forces of the United States/foreign/US", "US-led=Military Forces of the United States/foreign/US"}},
		{"takfiri and state-media terms are militants",
			"Takfiri terrorists and armed terrorist groups fired shells",
			[]string{"Takfiri terrorists=Militants/rebel/", "armed terrorist groups=Militants/rebel/"}},
		{"Turkey's operations name its army",
			"Euphrates Shield forces entered the town backed by the TAF",
			[]string{"Euphrates Shield forces=Military Forces of Turkey/state/TR", "TAF=Military Forces of Turkey/state/TR"}},
		{"the Kurdish protection units in full are the YPG",
			"The Kurdish Peoples Protection Units and the Kurdish People's Protection Units are one",
			[]string{"Kurdish Peoples Protection Units=YPG/rebel/SY", "Kurdish People's Protection Units=YPG/rebel/SY"}},
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
