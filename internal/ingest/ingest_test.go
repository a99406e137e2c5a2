package ingest

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep/internal/doc"
)

var update = flag.Bool("update", false, "rewrite golden files")

// collect reads inputs with Walk and returns what was emitted and reported.
func collect(t *testing.T, opts Options, inputs ...string) ([]*doc.Document, []error) {
	t.Helper()
	var docs []*doc.Document
	var errs []error
	err := Walk(context.Background(), inputs, nil, opts, func(d *doc.Document) error {
		docs = append(docs, d)
		return nil
	}, func(err error) { errs = append(errs, err) })
	if err != nil {
		t.Fatalf("Walk: %v", err)
	}
	for _, d := range docs {
		checkDoc(t, d)
	}
	return docs, errs
}

// checkDoc holds every reader to the package contract.
func checkDoc(t *testing.T, d *doc.Document) {
	t.Helper()
	if !utf8.ValidString(d.Raw) {
		t.Errorf("%s: Raw is not valid UTF-8", d.Origin)
	}
	if strings.TrimSpace(d.Raw) == "" {
		t.Errorf("%s: Raw is empty", d.Origin)
	}
	if d.Text != "" {
		t.Errorf("%s: Text = %q, want it left to the clean stage", d.Origin, d.Text)
	}
	if d.ID == "" || d.Origin == "" || d.Format == "" {
		t.Errorf("%s: ID %q, Origin %q, Format %q: want all set", d.Origin, d.ID, d.Origin, d.Format)
	}
	if d.Published != nil && (d.Published.Location() != time.UTC || d.Published.Hour() != 0) {
		t.Errorf("%s: Published = %v, want a UTC date", d.Origin, d.Published)
	}
}

func pub(d *doc.Document) string {
	if d.Published == nil {
		return ""
	}
	return d.Published.Format("2006-01-02")
}

func TestDetect(t *testing.T) {
	tests := []struct {
		name, file, head string
		want             Format
	}{
		{"gzip magic is gzip whatever the name", "a.txt", "\x1f\x8b\x08\x00", FormatGzip},
		{"a WARC version line is WARC", "crawl", "WARC/1.1\r\nWARC-Type: warcinfo\r\n", FormatWARC},
		{"an XML declaration then rss is RSS", "x", `<?xml version="1.0"?><rss version="2.0">`, FormatRSS},
		{"rss without a declaration is RSS", "x", "<rss version=\"2.0\"><channel>", FormatRSS},
		{"RDF is RSS 1.0", "x", `<?xml version="1.0"?><rdf:RDF xmlns:rdf="x">`, FormatRSS},
		{"an Atom feed element is Atom", "x", `<?xml version="1.0"?>` + "\n<!-- c -->\n<feed xmlns=\"http://www.w3.org/2005/Atom\">", FormatAtom},
		{"an HTML doctype is HTML", "x.txt", "<!DOCTYPE html><html><body>", FormatHTML},
		{"an html element is HTML", "x", "\n  <html lang=en>", FormatHTML},
		{"XHTML after an XML declaration is HTML", "x", `<?xml version="1.0"?><!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x"><html>`, FormatHTML},
		{"an unknown XML root goes to the feed reader", "x", `<?xml version="1.0"?><urlset>`, FormatRSS},
		{"a JSON Feed version is JSON Feed", "f.json", `{"version": "https://jsonfeed.org/version/1.1", "items": []}`, FormatJSONFeed},
		{"a JSON Feed with escaped slashes is JSON Feed", "f", `{"version":"https:\/\/jsonfeed.org\/version\/1"}`, FormatJSONFeed},
		{"an object per line is JSON Lines", "f.txt", "{\"text\":\"a\"}\n{\"text\":\"b\"}\n", FormatJSONL},
		{"a JSON array in a .json file is JSON Lines", "f.json", "[{\"text\":\"a\"}]", FormatJSONL},
		{"prose is text", "story.html", "Shelling resumed at dawn.", FormatHTML},
		{"prose without a telling extension is text", "story", "Shelling resumed at dawn.", FormatText},
		{"prose in a .rss file goes to the feed reader", "feed.rss", "not a feed", FormatRSS},
		{"a UTF-8 byte order mark is looked through", "x", "\xef\xbb\xbf<html>", FormatHTML},
		{"UTF-16 with a byte order mark is sniffed decoded", "x", "\xff\xfe<\x00h\x00t\x00m\x00l\x00>\x00", FormatHTML},
		{"UTF-16 text is text, not binary", "x", "\xfe\xff\x00H\x00i\x00 \x00t\x00h\x00e\x00r\x00e", FormatText},
		{"a PNG is binary", "x.txt", "\x89PNG\r\n\x1a\n", FormatBinary},
		{"a PDF is binary", "x.txt", "%PDF-1.7\n", FormatBinary},
		{"a ZIP is binary", "x.txt", "PK\x03\x04\x14\x00", FormatBinary},
		{"NUL bytes are binary", "x.txt", "abc\x00\x00\x01def", FormatBinary},
		{"Windows-1252 text is text", "x", "Caf\xe9 reopened \x93today\x94", FormatText},
		{"a headline starting MZ is text", "x", "MZ-7 drones seen over port", FormatText},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Detect([]byte(tt.head), tt.file); got != tt.want {
				t.Errorf("Detect(%q, %q) = %q, want %q", tt.head, tt.file, got, tt.want)
			}
		})
	}
}

