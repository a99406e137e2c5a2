package queue

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"strconv"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// Defaults for Config.
const (
	DefaultStream   = "SITREP_JOBS"
	DefaultSubject  = "sitrep.jobs"
	DefaultConsumer = "sitrep-workers"
	// DefaultAckWait is long enough for a batch of 64 articles on a slow
	// core; workers also extend it while a batch runs (see Work).
	DefaultAckWait    = 2 * time.Minute
	DefaultMaxDeliver = 5
	// DefaultDuplicateWindow is how long the stream remembers a job's
	// hash. A job submitted again after it is queued once more, and the
	// worker finds its content already stored.
	DefaultDuplicateWindow = time.Hour
	// DefaultMaxJobBytes is NATS's default max_payload: a larger message
	// is refused by a server left at its defaults.
	DefaultMaxJobBytes = 1 << 20
	// DefaultLockTTL bounds how long a dead holder keeps a Locker's lock;
	// a live holder refreshes it.
	DefaultLockTTL = 30 * time.Second
	lockBucket     = "sitrep_locks"
)

// Config configures a JetStream queue. The zero value with a URL is
// usable: every zero field takes its default.
type Config struct {
	// URL is the NATS server, e.g. nats://127.0.0.1:4222; several may be
	// given separated by commas.
	URL string
	// Stream and Subject name the JetStream stream and the subject jobs
	// are published on. The stream is created, with work-queue retention,
	// when it does not exist; an existing one is used as it is.
	Stream, Subject string
	// Consumer is the durable pull consumer every worker shares.
	Consumer string
	// AckWait and MaxDeliver configure the consumer: a job not settled
	// within AckWait is delivered again, at most MaxDeliver times in all.
	AckWait    time.Duration
	MaxDeliver int
	// DuplicateWindow is how long a job's hash is remembered, so the same
	// article submitted twice is queued once.
	DuplicateWindow time.Duration
	// MaxJobBytes bounds one encoded job; the server's max_payload bounds
	// it too.
	MaxJobBytes int
	// LockTTL is how long a Lock outlives a holder that died.
	LockTTL time.Duration
	// Log receives diagnostics; nil discards them.
	Log *slog.Logger
}

func (c Config) withDefaults() Config {
	if c.Stream == "" {
		c.Stream = DefaultStream
	}
	if c.Subject == "" {
		c.Subject = DefaultSubject
	}
	if c.Consumer == "" {
		c.Consumer = DefaultConsumer
	}
	if c.AckWait <= 0 {
		c.AckWait = DefaultAckWait
	}
	if c.MaxDeliver <= 0 {
		c.MaxDeliver = DefaultMaxDeliver
	}
	if c.DuplicateWindow <= 0 {
		c.DuplicateWindow = DefaultDuplicateWindow
	}
	if c.MaxJobBytes <= 0 {
		c.MaxJobBytes = DefaultMaxJobBytes
	}
	if c.LockTTL <= 0 {
		c.LockTTL = DefaultLockTTL
	}
	if c.Log == nil {
		c.Log = slog.New(slog.DiscardHandler)
	}
	return c
}

// JetStream is a Queue, Consumer and Locker on a NATS JetStream server.
type JetStream struct {
	cfg    Config
	nc     *nats.Conn
	js     jetstream.JetStream
	limit  int
	stream jetstream.Stream

	consOnce sync.Once
	cons     jetstream.Consumer
	consErr  error

	kvOnce sync.Once
	kv     jetstream.KeyValue
	kvErr  error
}

var (
	_ Queue    = (*JetStream)(nil)
	_ Consumer = (*JetStream)(nil)
	_ Locker   = (*JetStream)(nil)
)

