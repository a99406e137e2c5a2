package web_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/sitrep-dev/sitrep/internal/api"
	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/record"
	"github.com/sitrep-dev/sitrep/internal/store/sqlite"
	"github.com/sitrep-dev/sitrep/internal/store/storetest"
	"github.com/sitrep-dev/sitrep/internal/web"
)

const chromiumPath = "/usr/bin/chromium"

// Sentences of the test store; the hostile one carries markup that would
// run if the page ever parsed article text as HTML.
const (
	depotSentence   = "Artillery shelled the grain depot in Kfar Tala overnight, killing three people."
	retakeSentence  = "By noon government forces said they had retaken Kfar Tala."
	hostileSentence = `A post read <script>window.__pwned = 1</script> and <img src=x onerror="window.__pwned = 2"> near Bir Zahra.`
)

// browserStore is a temporary store with two documents and two events far
// enough apart on the map never to cluster.
func browserStore(t *testing.T) *sqlite.Store {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "browser.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	a := storetest.NewDocument("wire-a", "Residents woke to explosions.", depotSentence, retakeSentence)
	b := storetest.NewDocument("forum-b", "Screenshots circulated online.", hostileSentence)
	depot := storetest.NewEvent("ev-depot", a, 1, "2024-05-02", "Explosions/Remote violence", "Shelling/artillery/missile attack")
	depot.Location = &record.Location{Name: "Kfar Tala", Lat: 35.2, Lon: 36.1, Precision: "town"}
	three := 3
	depot.Fatalities = &record.Figure{Min: &three, Max: &three}
	// A second report says who holds the town: the control timeline.
	retake := storetest.NewEvent("", a, 2, "2024-05-02", "", "").Reports[0]
	taken := "taken by government forces"
	retake.Control = &taken
	depot.Reports = append(depot.Reports, retake)
	hostile := storetest.NewEvent("ev-hostile", b, 1, "2024-05-20", "Battles", "Armed clash")
	hostile.Location = &record.Location{Name: "Bir Zahra", Lat: 15.6, Lon: 32.5, Precision: "town"}
	if _, err := st.SaveBatch(context.Background(), []*doc.Document{a, b}, []record.Event{depot, hostile}); err != nil {
		t.Fatal(err)
	}
	return st
}

