package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
)

// maxStmts bounds the prepared read statements a Store keeps. Listings
// make one SQL text per combination of filters (and number of box
// cells), so a server asks a few dozen again and again.
const maxStmts = 512

// stmtCache keeps prepared read statements by SQL text. Parsing and
// planning a listing's query cost as much as running it (a box split into
// cells is a compound of many SELECTs); database/sql then prepares each
// statement once per pooled connection and reuses it.
type stmtCache struct {
	mu sync.Mutex
	m  map[string]*cachedStmt
}

// cachedStmt counts the callers between taking a statement from the cache
// and starting their query on it: a statement the cache let go of is
// closed only once none is left, since a closed statement can no longer
// start one. A started query keeps what it needs open by itself.
type cachedStmt struct {
	st      *sql.Stmt
	users   int
	evicted bool
}

// acquire returns the statement for query on db, preparing it on first
// use; release must be called once the query has started. The lock is not
// held while preparing, which needs a connection: a caller streaming rows
// on one connection may ask for another statement while every other
// connection waits for this lock.
func (c *stmtCache) acquire(ctx context.Context, db *sql.DB, query string) (st *sql.Stmt, release func(), err error) {
	c.mu.Lock()
	e, ok := c.m[query]
	if ok {
		e.users++
		c.mu.Unlock()
		return e.st, c.releaser(e), nil
	}
	c.mu.Unlock()
	prepared, err := db.PrepareContext(ctx, query)
	if err != nil {
		return nil, nil, fmt.Errorf("prepare: %w", err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.m[query]; ok {
		// Prepared meanwhile by another caller: keep one.
		prepared.Close()
		e.users++
		return e.st, c.releaser(e), nil
	}
	if c.m == nil || len(c.m) >= maxStmts {
		// Rarely reached; starting over is simpler than tracking use.
		c.evictLocked()
		c.m = map[string]*cachedStmt{}
	}
	e = &cachedStmt{st: prepared, users: 1}
	c.m[query] = e
	return e.st, c.releaser(e), nil
}

func (c *stmtCache) releaser(e *cachedStmt) func() {
	return func() {
		c.mu.Lock()
		defer c.mu.Unlock()
		e.users--
		if e.evicted && e.users == 0 {
			e.st.Close()
		}
	}
}

// evictLocked lets go of every statement, closing those no caller holds.
func (c *stmtCache) evictLocked() error {
	var errs []error
	for _, e := range c.m {
		e.evicted = true
		if e.users == 0 {
			errs = append(errs, e.st.Close())
		}
	}
	c.m = nil
	return errors.Join(errs...)
}

func (c *stmtCache) close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.evictLocked()
}

// queryRead runs a read query through a cached prepared statement.
func (s *Store) queryRead(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, release, err := s.stmts.acquire(ctx, s.r, query)
	if err != nil {
		return nil, err
	}
	defer release()
	return st.QueryContext(ctx, args...)
}
