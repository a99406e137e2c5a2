package queue_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/queue"
	"github.com/sitrep-dev/sitrep/internal/queue/queuetest"
)

func open(t *testing.T, cfg queue.Config) *queue.JetStream {
	t.Helper()
	if cfg.URL == "" {
		cfg.URL = queuetest.Server(t)
	}
	q, err := queue.Open(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { q.Close() })
	return q
}

func job(id string) queue.Job {
	return queue.Job{ID: id, Origin: id + ".txt", Format: "text", Raw: "Article " + id + "\n\nSome text of article " + id + ".\n"}
}

func pending(t *testing.T, q *queue.JetStream) uint64 {
	t.Helper()
	n, err := q.Pending(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestJobCarriesADocumentsMetadataAndRawText(t *testing.T) {
	pub := time.Date(2024, 3, 3, 0, 0, 0, 0, time.UTC)
	d := &doc.Document{ID: "a", Origin: "feed.xml#2", Format: "rss", Title: "T", Source: "S", URL: "https://example.org/a",
		Author: "W", Lang: "en", Summary: "sum", Published: &pub, Raw: "raw text"}
	got := queue.NewJob(d).Document()
	if got.ID != d.ID || got.Origin != d.Origin || got.Format != d.Format || got.Title != d.Title || got.Source != d.Source ||
		got.URL != d.URL || got.Author != d.Author || got.Lang != d.Lang || got.Summary != d.Summary || got.Raw != d.Raw ||
		got.Published == nil || !got.Published.Equal(pub) {
		t.Errorf("round trip: got %+v, want %+v", got, d)
	}
}

func TestSubmittingTheSameArticleTwiceQueuesItOnce(t *testing.T) {
	q := open(t, queue.Config{})
	ctx := context.Background()
	a := job("a")
	copyOfA := a
	copyOfA.ID, copyOfA.Origin = "a-again", "elsewhere/a.txt" // same text, another path
	for i, c := range []struct {
		j    queue.Job
		want bool
	}{{a, true}, {job("b"), true}, {a, false}, {copyOfA, false}} {
		got, err := q.Publish(ctx, c.j)
		if err != nil {
			t.Fatal(err)
		}
		if got != c.want {
			t.Errorf("publish %d (%s): queued = %v, want %v", i, c.j.ID, got, c.want)
		}
	}
	if n := pending(t, q); n != 2 {
		t.Errorf("stream holds %d jobs, want 2", n)
	}
}

func TestAJobOverTheSizeLimitIsRefusedWithAClearError(t *testing.T) {
	q := open(t, queue.Config{MaxJobBytes: 1000})
	j := job("big")
	j.Raw = strings.Repeat("x", 2000)
	_, err := q.Publish(context.Background(), j)
	var tl *queue.TooLargeError
	if !errors.Is(err, queue.ErrTooLarge) || !errors.As(err, &tl) {
		t.Fatalf("err = %v, want a TooLargeError", err)
	}
	if tl.ID != "big" || tl.Limit != 1000 || tl.Size <= 2000 {
		t.Errorf("error = %+v", tl)
	}
	if !strings.Contains(err.Error(), `"big"`) || !strings.Contains(err.Error(), "1000") {
		t.Errorf("message %q does not name the job and the limit", err)
	}
}

// collector is a handler that records the jobs it was given.
type collector struct {
	mu   sync.Mutex
	seen map[string]int
}

func (c *collector) handle(_ context.Context, jobs []queue.Job) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.seen == nil {
		c.seen = map[string]int{}
	}
	for _, j := range jobs {
		c.seen[j.ID]++
	}
	return nil
}

func publishN(t *testing.T, q queue.Queue, n int) []string {
	t.Helper()
	var ids []string
	for i := range n {
		id := fmt.Sprintf("j%02d", i)
		if _, err := q.Publish(context.Background(), job(id)); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	return ids
}

func TestWorkersShareTheQueueAndAckEveryJobOnce(t *testing.T) {
	q := open(t, queue.Config{})
	ids := publishN(t, q, 20)
	var c collector
	var wg sync.WaitGroup
	var acked atomic.Int64
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			st, err := queue.Work(context.Background(), q, queue.WorkConfig{Batch: 4, FetchWait: 100 * time.Millisecond, IdleExit: 300 * time.Millisecond}, c.handle)
			if err != nil {
				t.Error(err)
			}
			acked.Add(int64(st.Acked))
		}()
	}
	wg.Wait()
	if acked.Load() != int64(len(ids)) {
		t.Errorf("acked %d jobs, want %d", acked.Load(), len(ids))
	}
	for _, id := range ids {
		if c.seen[id] != 1 {
			t.Errorf("job %s handled %d times, want 1", id, c.seen[id])
		}
	}
	if n := pending(t, q); n != 0 {
		t.Errorf("%d jobs left in the stream, want 0", n)
	}
}

