package ingest

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep/internal/doc"
)

// Run a target with, for example:
//
//	go test -run='^$' -fuzz='^FuzzReadHTML$' -fuzztime=30s -fuzzminimizetime=2s ./internal/ingest/
//
// -fuzzminimizetime matters: the default minimizes each new input for up
// to 60 s of re-running the HTML extractor, which looks like a stall.

// fuzzRead runs Read on in under name and holds every emitted document to
// the invariant of all fuzz targets here: no input panics a reader, and
// every document has valid UTF-8 Raw that is not empty.
func fuzzRead(t *testing.T, name string, in []byte) {
	// A hang is a bug too: crash loudly so the fuzzer keeps the input.
	timer := time.AfterFunc(fuzzTimeLimit, func() {
		panic(fmt.Sprintf("Read of %d bytes took over %v", len(in), fuzzTimeLimit))
	})
	defer timer.Stop()
	err := Read(context.Background(), name, strings.NewReader(string(in)), Options{MaxBytes: 1 << 20}, func(d *doc.Document) error {
		if !utf8.ValidString(d.Raw) {
			t.Fatalf("%s: Raw is not valid UTF-8: %q", d.Origin, d.Raw)
		}
		if strings.TrimSpace(d.Raw) == "" {
			t.Fatalf("%s: empty Raw emitted", d.Origin)
		}
		if !utf8.ValidString(d.Title) || !utf8.ValidString(d.Source) || !utf8.ValidString(d.Author) {
			t.Fatalf("%s: metadata is not valid UTF-8", d.Origin)
		}
		return nil
	}, func(error) {})
	if err != nil {
		t.Fatalf("Read returned %v; only ctx or emit may stop it", err)
	}
}

// fuzzTimeLimit is far above what any input up to 1 MiB needs (a few
// milliseconds), with room for the fuzzer's coverage instrumentation.
const fuzzTimeLimit = 10 * time.Second

func addFiles(f *testing.F, names ...string) {
	for _, n := range names {
		b, err := os.ReadFile("testdata/" + n)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
}

// FuzzDetect: Detect never panics and always names a format, and Read of
// anything at all never panics.
func FuzzDetect(f *testing.F) {
	addFiles(f, "article.html", "feed.rss", "feed.json", "newsplease.jsonl", "utf16le.txt", "image.png")
	f.Add([]byte("WARC/1.1\r\n"))
	f.Add([]byte("\x1f\x8b\x08\x00\x00\x00\x00\x00"))
	f.Fuzz(func(t *testing.T, in []byte) {
		if Detect(in, "x") == "" {
			t.Fatal("Detect returned no format")
		}
		fuzzRead(t, "x", in)
	})
}

// FuzzReadHTML: no page panics the HTML reader; Raw is valid UTF-8.
func FuzzReadHTML(f *testing.F) {
	addFiles(f, "article.html", "truncated.html")
	f.Add([]byte("<html><body><p>one<p>two</body>"))
	f.Add([]byte("<meta charset=windows-1251><p>\xc1\xee\xe9"))
	f.Fuzz(func(t *testing.T, in []byte) {
		fuzzRead(t, "x.html", append([]byte("<html>"), in...))
	})
}

// FuzzReadFeed: no feed panics the RSS, Atom or JSON Feed readers.
func FuzzReadFeed(f *testing.F) {
	addFiles(f, "feed.rss", "feed.atom", "feed.json", "notxml.rss")
	f.Fuzz(func(t *testing.T, in []byte) {
		fuzzRead(t, "x.rss", in)
	})
}

// FuzzReadJSONL: no JSON Lines input panics the reader.
func FuzzReadJSONL(f *testing.F) {
	addFiles(f, "newsplease.jsonl", "single.json")
	f.Add([]byte(`[{"text":"a"},{"maintext":"b","authors":[{"name":"c"}]}]`))
	f.Fuzz(func(t *testing.T, in []byte) {
		fuzzRead(t, "x.jsonl", in)
	})
}

// FuzzWARC: no WARC input panics the record reader, the HTTP parser or the
// page extraction behind them.
func FuzzWARC(f *testing.F) {
	recs := testCrawl(f)
	f.Add([]byte(strings.Join(recs, "")))
	f.Add([]byte(recs[3]))
	f.Add([]byte(gzipBytes(recs[7])))
	f.Fuzz(func(t *testing.T, in []byte) {
		fuzzRead(t, "x.warc", in)
	})
}

// FuzzDecodeText: any bytes decode to valid UTF-8.
func FuzzDecodeText(f *testing.F) {
	addFiles(f, "utf16le.txt", "utf16be.txt", "cp1252.txt", "plain.txt")
	f.Add([]byte("\xc2\xee\xe9\xf1\xea\xe0"))
	f.Fuzz(func(t *testing.T, in []byte) {
		if s := DecodeText(in); !utf8.ValidString(s) {
			t.Fatalf("DecodeText(%q) = %q, not valid UTF-8", in, s)
		}
		fuzzRead(t, "x.txt", in)
	})
}
