package sqlite

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep-dev/sitrep/internal/store"
)

var (
	_ store.RawEventLister = (*Store)(nil)
	_ store.Versioner      = (*Store)(nil)
	_ store.Gridder        = (*Store)(nil)
)

// EventsVersion reads the counter the events triggers move (migration
// 0007): one row, one look-up.
func (s *Store) EventsVersion(ctx context.Context) (store.Version, error) {
	var seq int64
	var at string
	if err := s.r.QueryRowContext(ctx, "SELECT seq, written_at FROM events_version WHERE id = 1").Scan(&seq, &at); err != nil {
		return store.Version{}, fmt.Errorf("read events version: %w", err)
	}
	v := store.Version{Tag: "s" + strconv.FormatInt(seq, 36)}
	if t, err := time.Parse("2006-01-02T15:04:05.999Z", at); err == nil && seq > 0 {
		v.Modified = t
	}
	return v, nil
}

// dateBound adds Events's sargable lower date bound to where.
func (s *Store) dateBound(ctx context.Context, q store.EventQuery, where []string, args []any) ([]string, []any, error) {
	if q.From.IsZero() {
		return where, args, nil
	}
	var span float64
	if err := s.r.QueryRowContext(ctx, `SELECT coalesce(max(julianday(date_end) - julianday(date)), 0)
		FROM events WHERE date_end > date`).Scan(&span); err != nil {
		return nil, nil, fmt.Errorf("longest span: %w", err)
	}
	return append(where, "date >= ?"), append(args, q.From.AddDate(0, 0, -int(math.Ceil(span))).Format(time.DateOnly)), nil
}

// EventDays groups the matching dated events by date, walking the date
// order of events_cover (or a filter's index), so nothing is sorted.
func (s *Store) EventDays(ctx context.Context, q store.EventQuery) ([]store.DayCount, error) {
	q.After, q.Limit = nil, 0
	where0, args0 := eventFilter(q)
	where, args, err := s.dateBound(ctx, q, where0, args0)
	if err != nil {
		return nil, fmt.Errorf("count events by day: %w", err)
	}
	where = append([]string{"date IS NOT NULL"}, where...)
	rows, err := s.r.QueryContext(ctx, "SELECT date, count(*) FROM events WHERE "+strings.Join(where, " AND ")+
		" GROUP BY date ORDER BY date", args...)
	if err != nil {
		return nil, fmt.Errorf("count events by day: %w", err)
	}
	defer rows.Close()
	var days []store.DayCount
	for rows.Next() {
		var d store.DayCount
		if err := rows.Scan(&d.Date, &d.Count); err != nil {
			return nil, fmt.Errorf("count events by day: %w", err)
		}
		days = append(days, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("count events by day: %w", err)
	}
	return days, nil
}

// EventGrid groups the matching located events by cell and type in SQL.
// Every column it reads is in events_cover (or in the index a filter
// picks), so the count never touches the records; the date bound is made
// sargable the way Events makes it.
func (s *Store) EventGrid(ctx context.Context, q store.EventQuery, cellDeg float64) ([]store.GridCell, error) {
	if !(cellDeg > 0) || math.IsInf(cellDeg, 0) {
		return nil, fmt.Errorf("count event grid: cell size %v is not a positive number of degrees", cellDeg)
	}
	q.After, q.Limit = nil, 0
	where0, args0 := eventFilter(q)
	where, args, err := s.dateBound(ctx, q, where0, args0)
	if err != nil {
		return nil, fmt.Errorf("count event grid: %w", err)
	}
	where = append([]string{"lat IS NOT NULL", "lon IS NOT NULL"}, where...)
	// floor() is not in every SQLite build; CAST truncates toward zero,
	// so negative coordinates step down by one when not on a boundary.
	cell := func(col string) string {
		return fmt.Sprintf("(CAST(%[1]s / %[2]g AS INTEGER) - (%[1]s < 0 AND %[1]s / %[2]g <> CAST(%[1]s / %[2]g AS INTEGER)))", col, cellDeg)
	}
	query := "SELECT " + cell("lat") + " AS r, " + cell("lon") + ` AS c, event_type, count(*), sum(lat), sum(lon), min(lon), min(lat), max(lon), max(lat)
		FROM events WHERE ` + strings.Join(where, " AND ") + `
		GROUP BY r, c, event_type ORDER BY r, c, event_type`
	rows, err := s.r.QueryContext(ctx, query, args...)
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
		var r, c, n int
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
		last.Count += n
		last.Types[typ] += n
		sumLat += la
		sumLon += lo
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("count event grid: %w", err)
	}
	flush()
	return cells, nil
}
