package api

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// DefaultFetchTimeout bounds fetching one URL (connecting, every redirect
// and reading the body) when Options.FetchTimeout is 0.
const DefaultFetchTimeout = 20 * time.Second

// maxRedirects is how many redirects a fetch follows, as browsers do.
const maxRedirects = 10

// fetchAccept is the Accept header of a fetch: the types the server
// analyses, HTML first.
const fetchAccept = "text/html, application/xhtml+xml;q=0.9, application/rss+xml;q=0.8, application/atom+xml;q=0.8, " +
	"application/feed+json;q=0.8, application/xml;q=0.7, text/xml;q=0.7, application/json;q=0.6, text/plain;q=0.5"

// AllowList is the set of hosts the server may fetch from on a client's
// behalf. The zero value allows none.
type AllowList struct {
	hosts   map[string]bool
	domains []string // ".example.org" for an entry "*.example.org"
}

// ErrBadAllowList marks an entry of an allow-list that is not a host name.
var ErrBadAllowList = errors.New("bad fetch allow-list entry")

// ParseAllowList reads a comma-separated list of hosts: an exact host name
// or IP address, matched case-insensitively against a URL's host without
// its port, or "*.example.org", which allows every subdomain of
// example.org at any depth but not example.org itself (list both to allow
// both). Spaces around entries and empty entries are ignored. An entry
// with a scheme, port, path or a "*" anywhere else is an error: a port or
// path in the list would suggest a narrower rule than the one enforced.
func ParseAllowList(s string) (AllowList, error) {
	var l AllowList
	for _, e := range strings.Split(s, ",") {
		e = strings.ToLower(strings.TrimSpace(e))
		if e == "" {
			continue
		}
		domain, wild := strings.CutPrefix(e, "*.")
		if !validHost(domain) {
			return AllowList{}, fmt.Errorf("%w %q: want a host name such as example.org or *.example.org", ErrBadAllowList, e)
		}
		if wild {
			l.domains = append(l.domains, "."+domain)
			continue
		}
		if l.hosts == nil {
			l.hosts = make(map[string]bool)
		}
		l.hosts[domain] = true
	}
	return l, nil
}

// validHost accepts a DNS name or an IP address (IPv6 without brackets).
func validHost(h string) bool {
	if h == "" || len(h) > 253 {
		return false
	}
	if net.ParseIP(h) != nil {
		return true
	}
	for _, label := range strings.Split(h, ".") {
		if label == "" || len(label) > 63 {
			return false
		}
		for _, r := range label {
			if !('a' <= r && r <= 'z' || '0' <= r && r <= '9' || r == '-' || r == '_') {
				return false
			}
		}
	}
	return true
}

// Empty reports whether the list allows no host.
func (l AllowList) Empty() bool { return len(l.hosts) == 0 && len(l.domains) == 0 }

// Allows reports whether host (a URL's Hostname(): no port, IPv6 without
// brackets) is on the list. A trailing dot, as in "example.org.", names the
// same host.
func (l AllowList) Allows(host string) bool {
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	if host == "" {
		return false
	}
	if l.hosts[host] {
		return true
	}
	for _, d := range l.domains {
		if strings.HasSuffix(host, d) {
			return true
		}
	}
	return false
}

// String lists the entries, for logs and messages.
func (l AllowList) String() string {
	var out []string
	for h := range l.hosts {
		out = append(out, h)
	}
	for _, d := range l.domains {
		out = append(out, "*"+d)
	}
	return strings.Join(out, ",")
}

// fetched is a page fetched for analysis.
type fetched struct {
	body        []byte
	url         string // after redirects
	contentType string
}

// checkFetchURL refuses what may not be fetched: another scheme than http
// or https, credentials in the URL (never forwarded), a host off the list
// (403). hop says which URL it is, for the message; the client's own URL
// is a bad request (400), a redirect to such a URL the site's fault (502).
func (s *server) checkFetchURL(u *url.URL, hop string) error {
	bad := http.StatusBadRequest
	if hop == "redirect" {
		bad = http.StatusBadGateway
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return errorf(bad, "%s %q: only http and https URLs are fetched", hop, u.Redacted())
	}
	if u.User != nil {
		return errorf(bad, "%s %q: URLs with credentials are not fetched", hop, u.Redacted())
	}
	if u.Hostname() == "" {
		return errorf(bad, "%s %q has no host", hop, u.Redacted())
	}
	if !s.opts.FetchAllow.Allows(u.Hostname()) {
		return errorf(http.StatusForbidden, "%s: host %q is not on the server's fetch allow-list", hop, u.Hostname())
	}
	return nil
}

