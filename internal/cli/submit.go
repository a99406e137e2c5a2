package cli

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/ingest"
	"github.com/sitrep-dev/sitrep/internal/queue"
)

// natsURL is the --nats default: $NATS_URL, as NATS's own tools read it,
// else a server on this machine.
func natsURL(env *Env) string {
	if u := env.Getenv("NATS_URL"); u != "" {
		return u
	}
	return nats.DefaultURL
}

func runSubmit(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "submit", "[flags] INPUT...",
		`Reads news articles like analyze does (files, directories, "-" for stdin, in
any input format) and publishes one job per document on a NATS JetStream work
queue, for "sitrep worker" processes to analyse (see docs/SCALE.md). Workers
never read the inputs themselves: each job carries the document's metadata
and text. The same text submitted twice within the queue's duplicate window
is queued once. Prints how many documents were read and queued.`)
	url := fs.String("nats", natsURL(env), "NATS server `URL` (default $NATS_URL or "+nats.DefaultURL+")")
	subject := fs.String("subject", queue.DefaultSubject, "subject jobs are published on")
	stream := fs.String("stream", queue.DefaultStream, "JetStream stream holding the jobs (created when missing)")
	published := fs.String("published", "", "publication date `YYYY-MM-DD` for inputs whose metadata has none")
	maxBytes := fs.Int64("max-bytes", 0, "largest input file or record in bytes (default 64 MiB)")
	maxJob := fs.Int("max-job-bytes", queue.DefaultMaxJobBytes, "largest encoded job; the server's max_payload also applies")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(env.Stderr, `sitrep submit: no inputs (give files, directories or "-" for stdin)`)
		return errUsage
	}
	opts := ingest.Options{MaxBytes: *maxBytes}
	if *published != "" {
		t, err := time.Parse("2006-01-02", *published)
		if err != nil {
			fmt.Fprintf(env.Stderr, "sitrep submit: --published %q is not a date YYYY-MM-DD\n", *published)
			return errUsage
		}
		opts.Published = &t
	}

	q, err := queue.Open(ctx, queue.Config{URL: *url, Stream: *stream, Subject: *subject, MaxJobBytes: *maxJob})
	if err != nil {
		return err
	}
	defer q.Close()

	var read, queued, already, bad int
	err = ingest.Walk(ctx, fs.Args(), env.Stdin, opts, func(d *doc.Document) error {
		read++
		ok, err := q.Publish(ctx, queue.NewJob(d))
		switch {
		case errors.Is(err, queue.ErrTooLarge):
			// A bad input like any other: reported, the rest goes on.
			bad++
			fmt.Fprintf(env.Stderr, "%s: %v\n", d.Origin, err)
			return nil
		case err != nil:
			return err
		case ok:
			queued++
		default:
			already++
		}
		return nil
	}, func(err error) {
		bad++
		fmt.Fprintln(env.Stderr, err)
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "sitrep submit: %d documents read, %d queued, %d already submitted, %d input errors\n", read, queued, already, bad)
	if bad > 0 {
		return errInputs
	}
	return nil
}
