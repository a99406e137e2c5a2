package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/record"
	"github.com/sitrep-dev/sitrep/internal/store"
	"github.com/sitrep-dev/sitrep/internal/store/sqlrow"
)

// The reads below are alike in both backends but for the dialect; the
// Reader holds their SQL.

// LookupHash returns the id of the stored document with this content hash.
func (s *Store) LookupHash(ctx context.Context, hash string) (string, bool, error) {
	return s.read.LookupHash(ctx, hash)
}

// NearDuplicate returns the stored, non-duplicate document whose fingerprint
// is closest to fp, if within maxDistance bits (see sqlrow.Reader).
func (s *Store) NearDuplicate(ctx context.Context, fp uint64, maxDistance int) (string, int, bool, error) {
	return s.read.NearDuplicate(ctx, fp, maxDistance)
}

// NearDuplicateOf returns the stored, non-duplicate document closest to d
// within maxDistance fingerprint bits among the candidates that share an
// anchor with d or a fingerprint band (see sqlrow.Reader).
func (s *Store) NearDuplicateOf(ctx context.Context, d *doc.Document, maxDistance int) (string, int, bool, error) {
	return s.read.NearDuplicateOf(ctx, d, maxDistance)
}

// Documents calls fn for each stored document in ingest order. The text is
// not read; Document returns it.
func (s *Store) Documents(ctx context.Context, fn func(record.Document) error) error {
	return s.read.Documents(ctx, fn)
}

// Document returns one stored document with its cleaned text, or an error
// wrapping store.ErrNotFound.
func (s *Store) Document(ctx context.Context, id string) (store.StoredDocument, error) {
	return s.read.Document(ctx, id)
}

// LoadDocument rebuilds the analysed document stored under id: metadata,
// text, raw text and offset map, and its annotations (paragraphs,
// sentences, places, timexes, quantities, actors). Tokens and the
// document's own extracted events are not stored; events are read through
// Events. The error wraps store.ErrNotFound when there is no such document.
func (s *Store) LoadDocument(ctx context.Context, id string) (*doc.Document, error) {
	return s.read.LoadDocument(ctx, id)
}

// Event returns one stored event, or an error wrapping store.ErrNotFound.
func (s *Store) Event(ctx context.Context, id string) (record.Event, error) {
	return s.read.Event(ctx, id)
}

// dialect is SQLite's for the statements sqlrow writes.
var dialect = sqlrow.Dialect{
	Param: func(int) string { return "?" },
	AnyOf: func(col string, _ int, vals []string) (string, []any) {
		args := make([]any, len(vals))
		for i, v := range vals {
			args[i] = v
		}
		return col + " IN (?" + strings.Repeat(",?", len(vals)-1) + ")", args
	},
	Day:    func(col string) string { return col },
	NoRows: sql.ErrNoRows,
}

// query is sqlrow.Query on the read pool. Its statements are not cached:
// a look-up by anchors has one SQL text per number of anchors.
func (s *Store) query(ctx context.Context, query string, args []any, each func(sqlrow.Rows) error) error {
	rows, err := s.r.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	if err := each(rows); err != nil {
		return err
	}
	return rows.Err()
}

// queryRow is sqlrow.QueryRow on the read pool.
func (s *Store) queryRow(ctx context.Context, query string, args ...any) sqlrow.Scanner {
	return s.r.QueryRowContext(ctx, query, args...)
}

// SentenceAt returns the sentence of document docID that contains byte
// offset off, as a span and its text: what "the sentence of report X"
// needs when only an offset is known.
func (s *Store) SentenceAt(ctx context.Context, docID string, off int) (doc.Span, string, error) {
	var sp doc.Span
	var text string
	err := s.r.QueryRowContext(ctx, `SELECT s.start, s."end", substr(CAST(d.text AS BLOB), s.start + 1, s."end" - s.start)
		FROM spans s JOIN documents d ON d.id = s.doc_id
		WHERE s.doc_id = ? AND s.layer = 'sentence' AND s.start <= ? AND s."end" > ?
		ORDER BY s.start DESC LIMIT 1`, docID, off, off).Scan(&sp.Start, &sp.End, &text)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return sp, "", fmt.Errorf("find sentence at %d of %q: %w", off, docID, store.ErrNotFound)
	case err != nil:
		return sp, "", fmt.Errorf("find sentence at %d of %q: %w", off, docID, err)
	}
	return sp, text, nil
}

