package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"math"
	"slices"
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

// EventDays groups the matching dated events by date, walking the date
// order of events_cover (or a filter's index), so nothing is sorted.
func (s *Store) EventDays(ctx context.Context, q store.EventQuery) ([]store.DayCount, error) {
	q.After, q.Limit = nil, 0
	span, err := s.longestSpan(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("count events by day: %w", err)
	}
	where, args := eventFilter(q, span)
	where = append([]string{"date IS NOT NULL"}, where...)
	rows, err := s.r.QueryContext(ctx, "SELECT date, count(*) FROM events WHERE "+strings.Join(where, " AND ")+
		" GROUP BY date ORDER BY date", args...)
	if err != nil {
		return nil, fmt.Errorf("count events by day: %w", err)
	}
	defer rows.Close()
	return sqlrow.ScanDays(rows)
}

// EventGrid counts the matching located events per cell and type. The
// rows come from one index walk and are counted in Go: SQLite groups by an
// expression with a temporary B-tree, a sort of every row, which took 3.5 s
// for a million events where the walk and a map take a fraction. When
// the filters are all columns of the covering indexes (dates, box, type,
// modality), the walk is pinned to one, so no record is read: events_geo
// (position first) for a box alone, events_cover (date first) when there
// are dates. The planner, left alone, took a position index without the
// type and looked every row up in the table (7.5 s for a million). Other
// filters keep the index the planner picks for them.
func (s *Store) EventGrid(ctx context.Context, q store.EventQuery, cellDeg float64) ([]store.GridCell, error) {
	if err := sqlrow.CheckCellSize(cellDeg); err != nil {
		return nil, err
	}
	q.After, q.Limit = nil, 0
	span, err := s.longestSpan(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("count event grid: %w", err)
	}
	where, args := eventFilter(q, span)
	where = append([]string{"lat IS NOT NULL", "lon IS NOT NULL"}, where...)
	from := "events"
	if q.Actor == "" && q.Place == "" && !q.Disputed && !q.Unmerged && strings.TrimSpace(q.Text) == "" && q.Doc == "" {
		from = "events INDEXED BY events_geo"
		if !q.From.IsZero() || !q.To.IsZero() {
			from = "events INDEXED BY events_cover"
		}
	}
	rows, err := s.r.QueryContext(ctx, "SELECT lat, lon, event_type FROM "+from+" WHERE "+strings.Join(where, " AND "), args...)
	if err != nil {
		return nil, fmt.Errorf("count event grid: %w", err)
	}
	defer rows.Close()
	type key struct {
		row, col int
	}
	type acc struct {
		cell           store.GridCell
		sumLat, sumLon float64
	}
	byKey := map[key]*acc{}
	types := map[string]string{} // interned event types
	for rows.Next() {
		var lat, lon float64
		var typ sql.RawBytes
		if err := rows.Scan(&lat, &lon, &typ); err != nil {
			return nil, fmt.Errorf("count event grid: %w", err)
		}
		t, ok := types[string(typ)]
		if !ok {
			t = string(typ)
			types[t] = t
		}
		k := key{int(math.Floor(lat / cellDeg)), int(math.Floor(lon / cellDeg))}
		a := byKey[k]
		if a == nil {
			a = &acc{cell: store.GridCell{Row: k.row, Col: k.col, Types: map[string]int{}, Extent: [4]float64{lon, lat, lon, lat}}}
			byKey[k] = a
		}
		a.cell.Count++
		a.cell.Types[t]++
		a.sumLat += lat
		a.sumLon += lon
		a.cell.Extent = store.Union(a.cell.Extent, [4]float64{lon, lat, lon, lat})
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("count event grid: %w", err)
	}
	cells := make([]store.GridCell, 0, len(byKey))
	for _, a := range byKey {
		a.cell.Lat, a.cell.Lon = a.sumLat/float64(a.cell.Count), a.sumLon/float64(a.cell.Count)
		cells = append(cells, a.cell)
	}
	slices.SortFunc(cells, func(a, b store.GridCell) int {
		return cmp.Or(cmp.Compare(a.Row, b.Row), cmp.Compare(a.Col, b.Col))
	})
	return cells, nil
}
