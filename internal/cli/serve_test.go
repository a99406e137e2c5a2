package cli

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep/internal/api"
	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/record"
	"github.com/sitrep-dev/sitrep/internal/store/sqlite"
	"github.com/sitrep-dev/sitrep/internal/store/storetest"
)

// lockedBuffer is a bytes.Buffer safe to write from the server goroutine
// while the test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// exportStore writes a store with two located events.
func exportStore(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "export.db")
	st, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	d := storetest.NewDocument("wire", "Shelling hit Kfar Tala.", "Clashes broke out in Bir Zahra.")
	src := "Invented Wire"
	d.Source = src
	a := storetest.NewEvent("ev-a", d, 0, "2024-03-01", "Explosions/Remote violence", "Shelling/artillery/missile attack")
	a.Location = &record.Location{Name: "Kfar Tala", Lat: 35.2, Lon: 36.1, Precision: "town"}
	b := storetest.NewEvent("ev-b", d, 1, "2024-03-02", "Battles", "Armed clash")
	b.Location = &record.Location{Name: "Bir Zahra", Lat: 15.6, Lon: 32.5, Precision: "town"}
	if _, err := st.SaveBatch(context.Background(), []*doc.Document{d}, []record.Event{a, b}); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestExport(t *testing.T) {
	db := exportStore(t)
	code, out, errOut := run(t, "", "export", "--db", db, "--format", "acled-csv", "--bbox", "30,10,35,20")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[1][0] != "ev-b" || !strings.Contains(strings.Join(rows[1], ","), "Invented Wire") {
		t.Errorf("csv = %v", rows)
	}
	code, out, _ = run(t, "", "export", "--db", db, "--format", "geojson", "--type", "Battles")
	var fc struct{ Features []json.RawMessage }
	if code != ExitOK || json.Unmarshal([]byte(out), &fc) != nil || len(fc.Features) != 1 {
		t.Errorf("geojson: exit %d, %s", code, out)
	}
	if code, out, _ := run(t, "", "export", "--db", db, "--format", "parquet"); code != ExitOK || !strings.HasPrefix(out, "PAR1") || !strings.HasSuffix(out, "PAR1") {
		t.Errorf("parquet: exit %d, %d bytes without Parquet's magic at both ends", code, len(out))
	}
	if code, _, _ := run(t, "", "export", "--db", db, "--format", "xlsx"); code != ExitUsage {
		t.Errorf("an unknown format: exit %d, want %d", code, ExitUsage)
	}
	if code, _, _ := run(t, "", "export", "--db", db, "--format", "jsonl", "--bbox", "1,2"); code != ExitUsage {
		t.Errorf("a bad box: exit %d, want %d", code, ExitUsage)
	}
}

