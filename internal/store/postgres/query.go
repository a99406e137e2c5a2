package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/bits"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/jackc/pgx/v5"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/record"
	"github.com/sitrep-dev/sitrep/internal/store"
	"github.com/sitrep-dev/sitrep/internal/store/spanrows"
)

// LookupHash returns the id of the stored document with this content hash.
func (s *Store) LookupHash(ctx context.Context, hash string) (string, bool, error) {
	var id string
	switch err := s.pool.QueryRow(ctx, "SELECT id FROM documents WHERE hash = $1", hash).Scan(&id); {
	case errors.Is(err, pgx.ErrNoRows):
		return "", false, nil
	case err != nil:
		return "", false, fmt.Errorf("look up hash: %w", err)
	}
	return id, true, nil
}

// NearDuplicate returns the stored, non-duplicate document whose fingerprint
// is closest to fp, if within maxDistance bits; of equally close ones, the
// earliest ingested. A zero fingerprint is "none" and matches nothing.
//
// For maxDistance ≤ 3 the candidates come from the four 16-bit band
// indexes: flipping at most 3 bits leaves at least one of the 4 bands
// untouched (pigeonhole). A wider search cannot use them and scans every
// fingerprint, which is correct but linear in the number of documents.
func (s *Store) NearDuplicate(ctx context.Context, fp uint64, maxDistance int) (string, int, bool, error) {
	if fp == 0 || maxDistance < 0 {
		return "", 0, false, nil
	}
	const cond = "duplicate_of IS NULL AND fingerprint <> 0"
	var rows pgx.Rows
	var err error
	if maxDistance <= 3 {
		// One SELECT per band, so each can use its partial index. UNION
		// ALL, not UNION: a document found through two bands is just
		// measured twice, which is cheaper than sorting to drop it.
		rows, err = s.pool.Query(ctx, `
			SELECT id, fingerprint, seq FROM documents WHERE band0 = $1 AND `+cond+`
			UNION ALL SELECT id, fingerprint, seq FROM documents WHERE band1 = $2 AND `+cond+`
			UNION ALL SELECT id, fingerprint, seq FROM documents WHERE band2 = $3 AND `+cond+`
			UNION ALL SELECT id, fingerprint, seq FROM documents WHERE band3 = $4 AND `+cond,
			int32(fp&0xffff), int32(fp>>16&0xffff), int32(fp>>32&0xffff), int32(fp>>48&0xffff))
	} else {
		rows, err = s.pool.Query(ctx, "SELECT id, fingerprint, seq FROM documents WHERE "+cond)
	}
	if err != nil {
		return "", 0, false, fmt.Errorf("find near duplicate: %w", err)
	}
	defer rows.Close()
	var bestID string
	var bestSeq int64
	best := -1
	for rows.Next() {
		var id string
		var f, seq int64
		if err := rows.Scan(&id, &f, &seq); err != nil {
			return "", 0, false, fmt.Errorf("find near duplicate: %w", err)
		}
		d := bits.OnesCount64(uint64(f) ^ fp)
		if d > maxDistance {
			continue
		}
		if best < 0 || d < best || (d == best && seq < bestSeq) {
			bestID, best, bestSeq = id, d, seq
		}
	}
	if err := rows.Err(); err != nil {
		return "", 0, false, fmt.Errorf("find near duplicate: %w", err)
	}
	if best < 0 {
		return "", 0, false, nil
	}
	return bestID, best, true, nil
}

// docColumns are the columns scanDocument reads, in order. The event count
// is live, so it follows merging. substr counts characters in PostgreSQL,
// which is the unit the evidence offsets are stored in.
const docColumns = `id, title, source, url, to_char(published, 'YYYY-MM-DD'), published_inferred,
	published_evidence_start, published_evidence_end,
	CASE WHEN published_evidence_start IS NULL THEN NULL
		ELSE substr(text, published_evidence_start + 1, published_evidence_end - published_evidence_start) END,
	origin, format, hash, duplicate_of, chars, sentences,
	(SELECT count(DISTINCT event_id) FROM reports WHERE reports.doc_id = documents.id),
	errors`

func scanDocument(sc pgx.Row, extra ...any) (record.Document, error) {
	var (
		r              record.Document
		evStart, evEnd *int
		evText         *string
		errsJSON       []byte
	)
	dst := append([]any{
		&r.ID, &r.Title, &r.Source, &r.URL, &r.Published, &r.PublishedInferred,
		&evStart, &evEnd, &evText,
		&r.Origin, &r.Format, &r.Hash, &r.DuplicateOf, &r.Chars, &r.Sentences, &r.Events,
		&errsJSON,
	}, extra...)
	if err := sc.Scan(dst...); err != nil {
		return r, err
	}
	r.Record = "document"
	if evStart != nil && evEnd != nil {
		r.PublishedEvidence = &record.Span{Start: *evStart, End: *evEnd}
		if evText != nil {
			r.PublishedEvidence.Text = *evText
		}
	}
	if errsJSON != nil {
		if err := json.Unmarshal(errsJSON, &r.Errors); err != nil {
			return r, fmt.Errorf("decode errors of %q: %w", r.ID, err)
		}
	}
	return r, nil
}

