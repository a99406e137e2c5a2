package ingest

import (
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/net/html/charset"

	"github.com/sitrep-dev/sitrep/internal/doc"
)

// rssItem is an RSS 2.0 (or RSS 1.0/RDF) item. encoding/xml matches on
// local names, so content:encoded is "encoded" and dc:creator "creator".
type rssItem struct {
	Title       string   `xml:"title"`
	Link        string   `xml:"link"`
	GUID        string   `xml:"guid"`
	About       string   `xml:"about,attr"`
	Description string   `xml:"description"`
	Encoded     string   `xml:"encoded"`
	PubDate     string   `xml:"pubDate"`
	Date        []string `xml:"date"`
	Author      string   `xml:"author"`
	Creator     []string `xml:"creator"`
}

// atomText is an Atom text construct: type text, html or xhtml.
type atomText struct {
	Type  string `xml:"type,attr"`
	Body  string `xml:",chardata"`
	Inner string `xml:",innerxml"`
}

func (t atomText) text() string {
	switch strings.ToLower(t.Type) {
	case "html", "text/html":
		return htmlToText(t.Body)
	case "xhtml", "application/xhtml+xml":
		return htmlToText(t.Inner)
	}
	return plainParagraphs(t.Body)
}

type atomEntry struct {
	Title atomText `xml:"title"`
	ID    string   `xml:"id"`
	Links []struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Published string   `xml:"published"`
	Updated   string   `xml:"updated"`
	Issued    string   `xml:"issued"` // Atom 0.3
	Content   atomText `xml:"content"`
	Summary   atomText `xml:"summary"`
	Authors   []struct {
		Name string `xml:"name"`
	} `xml:"author"`
}

func (e *atomEntry) link() string {
	for _, l := range e.Links {
		if l.Rel == "" || l.Rel == "alternate" {
			return strings.TrimSpace(l.Href)
		}
	}
	return ""
}

// readXMLFeed streams an RSS or Atom feed: items are decoded and emitted
// one at a time, so the feed is never held whole. A syntax error ends the
// feed with an InputError at that item; the items before it are kept.
func (rd *reader) readXMLFeed(r io.Reader) error {
	limit := rd.opts.maxBytes()
	dec := xml.NewDecoder(&limitReader{r: r, n: limit, limit: limit})
	dec.Strict = true
	dec.Entity = xml.HTMLEntity // &nbsp; and friends, common in real feeds
	dec.CharsetReader = charset.NewReaderLabel

	var (
		stack  []string // local names of the open elements
		format Format
		source string
		n      int
	)
	// fail reports a broken feed at record rec (0 outside any item).
	fail := func(err error, rec int) {
		var se *xml.SyntaxError
		line := 0
		if errors.As(err, &se) {
			line = se.Line
		}
		if format == "" {
			rd.bad(line, 0, fmt.Errorf("not an XML feed: %w", err))
			return
		}
		rd.report(&InputError{File: rd.name, Line: line, Record: rec, Err: fmt.Errorf("read feed: %w", err)})
	}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			if format == "" {
				rd.bad(0, 0, errors.New("not an XML feed: no root element"))
			}
			return nil
		}
		if err != nil {
			fail(err, 0)
			return nil
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := strings.ToLower(t.Name.Local)
			if format == "" {
				switch name {
				case "rss", "rdf":
					format = FormatRSS
				case "feed":
					format = FormatAtom
				default:
					rd.bad(0, 0, fmt.Errorf("not a feed: root element is <%s>, want <rss>, <rdf:RDF> or <feed>", t.Name.Local))
					return nil
				}
				stack = append(stack, name)
				continue
			}
			if len(stack) == 0 {
				// The root is closed: XML allows nothing after it.
				fail(fmt.Errorf("element <%s> after the root element", t.Name.Local), 0)
				return nil
			}
			parent := stack[len(stack)-1]
			switch {
			case name == "title" && source == "" && (parent == "channel" || parent == "feed" && len(stack) == 1):
				var title atomText
				if err := dec.DecodeElement(&title, &t); err != nil {
					fail(err, 0)
					return nil
				}
				source = oneLine(title.Body)
				continue
			case format == FormatRSS && name == "item":
				n++
				var it rssItem
				if err := dec.DecodeElement(&it, &t); err != nil {
					fail(err, n)
					return nil
				}
				if err := rd.rssDocument(&it, source, n); err != nil {
					return err
				}
				continue
			case format == FormatAtom && name == "entry":
				n++
				var e atomEntry
				if err := dec.DecodeElement(&e, &t); err != nil {
					fail(err, n)
					return nil
				}
				if err := rd.atomDocument(&e, source, n); err != nil {
					return err
				}
				continue
			}
			stack = append(stack, name)
		case xml.EndElement:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		}
	}
}

