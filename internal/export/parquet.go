package export

import (
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/sitrep-dev/sitrep/internal/record"
)

// FormatParquet is Apache Parquet with the ACLED-style columns.
const FormatParquet = "parquet"

// ParquetRowGroup is how many events a Parquet row group holds: the
// writer keeps one group in memory, so this bounds an export's memory.
const ParquetRowGroup = 50000

// parquetRow is one event in Parquet: the columns of ACLEDColumns, in
// their order, with the same values as the CSV, typed: dates as DATE,
// counts and codes as integers, coordinates as doubles (at full
// precision, where the CSV rounds to 4 decimals). Empty CSV cells are
// nulls.
type parquetRow struct {
	EventIDCnty       string   `parquet:"event_id_cnty"`
	EventDate         *int32   `parquet:"event_date,optional,date"`
	Year              *int32   `parquet:"year,optional"`
	TimePrecision     *int32   `parquet:"time_precision,optional"`
	DisorderType      *string  `parquet:"disorder_type,optional,dict"`
	EventType         *string  `parquet:"event_type,optional,dict"`
	SubEventType      *string  `parquet:"sub_event_type,optional,dict"`
	Actor1            *string  `parquet:"actor1,optional,dict"`
	AssocActor1       *string  `parquet:"assoc_actor_1,optional"`
	Inter1            *string  `parquet:"inter1,optional,dict"`
	Actor2            *string  `parquet:"actor2,optional,dict"`
	AssocActor2       *string  `parquet:"assoc_actor_2,optional"`
	Inter2            *string  `parquet:"inter2,optional,dict"`
	Interaction       *string  `parquet:"interaction,optional"`
	CivilianTargeting *string  `parquet:"civilian_targeting,optional,dict"`
	ISO               *string  `parquet:"iso,optional"`
	Region            *string  `parquet:"region,optional"`
	Country           *string  `parquet:"country,optional,dict"`
	Admin1            *string  `parquet:"admin1,optional,dict"`
	Admin2            *string  `parquet:"admin2,optional"`
	Admin3            *string  `parquet:"admin3,optional"`
	Location          *string  `parquet:"location,optional,dict"`
	Latitude          *float64 `parquet:"latitude,optional"`
	Longitude         *float64 `parquet:"longitude,optional"`
	GeoPrecision      *int32   `parquet:"geo_precision,optional"`
	Source            *string  `parquet:"source,optional,dict"`
	SourceScale       *string  `parquet:"source_scale,optional"`
	Notes             *string  `parquet:"notes,optional"`
	Fatalities        *int32   `parquet:"fatalities,optional"`
	Tags              *string  `parquet:"tags,optional"`
	Timestamp         *int64   `parquet:"timestamp,optional"`
	DateEnd           *int32   `parquet:"date_end,optional,date"`
	Disputes          *string  `parquet:"disputes,optional,dict"`
	ReportCount       *int32   `parquet:"report_count,optional"`
	Modality          *string  `parquet:"modality,optional,dict"`
	FatalitiesMin     *int32   `parquet:"fatalities_min,optional"`
	FatalitiesMax     *int32   `parquet:"fatalities_max,optional"`
	GeonameID         *int64   `parquet:"geonameid,optional"`
}

// Parquet writes events as an Apache Parquet file (zstd-compressed
// columns, row groups of ParquetRowGroup events).
type Parquet struct {
	pw   *parquet.GenericWriter[parquetRow]
	opts Options
	row  []string
	buf  []parquetRow
}

// NewParquet returns a Parquet writer. Parquet's footer comes last, so
// the output is only readable once Close returns.
func NewParquet(w io.Writer, opts Options) *Parquet {
	pw := parquet.NewGenericWriter[parquetRow](w,
		parquet.Compression(&parquet.Zstd),
		parquet.MaxRowsPerRowGroup(ParquetRowGroup),
		parquet.CreatedBy("sitrep", "", ""))
	return &Parquet{pw: pw, opts: opts, row: make([]string, len(ACLEDColumns)), buf: make([]parquetRow, 1)}
}

// Write writes one event.
func (p *Parquet) Write(ev record.Event) error {
	ACLEDRow(ev, p.opts, p.row)
	str := func(i int) *string {
		if p.row[i] == "" {
			return nil
		}
		s := p.row[i]
		return &s
	}
	i32 := func(i int) *int32 {
		n, err := strconv.ParseInt(p.row[i], 10, 32)
		if err != nil {
			return nil
		}
		v := int32(n)
		return &v
	}
	// DATE is days since 1970-01-01 in an int32.
	day := func(i int) *int32 {
		t, err := time.Parse(time.DateOnly, p.row[i])
		if err != nil {
			return nil
		}
		d := int32(t.Unix() / 86400)
		return &d
	}
	r := parquetRow{
		EventIDCnty: ev.ID, EventDate: day(1), Year: i32(2), TimePrecision: i32(3), DisorderType: str(4),
		EventType: str(5), SubEventType: str(6), Actor1: str(7), AssocActor1: str(8), Inter1: str(9),
		Actor2: str(10), AssocActor2: str(11), Inter2: str(12), Interaction: str(13), CivilianTargeting: str(14),
		ISO: str(15), Region: str(16), Country: str(17), Admin1: str(18), Admin2: str(19), Admin3: str(20),
		Location: str(21), GeoPrecision: i32(24), Source: str(25), SourceScale: str(26), Notes: str(27),
		Fatalities: i32(28), Tags: str(29), DateEnd: day(31), Disputes: str(32), ReportCount: i32(33),
		Modality: str(34), FatalitiesMin: i32(35), FatalitiesMax: i32(36),
	}
	if l := ev.Location; l != nil {
		lat, lon := l.Lat, l.Lon
		r.Latitude, r.Longitude = &lat, &lon
		if l.GeonameID != 0 {
			id := l.GeonameID
			r.GeonameID = &id
		}
	}
	if r.DateEnd == nil && ev.DateEnd != nil {
		// The CSV leaves date_end empty when it equals event_date;
		// Parquet readers filter on ranges, so it is always filled.
		r.DateEnd = r.EventDate
	}
	p.buf[0] = r
	if _, err := p.pw.Write(p.buf); err != nil {
		return fmt.Errorf("write event %q: %w", ev.ID, err)
	}
	return nil
}

// Close writes the last row group and the footer.
func (p *Parquet) Close() error {
	if err := p.pw.Close(); err != nil {
		return fmt.Errorf("finish parquet: %w", err)
	}
	return nil
}
