package api

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/record"
	"github.com/sitrep-dev/sitrep/internal/store"
	"github.com/sitrep-dev/sitrep/internal/store/sqlite"
	"github.com/sitrep-dev/sitrep/internal/store/storetest"
)

func getWith(t *testing.T, h http.Handler, target string, header map[string]string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest("GET", target, nil)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func TestETagRevalidatesUntilEventsChange(t *testing.T) {
	st := newStore(t)
	fixture(t, st)
	// A version read on every request, so the write below shows at once.
	h := New(st, Options{VersionMaxAge: time.Nanosecond})
	const target = "/api/events?type=Battles"
	first := get(t, h, target)
	etag := first.Header().Get("ETag")
	if first.Code != 200 || etag == "" || first.Header().Get("Last-Modified") == "" {
		t.Fatalf("status %d, ETag %q, Last-Modified %q", first.Code, etag, first.Header().Get("Last-Modified"))
	}
	if rec := getWith(t, h, target, map[string]string{"If-None-Match": etag}); rec.Code != http.StatusNotModified || rec.Body.Len() != 0 {
		t.Errorf("same ETag: status %d, %d bytes; want 304 and no body", rec.Code, rec.Body.Len())
	}
	if other := get(t, h, "/api/events?type=Riots").Header().Get("ETag"); other == etag {
		t.Errorf("another query has the same ETag %q", etag)
	}
	cached := get(t, h, target)
	if cached.Body.String() != first.Body.String() {
		t.Errorf("second answer differs from the first:\n%s\n%s", cached.Body, first.Body)
	}

	d := storetest.NewDocument("wire-c", "Fighting spread to Wadi Sarin.")
	ev := storetest.NewEvent("ev-wadi", d, 0, "2024-05-06", "Battles", "Armed clash")
	if _, err := st.SaveBatch(context.Background(), []*doc.Document{d}, []record.Event{ev}); err != nil {
		t.Fatal(err)
	}
	rec := getWith(t, h, target, map[string]string{"If-None-Match": etag})
	if rec.Code != 200 || rec.Header().Get("ETag") == etag {
		t.Fatalf("after a write: status %d, ETag %q (was %q); want 200 and a new ETag", rec.Code, rec.Header().Get("ETag"), etag)
	}
	if got := ids(decode[eventPage](t, rec).Events); len(got) != 3 || got[2] != "ev-wadi" {
		t.Errorf("events after a write = %v, want the new one last, not a cached page", got)
	}
}

func TestRawPageDecodesToTheRecords(t *testing.T) {
	st := newStore(t)
	fixture(t, st)
	rec := get(t, New(st, Options{}), "/api/events?limit=3")
	page := decode[eventPage](t, rec)
	for _, ev := range page.Events {
		want, err := st.Event(context.Background(), ev.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(ev, want) {
			t.Errorf("listed %s = %+v, want the stored record %+v", ev.ID, ev, want)
		}
	}
	if page.Next == nil {
		t.Fatal("no next on a page of 3 of 4")
	}
	c, err := decodeCursor(*page.Next)
	if err != nil || *c != store.CursorOf(page.Events[2]) {
		t.Errorf("next = %+v (%v), want the position of the last event %+v", c, err, store.CursorOf(page.Events[2]))
	}
	if !json.Valid(rec.Body.Bytes()) {
		t.Errorf("page is not valid JSON: %s", rec.Body)
	}
}

func TestGateQueuesThenRefuses(t *testing.T) {
	g := newGate(1, 1)
	ctx := context.Background()
	release, err := g.acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := make(chan error, 1)
	go func() {
		r, err := g.acquire(ctx)
		if err == nil {
			r()
		}
		got <- err
	}()
	// Wait for the second to queue, then a third finds the queue full.
	for g.waiting.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	if _, err := g.acquire(ctx); !errors.Is(err, errBusy) {
		t.Errorf("third acquire: %v, want busy", err)
	}
	release()
	if err := <-got; err != nil {
		t.Errorf("queued acquire: %v, want a slot once the first released", err)
	}
	short, cancel := context.WithTimeout(ctx, time.Millisecond)
	defer cancel()
	release, _ = g.acquire(ctx)
	defer release()
	if _, err := g.acquire(short); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("acquire past its deadline: %v, want DeadlineExceeded", err)
	}
}

// countingStore counts listings and makes each take a while, so that
// concurrent requests overlap.
type countingStore struct {
	*sqlite.Store
	calls atomic.Int64
}

func (c *countingStore) EventsRaw(ctx context.Context, q store.EventQuery, fn func(store.Cursor, []byte) error) error {
	c.calls.Add(1)
	time.Sleep(200 * time.Millisecond)
	return c.Store.EventsRaw(ctx, q, fn)
}

func TestIdenticalConcurrentRequestsComputeOnce(t *testing.T) {
	st := &countingStore{Store: newStore(t)}
	fixture(t, st)
	h := New(st, Options{})
	const n = 20
	var wg sync.WaitGroup
	bodies := make([]string, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest("GET", "/api/events?type=Battles", nil))
			if rec.Code != 200 {
				t.Errorf("request %d: status %d", i, rec.Code)
			}
			bodies[i] = rec.Body.String()
		}()
	}
	wg.Wait()
	if got := st.calls.Load(); got != 1 {
		t.Errorf("%d identical concurrent requests listed events %d times, want once", n, got)
	}
	for i := range bodies {
		if bodies[i] != bodies[0] {
			t.Errorf("answer %d differs from answer 0", i)
		}
	}
}

