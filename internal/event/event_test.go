package event

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

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

// annotate builds a document with sentences split at ". " and the given
// annotations located by their surface text.
func annotate(text string, quantities map[string]doc.Quantity, actors map[string]doc.ActorMention) *doc.Document {
	d := &doc.Document{ID: "t", Text: text, Sentences: roughSentences(text)}
	for surface, q := range quantities {
		i := strings.Index(text, surface)
		q.Span = doc.Span{Start: i, End: i + len(surface)}
		d.Quantities = append(d.Quantities, q)
	}
	for surface, a := range actors {
		i := strings.Index(text, surface)
		a.Span = doc.Span{Start: i, End: i + len(surface)}
		d.Actors = append(d.Actors, a)
	}
	sortAnnotations(d)
	return d
}

func sortAnnotations(d *doc.Document) {
	for i := 1; i < len(d.Quantities); i++ {
		for j := i; j > 0 && d.Quantities[j].Start < d.Quantities[j-1].Start; j-- {
			d.Quantities[j], d.Quantities[j-1] = d.Quantities[j-1], d.Quantities[j]
		}
	}
	for i := 1; i < len(d.Actors); i++ {
		for j := i; j > 0 && d.Actors[j].Start < d.Actors[j-1].Start; j-- {
			d.Actors[j], d.Actors[j-1] = d.Actors[j-1], d.Actors[j]
		}
	}
}

func ip(v int) *int { return &v }

