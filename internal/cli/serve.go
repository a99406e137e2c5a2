package cli

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/sitrep-dev/sitrep/internal/api"
	"github.com/sitrep-dev/sitrep/internal/app"
	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/ingest"
	"github.com/sitrep-dev/sitrep/internal/place/gazetteer"
	"github.com/sitrep-dev/sitrep/internal/record"
	"github.com/sitrep-dev/sitrep/internal/store"
	"github.com/sitrep-dev/sitrep/internal/web"
)

// Server timeouts. Reads are bounded so a slow client cannot hold a
// connection open; writes allow for a large CSV page or an analysis.
const (
	serveReadHeaderTimeout = 10 * time.Second
	serveReadTimeout       = time.Minute
	serveWriteTimeout      = 3 * time.Minute
	serveIdleTimeout       = 2 * time.Minute
	serveShutdownTimeout   = 10 * time.Second
)

// Garbage collection while serving. Every new listing leaves its page's
// rows, about 100 KB, to the collector; at Go's default target (GOGC=100)
// a read-only server on the 1M-event store (about 110 MB live: the 64 MiB
// answer cache, SQLite's page caches) marks its heap about twice a second
// under a stream of new listings, and requests that allocate during a
// mark help with it. A target of 200 answered about 5% more new listings
// for about 120 MB more heap; 400 did no better in the same runs and took
// 350 MB more (docs/API.md, "Load"). The memory limit bounds what the
// larger target may cost (near it the collector runs as often as it must,
// whatever the target) in a server whose live heap is larger, as one that
// analyses posted documents holds the pipeline. Either is used only when
// its environment variable is unset, so GOGC=100 restores Go's default.
const (
	serveGCPercent   = 200
	serveMemoryLimit = 1 << 30
)

// tuneGC applies serveGCPercent and serveMemoryLimit where the
// environment sets neither, and returns what puts the previous values
// back.
func tuneGC(getenv func(string) string) (restore func()) {
	if getenv("GOGC") != "" {
		return func() {}
	}
	oldPercent := debug.SetGCPercent(serveGCPercent)
	oldLimit := int64(-1)
	if getenv("GOMEMLIMIT") == "" {
		oldLimit = debug.SetMemoryLimit(serveMemoryLimit)
	}
	return func() {
		debug.SetGCPercent(oldPercent)
		if oldLimit >= 0 {
			debug.SetMemoryLimit(oldLimit)
		}
	}
}

func runServe(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "serve", "[flags]",
		`Serves the HTTP API (see docs/API.md, and /api/openapi.json) and the map page
at /, from the store. It listens on the loopback interface unless --addr says
otherwise. POST /api/documents (analyse a pasted article) is enabled only
with a token, sent by clients as "Authorization: Bearer TOKEN". The server
never fetches URLs on a client's behalf unless --fetch-allow lists the hosts
it may fetch from; a posted form field "url" is then fetched and analysed
like a posted page. Unless GOGC is set, it runs Go's garbage collector at a
target of 200 (and, unless GOMEMLIMIT is set, a soft limit of 1 GiB): more
new listings a second for some more memory (docs/API.md, "Load").`)
	db := fs.String("db", "", "store: a file path or sqlite://PATH (default $SITREP_DB or "+app.DefaultDBPath(env.Getenv)+")")
	addr := fs.String("addr", "127.0.0.1:8080", "`host:port` to listen on")
	token := fs.String("token", "", "bearer token that enables POST /api/documents (default $SITREP_TOKEN)")
	maxUpload := fs.Int64("max-upload", api.DefaultMaxUpload, "largest posted or fetched document in bytes")
	fetchAllow := fs.String("fetch-allow", "", "comma-separated `hosts` POST /api/documents may fetch a url from (example.org, *.example.org for its subdomains); empty: never fetch")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(env.Stderr, "sitrep serve: unexpected arguments %q\n", fs.Args())
		return errUsage
	}
	if *token == "" {
		*token = env.Getenv("SITREP_TOKEN")
	}
	allow, err := api.ParseAllowList(*fetchAllow)
	if err != nil {
		fmt.Fprintf(env.Stderr, "sitrep serve: --fetch-allow: %v\n", err)
		return errUsage
	}
	if !allow.Empty() && *token == "" {
		fmt.Fprintf(env.Stderr, "sitrep serve: warning: --fetch-allow has no effect without --token or SITREP_TOKEN (posting is off)\n")
	}
	opts := api.Options{Token: *token, MaxUpload: *maxUpload, FetchAllow: allow, PlaceKeys: servePlaceKeys()}
	var st store.Store
	if *token != "" {
		// Analysing needs the pipeline; without a token the server only
		// reads, and starts faster without building it.
		a, err := app.Open(ctx, app.Config{DB: *db}, env.Getenv)
		if err != nil {
			return err
		}
		defer a.Close()
		st, opts.Analyze = a.Store(), appAnalyzer(a)
	} else {
		var err error
		if st, err = app.OpenStore(ctx, dbPath(env, *db)); err != nil {
			return err
		}
		defer st.Close()
	}
	page, err := web.Handler()
	if err != nil {
		return err
	}
	opts.Page = page

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	if tcp, ok := ln.Addr().(*net.TCPAddr); ok && !tcp.IP.IsLoopback() {
		fmt.Fprintf(env.Stderr, "sitrep serve: warning: listening on %s, reachable from other machines\n", tcp)
	}
	defer tuneGC(env.Getenv)()
	srv := &http.Server{
		Handler:           api.New(st, opts),
		ReadHeaderTimeout: serveReadHeaderTimeout,
		ReadTimeout:       serveReadTimeout,
		WriteTimeout:      serveWriteTimeout,
		IdleTimeout:       serveIdleTimeout,
		BaseContext:       func(net.Listener) context.Context { return ctx },
	}
	fmt.Fprintf(env.Stderr, "sitrep serve: listening on http://%s/\n", ln.Addr())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), serveShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shut down: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}