// Open connects to the NATS server and makes sure the stream exists.
func Open(ctx context.Context, cfg Config) (*JetStream, error) {
	cfg = cfg.withDefaults()
	if cfg.URL == "" {
		return nil, errors.New("open queue: no NATS server URL")
	}
	log := cfg.Log
	nc, err := nats.Connect(cfg.URL,
		nats.Name("sitrep"),
		// A worker outlives a server restart: it keeps reconnecting
		// rather than exiting, and its unacked jobs wait on the server.
		nats.MaxReconnects(-1),
		nats.DisconnectErrHandler(func(_ *nats.Conn, err error) {
			if err != nil {
				log.Warn("disconnected from NATS", "err", err)
			}
		}),
		nats.ReconnectHandler(func(c *nats.Conn) { log.Info("reconnected to NATS", "server", c.ConnectedUrlRedacted()) }),
	)
	if err != nil {
		return nil, fmt.Errorf("open queue: connect to NATS: %w", err)
	}
	js, err := jetstream.New(nc)
	if err != nil {
		nc.Close()
		return nil, fmt.Errorf("open queue: %w", err)
	}
	q := &JetStream{cfg: cfg, nc: nc, js: js, limit: min(cfg.MaxJobBytes, int(nc.MaxPayload()))}
	q.stream, err = q.ensureStream(ctx)
	if err != nil {
		nc.Close()
		return nil, fmt.Errorf("open queue: %w", err)
	}
	return q, nil
}

// ensureStream creates the stream when it is missing and leaves an
// existing one as it is: an operator may have tuned it, and workers must
// not fight over its configuration.
func (q *JetStream) ensureStream(ctx context.Context) (jetstream.Stream, error) {
	s, err := q.js.Stream(ctx, q.cfg.Stream)
	if err == nil {
		return s, nil
	}
	if !errors.Is(err, jetstream.ErrStreamNotFound) {
		return nil, fmt.Errorf("look up stream %s: %w", q.cfg.Stream, err)
	}
	s, err = q.js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name:        q.cfg.Stream,
		Description: "sitrep analysis jobs: one input document each",
		Subjects:    []string{q.cfg.Subject},
		// Work-queue retention: a job is deleted once acknowledged, so
		// the stream holds only work still to do.
		Retention:  jetstream.WorkQueuePolicy,
		Storage:    jetstream.FileStorage,
		Duplicates: q.cfg.DuplicateWindow,
		MaxMsgSize: int32(q.limit),
	})
	if err != nil {
		return nil, fmt.Errorf("create stream %s: %w", q.cfg.Stream, err)
	}
	return s, nil
}

// Close closes the connection. Jobs fetched and not settled are delivered
// again after their ack wait.
func (q *JetStream) Close() error {
	q.nc.Close()
	return nil
}

// Pending returns the number of jobs in the stream: published and not yet
// acknowledged or terminated.
func (q *JetStream) Pending(ctx context.Context) (uint64, error) {
	info, err := q.stream.Info(ctx)
	if err != nil {
		return 0, fmt.Errorf("stream info: %w", err)
	}
	return info.State.Msgs, nil
}

// Publish enqueues j under its content hash as the message id, so the
// stream drops a second copy within its duplicate window.
func (q *JetStream) Publish(ctx context.Context, j Job) (bool, error) {
	b, err := json.Marshal(j)
	if err != nil {
		return false, fmt.Errorf("encode job %q: %w", j.ID, err)
	}
	if len(b) > q.limit {
		return false, &TooLargeError{ID: j.ID, Size: len(b), Limit: q.limit}
	}
	msg := &nats.Msg{Subject: q.cfg.Subject, Data: b, Header: nats.Header{}}
	msg.Header.Set("Sitrep-Job-Id", j.ID)
	ack, err := q.js.PublishMsg(ctx, msg, jetstream.WithMsgID(j.Hash()), jetstream.WithExpectStream(q.cfg.Stream))
	if err != nil {
		return false, fmt.Errorf("publish job %q: %w", j.ID, err)
	}
	return !ack.Duplicate, nil
}

// consumer creates the shared durable pull consumer, or updates it to
// this worker's settings.
func (q *JetStream) consumer(ctx context.Context) (jetstream.Consumer, error) {
	q.consOnce.Do(func() {
		q.cons, q.consErr = q.js.CreateOrUpdateConsumer(ctx, q.cfg.Stream, jetstream.ConsumerConfig{
			Durable:     q.cfg.Consumer,
			Description: "sitrep workers",
			AckPolicy:   jetstream.AckExplicitPolicy,
			AckWait:     q.cfg.AckWait,
			MaxDeliver:  q.cfg.MaxDeliver,
		})
		if q.consErr != nil {
			q.consErr = fmt.Errorf("create consumer %s: %w", q.cfg.Consumer, q.consErr)
		}
	})
	return q.cons, q.consErr
}

// AckWait is the consumer's ack wait.
func (q *JetStream) AckWait() time.Duration { return q.cfg.AckWait }

