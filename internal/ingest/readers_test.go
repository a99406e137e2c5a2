package ingest

import (
	"errors"
	"strings"
	"testing"
)

func TestReadHTML(t *testing.T) {
	docs, errs := collect(t, Options{}, "testdata/article.html")
	if len(errs) > 0 || len(docs) != 1 {
		t.Fatalf("got %d docs, errors %v; want 1 doc", len(docs), errs)
	}
	d := docs[0]
	checks := []struct{ field, got, want string }{
		{"ID", d.ID, "article"},
		{"Format", d.Format, "html"},
		{"Title", d.Title, "Militia fighters clash with army near Velmora river crossing"},
		{"Source", d.Source, "The Northern Ledger"},
		{"URL", d.URL, "https://ledger.example.org/world/2031/04/12/velmora-crossing-clash"},
		{"Author", d.Author, "Dara Okonkwo-Lind"},
		{"Published", pub(d), "2031-04-12"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.field, c.got, c.want)
		}
	}
	for _, want := range []string{
		"pontoon bridge held by the regional army garrison, two local officials said.\n\nAt least seven militia fighters",
		"Neither side could be reached",
	} {
		if !strings.Contains(d.Raw, want) {
			t.Errorf("Raw lacks %q:\n%s", want, d.Raw)
		}
	}
	for _, unwanted := range []string{"Most read", "All rights reserved", "font-family", "Weather"} {
		if strings.Contains(d.Raw, unwanted) {
			t.Errorf("Raw has boilerplate %q:\n%s", unwanted, d.Raw)
		}
	}
	golden(t, "article.html.golden", describe(d))
}

func TestReadHTMLTruncated(t *testing.T) {
	docs, errs := collect(t, Options{}, "testdata/truncated.html")
	if len(errs) > 0 || len(docs) != 1 {
		t.Fatalf("got %d docs, errors %v; want 1 doc from the cut-off page", len(docs), errs)
	}
	d := docs[0]
	if !strings.Contains(d.Raw, "Fighting broke out before dawn") || d.Title == "" || pub(d) != "2031-04-12" {
		t.Errorf("got title %q, date %q, Raw %q; want what the page has before the cut", d.Title, pub(d), d.Raw)
	}
	golden(t, "truncated.html.golden", describe(d))
}

