// Package record defines the JSON Lines records sitrep writes and stores:
// the interface fixed in ../shared/eval/README.md. Offsets in records are
// Unicode code points into the document's cleaned text (start inclusive,
// end exclusive), as JSON consumers index strings; inside the pipeline they
// are bytes, and this package is where the one converts to the other.
package record

// Document is the "document" record.
type Document struct {
	Record            string   `json:"record"`
	ID                string   `json:"id"`
	Title             *string  `json:"title"`
	Source            *string  `json:"source"`
	URL               *string  `json:"url"`
	Published         *string  `json:"published"`
	PublishedInferred bool     `json:"published_inferred"`
	PublishedEvidence *Span    `json:"published_evidence,omitempty"`
	Origin            string   `json:"origin,omitempty"`
	Format            string   `json:"format,omitempty"`
	Hash              string   `json:"hash,omitempty"`
	DuplicateOf       *string  `json:"duplicate_of"`
	Chars             int      `json:"chars"`
	Sentences         int      `json:"sentences"`
	Events            int      `json:"events"`
	Errors            []string `json:"errors,omitempty"`
}

// Span is a code point range with its surface text.
type Span struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text,omitempty"`
}

// Location is where an event happened.
type Location struct {
	Name      string  `json:"name"`
	Lat       float64 `json:"lat"`
	Lon       float64 `json:"lon"`
	Country   string  `json:"country,omitempty"`
	Admin1    string  `json:"admin1,omitempty"`
	GeonameID int64   `json:"geonameid,omitempty"`
	Precision string  `json:"precision"`
	Relation  string  `json:"relation,omitempty"`
	Doc       string  `json:"doc,omitempty"`
	Start     int     `json:"start"`
	End       int     `json:"end"`
}

// Actor is a party to an event.
type Actor struct {
	Name    string `json:"name"`
	Type    string `json:"type,omitempty"`
	Country string `json:"country,omitempty"`
	Doc     string `json:"doc,omitempty"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
	// Backers are the states the actor fights for, or is backed by,
	// without being one of their forces: ISO alpha-2 codes, or
	// "government" for the government of wherever it fights
	// ("pro-government militias"). See doc.ActorMention.Backers.
	Backers []string `json:"backers,omitempty"`
	// GovernmentAffiliate is set when the event counts the actor with
	// the government of the country where it happened (a pro-government
	// militia retaking a town is "Government regains territory"): one of
	// its backers is that country or "government".
	GovernmentAffiliate bool `json:"government_affiliate,omitempty"`
}

// Figure is a count range; nil is open or unknown.
type Figure struct {
	Min  *int   `json:"min"`
	Max  *int   `json:"max"`
	Text string `json:"text,omitempty"`
}

// Report is one sentence of one document that reports an event.
type Report struct {
	Doc         string  `json:"doc"`
	Text        string  `json:"text"`
	Start       int     `json:"start"`
	End         int     `json:"end"`
	ClaimedBy   *string `json:"claimed_by"`
	Modality    string  `json:"modality"`
	Fatalities  *Figure `json:"fatalities"`
	Date        *string `json:"date,omitempty"`
	DateEnd     *string `json:"date_end,omitempty"`
	DateSource  string  `json:"date_source,omitempty"`
	Location    *string `json:"location,omitempty"`
	Perpetrator *string `json:"perpetrator,omitempty"`
	// Control is set on reports about who holds a place ("withdrew",
	// "still holds"), so control disputes can be found.
	Control *string `json:"control,omitempty"`
}

// Claim is one side of a dispute.
type Claim struct {
	Value     any     `json:"value"`
	Doc       string  `json:"doc"`
	ClaimedBy *string `json:"claimed_by"`
	Start     int     `json:"start"`
	End       int     `json:"end"`
}

// Dispute is a field on which an event's reports disagree.
type Dispute struct {
	Field  string  `json:"field"`
	Claims []Claim `json:"claims"`
}

// Event is the "event" record: one real-world event with all its reports.
type Event struct {
	Record        string    `json:"record"`
	ID            string    `json:"id"`
	EventType     string    `json:"event_type"`
	SubEventType  string    `json:"sub_event_type"`
	CAMEO         string    `json:"cameo,omitempty"`
	PLOVER        string    `json:"plover,omitempty"`
	Date          *string   `json:"date"`
	DateEnd       *string   `json:"date_end"`
	DatePrecision string    `json:"date_precision,omitempty"`
	Location      *Location `json:"location"`
	Actor1        *Actor    `json:"actor1"`
	Actor2        *Actor    `json:"actor2"`
	Targets       []string  `json:"targets,omitempty"`
	Weapons       []string  `json:"weapons,omitempty"`
	Fatalities    *Figure   `json:"fatalities"`
	Wounded       *Figure   `json:"wounded,omitempty"`
	Displaced     *Figure   `json:"displaced,omitempty"`
	Modality      string    `json:"modality"`
	Reports       []Report  `json:"reports"`
	Disputes      []Dispute `json:"disputes"`
	// Sources says how many independent sources the event rests on and
	// who they are; set by merging (see docs/MERGING.md).
	Sources *Sources `json:"sources,omitempty"`
	// SingleSource is set when the event rests on one independent source.
	SingleSource bool `json:"single_source,omitempty"`
	// PartisanOnly is set when every source is a party to the fight.
	PartisanOnly bool `json:"partisan_only,omitempty"`
	// SecondHand is set when every report is an allegation or cites an
	// unnamed source ("according to a source").
	SecondHand bool `json:"second_hand,omitempty"`
}

// Sources is an event's corroboration: who reports it, and how many of
// them are independent of each other.
type Sources struct {
	// Outlets is the number of documents (outlets) that report the event;
	// syndicated copies are never counted, as they are not extracted.
	Outlets int `json:"outlets"`
	// Independent is the number of independent primary sources: outlets
	// citing the same claimant (all quoting SOHR) count once, an outlet's
	// own reporting counts for that outlet.
	Independent int        `json:"independent"`
	Claimants   []Claimant `json:"claimants"`
	// Fatalities is the basis of the event's fatality figures, when any
	// report gives one.
	Fatalities *Basis `json:"fatalities,omitempty"`
}

// Claimant is one source an event's reports attribute it to.
type Claimant struct {
	Name string `json:"name"`
	// Kind is party (a side of the fight, its state media or channel),
	// monitor (SOHR, UN agencies, rescue services, ACLED-like monitors),
	// wire (Reuters, AFP, AP…), outlet (an outlet's own reporting, or
	// another outlet quoted), anonymous ("a source") or other.
	Kind    string `json:"kind"`
	Reports int    `json:"reports"`
}

// Basis is what a figure rests on.
type Basis struct {
	Independent  int  `json:"independent"`
	SingleSource bool `json:"single_source,omitempty"`
	PartisanOnly bool `json:"partisan_only,omitempty"`
	SecondHand   bool `json:"second_hand,omitempty"`
}
