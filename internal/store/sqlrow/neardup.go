package sqlrow

import (
	"context"
	"fmt"
	"math/bits"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/store/spanrows"
)

// nearest keeps the closest of the candidates a near-duplicate search
// measures: the fewest differing fingerprint bits within max, and of
// equally close ones the earliest ingested.
type nearest struct {
	fp   uint64
	max  int
	id   string
	dist int // -1 until a candidate is within max
	seq  int64
}

func newNearest(fp uint64, maxDistance int) *nearest {
	return &nearest{fp: fp, max: maxDistance, dist: -1}
}

// scan considers every row of (id, fingerprint, seq).
func (n *nearest) scan(rows Rows) error {
	for rows.Next() {
		var id string
		var f, seq int64
		if err := rows.Scan(&id, &f, &seq); err != nil {
			return err
		}
		d := bits.OnesCount64(uint64(f) ^ n.fp)
		if d > n.max {
			continue
		}
		if n.dist < 0 || d < n.dist || (d == n.dist && seq < n.seq) {
			n.id, n.dist, n.seq = id, d, seq
		}
	}
	return rows.Err()
}

// candidates is the condition every candidate document meets; the band
// indexes are partial indexes on it.
const candidates = "duplicate_of IS NULL AND fingerprint <> 0"

// NearDuplicate returns the stored, non-duplicate document whose
// fingerprint is closest to fp, if within maxDistance bits; of equally
// close ones, the earliest ingested. A zero fingerprint is "none" and
// matches nothing.
//
// For maxDistance ≤ 3 the candidates come from the four 16-bit band
// indexes: flipping at most 3 bits leaves at least one of the 4 bands
// untouched (pigeonhole). A wider search cannot use them and scans every
// fingerprint, which is correct but linear in the number of documents.
func (r *Reader) NearDuplicate(ctx context.Context, fp uint64, maxDistance int) (string, int, bool, error) {
	if fp == 0 || maxDistance < 0 {
		return "", 0, false, nil
	}
	sql := "SELECT id, fingerprint, seq FROM documents WHERE " + candidates
	var args []any
	if maxDistance <= 3 {
		// One SELECT per band, so each can use its partial index. UNION
		// ALL, not UNION: a document found through two bands is just
		// measured twice, which is cheaper than sorting to drop it.
		sql = ""
		for i, b := range Bands(fp) {
			if i > 0 {
				sql += "\n\t\tUNION ALL "
			}
			sql += fmt.Sprintf("SELECT id, fingerprint, seq FROM documents WHERE band%d = %s AND %s", i, r.dl.Param(i+1), candidates)
			args = append(args, b)
		}
	}
	n := newNearest(fp, maxDistance)
	if err := r.query(ctx, sql, args, n.scan); err != nil {
		return "", 0, false, fmt.Errorf("find near duplicate: %w", err)
	}
	if n.dist < 0 {
		return "", 0, false, nil
	}
	return n.id, n.dist, true, nil
}

// NearDuplicateOf returns the stored, non-duplicate document closest to d
// within maxDistance fingerprint bits among the candidates that share an
// anchor with d or, when maxDistance ≤ 3, a fingerprint band. Anchor rows
// are found through the spans label index, so the cost is a few index
// look-ups whatever the size of the store.
func (r *Reader) NearDuplicateOf(ctx context.Context, d *doc.Document, maxDistance int) (string, int, bool, error) {
	fp := d.Fingerprint
	if fp == 0 || maxDistance < 0 {
		return "", 0, false, nil
	}
	n := newNearest(fp, maxDistance)
	if len(d.Anchors) > 0 {
		labels := make([]string, len(d.Anchors))
		for i, a := range d.Anchors {
			labels[i] = fmt.Sprintf("%016x", a)
		}
		cond, args := r.dl.AnyOf("spans.label", 1, labels)
		sql := `SELECT DISTINCT documents.id, documents.fingerprint, documents.seq
			FROM spans JOIN documents ON documents.id = spans.doc_id
			WHERE spans.layer = '` + spanrows.LayerAnchor + `' AND ` + cond + `
			AND documents.duplicate_of IS NULL AND documents.fingerprint <> 0`
		if err := r.query(ctx, sql, args, n.scan); err != nil {
			return "", 0, false, fmt.Errorf("find near duplicate by anchor: %w", err)
		}
	}
	bestID, best := n.id, n.dist
	if maxDistance <= 3 || best < 0 {
		// The band search's tie between equally close documents is its
		// own; an anchor's candidate keeps its place on a tie.
		id, dist, found, err := r.NearDuplicate(ctx, fp, min(maxDistance, 3))
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
