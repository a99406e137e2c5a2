package postgres

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep-dev/sitrep/internal/store"
	"github.com/sitrep-dev/sitrep/internal/store/sqlrow"
)

var (
	_ store.RawEventLister = (*Store)(nil)
	_ store.Versioner      = (*Store)(nil)
	_ store.Gridder        = (*Store)(nil)
)

// EventsVersion counts the write transactions the events trigger noted
// (migration 0004): the count moves exactly when one commits, and the
// primary key makes it an index-only scan of one small row per write.
func (s *Store) EventsVersion(ctx context.Context) (store.Version, error) {
	var n int64
	var at *time.Time
	if err := s.pool.QueryRow(ctx, "SELECT count(*), max(at) FROM events_writes").Scan(&n, &at); err != nil {
		return store.Version{}, fmt.Errorf("read events version: %w", err)
	}
	v := store.Version{Tag: "p" + strconv.FormatInt(n, 36)}
	if at != nil {
		v.Modified = at.UTC()
	}
	return v, nil
}

// EventDays groups the matching dated events by date.
func (s *Store) EventDays(ctx context.Context, q store.EventQuery) ([]store.DayCount, error) {
	q.After, q.Limit = nil, 0
	where, args := eventFilter(q)
	where = append([]string{"date IS NOT NULL"}, where...)
	rows, err := s.pool.Query(ctx, "SELECT to_char(date, 'YYYY-MM-DD'), count(*) FROM events WHERE "+
		strings.Join(where, " AND ")+" GROUP BY date ORDER BY date", args)
	if err != nil {
		return nil, fmt.Errorf("count events by day: %w", err)
	}
	defer rows.Close()
	return sqlrow.ScanDays(rows)
}

// EventGrid groups the matching located events by cell and type in SQL,
// with the filters (and their indexes) of Events.
func (s *Store) EventGrid(ctx context.Context, q store.EventQuery, cellDeg float64) ([]store.GridCell, error) {
	if err := sqlrow.CheckCellSize(cellDeg); err != nil {
		return nil, err
	}
	q.After, q.Limit = nil, 0
	where, args := eventFilter(q)
	args["cell"] = cellDeg
	where = append([]string{"lat IS NOT NULL", "lon IS NOT NULL"}, where...)
	query := `SELECT floor(lat / @cell)::int AS r, floor(lon / @cell)::int AS c, event_type, count(*), sum(lat), sum(lon), min(lon), min(lat), max(lon), max(lat)
		FROM events WHERE ` + strings.Join(where, " AND ") + `
		GROUP BY r, c, event_type ORDER BY r, c, event_type`
	rows, err := s.pool.Query(ctx, query, args)
	if err != nil {
		return nil, fmt.Errorf("count event grid: %w", err)
	}
	defer rows.Close()
	var cells []store.GridCell
	var sumLat, sumLon float64
	flush := func() {
		if n := len(cells); n > 0 {
			c := &cells[n-1]
			c.Lat, c.Lon = sumLat/float64(c.Count), sumLon/float64(c.Count)
		}
	}
	for rows.Next() {
		var r, c int
		var n int64
		var typ string
		var la, lo float64
		var ext [4]float64
		if err := rows.Scan(&r, &c, &typ, &n, &la, &lo, &ext[0], &ext[1], &ext[2], &ext[3]); err != nil {
			return nil, fmt.Errorf("count event grid: %w", err)
		}
		if k := len(cells); k == 0 || cells[k-1].Row != r || cells[k-1].Col != c {
			flush()
			cells = append(cells, store.GridCell{Row: r, Col: c, Types: map[string]int{}, Extent: ext})
			sumLat, sumLon = 0, 0
		}
		last := &cells[len(cells)-1]
		last.Extent = store.Union(last.Extent, ext)
		last.Count += int(n)
		last.Types[typ] += int(n)
		sumLat += la
		sumLon += lo
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("count event grid: %w", err)
	}
	flush()
	return cells, nil
}
