// Package app wires sitrep together: it builds the analysis chain, opens the
// store and runs batches. It is the one place that knows every stage; the
// stages know nothing of each other (see docs/ARCHITECTURE.md).
package app

import (
	"log/slog"
	"path/filepath"
	"runtime"
	"time"
)

// Defaults for Config.
const (
	DefaultBatchSize = 64
	// DefaultDBName is the store's file name inside the data directory.
	DefaultDBName = "sitrep.db"
)

// Config configures an App. The zero value is usable: every zero field
// takes its default.
type Config struct {
	// DB is the store: a file path or a DSN (sqlite://PATH). Empty means
	// DefaultDBPath.
	DB string
	// Workers is the number of documents analysed in parallel; 0 means
	// the number of CPUs.
	Workers int
	// BatchSize is the number of documents committed per transaction. It
	// bounds memory: at most a few batches are held at once.
	BatchSize int
	// MaxBytes limits the size of one input file or record; 0 means the
	// ingest default.
	MaxBytes int64
	// Published is the publication date given to documents that carry
	// none in their metadata (--published); inference from the content
	// still applies when it is nil.
	Published *time.Time
	// Places is a supplement file of extra places and name variants
	// (docs/GAZETTEER.md), loaded on top of the embedded gazetteer and any
	// GeoNames rows imported into the store.
	Places string
	// Actors is a file of extra actors in the format of the embedded
	// dictionary (docs/EVENTS.md); an entry with an embedded key replaces
	// that actor.
	Actors string
	// Log receives diagnostics; nil discards them.
	Log *slog.Logger
}

func (c Config) withDefaults(getenv func(string) string) Config {
	if c.DB == "" {
		c.DB = DefaultDBPath(getenv)
	}
	if c.Workers <= 0 {
		c.Workers = runtime.GOMAXPROCS(0)
	}
	if c.BatchSize <= 0 {
		c.BatchSize = DefaultBatchSize
	}
	if c.Log == nil {
		c.Log = slog.New(slog.DiscardHandler)
	}
	return c
}

// DefaultDBPath is where the store lives when --db is not given:
// $SITREP_DB, else $XDG_DATA_HOME/sitrep/sitrep.db, else
// ~/.local/share/sitrep/sitrep.db, else ./sitrep.db.
func DefaultDBPath(getenv func(string) string) string {
	if p := getenv("SITREP_DB"); p != "" {
		return p
	}
	if d := getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "sitrep", DefaultDBName)
	}
	if h := getenv("HOME"); h != "" {
		return filepath.Join(h, ".local", "share", "sitrep", DefaultDBName)
	}
	return DefaultDBName
}
