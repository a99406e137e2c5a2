package export

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/record"
)

// ACLEDColumns are the CSV header: ACLED's column names, in ACLED's order,
// then sitrep's own. A column sitrep has no value for stays empty rather
// than holding a guess, so a reader can tell "unknown" from "zero".
var ACLEDColumns = []string{
	"event_id_cnty", "event_date", "year", "time_precision", "disorder_type",
	"event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1",
	"actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
	"iso", "region", "country", "admin1", "admin2", "admin3", "location",
	"latitude", "longitude", "geo_precision", "source", "source_scale",
	"notes", "fatalities", "tags", "timestamp",
	// sitrep's columns.
	"date_end", "disputes", "report_count", "modality", "fatalities_min", "fatalities_max", "geonameid",
}

// CSV writes events as ACLED-style CSV rows.
type CSV struct {
	bw     *bufio.Writer
	cw     *csv.Writer
	opts   Options
	header bool
	row    []string
}

// NewCSV returns an ACLED-style CSV writer. The header is written with the
// first row, or by Close when there are none.
func NewCSV(w io.Writer, opts Options) *CSV {
	bw := bufio.NewWriterSize(w, 64<<10)
	return &CSV{bw: bw, cw: csv.NewWriter(bw), opts: opts, row: make([]string, len(ACLEDColumns))}
}

func (c *CSV) writeHeader() error {
	if c.header {
		return nil
	}
	c.header = true
	return c.cw.Write(ACLEDColumns)
}

// Write writes one event as one row.
func (c *CSV) Write(ev record.Event) error {
	if err := c.writeHeader(); err != nil {
		return fmt.Errorf("write csv header: %w", err)
	}
	ACLEDRow(ev, c.opts, c.row)
	if err := c.cw.Write(c.row); err != nil {
		return fmt.Errorf("write event %q: %w", ev.ID, err)
	}
	return nil
}

// Close writes the header if no row did, and flushes.
func (c *CSV) Close() error {
	if err := c.writeHeader(); err != nil {
		return fmt.Errorf("write csv header: %w", err)
	}
	c.cw.Flush()
	if err := c.cw.Error(); err != nil {
		return fmt.Errorf("flush csv: %w", err)
	}
	if err := c.bw.Flush(); err != nil {
		return fmt.Errorf("flush csv: %w", err)
	}
	return nil
}

// ACLEDRow fills row (len(ACLEDColumns) long) with ev's values.
func ACLEDRow(ev record.Event, opts Options, row []string) {
	clear(row)
	set := func(i int, v string) { row[i] = v }
	set(0, ev.ID)
	if ev.Date != nil {
		set(1, *ev.Date)
		if y, _, ok := strings.Cut(*ev.Date, "-"); ok {
			set(2, y)
		}
	}
	set(3, timePrecision(ev))
	set(4, disorderType(ev.EventType))
	set(5, ev.EventType)
	set(6, ev.SubEventType)
	if a := ev.Actor1; a != nil {
		set(7, a.Name)
		set(9, a.Type)
	}
	if a := ev.Actor2; a != nil {
		set(10, a.Name)
		set(12, a.Type)
	}
	if ev.EventType == "Violence against civilians" || targetsCivilians(ev.Targets) {
		set(14, "Civilian targeting")
	}
	if l := ev.Location; l != nil {
		// ACLED's country column holds a name; sitrep knows the ISO
		// 3166-1 alpha-2 code, which is what it writes.
		set(17, l.Country)
		set(18, l.Admin1)
		set(21, l.Name)
		set(22, strconv.FormatFloat(l.Lat, 'f', 4, 64))
		set(23, strconv.FormatFloat(l.Lon, 'f', 4, 64))
		set(24, geoPrecision(l.Precision))
		if l.GeonameID != 0 {
			set(37, strconv.FormatInt(l.GeonameID, 10))
		}
	}
	docs := reportDocs(ev)
	var sources []string
	for _, d := range docs {
		s := ""
		if opts.Source != nil {
			s = opts.Source(d)
		}
		if s == "" {
			s = d
		}
		if !contains(sources, s) {
			sources = append(sources, s)
		}
	}
	set(25, strings.Join(sources, "; "))
	if len(ev.Reports) > 0 {
		set(27, ev.Reports[0].Text)
	}
	lo, hi := figure(ev.Fatalities)
	// ACLED codes the lowest reported figure; so does sitrep.
	set(28, lo)
	if ev.DateEnd != nil && (ev.Date == nil || *ev.DateEnd != *ev.Date) {
		set(31, *ev.DateEnd)
	}
	set(32, disputeFields(ev.Disputes))
	set(33, strconv.Itoa(len(ev.Reports)))
	set(34, ev.Modality)
	set(35, lo)
	set(36, hi)
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func figure(f *record.Figure) (lo, hi string) {
	if f == nil {
		return "", ""
	}
	if f.Min != nil {
		lo = strconv.Itoa(*f.Min)
	}
	if f.Max != nil {
		hi = strconv.Itoa(*f.Max)
	}
	return lo, hi
}

// disputeFields lists the disputed fields, e.g. "fatalities; perpetrator".
func disputeFields(ds []record.Dispute) string {
	fs := make([]string, len(ds))
	for i, d := range ds {
		fs[i] = d.Field
	}
	return strings.Join(fs, "; ")
}

func targetsCivilians(ts []string) bool {
	for _, t := range ts {
		if strings.Contains(strings.ToLower(t), "civilian") {
			return true
		}
	}
	return false
}

// disorderType is ACLED's grouping of its event types.
func disorderType(eventType string) string {
	switch eventType {
	case "Battles", "Explosions/Remote violence", "Violence against civilians":
		return "Political violence"
	case "Protests", "Riots":
		return "Demonstrations"
	case "Strategic developments":
		return "Strategic developments"
	}
	return ""
}

// geoPrecision maps sitrep's place precision to ACLED's geo_precision: 1
// the town itself, 2 a part of a region or near a town, 3 a larger
// region. Country- and region-wide places have no ACLED code.
func geoPrecision(p string) string {
	switch p {
	case doc.PrecisionPoint, doc.PrecisionTown:
		return "1"
	case doc.PrecisionDistrict:
		return "2"
	case doc.PrecisionAdmin1:
		return "3"
	}
	return ""
}

// timePrecision maps sitrep's date precision to ACLED's time_precision: 1
// the day is known, 2 the week (or a range of days), 3 the month or
// coarser. A dated event with no stated precision is taken as a day when
// it spans one day and as a range otherwise.
func timePrecision(ev record.Event) string {
	if ev.Date == nil {
		return ""
	}
	switch ev.DatePrecision {
	case doc.DateDay:
		return "1"
	case doc.DateWeek:
		return "2"
	case doc.DateMonth, doc.DateSeason, doc.DateYear, doc.DateDecade:
		return "3"
	case "":
		if ev.DateEnd == nil || *ev.DateEnd == *ev.Date {
			return "1"
		}
		return "2"
	}
	return ""
}
