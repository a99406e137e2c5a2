package ingest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep/internal/doc"
)

// corpusDir holds real crawled pages, feeds and WARCs beside the repository
// (CI has it; a plain checkout may not). The test only reads them to check
// the readers on real input; nothing from them is copied into fixtures.
const corpusDir = "../../../shared/corpus/raw"

func corpus(t *testing.T, sub string) string {
	t.Helper()
	dir := filepath.Join(corpusDir, sub)
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("no real corpus at %s", dir)
	}
	return dir
}

func TestCorpusHTML(t *testing.T) {
	dir := corpus(t, "html")
	var manifest []struct {
		File     string `json:"file"`
		URL      string `json:"url"`
		Expected *struct {
			ArticleBody string `json:"articleBody"`
		} `json:"expected"`
	}
	b, err := os.ReadFile(filepath.Join(dir, "MANIFEST.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &manifest); err != nil {
		t.Fatal(err)
	}
	for _, m := range manifest {
		t.Run(m.File, func(t *testing.T) {
			docs, errs := collect(t, Options{}, filepath.Join(dir, m.File))
			if len(errs) > 0 || len(docs) != 1 {
				t.Fatalf("got %d docs, errors %v; want 1", len(docs), errs)
			}
			d := docs[0]
			if d.Title == "" || d.Source == "" || d.URL == "" {
				t.Errorf("Title %q, Source %q, URL %q: want all found", d.Title, d.Source, d.URL)
			}
			if d.Published == nil {
				t.Errorf("no publication date found")
			}
			if strings.Contains(d.Raw, "â€") {
				t.Errorf("Raw has mojibake: UTF-8 decoded as Windows-1252")
			}
			if m.Expected == nil {
				return
			}
			// Recall of the expected paragraphs: the extractor may differ
			// in details, but must find the body.
			var paras, found int
			for _, p := range strings.Split(m.Expected.ArticleBody, "\n") {
				if p = strings.TrimSpace(p); len(p) < 40 {
					continue
				}
				paras++
				if strings.Contains(strings.Join(strings.Fields(d.Raw), " "), strings.Join(strings.Fields(p), " ")) {
					found++
				}
			}
			if paras > 0 && found*10 < paras*8 {
				t.Errorf("found %d of %d expected paragraphs, want at least 80%%", found, paras)
			}
			t.Logf("%d/%d paragraphs, %q, %s", found, paras, d.Title, pub(d))
		})
	}
}

func TestCorpusFeeds(t *testing.T) {
	dir := corpus(t, "feeds")
	tests := []struct {
		file   string
		format string
		min    int
	}{
		{"guardian-us-2018-01-31.rss", "rss", 50},
		{"npr-technology.jsonfeed.json", "jsonfeed", 10},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			docs, errs := collect(t, Options{}, filepath.Join(dir, tt.file))
			if len(errs) > 0 || len(docs) < tt.min {
				t.Fatalf("got %d docs, errors %v; want at least %d", len(docs), errs, tt.min)
			}
			checkAllDated(t, docs, tt.format)
		})
	}
}

func TestCorpusNewsPlease(t *testing.T) {
	dir := corpus(t, "newsplease")
	docs, errs := collect(t, Options{}, dir)
	if len(errs) > 0 || len(docs) < 300 {
		t.Fatalf("got %d docs, errors %v; want at least 300", len(docs), errs)
	}
	checkAllDated(t, docs, "jsonl")
}

func TestCorpusWARC(t *testing.T) {
	dir := corpus(t, "warc")
	tests := []struct {
		file  string
		pages int // documents from HTML pages (feed items are counted apart)
		items int
	}{
		{"reconstructed-news-fixtures.warc.gz", 10, 50},
		{"ukwa-IAH-20080430204825-00000-blackbook-truncated.warc.gz", 2, 50},
		{"ukwa-wikipedia-post-blackout-2012.warc.gz", 1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			docs, errs := collect(t, Options{}, filepath.Join(dir, tt.file))
			if len(errs) > 0 {
				t.Errorf("errors %v", errs)
			}
			pages, items := 0, 0
			for _, d := range docs {
				if strings.Contains(strings.TrimPrefix(d.Origin, filepath.Join(dir, tt.file)), ".") {
					items++
				} else {
					pages++
				}
				if d.Format != "warc" || d.URL == "" || d.Published == nil {
					t.Errorf("%s: Format %q, URL %q, Published %v: want warc, a URL and a date", d.Origin, d.Format, d.URL, d.Published)
				}
			}
			if pages != tt.pages || items < tt.items {
				t.Errorf("got %d pages and %d feed items, want %d and at least %d", pages, items, tt.pages, tt.items)
			}
		})
	}
}

func checkAllDated(t *testing.T, docs []*doc.Document, format string) {
	t.Helper()
	titled, dated := 0, 0
	for _, d := range docs {
		if d.Format != format {
			t.Errorf("%s: Format = %q, want %q", d.Origin, d.Format, format)
		}
		if d.Title != "" {
			titled++
		}
		if d.Published != nil {
			dated++
		}
	}
	if titled*10 < len(docs)*9 || dated*10 < len(docs)*9 {
		t.Errorf("%d of %d titled, %d dated; want at least 90%% of each", titled, len(docs), dated)
	}
}
