package postgres

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"slices"
	"strconv"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/record"
	"github.com/sitrep-dev/sitrep/internal/store"
	"github.com/sitrep-dev/sitrep/internal/store/spanrows"
	"github.com/sitrep-dev/sitrep/internal/store/sqlrow"
)

// ContentHash is the identity of a document's content: the hex SHA-256 of
// its cleaned text, as doc.Document.Hash documents. SaveBatch fills an
// empty Hash with it.
func ContentHash(text string) string { return sqlrow.ContentHash(text) }

// SaveBatch stores docs and events in one transaction (see store.Store),
// with the semantics of store/sqlite's SaveBatch:
//
// Ids: a document is stored under d.ID unless another document with
// different content already has that id; it then gets the first free id of
// d.ID-2, d.ID-3, …. A document whose content is already stored is skipped
// and takes the id of the stored copy. Either way, after a successful
// SaveBatch d.ID is the id the document is stored under (and an empty
// d.Hash is filled in); after a failed one the documents are unchanged.
//
// References that name a batch document by its input id are rewritten to
// its final id: the reports, locations, actors and dispute claims of the
// batch's events, and the DuplicateOf of later documents in the batch. When
// two batch documents share an input id, references mean the first.
//
// Events: an event whose reports all come from skipped batch documents is
// skipped too, so re-saving a batch adds nothing. Any other event is
// upserted, replacing an existing event with the same id and its reports.
// A report naming a document that is neither in the batch nor stored fails
// the whole batch.
//
// See the package comment for what happens when workers save at once.
func (s *Store) SaveBatch(ctx context.Context, docs []*doc.Document, events []record.Event) ([]bool, error) {
	for i, d := range docs {
		if d == nil {
			return nil, fmt.Errorf("save batch: document %d is nil", i)
		}
	}
	hashes := make([]string, len(docs))
	for i, d := range docs {
		hashes[i] = d.Hash
		if hashes[i] == "" {
			hashes[i] = ContentHash(d.Text)
		}
	}
	var res *batchResult
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		// A retried attempt starts from nothing: the result of an
		// aborted one describes rows that no longer exist.
		var err error
		res, err = saveBatch(ctx, tx, docs, hashes, events)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("save batch: %w", err)
	}
	for i, d := range docs {
		d.ID, d.Hash = res.finalIDs[i], hashes[i]
		if res.isNew[i] {
			d.DuplicateOf = res.dupOfs[i]
		}
	}
	return res.isNew, nil
}

// batchResult is what a committed batch changes on its input documents.
type batchResult struct {
	isNew    []bool
	finalIDs []string
	dupOfs   []string
}

func saveBatch(ctx context.Context, tx pgx.Tx, docs []*doc.Document, hashes []string, events []record.Event) (*batchResult, error) {
	res := &batchResult{
		isNew:    make([]bool, len(docs)),
		finalIDs: make([]string, len(docs)),
		dupOfs:   make([]string, len(docs)),
	}
	bases := make([]string, len(docs))
	for i, d := range docs {
		bases[i] = sqlrow.BaseID(d.ID, hashes[i])
	}
	seqs, err := lockDocuments(ctx, tx, hashes, bases)
	if err != nil {
		return nil, err
	}
	fast, err := insertAll(ctx, tx, docs, hashes, bases, seqs)
	if err != nil {
		return nil, err
	}
	// rename maps an input id to its final id; first maps it to the first
	// batch document that had it, which is the one references mean.
	rename := make(map[string]string, len(docs))
	first := make(map[string]int, len(docs))
	var spans [][]any
	for i, d := range docs {
		// A copy of an earlier document of this batch points at that
		// document's final id.
		res.dupOfs[i] = d.DuplicateOf
		if n, ok := rename[d.DuplicateOf]; ok && d.DuplicateOf != "" {
			res.dupOfs[i] = n
		}
		id, created := bases[i], true
		if !fast {
			if id, created, err = saveDocument(ctx, tx, d, hashes[i], bases[i], seqs[i], res.dupOfs[i]); err != nil {
				return nil, fmt.Errorf("document %q: %w", d.ID, err)
			}
		}
		res.isNew[i], res.finalIDs[i] = created, id
		if _, seen := first[d.ID]; !seen {
			first[d.ID] = i
			rename[d.ID] = id
		}
		if created {
			rows, err := spanrows.FromDocument(d)
			if err != nil {
				return nil, fmt.Errorf("document %q: %w", d.ID, err)
			}
			for _, r := range rows {
				var data any
				if r.Data != nil {
					data = r.Data
				}
				spans = append(spans, []any{id, r.Layer, r.Idx, r.Start, r.End, r.Label, data})
			}
		}
	}
	if len(spans) > 0 {
		// COPY is PostgreSQL's bulk path: one round trip for every
		// annotation of the batch.
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"spans"},
			[]string{"doc_id", "layer", "idx", "start", "end", "label", "data"}, pgx.CopyFromRows(spans)); err != nil {
			return nil, fmt.Errorf("insert spans: %w", err)
		}
	}
	var keep []record.Event
	for i := range events {
		if store.AllReportsSkipped(events[i], first, res.isNew) {
			continue
		}
		keep = append(keep, events[i].WithDocIDs(rename))
	}
	if err := upsertEvents(ctx, tx, keep); err != nil {
		return nil, err
	}
	return res, nil
}

