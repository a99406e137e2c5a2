package sqlrow

import (
	"fmt"
	"math"

	"github.com/sitrep-dev/sitrep/internal/store"
)

// ScanDays reads the rows of an EventDays query, (date as YYYY-MM-DD,
// count), in the order they come.
func ScanDays(rows Rows) ([]store.DayCount, error) {
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

// CheckCellSize says why cellDeg cannot be the cell size of an event
// grid: it must be a positive, finite number of degrees.
func CheckCellSize(cellDeg float64) error {
	if !(cellDeg > 0) || math.IsInf(cellDeg, 0) {
		return fmt.Errorf("count event grid: cell size %v is not a positive number of degrees", cellDeg)
	}
	return nil
}
