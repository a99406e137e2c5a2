package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/sitrep-dev/sitrep/internal/app"
	"github.com/sitrep-dev/sitrep/internal/place/gazetteer"
	"github.com/sitrep-dev/sitrep/internal/store"
)

// placeFilter resolves a --place argument through the stored events and,
// for a spelling no event carries, the gazetteer (app.PlaceFilter). An
// ambiguous name is a command line error naming the places it may mean.
func placeFilter(ctx context.Context, env *Env, cmd string, st store.Store, db, place string) (string, error) {
	if place == "" {
		return "", nil
	}
	load := func() (*gazetteer.Gazetteer, error) { return app.LoadGazetteer(ctx, db, "") }
	p, err := app.PlaceFilter(ctx, st, load, place)
	if errors.Is(err, app.ErrAmbiguousPlace) {
		fmt.Fprintf(env.Stderr, "sitrep %s: --place: %v\n", cmd, err)
		return "", errUsage
	}
	return p, err
}
