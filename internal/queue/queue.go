// Package queue is sitrep's work queue: submitters publish one Job per
// input document, and any number of stateless workers pull jobs in batches,
// analyse them into a shared store and acknowledge them only once their
// batch is committed.
//
// Delivery is at least once. A worker that dies before acknowledging
// leaves its jobs to be delivered again, to itself or another worker, after
// the ack wait; ingest is idempotent by content hash, so a job analysed
// twice is stored once. See docs/SCALE.md for the topology and guarantees.
//
// The queue is a real engine, never a home-made one: JetStream (NATS's
// persistence layer) implements Queue, Consumer and Locker here.
package queue

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/sitrep-dev/sitrep/internal/doc"
)

// Job is one input document to analyse: what a reader in internal/ingest
// made of a file, record or feed item, so workers never touch the
// submitter's files. It travels as JSON.
type Job struct {
	ID        string     `json:"id"`
	Origin    string     `json:"origin,omitempty"`
	Format    string     `json:"format,omitempty"`
	Title     string     `json:"title,omitempty"`
	Source    string     `json:"source,omitempty"`
	URL       string     `json:"url,omitempty"`
	Author    string     `json:"author,omitempty"`
	Lang      string     `json:"lang,omitempty"`
	Summary   string     `json:"summary,omitempty"`
	Published *time.Time `json:"published,omitempty"`
	// Raw is the article's text as read, before cleaning.
	Raw string `json:"raw"`
}

// NewJob makes the job for a document as a reader left it.
func NewJob(d *doc.Document) Job {
	return Job{
		ID: d.ID, Origin: d.Origin, Format: d.Format,
		Title: d.Title, Source: d.Source, URL: d.URL, Author: d.Author,
		Lang: d.Lang, Summary: d.Summary, Published: d.Published,
		Raw: d.Raw,
	}
}

// Document turns the job back into the document a reader would have
// produced: metadata and Raw set, nothing analysed yet.
func (j Job) Document() *doc.Document {
	return &doc.Document{
		ID: j.ID, Origin: j.Origin, Format: j.Format,
		Title: j.Title, Source: j.Source, URL: j.URL, Author: j.Author,
		Lang: j.Lang, Summary: j.Summary, Published: j.Published,
		Raw: j.Raw,
	}
}

// Hash is the job's identity for deduplication: the hex SHA-256 of its raw
// text. The same article submitted twice, from any path, is one job; the
// store would keep only one copy of it anyway.
func (j Job) Hash() string {
	h := sha256.Sum256([]byte(j.Raw))
	return hex.EncodeToString(h[:])
}

// ErrTooLarge is wrapped by the error for a job whose encoded size is over
// the queue's message limit.
var ErrTooLarge = errors.New("job too large for the queue")

// TooLargeError is a job that cannot be queued because of its size.
type TooLargeError struct {
	ID          string
	Size, Limit int
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("queue job %q: %d bytes encoded, more than the queue's limit of %d (raise --max-job-bytes and the NATS server's max_payload, or split the input)", e.ID, e.Size, e.Limit)
}

// Is makes errors.Is(err, ErrTooLarge) true.
func (e *TooLargeError) Is(target error) bool { return target == ErrTooLarge }

// Queue takes jobs.
type Queue interface {
	// Publish enqueues a job. queued is false when an identical job (same
	// Hash) was already published within the queue's deduplication
	// window: nothing was added. An error wrapping ErrTooLarge is a job
	// that can never be queued; any other error is the queue failing.
	Publish(ctx context.Context, j Job) (queued bool, err error)
}

// Consumer hands out jobs to workers. Every worker of a deployment shares
// one consumer, so each job goes to one worker at a time.
type Consumer interface {
	// Fetch returns up to max deliveries, waiting until ctx is done for
	// the first ones; none and a nil error when none came. Every delivery
	// must then be settled (Ack, Nak or Term) or it is delivered again
	// after AckWait.
	Fetch(ctx context.Context, max int) ([]*Delivery, error)
	// AckWait is how long a delivery may stay unsettled before it is
	// delivered again; InProgress restarts the clock.
	AckWait() time.Duration
}

// Locker gives deployment-wide mutual exclusion: one holder of a name at
// a time across every worker process.
type Locker interface {
	// Lock blocks until it holds name or ctx is done. unlock releases it;
	// a holder that dies without unlocking loses the lock after a bounded
	// time.
	Lock(ctx context.Context, name string) (unlock func(), err error)
}

// Delivery is one job handed to a worker.
type Delivery struct {
	Job Job
	// Err is set when the message could not be decoded into a Job: it
	// never will be, so the worker terminates it.
	Err error
	// Attempt counts deliveries of this job, from 1; MaxAttempts is the
	// consumer's limit, after which the queue stops delivering it.
	Attempt, MaxAttempts int

	msg message
}

// message is what a delivery settles: jetstream.Msg, or a test's fake.
type message interface {
	DoubleAck(ctx context.Context) error
	NakWithDelay(delay time.Duration) error
	TermWithReason(reason string) error
	InProgress() error
}

// Ack marks the job done and waits for the queue to confirm it, so a
// worker that has acked knows the job will not come back.
func (d *Delivery) Ack(ctx context.Context) error {
	if err := d.msg.DoubleAck(ctx); err != nil {
		return fmt.Errorf("ack job %q: %w", d.Job.ID, err)
	}
	return nil
}

// Nak hands the job back to be delivered again after delay.
func (d *Delivery) Nak(delay time.Duration) error {
	if err := d.msg.NakWithDelay(delay); err != nil {
		return fmt.Errorf("nak job %q: %w", d.Job.ID, err)
	}
	return nil
}

// Term removes the job for good: it will never succeed.
func (d *Delivery) Term(reason string) error {
	if err := d.msg.TermWithReason(reason); err != nil {
		return fmt.Errorf("terminate job %q: %w", d.Job.ID, err)
	}
	return nil
}

// InProgress tells the queue the job is still being worked on, restarting
// its ack wait.
func (d *Delivery) InProgress() error {
	if err := d.msg.InProgress(); err != nil {
		return fmt.Errorf("extend job %q: %w", d.Job.ID, err)
	}
	return nil
}

// LastAttempt reports whether the queue will not deliver the job again if
// this attempt fails.
func (d *Delivery) LastAttempt() bool { return d.MaxAttempts > 0 && d.Attempt >= d.MaxAttempts }
