//go:build unix

package ingest

import (
	"context"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep/internal/doc"
)

func benchRead(b *testing.B, name string, in []byte) {
	b.Helper()
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	ctx := context.Background()
	n := 0
	cpu0 := cpuTime()
	for b.Loop() {
		err := Read(ctx, name, strings.NewReader(string(in)), Options{}, func(*doc.Document) error { n++; return nil },
			func(error) {})
		if err != nil {
			b.Fatal(err)
		}
	}
	if n == 0 {
		b.Fatal("no documents")
	}
	// MB per CPU-second of this process (all threads, GC included): the
	// per-core throughput, which wall-clock MB/s hides on a shared machine.
	if cpu := (cpuTime() - cpu0).Seconds(); cpu > 0 {
		b.ReportMetric(float64(len(in))*float64(b.N)/cpu/1e6, "MB/cpu-s")
	}
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func mustRead(b *testing.B, path string) []byte {
	in, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	return in
}

// A long plain-text article (about 1 MB), in UTF-8 and in Windows-1252.
func BenchmarkReadText(b *testing.B) {
	in := []byte(strings.Repeat(string(mustRead(b, "testdata/plain.txt")), 5000))
	b.Run("utf8", func(b *testing.B) { benchRead(b, "x.txt", in) })
	legacy := []byte(strings.Repeat(string(mustRead(b, "testdata/cp1252.txt")), 6000))
	b.Run("windows1252", func(b *testing.B) { benchRead(b, "x.txt", legacy) })
}

// A long page (about 55 KB, the size of a small real news page): the fixture's
// article paragraphs and its navigation repeated.
func BenchmarkReadHTML(b *testing.B) {
	page := string(mustRead(b, "testdata/article.html"))
	start, end := strings.Index(page, "<nav>"), strings.Index(page, "</article>")
	body := strings.Repeat(page[start:end], 40)
	big := page[:start] + body + page[end:]
	benchRead(b, "x.html", []byte(big))
}

func BenchmarkReadJSONL(b *testing.B) {
	var sb strings.Builder
	for range 2000 {
		sb.WriteString(`{"id":"r","text":"Rebels shelled the outskirts of Port Callan on Tuesday, officials said, and the harbour authority closed the western quay until further notice.","title":"Rebels shell Port Callan","published":"2031-03-04","url":"https://news.example.com/a"}` + "\n")
	}
	benchRead(b, "x.jsonl", []byte(sb.String()))
}

func BenchmarkReadWARC(b *testing.B) {
	var sb strings.Builder
	for _, r := range testCrawl(b) {
		sb.WriteString(gzipBytes(r))
	}
	benchRead(b, "x.warc.gz", []byte(sb.String()))
}

func BenchmarkReadFeed(b *testing.B) {
	benchRead(b, "x.rss", mustRead(b, "testdata/feed.atom"))
}
