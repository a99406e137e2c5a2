package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep/internal/api"
	"github.com/sitrep-dev/sitrep/internal/store/sqlite"
)

// upstream is a site on 127.0.0.1 for the server to fetch from; hits
// counts the requests it got, so a test can tell a refusal made before
// any connection from one made after.
type upstream struct {
	*httptest.Server
	hits atomic.Int32
	// seen is the last request's headers.
	seen atomic.Pointer[http.Header]
}

const page = `<!doctype html><html><head><title>Depot hit in Kfar Tala</title></head><body><article>
<p>Artillery hit a grain depot in Kfar Tala on Sunday, the invented wire reported.</p>
<p>Two guards were wounded, a local official said.</p></article></body></html>`

func newUpstream(t *testing.T) *upstream {
	t.Helper()
	u := &upstream{}
	mux := http.NewServeMux()
	mux.HandleFunc("/news/depot.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(page))
	})
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.SetCookie(w, &http.Cookie{Name: "session", Value: "abc"})
		http.Redirect(w, r, "/news/depot.html", http.StatusFound)
	})
	mux.HandleFunc("/away", func(w http.ResponseWriter, r *http.Request) {
		// localhost is the same machine under a name the tests never
		// allow: the redirect must be refused before any connection.
		http.Redirect(w, r, "http://localhost:"+r.URL.Query().Get("port")+"/news/depot.html", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/to-ftp", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "ftp://127.0.0.1/depot.txt", http.StatusFound)
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop", http.StatusFound)
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Write(bytes.Repeat([]byte("shelling reported again. "), 1000))
	})
	mux.HandleFunc("/big-unannounced", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		for range 1000 {
			w.Write([]byte("shelling reported again. "))
			w.(http.Flusher).Flush() // chunked: no Content-Length to refuse early
		}
	})
	mux.HandleFunc("/gone", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "gone", http.StatusGone)
	})
	mux.HandleFunc("/image.png", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write([]byte("\x89PNG\r\n\x1a\n"))
	})
	mux.HandleFunc("/untyped", func(w http.ResponseWriter, r *http.Request) {
		w.Header()["Content-Type"] = nil // no sniffing: no type at all
		w.Write([]byte("Shelling was reported in Kfar Tala."))
	})
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write([]byte(`<rss version="2.0"><channel><title>Invented Wire</title><item><title>Depot hit</title><description>Artillery hit a depot.</description></item></channel></rss>`))
	})
	mux.HandleFunc("/empty", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("  \n"))
	})
	slow := make(chan struct{})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-slow:
		case <-r.Context().Done():
		}
	})
	u.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u.hits.Add(1)
		h := r.Header.Clone()
		u.seen.Store(&h)
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(func() { close(slow); u.Close() })
	return u
}

// errorOf is the message of an error answer, "" for another.
func errorOf(rec *httptest.ResponseRecorder) string {
	var e struct{ Error string }
	json.Unmarshal(rec.Body.Bytes(), &e)
	return e.Error
}

func newFetchingServer(t *testing.T, allow string) http.Handler {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "fetch.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	list, err := api.ParseAllowList(allow)
	if err != nil {
		t.Fatal(err)
	}
	return api.New(st, api.Options{Token: "s3cret", MaxUpload: 4096, Analyze: storingAnalyzer(st),
		FetchAllow: list, FetchTimeout: 300 * time.Millisecond})
}

func postURL(h http.Handler, target string) *httptest.ResponseRecorder {
	return post(h, "s3cret", "application/x-www-form-urlencoded", url.Values{"url": {target}}.Encode())
}