// lockKey maps a string to an advisory lock key. A collision between two
// different strings only makes two batches wait for each other needlessly.
func lockKey(kind, s string) int64 {
	h := fnv.New64a()
	h.Write([]byte(kind))
	h.Write([]byte{0})
	h.Write([]byte(s))
	return int64(h.Sum64())
}

// lockDocuments takes transaction-scoped advisory locks on the batch's
// content hashes and base ids, in sorted order, and reserves one ingest
// sequence number per document, in input order, in one round trip.
//
// The locks make a batch that would insert a row another uncommitted batch
// also inserts wait at the start, holding no row locks, instead of part-way
// through: two batches with the same articles in different orders queue
// rather than deadlock.
func lockDocuments(ctx context.Context, tx pgx.Tx, hashes, bases []string) ([]int64, error) {
	if len(hashes) == 0 {
		return nil, nil
	}
	keys := make([]int64, 0, 2*len(hashes))
	for i := range hashes {
		keys = append(keys, lockKey("hash", hashes[i]), lockKey("id", bases[i]))
	}
	slices.Sort(keys)
	keys = slices.Compact(keys)
	var b pgx.Batch
	// unnest yields the array in order, and the locks are taken row by
	// row as it does.
	b.Queue("SELECT pg_advisory_xact_lock(k) FROM unnest($1::bigint[]) AS k", keys)
	b.Queue("SELECT nextval(pg_get_serial_sequence('documents', 'seq')) FROM generate_series(1, $1)", len(hashes))
	br := tx.SendBatch(ctx, &b)
	defer br.Close()
	if _, err := br.Exec(); err != nil {
		return nil, fmt.Errorf("lock documents: %w", err)
	}
	rows, err := br.Query()
	if err != nil {
		return nil, fmt.Errorf("reserve ingest numbers: %w", err)
	}
	seqs, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("reserve ingest numbers: %w", err)
	}
	if len(seqs) != len(hashes) {
		return nil, fmt.Errorf("reserve ingest numbers: got %d, want %d", len(seqs), len(hashes))
	}
	slices.Sort(seqs)
	return seqs, br.Close()
}

// insertAll tries the common case in one round trip: every document new
// to the store and the batch, under its own id. When any document's hash
// or id turns out taken, it undoes its inserts and reports false, and the
// caller goes document by document, which decides skips and renames in
// input order exactly.
func insertAll(ctx context.Context, tx pgx.Tx, docs []*doc.Document, hashes, bases []string, seqs []int64) (bool, error) {
	if len(docs) == 0 {
		return true, nil
	}
	var b pgx.Batch
	b.Queue("SAVEPOINT insert_all")
	for i, d := range docs {
		args, err := documentArgs(d, hashes[i], d.DuplicateOf)
		if err != nil {
			return false, fmt.Errorf("document %q: %w", d.ID, err)
		}
		args[0], args[1] = bases[i], seqs[i]
		b.Queue(insertDocument, args...)
	}
	br := tx.SendBatch(ctx, &b)
	if _, err := br.Exec(); err != nil {
		br.Close()
		return false, fmt.Errorf("insert documents: %w", err)
	}
	all := true
	for i := range docs {
		var id string
		switch err := br.QueryRow().Scan(&id); {
		case errors.Is(err, pgx.ErrNoRows):
			all = false
		case err != nil:
			br.Close()
			return false, fmt.Errorf("document %q: insert: %w", docs[i].ID, err)
		}
	}
	if err := br.Close(); err != nil {
		return false, fmt.Errorf("insert documents: %w", err)
	}
	if !all {
		if _, err := tx.Exec(ctx, "ROLLBACK TO SAVEPOINT insert_all"); err != nil {
			return false, fmt.Errorf("insert documents: %w", err)
		}
	}
	return all, nil
}

