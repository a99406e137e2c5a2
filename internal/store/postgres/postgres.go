// Package postgres is the PostgreSQL backend of store.Store, through pgx,
// for deployments where several stateless workers and an API server share
// one database.
//
// It stores the same tables as store/sqlite, in PostgreSQL's own types
// (jsonb records, date columns, bigint fingerprints, a GiST index on event
// points), and behaves the same: both pass storetest.
//
// # Concurrent writers
//
// SaveBatch runs at READ COMMITTED, the server's default, and relies on
// constraints rather than on reading first and writing later:
//
//   - A document is inserted with ON CONFLICT DO NOTHING. When two workers
//     save the same content at once, the second INSERT waits on the unique
//     hash index until the first transaction ends; if that one commits,
//     the second finds the conflict, reads the stored id and skips the
//     document, exactly as if the batches had run one after the other. If
//     it rolls back, the second inserts.
//   - A taken id (different content under the same name) also makes the
//     INSERT do nothing; the document then tries id-2, id-3, … in turn, so
//     two workers can never both take the same suffix.
//   - Before inserting, a batch takes transaction-scoped advisory locks on
//     its documents' hashes and ids, in sorted order. Two workers with
//     overlapping batches in different orders then queue instead of
//     deadlocking on each other's uncommitted rows.
//   - Events are upserted in id order, so two batches touching the same
//     events lock them in the same order.
//   - If PostgreSQL still reports a deadlock or a serialization failure
//     (a case the ordering does not cover, such as one batch's document
//     literally named "x-2" racing another's renamed "x"), the whole
//     transaction is retried a few times; a batch has no effects outside
//     it, so running it again is safe.
//
// Readers see whole batches only: each query reads one snapshot.
package postgres

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sitrep-dev/sitrep/internal/store"
	"github.com/sitrep-dev/sitrep/internal/store/sqlrow"
)

var _ store.Store = (*Store)(nil)

// DefaultMaxConns is the pool size when the DSN does not set
// pool_max_conns. Callbacks of Events and Documents may themselves query
// (an API handler reading a document while walking events), each holding a
// second connection, so the pool is larger than pgx's default of the core
// count.
var DefaultMaxConns = int32(max(8, 4*runtime.NumCPU()))

// maxAttempts bounds how often a transaction that lost a deadlock or a
// serialization conflict is run again.
const maxAttempts = 5

// Store is a store.Store on one PostgreSQL database (or schema). It is
// safe for concurrent use, and several Stores in several processes may
// share the database.
type Store struct {
	pool *pgxpool.Pool
	read *sqlrow.Reader
}

// Open connects to the database dsn names, a postgres:// URL or a libpq
// keyword string ("host=… dbname=…"), and brings its schema up to date.
// Tables live in the first schema of the connection's search_path, which
// the DSN may set (…?search_path=sitrep). Migrations that have not run yet
// are applied in one transaction under an advisory lock, so workers
// opening the same database at once take turns and a failed upgrade
// leaves the schema as it was.
func Open(ctx context.Context, dsn string) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		// pgx's message quotes the DSN with its password masked.
		return nil, fmt.Errorf("open postgres store: %w", err)
	}
	if !strings.Contains(dsn, "pool_max_conns") {
		cfg.MaxConns = DefaultMaxConns
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open postgres store: %w", err)
	}
	if err := migrate(ctx, pool, len(migrations)); err != nil {
		pool.Close()
		return nil, fmt.Errorf("open postgres store %s: %w", describe(cfg), err)
	}
	s := &Store{pool: pool}
	s.read = sqlrow.NewReader(s.query, s.queryRow, dialect)
	return s, nil
}

// describe names the database for error messages, without credentials.
func describe(cfg *pgxpool.Config) string {
	c := cfg.ConnConfig
	return fmt.Sprintf("%s@%s:%d/%s", c.User, c.Host, c.Port, c.Database)
}

// Close closes the connection pool.
func (s *Store) Close() error {
	s.pool.Close()
	return nil
}

// Pool is the store's connection pool, for tools that need SQL beyond the
// store's methods (reports over the whole database, maintenance).
func (s *Store) Pool() *pgxpool.Pool { return s.pool }

// inTx runs fn in a transaction and commits it, running it again from the
// start when PostgreSQL aborted it for a deadlock or a serialization
// failure. fn must have no effects outside the transaction.
func (s *Store) inTx(ctx context.Context, fn func(pgx.Tx) error) error {
	for attempt := 1; ; attempt++ {
		err := pgx.BeginFunc(ctx, s.pool, fn)
		if err == nil || attempt == maxAttempts || !retryable(err) {
			return err
		}
		// Back off a little, with jitter, so the two contenders do not
		// meet again at the same instant.
		d := time.Duration(attempt*attempt)*10*time.Millisecond + rand.N(10*time.Millisecond)
		select {
		case <-ctx.Done():
			return errors.Join(err, ctx.Err())
		case <-time.After(d):
		}
	}
}

// retryable reports whether err is PostgreSQL aborting a transaction that
// would succeed if run again: serialization_failure or deadlock_detected.
func retryable(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (pe.Code == "40001" || pe.Code == "40P01")
}