func TestPostURLFetchesFromAllowedHostsOnly(t *testing.T) {
	up := newUpstream(t)
	port := up.Listener.Addr().(*net.TCPAddr).Port
	h := newFetchingServer(t, "127.0.0.1")
	tests := []struct {
		name, path string
		status     int
		wantErr    string
	}{
		{"a fetched page is analysed", "/news/depot.html", http.StatusCreated, ""},
		{"a fragment stays out of the document's URL", "/news/depot.html#top", http.StatusCreated, ""},
		{"a redirect within the list is followed", "/moved", http.StatusCreated, ""},
		{"a redirect to a host off the list is refused", "/away?port=" + strconv.Itoa(port), http.StatusForbidden, `host "localhost" is not on`},
		{"a redirect to another scheme is the site's fault", "/to-ftp", http.StatusBadGateway, "only http and https"},
		{"endless redirects stop", "/loop", http.StatusBadGateway, "redirects"},
		{"a body over the upload limit is too large", "/big", http.StatusRequestEntityTooLarge, "larger than 4096"},
		{"a streamed body over the limit is too large", "/big-unannounced", http.StatusRequestEntityTooLarge, "larger than 4096"},
		{"an upstream error is a bad gateway", "/gone", http.StatusBadGateway, "410 Gone"},
		{"an image is an unsupported type", "/image.png", http.StatusUnsupportedMediaType, "image/png"},
		{"a body without a type is unsupported", "/untyped", http.StatusUnsupportedMediaType, "content type none"},
		{"a feed is fetched too", "/feed.xml", http.StatusCreated, ""},
		{"an empty page is unreadable input", "/empty", http.StatusUnprocessableEntity, "empty"},
		{"a slow upstream times out", "/slow", http.StatusGatewayTimeout, "no answer within"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := postURL(h, up.URL+tt.path)
			if rec.Code != tt.status {
				t.Fatalf("status = %d, want %d: %s", rec.Code, tt.status, rec.Body)
			}
			if !strings.Contains(errorOf(rec), tt.wantErr) {
				t.Errorf("answer %s, want it to mention %q", rec.Body, tt.wantErr)
			}
			if tt.status != http.StatusCreated {
				return
			}
			var res api.AnalyzeResult
			if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil || len(res.Documents) != 1 {
				t.Fatalf("result %s: %v", rec.Body, err)
			}
			d := res.Documents[0]
			wantURL := up.URL + tt.path
			switch tt.path {
			case "/moved", "/news/depot.html#top":
				wantURL = up.URL + "/news/depot.html"
			}
			if d.URL == nil || *d.URL != wantURL {
				t.Errorf("document url = %v, want %q (after redirects)", d.URL, wantURL)
			}
			if want := "fetched:" + up.URL + tt.path; d.Origin != want {
				t.Errorf("origin = %q, want %q", d.Origin, want)
			}
		})
	}
}