// Documents calls fn for each stored document in ingest order. The text is
// not read; Document returns it.
func (s *Store) Documents(ctx context.Context, fn func(record.Document) error) error {
	rows, err := s.pool.Query(ctx, "SELECT "+docColumns+" FROM documents ORDER BY seq")
	if err != nil {
		return fmt.Errorf("list documents: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		r, err := scanDocument(rows)
		if err != nil {
			return fmt.Errorf("list documents: %w", err)
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("list documents: %w", err)
	}
	return nil
}

// Document returns one stored document with its cleaned text, or an error
// wrapping store.ErrNotFound.
func (s *Store) Document(ctx context.Context, id string) (store.StoredDocument, error) {
	var sd store.StoredDocument
	row := s.pool.QueryRow(ctx, "SELECT "+docColumns+", text FROM documents WHERE id = $1", id)
	r, err := scanDocument(row, &sd.Text)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return sd, fmt.Errorf("get document %q: %w", id, store.ErrNotFound)
	case err != nil:
		return sd, fmt.Errorf("get document %q: %w", id, err)
	}
	sd.Document = r
	return sd, nil
}

// LoadDocument rebuilds the analysed document stored under id: metadata,
// text, raw text and offset map, and its annotations (paragraphs,
// sentences, places, timexes, quantities, actors). Tokens and the
// document's own extracted events are not stored; events are read through
// Events. The error wraps store.ErrNotFound when there is no such document.
func (s *Store) LoadDocument(ctx context.Context, id string) (*doc.Document, error) {
	d := &doc.Document{ID: id}
	var (
		title, source, url, author, lang, summary, dupOf, raw *string
		published                                             *time.Time
		evStart, evEnd                                        *int
		fp                                                    int64
		offsets, errsJSON                                     []byte
	)
	err := s.pool.QueryRow(ctx, `SELECT origin, format, title, source, url, author, lang, summary,
		published, published_inferred, published_evidence_start, published_evidence_end,
		text, raw, raw_offsets, hash, duplicate_of, duplicate_score, fingerprint, errors
		FROM documents WHERE id = $1`, id).Scan(
		&d.Origin, &d.Format, &title, &source, &url, &author, &lang, &summary,
		&published, &d.PublishedInferred, &evStart, &evEnd,
		&d.Text, &raw, &offsets, &d.Hash, &dupOf, &d.DuplicateScore, &fp, &errsJSON)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return nil, fmt.Errorf("load document %q: %w", id, store.ErrNotFound)
	case err != nil:
		return nil, fmt.Errorf("load document %q: %w", id, err)
	}
	d.Title, d.Source, d.URL, d.Author, d.Lang, d.Summary = deref(title), deref(source), deref(url), deref(author), deref(lang), deref(summary)
	d.DuplicateOf = deref(dupOf)
	d.Fingerprint = uint64(fp)
	d.Raw = d.Text
	if raw != nil {
		d.Raw = *raw
	}
	d.Published = published
	if evStart != nil && evEnd != nil {
		d.PublishedEvidence = doc.Span{Start: byteOffset(d.Text, *evStart), End: byteOffset(d.Text, *evEnd)}
	}
	if err := d.RawOffsets.UnmarshalBinary(offsets); err != nil {
		return nil, fmt.Errorf("load document %q: %w", id, err)
	}
	if errsJSON != nil {
		var msgs []string
		if err := json.Unmarshal(errsJSON, &msgs); err != nil {
			return nil, fmt.Errorf("load document %q: errors: %w", id, err)
		}
		for _, m := range msgs {
			// The stage and its message were stored as one string; split
			// them back where StageError.Error joined them.
			stage, msg, _ := strings.Cut(m, ": ")
			d.Errors = append(d.Errors, doc.StageError{Stage: stage, Err: errors.New(msg)})
		}
	}
	rows, err := s.pool.Query(ctx, `SELECT layer, idx, start, "end", label, data FROM spans
		WHERE doc_id = $1 ORDER BY layer, idx`, id)
	if err != nil {
		return nil, fmt.Errorf("load document %q: spans: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var r spanrows.Row
		if err := rows.Scan(&r.Layer, &r.Idx, &r.Start, &r.End, &r.Label, &r.Data); err != nil {
			return nil, fmt.Errorf("load document %q: spans: %w", id, err)
		}
		if err := spanrows.Apply(d, r); err != nil {
			return nil, fmt.Errorf("load document %q: %w", id, err)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("load document %q: spans: %w", id, err)
	}
	return d, nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// byteOffset converts a code point offset in s to a byte offset.
func byteOffset(s string, runes int) int {
	n := 0
	for i := range s {
		if n == runes {
			return i
		}
		n++
	}
	return len(s)
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
	return s.walkEvents(ctx, q, func(_ store.Cursor, raw []byte) error {
		var ev record.Event
		if err := json.Unmarshal(raw, &ev); err != nil {
			return fmt.Errorf("list events: decode: %w", err)
		}
		return fn(ev)
	})
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
		if id, err := strconv.ParseInt(q.Place, 10, 64); err == nil && id > 0 {
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
		if words := textWords(q.Text); len(words) > 0 {
			// ILIKE, as store/sqlite uses LIKE, so both backends match
			// the same words. It scans the reports of the events the
			// other conditions leave; a pg_trgm index would make it a
			// look-up but needs an extension the database owner may
			// not be allowed to create.
			conds := make([]string, len(words))
			for i, w := range words {
				name := "word" + strconv.Itoa(i)
				conds[i] = `text ILIKE @` + name + ` ESCAPE '\'`
				args[name] = "%" + likeEscaper.Replace(w) + "%"
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

// textWords splits free text into the words a Text filter requires.
func textWords(text string) []string {
	return strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

var likeEscaper = strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`)

// Event returns one stored event, or an error wrapping store.ErrNotFound.
func (s *Store) Event(ctx context.Context, id string) (record.Event, error) {
	var ev record.Event
	var raw []byte
	switch err := s.pool.QueryRow(ctx, "SELECT record FROM events WHERE id = $1", id).Scan(&raw); {
	case errors.Is(err, pgx.ErrNoRows):
		return ev, fmt.Errorf("get event %q: %w", id, store.ErrNotFound)
	case err != nil:
		return ev, fmt.Errorf("get event %q: %w", id, err)
	}
	if err := json.Unmarshal(raw, &ev); err != nil {
		return ev, fmt.Errorf("get event %q: decode: %w", id, err)
	}
	return ev, nil
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

// NearDuplicateOf returns the stored, non-duplicate document closest to d
// within maxDistance fingerprint bits among the candidates that share an
// anchor with d or, when maxDistance ≤ 3, a fingerprint band. Anchor rows
// are found through the spans label index, so the cost is a few index
// look-ups whatever the size of the store.
func (s *Store) NearDuplicateOf(ctx context.Context, d *doc.Document, maxDistance int) (string, int, bool, error) {
	fp := d.Fingerprint
	if fp == 0 || maxDistance < 0 {
		return "", 0, false, nil
	}
	bestID, best, bestSeq := "", -1, int64(0)
	if len(d.Anchors) > 0 {
		labels := make([]string, len(d.Anchors))
		for i, a := range d.Anchors {
			labels[i] = fmt.Sprintf("%016x", a)
		}
		rows, err := s.pool.Query(ctx, `SELECT DISTINCT documents.id, documents.fingerprint, documents.seq
			FROM spans JOIN documents ON documents.id = spans.doc_id
			WHERE spans.layer = '`+spanrows.LayerAnchor+`' AND spans.label = ANY($1)
			AND documents.duplicate_of IS NULL AND documents.fingerprint <> 0`, labels)
		if err != nil {
			return "", 0, false, fmt.Errorf("find near duplicate by anchor: %w", err)
		}
		for rows.Next() {
			var id string
			var f, seq int64
			if err := rows.Scan(&id, &f, &seq); err != nil {
				rows.Close()
				return "", 0, false, fmt.Errorf("find near duplicate by anchor: %w", err)
			}
			dist := bits.OnesCount64(uint64(f) ^ fp)
			if dist <= maxDistance && (best < 0 || dist < best || (dist == best && seq < bestSeq)) {
				bestID, best, bestSeq = id, dist, seq
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return "", 0, false, fmt.Errorf("find near duplicate by anchor: %w", err)
		}
	}
	if maxDistance <= 3 || best < 0 {
		id, dist, found, err := s.NearDuplicate(ctx, fp, min(maxDistance, 3))
		if err != nil {
			return "", 0, false, err
		}
		if found && (best < 0 || dist < best) {
			bestID, best = id, dist
		}
	}
	if best < 0 {
		return "", 0, false, nil
	}
	return bestID, best, true, nil
}
