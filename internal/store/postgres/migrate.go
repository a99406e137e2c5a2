package postgres

import (
	"context"
	"embed"
	"fmt"
	"github.com/sitrep-dev/sitrep/internal/store/migration"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// migrations are the embedded steps in version order.
var migrations = migration.MustLoad(migrationFS)

// SchemaVersion is the schema version this build writes.
func SchemaVersion() int { return len(migrations) }

// migrateLockKey is the advisory lock taken while migrating. Several
// workers started together all call Open; the lock makes them take turns,
// so exactly one applies each step and the rest find it done. The number
// is arbitrary ("sitrep" in ASCII) but fixed for all releases.
const migrateLockKey int64 = 0x736974726570

// migrate brings the schema first in the connection's search_path to
// version target in one transaction. DDL is transactional in PostgreSQL, so
// a failed upgrade leaves the database as it was. A database from a newer
// sitrep (a version this build does not know) is refused rather than
// written with an older idea of the schema.
func migrate(ctx context.Context, pool *pgxpool.Pool, target int) error {
	tx, err := pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("migrate schema: %w", err)
	}
	defer tx.Rollback(ctx)
	// A transaction-level lock is released by COMMIT or ROLLBACK, so a
	// worker that dies mid-migration cannot leave it held.
	if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", migrateLockKey); err != nil {
		return fmt.Errorf("migrate schema: lock: %w", err)
	}
	if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    integer PRIMARY KEY,
		name       text NOT NULL,
		applied_at timestamptz NOT NULL DEFAULT now()
	)`); err != nil {
		return fmt.Errorf("migrate schema: create schema_migrations: %w", err)
	}
	var cur int
	if err := tx.QueryRow(ctx, "SELECT coalesce(max(version), 0) FROM schema_migrations").Scan(&cur); err != nil {
		return fmt.Errorf("migrate schema: read version: %w", err)
	}
	if cur > len(migrations) {
		return fmt.Errorf("migrate schema: database is at version %d, this sitrep knows only %d", cur, len(migrations))
	}
	for _, m := range migrations[cur:max(cur, target)] {
		// The simple protocol runs a file of several statements in one
		// round trip; the extended protocol allows only one per call.
		if _, err := tx.Exec(ctx, m.SQL, pgx.QueryExecModeSimpleProtocol); err != nil {
			return fmt.Errorf("migrate schema: apply %s: %w", m.Name, err)
		}
		if _, err := tx.Exec(ctx, "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", m.Version, m.Name); err != nil {
			return fmt.Errorf("migrate schema: record %s: %w", m.Name, err)
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("migrate schema: commit: %w", err)
	}
	return nil
}