// brokenPipe is a ResponseWriter whose client has gone: every write fails.
// It counts status lines, which must be one however the write ends.
type brokenPipe struct {
	header   http.Header
	statuses []int
}

func (b *brokenPipe) Header() http.Header       { return b.header }
func (b *brokenPipe) WriteHeader(status int)    { b.statuses = append(b.statuses, status) }
func (b *brokenPipe) Write([]byte) (int, error) { return 0, errors.New("write: broken pipe") }

func TestAListingToAClientThatLeftWritesOneStatus(t *testing.T) {
	st := newStore(t)
	fixture(t, st)
	h := New(st, Options{})
	for _, target := range []string{"/api/events?type=Battles", "/api/events?type=Battles", "/api/events?limit=1"} {
		w := &brokenPipe{header: http.Header{}}
		h.ServeHTTP(w, httptest.NewRequest("GET", target, nil))
		if len(w.statuses) != 1 || w.statuses[0] != http.StatusOK {
			t.Errorf("%s: status lines %v, want one 200", target, w.statuses)
		}
	}
}

func TestCacheAdmission(t *testing.T) {
	big := make([]byte, 100<<10)
	tests := []struct {
		name string
		a    *answer
		// want is admit's answer to the first and the second ask.
		want [2]bool
	}{
		{"a large page computed quickly is kept when asked again", &answer{body: big, cost: time.Millisecond}, [2]bool{false, true}},
		{"a small answer is kept at once", &answer{body: make([]byte, 2<<10), cost: time.Millisecond}, [2]bool{true, true}},
		{"a slow answer is kept at once", &answer{body: big, cost: time.Second}, [2]bool{true, true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newAnswerCache(64 << 20)
			for i, want := range tt.want {
				if got := c.admit("v1 /api/events?q=x", tt.a); got != want {
					t.Errorf("ask %d: admit = %v, want %v", i+1, got, want)
				}
			}
		})
	}
}

func TestDoorkeeperForgetsAfterTwoGenerations(t *testing.T) {
	var d doorkeeper
	if d.check("a") {
		t.Fatal("a new key was seen")
	}
	for i := range seenKeys {
		d.check("filler " + strconv.Itoa(i))
	}
	if !d.check("a") {
		t.Error("a key of the previous generation was forgotten")
	}
	for i := range 2 * seenKeys {
		d.check("more " + strconv.Itoa(i))
	}
	if d.check("a") {
		t.Error("a key two generations old is still remembered")
	}
}
