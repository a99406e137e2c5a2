package ingest

import (
	"strings"
	"time"
)

// dateLayouts are the date forms metadata uses, most common first:
// ISO 8601 in its many spellings (feeds, JSON-LD, meta tags, news-please),
// RFC 822 and its relatives (RSS pubDate), and a few written forms.
var isoLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05 MST",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
}

var dateLayouts = []string{
	"2006/01/02 15:04:05",
	"2006/01/02",
	"20060102",
	"20060102T150405Z",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"Mon, 2 Jan 2006 15:04 -0700",
	"Mon, 2 Jan 2006 15:04 MST",
	"Mon, 2 Jan 06 15:04:05 -0700",
	"Mon, 2 Jan 06 15:04:05 MST",
	"2 Jan 2006 15:04:05 -0700",
	"2 Jan 2006 15:04:05 MST",
	"2 Jan 2006 15:04 MST",
	"2 Jan 2006 15:04 -0700",
	"January 2, 2006 15:04",
	"January 2, 2006 3:04 PM",
	"Jan 2, 2006 3:04 PM",
	"Monday, 2-Jan-06 15:04:05 MST",
	time.RFC822Z,
	time.RFC822,
	time.ANSIC,
	time.UnixDate,
	"Mon Jan 2 15:04:05 2006",
	"January 2, 2006",
	"Jan 2, 2006",
	"2 January 2006",
	"2 Jan 2006",
	"Monday, January 2, 2006",
}

// parseDate reads a metadata date and returns the publisher's calendar
// date at midnight UTC. The date is taken in the offset the value states,
// not converted to UTC first: an article stamped 01:00+03:00 on the 20th
// was published on the 20th where it was written, and relative dates in
// its text ("yesterday") count from there.
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 {
		return time.Time{}, false
	}
	// RFC 822 allows a trailing comment "(UTC)"; some feeds add one.
	if i := strings.IndexByte(s, '('); i > 0 {
		s = strings.TrimSpace(s[:i])
	}
	layouts := dateLayouts
	if len(s) >= 10 && s[4] == '-' && s[7] == '-' {
		// ISO 8601, by far the most common: skip the other forms, whose
		// failed attempts cost more than the parse.
		layouts = isoLayouts
	}
	for _, layout := range layouts {
		t, err := time.Parse(layout, s)
		if err != nil {
			continue
		}
		if y := t.Year(); y < 1900 || y > 2200 {
			return time.Time{}, false
		}
		return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), true
	}
	return time.Time{}, false
}

// datePtr parses s into a *time.Time, nil when it is not a date.
func datePtr(s string) *time.Time {
	if t, ok := parseDate(s); ok {
		return &t
	}
	return nil
}
