package api

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/record"
	"github.com/sitrep-dev/sitrep/internal/store"
	"github.com/sitrep-dev/sitrep/internal/store/sqlite"
	"github.com/sitrep-dev/sitrep/internal/store/storetest"
)

// benchStore opens the store the load benchmark reads: $SITREP_BENCH_DB if
// set (filled on first use and reused after, since a million events take
// minutes to write), else a temporary one. $SITREP_BENCH_EVENTS sets the
// number of events (default 20,000, so `go test -bench .` stays quick).
func benchStore(b *testing.B) *sqlite.Store {
	b.Helper()
	n := 20000
	if s := os.Getenv("SITREP_BENCH_EVENTS"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil {
			b.Fatal(err)
		}
	}
	path := os.Getenv("SITREP_BENCH_DB")
	if path == "" {
		path = b.TempDir() + "/bench.db"
	}
	ctx := context.Background()
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	var have int
	st.Events(ctx, queryOne, func(record.Event) error { have++; return nil })
	if have > 0 {
		return st
	}
	start := time.Now()
	if err := fillBenchStore(ctx, st, n); err != nil {
		b.Fatal(err)
	}
	b.Logf("generated %d events in %v", n, time.Since(start).Round(time.Millisecond))
	return st
}

var queryOne = store.EventQuery{Limit: 1}

// Invented actors and event types for generated events.
var (
	benchActors = []string{"Northern Front", "Coastal Brigade", "government forces", "River Guard", "local militias",
		"Desert Hawks", "Hill Battalion", "Border Police", "Unknown gunmen", "Civil Defence"}
	benchTypes = [][2]string{
		{"Battles", "Armed clash"}, {"Battles", "Government regains territory"},
		{"Explosions/Remote violence", "Shelling/artillery/missile attack"}, {"Explosions/Remote violence", "Air/drone strike"},
		{"Violence against civilians", "Attack"}, {"Protests", "Peaceful protest"}, {"Riots", "Mob violence"},
		{"Strategic developments", "Looting/property destruction"},
	}
)

// fillBenchStore writes n events over three years and a 20°×15° region,
// reported by 1,000 documents, in batches of 10,000.
func fillBenchStore(ctx context.Context, st *sqlite.Store, n int) error {
	rng := rand.New(rand.NewPCG(1, 2))
	docs := make([]*doc.Document, 1000)
	for i := range docs {
		docs[i] = storetest.GeneratedDocument(i, 1500)
	}
	if _, err := st.SaveBatch(ctx, docs, nil); err != nil {
		return err
	}
	day0 := storetest.Day("2022-01-01")
	const batch = 10000
	for done := 0; done < n; done += batch {
		evs := make([]record.Event, 0, batch)
		for i := done; i < min(n, done+batch); i++ {
			d := docs[rng.IntN(len(docs))]
			t := benchTypes[rng.IntN(len(benchTypes))]
			date := day0.AddDate(0, 0, rng.IntN(3*365)).Format(time.DateOnly)
			ev := storetest.NewEvent(fmt.Sprintf("gen-%07d", i), d, rng.IntN(len(d.Sentences)), date, t[0], t[1])
			ev.Location = &record.Location{Name: fmt.Sprintf("Town %d", rng.IntN(2000)),
				Lat: 25 + rng.Float64()*15, Lon: 30 + rng.Float64()*20, Precision: "town"}
			ev.Actor1 = &record.Actor{Name: benchActors[rng.IntN(len(benchActors))]}
			if rng.IntN(2) == 0 {
				ev.Actor2 = &record.Actor{Name: benchActors[rng.IntN(len(benchActors))]}
			}
			k := rng.IntN(20)
			ev.Fatalities = &record.Figure{Min: &k, Max: &k}
			if rng.IntN(20) == 0 {
				ev.Disputes = []record.Dispute{{Field: "fatalities", Claims: []record.Claim{{Value: k, Doc: d.ID}, {Value: k + 5, Doc: d.ID}}}}
			}
			evs = append(evs, ev)
		}
		if _, err := st.SaveBatch(ctx, nil, evs); err != nil {
			return err
		}
	}
	return nil
}

// benchQueries are the filtered listings the map and list ask for.
var benchQueries = []string{
	"from=2023-03-01&to=2023-03-31&limit=100",
	"bbox=34,30,38,33&from=2023-01-01&to=2023-06-30&limit=100",
	"bbox=30,25,50,40&limit=500",
	"type=Battles&sub_type=Armed+clash&from=2024-01-01&limit=100",
	"actor=River+Guard&limit=100",
	"place=Town+77&limit=100",
	"disputed=true&from=2022-06-01&limit=100",
	"modality=reported&to=2022-02-01&limit=100",
}