func TestReadText(t *testing.T) {
	tests := []struct {
		name, file, title, contains string
	}{
		{"UTF-8 text keeps its paragraphs and gives its headline", "plain.txt", "Troops withdraw from Harlow ridge", "Sunday after three days of fighting, a military source said.\n\nThe ridge"},
		{"UTF-16 little-endian is decoded", "utf16le.txt", "Border post shelled overnight", "The border post at Kalvo was shelled overnight"},
		{"UTF-16 big-endian is decoded", "utf16be.txt", "Border post shelled overnight", "Two guards were wounded."},
		{"Windows-1252 is decoded and CRLF normalised", "cp1252.txt", "Café owners in Sainte-Régine reopen after curfew", "Monday “after a week of silence”, its owner said – despite"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, errs := collect(t, Options{}, filepath.Join("testdata", tt.file))
			if len(errs) > 0 || len(docs) != 1 {
				t.Fatalf("got %d docs, errors %v; want 1 doc", len(docs), errs)
			}
			d := docs[0]
			if d.Title != tt.title {
				t.Errorf("Title = %q, want %q", d.Title, tt.title)
			}
			if !strings.Contains(d.Raw, tt.contains) {
				t.Errorf("Raw = %q, want it to contain %q", d.Raw, tt.contains)
			}
			if strings.ContainsAny(d.Raw, "\r\ufeff") {
				t.Errorf("Raw = %q, want no CR or BOM", d.Raw)
			}
			if want := strings.TrimSuffix(tt.file, ".txt"); d.ID != want || d.Format != "text" || d.Origin != filepath.Join("testdata", tt.file) {
				t.Errorf("ID, Format, Origin = %q, %q, %q; want %q, text, the path", d.ID, d.Format, d.Origin, want)
			}
		})
	}
}

