// Package api is sitrep's HTTP JSON API: events with filters and cursor
// pagination (as JSON, GeoJSON or ACLED-style CSV), one event with its
// reports and disputes, a document's text with the spans to highlight, and
// analysis of a posted article behind a token. New builds an http.Handler
// from a store; the caller owns the http.Server and its timeouts.
//
// The API fetches a URL on a client's behalf only from the hosts the
// operator listed in Options.FetchAllow; without a list a posted document
// is analysed from its body only.
package api

import (
	"context"
	"crypto/subtle"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/sitrep-dev/sitrep/internal/record"
	"github.com/sitrep-dev/sitrep/internal/store"
)

// Defaults for Options.
const (
	DefaultMaxUpload      = 1 << 20
	DefaultLimit          = 100
	DefaultMaxLimit       = 5000
	DefaultRequestTimeout = 30 * time.Second
	DefaultAnalyzeTimeout = 2 * time.Minute
	DefaultMaxQueue       = 1024
	DefaultCacheBytes     = 64 << 20
	DefaultVersionMaxAge  = 100 * time.Millisecond
	DefaultFetchUserAgent = "sitrep (+https://github.com/sitrep-dev/sitrep)"
)

// Analyzer analyses one posted or fetched input (text, HTML, a feed, JSON
// Lines: the same formats `sitrep analyze -` reads), stores it and returns
// what was stored. An error wrapping ErrBadInput is the client's fault
// (422); any other is the server's (500).
type Analyzer func(ctx context.Context, up Upload) (AnalyzeResult, error)

// Upload is one input to analyse.
type Upload struct {
	// Body is the input, at most Options.MaxUpload bytes.
	Body io.Reader
	// URL is empty for a posted body. For a fetched one it is the URL the
	// body came from, after redirects: the document's URL unless the page
	// names its own canonical URL, and its provenance.
	URL string
	// Requested is the URL the client asked to fetch (URL before
	// redirects); empty for a posted body.
	Requested string
	// ContentType is the fetched response's Content-Type header; empty
	// for a posted body.
	ContentType string
}

// ErrBadInput marks an input the analyser could not read.
var ErrBadInput = errors.New("bad input")

// AnalyzeResult is the answer to POST /api/documents.
type AnalyzeResult struct {
	Documents []record.Document `json:"documents"`
	Events    []record.Event    `json:"events"`
}

// Options configures the handler. The zero value serves a read-only API.
type Options struct {
	// Token, when set, allows POST /api/documents to clients that send
	// "Authorization: Bearer TOKEN". Empty disables posting.
	Token string
	// Analyze analyses posted documents; nil disables posting.
	Analyze Analyzer
	// MaxUpload bounds a posted body, and a fetched one, in bytes; 0
	// means DefaultMaxUpload.
	MaxUpload int64
	// FetchAllow lists the hosts POST /api/documents may fetch a "url"
	// from, checked on the URL and on every redirect. The zero value
	// allows none: the server then never fetches on a client's behalf.
	FetchAllow AllowList
	// FetchTimeout bounds one fetch, redirects and body included; 0 means
	// DefaultFetchTimeout.
	FetchTimeout time.Duration
	// FetchUserAgent is the User-Agent of fetches; empty means
	// DefaultFetchUserAgent.
	FetchUserAgent string
	// FetchTransport makes the fetches' requests; nil means a transport of
	// the server's own with http.DefaultTransport's settings. It never
	// gets cookies or the client's credentials.
	FetchTransport http.RoundTripper
	// DefaultLimit and MaxLimit bound a page of events; 0 means the
	// package defaults.
	DefaultLimit, MaxLimit int
	// RequestTimeout bounds the work of one read request, AnalyzeTimeout
	// that of one analysis; 0 means the package defaults.
	RequestTimeout, AnalyzeTimeout time.Duration
	// Page serves everything outside /api/ and /healthz (the embedded web
	// page); nil answers 404 there.
	Page http.Handler
	// Log receives one line per failed request; nil discards.
	Log *slog.Logger

	// MaxConcurrent is how many read requests work on the store at once;
	// the rest wait in arrival order. 0 means GOMAXPROCS: the work is
	// CPU, and more at once only makes each slower.
	MaxConcurrent int
	// MaxQueue is how many may wait; beyond it a request is answered 503
	// with Retry-After at once. 0 means DefaultMaxQueue.
	MaxQueue int
	// CacheBytes bounds the cache of event listings and grids, kept per
	// version of the store's events; 0 means DefaultCacheBytes, negative
	// disables the cache (answers still carry ETags).
	CacheBytes int
	// VersionMaxAge is how long the store's events version is reused
	// before it is read again: the most an answer can lag a write. 0
	// means DefaultVersionMaxAge.
	VersionMaxAge time.Duration
	// PlaceKeys turns the place of GET /api/places/{place}/control into
	// the EventQuery.Place values to gather events by (say, a name and
	// the GeoNames ids a gazetteer folds it to); nil uses it as given.
	PlaceKeys func(place string) ([]string, error)
}