const insertDocument = `INSERT INTO documents (
	id, seq, hash, fingerprint, band0, band1, band2, band3,
	origin, format, title, source, url, author, lang, summary,
	published, published_inferred, published_evidence_start, published_evidence_end,
	duplicate_of, duplicate_score, text, raw, raw_offsets, chars, sentences, errors
) VALUES ($1,$2,$3,$4,$5,$6,$7,$8, $9,$10,$11,$12,$13,$14,$15,$16, $17,$18,$19,$20, $21,$22,$23,$24,$25,$26,$27,$28)
ON CONFLICT DO NOTHING
RETURNING id`

// saveDocument inserts d unless its content is stored, and returns the id
// it is stored under and whether it was inserted.
//
// The INSERT comes first and lets the unique constraints decide: no row
// back means the hash or the id is taken. That is one round trip for a new
// document, and it is right under concurrency, where reading first and
// inserting after could race with another worker.
func saveDocument(ctx context.Context, tx pgx.Tx, d *doc.Document, hash, base string, seq int64, dupOf string) (string, bool, error) {
	args, err := documentArgs(d, hash, dupOf)
	if err != nil {
		return "", false, err
	}
	args[1] = seq
	id := base
	for n := 1; ; {
		args[0] = id
		var got string
		switch err := tx.QueryRow(ctx, insertDocument, args...).Scan(&got); {
		case err == nil:
			return got, true, nil
		case !errors.Is(err, pgx.ErrNoRows):
			return "", false, fmt.Errorf("insert: %w", err)
		}
		var existing string
		switch err := tx.QueryRow(ctx, "SELECT id FROM documents WHERE hash = $1", hash).Scan(&existing); {
		case err == nil:
			return existing, false, nil
		case !errors.Is(err, pgx.ErrNoRows):
			return "", false, fmt.Errorf("look up hash: %w", err)
		}
		// The id is taken by other content: find the next free suffix
		// with cheap look-ups before sending the text again. Another
		// worker may still take it first; the INSERT then says so and the
		// search goes on from there.
		if id, n, err = freeID(ctx, tx, base, n+1); err != nil {
			return "", false, err
		}
	}
}

// freeID returns the first of base-n, base-(n+1), … that is not taken, and
// its number.
func freeID(ctx context.Context, tx pgx.Tx, base string, n int) (string, int, error) {
	for ; ; n++ {
		id := base + "-" + strconv.Itoa(n)
		var taken bool
		if err := tx.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM documents WHERE id = $1)", id).Scan(&taken); err != nil {
			return "", 0, fmt.Errorf("look up id %q: %w", id, err)
		}
		if !taken {
			return id, n, nil
		}
	}
}

// documentArgs are the parameters of insertDocument; the id ($1) and the
// ingest number ($2) are left for the caller.
func documentArgs(d *doc.Document, hash, dupOf string) ([]any, error) {
	v, err := sqlrow.DocumentOf(d, dupOf)
	if err != nil {
		return nil, err
	}
	var errs any // jsonb; an untyped nil is NULL
	if v.Errors != nil {
		errs = v.Errors
	}
	// pgx sends a time.Time to a date column as its year, month and day
	// in the time's own location: the calendar day the caller sees.
	return []any{
		nil, nil, hash, v.Fingerprint, v.Bands[0], v.Bands[1], v.Bands[2], v.Bands[3],
		d.Origin, d.Format, v.Title, v.Source, v.URL, v.Author, v.Lang, v.Summary,
		d.Published, d.PublishedInferred, v.EvidenceStart, v.EvidenceEnd,
		v.DuplicateOf, d.DuplicateScore, d.Text, v.Raw, v.RawOffsets,
		v.Chars, v.Sentences, errs,
	}, nil
}