func TestServeAnswersAndAnalysesPostedArticles(t *testing.T) {
	db := exportStore(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stderr lockedBuffer
	env := &Env{Stdin: strings.NewReader(""), Stdout: new(bytes.Buffer), Stderr: &stderr,
		Getenv: func(k string) string {
			if k == "SITREP_TOKEN" {
				return "s3cret"
			}
			return ""
		}}
	done := make(chan int, 1)
	go func() { done <- Run(ctx, []string{"serve", "--db", db, "--addr", "127.0.0.1:0"}, env) }()
	addrRE := regexp.MustCompile(`listening on (http://\S+/)`)
	var base string
	for deadline := time.Now().Add(20 * time.Second); base == "" && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if m := addrRE.FindStringSubmatch(stderr.String()); m != nil {
			base = m[1]
		}
	}
	if base == "" {
		t.Fatalf("server did not start: %s", stderr.String())
	}
	res, err := http.Get(base + "api/events?type=Battles")
	if err != nil {
		t.Fatal(err)
	}
	var page struct{ Events []record.Event }
	json.NewDecoder(res.Body).Decode(&page)
	res.Body.Close()
	if len(page.Events) != 1 || page.Events[0].ID != "ev-b" {
		t.Errorf("events = %+v", page.Events)
	}
	res, err = http.Get(base)
	if err != nil || res.StatusCode != 200 || !strings.Contains(res.Header.Get("Content-Security-Policy"), "script-src 'self'") {
		t.Errorf("page: %v %v", res, err)
	}
	res.Body.Close()

	req, _ := http.NewRequest("POST", base+"api/documents", strings.NewReader("Artillery shelled a market in Kharkiv on 3 May 2024, killing five civilians, officials said.\n"))
	req.Header.Set("Authorization", "Bearer s3cret")
	req.Header.Set("Content-Type", "text/plain")
	res, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var ar struct{ Documents []record.Document }
	json.NewDecoder(res.Body).Decode(&ar)
	res.Body.Close()
	if res.StatusCode != http.StatusCreated || len(ar.Documents) != 1 {
		t.Fatalf("post: status %d, %+v", res.StatusCode, ar)
	}
	res, err = http.Get(base + "api/documents/" + ar.Documents[0].ID)
	if err != nil || res.StatusCode != 200 {
		t.Errorf("posted document: %v %v", res, err)
	}
	res.Body.Close()

	cancel()
	select {
	case code := <-done:
		if code != ExitOK {
			t.Errorf("serve exited %d: %s", code, stderr.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop")
	}
}

// startServe runs `sitrep serve` on a free loopback port with SITREP_TOKEN
// set and returns its base URL; the server stops when the test ends.
func startServe(t *testing.T, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var stderr lockedBuffer
	env := &Env{Stdin: strings.NewReader(""), Stdout: new(bytes.Buffer), Stderr: &stderr,
		Getenv: func(k string) string {
			if k == "SITREP_TOKEN" {
				return "s3cret"
			}
			return ""
		}}
	done := make(chan int, 1)
	go func() { done <- Run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...), env) }()
	t.Cleanup(func() {
		cancel()
		select {
		case code := <-done:
			if code != ExitOK {
				t.Errorf("serve exited %d: %s", code, stderr.String())
			}
		case <-time.After(15 * time.Second):
			t.Error("serve did not stop")
		}
	})
	addrRE := regexp.MustCompile(`listening on (http://\S+/)`)
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if m := addrRE.FindStringSubmatch(stderr.String()); m != nil {
			return m[1]
		}
	}
	t.Fatalf("server did not start: %s", stderr.String())
	return ""
}

func TestServeFetchesAnArticleFromAnAllowedHost(t *testing.T) {
	const article = `<!doctype html><html lang="en"><head><title>Market shelled in Kharkiv</title>
<meta property="og:site_name" content="Invented Wire"></head><body><article>
<p>Artillery shelled a market in Kharkiv on 3 May 2024, killing five civilians, regional officials said.</p>
<p>Firefighters worked through the night to put out the blaze at the stalls.</p>
</article></body></html>`
	upstream := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(article))
	}))
	defer upstream.Close()
	base := startServe(t, "--db", filepath.Join(t.TempDir(), "fetch.db"), "--fetch-allow", "127.0.0.1")

	target := upstream.URL + "/2024/05/03/market-shelled.html"
	req, _ := http.NewRequest("POST", base+"api/documents", strings.NewReader(url.Values{"url": {target}}.Encode()))
	req.Header.Set("Authorization", "Bearer s3cret")
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var ar struct {
		Documents []record.Document
		Events    []record.Event
	}
	json.NewDecoder(res.Body).Decode(&ar)
	res.Body.Close()
	if res.StatusCode != http.StatusCreated || len(ar.Documents) != 1 {
		t.Fatalf("post: status %d, %+v", res.StatusCode, ar)
	}
	d := ar.Documents[0]
	if d.URL == nil || *d.URL != target {
		t.Errorf("url = %v, want %q", d.URL, target)
	}
	if want := "fetched:" + target; d.Origin != want {
		t.Errorf("origin = %q, want %q", d.Origin, want)
	}
	if d.Format != "html" || d.Source == nil || *d.Source != "Invented Wire" {
		t.Errorf("format %q, source %v: want the page read as HTML with its site name", d.Format, d.Source)
	}
	if len(ar.Events) == 0 {
		t.Errorf("no events from the fetched article")
	}
	res, err = http.Get(base + "api/documents/" + url.PathEscape(d.ID))
	if err != nil {
		t.Fatal(err)
	}
	var stored record.Document
	json.NewDecoder(res.Body).Decode(&stored)
	res.Body.Close()
	if res.StatusCode != 200 || stored.URL == nil || *stored.URL != target {
		t.Errorf("stored document: status %d, url %v", res.StatusCode, stored.URL)
	}
}