func TestHTMLToText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"paragraphs become blank-line separated", "<p>One.</p><p>Two.</p>", "One.\n\nTwo."},
		{"inline markup joins words", "<p>The <b>army</b> <a href='#'>said</a>.</p>", "The army said."},
		{"a line break stays a line break", "<p>Line one<br>line two</p>", "Line one\nline two"},
		{"entities are decoded and a no-break space is a space", "<p>Tom &amp; Jerry&nbsp;met</p>", "Tom & Jerry met"},
		{"scripts are dropped", "<p>Text</p><script>var x = 1;</script>", "Text"},
		{"list items are paragraphs", "<ul><li>a</li><li>b</li></ul>", "a\n\nb"},
		{"plain text passes through tidied", "one  two\n\n\nthree", "one two\n\nthree"},
		{"unclosed tags still give text", "<div><p>cut off <b>here", "cut off here"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := htmlToText(tt.in); got != tt.want {
				t.Errorf("htmlToText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestDecodeHTML(t *testing.T) {
	tests := []struct{ name, in, ct, want string }{
		{"valid UTF-8 wins over a stale meta charset", `<meta charset="iso-8859-1"><p>Caf` + "\u00e9", "", "Café"},
		{"a meta charset decodes a legacy page", `<meta charset="windows-1251"><p>` + "\xc1\xee\xe9", "", "Бой"},
		{"the HTTP charset decodes a legacy page", "<p>Caf\xe9", "text/html; charset=iso-8859-1", "Café"},
		{"no declaration falls back to Windows-1252", "<p>\x93quoted\x94", "", "“quoted”"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(decodeHTML([]byte(tt.in), tt.ct)); !strings.Contains(got, tt.want) {
				t.Errorf("decodeHTML(%q) = %q, want it to contain %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestReadFeeds(t *testing.T) {
	type item struct{ id, title, url, author, published, raw string }
	tests := []struct {
		name, file, format, source string
		items                      []item
		errRecords                 []int
	}{
		{
			name: "RSS items take content:encoded, else the escaped description", file: "feed.rss", format: "rss", source: "Frontline Wire",
			items: []item{
				{"wire.example.net-2031-05-02-fuel-depot-strike", "Drone strike hits fuel depot in Ostrava Nova", "https://wire.example.net/2031/05/02/fuel-depot-strike", "Mira Solvang", "2031-05-02",
					"A fuel depot on the edge of Ostrava Nova burned through the night after a drone strike on Friday evening, the town’s mayor said.\n\nNo casualties were reported, but firefighters from three districts were called in."},
				{"fw-20310503-0042", "Talks on prisoner exchange resume in Lessing", "https://wire.example.net/2031/05/03/prisoner-talks", "Jonas Feld", "2031-05-03",
					"Negotiators met again in Lessing on Saturday.\n\nA list of 40 names was exchanged. Both delegations called the meeting useful."},
			},
			errRecords: []int{3},
		},
		{
			name: "Atom entries take html, xhtml or text content, else the summary", file: "feed.atom", format: "atom", source: "Harbour Watch",
			items: []item{
				{"tag-harbourwatch.example.com-2031-entry-118", "Naval patrol fires on smuggling boat off Cape Merrow", "https://harbourwatch.example.com/news/cape-merrow-patrol", "Ilse Brandt", "2031-06-09",
					"A coastguard patrol opened fire on a speedboat off Cape Merrow late on Monday.\n\nTwo crew members were detained; one was wounded."},
				{"harbourwatch.example.com-news-ferry-restored", "Ferry service restored to the outer islands", "https://harbourwatch.example.com/news/ferry-restored", "", "2031-06-08",
					"Ferries sailed again on Sunday after a two-week halt."},
				{"tag-harbourwatch.example.com-2031-entry-120", "Port curfew extended", "", "", "2031-06-07",
					"The night curfew around the port was extended by a week.\n\nFishing boats may leave only at first light."},
			},
		},
		{
			name: "JSON Feed items take content_html, else content_text", file: "feed.json", format: "jsonfeed", source: "Valley Monitor",
			items: []item{
				{"vm-2031-0711-a", "Shooting at checkpoint on the Dorren road", "https://monitor.example.com/2031/07/11/checkpoint-shooting", "Petra Lund", "2031-07-11",
					"Guards at the Dorren road checkpoint fired on a car that failed to stop on Friday.\n\nThe driver was wounded and taken to hospital in Halvik."},
				{"2031071202", "Market reopens in Halvik", "https://monitor.example.com/2031/07/12/market-reopens", "", "2031-07-12",
					"Stalls reopened on Saturday.\n\nTraders said prices had doubled."},
			},
			errRecords: []int{3},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, errs := collect(t, Options{}, "testdata/"+tt.file)
			if len(docs) != len(tt.items) {
				t.Fatalf("got %d docs, want %d (errors %v)", len(docs), len(tt.items), errs)
			}
			for i, want := range tt.items {
				d := docs[i]
				got := item{d.ID, d.Title, d.URL, d.Author, pub(d), d.Raw}
				if got != want {
					t.Errorf("item %d:\n got %+v\nwant %+v", i+1, got, want)
				}
				if d.Format != tt.format || d.Source != tt.source {
					t.Errorf("item %d: Format, Source = %q, %q; want %q, %q", i+1, d.Format, d.Source, tt.format, tt.source)
				}
				if want := "testdata/" + tt.file + "#" + string(rune('1'+i)); d.Origin != want {
					t.Errorf("item %d: Origin = %q, want %q", i+1, d.Origin, want)
				}
			}
			var recs []int
			for _, err := range errs {
				var ie *InputError
				if !errors.As(err, &ie) || !errors.Is(err, ErrNoText) {
					t.Errorf("error %v: want an InputError wrapping ErrNoText", err)
					continue
				}
				recs = append(recs, ie.Record)
			}
			if len(recs) != len(tt.errRecords) || (len(recs) > 0 && recs[0] != tt.errRecords[0]) {
				t.Errorf("error records = %v, want %v", recs, tt.errRecords)
			}
		})
	}
}

func TestReadFeedErrors(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"an unknown root is not a feed", `<?xml version="1.0"?><urlset><url/></urlset>`, "x.xml: not a feed: root element is <urlset>"},
		{"a syntax error after items keeps them", "<rss><channel><title>T</title><item><title>A b</title><description>Text one.</description></item><item><title>x</bad></item></channel></rss>", "x.xml: line 1: record 2: read feed: XML syntax error"},
		{"a JSON Feed with a broken item", `{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"1","content_text":"Body."},{"id":`, "x.xml: record 2: read JSON Feed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, errs := readString(t, "x.xml", tt.in)
			if len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), tt.want) {
				t.Errorf("errors = %v, want one starting %q", errs, tt.want)
			}
			if strings.Contains(tt.in, "<item>") || strings.Contains(tt.in, "content_text") {
				if len(docs) != 1 {
					t.Errorf("got %d docs, want the 1 before the error", len(docs))
				}
			}
		})
	}
}