func TestClassifiesSentences(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"an aircraft brought down from the ground is fighting", "Insurgents downed an army helicopter over the ridge.", "Armed clash"},
		{"a chlorine drop is a chemical weapon", "A helicopter dropped chlorine canisters on the village.", "Chemical weapon"},
		{"warplanes striking a town are an air strike", "Warplanes pounded the market town at dawn.", "Air/drone strike"},
		{"mortar fire is shelling", "Mortar rounds landed near the school.", "Shelling/artillery/missile attack"},
		{"mortars fired with small arms are an armed clash", "The rebels fired mortars and small arms at army positions.", "Armed clash"},
		{"a bomber blowing himself up is a suicide bomb", "A bomber blew himself up at the checkpoint.", "Suicide bomb"},
		{"a roadside bomb is an IED", "A roadside bomb hit an army truck.", "Remote explosive/landmine/IED"},
		{"a hurled grenade is a grenade attack", "Militants hurled a grenade at a patrol.", "Grenade"},
		{"a rocket-propelled grenade is a rocket, not a grenade", "A rocket-propelled grenade hit the truck.", "Shelling/artillery/missile attack"},
		{"firing on the other side's positions is an armed clash", "Border guards fired with unknown weapons on the positions of the neighbouring army.", "Armed clash"},
		{"heavy machine guns fired at positions are shelling", "The rebels fired heavy machine guns and grenade launchers at army positions near the mine.", "Shelling/artillery/missile attack"},
		{"bursts of heavy machine-gun fire are shelling", "Monitors counted 15 bursts of fire involving heavy machine guns near the village.", "Shelling/artillery/missile attack"},
		{"infantry fighting vehicles firing at positions are shelling", "Government forces fired IFVs at the positions of the militia near the quarry.", "Shelling/artillery/missile attack"},
		{"heavy weapons with small arms are an armed clash", "The rebels fired heavy machine guns and small arms at army positions near the mine.", "Armed clash"},
		{"fire in both directions of the front is an armed clash", "Monitors counted 30 explosions involving mortars in both directions of the front line near the bridge.", "Armed clash"},
		{"explosions heard with small arms fire are an armed clash", "Observers heard 12 explosions and small arms fire near the farm.", "Armed clash"},
		{"suicide bombs set off are a suicide bomb", "Attackers set off suicide bombs and exchanged gunfire outside the hotel.", "Suicide bomb"},
		{"shoot-outs are an armed clash", "Residents reported shoot-outs in two districts overnight.", "Armed clash"},
		{"observed small-arms fire is an armed clash", "Monitors recorded 40 bursts of fire involving small arms near the crossing.", "Armed clash"},
		{"fighting between two armed groups is an armed clash", "Rebels and soldiers clashed near the bridge.", "Armed clash"},
		{"gunmen killing villagers is an attack on civilians", "Gunmen attacked a village and shot the villagers.", "Attack"},
		{"a peaceful rally is a peaceful protest", "Teachers rallied outside the ministry to demand pay.", "Peaceful protest"},
		{"tear gas on protesters is an intervention", "Police fired tear gas to disperse the protesters.", "Protest with intervention"},
		{"a protest against an arrest is peaceful", "Journalists protested outside the press club against the arrest of their editor.", "Peaceful protest"},
		{"a call on the authorities to intervene is no intervention", "Workers rallied at the mine and urged the authorities to intervene in the pay dispute.", "Peaceful protest"},
		{"protesters arrested while demanding a release is an intervention", "Police arrested dozens of protesters demanding the release of their leader.", "Protest with intervention"},
		{"a release protested against is a grievance, not an agreement", "Residents held a protest against the release of prisoners from the jail.", "Peaceful protest"},
		{"violence protested against is a grievance, not violence at the protest", "Students marched against police violence in the capital.", "Peaceful protest"},
		{"protesters who throw stones are violent", "Police faced demonstrators who pelted stones at the station.", "Violent demonstration"},
		{"stone-throwing protesters make a violent demonstration", "Protesters threw stones at police and torched a car.", "Violent demonstration"},
		{"a civilian beaten to death by police is an attack", "A street vendor was beaten to death by police officers near the bus depot.", "Attack"},
		{"police shot at by a gunman is an armed clash", "Two police officers were shot and wounded by a gunman at a checkpoint.", "Armed clash"},
		{"an off-duty officer shot dead is an attack", "Gunmen shot dead an off-duty soldier outside his home.", "Attack"},
		{"armed men attacking police are an armed clash", "Armed men attacked three police agents in the market district.", "Armed clash"},
		{"an ambush that kills villagers is an attack", "Bandits ambushed and killed five farmers on the road to the fields.", "Attack"},
		{"an ambush on a patrol is an armed clash", "Insurgents ambushed an army patrol near the river crossing.", "Armed clash"},
		{"two groups clashing over land is mob violence", "Two groups of farmers clashed with sticks and axes over a land dispute near the well.", "Mob violence"},
		{"villagers clashing with police is mob violence", "Villagers clashed with police at the ration shop.", "Mob violence"},
		{"a beating by a group of men is mob violence", "A trader was beaten to death by a group of men in the bazaar.", "Mob violence"},
		{"a killing over a property dispute is mob violence", "A farmer was attacked and killed over a property dispute in the hamlet.", "Mob violence"},
		{"guards beating up a reporter is an attack", "Prison guards beat up a reporter at the gate.", "Attack"},
		{"groups fighting with firearms are an armed clash", "Two tribal groups clashed near the market, both using firearms.", "Armed clash"},
		{"workers demanding their wages are protesting", "Workers of a brick factory demanded their unpaid wages outside the office.", "Peaceful protest"},
		{"students blocking a highway are protesting", "Students blocked the coastal highway with two lorries.", "Peaceful protest"},
		{"a ministry demanding an apology is no protest", "The ministry demanded an apology from the embassy.", ""},
		{"stone-throwing migrants demanding to go home are a violent demonstration", "Migrant workers pelted stones at police demanding to go home.", "Violent demonstration"},
		{"tyres burned by residents are a violent demonstration", "Residents burned tyres on the ring road over the power cuts.", "Violent demonstration"},
		{"the international community is no crowd", "The international community has been silent about these attacks on clinics.", "Attack"},
		{"a lynching mob is mob violence", "An angry mob lynched a suspected thief.", "Mob violence"},
		{"a kidnapping is an abduction", "Gunmen kidnapped a priest on the highway.", "Abduction/forced disappearance"},
		{"arrests outside a protest are arrests", "Police arrested the mayor on corruption charges.", "Arrests"},
		{"a truce is an agreement", "The two factions agreed a truce on Sunday.", "Agreement"},
		{"seized rifles are disrupted weapons use", "Police seized a cache of rifles and ammunition.", "Disrupted weapons use"},
		{"a new base is a base established", "Foreign troops set up a new military base near the river.", "Headquarters or base established"},
		{"a withdrawal is a non-violent transfer", "The militia withdrew from the town overnight.", "Non-violent transfer of territory"},
		{"looted shops are looting", "Looters ransacked shops in the centre.", "Looting/property destruction"},
		{"moving into a town is a change of territory", "Army units moved into the hamlet at dawn.", "Government regains territory"},
		{"regaining control is a change of territory", "The army succeeded in regaining control of the hills.", "Government regains territory"},
		{"strikes that forced a withdrawal are the means of a territory change", "Troops moved into the hamlet after the insurgents withdrew under pressure from heavy air strikes.", "Government regains territory"},
		{"strikes with no territory change stay strikes", "The insurgents suffered under pressure from heavy air strikes.", "Air/drone strike"},
		{"an attack the sentence only refers back to is not its event", "Jets bombed the clinic to hide the evidence of the gas attack.", "Air/drone strike"},
		{"an earthquake is no event", "An earthquake killed dozens in the valley.", ""},
		{"a denial is no event", "The ministry denied that its jets bombed the clinic.", ""},
		{"bombing a building is an air strike, not a blast", "Witnesses said government forces kept bombing the hospital in the north.", "Air/drone strike"},
		{"a clash that erupted is still a clash", "A clash erupted between guards and traders at the depot.", "Armed clash"},
		{"a motorcade with demands is a peaceful protest", "Taxi owners drove a motorcade through the centre to demand lower fees.", "Peaceful protest"},
		{"blocking the roads is a peaceful protest", "Farmers blocked the roads near the mill over water cuts.", "Peaceful protest"},
		{"people refused entry who then protest are no denial", "Students protested at the gate after being denied entry to the campus during the curfew.", "Peaceful protest"},
		{"a smuggling arrest with no one hurt is no event", "Border guards shot at a boat smuggling fuel across the lake.", ""},
		{"police shot by a man are in an armed clash, whoever he is", "Police officers at a roadblock were shot by a man on a scooter.", "Armed clash"},
		{"a former army officer shot dead is a civilian attacked", "A former army officer was shot dead by gang members outside a bakery.", "Attack"},
		{"a man tied up and beaten by police is attacked", "A farmer was tied up and beaten by police officers near the bridge.", "Attack"},
		{"tear gas shells are riot control, not shelling", "Residents threw stones and clashed with police, who fired tear gas shells, near the depot.", "Mob violence"},
		{"street vendors fighting police forces are rioters", "Street vendors clashed with police forces in the old town.", "Mob violence"},
		{"an armed police force is police, not armed men", "Villagers clashed with Armed Police personnel at the border crossing.", "Mob violence"},
		{"a victim the next sentence ties to a gang was in a clash", "A man was shot dead by two armed men in the port district. The victim was a member of a local gang.", "Armed clash"},
		{"a protest honouring the dead is peaceful", "Nurses rallied outside the clinic to honour the dead of the epidemic.", "Peaceful protest"},
		{"protesters killed by police fire is excessive force", "Two demonstrators were killed when police opened fire on the march.", "Excessive force against protesters"},
		{"an old stabbing told after a protest is no force used on it", "Students marched in the capital against the jailing of a blogger. The blogger had stabbed a neighbour in self-defence years earlier.", "Peaceful protest"},
		{"a victim the next sentence clears of gang ties was attacked", "A man was shot dead by two armed men in the port district. The victim was not involved with any gang.", "Attack"},
		{"an arrest for organising a protest is an arrest", "Police arrested a student leader on charges of organising an unlawful protest.", "Arrests"},
		{"arrests made in anticipation of protests are arrests", "Security forces kept arresting activists, in anticipation of protests planned for Friday.", "Arrests"},
		{"protesters arrested at a march are an intervention in it", "Police arrested 20 protesters during the march to the governor's office.", "Protest with intervention"},
		{"protesters throwing firebombs at a town hall are a violent demonstration", "Protesters threw Molotov cocktails at the town hall in the evening.", "Violent demonstration"},
		{"demonstrators hurling stones at police are a violent demonstration", "Demonstrators hurled stones at police outside the court.", "Violent demonstration"},
		{"demonstrators throwing rocks at cars are a violent demonstration", "Lorry drivers marched over fuel prices and some demonstrators threw rocks at passing cars.", "Violent demonstration"},
		{"protesters setting fire to mattresses are a violent demonstration", "Inmates protested setting fire to mattresses to demand visits.", "Violent demonstration"},
		{"people burning objects to demonstrate are a violent demonstration", "People burned objects in front of the post office to demonstrate against its closure.", "Violent demonstration"},
		{"a crowd forcing its way into offices is a violent demonstration", "Worshippers staged a demonstration at the council and attempted to force their way into the offices.", "Violent demonstration"},
		{"a protest where no violence was reported is peaceful", "Villagers blocked the road with logs to demand water. No violence was reported.", "Peaceful protest"},
		{"teachers barricading themselves in an office protest peacefully", "Teachers barricaded themselves into the district office to protest unpaid salaries.", "Peaceful protest"},
		{"violence a protest fears is its grievance", "Mothers staged a protest against the new bars fearing domestic violence.", "Peaceful protest"},
		{"a crowd forcing a shop to close is a violent demonstration", "Residents forced a bakery on the main street to close after a worker fell ill.", "Violent demonstration"},
		{"police forcing protesters away is no violence by them", "Market sellers protested when officers forced the group to leave the square.", "Peaceful protest"},
		{"riders burning a car after a road accident are a violent demonstration", "Motorcycle taxi riders burnt a car at the junction after a road accident that killed one of them.", "Violent demonstration"},
		{"people who died after a road accident are no event", "Two people died after a road accident at the junction.", ""},
		{"an unidentified group vandalising a cafe is property destruction", "An unidentified group vandalised a cafe owned by a councillor over an unknown dispute.", "Looting/property destruction"},
		{"an anti-aircraft gun firing at a plane is shelling", "An anti-aircraft gun of the insurgents targeted an army plane over the valley.", "Shelling/artillery/missile attack"},
		{"a plane shot down by anti-aircraft fire is fighting", "Insurgents shot down an army plane with anti-aircraft fire.", "Armed clash"},
		{"a device that exploded is an IED", "A device attached to the official's car exploded at the junction.", "Remote explosive/landmine/IED"},
		{"explosives used in a robbery are an explosion", "Armed men used explosives in a bank robbery in the town.", "Remote explosive/landmine/IED"},
		{"a robbery without explosives or victims is no event", "Armed men carried out a bank robbery in the town.", ""},
		{"shots fired at trucks' tyres are an attack", "Militants stopped two trucks on the road, firing gunshots at the trucks.", "Attack"},
		{"jet strikes are air strikes, not the deal they came after", "Jet strikes hit the rebel-held city killing more than 40 people hours after the two powers announced a deal.", "Air/drone strike"},
		{"firebombs thrown at shops are property destruction", "Two men on a scooter threw Molotov cocktails at a pharmacy and a bakery overnight.", "Looting/property destruction"},
	}
	s := newStage(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := annotate(tt.text, nil, nil)
			if err := s.Process(context.Background(), d); err != nil {
				t.Fatal(err)
			}
			got := ""
			if len(d.Events) > 0 {
				got = d.Events[0].SubEventType
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestACrimeIsAnEventWhenSomeoneIsKilledInIt(t *testing.T) {
	d := annotate("Guards shot dead two men smuggling fuel across the lake.", map[string]doc.Quantity{
		"two men": {Min: ip(2), Max: ip(2), Category: "killed", Who: "men"},
	}, nil)
	if err := newStage(t).Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	if len(d.Events) != 1 || d.Events[0].EventType != "Violence against civilians" {
		t.Errorf("got %d events %+v, want one attack", len(d.Events), d.Events)
	}
}

func TestARunningTotalIsNoEvent(t *testing.T) {
	d := annotate("Since 2014 the insurgency has killed 2,000 soldiers.", map[string]doc.Quantity{
		"2,000 soldiers": {Min: ip(2000), Max: ip(2000), Category: "killed", Who: "soldiers", Tally: true},
	}, nil)
	if err := newStage(t).Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	if len(d.Events) != 0 {
		t.Errorf("got %s, want no event", d.Events[0].SubEventType)
	}
}

func TestTerritoryDependsOnWhoTakesIt(t *testing.T) {
	s := newStage(t)
	for _, tt := range []struct {
		typ, want string
	}{{"state", "Government regains territory"}, {"rebel", "Non-state actor overtakes territory"}} {
		d := annotate("The fighters captured the town of Oldbridge.", nil,
			map[string]doc.ActorMention{"The fighters": {Name: "X", Type: tt.typ}})
		if err := s.Process(context.Background(), d); err != nil {
			t.Fatal(err)
		}
		if len(d.Events) == 0 || d.Events[0].SubEventType != tt.want {
			t.Errorf("actor type %s: got %+v, want %s", tt.typ, d.Events, tt.want)
		}
	}
}

func TestAStateForceJoinedToAMilitiaRegainsTerritory(t *testing.T) {
	s := newStage(t)
	for _, tt := range []struct {
		name, text, want string
	}{
		{"a militia included in a state force's advance", "Army troops, including allied tribal militias, moved into Oldbridge.", "Government regains territory"},
		{"a militia and a state force joined by and", "Army troops and allied militias moved into Oldbridge.", "Government regains territory"},
		{"a militia advancing after a state force left", "Army troops withdrew last week. Later militias moved into Oldbridge.", "Non-state actor overtakes territory"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := annotate(tt.text, nil, map[string]doc.ActorMention{
				"Army troops": {Name: "Army", Type: "state"},
				"militias":    {Name: "Militia", Type: "militia"},
			})
			if err := s.Process(context.Background(), d); err != nil {
				t.Fatal(err)
			}
			got := ""
			for _, e := range d.Events {
				if territoryFamily[e.SubEventType] && e.SubEventType != "Non-violent transfer of territory" {
					got = e.SubEventType
				}
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestFiguresAndRepeatsMakeOneEvent(t *testing.T) {
	text := "Militants ambushed a convoy near the pass, killing 5 soldiers and 2 officers, the army said. The ambush of the convoy lasted an hour. Since 2015 the insurgency has killed 900 soldiers."
	d := annotate(text, map[string]doc.Quantity{
		"5 soldiers":   {Min: ip(5), Max: ip(5), Category: "killed", Who: "soldiers"},
		"2 officers":   {Min: ip(2), Max: ip(2), Category: "killed", Who: "officers"},
		"900 soldiers": {Min: ip(900), Max: ip(900), Category: "killed", Who: "soldiers", Tally: true},
	}, map[string]doc.ActorMention{
		"Militants": {Name: "Militants", Type: "rebel"},
		"the army":  {Name: "Military Forces", Type: "state"},
	})
	pub := time.Date(2021, 3, 10, 0, 0, 0, 0, time.UTC)
	d.Published = &pub
	if err := newStage(t).Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	if len(d.Events) != 1 {
		t.Fatalf("got %d events, want 1: %+v", len(d.Events), d.Events)
	}
	e := d.Events[0]
	if e.SubEventType != "Armed clash" || e.Fatalities == nil || *e.Fatalities.Min != 7 {
		t.Errorf("got %s with fatalities %+v, want Armed clash with 7", e.SubEventType, e.Fatalities)
	}
	if len(e.Mentions) != 1 {
		t.Errorf("got %d further mentions, want 1", len(e.Mentions))
	}
	if e.ClaimedBy != "Military Forces" || e.Modality != doc.Reported {
		t.Errorf("got claimed by %q (%s), want Military Forces (reported)", e.ClaimedBy, e.Modality)
	}
	if e.DateSource != DateFromPublished || e.DatePrecision != doc.DateWeek {
		t.Errorf("got date source %q precision %q, want published week", e.DateSource, e.DatePrecision)
	}
	if e.Actor1 == nil || e.Actor1.Name != "Militants" {
		t.Errorf("got actor1 %+v, want Militants", e.Actor1)
	}
}

func TestRecordsUseCodePoints(t *testing.T) {
	text := "Über Nacht: Rebels clashed with soldiers near the dam."
	d := annotate(text, nil, nil)
	if err := newStage(t).Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	rs := Records(d)
	if len(rs) != 1 || len(rs[0].Reports) != 1 {
		t.Fatalf("got %+v, want one event with one report", rs)
	}
	r := rs[0].Reports[0]
	if r.End != len([]rune(text)) {
		t.Errorf("got report end %d, want %d code points", r.End, len([]rune(text)))
	}
	if rs[0].Location != nil || rs[0].Date != nil {
		t.Errorf("got location %v date %v without places or timexes, want null", rs[0].Location, rs[0].Date)
	}
}

func TestTaxonomyHasTwentyFiveSubEventTypes(t *testing.T) {
	ts := newStage(t).Types()
	if len(ts) != 25 {
		t.Errorf("got %d sub-event types, want 25", len(ts))
	}
	for _, ty := range ts {
		if ty.CAMEO == "" || ty.PLOVER == "" {
			t.Errorf("%s has no CAMEO or PLOVER code", ty.SubEventType)
		}
	}
}

func ExampleRecords() {
	s, _ := New()
	d := &doc.Document{ID: "ex", Text: "Protesters rallied in the square. Police dispersed them with tear gas."}
	_ = s.Process(context.Background(), d)
	for _, e := range Records(d) {
		fmt.Println(e.EventType, "/", e.SubEventType, "/", len(e.Reports), "reports")
	}
	// Output:
	// Protests / Protest with intervention / 2 reports
}

func BenchmarkProcess(b *testing.B) {
	text := strings.Repeat("Syrian warplanes struck the town on Tuesday, killing 12 civilians, the monitor said. Rebels clashed with soldiers near the bridge. Hundreds of people rallied in the capital. ", 100)
	s := newStage(b)
	d := &doc.Document{ID: "b", Text: text}
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

func TestTollsAddUpOverTheSentencesOfOneEvent(t *testing.T) {
	tests := []struct {
		name string
		text string
		qs   map[string]doc.Quantity
		want int
	}{
		{"other people killed later are added",
			"Gunmen ambushed a police patrol near the ford, killing 2 policemen. 2 other policemen were killed when help arrived.",
			map[string]doc.Quantity{
				"2 policemen":       {Min: ip(2), Max: ip(2), Category: "killed", Who: "policemen"},
				"2 other policemen": {Min: ip(2), Max: ip(2), Category: "killed", Who: "other policemen"},
			}, 4},
		{"the other side's dead are added",
			"Insurgents attacked an army post, killing 3 soldiers. Troops fired back and 5 insurgents died.",
			map[string]doc.Quantity{
				"3 soldiers":   {Min: ip(3), Max: ip(3), Category: "killed", Who: "soldiers"},
				"5 insurgents": {Min: ip(5), Max: ip(5), Category: "killed", Who: "insurgents"},
			}, 8},
		{"the same toll told again is not added",
			"Warplanes struck a market, killing 14 civilians. Rescuers said 14 people died in the raid.",
			map[string]doc.Quantity{
				"14 civilians": {Min: ip(14), Max: ip(14), Category: "killed", Who: "civilians"},
				"14 people":    {Min: ip(14), Max: ip(14), Category: "killed", Who: "people"},
			}, 14},
		{"a stated total replaces the sum",
			"Gunmen attacked a bus, killing 3 passengers. A fourth passenger died later. 4 fatalities.",
			map[string]doc.Quantity{
				"3 passengers":       {Min: ip(3), Max: ip(3), Category: "killed", Who: "passengers"},
				"A fourth passenger": {Min: ip(1), Max: ip(1), Category: "killed", Who: "passenger"},
				"4 fatalities":       {Min: ip(4), Max: ip(4), Category: "killed"},
			}, 4},
	}
	s := newStage(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := annotate(tt.text, tt.qs, nil)
			if err := s.Process(context.Background(), d); err != nil {
				t.Fatal(err)
			}
			if len(d.Events) == 0 || d.Events[0].Fatalities == nil || d.Events[0].Fatalities.Min == nil {
				t.Fatalf("got %+v, want an event with a toll", d.Events)
			}
			if got := *d.Events[0].Fatalities.Min; got != tt.want {
				t.Errorf("got toll %d, want %d", got, tt.want)
			}
		})
	}
}

func TestTheArrestAProtestIsAboutIsNoInterventionInIt(t *testing.T) {
	s := newStage(t)
	d := annotate("Lawyers protested outside the court against the arrest of a judge. He was arrested on charges of bribery last week.", nil, nil)
	if err := s.Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	if len(d.Events) != 1 || d.Events[0].SubEventType != "Peaceful protest" {
		t.Fatalf("got %+v, want one peaceful protest", d.Events)
	}
}

func TestASentenceThatOnlyCountsTheDeadContinuesTheEventBeforeIt(t *testing.T) {
	tests := []struct {
		name       string
		text       string
		qs         map[string]doc.Quantity
		wantEvents int
		wantToll   int
	}{
		{"the dead of a bombing told in the next sentence are its toll",
			"Unknown men detonated a bomb at the bus station. Four people were killed in the incident.",
			map[string]doc.Quantity{"Four people": {Min: ip(4), Max: ip(4), Category: "killed", Who: "people"}},
			1, 4},
		{"a clash and its dead with arrests are one event",
			"Herders and farmers clashed over grazing land. One herder was killed and 4 arrested.",
			map[string]doc.Quantity{
				"One herder": {Min: ip(1), Max: ip(1), Category: "killed", Who: "herder"},
				"4":          {Min: ip(4), Max: ip(4), Category: "arrested"},
			},
			1, 1},
		{"a body found is a death and an event",
			"The body of a trader was found near the dam.",
			map[string]doc.Quantity{"a trader": {Min: ip(1), Max: ip(1), Category: "killed", Who: "trader"}},
			1, 1},
		{"a killing told as separate is another event",
			"Unknown men detonated a bomb at the bus station. Separately, gunmen killed 2 farmers.",
			map[string]doc.Quantity{"2 farmers": {Min: ip(2), Max: ip(2), Category: "killed", Who: "farmers"}},
			2, 0},
	}
	s := newStage(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := annotate(tt.text, tt.qs, nil)
			if err := s.Process(context.Background(), d); err != nil {
				t.Fatal(err)
			}
			if len(d.Events) != tt.wantEvents {
				t.Fatalf("got %d events, want %d: %+v", len(d.Events), tt.wantEvents, d.Events)
			}
			f := d.Events[0].Fatalities
			switch {
			case tt.wantToll == 0 && f != nil:
				t.Errorf("got toll %+v for the first event, want none", f)
			case tt.wantToll > 0 && (f == nil || f.Min == nil || *f.Min != tt.wantToll):
				t.Errorf("got toll %+v, want %d", f, tt.wantToll)
			}
		})
	}
}

func TestPartyMembersFightingAreRioters(t *testing.T) {
	s := newStage(t)
	for _, tt := range []struct {
		name, text, want string
	}{
		{"a party's youth wing fighting opposition members with machetes is mob violence",
			"The youth wing and Unity Party members clashed with machetes at the market.", "Mob violence"},
		{"party members fighting soldiers are an armed clash",
			"Soldiers and Unity Party members clashed at the market.", "Armed clash"},
		{"a party's youth wing fighting with guns is an armed clash",
			"The youth wing and Unity Party members clashed with guns at the market.", "Armed clash"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			actors := map[string]doc.ActorMention{}
			for surface, a := range map[string]doc.ActorMention{
				"youth wing":  {Name: "Youth wing", Type: "militia"},
				"Unity Party": {Name: "Unity Party", Type: "political"},
				"Soldiers":    {Name: "Army", Type: "state"},
			} {
				if strings.Contains(tt.text, surface) {
					actors[surface] = a
				}
			}
			d := annotate(tt.text, nil, actors)
			if err := s.Process(context.Background(), d); err != nil {
				t.Fatal(err)
			}
			got := ""
			if len(d.Events) > 0 {
				got = d.Events[0].SubEventType
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestCiviliansAreNeverThePerpetrators(t *testing.T) {
	civ := doc.ActorMention{Name: "Civilians", Type: "civilians"}
	army := doc.ActorMention{Name: "Military Forces", Type: "state"}
	tests := []struct {
		name, text string
		actors     map[string]doc.ActorMention
		want       string // actor1 > actor2
	}{
		{"civilians killed in raids are the victims",
			"Eleven civilians were killed in air raids on the town.",
			map[string]doc.ActorMention{"civilians": civ}, " > Civilians"},
		{"civilians before the trigger and the army after it: the army did it",
			"Eleven civilians died in shelling on the town by the army gunners.",
			map[string]doc.ActorMention{"civilians": civ, "army": army}, "Military Forces > Civilians"},
		{"civilians at a protest stay its actor",
			"Civilians rallied outside the town hall to demand water.",
			map[string]doc.ActorMention{"Civilians": civ}, "Civilians > "},
	}
	s := newStage(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := annotate(tt.text, nil, tt.actors)
			if err := s.Process(context.Background(), d); err != nil {
				t.Fatal(err)
			}
			if len(d.Events) == 0 {
				t.Fatal("got no event")
			}
			name := func(a *doc.ActorMention) string {
				if a == nil {
					return ""
				}
				return a.Name
			}
			if got := name(d.Events[0].Actor1) + " > " + name(d.Events[0].Actor2); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