// Events calls fn for each stored event matching q, ordered by date then
// id; events with no date come last, ordered by id, and only when q has no
// date bounds. From and To are calendar days (the date of each time in its
// own location), inclusive; an event matches when its [date, date_end]
// interval overlaps [From, To].
//
// Rows stream from the database as fn consumes them.
func (s *Store) Events(ctx context.Context, q store.EventQuery, fn func(record.Event) error) error {
	return s.walkEvents(ctx, q, sqlrow.Decoded(fn))
}

// EventsRaw is Events with each record as its stored JSON, which is the
// exact encoding SaveBatch wrote.
func (s *Store) EventsRaw(ctx context.Context, q store.EventQuery, fn func(store.Cursor, []byte) error) error {
	return s.walkEvents(ctx, q, fn)
}

// walkEvents runs Events's query and calls fn with each row's position
// and record.
func (s *Store) walkEvents(ctx context.Context, q store.EventQuery, fn func(store.Cursor, []byte) error) error {
	span, err := s.longestSpan(ctx, q)
	if err != nil {
		return fmt.Errorf("list events: %w", err)
	}
	where, args := eventFilter(q, span)
	filter := ""
	if len(where) > 0 {
		filter = " AND " + strings.Join(where, " AND ")
	}
	// Two passes rather than ORDER BY date IS NULL: each pass walks an
	// index in order, so nothing is sorted and rows stream.
	type pass struct {
		where, order string
		args         []any
	}
	var passes []pass
	undatedCursor := q.After != nil && q.After.Date == ""
	if !undatedCursor {
		p := pass{"date IS NOT NULL" + filter, "date, id", args}
		if q.After != nil {
			// A row value, which SQLite seeks to in the index, where
			// "date > ? OR (date = ? AND id > ?)" walks from the date.
			p.where += " AND (date, id) > (?, ?)"
			p.args = append(append([]any(nil), args...), q.After.Date, q.After.ID)
		}
		passes = append(passes, p)
	}
	if q.From.IsZero() && q.To.IsZero() {
		p := pass{"date IS NULL" + filter, "id", args}
		if undatedCursor {
			p.where += " AND id > ?"
			p.args = append(append([]any(nil), args...), q.After.ID)
		}
		passes = append(passes, p)
	}
	left := q.Limit
	for _, p := range passes {
		sqlText := "SELECT " + rowColumns + " FROM events WHERE " + p.where + " ORDER BY " + p.order
		a := p.args
		if q.Limit > 0 {
			if left <= 0 {
				break
			}
			sqlText, a = pageQuery(q, p.where, p.order, p.args, left)
		}
		n, err := s.streamEvents(ctx, sqlText, a, fn)
		if err != nil {
			return err
		}
		left -= n
	}
	return nil
}

// longestSpan is the most days any stored event lasts beyond its start
// date, when q has a lower date bound (0 otherwise): an event that
// starts before From reaches into the range only if it lasts longer than
// From minus its start. The partial index events_multiday makes it a
// look-up of the few multi-day events.
func (s *Store) longestSpan(ctx context.Context, q store.EventQuery) (int, error) {
	if q.From.IsZero() {
		return 0, nil
	}
	rows, err := s.queryRead(ctx, `SELECT coalesce(max(julianday(date_end) - julianday(date)), 0)
		FROM events WHERE date_end > date`)
	if err != nil {
		return 0, fmt.Errorf("longest span: %w", err)
	}
	defer rows.Close()
	var span float64
	if rows.Next() {
		if err := rows.Scan(&span); err != nil {
			return 0, fmt.Errorf("longest span: %w", err)
		}
	}
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("longest span: %w", err)
	}
	return int(math.Ceil(span)), nil
}

// pageQuery is the query for one page of a pass of walkEvents: the
// page's rowids chosen first, in order, from one or more index walks (the
// arms of pageArms), then the records of those rows alone read from the
// table. The inner query is answered from indexes (events_cover, a
// filter's own, or events_cell), where selecting the record directly
// makes the planner read every row it tests. Several arms are merged in
// order by SQLite (a compound SELECT with ORDER BY is a merge of ordered
// walks, each run only as far as the page needs), and the outer ORDER BY
// is the order the merge delivers, so nothing is sorted.
func pageQuery(q store.EventQuery, where, order string, args []any, limit int) (string, []any) {
	arms, union := pageArms(q, where, args)
	var b strings.Builder
	var a []any
	b.WriteString("SELECT e.id, coalesce(e.date, ''), e.record FROM (")
	for i, arm := range arms {
		if i > 0 {
			b.WriteString(union)
		}
		b.WriteString("SELECT rowid AS r, date AS d, id AS i FROM ")
		b.WriteString(arm.from)
		b.WriteString(" WHERE ")
		b.WriteString(arm.where)
		a = append(a, arm.args...)
	}
	pOrder := "p.d, p.i"
	if order == "id" {
		b.WriteString(" ORDER BY i")
		pOrder = "p.i"
	} else {
		b.WriteString(" ORDER BY d, i")
	}
	if len(arms) > 1 {
		// A literal: SQLite reads a compound's LIMIT to plan its arms,
		// and a bound one makes it compile the statement again on every
		// run (most of a page's cost), where a literal only makes a
		// statement per page size.
		b.WriteString(" LIMIT " + strconv.Itoa(limit))
	} else {
		b.WriteString(" LIMIT ?")
		a = append(a, limit)
	}
	b.WriteString(") AS p CROSS JOIN events AS e ON e.rowid = p.r ORDER BY ")
	b.WriteString(pOrder)
	return b.String(), a
}