// appAnalyzer analyses a posted body with a's pipeline and store, as
// `sitrep analyze -` analyses stdin; a fetched one is read the same way
// and given its provenance (fetchedProvenance).
func appAnalyzer(a *app.App) api.Analyzer {
	return func(ctx context.Context, up api.Upload) (api.AnalyzeResult, error) {
		var res api.AnalyzeResult
		var bad []error
		out := app.Output{
			Document: func(r app.Result) error {
				dr := record.FromDocument(r.Doc)
				if r.Status == "existing" {
					dr.Events = 0
				}
				res.Documents = append(res.Documents, dr)
				return nil
			},
			Event: func(ev record.Event) error {
				res.Events = append(res.Events, ev)
				return nil
			},
			Report: func(err error) { bad = append(bad, err) },
		}
		var err error
		if up.URL == "" {
			_, err = a.Analyze(ctx, []string{"-"}, up.Body, out)
		} else {
			_, err = a.AnalyzeFrom(ctx, func(ctx context.Context, emit func(*doc.Document) error, report func(error)) error {
				return ingest.Read(ctx, fetchedOrigin(up), up.Body, ingest.Options{}, func(d *doc.Document) error {
					fetchedProvenance(d, up)
					return emit(d)
				}, report)
			}, out)
		}
		if err != nil {
			return res, fmt.Errorf("analyze posted document: %w", err)
		}
		if len(res.Documents) == 0 && len(bad) > 0 {
			return res, fmt.Errorf("%w: %w", api.ErrBadInput, errors.Join(bad...))
		}
		return res, nil
	}
}

// fetchedOrigin is the Origin of a fetched input: "fetched:" and the URL
// the client asked for, so a stored document says it came over the
// network and from which request (a feed's items add "#N").
func fetchedOrigin(up api.Upload) string {
	return "fetched:" + cmp.Or(up.Requested, up.URL)
}

// fetchedProvenance gives a document read from a fetched page (HTML or
// text, one document per URL) the page's URL when the page names none, or
// resolves a relative canonical URL against it, and an ID and source from
// it where the page gave none. A feed's items keep their own links: the
// feed's URL is not theirs.
func fetchedProvenance(d *doc.Document, up api.Upload) {
	if d.Format != string(ingest.FormatHTML) && d.Format != string(ingest.FormatText) {
		return
	}
	base, err := url.Parse(up.URL)
	if err != nil {
		return
	}
	switch ref, err := url.Parse(d.URL); {
	case d.URL == "" || err != nil:
		d.URL = up.URL
	case !ref.IsAbs():
		d.URL = base.ResolveReference(ref).String()
	}
	if d.Source == "" {
		d.Source = strings.TrimPrefix(base.Hostname(), "www.")
	}
	if id := urlDocID(d.URL); id != "" {
		d.ID = id
	}
}

// urlDocID is a readable document ID from a URL, the way ingest names
// feed items by their links: host without "www." and path, with every run
// of other characters than letters, digits, '.', '_' and '-' made one '-'
// ("https://www.example.org/news/raid.html" gives
// "example.org-news-raid.html"). The store makes it unique.
func urlDocID(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return ""
	}
	s := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.") + u.EscapedPath()
	if u.RawQuery != "" {
		s += "-" + u.RawQuery
	}
	var b strings.Builder
	dash := false
	for _, r := range s {
		if r == '.' || r == '_' || r == '-' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' {
			b.WriteRune(r)
			dash = r == '-'
		} else if !dash {
			b.WriteByte('-')
			dash = true
		}
	}
	id := strings.Trim(b.String(), "-.")
	if len(id) > 120 {
		id = strings.TrimRight(id[:120], "-.")
	}
	return id
}

// servePlaceKeys folds a place of /api/places/{place}/control through the
// gazetteer as `sitrep control` does, building the gazetteer on the first
// name asked about (ids need none) and keeping it.
func servePlaceKeys() func(string) ([]string, error) {
	gaz := sync.OnceValues(gazetteer.Load)
	return func(place string) ([]string, error) {
		if id, err := strconv.ParseInt(place, 10, 64); err == nil && id > 0 {
			return []string{place}, nil
		}
		g, err := gaz()
		if err != nil {
			return nil, fmt.Errorf("load gazetteer: %w", err)
		}
		keys := []string{place}
		for _, c := range g.Lookup(place) {
			if c.Demonym {
				continue
			}
			if e := g.Entry(c.Entry); e.ID != 0 {
				keys = append(keys, strconv.FormatInt(e.ID, 10))
			}
		}
		return keys, nil
	}
}
