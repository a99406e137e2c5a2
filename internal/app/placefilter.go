package app

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/sitrep-dev/sitrep/internal/place/gazetteer"
	"github.com/sitrep-dev/sitrep/internal/record"
	"github.com/sitrep-dev/sitrep/internal/store"
)

// ErrAmbiguousPlace is returned by PlaceFilter when a name means several
// places that all have stored events; the error lists them with their
// GeoNames ids, which the user can give instead.
var ErrAmbiguousPlace = errors.New("ambiguous place name")

// PlaceFilter turns a place as a user types it ("Khan Sheikhun",
// "khan shaykhoun", "168325") into the store's place filter
// (store.EventQuery.Place), which matches a stored location name exactly or
// a GeoNames id.
//
// Events are stored under the gazetteer's spelling of a place, whichever
// spelling their articles used, so an exact name that no event carries is
// looked up in the gazetteer (loadGazetteer is called only then, as it
// takes a few hundred milliseconds) and every place the name may mean is
// tried: the one with stored events is the answer. Several with events is
// ErrAmbiguousPlace; none leaves the name as it is, so the caller's listing
// is empty rather than about somewhere else.
func PlaceFilter(ctx context.Context, st store.Store, loadGazetteer func() (*gazetteer.Gazetteer, error), name string) (string, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return "", nil
	}
	if id, err := strconv.ParseInt(name, 10, 64); err == nil && id > 0 {
		return name, nil
	}
	if found, err := hasEvents(ctx, st, name); err != nil || found {
		return name, err
	}
	gz, err := loadGazetteer()
	if err != nil {
		return "", err
	}
	type match struct {
		id   int64
		name string
		cc   string
	}
	var withEvents []match
	seen := map[int64]bool{}
	for _, c := range gz.Lookup(name) {
		e := gz.Entry(c.Entry)
		if c.Demonym || e.ID <= 0 || seen[e.ID] {
			continue
		}
		seen[e.ID] = true
		found, err := hasEvents(ctx, st, strconv.FormatInt(e.ID, 10))
		if err != nil {
			return "", err
		}
		if !found && e.Name != name {
			// Events stored before an import gave the place an id carry
			// only its name.
			if found, err = hasEvents(ctx, st, e.Name); err != nil {
				return "", err
			}
			if found {
				return e.Name, nil
			}
		}
		if found {
			withEvents = append(withEvents, match{e.ID, e.Name, e.Country})
		}
	}
	switch len(withEvents) {
	case 0:
		return name, nil
	case 1:
		return strconv.FormatInt(withEvents[0].id, 10), nil
	}
	slices.SortFunc(withEvents, func(a, b match) int { return cmp.Compare(a.id, b.id) })
	var all []string
	for _, m := range withEvents {
		all = append(all, fmt.Sprintf("%s (%s, GeoNames %d)", m.name, m.cc, m.id))
	}
	return "", fmt.Errorf("%w %q: events are stored at %s; give the GeoNames id", ErrAmbiguousPlace, name, strings.Join(all, ", "))
}

// errFound stops a listing at its first event.
var errFound = errors.New("found")

func hasEvents(ctx context.Context, st store.Store, place string) (bool, error) {
	err := st.Events(ctx, store.EventQuery{Place: place, Limit: 1}, func(record.Event) error { return errFound })
	switch {
	case errors.Is(err, errFound):
		return true, nil
	case err != nil:
		return false, fmt.Errorf("look up events at %q: %w", place, err)
	}
	return false, nil
}