func (rd *reader) rssDocument(it *rssItem, source string, n int) error {
	text := htmlToText(it.Encoded)
	if text == "" {
		text = htmlToText(it.Description)
	}
	if text == "" {
		rd.bad(0, n, fmt.Errorf("%w: item has no description or content", ErrNoText))
		return nil
	}
	link := strings.TrimSpace(first(it.Link, it.About))
	if link == "" && looksLikeURL(it.GUID) {
		link = strings.TrimSpace(it.GUID)
	}
	d := &doc.Document{
		ID:     rd.recordID(it.GUID, link, n),
		Origin: rd.origin(n),
		Format: string(FormatRSS),
		Title:  oneLine(it.Title),
		Source: source,
		URL:    link,
		Author: oneLine(first(append(it.Creator, rssAuthor(it.Author))...)),
		Raw:    text,
	}
	for _, s := range append([]string{it.PubDate}, it.Date...) {
		if t := datePtr(s); t != nil {
			d.Published = t
			break
		}
	}
	return rd.send(d)
}

// rssAuthor reads RSS's "email (Name)" author form as the name.
func rssAuthor(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '('); i >= 0 && strings.HasSuffix(s, ")") && strings.Contains(s[:i], "@") {
		return strings.TrimSpace(s[i+1 : len(s)-1])
	}
	return s
}

func (rd *reader) atomDocument(e *atomEntry, source string, n int) error {
	text := e.Content.text()
	if text == "" {
		text = e.Summary.text()
	}
	if text == "" {
		rd.bad(0, n, fmt.Errorf("%w: entry has no content or summary", ErrNoText))
		return nil
	}
	var authors []string
	for _, a := range e.Authors {
		if a := oneLine(a.Name); a != "" {
			authors = append(authors, a)
		}
	}
	link := e.link()
	d := &doc.Document{
		ID:     rd.recordID(e.ID, link, n),
		Origin: rd.origin(n),
		Format: string(FormatAtom),
		Title:  oneLine(e.Title.text()),
		Source: source,
		URL:    link,
		Author: strings.Join(authors, ", "),
		Raw:    text,
	}
	for _, s := range []string{e.Published, e.Issued, e.Updated} {
		if t := datePtr(s); t != nil {
			d.Published = t
			break
		}
	}
	return rd.send(d)
}

// jsonFeedItem is a JSON Feed 1.0/1.1 item.
type jsonFeedItem struct {
	ID            json.RawMessage `json:"id"`
	URL           string          `json:"url"`
	ExternalURL   string          `json:"external_url"`
	Title         string          `json:"title"`
	ContentHTML   string          `json:"content_html"`
	ContentText   string          `json:"content_text"`
	Summary       string          `json:"summary"`
	DatePublished string          `json:"date_published"`
	DateModified  string          `json:"date_modified"`
	Author        json.RawMessage `json:"author"`
	Authors       json.RawMessage `json:"authors"`
}

// readJSONFeed streams a JSON Feed: the top-level object is walked token
// by token and each item decoded on its own.
func (rd *reader) readJSONFeed(r io.Reader) error {
	limit := rd.opts.maxBytes()
	dec := json.NewDecoder(&limitReader{r: r, n: limit, limit: limit})
	fail := func(record int, err error) {
		rd.bad(0, record, fmt.Errorf("read JSON Feed: %w", err))
	}
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		if err == nil {
			err = errors.New("not a JSON object")
		}
		fail(0, err)
		return nil
	}
	source, n := "", 0
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			fail(n+1, err)
			return nil
		}
		key, _ := tok.(string)
		switch key {
		case "title":
			var s string
			if err := dec.Decode(&s); err != nil {
				fail(0, err)
				return nil
			}
			source = oneLine(s)
		case "items":
			if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
				if err == nil {
					err = errors.New(`"items" is not an array`)
				}
				fail(0, err)
				return nil
			}
			for dec.More() {
				n++
				var it jsonFeedItem
				if err := dec.Decode(&it); err != nil {
					var te *json.UnmarshalTypeError
					if errors.As(err, &te) {
						// A wrongly typed field spoils this item only.
						rd.bad(0, n, fmt.Errorf("field %q: want %s, have %s", te.Field, te.Type, te.Value))
						continue
					}
					fail(n, err)
					return nil
				}
				if err := rd.jsonFeedDocument(&it, source, n); err != nil {
					return err
				}
			}
			if _, err := dec.Token(); err != nil {
				fail(n+1, err)
				return nil
			}
		default:
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				fail(0, err)
				return nil
			}
		}
	}
	return nil
}

func (rd *reader) jsonFeedDocument(it *jsonFeedItem, source string, n int) error {
	text := htmlToText(it.ContentHTML)
	if text == "" {
		text = plainParagraphs(it.ContentText)
	}
	if text == "" {
		text = htmlToText(it.Summary)
	}
	if text == "" {
		rd.bad(0, n, fmt.Errorf("%w: item has no content_html, content_text or summary", ErrNoText))
		return nil
	}
	link := strings.TrimSpace(first(it.URL, it.ExternalURL))
	d := &doc.Document{
		ID:     rd.recordID(rawString(it.ID), link, n),
		Origin: rd.origin(n),
		Format: string(FormatJSONFeed),
		Title:  oneLine(it.Title),
		Source: source,
		URL:    link,
		Author: first(rawNames(it.Authors), rawNames(it.Author)),
		Raw:    text,
	}
	for _, s := range []string{it.DatePublished, it.DateModified} {
		if t := datePtr(s); t != nil {
			d.Published = t
			break
		}
	}
	return rd.send(d)
}
