package place

import "testing"

// TestMisreadings: names that read as a namesake abroad through their
// fold, a person's surname, an eponym and a doubled letter written once.
// The sentences are our own.
func TestMisreadings(t *testing.T) {
	checkNormalised(t, []normalisedCase{
		{"Raqa is a spelling of Raqqa",
			"Coalition jets bombed Raqa again on Sunday, a monitor said",
			[]placeWant{{"Raqa", "SY", "place", ""}}, nil},
		{"Ghouta near Damascus is the Syrian region, not Quetta",
			"Shells fell on Douma in Ghouta as talks in Moscow stalled",
			[]placeWant{{"Ghouta", "SY", "place", ""}}, nil},
		{"Western Ghouta is a region of its own",
			"Rebels left Western Ghouta for Idlib under a deal",
			[]placeWant{{"Western Ghouta", "SY", "place", ""}}, nil},
		{"a surname seen after a given name is no division later",
			"Secretary of State John Kerry met his Russian counterpart in Geneva. Kerry said the ceasefire in Aleppo would hold",
			[]placeWant{{"Aleppo", "SY", "place", ""}}, []string{"Kerry said"}},
		{"a division named like a person keeps its place after in",
			"Gardai said John Kerry was not hurt. Storms hit homes in Kerry and Cork overnight",
			[]placeWant{{"Kerry", "IE", "place", "Kerry and"}}, nil},
		{"a city named like a surname stays a city",
			"UN envoy Angela Kane Damascus talks ended. Later the UN and Damascus agreed on a visit to Aleppo",
			[]placeWant{{"Damascus", "SY", "place", "Damascus agreed"}}, nil},
		{"a lower-case major is an adjective, not a title",
			"Rebels mounted a major Aleppo offensive and shelled Idlib",
			[]placeWant{{"Aleppo", "SY", "place", ""}}, nil},
		{"Molotov cocktails are not Perm",
			"Youths threw Molotov cocktails at police in Homs",
			[]placeWant{{"Homs", "SY", "place", ""}}, []string{"Molotov"}},
		{"a village only folded like a small US town is not it when the story names only the US",
			"US-led coalition strikes killed civilians in the village of Tokhar near Manbij in Aleppo province of Syria, the monitor said, and the United States said it would look into the reports",
			[]placeWant{{"Manbij", "SY", "place", ""}}, []string{"Tokhar"}},
		{"a governorate written without its article is the governorate",
			"Iraqi forces retook towns in Anbar province",
			[]placeWant{{"Anbar", "IQ", "place", ""}}, nil},
	})
}