// ContentSecurityPolicy is sent with every response. The page's scripts
// and styles come from the binary itself; nothing may load from elsewhere
// and no inline script can run, so an article that smuggles markup into a
// field cannot execute even if a bug rendered it as HTML. Inline styles
// stay allowed because Leaflet positions map panes with style attributes.
const ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"

type server struct {
	st   store.Store
	opts Options
	// gate bounds concurrent store work; versions and cache are nil when
	// the store cannot say its version.
	gate     *gate
	versions *versions
	cache    *answerCache
	flights  flights
	// analyzing serialises analyses: each already uses every core.
	analyzing sync.Mutex
	// fetchTransport is Options.FetchTransport or the server's own, so
	// fetches reuse connections without sharing a pool with anything else.
	fetchTransport http.RoundTripper
}

// route is one documented endpoint; the OpenAPI test checks routes and
// openapi.json against each other.
type route struct {
	method, path string
	handle       func(s *server, w http.ResponseWriter, r *http.Request) error
}

func routes() []route {
	return []route{
		{"GET", "/healthz", (*server).healthz},
		{"GET", "/api/openapi.json", (*server).openapi},
		{"GET", "/api/events", (*server).listEvents},
		{"GET", "/api/events/grid", (*server).eventGrid},
		{"GET", "/api/events/days", (*server).eventDays},
		{"GET", "/api/events/{id}", (*server).getEvent},
		{"GET", "/api/documents/{id}", (*server).getDocument},
		{"POST", "/api/documents", (*server).postDocument},
		{"GET", "/api/places/{id}/control", (*server).placeControl},
	}
}

// New returns the API handler over st.
func New(st store.Store, opts Options) http.Handler {
	if opts.MaxUpload <= 0 {
		opts.MaxUpload = DefaultMaxUpload
	}
	if opts.MaxLimit <= 0 {
		opts.MaxLimit = DefaultMaxLimit
	}
	if opts.DefaultLimit <= 0 {
		opts.DefaultLimit = min(DefaultLimit, opts.MaxLimit)
	}
	if opts.RequestTimeout <= 0 {
		opts.RequestTimeout = DefaultRequestTimeout
	}
	if opts.AnalyzeTimeout <= 0 {
		opts.AnalyzeTimeout = DefaultAnalyzeTimeout
	}
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	if opts.MaxConcurrent <= 0 {
		opts.MaxConcurrent = runtime.GOMAXPROCS(0)
	}
	if opts.MaxQueue <= 0 {
		opts.MaxQueue = DefaultMaxQueue
	}
	if opts.CacheBytes == 0 {
		opts.CacheBytes = DefaultCacheBytes
	}
	if opts.VersionMaxAge <= 0 {
		opts.VersionMaxAge = DefaultVersionMaxAge
	}
	if opts.FetchTimeout <= 0 {
		opts.FetchTimeout = DefaultFetchTimeout
	}
	if opts.FetchUserAgent == "" {
		opts.FetchUserAgent = DefaultFetchUserAgent
	}
	s := &server{st: st, opts: opts, gate: newGate(opts.MaxConcurrent, opts.MaxQueue), fetchTransport: opts.FetchTransport}
	if s.fetchTransport == nil {
		s.fetchTransport = http.DefaultTransport.(*http.Transport).Clone()
	}
	if vs, ok := st.(store.Versioner); ok {
		s.versions = &versions{st: vs, maxAge: opts.VersionMaxAge}
		if opts.CacheBytes > 0 {
			s.cache = newAnswerCache(opts.CacheBytes)
		}
	}
	mux := http.NewServeMux()
	for _, rt := range routes() {
		mux.Handle(rt.method+" "+rt.path, s.wrap(rt))
	}
	// Unknown API paths answer in JSON, not with the page.
	mux.Handle("/api/", s.wrap(route{"", "/api/", func(*server, http.ResponseWriter, *http.Request) error {
		return errorf(http.StatusNotFound, "no such endpoint")
	}}))
	if opts.Page != nil {
		mux.Handle("/", pageOnly(opts.Page))
	}
	return headers(mux)
}