const upsertEvent = `INSERT INTO events (` + sqlrow.EventColumns + `)
VALUES ($1,$2,$3,$4,$5,$6, $7,$8,$9,$10,$11, $12,$13,$14,$15)
ON CONFLICT (id) DO UPDATE SET ` + sqlrow.EventUpdates + `, updated_at = now()`

// upsertEvents replaces or inserts events with their reports. The rows go
// in id order, so concurrent batches lock shared events in the same order;
// an id given twice keeps its last version, as sequential upserts would.
func upsertEvents(ctx context.Context, tx pgx.Tx, events []record.Event) error {
	if len(events) == 0 {
		return nil
	}
	last := make(map[string]int, len(events))
	for i, ev := range events {
		if ev.ID == "" {
			return errors.New("event has no id")
		}
		last[ev.ID] = i
	}
	order := make([]int, 0, len(last))
	for i, ev := range events {
		if last[ev.ID] == i {
			order = append(order, i)
		}
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(events[a].ID, events[b].ID) })

	var b pgx.Batch
	ids := make([]string, 0, len(order))
	var reports [][]any
	for _, i := range order {
		ev := events[i]
		args, err := eventArgs(&ev)
		if err != nil {
			return fmt.Errorf("event %q: %w", ev.ID, err)
		}
		b.Queue(upsertEvent, args...)
		ids = append(ids, ev.ID)
		for k, r := range ev.Reports {
			rmin, rmax := sqlrow.Bounds(r.Fatalities)
			reports = append(reports, []any{ev.ID, k, r.Doc, r.Start, r.End, r.Text, r.ClaimedBy, r.Modality, rmin, rmax})
		}
	}
	b.Queue("DELETE FROM reports WHERE event_id = ANY($1)", ids)
	// One round trip for every upsert and the delete.
	if err := tx.SendBatch(ctx, &b).Close(); err != nil {
		return fmt.Errorf("upsert events: %w", err)
	}
	if len(reports) == 0 {
		return nil
	}
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{"reports"},
		[]string{"event_id", "idx", "doc_id", "start", "end", "text", "claimed_by", "modality", "fatalities_min", "fatalities_max"},
		pgx.CopyFromRows(reports)); err != nil {
		var pe *pgconn.PgError
		if errors.As(err, &pe) && pe.Code == "23503" {
			// The server's detail names the missing document.
			return fmt.Errorf("insert reports: a report names a document that is neither in the batch nor stored (%s): %w", pe.Detail, err)
		}
		return fmt.Errorf("insert reports: %w", err)
	}
	return nil
}

// eventArgs are the parameters of upsertEvent. ev.Record is filled in.
func eventArgs(ev *record.Event) ([]any, error) {
	v, err := sqlrow.EventOf(ev)
	if err != nil {
		return nil, err
	}
	return []any{
		ev.ID, ev.EventType, ev.SubEventType, v.Date, v.DateEnd, ev.DatePrecision,
		v.LocationName, v.Lat, v.Lon, v.Country, v.GeonameID,
		v.FatalitiesMin, v.FatalitiesMax, ev.Modality, v.Record,
	}, nil
}

// ReplaceEvents deletes the events named in remove (with their reports)
// and upserts events, in one transaction.
func (s *Store) ReplaceEvents(ctx context.Context, remove []string, events []record.Event) error {
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		// Lock every event this touches, in id order, before changing
		// any: a merger and a batch saving the same events then queue.
		ids := slices.Clone(remove)
		for _, ev := range events {
			ids = append(ids, ev.ID)
		}
		slices.Sort(ids)
		ids = slices.Compact(ids)
		if _, err := tx.Exec(ctx, "SELECT id FROM events WHERE id = ANY($1) ORDER BY id FOR UPDATE", ids); err != nil {
			return fmt.Errorf("lock events: %w", err)
		}
		if len(remove) > 0 {
			// Reports go with their event (ON DELETE CASCADE).
			if _, err := tx.Exec(ctx, "DELETE FROM events WHERE id = ANY($1)", remove); err != nil {
				return fmt.Errorf("delete events: %w", err)
			}
		}
		return upsertEvents(ctx, tx, events)
	})
	if err != nil {
		return fmt.Errorf("replace events: %w", err)
	}
	return nil
}