// TestPageInBrowser drives Debian's chromium over the page: markers show,
// clicking one opens its event with the sentence highlighted in the
// article, and markup in an article stays text and runs nothing.
func TestPageInBrowser(t *testing.T) {
	ctx := newBrowser(t, 30*time.Second)
	page, err := web.Handler()
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(api.New(browserStore(t), api.Options{Page: page}))
	defer srv.Close()

	// Any uncaught exception in the page fails the test.
	var exceptions []string
	chromedp.ListenTarget(ctx, func(ev any) {
		if e, ok := ev.(*runtime.EventExceptionThrown); ok {
			d := e.ExceptionDetails
			msg := d.Text
			if d.Exception != nil {
				msg += " " + d.Exception.Description
			}
			exceptions = append(exceptions, msg)
		}
	})

	// fail reports what the page showed and threw, since a timeout alone
	// says nothing.
	fail := func(what string, err error) {
		t.Helper()
		var status string
		sctx, scancel := context.WithTimeout(ctx, 5*time.Second)
		defer scancel()
		chromedp.Run(sctx, chromedp.Evaluate(`(document.querySelector("#status") ? document.querySelector("#status").textContent : "") + " / panel: " + (document.querySelector("#event") ? document.querySelector("#event").textContent.slice(-300) : document.documentElement.outerHTML.slice(0, 500))`, &status))
		t.Fatalf("%s: %v (page status %q, exceptions %q)", what, err, status, exceptions)
	}

	var markers int
	if err := chromedp.Run(ctx, chromedp.Navigate(srv.URL+"/")); err != nil {
		fail("navigate", err)
	}
	wctx, wcancel := context.WithTimeout(ctx, 15*time.Second)
	defer wcancel()
	if err := chromedp.Run(wctx,
		chromedp.WaitVisible(`.ev-marker[data-event-id="ev-depot"]`),
		chromedp.WaitVisible(`.ev-marker[data-event-id="ev-hostile"]`),
		chromedp.Evaluate(`document.querySelectorAll('.ev-marker').length`, &markers),
	); err != nil {
		fail("load the page", err)
	}
	if markers != 2 {
		t.Errorf("%d markers on the map, want 2", markers)
	}

	var current string
	if err := chromedp.Run(ctx,
		chromedp.Click(`.ev-marker[data-event-id="ev-depot"]`),
		chromedp.WaitVisible(`#event .doctext mark.current`),
		chromedp.Text(`#event .doctext mark.current`, &current),
	); err != nil {
		fail("open the depot event", err)
	}
	if current != depotSentence {
		t.Errorf("highlighted sentence = %q, want %q", current, depotSentence)
	}

	var control string
	cctx, ccancel := context.WithTimeout(ctx, 8*time.Second)
	defer ccancel()
	if err := chromedp.Run(cctx,
		chromedp.WaitVisible(`#event .control .steps li`),
		chromedp.Text(`#event .control .steps li`, &control),
	); err != nil {
		fail("show the control timeline", err)
	}
	if !strings.Contains(control, "captured") || !strings.Contains(control, "government forces") || !strings.Contains(control, "2024-05-02") {
		t.Errorf("control timeline step = %q, want government forces capturing Kfar Tala on 2024-05-02", control)
	}

	var hostileText string
	var pwned bool
	var injected int
	if err := chromedp.Run(ctx,
		chromedp.Click(`.ev-marker[data-event-id="ev-hostile"]`),
		chromedp.WaitVisible(`#event .doctext mark.current`),
		chromedp.Poll(`document.querySelector('#event h2') && document.querySelector('#event h2').textContent.startsWith('Battles')`, nil),
		chromedp.Text(`#event .doctext mark.current`, &hostileText),
		chromedp.Evaluate(`window.__pwned !== undefined`, &pwned),
		chromedp.Evaluate(`document.querySelectorAll('#event script, #event img, #list script, #list img').length`, &injected),
	); err != nil {
		fail("open the hostile event", err)
	}
	if hostileText != hostileSentence {
		t.Errorf("hostile sentence shown as %q, want the markup as text %q", hostileText, hostileSentence)
	}
	if pwned || injected != 0 {
		t.Errorf("article markup ran or was parsed: __pwned set = %v, %d injected elements", pwned, injected)
	}

	saveScreenshot(t, ctx, "sitrep-page.png")
	if len(exceptions) > 0 {
		t.Errorf("the page threw: %s", strings.Join(exceptions, "; "))
	}
}

// newBrowser starts headless chromium for a test, or skips without it
// (fails under CI=true).
func newBrowser(t *testing.T, timeout time.Duration) context.Context {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true but %s is missing: .ci/run must install chromium", chromiumPath)
		}
		t.Skipf("no %s; install Debian's chromium to run the browser test", chromiumPath)
	}
	// Not t.TempDir: chromium may still be writing its profile when the
	// test ends, and TempDir fails the test when it cannot remove it.
	profile, err := os.MkdirTemp("", "sitrep-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(profile) })
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1280, 800),
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(cancel)
	ctx, cancel = context.WithTimeout(ctx, timeout)
	t.Cleanup(cancel)
	return ctx
}