// pageOnly lets GET and HEAD through to the page and refuses the rest.
func pageOnly(page http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			writeError(w, http.StatusMethodNotAllowed, "method not allowed")
			return
		}
		page.ServeHTTP(w, r)
	})
}

// headers sets the security headers every response carries.
func headers(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", ContentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		next.ServeHTTP(w, r)
	})
}

// httpError is an error with the status it answers.
type httpError struct {
	status int
	msg    string
}

func (e *httpError) Error() string { return e.msg }

func errorf(status int, format string, args ...any) error {
	return &httpError{status: status, msg: fmt.Sprintf(format, args...)}
}

// wrap turns a handler that returns an error into an http.Handler that
// answers errors as JSON {"error": "..."} and recovers panics, and bounds
// the request's work with a timeout.
func (s *server) wrap(rt route) http.Handler {
	timeout := s.opts.RequestTimeout
	if rt.method == "POST" {
		timeout = s.opts.AnalyzeTimeout
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), timeout)
		defer cancel()
		r = r.WithContext(ctx)
		w.Header().Set("Cache-Control", "no-store")
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				s.opts.Log.Error("api: panic", "path", r.URL.Path, "panic", p, "stack", string(debug.Stack()))
				writeError(w, http.StatusInternalServerError, "internal error")
			}
		}()
		err := rt.handle(s, w, r)
		if err == nil {
			return
		}
		var he *httpError
		var mbe *http.MaxBytesError
		switch {
		case errors.As(err, &he):
			writeError(w, he.status, he.msg)
		case errors.As(err, &mbe):
			writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("body larger than %d bytes", mbe.Limit))
		case errors.Is(err, store.ErrNotFound):
			writeError(w, http.StatusNotFound, "not found")
		case errors.Is(err, ErrBadInput):
			writeError(w, http.StatusUnprocessableEntity, err.Error())
		case errors.Is(err, context.DeadlineExceeded):
			s.opts.Log.Warn("api: timeout", "path", r.URL.Path, "err", err)
			writeError(w, http.StatusServiceUnavailable, "request took too long")
		case errors.Is(err, context.Canceled):
			// The client went away; nobody reads the answer.
		default:
			s.opts.Log.Error("api: request failed", "path", r.URL.Path, "err", err)
			writeError(w, http.StatusInternalServerError, "internal error")
		}
	})
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}

func writeJSON(w http.ResponseWriter, status int, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode response: %w", err)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
	return nil
}

func (s *server) healthz(w http.ResponseWriter, r *http.Request) error {
	return writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

//go:embed openapi.json
var openapiJSON []byte

func (s *server) openapi(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.Write(openapiJSON)
	return nil
}

// authorized checks the bearer token in constant time.
func (s *server) authorized(r *http.Request) bool {
	tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	return ok && s.opts.Token != "" && subtle.ConstantTimeCompare([]byte(tok), []byte(s.opts.Token)) == 1
}