// arm is one index walk of a page query.
type arm struct {
	from, where string
	args        []any
}

// maxCells bounds the cells of events_cell a box is split into; a larger
// box walks events_cover in date order instead, where a good part of the
// entries it tests lie in the box.
const maxCells = 40

// pageArms splits a pass's conditions into the index walks whose merge
// is the page, and says how to combine them (" UNION ALL " when no row
// can come from two arms).
func pageArms(q store.EventQuery, where string, args []any) ([]arm, string) {
	if q.Actor != "" {
		// "actor1 = ? OR actor2 = ?" makes SQLite collect every event of
		// the actor and sort them. Two ordered index walks answer the
		// same; UNION drops an event whose two actors are both the one
		// asked for. The rewrite keeps the placeholders where they were.
		side1 := strings.Replace(where, actorCond, "(actor1 = ? AND ? IS NOT NULL)", 1)
		side2 := strings.Replace(where, actorCond, "(? IS NOT NULL AND actor2 = ?)", 1)
		return []arm{{"events", side1, args}, {"events", side2, args}}, " UNION "
	}
	if q.BBox == nil || q.Place != "" || q.Doc != "" || strings.TrimSpace(q.Text) != "" {
		// The planner picks the filter's own index.
		return []arm{{"events", where, args}}, ""
	}
	cells := boxCells(*q.BBox, maxCells)
	if cells == nil {
		// A box too large to split: walk events_cover in order, testing
		// the box from the index. Left alone, the planner takes
		// events_date and reads every candidate's row to test it.
		return []arm{{"events INDEXED BY events_cover", where, args}}, ""
	}
	arms := make([]arm, len(cells))
	for i, c := range cells {
		arms[i] = arm{"events INDEXED BY events_cell",
			cellExpr + " = ? AND lat IS NOT NULL AND lon IS NOT NULL AND " + where,
			append([]any{c}, args...)}
	}
	return arms, " UNION ALL "
}

// cellExpr numbers the 1°×1° cell an event lies in, as events_cell
// indexes it (migration 0009); CAST truncates, which is floor for these
// non-negative values. A row has 361 columns, since longitude 180 is a
// column of its own. boxCells computes the same numbers in Go.
const cellExpr = "(CAST(lat + 90 AS INTEGER) * 361 + CAST(lon + 180 AS INTEGER))"

// boxCells returns the numbers of the cells that hold a point of b, or
// nil when there are more than max, or when b reaches outside the valid
// latitudes and longitudes (or is NaN): there CAST, which truncates, and
// floor differ, and the walk of events_cover answers instead.
func boxCells(b store.BBox, max int) []int64 {
	valid := func(x, lim float64) bool { return x >= -lim && x <= lim }
	if !valid(b.MinLat, 90) || !valid(b.MaxLat, 90) || !valid(b.MinLon, 180) || !valid(b.MaxLon, 180) {
		return nil
	}
	type span struct{ lo, hi float64 }
	lons := []span{{b.MinLon, b.MaxLon}}
	if b.MinLon > b.MaxLon {
		lons = []span{{b.MinLon, 180}, {-180, b.MaxLon}}
	}
	row0, row1 := int64(math.Floor(b.MinLat+90)), int64(math.Floor(b.MaxLat+90))
	n := int64(0)
	for _, l := range lons {
		n += (int64(math.Floor(l.hi+180)) - int64(math.Floor(l.lo+180)) + 1) * (row1 - row0 + 1)
	}
	if n > int64(max) || n <= 0 {
		return nil
	}
	cells := make([]int64, 0, n)
	for row := row0; row <= row1; row++ {
		for _, l := range lons {
			for col := int64(math.Floor(l.lo + 180)); col <= int64(math.Floor(l.hi+180)); col++ {
				cells = append(cells, row*361+col)
			}
		}
	}
	return cells
}