func TestAWorkerKilledMidBatchLeavesItsJobsToBeDeliveredAgain(t *testing.T) {
	q := open(t, queue.Config{AckWait: 500 * time.Millisecond})
	ids := publishN(t, q, 6)

	// The first worker dies inside its first batch, before acking.
	ctx, kill := context.WithCancel(context.Background())
	var inBatch []string
	_, err := queue.Work(ctx, q, queue.WorkConfig{Batch: 4, FetchWait: 100 * time.Millisecond}, func(ctx context.Context, jobs []queue.Job) error {
		for _, j := range jobs {
			inBatch = append(inBatch, j.ID)
		}
		kill()
		return ctx.Err()
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("killed worker returned %v, want context.Canceled", err)
	}
	if len(inBatch) == 0 {
		t.Fatal("the killed worker got no batch")
	}

	// A second worker gets everything, the killed batch after its ack
	// wait, each job marked as a second attempt.
	var mu sync.Mutex
	attempts := map[string]int{}
	st, err := queue.Work(context.Background(), countingConsumer{q, &mu, attempts}, queue.WorkConfig{Batch: 4, FetchWait: 100 * time.Millisecond, IdleExit: 1500 * time.Millisecond},
		func(context.Context, []queue.Job) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	if st.Acked != len(ids) {
		t.Errorf("second worker acked %d, want %d", st.Acked, len(ids))
	}
	for _, id := range ids {
		want := 1
		if slices.Contains(inBatch, id) {
			want = 2
		}
		if attempts[id] != want {
			t.Errorf("job %s delivered as attempt %d, want %d", id, attempts[id], want)
		}
	}
	if n := pending(t, q); n != 0 {
		t.Errorf("%d jobs left in the stream, want 0", n)
	}
}

// countingConsumer records each delivery's attempt number.
type countingConsumer struct {
	*queue.JetStream
	mu       *sync.Mutex
	attempts map[string]int
}

func (c countingConsumer) Fetch(ctx context.Context, max int) ([]*queue.Delivery, error) {
	ds, err := c.JetStream.Fetch(ctx, max)
	c.mu.Lock()
	for _, d := range ds {
		c.attempts[d.Job.ID] = d.Attempt
	}
	c.mu.Unlock()
	return ds, err
}

func TestAPoisonJobIsIsolatedFromItsBatchAndTerminatedOnItsLastAttempt(t *testing.T) {
	q := open(t, queue.Config{MaxDeliver: 2, AckWait: 5 * time.Second})
	ids := publishN(t, q, 5)
	var c collector
	poison := ids[2]
	var tries atomic.Int64
	h := func(ctx context.Context, jobs []queue.Job) error {
		for _, j := range jobs {
			if j.ID == poison {
				tries.Add(1)
				return errors.New("this article always breaks the store")
			}
		}
		return c.handle(ctx, jobs)
	}
	// Nak delays a failed job by attempt² seconds: 1s here.
	st, err := queue.Work(context.Background(), q, queue.WorkConfig{Batch: 5, FetchWait: 100 * time.Millisecond, IdleExit: 2500 * time.Millisecond}, h)
	if err != nil {
		t.Fatal(err)
	}
	if st.Acked != 4 || st.Retried != 1 || st.Terminated != 1 {
		t.Errorf("stats = %+v, want 4 acked, 1 retried, 1 terminated", st)
	}
	for _, id := range ids {
		if id != poison && c.seen[id] != 1 {
			t.Errorf("job %s handled %d times, want 1", id, c.seen[id])
		}
	}
	// Once in the batch of five, once alone, once alone on its last try.
	if tries.Load() != 3 {
		t.Errorf("poison job tried %d times, want 3", tries.Load())
	}
	if n := pending(t, q); n != 0 {
		t.Errorf("%d jobs left in the stream, want 0", n)
	}
}

func TestAnUndecodableMessageIsTerminatedAtOnce(t *testing.T) {
	url := queuetest.Server(t)
	q := open(t, queue.Config{URL: url})
	nc, err := nats.Connect(url)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	if err := nc.Publish(queue.DefaultSubject, []byte("{not json")); err != nil {
		t.Fatal(err)
	}
	nc.Flush()
	publishN(t, q, 1)
	var c collector
	st, err := queue.Work(context.Background(), q, queue.WorkConfig{FetchWait: 100 * time.Millisecond, IdleExit: 300 * time.Millisecond}, c.handle)
	if err != nil {
		t.Fatal(err)
	}
	if st.Acked != 1 || st.Terminated != 1 {
		t.Errorf("stats = %+v, want 1 acked, 1 terminated", st)
	}
}

func TestAGracefulStopFinishesAndAcksTheBatchInHand(t *testing.T) {
	q := open(t, queue.Config{})
	publishN(t, q, 8)
	stop := make(chan struct{})
	var handled int
	st, err := queue.Work(context.Background(), q, queue.WorkConfig{Batch: 3, FetchWait: 100 * time.Millisecond, Stop: stop},
		func(_ context.Context, jobs []queue.Job) error {
			if handled == 0 {
				close(stop) // SIGTERM arrives during the first batch
				time.Sleep(50 * time.Millisecond)
			}
			handled += len(jobs)
			return nil
		})
	if err != nil {
		t.Fatal(err)
	}
	if st.Batches != 1 || st.Acked != 3 || handled != 3 {
		t.Errorf("stats = %+v, handled %d: want one batch of 3 handled and acked", st, handled)
	}
	if n := pending(t, q); n != 5 {
		t.Errorf("%d jobs left in the stream, want 5", n)
	}
}

func TestAnEmptyQueueCallsIdleAndItsErrorEndsWork(t *testing.T) {
	q := open(t, queue.Config{})
	publishN(t, q, 5)
	var handled, idleCalls int
	handledAtFirstIdle := -1
	idleErr := errors.New("merge failed")
	_, err := queue.Work(context.Background(), q, queue.WorkConfig{Batch: 2, FetchWait: 100 * time.Millisecond,
		Idle: func(context.Context) error {
			idleCalls++
			if handledAtFirstIdle < 0 {
				handledAtFirstIdle = handled
			}
			if idleCalls == 2 {
				return idleErr
			}
			return nil
		}},
		func(_ context.Context, jobs []queue.Job) error {
			handled += len(jobs)
			return nil
		})
	if !errors.Is(err, idleErr) {
		t.Errorf("Work returned %v, want the Idle error", err)
	}
	if handledAtFirstIdle != 5 || idleCalls != 2 {
		t.Errorf("Idle first called after %d of 5 jobs, %d calls; want after all 5, and Work ended by the 2nd", handledAtFirstIdle, idleCalls)
	}
}

func TestTheLockIsHeldByOneWorkerAtATime(t *testing.T) {
	url := queuetest.Server(t)
	// Two connections, as two worker processes would have.
	qs := []*queue.JetStream{open(t, queue.Config{URL: url}), open(t, queue.Config{URL: url})}
	var inside, maxInside, total atomic.Int64
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 5 {
				unlock, err := qs[i%2].Lock(context.Background(), "merge")
				if err != nil {
					t.Error(err)
					return
				}
				n := inside.Add(1)
				if n > maxInside.Load() {
					maxInside.Store(n)
				}
				time.Sleep(2 * time.Millisecond)
				total.Add(1)
				inside.Add(-1)
				unlock()
			}
		}()
	}
	wg.Wait()
	if maxInside.Load() != 1 || total.Load() != 20 {
		t.Errorf("max holders at once = %d over %d sections, want 1 over 20", maxInside.Load(), total.Load())
	}
}

func TestALockWhoseHolderDiedIsFreedAfterItsTTL(t *testing.T) {
	url := queuetest.Server(t)
	dead := open(t, queue.Config{URL: url, LockTTL: time.Second})
	if _, err := dead.Lock(context.Background(), "merge"); err != nil {
		t.Fatal(err)
	}
	dead.Close() // dies holding it: no unlock, no refresh

	live := open(t, queue.Config{URL: url, LockTTL: time.Second})
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	start := time.Now()
	unlock, err := live.Lock(ctx, "merge")
	if err != nil {
		t.Fatalf("lock after the holder died: %v", err)
	}
	unlock()
	if waited := time.Since(start); waited < 500*time.Millisecond {
		t.Errorf("got the lock after %v: the dead holder's lock was not held", waited)
	}
}
