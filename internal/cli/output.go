package cli

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/sitrep-dev/sitrep/internal/record"
)

// recordWriter prints document and event records as JSON Lines (streamed)
// or as a table for people (events collected and printed as a timeline at
// the end, since a timeline needs them sorted).
type recordWriter struct {
	w      *bufio.Writer
	format string
	enc    *json.Encoder
	docs   []docRow
	events []record.Event
}

type docRow struct {
	rec    record.Document
	status string
}

func newRecordWriter(w io.Writer, format string) *recordWriter {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	return &recordWriter{w: bw, format: format, enc: enc}
}

func (rw *recordWriter) document(d record.Document, status string) error {
	if rw.format == "jsonl" {
		return rw.enc.Encode(d)
	}
	rw.docs = append(rw.docs, docRow{d, status})
	return nil
}

func (rw *recordWriter) event(e record.Event) error {
	if rw.format == "jsonl" {
		return rw.enc.Encode(e)
	}
	rw.events = append(rw.events, e)
	return nil
}

func (rw *recordWriter) flush() error {
	if rw.format == "table" {
		writeDocTable(rw.w, rw.docs)
		writeTimeline(rw.w, rw.events)
	}
	return rw.w.Flush()
}

func writeDocTable(w io.Writer, docs []docRow) {
	if len(docs) == 0 {
		return
	}
	fmt.Fprintf(w, "DOCUMENTS (%d)\n", len(docs))
	for _, d := range docs {
		pub := "date unknown"
		if d.rec.Published != nil {
			pub = *d.rec.Published
			if d.rec.PublishedInferred {
				pub += "?"
			}
		}
		note := d.status
		if d.rec.DuplicateOf != nil {
			note = "copy of " + *d.rec.DuplicateOf
		}
		fmt.Fprintf(w, "  %-11s %-28s %3d events  %-9s %s\n", pub, clip(d.rec.ID, 28), d.rec.Events, note, clip(deref(d.rec.Title), 60))
	}
	fmt.Fprintln(w)
}

// writeTimeline prints events by date: the readable form of `analyze` and
// `events`.
func writeTimeline(w io.Writer, events []record.Event) {
	if len(events) == 0 {
		fmt.Fprintln(w, "No events.")
		return
	}
	sort.SliceStable(events, func(i, j int) bool { return deref(events[i].Date) < deref(events[j].Date) })
	fmt.Fprintf(w, "EVENTS (%d)\n", len(events))
	for _, e := range events {
		date := deref(e.Date)
		if date == "" {
			date = "undated"
		}
		if e.DateEnd != nil && *e.DateEnd != date {
			date += ".." + (*e.DateEnd)[5:]
		}
		place := "unlocated"
		if e.Location != nil {
			place = e.Location.Name
			if e.Location.Country != "" {
				place += ", " + e.Location.Country
			}
		}
		fmt.Fprintf(w, "  %-16s %-34s %-26s %-12s %s\n", date, clip(e.SubEventType, 34), clip(place, 26), figure(e.Fatalities), actors(e))
		for _, r := range e.Reports {
			by := ""
			if r.ClaimedBy != nil {
				by = " per " + *r.ClaimedBy
			}
			fmt.Fprintf(w, "      [%s %s%s] %s\n", r.Doc, r.Modality, by, clip(r.Text, 110))
		}
		for _, d := range e.Disputes {
			var sides []string
			for _, c := range d.Claims {
				sides = append(sides, fmt.Sprintf("%v (%s)", c.Value, c.Doc))
			}
			fmt.Fprintf(w, "      disputed %s: %s\n", d.Field, strings.Join(sides, " vs "))
		}
	}
}

func figure(f *record.Figure) string {
	if f == nil || (f.Min == nil && f.Max == nil) {
		return ""
	}
	switch {
	case f.Min != nil && f.Max != nil && *f.Min == *f.Max:
		return fmt.Sprintf("killed %d", *f.Min)
	case f.Min != nil && f.Max != nil:
		return fmt.Sprintf("killed %d-%d", *f.Min, *f.Max)
	case f.Min != nil:
		return fmt.Sprintf("killed %d+", *f.Min)
	default:
		return fmt.Sprintf("killed <=%d", *f.Max)
	}
}

func actors(e record.Event) string {
	var s []string
	if e.Actor1 != nil {
		s = append(s, e.Actor1.Name)
	}
	if e.Actor2 != nil {
		s = append(s, "vs "+e.Actor2.Name)
	}
	return strings.Join(s, " ")
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