// rowColumns are what streamEvents scans: the position and the record.
const rowColumns = "id, coalesce(date, ''), record"

// actorCond is the actor filter; Events rewrites it for pages.
const actorCond = "(actor1 = ? OR actor2 = ?)"

// eventFilter turns q's filters, all but the cursor, into SQL conditions
// on the events table and their arguments. span is longestSpan's answer
// for q.
func eventFilter(q store.EventQuery, span int) ([]string, []any) {
	var where []string
	var args []any
	add := func(cond string, a ...any) {
		where = append(where, cond)
		args = append(args, a...)
	}
	if !q.From.IsZero() {
		from := q.From.Format(time.DateOnly)
		if span == 0 {
			// No event lasts past its start day, so an event overlaps
			// the range exactly when it starts in it: a bound every
			// date-ordered index answers alone.
			add("date >= ?", from)
		} else {
			// "date >= from" first: it holds for nearly every candidate
			// and is in every index the listings walk, so only the few
			// events that start before From make SQLite read date_end
			// from the table row. The overlap test cannot use an index;
			// "date >= from - span" can.
			add("date >= ? AND (date >= ? OR coalesce(date_end, date) >= ?)",
				q.From.AddDate(0, 0, -span).Format(time.DateOnly), from, from)
		}
	}
	if !q.To.IsZero() {
		add("date <= ?", q.To.Format(time.DateOnly))
	}
	if q.EventType != "" {
		add("event_type = ?", q.EventType)
	}
	if q.SubEventType != "" {
		add("sub_event_type = ?", q.SubEventType)
	}
	if b := q.BBox; b != nil {
		// The unary + keeps the planner off the (lat, lon) index: a
		// box and a date order would mean reading every event in the box
		// and sorting them, where walking events_cover or events_cell in
		// date order tests the box from the index and stops at the page
		// size (see pageArms).
		if b.MinLon <= b.MaxLon {
			add("+lat BETWEEN ? AND ? AND +lon BETWEEN ? AND ?", b.MinLat, b.MaxLat, b.MinLon, b.MaxLon)
		} else {
			add("+lat BETWEEN ? AND ? AND (+lon >= ? OR +lon <= ?)", b.MinLat, b.MaxLat, b.MinLon, b.MaxLon)
		}
	}
	if q.Actor != "" {
		add(actorCond, q.Actor, q.Actor)
	}
	if q.Place != "" {
		if id, ok := sqlrow.PlaceID(q.Place); ok {
			add("geonameid = ?", id)
		} else {
			add("location_name = ?", q.Place)
		}
	}
	if q.Modality != "" {
		add("modality = ?", q.Modality)
	}
	if q.Disputed {
		add("disputed")
	}
	if q.Unmerged {
		add("NOT merged")
	}
	if strings.TrimSpace(q.Text) != "" {
		if pats := sqlrow.LikePatterns(q.Text); len(pats) > 0 {
			// LIKE rather than an FTS5 index: an external-content FTS5
			// table read from the pooled reader connections reported
			// corruption after another connection wrote (seen in
			// TestCrashSafety's re-run), and LIKE is what PostgreSQL's
			// ILIKE mirrors. It scans the reports of the events the
			// other conditions leave, so it is the slowest filter.
			conds := make([]string, len(pats))
			for i, p := range pats {
				conds[i] = `text LIKE ? ESCAPE '\'`
				args = append(args, p)
			}
			where = append(where, "id IN (SELECT event_id FROM reports WHERE "+strings.Join(conds, " AND ")+")")
		} else {
			add("0")
		}
	}
	if q.Doc != "" {
		add("id IN (SELECT event_id FROM reports WHERE doc_id = ?)", q.Doc)
	}
	return where, args
}

func (s *Store) streamEvents(ctx context.Context, query string, args []any, fn func(store.Cursor, []byte) error) (int, error) {
	rows, err := s.queryRead(ctx, query, args...)
	if err != nil {
		return 0, fmt.Errorf("list events: %w", err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		// RawBytes borrows the driver's buffer instead of copying the JSON;
		// fn is done with it before the next row overwrites it.
		var pos store.Cursor
		var raw sql.RawBytes
		if err := rows.Scan(&pos.ID, &pos.Date, &raw); err != nil {
			return n, fmt.Errorf("list events: %w", err)
		}
		n++
		if err := fn(pos, raw); err != nil {
			return n, err
		}
	}
	if err := rows.Err(); err != nil {
		return n, fmt.Errorf("list events: %w", err)
	}
	return n, nil
}
