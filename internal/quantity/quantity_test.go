package quantity

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

// show renders a quantity as "text{min,max}category/who[part][tally]".
func show(text string, q doc.Quantity) string {
	b := func(p *int) string {
		if p == nil {
			return "nil"
		}
		return fmt.Sprint(*p)
	}
	s := fmt.Sprintf("%s{%s,%s}%s/%s", text[q.Start:q.End], b(q.Min), b(q.Max), q.Category, q.Who)
	if q.Part {
		s += "[part]"
	}
	if q.Tally {
		s += "[tally]"
	}
	return s
}

func TestFind(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"an exact figure before a passive verb is killed",
			"Shelling on the market killed 14 civilians on Tuesday.",
			[]string{"14 civilians{14,14}killed/civilians"}},
		{"at least is an open lower bound",
			"At least 89 people died when the dam burst.",
			[]string{"At least 89 people{89,nil}killed/people"}},
		{"more than adds one and opens the top",
			"More than 80 villagers fled the fighting.",
			[]string{"More than 80 villagers{81,nil}displaced/villagers"}},
		{"over a hundred is over one hundred",
			"Over a hundred soldiers were wounded in the assault.",
			[]string{"Over a hundred soldiers{101,nil}wounded/soldiers"}},
		{"nearly a thousand is just under it",
			"Nearly 1,000 residents were evacuated from the district.",
			[]string{"Nearly 1,000 residents{900,999}displaced/residents"}},
		{"up to leaves the bottom open",
			"Up to 30 fighters were captured in the raid.",
			[]string{"Up to 30 fighters{nil,30}arrested/fighters"}},
		{"dozens is at least two dozen",
			"Dozens of protesters were detained overnight.",
			[]string{"Dozens of protesters{24,nil}arrested/protesters"}},
		{"scores and hundreds are vague lower bounds",
			"Scores were killed and hundreds of families were displaced.",
			[]string{"Scores{40,nil}killed/", "hundreds of families{200,nil}displaced/families"}},
		{"a dozen is twelve",
			"A dozen guards went missing after the ambush.",
			[]string{"A dozen guards{12,12}missing/guards"}},
		{"a word number names who is counted",
			"Three doctors were killed when the clinic was hit.",
			[]string{"Three doctors{3,3}killed/doctors"}},
		{"hyphenated tens and units add up",
			"The blast killed twenty-four worshippers.",
			[]string{"twenty-four worshippers{24,24}killed/worshippers"}},
		{"the counted named by what befell them take that category",
			"Clinics treated 150 wounded and 21 dead after the market raid.",
			[]string{"150 wounded{150,150}wounded/wounded", "21 dead{21,21}killed/dead"}},
		{"a participle right after the noun is the figure's own",
			"The blast left 8 other shoppers injured near the gate.",
			[]string{"8 other shoppers injured{8,8}wounded/injured"}},
		{"a figure among the dead is a part",
			"There were also 6 nurses among the dead, the director said.",
			[]string{"6 nurses{6,6}killed/nurses[part]"}},
		{"a figure of them is a part",
			"The toll has risen to 40 12 of them children, the group said.",
			[]string{"40{40,40}killed/", "12 of them children{12,12}killed/children[part]"}},
		{"between two numbers is a range",
			"Officials said between 200 and 300 fighters were killed in the offensive.",
			[]string{"between 200 and 300 fighters{200,300}killed/fighters"}},
		{"between two ages is no count",
			"Four pupils between 9 and 11 years old were hurt.",
			[]string{"Four pupils{4,4}/pupils"}},
		{"the figures joined to a part are parts too",
			"A shell killed 11 people including three boys and two women in the square.",
			[]string{"11 people{11,11}killed/people", "three boys{3,3}killed/boys[part]", "two women{2,2}killed/women[part]"}},
		{"the figures joined to a part among a toll are parts too",
			"The monitor said 4 nurses and 2 doctors were among 30 people killed.",
			[]string{"4 nurses{4,4}killed/nurses[part]", "2 doctors{2,2}killed/doctors[part]", "30 people{30,30}killed/people"}},
		{"a part between a whole and its verb is no distance",
			"Some 612 residents, including 140 children, were killed.",
			[]string{"Some 612 residents{612,612}killed/residents", "140 children{140,140}killed/children[part]"}},
		{"two joined parts between a whole and its verb are no distance",
			"At least 23 villagers including six children and four women were killed in the raid.",
			[]string{"At least 23 villagers{23,nil}killed/villagers", "six children{6,6}killed/children[part]", "four women{4,4}killed/women[part]"}},
		{"a headline's figures with their commas stripped each have their outcome",
			"25 villagers killed 40 injured in rocket attacks on the town.",
			[]string{"25 villagers{25,25}killed/villagers", "40 injured{40,40}wounded/injured"}},
		{"martyrs are the dead",
			"Twin blasts hit the checkpoint claiming 4 martyrs and 13 injured.",
			[]string{"4 martyrs{4,4}killed/martyrs", "13 injured{13,13}wounded/injured"}},
		{"a passive verb before and belongs to the clause before",
			"Six guards were killed and another 14 villagers and a nurse were injured.",
			[]string{"Six guards{6,6}killed/guards", "14 villagers{14,14}wounded/villagers", "a nurse{1,1}wounded/nurse"}},
		{"figures with their commas stripped share a cue",
			"Raids on the valley killed 9 jihadists 4 civilians the monitor said.",
			[]string{"9 jihadists{9,9}killed/jihadists", "4 civilians{4,4}killed/civilians"}},
		{"hundred and units add up",
			"One hundred and five prisoners were released and 7 detained.",
			[]string{"One hundred and five prisoners{105,105}/prisoners", "7{7,7}arrested/"}},
		{"a decimal with million is a whole count",
			"The war has displaced 1.2 million people since 2015.",
			[]string{"1.2 million people{1200000,1200000}displaced/people[tally]"}},
		{"a figure among the dead is a part",
			"The association said at least 12 children were among the dead.",
			[]string{"at least 12 children{12,nil}killed/children[part]"}},
		{"a figure after including is a part",
			"The strikes killed 949 civilians, including 237 children.",
			[]string{"949 civilians{949,949}killed/civilians", "237 children{237,237}killed/children[part]"}},
		{"figures joined by and share the verb after them",
			"Twenty regime combatants and 24 rebels were killed in the clashes.",
			[]string{"Twenty regime combatants{20,20}killed/combatants", "24 rebels{24,24}killed/rebels"}},
		{"killing and then injuring splits the figures",
			"A bomber killed 3 civilians and injured 15 in the square.",
			[]string{"3 civilians{3,3}killed/civilians", "15{15,15}wounded/"}},
		{"a singular noun with an article counts one",
			"A policeman was killed and another injured at the gate.",
			[]string{"A policeman{1,1}killed/policeman"}},
		{"since a month makes a tally",
			"Since late April the offensive has killed more than 500 civilians.",
			[]string{"more than 500 civilians{501,nil}killed/civilians[tally]"}},
		{"so far this year makes a tally",
			"So far this year 212 people have died in the province.",
			[]string{"212 people{212,212}killed/people[tally]"}},
		{"over the past years makes a tally",
			"The conflict killed 40,000 people over the past eight years.",
			[]string{"40,000 people{40000,40000}killed/people[tally]"}},
		{"a conflict that has claimed lives is a tally",
			"Talks began to end a conflict that has claimed 160,000 lives.",
			[]string{"160,000{160000,160000}killed/[tally]"}},
		{"a large toll in the present perfect with no day is a tally",
			"Shelling has killed 730 civilians in the province, a monitor said.",
			[]string{"730 civilians{730,730}killed/civilians[tally]"}},
		{"a large toll in a present-perfect sentence is a tally",
			"Civilians have borne the brunt of the campaign, with more than 300 civilians killed.",
			[]string{"more than 300 civilians{301,nil}killed/civilians[tally]"}},
		{"a present-perfect toll on a named day is not a tally",
			"Shelling on Friday has killed 130 civilians in the province.",
			[]string{"130 civilians{130,130}killed/civilians"}},
		{"a small present-perfect toll is not a tally",
			"Air raids have killed 14 people in the valley.",
			[]string{"14 people{14,14}killed/people"}},
		{"a running total since a clause dated last year is a tally, commas stripped",
			"The monitor said they were among more than 4100 people killed across the region since the council passed a resolution last year.",
			[]string{"more than 4100 people{4101,nil}killed/people[tally]"}},
		{"the latest of a running total is a tally",
			"The three were the latest of 900 civilians killed in the province.",
			[]string{"900 civilians{900,900}killed/civilians[tally]"}},
		{"since the conflict began in a year is a tally without an apostrophe",
			"The countrys conflict has killed 2300 people since the conflict began in 2012.",
			[]string{"2300 people{2300,2300}killed/people[tally]"}},
		{"since a month and year is a tally",
			"More than 3000 fighters have died since March 2013 the group said.",
			[]string{"More than 3000 fighters{3001,nil}killed/fighters[tally]"}},
		{"deaths in a war of several years are a tally",
			"The death toll in the six-year war has risen to 310000 the monitor said.",
			[]string{"310000{310000,310000}killed/[tally]"}},
		{"a span from one year to another is a tally",
			"The network said 5400 detainees died in custody from April 2012 to May 2015.",
			[]string{"5400 detainees{5400,5400}killed/detainees[tally]"}},
		{"a large toll last month is a tally",
			"Last month nearly 900 civilians were killed the rights group said.",
			[]string{"nearly 900 civilians{810,899}killed/civilians[tally]"}},
		{"a large toll in the past week is a tally",
			"Rights workers say 410 people were killed in the city during the past week.",
			[]string{"410 people{410,410}killed/people[tally]"}},
		{"a small toll last month is an event",
			"Last month 12 villagers were killed when a mortar hit the market.",
			[]string{"12 villagers{12,12}killed/villagers"}},
		{"a large toll since a weekday in the perfect is a tally",
			"At least 430 people have been killed in the bombing campaign since Tuesday.",
			[]string{"At least 430 people{430,nil}killed/people[tally]"}},
		{"a large toll reportedly killed in the perfect is a tally",
			"An estimated 95000 people have reportedly been killed in the fighting.",
			[]string{"An estimated 95000 people{95000,95000}killed/people[tally]"}},
		{"a large toll of a month is a tally",
			"The group documented 480 civilians killed by bombing in the city during May.",
			[]string{"480 civilians{480,480}killed/civilians[tally]"}},
		{"a large toll on a weekday in the perfect is not a tally",
			"At least 150 people have been killed in the gas attack on Tuesday activists said.",
			[]string{"At least 150 people{150,nil}killed/people"}},
		{"a toll since a weekday attack is no tally by since alone",
			"Since the strike on Sunday morning 23 people have died in hospital.",
			[]string{"23 people{23,23}killed/people"}},
		{"a toll in a war-torn country is not a tally",
			"A car bomb killed 14 people in the war-torn country on Monday.",
			[]string{"14 people{14,14}killed/people"}},
		{"a found device in the perfect does not make an earlier toll a tally",
			"A second bomb has been found near the port after blasts killed 180 people in the city.",
			[]string{"180 people{180,180}killed/people"}},
		{"a total on a named day is that day's count",
			"Yesterday a total of 540 people were arrested across the state for breaking the curfew.",
			[]string{"a total of 540 people{540,540}arrested/people"}},
		{"a span of days is no tally",
			"Police said 310 suspects were detained in raids from July 2 to July 9.",
			[]string{"310 suspects{310,310}arrested/suspects"}},
		{"people left stranded are not left dead",
			"The deal stalled leaving thousands of people from both army-held and rebel-held towns stranded at the crossing.",
			[]string{"thousands of people{2000,nil}/people"}},
		{"a figure left dead is killed",
			"The raid left 14 people dead in the village.",
			[]string{"14 people{14,14}killed/people"}},
		{"a span between a month and a year and another is a tally",
			"The files show 3100 prisoners who died in custody between May 2012 and March 2014.",
			[]string{"3100 prisoners{3100,3100}killed/prisoners[tally]"}},
		{"a large toll in one week is a tally in a headline",
			"Over 400 Civilians Killed in One Week in Bombing Campaign.",
			[]string{"Over 400 Civilians{401,nil}killed/civilians[tally]"}},
		{"a small toll in a city the war has scarred is that night's",
			"State media says 28 people have been killed in rocket fire overnight in the city the scene of the worst fighting in the countrys civil war.",
			[]string{"28 people{28,28}killed/people"}},
		{"an attack last month that killed many is one event",
			"Last month bombings claimed by the group in the port cities killed at least 150 people.",
			[]string{"at least 150 people{150,nil}killed/people"}},
		{"the deadliest month is a tally even with attacks named",
			"August was the deadliest month of the year with attacks on markets resulting in hundreds of deaths.",
			[]string{"hundreds{200,nil}killed/[tally]"}},
		{"figures joined by and share the verb before the first",
			"Clashes near the dam killed 11 soldiers and 7 insurgents.",
			[]string{"11 soldiers{11,11}killed/soldiers", "7 insurgents{7,7}killed/insurgents"}},
		{"people kidnapped and killed are killed",
			"Four farmers were kidnapped and killed near the river.",
			[]string{"Four farmers{4,4}killed/farmers"}},
		{"a figure after by counts the perpetrators",
			"2 guards were shot dead by 5 men at the gate.",
			[]string{"2 guards{2,2}killed/guards", "5 men{5,5}/men"}},
		{"a number of fatalities is a death toll",
			"The clash left 6 dead. 6 fatalities.",
			[]string{"6 dead{6,6}killed/dead", "6 fatalities{6,6}killed/fatalities"}},
		{"a death toll that has risen counts the dead",
			"The death toll from Monday's blast at the depot has risen to 23, medics said.",
			[]string{"23{23,23}killed/"}},
		{"a number of injured that climbed counts the wounded",
			"The number of injured in the stampede climbed to 40 by nightfall.",
			[]string{"40{40,40}wounded/"}},
		{"a figure something rose to with no toll before it is no count",
			"Fuel prices rose to 30 in the city after the blockade.",
			nil},
		{"since the morning is not a tally",
			"Fighting since the morning has killed 6 soldiers.",
			[]string{"6 soldiers{6,6}killed/soldiers"}},
		{"years, distances, money, percentages, ages and times are not counts",
			"In 2019, 3 km away, $40 million and 12% were spent by a 45-year-old at 10 am on 7 May.",
			nil},
		{"an ordinal brigade is not a count",
			"The 155th Brigade base was struck.",
			nil},
		{"killing and wounding together has no category",
			"Warplanes hit the camp, killing and wounding 30 civilians.",
			[]string{"30 civilians{30,30}/civilians"}},
		{"a range gives both bounds",
			"Between clashes, 10-15 fighters were killed.",
			[]string{"10-15 fighters{10,15}killed/fighters"}},
		{"an article with modifiers before a singular noun counts one",
			"A young man was shot to death at the stall.",
			[]string{"A young man{1,1}killed/man"}},
		{"a part between a figure and its verb does not steal the verb",
			"Fifteen militants including a commander were killed.",
			[]string{"Fifteen militants{15,15}killed/militants", "a commander{1,1}killed/commander[part]"}},
		{"hyphenated modifiers do not hide the noun",
			"4 pro-government militia members were killed.",
			[]string{"4 pro-government militia members{4,4}killed/militia members"}},
		{"fatalities after a number are deaths",
			"Gunmen fired on a bus. 3 fatalities.",
			[]string{"3 fatalities{3,3}killed/fatalities"}},
		{"a compound noun after an article counts one by its head",
			"Gunmen shot and killed a police officer outside the station.",
			[]string{"a police officer{1,1}killed/officer"}},
		{"a militia leader is one person",
			"Troops killed a militia leader in the raid.",
			[]string{"a militia leader{1,1}killed/leader"}},
		{"a killer before an active verb is not a victim",
			"A guard shot and killed a bus driver after an argument.",
			[]string{"A guard{1,1}/guard", "a bus driver{1,1}killed/driver"}},
		{"numbered killers are not victims either",
			"20 soldiers killed 30 rebels near the river.",
			[]string{"20 soldiers{20,20}/soldiers", "30 rebels{30,30}killed/rebels"}},
		{"a figure with no victim after the verb is the victims",
			"12 people killed in the blast were buried on Friday.",
			[]string{"12 people{12,12}killed/people"}},
		{"a figure's own passive verb beats the clause before it",
			"Three rebels were killed while a government soldier was wounded.",
			[]string{"Three rebels{3,3}killed/rebels", "a government soldier{1,1}wounded/soldier"}},
		{"a possessive counts one more person",
			"Soldiers killed a suspected commander and his son.",
			[]string{"a suspected commander{1,1}killed/commander", "his son{1,1}killed/son"}},
		{"his body is the man already counted",
			"A farmer was killed and his body was dumped by the road.",
			[]string{"A farmer{1,1}killed/farmer"}},
		{"the body of a man found is a death",
			"The body of a man was found by the river.",
			[]string{"a man{1,1}killed/man"}},
		{"an assassinated trader is one death",
			"Gunmen assassinated a grain operator outside the mill.",
			[]string{"a grain operator{1,1}killed/operator"}},
		{"a musician killed is one death",
			"A local musician was killed by unknown assailants.",
			[]string{"A local musician{1,1}killed/musician"}},
		{"a councillor shot dead is one death",
			"A former councilor was shot dead by unknown assailants.",
			[]string{"A former councilor{1,1}killed/councilor"}},
	}
	s := newStage(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, q := range s.Find(tt.text) {
				got = append(got, show(tt.text, q))
			}
			if strings.Join(got, " | ") != strings.Join(tt.want, " | ") {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestProcessUsesSentencesAndKeepsSpansOnText(t *testing.T) {
	text := "Rockets hit the town. Four people were killed. Since 2014 the war has killed 9,000 people."
	d := &doc.Document{Text: text, Sentences: []doc.Span{{Start: 0, End: 21}, {Start: 22, End: 46}, {Start: 47, End: len(text)}}}
	if err := newStage(t).Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	if len(d.Quantities) != 2 {
		t.Fatalf("got %d quantities, want 2: %+v", len(d.Quantities), d.Quantities)
	}
	if got := d.Slice(d.Quantities[0].Span); got != "Four people" || d.Quantities[0].Tally {
		t.Errorf("got %q tally=%v, want \"Four people\" not a tally", got, d.Quantities[0].Tally)
	}
	if !d.Quantities[1].Tally {
		t.Errorf("got no tally for %q, want one", d.Slice(d.Quantities[1].Span))
	}
}

func TestLexiconRejectsALineWithoutATab(t *testing.T) {
	_, err := parseLexicon("people soldiers\n")
	if err == nil {
		t.Fatal("got nil error, want a LexiconError")
	}
	if le, ok := err.(*LexiconError); !ok || le.Line != 1 {
		t.Errorf("got %v, want a LexiconError on line 1", err)
	}
}

func ExampleStage_Find() {
	s, _ := New()
	text := "Airstrikes killed at least 12 people, including 5 children."
	for _, q := range s.Find(text) {
		fmt.Println(text[q.Start:q.End], *q.Min, q.Max == nil, q.Category, q.Part)
	}
	// Output:
	// at least 12 people 12 true killed false
	// 5 children 5 false killed true
}

func FuzzQuantity(f *testing.F) {
	for _, seed := range []string{
		"at least 89 people were killed", "nearly 1,000", "over a hundred", "twenty-four",
		"one hundred and five thousand", "1.2 million", "a dozen", "tens of thousands of",
		"949 civilians, including 237 children", "since 2011", "9999999999999999999999 dead",
		"up to 0 killed", "nearly 1 killed", "fewer than 0", "a", "-", "1,2,3,4 people",
	} {
		f.Add(seed)
	}
	s := newStage(f)
	// No input can panic the parser; every span lies inside the text and
	// every bounded range has min <= max.
	f.Fuzz(func(t *testing.T, text string) {
		for _, q := range s.Find(text) {
			if !q.Span.Valid(len(text)) || q.Start >= q.End {
				t.Fatalf("span %v outside text of %d bytes", q.Span, len(text))
			}
			if q.Min != nil && q.Max != nil && *q.Min > *q.Max {
				t.Fatalf("min %d > max %d in %q", *q.Min, *q.Max, text[q.Start:q.End])
			}
			if q.Min != nil && *q.Min < 0 {
				t.Fatalf("negative min %d", *q.Min)
			}
		}
	})
}

func BenchmarkProcess(b *testing.B) {
	var sb strings.Builder
	for i := 0; i < 200; i++ {
		sb.WriteString("Warplanes struck the market on Tuesday, killing at least 23 civilians and wounding dozens, a monitor said. ")
		sb.WriteString("Since 2011 the war has displaced 6.7 million people, and 30 km to the south 12 fighters were captured. ")
	}
	text := sb.String()
	s := newStage(b)
	d := &doc.Document{Text: text}
	// The segment stage runs first in the chain; its tokens are shared.
	if err := segment.New().Process(context.Background(), d); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		if err := s.Process(context.Background(), d); err != nil {
			b.Fatal(err)
		}
	}
}
