package app

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/sitrep-dev/sitrep/internal/place/gazetteer"
)

// LoadGazetteer builds the gazetteer the place stage resolves with: the
// embedded default, then GeoNames rows imported into the store's file with
// `sitrep gazetteer import` (when db is an SQLite file that exists), then
// the user's supplement file of extra places (when places is set).
func LoadGazetteer(ctx context.Context, db, places string) (*gazetteer.Gazetteer, error) {
	b := gazetteer.NewBuilder()
	if err := b.AddDefault(); err != nil {
		return nil, fmt.Errorf("load embedded gazetteer: %w", err)
	}
	if path, ok := sqlitePath(db); ok {
		if _, err := os.Stat(path); err == nil {
			ov, err := gazetteer.OpenOverlay(ctx, path)
			if err != nil {
				return nil, err
			}
			defer ov.Close()
			if err := ov.AddTo(ctx, b); err != nil {
				return nil, fmt.Errorf("load imported gazetteer rows from %s: %w", path, err)
			}
		} else if !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("open %s: %w", path, err)
		}
	}
	if places != "" {
		f, err := os.Open(places)
		if err != nil {
			return nil, fmt.Errorf("open places file: %w", err)
		}
		defer f.Close()
		if err := b.AddSupplement(f); err != nil {
			return nil, fmt.Errorf("read places file %s: %w", places, err)
		}
	}
	return b.Build(), nil
}

// sqlitePath returns the file path of an SQLite DSN, and false for other
// backends.
func sqlitePath(dsn string) (string, bool) {
	switch {
	case dsn == "":
		return "", false
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		return "", false
	case strings.HasPrefix(dsn, "sqlite://"):
		return strings.TrimPrefix(dsn, "sqlite://"), true
	}
	return dsn, true
}