// TestPageAggregatesManyEvents checks the page over more events than it
// shows as markers: it shows the server's grid counts, which add up to
// every event, and zooming into a cell brings markers back.
func TestPageAggregatesManyEvents(t *testing.T) {
	ctx := newBrowser(t, 60*time.Second)
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "many.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	const n = 3000
	docs := make([]*doc.Document, 20)
	for i := range docs {
		docs[i] = storetest.GeneratedDocument(i, 600)
	}
	evs := make([]record.Event, n)
	for i := range evs {
		d := docs[i%len(docs)]
		ev := storetest.NewEvent(fmt.Sprintf("many-%05d", i), d, i%len(d.Sentences),
			storetest.Day("2024-01-01").AddDate(0, 0, i%90).Format(time.DateOnly), "Battles", "Armed clash")
		// A 10°×8° region, spread evenly and deterministically.
		ev.Location = &record.Location{Name: fmt.Sprintf("Town %d", i%500), Lat: 30 + float64(i*37%800)/100, Lon: 35 + float64(i*91%1000)/100, Precision: "town"}
		evs[i] = ev
	}
	if _, err := st.SaveBatch(context.Background(), docs, evs); err != nil {
		t.Fatal(err)
	}
	page, err := web.Handler()
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(api.New(st, api.Options{Page: page}))
	defer srv.Close()

	sumCells := `Array.from(document.querySelectorAll('.grid-cell')).reduce((s, e) => s + Number(e.dataset.count || 0), 0)`
	var total, markers, bars int
	err = chromedp.Run(ctx, chromedp.Navigate(srv.URL+"/"))
	if err == nil {
		err = waitJS(ctx, sumCells+` === `+fmt.Sprint(n)+` && document.querySelectorAll('#timeline .bar').length > 0`, 20*time.Second)
	}
	if err == nil {
		err = chromedp.Run(ctx,
			chromedp.Evaluate(sumCells, &total),
			chromedp.Evaluate(`document.querySelectorAll('.ev-marker, .marker-cluster').length`, &markers),
			chromedp.Evaluate(`document.querySelectorAll('#timeline .bar').length`, &bars))
	}
	if err != nil {
		var status string
		chromedp.Run(ctx, chromedp.Text(`#status`, &status))
		t.Fatalf("load the grid: %v (status %q)", err, status)
	}
	if total != n || markers != 0 {
		t.Errorf("grid cells add up to %d with %d markers, want %d events and no markers", total, markers, n)
	}
	if bars == 0 {
		t.Error("the timeline has no bars")
	}
	if err := waitJS(ctx, settled, 10*time.Second); err != nil {
		t.Fatalf("settle: %v", err)
	}
	saveScreenshot(t, ctx, "sitrep-grid.png")
	// Zoom into the busiest cell until fewer events than the marker limit
	// are in view: then the page shows markers, and no cells.
	const hasMarkers = `document.querySelectorAll('.ev-marker, .marker-cluster').length > 0 && document.querySelectorAll('.grid-cell').length === 0`
	shown := false
	for range 6 {
		// Wait for the page to settle (no render for half a second), then
		// click the busiest cell with the mouse, then wait for the render
		// of the new view.
		var before string
		if err := waitJS(ctx, settled, 10*time.Second); err != nil {
			t.Fatalf("settle: %v", err)
		}
		if err := chromedp.Run(ctx,
			chromedp.Evaluate(`document.body.dataset.renders`, &before),
			chromedp.Evaluate(`(() => { const cs = Array.from(document.querySelectorAll('.grid-cell')); cs.sort((a, b) => b.dataset.count - a.dataset.count); cs[0].dataset.busiest = '1'; })()`, nil),
			chromedp.Click(`.grid-cell[data-busiest]`),
		); err != nil {
			t.Fatalf("click the busiest cell: %v", err)
		}
		if err := waitJS(ctx, `document.body.dataset.renders !== `+strconv.Quote(before), 10*time.Second); err != nil {
			var status string
			chromedp.Run(ctx, chromedp.Text(`#status`, &status))
			t.Fatalf("zoom into a cell: %v (status %q)", err, status)
		}
		if err := chromedp.Run(ctx, chromedp.Evaluate(hasMarkers, &shown)); err != nil {
			t.Fatal(err)
		}
		if shown {
			break
		}
	}
	if !shown {
		t.Fatal("zooming into the busiest cell six times never brought markers back")
	}
	// Zoomed in, the page fetches the admin-1 outlines of the countries in
	// view (the region is around Syria).
	if err := waitJS(ctx, `performance.getEntriesByType('resource').some((e) => e.name.endsWith('/admin1/syr.json'))`, 10*time.Second); err != nil {
		t.Errorf("admin-1 outlines of Syria not loaded once zoomed in: %v", err)
	}
	saveScreenshot(t, ctx, "sitrep-zoomed.png")
}

// saveScreenshot saves the page for review in $SITREP_SCREENSHOT_DIR (a
// temporary directory when unset).
func saveScreenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	var png []byte
	// The viewport only: a full-page capture resizes the page, which
	// moves the map and makes the page load the new view.
	if err := chromedp.Run(ctx, chromedp.CaptureScreenshot(&png)); err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	dir := os.Getenv("SITREP_SCREENSHOT_DIR")
	if dir == "" {
		dir = t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
}

// settled is true once the page has not drawn a new view for half a
// second (render counts its views in body's data-renders).
const settled = `(() => { const r = document.body.dataset.renders; if (window.__r !== r) { window.__r = r; window.__t = Date.now(); } return Date.now() - window.__t > 500; })()`

// waitJS evaluates expr until it is true or timeout passes. (chromedp's
// Poll returned early here, on a page that animates the map.)
func waitJS(ctx context.Context, expr string, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		var ok bool
		if err := chromedp.Run(ctx, chromedp.Evaluate(expr, &ok)); err != nil {
			return err
		}
		if ok {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%s still false after %v", expr, timeout)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