// fetch gets raw for analysis, within the allow-list at every hop, the
// fetch timeout and MaxUpload. It sends no cookies, credentials or client
// headers: only what any crawler sends.
func (s *server) fetch(ctx context.Context, raw string) (fetched, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return fetched{}, errorf(http.StatusBadRequest, "url: %v", err)
	}
	if err := s.checkFetchURL(u, "url"); err != nil {
		return fetched{}, err
	}
	// A fragment is never sent; dropped here, it stays out of the
	// document's URL too.
	u.Fragment, u.RawFragment = "", ""
	// The fetch has its own deadline, shorter than the request's, so a
	// slow upstream is told apart (504) from a slow analysis.
	fctx, cancel := context.WithTimeout(ctx, s.opts.FetchTimeout)
	defer cancel()
	failed := func(what string, err error) error {
		switch {
		case ctx.Err() != nil:
			return fmt.Errorf("%s %s: %w", what, u.Redacted(), ctx.Err())
		case fctx.Err() != nil:
			return errorf(http.StatusGatewayTimeout, "%s %s: no answer within %v", what, u.Redacted(), s.opts.FetchTimeout)
		}
		return errorf(http.StatusBadGateway, "%s %s: %v", what, u.Redacted(), err)
	}
	client := &http.Client{
		Transport: s.fetchTransport,
		// No Jar: cookies a site sets are not kept, even across its own
		// redirects.
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= maxRedirects {
				return errorf(http.StatusBadGateway, "url: stopped after %d redirects", maxRedirects)
			}
			return s.checkFetchURL(req.URL, "redirect")
		},
	}
	req, err := http.NewRequestWithContext(fctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return fetched{}, errorf(http.StatusBadRequest, "url: %v", err)
	}
	req.Header.Set("Accept", fetchAccept)
	req.Header.Set("User-Agent", s.opts.FetchUserAgent)
	resp, err := client.Do(req)
	if err != nil {
		// A refused redirect comes back inside a *url.Error.
		var he *httpError
		if errors.As(err, &he) {
			return fetched{}, he
		}
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return fetched{}, failed("fetch", err)
	}
	defer resp.Body.Close()
	final := resp.Request.URL.String()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return fetched{}, errorf(http.StatusBadGateway, "fetch %s: upstream answered %s", final, resp.Status)
	}
	ct := resp.Header.Get("Content-Type")
	if !analysableType(ct) {
		if ct == "" {
			ct = "none"
		}
		return fetched{}, errorf(http.StatusUnsupportedMediaType, "fetch %s: content type %s is not text, HTML, XML or JSON", final, ct)
	}
	limit := s.opts.MaxUpload
	if resp.ContentLength > limit {
		return fetched{}, errorf(http.StatusRequestEntityTooLarge, "fetch %s: body of %d bytes is larger than %d bytes", final, resp.ContentLength, limit)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return fetched{}, failed("read body of", err)
	}
	if int64(len(body)) > limit {
		return fetched{}, errorf(http.StatusRequestEntityTooLarge, "fetch %s: body larger than %d bytes", final, limit)
	}
	return fetched{body: body, url: final, contentType: ct}, nil
}

// analysableType reports whether a Content-Type names something the
// readers take: any text type, or XML or JSON under application (feeds,
// XHTML, JSON Lines). Without a type the body is not guessed at: a server
// that cannot say what it sends may be sending anything.
func analysableType(ct string) bool {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return false
	}
	typ, sub, _ := strings.Cut(mt, "/")
	switch {
	case typ == "text":
		return true
	case typ != "application":
		return false
	case sub == "xml" || sub == "json" || strings.HasSuffix(sub, "+xml") || strings.HasSuffix(sub, "+json"):
		return true
	}
	switch sub {
	case "x-ndjson", "ndjson", "jsonl", "x-jsonlines", "jsonlines":
		return true
	}
	return false
}