// variedQuery makes a filtered listing no earlier request asked for (a
// random month, box, actor, town or type), so the answer cache cannot
// help: what the store and the encoding cost.
func variedQuery(rng *rand.Rand) string {
	return variedQueryOf(rng, rng.IntN(len(variedShapes)))
}

// variedShapes names the kinds of listing variedQuery makes, by the
// shape variedQueryOf takes.
var variedShapes = []string{"month", "box+month", "box", "type+month", "actor+month", "town"}

// variedQueryOf makes a new listing of one shape (an index of
// variedShapes).
func variedQueryOf(rng *rand.Rand, shape int) string {
	month := func() string {
		d := storetest.Day("2022-01-01").AddDate(0, rng.IntN(36), 0)
		return "from=" + d.Format(time.DateOnly) + "&to=" + d.AddDate(0, 1, -1).Format(time.DateOnly)
	}
	box := func() string {
		lon, lat := 30+rng.Float64()*16, 25+rng.Float64()*12
		return fmt.Sprintf("bbox=%.3f,%.3f,%.3f,%.3f", lon, lat, lon+1+rng.Float64()*3, lat+1+rng.Float64()*2)
	}
	t := benchTypes[rng.IntN(len(benchTypes))]
	switch shape {
	case 0:
		return month() + "&limit=100"
	case 1:
		return box() + "&" + month() + "&limit=100"
	case 2:
		return box() + "&limit=100"
	case 3:
		return "type=" + url.QueryEscape(t[0]) + "&sub_type=" + url.QueryEscape(t[1]) + "&" + month() + "&limit=100"
	case 4:
		return "actor=" + url.QueryEscape(benchActors[rng.IntN(len(benchActors))]) + "&" + month() + "&limit=100"
	}
	return fmt.Sprintf("place=Town+%d&limit=100", rng.IntN(2000))
}

// benchOptions reads the server's knobs from the environment:
// $SITREP_BENCH_NOCACHE=1 turns the answer cache off,
// $SITREP_BENCH_SLOTS sets MaxConcurrent (0: GOMAXPROCS, -1: unbounded,
// as before the gate).
func benchOptions() Options {
	var o Options
	if os.Getenv("SITREP_BENCH_NOCACHE") == "1" {
		o.CacheBytes = -1
	}
	if v, err := strconv.Atoi(os.Getenv("SITREP_BENCH_SLOTS")); err == nil {
		o.MaxConcurrent = v
		if v < 0 {
			o.MaxConcurrent, o.MaxQueue = 1<<20, 1<<20
		}
	}
	return o
}

