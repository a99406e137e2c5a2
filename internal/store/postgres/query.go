package postgres

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

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

// dialect is PostgreSQL's for the statements sqlrow writes.
var dialect = sqlrow.Dialect{
	Param: func(n int) string { return "$" + strconv.Itoa(n) },
	AnyOf: func(col string, n int, vals []string) (string, []any) {
		return col + " = ANY($" + strconv.Itoa(n) + ")", []any{vals}
	},
	Day:    func(col string) string { return "to_char(" + col + ", 'YYYY-MM-DD')" },
	NoRows: pgx.ErrNoRows,
}

// query is sqlrow.Query on the pool.
func (s *Store) query(ctx context.Context, sql string, args []any, each func(sqlrow.Rows) error) error {
	rows, err := s.pool.Query(ctx, sql, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	if err := each(rows); err != nil {
		return err
	}
	return rows.Err()
}

// queryRow is sqlrow.QueryRow on the pool.
func (s *Store) queryRow(ctx context.Context, sql string, args ...any) sqlrow.Scanner {
	return s.pool.QueryRow(ctx, sql, args...)
}

// Events calls fn for each stored event matching q, ordered by date then
// id; events with no date come last, ordered by id, and only when q has no
// date bounds. From and To are calendar days (the date of each time in its
// own location), inclusive; an event matches when its [date, date_end]
// interval overlaps [From, To].
//
// Rows stream from the server as fn consumes them. The walk holds one
// pooled connection until it ends, so fn may query the store again.
func (s *Store) Events(ctx context.Context, q store.EventQuery, fn func(record.Event) error) error {
	return s.walkEvents(ctx, q, sqlrow.Decoded(fn))
}

// EventsRaw is Events with each record as PostgreSQL returns its jsonb:
// the same content SaveBatch wrote, with jsonb's normalised key order and
// spacing.
func (s *Store) EventsRaw(ctx context.Context, q store.EventQuery, fn func(store.Cursor, []byte) error) error {
	return s.walkEvents(ctx, q, fn)
}

// walkEvents runs Events's query and calls fn with each row's position
// and record.
func (s *Store) walkEvents(ctx context.Context, q store.EventQuery, fn func(store.Cursor, []byte) error) error {
	var after *time.Time
	if q.After != nil && q.After.Date != "" {
		t, err := time.Parse(time.DateOnly, q.After.Date)
		if err != nil {
			return fmt.Errorf("list events: cursor date %q is not YYYY-MM-DD", q.After.Date)
		}
		after = &t
	}
	// Two passes, dated then undated, rather than one ORDER BY date
	// NULLS LAST: a cursor is then a row comparison (date, id) > (…),
	// which the (date, id) index answers as a range, and each pass walks
	// an index in order, so nothing is sorted and rows stream.
	type pass struct{ cond, order string }
	var passes []pass
	undatedCursor := q.After != nil && q.After.Date == ""
	if !undatedCursor {
		p := pass{"date IS NOT NULL", "date, id"}
		if after != nil {
			p.cond += " AND (date, id) > (@after_date::date, @after_id)"
		}
		passes = append(passes, p)
	}
	if q.From.IsZero() && q.To.IsZero() {
		p := pass{"date IS NULL", "id"}
		if undatedCursor {
			p.cond += " AND id > @after_id"
		}
		passes = append(passes, p)
	}
	where, args := eventFilter(q)
	if q.After != nil {
		args["after_date"], args["after_id"] = after, q.After.ID
	}
	filter := ""
	if len(where) > 0 {
		filter = " AND " + strings.Join(where, " AND ")
	}
	left := q.Limit
	for _, p := range passes {
		sql := "SELECT id, coalesce(to_char(date, 'YYYY-MM-DD'), ''), record FROM events WHERE " + p.cond + filter + " ORDER BY " + p.order
		if q.Limit > 0 {
			if left <= 0 {
				break
			}
			sql += " LIMIT @limit"
			args["limit"] = left
		}
		n, err := s.streamEvents(ctx, sql, args, fn)
		if err != nil {
			return err
		}
		left -= n
	}
	return nil
}

// eventFilter turns q's filters, all but the cursor, into SQL conditions
// on the events table and their named arguments.
func eventFilter(q store.EventQuery) ([]string, pgx.NamedArgs) {
	var where []string
	args := pgx.NamedArgs{}
	day := func(t time.Time) time.Time {
		// The calendar day in t's own location, as a date value.
		return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	}
	if !q.From.IsZero() {
		where = append(where, "coalesce(date_end, date) >= @from::date")
		args["from"] = day(q.From)
	}
	if !q.To.IsZero() {
		where = append(where, "date <= @to::date")
		args["to"] = day(q.To)
	}
	if q.EventType != "" {
		where = append(where, "event_type = @event_type")
		args["event_type"] = q.EventType
	}
	if q.SubEventType != "" {
		where = append(where, "sub_event_type = @sub_event_type")
		args["sub_event_type"] = q.SubEventType
	}
	if b := q.BBox; b != nil {
		// The point-in-box test finds candidates through the GiST
		// index; it compares with a tolerance of 1e-6, so BETWEEN
		// then makes the edges exact.
		args["min_lon"], args["min_lat"], args["max_lon"], args["max_lat"] = b.MinLon, b.MinLat, b.MaxLon, b.MaxLat
		if b.MinLon <= b.MaxLon {
			where = append(where, `lat IS NOT NULL
				AND point(lon, lat) <@ box(point(@min_lon, @min_lat), point(@max_lon, @max_lat))
				AND lat BETWEEN @min_lat AND @max_lat AND lon BETWEEN @min_lon AND @max_lon`)
		} else {
			// Across the antimeridian: two boxes, east and west of it.
			where = append(where, `lat IS NOT NULL
				AND (point(lon, lat) <@ box(point(@min_lon, @min_lat), point(180, @max_lat))
					OR point(lon, lat) <@ box(point(-180, @min_lat), point(@max_lon, @max_lat)))
				AND lat BETWEEN @min_lat AND @max_lat AND (lon >= @min_lon OR lon <= @max_lon)`)
		}
	}
	if q.Actor != "" {
		where = append(where, "(actor1 = @actor OR actor2 = @actor)")
		args["actor"] = q.Actor
	}
	if q.Place != "" {
		if id, ok := sqlrow.PlaceID(q.Place); ok {
			where = append(where, "geonameid = @geonameid")
			args["geonameid"] = id
		} else {
			where = append(where, "location_name = @place")
			args["place"] = q.Place
		}
	}
	if q.Modality != "" {
		where = append(where, "modality = @modality")
		args["modality"] = q.Modality
	}
	if q.Disputed {
		where = append(where, "disputed")
	}
	if q.Unmerged {
		// The same expression as the partial index events_unmerged.
		where = append(where, "record -> 'sources' IS NULL")
	}
	if strings.TrimSpace(q.Text) != "" {
		if pats := sqlrow.LikePatterns(q.Text); len(pats) > 0 {
			// ILIKE, as store/sqlite uses LIKE, so both backends match
			// the same words. It scans the reports of the events the
			// other conditions leave; a pg_trgm index would make it a
			// look-up but needs an extension the database owner may
			// not be allowed to create.
			conds := make([]string, len(pats))
			for i, p := range pats {
				name := "word" + strconv.Itoa(i)
				conds[i] = `text ILIKE @` + name + ` ESCAPE '\'`
				args[name] = p
			}
			where = append(where, "id IN (SELECT event_id FROM reports WHERE "+strings.Join(conds, " AND ")+")")
		} else {
			where = append(where, "false")
		}
	}
	if q.Doc != "" {
		where = append(where, "id IN (SELECT event_id FROM reports WHERE doc_id = @doc)")
		args["doc"] = q.Doc
	}
	return where, args
}

func (s *Store) streamEvents(ctx context.Context, sql string, args pgx.NamedArgs, fn func(store.Cursor, []byte) error) (int, error) {
	rows, err := s.pool.Query(ctx, sql, args)
	if err != nil {
		return 0, fmt.Errorf("list events: %w", err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		vals := rows.RawValues()
		// id and the date are text; the binary format of text is its
		// bytes, so no decoding is needed.
		pos := store.Cursor{ID: string(vals[0]), Date: string(vals[1])}
		n++
		if err := fn(pos, jsonbBytes(rows, 2)); err != nil {
			return n, err
		}
	}
	if err := rows.Err(); err != nil {
		return n, fmt.Errorf("list events: %w", err)
	}
	return n, nil
}

// jsonbBytes returns the JSON text of the current row's column col, a
// jsonb, borrowing pgx's buffer rather than copying it: it is decoded
// before the next row overwrites it. In the binary format a jsonb value is
// a version byte (1) followed by the text.
func jsonbBytes(rows pgx.Rows, col int) []byte {
	raw := rows.RawValues()[col]
	if rows.FieldDescriptions()[col].Format == pgx.BinaryFormatCode && len(raw) > 0 && raw[0] == 1 {
		return raw[1:]
	}
	return raw
}

// SentenceAt returns the sentence of document docID that contains byte
// offset off, as a span and its text: what "the sentence of report X"
// needs when only an offset is known. Span offsets are bytes, so the
// substring is cut from the UTF-8 encoding, not by characters.
func (s *Store) SentenceAt(ctx context.Context, docID string, off int) (doc.Span, string, error) {
	var sp doc.Span
	var text string
	err := s.pool.QueryRow(ctx, `SELECT s.start, s."end",
			convert_from(substring(convert_to(d.text, 'UTF8') FROM s.start + 1 FOR s."end" - s.start), 'UTF8')
		FROM spans s JOIN documents d ON d.id = s.doc_id
		WHERE s.doc_id = $1 AND s.layer = 'sentence' AND s.start <= $2 AND s."end" > $2
		ORDER BY s.start DESC LIMIT 1`, docID, off).Scan(&sp.Start, &sp.End, &text)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return sp, "", fmt.Errorf("find sentence at %d of %q: %w", off, docID, store.ErrNotFound)
	case err != nil:
		return sp, "", fmt.Errorf("find sentence at %d of %q: %w", off, docID, err)
	}
	return sp, text, nil
}
