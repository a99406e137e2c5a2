// Package sqlite is the SQLite backend of store.Store, through the pure-Go
// driver modernc.org/sqlite (no cgo), so sitrep stays one static binary.
//
// A Store keeps two connection pools on one database file: a single writer
// connection, which serialises SaveBatch transactions the way SQLite does
// anyway, and a pool of read-only connections. The database runs in WAL
// mode, so readers see the last committed state and never block the writer
// or each other.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	sqlitedrv "modernc.org/sqlite" // also registers the "sqlite" driver
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/sitrep-dev/sitrep/internal/store"
	"github.com/sitrep-dev/sitrep/internal/store/sqlrow"
)

var _ store.Store = (*Store)(nil)

// DefaultBusyTimeoutMS is how long a connection waits for a lock held by
// another connection (a second sitrep process on the same file, or a
// checkpoint) before failing with SQLITE_BUSY.
const DefaultBusyTimeoutMS = 10000

// DefaultMmapBytes is how much of the database file each read connection
// maps (PRAGMA mmap_size); SQLite reads the rest with pread.
const DefaultMmapBytes = 4 << 30

// Store is a store.Store on one SQLite file. It is safe for concurrent use.
type Store struct {
	path string
	w    *sql.DB // one connection: all writes
	r    *sql.DB // read-only pool
	// stmts keeps the prepared statements of listings, on r.
	stmts stmtCache
	// read answers the reads that are alike in both SQL backends, on r.
	read *sqlrow.Reader
}

// Open opens or creates the database at path, creating its parent
// directories, and brings its schema up to date. Migrations that have not
// run yet are applied in one transaction, so a failed upgrade leaves the
// file as it was.
func Open(ctx context.Context, path string) (*Store, error) {
	if path == "" {
		return nil, errors.New("open sqlite store: empty path")
	}
	// The driver treats everything after '?' as parameters, and a "file:"
	// prefix as a URI; rather than guess the caller's intent, refuse them.
	if strings.ContainsRune(path, '?') || strings.HasPrefix(path, "file:") {
		return nil, fmt.Errorf("open sqlite store %q: path must be a plain file name", path)
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("open sqlite store: create directory: %w", err)
		}
	}
	w, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		return nil, fmt.Errorf("open sqlite store %q: %w", path, err)
	}
	// One writer connection: SQLite allows one writer at a time anyway, and
	// queueing in database/sql is cheaper than spinning on SQLITE_BUSY.
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	if err := migrateRetrying(ctx, w); err != nil {
		w.Close()
		return nil, fmt.Errorf("open sqlite store %q: %w", path, err)
	}
	r, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("open sqlite store %q: %w", path, err)
	}
	// Readers stream rows through callbacks that may themselves read (an
	// API handler looking up a document while walking events), so allow a
	// few more connections than cores.
	n := max(4, 2*runtime.NumCPU())
	r.SetMaxOpenConns(n)
	r.SetMaxIdleConns(n)
	if err := r.PingContext(ctx); err != nil {
		w.Close()
		r.Close()
		return nil, fmt.Errorf("open sqlite store %q: %w", path, err)
	}
	s := &Store{path: path, w: w, r: r}
	s.read = sqlrow.NewReader(s.query, s.queryRow, dialect)
	return s, nil
}

// dsn builds the driver's connection string.
//
// synchronous=FULL, not NORMAL: in WAL mode NORMAL syncs the WAL only at
// checkpoints, so the database can never be corrupted, but after a power
// loss or OS crash the most recent committed transactions may be gone. A
// SaveBatch that returned nil promises its batch is stored (the caller then
// moves on to the next input file), so FULL fsyncs the WAL on every commit.
// The cost is one fsync per batch, small next to a batch of 100 documents.
// A plain process crash (SIGKILL) loses nothing under either setting.
func dsn(path string, readOnly bool) string {
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", DefaultBusyTimeoutMS))
	q.Add("_pragma", "foreign_keys(1)")
	if readOnly {
		q.Add("_pragma", "query_only(1)")
		// Readers map the file instead of pread-ing every page into
		// their own small page caches: on a large store, listings touch
		// pages all over the table, and a system call per page was
		// 40% of a listing's CPU. The mapping is address space, shared
		// with the OS page cache, not memory of its own.
		q.Add("_pragma", fmt.Sprintf("mmap_size(%d)", DefaultMmapBytes))
	} else {
		q.Add("_pragma", "journal_mode(WAL)")
		q.Add("_pragma", "synchronous(FULL)")
		// Statement journals (kept by every INSERT that may roll back
		// alone, which is most of a batch's) go to memory instead of a
		// temporary file: on disk they were a write system call per page,
		// a fifth of a whole analyze run's CPU.
		q.Add("_pragma", "temp_store(MEMORY)")
		// A writer's page cache of 64 MiB instead of SQLite's 2 MiB keeps
		// the indexes a batch updates in memory between batches.
		q.Add("_pragma", "cache_size(-65536)")
		// BEGIN IMMEDIATE takes the write lock up front, so a batch never
		// fails half-way on a lock upgrade held by another process.
		q.Add("_txlock", "immediate")
	}
	return path + "?" + q.Encode()
}

// Path is the database file.
func (s *Store) Path() string { return s.path }

// Close closes both connection pools. The WAL is checkpointed by SQLite
// when the last connection closes.
func (s *Store) Close() error {
	return errors.Join(s.stmts.close(), s.r.Close(), s.w.Close())
}

// IntegrityCheck runs SQLite's integrity_check and foreign_key_check and
// returns an error describing the first problems found.
func (s *Store) IntegrityCheck(ctx context.Context) error {
	rows, err := s.r.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return fmt.Errorf("check integrity: %w", err)
	}
	var msgs []string
	for rows.Next() {
		var m string
		if err := rows.Scan(&m); err != nil {
			rows.Close()
			return fmt.Errorf("check integrity: %w", err)
		}
		if m != "ok" {
			msgs = append(msgs, m)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("check integrity: %w", err)
	}
	rows, err = s.r.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return fmt.Errorf("check foreign keys: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var table, parent string
		var rowid sql.NullInt64
		var fkid int
		if err := rows.Scan(&table, &rowid, &parent, &fkid); err != nil {
			return fmt.Errorf("check foreign keys: %w", err)
		}
		msgs = append(msgs, fmt.Sprintf("%s row %d references a missing %s", table, rowid.Int64, parent))
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("check foreign keys: %w", err)
	}
	if len(msgs) > 0 {
		if len(msgs) > 5 {
			msgs = append(msgs[:5], fmt.Sprintf("and %d more", len(msgs)-5))
		}
		return fmt.Errorf("check integrity: %s", strings.Join(msgs, "; "))
	}
	return nil
}

// migrateRetrying migrates, trying again while the database is busy for up
// to the busy timeout. Several processes opening a new file at once race
// to switch it to WAL, and the loser's connection fails with SQLITE_BUSY
// at once: SQLite does not wait through its busy handler for that switch.
func migrateRetrying(ctx context.Context, w *sql.DB) error {
	deadline := time.Now().Add(DefaultBusyTimeoutMS * time.Millisecond)
	for wait := 10 * time.Millisecond; ; wait = min(2*wait, 200*time.Millisecond) {
		err := migrate(ctx, w, len(migrations))
		var se *sqlitedrv.Error
		if err == nil || !errors.As(err, &se) || se.Code()&0xff != sqlite3.SQLITE_BUSY || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(wait):
		}
	}
}