// BenchmarkListEvents measures filtered GET /api/events through the whole
// handler (parsing, store query, JSON encoding), from parallel clients,
// and reports latency percentiles. Run it against a large store with
//
//	SITREP_BENCH_EVENTS=1000000 SITREP_BENCH_DB=/tmp/bench-1m.db SITREP_BENCH_CLIENTS=50 \
//	  go test ./internal/api -run '^$' -bench ListEvents -benchtime 60s
//
// $SITREP_BENCH_CLIENTS × GOMAXPROCS clients (50 × 2 = 100 here) each
// send one request after another. $SITREP_BENCH_VARIED=1 makes every
// request a new query (variedQuery) instead of one of benchQueries;
// $SITREP_BENCH_HTTP=1 sends them over loopback TCP to an http.Server
// (one keep-alive connection per client, as wrk does) instead of calling
// the handler; $SITREP_BENCH_ETAG=1 makes each client revalidate what it
// has seen with If-None-Match, as a browser does (304s count as answers).
func BenchmarkListEvents(b *testing.B) {
	h := New(benchStore(b), benchOptions())
	varied := os.Getenv("SITREP_BENCH_VARIED") == "1"
	revalidate := os.Getenv("SITREP_BENCH_ETAG") == "1"
	do := func(target, etag string) (int, int64, string, error) {
		req := httptest.NewRequest("GET", target, nil)
		if etag != "" {
			req.Header.Set("If-None-Match", etag)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Code, int64(rec.Body.Len()), rec.Header().Get("ETag"), nil
	}
	if os.Getenv("SITREP_BENCH_HTTP") == "1" {
		srv := httptest.NewServer(h)
		defer srv.Close()
		client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 1000, MaxConnsPerHost: 1000}}
		do = func(target, etag string) (int, int64, string, error) {
			req, err := http.NewRequest("GET", srv.URL+target, nil)
			if err != nil {
				return 0, 0, "", err
			}
			if etag != "" {
				req.Header.Set("If-None-Match", etag)
			}
			resp, err := client.Do(req)
			if err != nil {
				return 0, 0, "", err
			}
			n, err := io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			return resp.StatusCode, n, resp.Header.Get("ETag"), err
		}
	}
	var mu sync.Mutex
	var lat []time.Duration
	var failed int
	var bytes int64
	// Concurrent clients: $SITREP_BENCH_CLIENTS × GOMAXPROCS (default 8×).
	par := 8
	if v, err := strconv.Atoi(os.Getenv("SITREP_BENCH_CLIENTS")); err == nil && v > 0 {
		par = v
	}
	b.ResetTimer()
	b.SetParallelism(par)
	b.RunParallel(func(pb *testing.PB) {
		i := rand.IntN(len(benchQueries))
		rng := rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64()))
		var mine []time.Duration
		var n int64
		etags := map[string]string{}
		for pb.Next() {
			q := benchQueries[i%len(benchQueries)]
			if varied {
				q = variedQuery(rng)
			}
			t0 := time.Now()
			code, size, etag, err := do("/api/events?"+q, etags[q])
			mine = append(mine, time.Since(t0))
			n += size
			if revalidate && etag != "" {
				etags[q] = etag
			}
			if (code != http.StatusOK && code != http.StatusNotModified) || err != nil {
				mu.Lock()
				failed++
				mu.Unlock()
			}
			i++
		}
		mu.Lock()
		lat = append(lat, mine...)
		bytes += n
		mu.Unlock()
	})
	b.StopTimer()
	if failed > 0 {
		b.Errorf("%d requests failed", failed)
	}
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	pct := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000 }
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(float64(lat[len(lat)-1].Microseconds())/1000, "max-ms")
	b.ReportMetric(float64(len(lat))/b.Elapsed().Seconds(), "req/s")
	b.ReportMetric(float64(failed), "errors")
	b.SetBytes(bytes / int64(len(lat)))
}

// BenchmarkListEventsByQuery times each of benchQueries alone, to find the
// slow one when BenchmarkListEvents's p99 moves.
func BenchmarkListEventsByQuery(b *testing.B) {
	// No cache: every iteration asks the store.
	h := New(benchStore(b), Options{CacheBytes: -1})
	for _, q := range benchQueries {
		b.Run(q, func(b *testing.B) {
			for b.Loop() {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, httptest.NewRequest("GET", "/api/events?"+q, nil))
				if rec.Code != http.StatusOK {
					b.Fatalf("status %d: %s", rec.Code, rec.Body)
				}
			}
		})
	}
}

// BenchmarkListEventsByShape times new listings (no cache) of each shape
// variedQuery makes, one client: where a varied mix spends its time.
func BenchmarkListEventsByShape(b *testing.B) {
	h := New(benchStore(b), Options{CacheBytes: -1})
	for shape, name := range variedShapes {
		b.Run(name, func(b *testing.B) {
			rng := rand.New(rand.NewPCG(3, uint64(shape)))
			var n int64
			for b.Loop() {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, httptest.NewRequest("GET", "/api/events?"+variedQueryOf(rng, shape), nil))
				if rec.Code != http.StatusOK {
					b.Fatalf("status %d: %s", rec.Code, rec.Body)
				}
				n += int64(rec.Body.Len())
			}
			b.SetBytes(n / int64(b.N))
		})
	}
}

// BenchmarkGrid times GET /api/events/grid (no cache) over the bench
// store: what the page asks at low zoom, where every matching event is
// counted.
func BenchmarkGrid(b *testing.B) {
	h := New(benchStore(b), Options{CacheBytes: -1})
	for _, q := range []string{
		"zoom=3",
		"zoom=5&bbox=30,25,50,40",
		"zoom=5&bbox=30,25,50,40&from=2023-01-01&to=2023-12-31",
		"zoom=7&bbox=34,30,38,33&type=Battles",
		"zoom=8&bbox=35,31,37,32",
	} {
		b.Run(q, func(b *testing.B) {
			for b.Loop() {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, httptest.NewRequest("GET", "/api/events/grid?"+q, nil))
				if rec.Code != http.StatusOK {
					b.Fatalf("status %d: %s", rec.Code, rec.Body)
				}
			}
		})
	}
}
