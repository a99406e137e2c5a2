package api

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"slices"
	"strconv"

	"github.com/sitrep-dev/sitrep/internal/record"
	"github.com/sitrep-dev/sitrep/internal/store"
)

// CellsPerTile is how many grid cells span one 256-pixel map tile at the
// requested zoom: cells of about 64 pixels, coarse enough that a marker
// per cell stays readable, fine enough that the map still shows shape.
const CellsPerTile = 4

// MaxGridZoom is the finest zoom the grid answers; beyond it the page
// shows events themselves.
const MaxGridZoom = 18

// CellSize is the side of a grid cell in degrees at a web map zoom level.
func CellSize(zoom int) float64 {
	return 360 / math.Exp2(float64(zoom)) / CellsPerTile
}

// gridAnswer is the answer of GET /api/events/grid.
type gridAnswer struct {
	Zoom  int     `json:"zoom"`
	Cell  float64 `json:"cell"`
	Total int     `json:"total"`
	// Extent is the box of all counted events (zeros when none).
	Extent [4]float64 `json:"extent"`
	Cells  []cell     `json:"cells"`
}

// cell is one non-empty grid cell with its bounds, for zooming into it.
type cell struct {
	store.GridCell
	BBox [4]float64 `json:"bbox"`
}

func (s *server) eventGrid(w http.ResponseWriter, r *http.Request) error {
	v := r.URL.Query()
	q, err := ParseQuery(v)
	if err != nil {
		return errorf(http.StatusBadRequest, "%v", err)
	}
	zs := v.Get("zoom")
	zoom, err := strconv.Atoi(zs)
	if err != nil || zoom < 0 || zoom > MaxGridZoom {
		return errorf(http.StatusBadRequest, "zoom %q is not a number from 0 to %d", zs, MaxGridZoom)
	}
	size := CellSize(zoom)
	return s.serveComputed(w, r, func(ctx context.Context, buf *bytes.Buffer) (*answer, error) {
		var cells []store.GridCell
		if g, ok := s.st.(store.Gridder); ok {
			if cells, err = g.EventGrid(ctx, q, size); err != nil {
				return nil, err
			}
		} else if cells, err = gridByWalking(ctx, s.st, q, size); err != nil {
			return nil, err
		}
		ans := gridAnswer{Zoom: zoom, Cell: size, Cells: make([]cell, len(cells))}
		for i, c := range cells {
			if i == 0 {
				ans.Extent = c.Extent
			}
			ans.Extent = store.Union(ans.Extent, c.Extent)
			ans.Total += c.Count
			ans.Cells[i] = cell{GridCell: c, BBox: [4]float64{
				float64(c.Col) * size, float64(c.Row) * size, float64(c.Col+1) * size, float64(c.Row+1) * size}}
		}
		if err := json.NewEncoder(buf).Encode(ans); err != nil {
			return nil, fmt.Errorf("encode grid: %w", err)
		}
		return &answer{contentType: jsonType}, nil
	})
}

// gridByWalking counts a grid from Events, for stores that cannot count
// it themselves.
func gridByWalking(ctx context.Context, st store.Store, q store.EventQuery, size float64) ([]store.GridCell, error) {
	q.Limit, q.After = 0, nil
	type key struct{ r, c int }
	byKey := map[key]*store.GridCell{}
	var keys []key
	err := st.Events(ctx, q, func(ev record.Event) error {
		if ev.Location == nil {
			return nil
		}
		k := key{int(math.Floor(ev.Location.Lat / size)), int(math.Floor(ev.Location.Lon / size))}
		c := byKey[k]
		pt := [4]float64{ev.Location.Lon, ev.Location.Lat, ev.Location.Lon, ev.Location.Lat}
		if c == nil {
			c = &store.GridCell{Row: k.r, Col: k.c, Types: map[string]int{}, Extent: pt}
			byKey[k] = c
			keys = append(keys, k)
		}
		// Running mean, so no second pass.
		c.Count++
		c.Lat += (ev.Location.Lat - c.Lat) / float64(c.Count)
		c.Lon += (ev.Location.Lon - c.Lon) / float64(c.Count)
		c.Types[ev.EventType]++
		c.Extent = store.Union(c.Extent, pt)
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := make([]store.GridCell, 0, len(keys))
	for _, k := range keys {
		out = append(out, *byKey[k])
	}
	slices.SortFunc(out, func(a, b store.GridCell) int {
		return cmp.Or(cmp.Compare(a.Row, b.Row), cmp.Compare(a.Col, b.Col))
	})
	return out, nil
}

// daysAnswer is the answer of GET /api/events/days.
type daysAnswer struct {
	Total int              `json:"total"`
	Days  []store.DayCount `json:"days"`
}

func (s *server) eventDays(w http.ResponseWriter, r *http.Request) error {
	q, err := ParseQuery(r.URL.Query())
	if err != nil {
		return errorf(http.StatusBadRequest, "%v", err)
	}
	return s.serveComputed(w, r, func(ctx context.Context, buf *bytes.Buffer) (*answer, error) {
		ans := daysAnswer{Days: []store.DayCount{}}
		if g, ok := s.st.(store.Gridder); ok {
			days, err := g.EventDays(ctx, q)
			if err != nil {
				return nil, err
			}
			ans.Days = append(ans.Days, days...)
		} else {
			q.Limit, q.After = 0, nil
			if err := s.st.Events(ctx, q, func(ev record.Event) error {
				if ev.Date == nil {
					return nil
				}
				if n := len(ans.Days); n > 0 && ans.Days[n-1].Date == *ev.Date {
					ans.Days[n-1].Count++
				} else {
					ans.Days = append(ans.Days, store.DayCount{Date: *ev.Date, Count: 1})
				}
				return nil
			}); err != nil {
				return nil, err
			}
		}
		for _, d := range ans.Days {
			ans.Total += d.Count
		}
		if err := json.NewEncoder(buf).Encode(ans); err != nil {
			return nil, fmt.Errorf("encode days: %w", err)
		}
		return &answer{contentType: jsonType}, nil
	})
}