func TestPostURLRefusalsComeBeforeAnyConnection(t *testing.T) {
	up := newUpstream(t)
	tests := []struct {
		name, allow, target string
		status              int
		wantErr             string
	}{
		{"without an allow-list nothing is fetched", "", up.URL + "/news/depot.html", http.StatusForbidden, "--fetch-allow"},
		{"a host not on the list is refused", "example.org,*.example.org", up.URL + "/news/depot.html", http.StatusForbidden, `host "127.0.0.1" is not on`},
		{"an ftp URL is refused", "127.0.0.1", "ftp://127.0.0.1/depot.txt", http.StatusBadRequest, "only http and https"},
		{"credentials in the URL are refused", "127.0.0.1", strings.Replace(up.URL, "//", "//user:pw@", 1) + "/news/depot.html", http.StatusBadRequest, "credentials"},
		{"a URL without a host is refused", "127.0.0.1", "http:///news", http.StatusBadRequest, "no host"},
		{"an empty url field is a bad request", "127.0.0.1", "  ", http.StatusBadRequest, `empty "url"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := up.hits.Load()
			rec := postURL(newFetchingServer(t, tt.allow), tt.target)
			if rec.Code != tt.status {
				t.Fatalf("status = %d, want %d: %s", rec.Code, tt.status, rec.Body)
			}
			if !strings.Contains(errorOf(rec), tt.wantErr) {
				t.Errorf("answer %s, want it to mention %q", rec.Body, tt.wantErr)
			}
			if n := up.hits.Load() - before; n != 0 {
				t.Errorf("upstream got %d requests, want none", n)
			}
		})
	}
}

func TestPostURLForwardsNoCredentialsOrCookies(t *testing.T) {
	up := newUpstream(t)
	h := newFetchingServer(t, "127.0.0.1")
	req := httptest.NewRequest("POST", "/api/documents", strings.NewReader(url.Values{"url": {up.URL + "/moved"}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Authorization", "Bearer s3cret")
	req.Header.Set("Cookie", "client=secret")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusCreated {
		t.Fatalf("status = %d: %s", rec.Code, rec.Body)
	}
	// The last request is the redirect's target, after /moved set a
	// cookie.
	seen := *up.seen.Load()
	for _, k := range []string{"Authorization", "Cookie"} {
		if v := seen.Get(k); v != "" {
			t.Errorf("upstream got %s: %q, want none", k, v)
		}
	}
	if ua := seen.Get("User-Agent"); !strings.HasPrefix(ua, "sitrep") {
		t.Errorf("User-Agent = %q, want sitrep's", ua)
	}
}

func TestPostURLAsAMultipartPart(t *testing.T) {
	up := newUpstream(t)
	h := newFetchingServer(t, "127.0.0.1")
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("url", up.URL+"/news/depot.html")
	mw.Close()
	if rec := post(h, "s3cret", mw.FormDataContentType(), body.String()); rec.Code != http.StatusCreated {
		t.Errorf("status = %d, want 201: %s", rec.Code, rec.Body)
	}
	both := url.Values{"url": {up.URL + "/news/depot.html"}, "text": {"Clashes in Bir Zahra."}}.Encode()
	if rec := post(h, "s3cret", "application/x-www-form-urlencoded", both); rec.Code != http.StatusBadRequest {
		t.Errorf("text and url together: status = %d, want 400: %s", rec.Code, rec.Body)
	}
}

func TestPostURLStillNeedsTheToken(t *testing.T) {
	up := newUpstream(t)
	h := newFetchingServer(t, "127.0.0.1")
	rec := post(h, "", "application/x-www-form-urlencoded", url.Values{"url": {up.URL + "/news/depot.html"}}.Encode())
	if rec.Code != http.StatusUnauthorized || up.hits.Load() != 0 {
		t.Errorf("status = %d with %d upstream requests, want 401 and none", rec.Code, up.hits.Load())
	}
}

func TestAllowList(t *testing.T) {
	list, err := api.ParseAllowList(" News.Example.org , *.wire.example, 127.0.0.1,::1,")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		host string
		want bool
	}{
		{"news.example.org", true},
		{"NEWS.example.ORG", true},
		{"news.example.org.", true},
		{"example.org", false},
		{"sub.news.example.org", false},
		{"evilnews.example.org", false},
		{"a.wire.example", true},
		{"a.b.wire.example", true},
		{"wire.example", false},
		{"notwire.example", false},
		{"127.0.0.1", true},
		{"::1", true},
		{"127.0.0.2", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := list.Allows(tt.host); got != tt.want {
			t.Errorf("Allows(%q) = %v, want %v", tt.host, got, tt.want)
		}
	}
	for _, bad := range []string{"https://example.org", "example.org:8080", "example.org/news", "*", "*example.org", "ex*.org", "a..b"} {
		if _, err := api.ParseAllowList(bad); err == nil {
			t.Errorf("ParseAllowList(%q) succeeded, want an error", bad)
		}
	}
	if empty, _ := api.ParseAllowList(" , "); !empty.Empty() {
		t.Errorf("a list of blanks allows %s", empty)
	}
}

// FuzzParseAllowList checks that no list can panic the parser, and that a
// list it accepts allows each of its exact entries and, for a wildcard,
// a subdomain of its domain.
func FuzzParseAllowList(f *testing.F) {
	for _, s := range []string{"example.org", "*.example.org,example.org", " A.B , ,*.c", "::1,127.0.0.1", "*.", "*.*.x", "a..b", "é.example"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		list, err := api.ParseAllowList(s)
		if err != nil {
			return
		}
		for _, e := range strings.Split(s, ",") {
			e = strings.ToLower(strings.TrimSpace(e))
			if e == "" {
				continue
			}
			if d, ok := strings.CutPrefix(e, "*."); ok {
				if !list.Allows("sub." + d) {
					t.Errorf("%q does not allow sub.%s", s, d)
				}
				continue
			}
			if !list.Allows(e) {
				t.Errorf("%q does not allow its entry %q", s, e)
			}
		}
	})
}