func TestServeRefusesABadAllowList(t *testing.T) {
	if code, _, errOut := run(t, "", "serve", "--db", filepath.Join(t.TempDir(), "x.db"), "--fetch-allow", "https://example.org/news"); code != ExitUsage || !strings.Contains(errOut, "--fetch-allow") {
		t.Errorf("exit %d, %q: want a usage error naming the flag", code, errOut)
	}
}

func TestFetchedProvenance(t *testing.T) {
	up := api.Upload{URL: "https://www.example.org/news/raid.html?id=7", Requested: "https://example.org/r/7"}
	tests := []struct {
		name                string
		format, url, source string
		wantURL, wantSource string
		wantID              string
	}{
		{"a page without a canonical URL gets the fetched one", "html", "", "", up.URL, "example.org", "example.org-news-raid.html-id-7"},
		{"a canonical URL stays", "html", "https://example.org/raid", "Invented Wire", "https://example.org/raid", "Invented Wire", "example.org-raid"},
		{"a relative canonical URL is resolved against the page", "html", "/story/raid", "", "https://www.example.org/story/raid", "example.org", "example.org-story-raid"},
		{"plain text gets the fetched URL", "text", "", "", up.URL, "example.org", "example.org-news-raid.html-id-7"},
		{"a feed item keeps its own link", "rss", "https://example.org/item/1", "Wire", "https://example.org/item/1", "Wire", "keep"},
		{"a feed item without a link gets none", "rss", "", "Wire", "", "Wire", "keep"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &doc.Document{ID: "keep", Format: tt.format, URL: tt.url, Source: tt.source}
			fetchedProvenance(d, up)
			if d.URL != tt.wantURL || d.Source != tt.wantSource || d.ID != tt.wantID {
				t.Errorf("got url %q source %q id %q, want %q %q %q", d.URL, d.Source, d.ID, tt.wantURL, tt.wantSource, tt.wantID)
			}
		})
	}
	if got, want := fetchedOrigin(up), "fetched:https://example.org/r/7"; got != want {
		t.Errorf("origin = %q, want %q", got, want)
	}
}

func TestServeRaisesTheGCTargetOnlyWhenGOGCIsUnset(t *testing.T) {
	current := func() (int, int64) {
		p := debug.SetGCPercent(100)
		debug.SetGCPercent(p)
		return p, debug.SetMemoryLimit(-1)
	}
	p0, l0 := current()
	tests := []struct {
		name      string
		env       map[string]string
		wantPct   int
		wantLimit int64
	}{
		{"neither variable set: the server's target and limit", nil, serveGCPercent, serveMemoryLimit},
		{"GOGC set: nothing changes", map[string]string{"GOGC": "100"}, p0, l0},
		{"GOMEMLIMIT set: only the target", map[string]string{"GOMEMLIMIT": "4GiB"}, serveGCPercent, l0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			restore := tuneGC(func(k string) string { return tt.env[k] })
			p, l := current()
			restore()
			if p != tt.wantPct || l != tt.wantLimit {
				t.Errorf("GC percent %d, limit %d; want %d, %d", p, l, tt.wantPct, tt.wantLimit)
			}
			if p, l := current(); p != p0 || l != l0 {
				t.Errorf("after restore: GC percent %d, limit %d; want %d, %d back", p, l, p0, l0)
			}
		})
	}
}
