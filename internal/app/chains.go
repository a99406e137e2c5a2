package app

import (
	"context"
	"fmt"

	"github.com/sitrep-dev/sitrep/internal/actor"
	"github.com/sitrep-dev/sitrep/internal/clean"
	"github.com/sitrep-dev/sitrep/internal/dedup"
	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/event"
	"github.com/sitrep-dev/sitrep/internal/pipeline"
	"github.com/sitrep-dev/sitrep/internal/place"
	"github.com/sitrep-dev/sitrep/internal/quantity"
	"github.com/sitrep-dev/sitrep/internal/record"
	"github.com/sitrep-dev/sitrep/internal/segment"
	"github.com/sitrep-dev/sitrep/internal/timex"
)

// Chains are the analysis in two parts, assembled here and nowhere else.
type Chains struct {
	// Prepare runs on every document: clean the raw text (keeping a map
	// back to it), split it, fingerprint it for near-duplicate detection.
	Prepare *pipeline.Chain
	// Extract runs on documents that are not copies of stored ones.
	Extract *pipeline.Chain
	// Records turns a document's extracted events into event records.
	Records func(*doc.Document) []record.Event
	// Actors is the actor dictionary of Extract, embedded and extra
	// entries; merging classifies claimants with it.
	Actors *actor.Stage
}

// NewChains builds the analysis chains: the whole analysis, readable in
// one function.
func NewChains(ctx context.Context, cfg Config) (*Chains, error) {
	gaz, err := LoadGazetteer(ctx, cfg.DB, cfg.Places)
	if err != nil {
		return nil, err
	}
	quantities, err := quantity.New()
	if err != nil {
		return nil, fmt.Errorf("load figure lexicon: %w", err)
	}
	actors, err := LoadActors(cfg.Actors)
	if err != nil {
		return nil, err
	}
	events, err := event.New()
	if err != nil {
		return nil, fmt.Errorf("load event lexicon: %w", err)
	}
	prepare := pipeline.New(cfg.Log,
		clean.New(clean.Options{}),
		segment.New(),
		dedup.New(),
	)
	extract := pipeline.New(cfg.Log,
		timex.NewDater(), // publication date from the content when metadata had none
		timex.New(timex.Options{}),
		place.New(gaz, place.Options{}),
		quantities,
		actors,
		events,
	)
	return &Chains{Prepare: prepare, Extract: extract, Records: event.Records, Actors: actors}, nil
}

// LoadActors builds the actor dictionary: the embedded one, with the
// entries of the file extra (--actors) added or replacing embedded ones
// when extra is set.
func LoadActors(extra string) (*actor.Stage, error) {
	var entries []actor.Entry
	if extra != "" {
		var err error
		if entries, err = actor.ReadEntries(extra); err != nil {
			return nil, err
		}
	}
	actors, err := actor.New(entries...)
	if err != nil {
		return nil, fmt.Errorf("load actor dictionary: %w", err)
	}
	return actors, nil
}
