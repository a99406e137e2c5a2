package doc

import "time"

// Precision of a place resolution, coarsest last. A point is an exact
// facility or coordinate; town a populated place; district a second-level
// division or city district; admin1 a governorate/province/state; country a
// whole country; region anything coarser.
const (
	PrecisionPoint    = "point"
	PrecisionTown     = "town"
	PrecisionDistrict = "district"
	PrecisionAdmin1   = "admin1"
	PrecisionCountry  = "country"
	PrecisionRegion   = "region"
)

// Place is a toponym found in the text and, when resolved, the gazetteer
// entry it names.
type Place struct {
	Span
	// Kind is "place", or "demonym" for a place named by its adjective
	// ("Syrian"), which resolves to its country.
	Kind string
	// Name is the gazetteer's preferred name; empty when unresolved.
	Name      string
	GeonameID int64
	Lat, Lon  float64
	Country   string // ISO 3166-1 alpha-2
	Admin1    string // first-level division name
	Feature   string // GeoNames feature class.code, e.g. "P.PPL", "A.ADM1"
	Precision string
	Resolved  bool
	// Score is the resolver's confidence in [0,1].
	Score float64
	// Relation, when set, says the place is only located relative to
	// Anchor: "near", "outskirts", "between", or a bearing such as
	// "10 km west". Lat/Lon are then the derived point.
	Relation string
	Anchor   *Span
}

// Timex types, as in TIMEX3.
const (
	TimexDate     = "DATE"
	TimexTime     = "TIME"
	TimexDuration = "DURATION"
	TimexSet      = "SET"
)

// Date precisions, finest first.
const (
	DateDay     = "day"
	DateWeek    = "week"
	DateMonth   = "month"
	DateSeason  = "season"
	DateYear    = "year"
	DateDecade  = "decade"
	DateUnknown = "unknown"
)

// Timex is a temporal expression with its TIMEX3 value and, for sitrep's own
// use, the calendar interval it denotes.
type Timex struct {
	Span
	Type  string // DATE, TIME, DURATION, SET
	Value string // TIMEX3 value: 2019-08-15, 2019-W33, 2017-04, P10D, PAST_REF
	// Start and End bound the interval the expression denotes (both
	// inclusive days); zero when it has no calendar extent (a bare
	// duration, PAST_REF).
	Start, End time.Time
	Precision  string
	// Open is "before" or "after" for open intervals ("since 2014" is
	// after 2014-01-01 up to the anchor).
	Open string
	// Anchor is the index in Document.Timexes of the expression this one was
	// resolved against ("a day earlier"), or -1 for the publication date.
	Anchor int
}

// Quantity is a count of people with its qualifier.
type Quantity struct {
	Span
	// Min and Max bound the count; nil is open. "at least 89" is {89,nil},
	// "90" is {90,90}, "dozens" is {24,nil}.
	Min, Max *int
	// Category is what is counted: killed, wounded, displaced, arrested,
	// missing, or "" when the number is not a casualty figure.
	Category string
	// Who is the counted group ("civilians", "children", "fighters").
	Who string
	// Tally marks a cumulative figure over a long period ("since 2011"),
	// which is never one event's toll.
	Tally bool
	// Part is true for a figure contained in another one ("including 237
	// children").
	Part bool
}

// ActorMention is a reference to an actor in the text.
type ActorMention struct {
	Span
	Name    string // canonical name
	Type    string // state, rebel, militia, police, foreign, civilians, protesters, monitor, igo, ngo, media, political, unknown
	Country string // ISO alpha-2 when known
	// Key is the dictionary id, empty for pattern-derived actors.
	Key string
	// Backers are the states an armed group fights for, or is backed by,
	// without being one of their forces: ISO alpha-2 codes from the
	// dictionary (Syria's National Defence Forces fight for "SY") or the
	// text ("Iran-backed militias" are backed by "IR"), or
	// BackerGovernment for "pro-government militias" and "forces loyal to
	// the president", which fight for the government of wherever they
	// are. An actor is a government affiliate where an event happens when
	// that country is among them; elsewhere it is what its Type says.
	// Shared with the dictionary: read-only.
	Backers []string
}

// BackerGovernment in ActorMention.Backers stands for the government of
// the country where the actor is fighting.
const BackerGovernment = "government"

// Modalities of a report, from strongest to weakest commitment.
const (
	Asserted     = "asserted"
	Reported     = "reported"
	Alleged      = "alleged"
	Denied       = "denied"
	Expected     = "expected"
	Hypothetical = "hypothetical"
)

// Event is one event extracted from one document, with the spans it came from.
type Event struct {
	ID           string
	EventType    string
	SubEventType string
	CAMEO        string
	PLOVER       string

	// Trigger is the word or phrase that evokes the event; Sentence the
	// sentence it is reported in. Mentions lists further sentences in the
	// same document that report the same event.
	Trigger  Span
	Sentence Span
	Mentions []Span
	// Reports holds one entry per sentence that reports the event, the
	// first for Sentence and then one per Mentions entry in order, each
	// with its own claimant, modality and figure: one article can carry a
	// monitor's account and the accused's denial of the same event.
	Reports []Report

	// Date and DateEnd bound the event's date (inclusive days), zero when
	// unknown; DateSource says how it was chosen (clause, sentence,
	// paragraph, published) and DateSpan the expression it came from.
	Date, DateEnd time.Time
	DatePrecision string
	DateSource    string
	DateSpan      Span

	// Location is the index into Document.Places, or -1.
	Location int

	Actor1, Actor2 *ActorMention
	Targets        []Span
	Weapons        []Span

	Fatalities *Quantity
	Wounded    *Quantity
	Displaced  *Quantity

	// ClaimedBy is who the report attributes the event to ("SOHR"), with
	// its span; Modality how the text commits to it.
	ClaimedBy     string
	ClaimedBySpan Span
	Modality      string
	Negated       bool
}

// Control values of a Report on a territory event: what the report says
// became of the place.
const (
	ControlTaken     = "taken"      // "taken by <actor>" when the taker is named
	ControlWithdrawn = "withdrawn"  // a side left the place
	ControlHeld      = "still held" // "still held by <actor>": a side says it kept it
	ControlDenied    = "denied"     // the change is denied or negated
)

// Report is one sentence's account of an event: who claims it, how firmly,
// and what it says happened.
type Report struct {
	Sentence Span
	Trigger  Span
	// ClaimedBy is who the sentence attributes the account to ("SOHR"),
	// with its span when it is an actor mention.
	ClaimedBy     string
	ClaimedBySpan Span
	Modality      string
	Negated       bool
	// Fatalities is the sentence's own toll, nil when it gives none.
	Fatalities *Quantity
	// Perpetrator is who the sentence says did it; for a denial, who
	// denies it.
	Perpetrator *ActorMention
	// Control, on territory events only, starts with one of the Control
	// constants ("taken by Syrian Arab Army", "withdrawn", "denied").
	Control string
}