func TestReadJSONL(t *testing.T) {
	docs, errs := collect(t, Options{}, "testdata/newsplease.jsonl")
	type rec struct{ id, origin, title, source, url, author, published, raw string }
	want := []rec{
		{"news.example.com-2031-03-04-port-callan-shelling", "testdata/newsplease.jsonl#1", "Rebels shell outskirts of Port Callan", "news.example.com",
			"https://news.example.com/2031/03/04/port-callan-shelling.html", "Tomas Reyes", "2031-03-04",
			"Rebels shelled the outskirts of Port Callan on Tuesday.\nThe harbour authority closed the western quay."},
		{"own-17", "testdata/newsplease.jsonl#2", "Convoy ambushed near Tressel", "Tressel Times", "https://tressel.example.com/a/17", "", "2031-03-05",
			"A convoy was ambushed near Tressel on Wednesday, police said."},
		{"newsplease-6", "testdata/newsplease.jsonl#6", "", "", "", "", "", "Aid trucks crossed at Mirren on Thursday."},
	}
	if len(docs) != len(want) {
		t.Fatalf("got %d docs, want %d (errors %v)", len(docs), len(want), errs)
	}
	for i, w := range want {
		d := docs[i]
		got := rec{d.ID, d.Origin, d.Title, d.Source, d.URL, d.Author, pub(d), d.Raw}
		if got != w {
			t.Errorf("record %d:\n got %+v\nwant %+v", i+1, got, w)
		}
		if d.Format != "jsonl" {
			t.Errorf("record %d: Format = %q, want jsonl", i+1, d.Format)
		}
	}
	wantErrs := []string{
		"testdata/newsplease.jsonl: line 3: malformed JSON: ",
		"testdata/newsplease.jsonl: line 4: record has no text",
	}
	if len(errs) != len(wantErrs) {
		t.Fatalf("errors = %v, want %d", errs, len(wantErrs))
	}
	for i, w := range wantErrs {
		var ie *InputError
		if !errors.As(errs[i], &ie) || !strings.HasPrefix(errs[i].Error(), w) {
			t.Errorf("error %d = %v, want an InputError starting %q", i+1, errs[i], w)
		}
	}
}

func TestReadJSONSingleObject(t *testing.T) {
	docs, errs := collect(t, Options{}, "testdata/single.json")
	if len(errs) > 0 || len(docs) != 1 {
		t.Fatalf("got %d docs, errors %v; want 1 doc", len(docs), errs)
	}
	d := docs[0]
	if d.ID != "single" || d.Origin != "testdata/single.json" || d.Title != "Police post attacked in Selvin" || pub(d) != "2031-08-01" || d.Author != "Ana Petrov" {
		t.Errorf("got ID %q, Origin %q, Title %q, Published %q, Author %q", d.ID, d.Origin, d.Title, pub(d), d.Author)
	}
}

func TestReadJSONVariants(t *testing.T) {
	tests := []struct {
		name, in string
		docs     int
		errs     []string
	}{
		{"an array of records is read", `[{"text":"One."},{"text":"Two."}]`, 2, nil},
		{"a line that is not an object is reported", "{\"text\":\"One.\"}\n42\n", 1, []string{"x.jsonl: line 2: not a JSON object"}},
		{"a wrongly typed field is reported by name", "{\"text\":\"One.\"}\n{\"text\":5}\n", 1, []string{`x.jsonl: line 2: field "text": want string, have number`}},
		{"CRLF line ends are fine", "{\"text\":\"One.\"}\r\n{\"text\":\"Two.\"}\r\n", 2, nil},
		{"a numeric id is kept", `{"id": 17, "text": "One."}`, 1, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, errs := readString(t, "x.jsonl", tt.in)
			if len(docs) != tt.docs || len(errs) != len(tt.errs) {
				t.Fatalf("got %d docs, errors %v; want %d docs, errors %v", len(docs), errs, tt.docs, tt.errs)
			}
			for i, w := range tt.errs {
				if !strings.HasPrefix(errs[i].Error(), w) {
					t.Errorf("error = %q, want it to start %q", errs[i], w)
				}
			}
		})
	}
}

func TestReadJSONLLineLimit(t *testing.T) {
	in := `{"text":"` + strings.Repeat("x", 300) + "\"}\n{\"text\":\"short\"}\n"
	docs, errs := readStringOpts(t, "x.jsonl", in, Options{MaxBytes: 100})
	if len(docs) != 1 || len(errs) != 1 || !errors.Is(errs[0], ErrTooLarge) || !strings.HasPrefix(errs[0].Error(), "x.jsonl: line 1:") {
		t.Errorf("got %d docs, errors %v; want the short line and a too-large line 1", len(docs), errs)
	}
}