func TestHeadline(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"a short line without a stop is a headline", "\n\nRockets hit airfield\nBody.", "Rockets hit airfield"},
		{"a sentence is not a headline", "Rockets hit the airfield on Monday.\nMore.", ""},
		{"a question is a headline", "Will the truce hold?\nBody.", "Will the truce hold?"},
		{"one word is not a headline", "Breaking\nBody.", ""},
		{"a long line is not a headline", strings.Repeat("word ", 40) + "\nBody", ""},
		{"a line of digits is not a headline", "12 34\nBody", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := headline(tt.text); got != tt.want {
				t.Errorf("headline(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestDecodeText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"valid UTF-8 is kept", "Kyiv – Київ", "Kyiv – Київ"},
		{"a UTF-8 byte order mark is dropped", "\xef\xbb\xbfHello", "Hello"},
		{"Windows-1252 quotes become Unicode", "\x93Ceasefire\x94 holds", "“Ceasefire” holds"},
		{"ISO-8859-1 accents become Unicode", "Cr\xe9teil, l\xe0-bas", "Créteil, là-bas"},
		{"Windows-1251 Cyrillic is recognised", "\xc2\xee\xe9\xf1\xea\xe0 \xe2\xee\xf8\xeb\xe8 \xe2 \xe3\xee\xf0\xee\xe4 \xef\xee\xf1\xeb\xe5 \xe4\xee\xeb\xe3\xee\xe3\xee \xe1\xee\xff", "Войска вошли в город после долгого боя"},
		{"UTF-16LE with BOM is decoded", "\xff\xfeH\x00i\x00", "Hi"},
		{"an odd UTF-16 tail becomes a replacement", "\xff\xfeH\x00i", "H\uFFFD"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DecodeText([]byte(tt.in)); got != tt.want {
				t.Errorf("DecodeText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestBadInputs(t *testing.T) {
	tests := []struct {
		name, file string
		is         error
		msg        string
	}{
		{"an empty file is reported", "empty.txt", ErrEmpty, "testdata/empty.txt: empty file"},
		{"a PNG is reported as binary", "image.png", ErrBinary, "testdata/image.png: binary file (PNG image)"},
		{"a feed that is not XML is reported", "notxml.rss", nil, "testdata/notxml.rss: not an XML feed"},
		{"a missing file is reported", "no-such-file.txt", os.ErrNotExist, "testdata/no-such-file.txt: stat: no such file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, errs := collect(t, Options{}, filepath.Join("testdata", tt.file))
			if len(docs) != 0 || len(errs) != 1 {
				t.Fatalf("got %d docs, %d errors (%v); want 0 docs, 1 error", len(docs), len(errs), errs)
			}
			var ie *InputError
			if !errors.As(errs[0], &ie) {
				t.Fatalf("error %v is a %T, want *InputError", errs[0], errs[0])
			}
			if tt.is != nil && !errors.Is(errs[0], tt.is) {
				t.Errorf("error %v is not %v", errs[0], tt.is)
			}
			if !strings.HasPrefix(errs[0].Error(), tt.msg) {
				t.Errorf("error = %q, want it to start %q", errs[0], tt.msg)
			}
		})
	}
}

func TestMaxBytes(t *testing.T) {
	_, errs := collect(t, Options{MaxBytes: 100}, "testdata/plain.txt")
	if len(errs) != 1 || !errors.Is(errs[0], ErrTooLarge) {
		t.Fatalf("errors = %v, want one ErrTooLarge", errs)
	}
	want := "testdata/plain.txt: file is 198 bytes, over the limit of 100 (set --max-bytes)"
	if errs[0].Error() != want {
		t.Errorf("error = %q, want %q", errs[0], want)
	}
}

func TestPublishedDefault(t *testing.T) {
	def := time.Date(2031, 1, 2, 0, 0, 0, 0, time.UTC)
	docs, _ := collect(t, Options{Published: &def}, "testdata/plain.txt", "testdata/article.html")
	if len(docs) != 2 {
		t.Fatalf("got %d docs, want 2", len(docs))
	}
	if got := pub(docs[0]); got != "2031-01-02" {
		t.Errorf("undated text: Published = %q, want the default 2031-01-02", got)
	}
	if got := pub(docs[1]); got != "2031-04-12" {
		t.Errorf("dated page: Published = %q, want its own 2031-04-12", got)
	}
}

func TestWalkDirectory(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("b.txt", "Second report\n\nBody b.")
	write("a.txt", "First report\n\nBody a.")
	write("sub/c.txt", "Third report\n\nBody c.")
	write(".hidden.txt", "Hidden\n\nNot read.")
	write(".git/d.txt", "In git\n\nNot read.")
	write("sub/empty.txt", "")
	if err := os.Symlink(filepath.Join(dir, "a.txt"), filepath.Join(dir, "z-link.txt")); err != nil {
		t.Fatal(err)
	}
	docs, errs := collect(t, Options{}, dir)
	var ids []string
	for _, d := range docs {
		ids = append(ids, d.ID)
	}
	if got := strings.Join(ids, ","); got != "a,b,c,z-link" {
		t.Errorf("IDs = %s, want a,b,c,z-link (sorted, hidden skipped, links followed)", got)
	}
	if len(errs) != 1 || !errors.Is(errs[0], ErrEmpty) {
		t.Errorf("errors = %v, want one empty file", errs)
	}
}

func TestWalkStdin(t *testing.T) {
	var docs []*doc.Document
	err := Walk(context.Background(), []string{"-"}, strings.NewReader("Ceasefire declared\n\nBoth sides agreed."), Options{},
		func(d *doc.Document) error { docs = append(docs, d); return nil }, nil)
	if err != nil || len(docs) != 1 {
		t.Fatalf("Walk = %v with %d docs, want 1 doc", err, len(docs))
	}
	if d := docs[0]; d.Origin != "-" || d.ID != "stdin" || d.Title != "Ceasefire declared" {
		t.Errorf("Origin, ID, Title = %q, %q, %q; want -, stdin, Ceasefire declared", d.Origin, d.ID, d.Title)
	}
}

func TestWalkStopsOnEmitError(t *testing.T) {
	stop := errors.New("stop")
	n := 0
	err := Walk(context.Background(), []string{"testdata/newsplease.jsonl", "testdata/plain.txt"}, nil, Options{},
		func(d *doc.Document) error { n++; return stop }, nil)
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("Walk = %v after %d docs, want stop after 1", err, n)
	}
}

func TestWalkStopsOnCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	err := Walk(ctx, []string{"testdata/newsplease.jsonl", "testdata/plain.txt"}, nil, Options{},
		func(d *doc.Document) error { n++; cancel(); return nil }, nil)
	if !errors.Is(err, context.Canceled) || n != 1 {
		t.Errorf("Walk = %v after %d docs, want context.Canceled after 1", err, n)
	}
}

func TestInputErrorMessage(t *testing.T) {
	tests := []struct {
		name string
		err  *InputError
		want string
	}{
		{"a file error names the file", &InputError{File: "a.txt", Err: ErrEmpty}, "a.txt: empty file"},
		{"a line error names the line", &InputError{File: "feeds/x.jsonl", Line: 3, Err: errors.New("malformed JSON: x")}, "feeds/x.jsonl: line 3: malformed JSON: x"},
		{"a record error names the record", &InputError{File: "c.warc", Record: 9, Err: errors.New("truncated record")}, "c.warc: record 9: truncated record"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("Error() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestIDs(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"extensions are dropped", "feeds/x.jsonl.gz", "x"},
		{"one extension is dropped", "a/b/story.html", "story"},
		{"stdin is named", "-", "stdin"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := baseID(tt.in); got != tt.want {
				t.Errorf("baseID(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
	urls := []struct{ name, in, want string }{
		{"a URL gives host and path", "https://www.example.org/news/2024/raid-on-town.html", "example.org-news-2024-raid-on-town"},
		{"a query is kept", "http://example.com/article.php?id=123", "example.com-article-id-123"},
		{"not a URL gives nothing", "fw-1", ""},
	}
	for _, tt := range urls {
		t.Run(tt.name, func(t *testing.T) {
			if got := urlID(tt.in); got != tt.want {
				t.Errorf("urlID(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
	long := "https://example.org/" + strings.Repeat("very-long-slug-", 20)
	if id := urlID(long); len(id) > maxIDLen {
		t.Errorf("urlID(long) has %d bytes, want at most %d", len(id), maxIDLen)
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"RFC 3339 keeps the stated local date", "2031-04-12T01:45:00+03:00", "2031-04-12"},
		{"news-please's form", "2017-04-22 10:00:00", "2017-04-22"},
		{"a bare date", "2031-04-12", "2031-04-12"},
		{"RSS pubDate", "Fri, 02 May 2031 18:20:00 +0200", "2031-05-02"},
		{"RSS pubDate with a one-digit day", "Sat, 3 May 2031 09:05:00 GMT", "2031-05-03"},
		{"a written date", "April 12, 2031", "2031-04-12"},
		{"JSON-LD with a zone name", "20 Nov 2019 08:02 GMT", "2019-11-20"},
		{"nonsense is no date", "yesterday", ""},
		{"an absurd year is no date", "0001-01-01", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ""
			if d, ok := parseDate(tt.in); ok {
				got = d.Format("2006-01-02")
			}
			if got != tt.want {
				t.Errorf("parseDate(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// describe renders a document for golden files.
func describe(d *doc.Document) string {
	var b strings.Builder
	fmt.Fprintf(&b, "id: %s\norigin: %s\nformat: %s\ntitle: %s\nsource: %s\nurl: %s\nauthor: %s\npublished: %s\n---\n%s\n",
		d.ID, d.Origin, d.Format, d.Title, d.Source, d.URL, d.Author, pub(d), d.Raw)
	return b.String()
}

// golden compares got with testdata/golden/<name>, rewriting it with
// -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (run with -update to create it): %v", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file (rerun with -update if the change is right):\ngot:\n%s\nwant:\n%s", name, got, want)
	}
}

func readString(t *testing.T, name, in string) ([]*doc.Document, []error) {
	t.Helper()
	return readStringOpts(t, name, in, Options{})
}

func readStringOpts(t *testing.T, name, in string, opts Options) ([]*doc.Document, []error) {
	t.Helper()
	var docs []*doc.Document
	var errs []error
	err := Read(context.Background(), name, strings.NewReader(in), opts, func(d *doc.Document) error {
		checkDoc(t, d)
		docs = append(docs, d)
		return nil
	}, func(err error) { errs = append(errs, err) })
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return docs, errs
}