// Fetch pulls up to max jobs, waiting until ctx is done for them to
// arrive; give ctx a deadline to bound the wait. Whatever arrived before
// ctx was done is returned.
func (q *JetStream) Fetch(ctx context.Context, max int) ([]*Delivery, error) {
	c, err := q.consumer(ctx)
	if err != nil {
		return nil, err
	}
	if _, ok := ctx.Deadline(); !ok {
		// FetchContext needs a deadline to set the pull request's expiry.
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
	}
	batch, err := c.Fetch(max, jetstream.FetchContext(ctx))
	if err != nil {
		if ctx.Err() != nil {
			return nil, nil
		}
		return nil, fmt.Errorf("fetch jobs: %w", err)
	}
	var out []*Delivery
	for m := range batch.Messages() {
		out = append(out, q.delivery(m))
	}
	if err := batch.Error(); err != nil && ctx.Err() == nil && !errors.Is(err, nats.ErrTimeout) {
		return out, fmt.Errorf("fetch jobs: %w", err)
	}
	return out, nil
}

func (q *JetStream) delivery(m jetstream.Msg) *Delivery {
	d := &Delivery{msg: m, Attempt: 1, MaxAttempts: q.cfg.MaxDeliver}
	if md, err := m.Metadata(); err == nil {
		d.Attempt = int(md.NumDelivered)
	}
	if err := json.Unmarshal(m.Data(), &d.Job); err != nil {
		d.Err = fmt.Errorf("decode job (stream sequence %s): %w", seq(m), err)
		d.Job.ID = m.Headers().Get("Sitrep-Job-Id")
	}
	return d
}

func seq(m jetstream.Msg) string {
	if md, err := m.Metadata(); err == nil {
		return strconv.FormatUint(md.Sequence.Stream, 10)
	}
	return "?"
}

// Lock takes name in a JetStream key-value bucket: creating the key
// succeeds for one caller only. The holder refreshes the key while it holds
// it; the bucket's TTL frees the lock of a holder that died.
func (q *JetStream) Lock(ctx context.Context, name string) (func(), error) {
	q.kvOnce.Do(func() {
		q.kv, q.kvErr = q.js.CreateOrUpdateKeyValue(ctx, jetstream.KeyValueConfig{
			Bucket:      lockBucket,
			Description: "sitrep locks",
			TTL:         q.cfg.LockTTL,
			History:     1,
		})
	})
	if q.kvErr != nil {
		return nil, fmt.Errorf("lock %s: open bucket: %w", name, q.kvErr)
	}
	owner := []byte(q.nc.Opts.Name + "-" + strconv.FormatUint(rand.Uint64(), 16))
	wait := 5 * time.Millisecond
	for {
		rev, err := q.kv.Create(ctx, name, owner)
		if err == nil {
			return q.holdLock(name, owner, rev), nil
		}
		if !errors.Is(err, jetstream.ErrKeyExists) {
			return nil, fmt.Errorf("lock %s: %w", name, err)
		}
		// Jitter keeps waiting workers from retrying in step.
		t := time.NewTimer(wait/2 + rand.N(wait))
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, fmt.Errorf("lock %s: %w", name, context.Cause(ctx))
		case <-t.C:
		}
		wait = min(2*wait, 200*time.Millisecond)
	}
}

// holdLock refreshes the lock key until unlock is called, then deletes it
// if it still holds the revision it last wrote.
func (q *JetStream) holdLock(name string, owner []byte, rev uint64) func() {
	stop := make(chan struct{})
	done := make(chan uint64)
	go func() {
		t := time.NewTicker(q.cfg.LockTTL / 3)
		defer t.Stop()
		for {
			select {
			case <-stop:
				done <- rev
				return
			case <-t.C:
				ctx, cancel := context.WithTimeout(context.Background(), q.cfg.LockTTL/3)
				r, err := q.kv.Update(ctx, name, owner, rev)
				cancel()
				if err != nil {
					q.cfg.Log.Warn("refresh lock", "lock", name, "err", err)
					continue
				}
				rev = r
			}
		}
	}()
	var once sync.Once
	return func() {
		once.Do(func() {
			close(stop)
			r := <-done
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			if err := q.kv.Delete(ctx, name, jetstream.LastRevision(r)); err != nil {
				// The TTL frees it anyway; waiters are only slower.
				q.cfg.Log.Warn("release lock", "lock", name, "err", err)
			}
		})
	}
}
