package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"github.com/sitrep-dev/sitrep/internal/store/migration"
	"time"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// migrations are the embedded steps in version order.
var migrations = migration.MustLoad(migrationFS)

// SchemaVersion is the schema version this build writes.
func SchemaVersion() int { return len(migrations) }

// migrate brings db to schema version target in one transaction. A database
// from a newer sitrep (a version this build does not know) is refused
// rather than written with an older idea of the schema.
func migrate(ctx context.Context, db *sql.DB, target int) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migrate schema: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    INTEGER PRIMARY KEY,
		name       TEXT NOT NULL,
		applied_at TEXT NOT NULL
	)`); err != nil {
		return fmt.Errorf("migrate schema: create schema_migrations: %w", err)
	}
	var cur int
	if err := tx.QueryRowContext(ctx, "SELECT coalesce(max(version), 0) FROM schema_migrations").Scan(&cur); err != nil {
		return fmt.Errorf("migrate schema: read version: %w", err)
	}
	if cur > len(migrations) {
		return fmt.Errorf("migrate schema: database is at version %d, this sitrep knows only %d", cur, len(migrations))
	}
	for _, m := range migrations[cur:target] {
		if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
			return fmt.Errorf("migrate schema: apply %s: %w", m.Name, err)
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
			m.Version, m.Name, time.Now().UTC().Format(time.RFC3339)); err != nil {
			return fmt.Errorf("migrate schema: record %s: %w", m.Name, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migrate schema: commit: %w", err)
	}
	return nil
}
