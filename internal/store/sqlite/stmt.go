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
	m  map[string]*sql.Stmt
}

// prepared returns the statement for query on db, preparing it on first
// use. The lock is not held while preparing, which needs a connection: a
// caller streaming rows on one connection may ask for another statement
// while every other connection waits for this lock.
func (c *stmtCache) prepared(ctx context.Context, db *sql.DB, query string) (*sql.Stmt, error) {
	c.mu.Lock()
	st, ok := c.m[query]
	c.mu.Unlock()
	if ok {
		return st, nil
	}
	st, err := db.PrepareContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("prepare: %w", err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if had, ok := c.m[query]; ok {
		// Prepared meanwhile by another caller: keep one.
		st.Close()
		return had, nil
	}
	if c.m == nil || len(c.m) >= maxStmts {
		// Rarely reached; starting over is simpler than tracking use,
		// and database/sql finishes a statement's running queries before
		// it closes it.
		c.closeLocked()
		c.m = map[string]*sql.Stmt{}
	}
	c.m[query] = st
	return st, nil
}

func (c *stmtCache) close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.closeLocked()
}

func (c *stmtCache) closeLocked() error {
	var errs []error
	for _, st := range c.m {
		errs = append(errs, st.Close())
	}
	c.m = nil
	return errors.Join(errs...)
}

// queryRead runs a read query through a cached prepared statement.
func (s *Store) queryRead(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := s.stmts.prepared(ctx, s.r, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}
