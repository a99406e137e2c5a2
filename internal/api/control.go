package api

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/sitrep-dev/sitrep/internal/control"
	"github.com/sitrep-dev/sitrep/internal/record"
	"github.com/sitrep-dev/sitrep/internal/store"
)

// MaxControlEvents bounds the events one control timeline is built from.
const MaxControlEvents = 20000

// controlAnswer is the answer of GET /api/places/{id}/control: one
// timeline per stored place the id names (a name can name several).
type controlAnswer struct {
	Place     string             `json:"place"`
	Timelines []control.Timeline `json:"timelines"`
}

func (s *server) placeControl(w http.ResponseWriter, r *http.Request) error {
	place := strings.TrimSpace(r.PathValue("id"))
	if place == "" {
		return errorf(http.StatusBadRequest, "empty place")
	}
	keys := []string{place}
	if s.opts.PlaceKeys != nil {
		var err error
		if keys, err = s.opts.PlaceKeys(place); err != nil {
			return fmt.Errorf("resolve place %q: %w", place, err)
		}
	}
	release, err := s.acquire(w, r)
	if err != nil {
		return err
	}
	defer release()
	seen := map[string]bool{}
	var events []record.Event
	for _, k := range keys {
		if err := s.st.Events(r.Context(), store.EventQuery{Place: k, Limit: MaxControlEvents}, func(ev record.Event) error {
			if !seen[ev.ID] {
				seen[ev.ID] = true
				events = append(events, ev)
			}
			return nil
		}); err != nil {
			return err
		}
	}
	ans := controlAnswer{Place: place, Timelines: control.Build(events, control.Options{})}
	if ans.Timelines == nil {
		ans.Timelines = []control.Timeline{}
	}
	// Lists are lists in the JSON, never null, so clients can iterate.
	for i := range ans.Timelines {
		tl := &ans.Timelines[i]
		if tl.Entries == nil {
			tl.Entries = []control.Entry{}
		}
		if tl.Disputes == nil {
			tl.Disputes = []control.Dispute{}
		}
	}
	return writeJSON(w, http.StatusOK, ans)
}
