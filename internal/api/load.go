package api

import (
	"bytes"
	"container/list"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"hash/maphash"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sitrep-dev/sitrep/internal/store"
)

// gate bounds the requests that work on the store at once. The work is
// CPU (SQLite through a pure-Go driver, JSON), so more requests running
// than cores only share the cores more thinly: every request gets slower
// and the tail grows with the number of clients. Waiting in a FIFO queue
// for a slot instead keeps each request's own work as fast as on an idle
// server, so latency grows with the queue, not with thrashing.
type gate struct {
	slots   chan struct{}
	waiting atomic.Int64
	maxWait int64
}

func newGate(slots, queue int) *gate {
	return &gate{slots: make(chan struct{}, slots), maxWait: int64(queue)}
}

// errBusy is answered when the queue is full: 503 with Retry-After.
var errBusy = &httpError{status: http.StatusServiceUnavailable, msg: "server busy: too many requests waiting"}

// acquire waits for a slot, in arrival order, until ctx ends; the caller
// must call the returned release.
func (g *gate) acquire(ctx context.Context) (release func(), err error) {
	release = func() { <-g.slots }
	select {
	case g.slots <- struct{}{}:
		return release, nil
	default:
	}
	if g.waiting.Add(1) > g.maxWait {
		g.waiting.Add(-1)
		return nil, errBusy
	}
	defer g.waiting.Add(-1)
	select {
	case g.slots <- struct{}{}:
		return release, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// versions remembers the store's events version for a short while, so a
// burst of requests reads it once. An answer is at most VersionMaxAge
// behind a write: a tag is read before the data it labels, so a tag is
// never newer than its data, and the cache serves an older answer only
// while the remembered tag is.
type versions struct {
	st     store.Versioner
	maxAge time.Duration

	mu   sync.Mutex
	v    store.Version
	read time.Time
}

func (vs *versions) get(ctx context.Context) (store.Version, error) {
	vs.mu.Lock()
	defer vs.mu.Unlock()
	if now := time.Now(); vs.read.IsZero() || now.Sub(vs.read) >= vs.maxAge {
		v, err := vs.st.EventsVersion(ctx)
		if err != nil {
			return v, err
		}
		vs.v, vs.read = v, now
	}
	return vs.v, nil
}

// answer is a computed response body with the headers that go with it.
type answer struct {
	contentType string
	header      map[string]string
	body        []byte
	buf         *bytes.Buffer // the pooled buffer body lies in, if any
	// cost is how long computing it took, without the wait for a slot.
	cost time.Duration
}

// answerCache keeps recent answers by version and request, least recently
// used first out, within a byte budget. Entries of an older version are
// never asked for again and age out.
type answerCache struct {
	mu       sync.Mutex
	max, n   int
	order    *list.List // of *cacheEntry, most recent first
	byKey    map[string]*list.Element
	hits, in atomic.Int64
	seen     doorkeeper
}

// Admission to the cache. Keeping an answer costs a copy of it (the
// answer is built in a pooled buffer) and pushes older answers out; it
// pays only if the answer is asked for again. A large page that was cheap
// to compute, which is what a client asking one new listing after another
// produces, is kept only when its query is asked a second time: with
// every listing new (docs/API.md, "Load") the copies were garbage and
// took the collector's time from the listings. A small answer, or one
// that took long (a grid over a large store), is kept at once.
const (
	admitSmall = 16 << 10
	admitSlow  = 20 * time.Millisecond
	// seenKeys is how many missed queries the doorkeeper remembers per
	// generation (two generations; 8 bytes each, map overhead aside).
	// At thousands of new queries a second that is tens of seconds, far
	// longer than a 64 MiB cache keeps 100 KB pages under that load.
	seenKeys = 1 << 15
)

// admit says whether a newly computed answer is worth keeping; a query
// missed once before is.
func (c *answerCache) admit(key string, a *answer) bool {
	if c == nil {
		return false
	}
	if len(a.body) <= admitSmall || a.cost >= admitSlow {
		return true
	}
	return c.seen.check(key)
}

// doorkeeper remembers the hashes of recently missed queries, in two
// generations so that forgetting is gradual: when the current one is full
// it becomes the previous and the previous is dropped.
type doorkeeper struct {
	mu        sync.Mutex
	seed      maphash.Seed
	cur, prev map[uint64]struct{}
}

// check reports whether key was checked before (as far as the doorkeeper
// remembers) and remembers it.
func (d *doorkeeper) check(key string) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.cur == nil {
		d.seed = maphash.MakeSeed()
		d.cur = make(map[uint64]struct{})
	}
	h := maphash.String(d.seed, key)
	if _, ok := d.cur[h]; ok {
		return true
	}
	_, ok := d.prev[h]
	if len(d.cur) >= seenKeys {
		d.prev, d.cur = d.cur, make(map[uint64]struct{}, seenKeys)
	}
	d.cur[h] = struct{}{}
	return ok
}

type cacheEntry struct {
	key string
	a   *answer
}

func newAnswerCache(maxBytes int) *answerCache {
	return &answerCache{max: maxBytes, order: list.New(), byKey: map[string]*list.Element{}}
}

func (c *answerCache) get(key string) (*answer, bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.byKey[key]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(e)
	c.hits.Add(1)
	return e.Value.(*cacheEntry).a, true
}

func (c *answerCache) put(key string, a *answer) {
	// One answer may take at most an eighth of the budget, so a few
	// export-sized pages cannot flush everything else.
	if c == nil || len(a.body) > c.max/8 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.byKey[key]; ok {
		return
	}
	c.byKey[key] = c.order.PushFront(&cacheEntry{key, a})
	c.n += len(a.body) + len(key)
	c.in.Add(1)
	for c.n > c.max {
		last := c.order.Back()
		ent := last.Value.(*cacheEntry)
		c.order.Remove(last)
		delete(c.byKey, ent.key)
		c.n -= len(ent.a.body) + len(ent.key)
	}
}

// bufPool recycles response buffers; a page of 100 events is ~100 KB.
var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// serveComputed answers a read of the events: 304 when the client's ETag
// is the current one, the cached answer when there is one, else compute's
// answer, worked out in a gate slot and cached. The ETag is the store's
// events version and the request's canonical query, so it changes when
// either does. Without a Versioner, every request is computed.
func (s *server) serveComputed(w http.ResponseWriter, r *http.Request, compute func(ctx context.Context, buf *bytes.Buffer) (*answer, error)) error {
	var etag, key string
	if s.versions != nil {
		v, err := s.versions.get(r.Context())
		if err != nil {
			return err
		}
		sum := sha256.Sum256([]byte(r.URL.Path + "?" + r.URL.Query().Encode()))
		key = v.Tag + " " + r.URL.Path + "?" + r.URL.Query().Encode()
		etag = `"` + v.Tag + "-" + hex.EncodeToString(sum[:8]) + `"`
		h := w.Header()
		h.Set("ETag", etag)
		// Clients may keep the answer but must ask whether it still holds.
		h.Set("Cache-Control", "no-cache")
		if !v.Modified.IsZero() {
			// Informative only: two writes within a second share it, so
			// only the ETag validates.
			h.Set("Last-Modified", v.Modified.UTC().Format(http.TimeFormat))
		}
		if etagMatches(r.Header.Get("If-None-Match"), etag) {
			w.WriteHeader(http.StatusNotModified)
			return nil
		}
		if a, ok := s.cache.get(key); ok {
			return writeAnswer(w, a)
		}
		if s.cache != nil {
			// The first of identical requests computes the answer; the
			// rest wait for it instead of queueing to compute it again,
			// which is what a burst of clients opening the same view does.
			c, first := s.flights.join(key)
			if !first {
				select {
				case <-c.done:
				case <-r.Context().Done():
					return r.Context().Err()
				}
				switch {
				case c.err == nil:
					return writeAnswer(w, c.a)
				case errors.Is(c.err, context.Canceled), errors.Is(c.err, context.DeadlineExceeded):
					// The first request gave up (its client left), not
					// the store: compute for this one below.
				default:
					return s.busy(w, c.err)
				}
			} else {
				a, err := s.computeAnswer(r.Context(), compute, false)
				// Once detached the flight takes no more waiters, so
				// whether any share the answer is settled: theirs must be
				// an answer that owns its bytes, and one asked by several
				// clients at once is worth keeping anyway.
				shared := s.flights.detach(key) > 0
				keep := err == nil && (shared || s.cache.admit(key, a))
				if keep {
					a.own()
					s.cache.put(key, a)
				}
				c.complete(a, err)
				if err != nil {
					return s.busy(w, err)
				}
				err = writeAnswer(w, a)
				if !keep {
					a.release()
				}
				return err
			}
		}
	}
	a, err := s.computeAnswer(r.Context(), compute, false)
	if err != nil {
		return s.busy(w, err)
	}
	err = writeAnswer(w, a)
	a.release()
	return err
}

// computeAnswer runs compute in a gate slot. A kept answer owns its
// bytes; otherwise they stay in a pooled buffer until release.
func (s *server) computeAnswer(ctx context.Context, compute func(ctx context.Context, buf *bytes.Buffer) (*answer, error), keep bool) (*answer, error) {
	release, err := s.gate.acquire(ctx)
	if err != nil {
		return nil, err
	}
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	start := time.Now()
	a, err := compute(ctx, buf)
	release()
	if err != nil {
		bufPool.Put(buf)
		return nil, err
	}
	a.cost = time.Since(start)
	a.body, a.buf = buf.Bytes(), buf
	if keep {
		a.own()
	}
	return a, nil
}

// own copies a transient answer's bytes out of its pooled buffer, which
// goes back to the pool, so the answer can be kept and shared.
func (a *answer) own() {
	if a.buf == nil {
		return
	}
	a.body = bytes.Clone(a.body)
	bufPool.Put(a.buf)
	a.buf = nil
}

// release returns a transient answer's buffer to the pool.
func (a *answer) release() {
	if a.buf != nil && a.buf.Cap() <= 4<<20 {
		bufPool.Put(a.buf)
	}
	a.buf, a.body = nil, nil
}

// flights tracks the answers being computed, by cache key.
type flights struct {
	mu sync.Mutex
	m  map[string]*flight
}

type flight struct {
	done chan struct{}
	// waiters is how many joined; guarded by flights.mu until detach.
	waiters int
	a       *answer
	err     error
}

// join returns the flight computing key, and whether the caller is the
// first and must compute it.
func (f *flights) join(key string) (*flight, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if c, ok := f.m[key]; ok {
		c.waiters++
		return c, false
	}
	if f.m == nil {
		f.m = map[string]*flight{}
	}
	c := &flight{done: make(chan struct{})}
	f.m[key] = c
	return c, true
}

// detach ends the flight of key for newcomers, who will compute or find
// the answer cached, and returns how many joined it.
func (f *flights) detach(key string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	c := f.m[key]
	delete(f.m, key)
	if c == nil {
		return 0
	}
	return c.waiters
}

// complete hands the answer, or the error, to the flight's waiters.
func (c *flight) complete(a *answer, err error) {
	c.a, c.err = a, err
	close(c.done)
}

func writeAnswer(w http.ResponseWriter, a *answer) error {
	h := w.Header()
	h.Set("Content-Type", a.contentType)
	for k, v := range a.header {
		h.Set(k, v)
	}
	h.Set("Content-Length", strconv.Itoa(len(a.body)))
	w.WriteHeader(http.StatusOK)
	// A failed write means the client went away (wrk closing its
	// connections at the end of a run does it by the hundred): there is no
	// one to answer, and answering with an error would only write a second
	// status line into the log.
	w.Write(a.body)
	return nil
}

// etagMatches implements If-None-Match's weak comparison over a list.
func etagMatches(header, etag string) bool {
	if header == "" {
		return false
	}
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == "*" || t == etag {
			return true
		}
	}
	return false
}

// acquire takes a gate slot for a handler that works on the store
// directly, answering busy with Retry-After.
func (s *server) acquire(w http.ResponseWriter, r *http.Request) (func(), error) {
	release, err := s.gate.acquire(r.Context())
	return release, s.busy(w, err)
}

// busy adds Retry-After to the answer when err is errBusy, and returns err.
func (s *server) busy(w http.ResponseWriter, err error) error {
	if errors.Is(err, errBusy) {
		w.Header().Set("Retry-After", "1")
	}
	return err
}
