package ingest

import (
	"bytes"
	"encoding/json"
	"errors"
	"mime"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"

	"github.com/sitrep-dev/sitrep/internal/doc"
)

// readHTMLFile reads a single HTML page from a file or stdin.
func (rd *reader) readHTMLFile(b []byte) error {
	d, err := extractHTML(b, "", "")
	if err != nil {
		rd.bad(0, 0, err)
		return nil
	}
	d.ID = rd.base
	d.Origin = rd.name
	d.Format = string(FormatHTML)
	return rd.send(d)
}

// extractHTML decodes a page (contentType, from an HTTP header, may name
// its charset), extracts its main text with one paragraph per block, and
// its metadata. pageURL, when known (a WARC target), fills in a missing
// canonical URL and resolves relative ones.
func extractHTML(b []byte, contentType, pageURL string) (*doc.Document, error) {
	if len(bytes.TrimSpace(b)) == 0 {
		return nil, ErrEmpty
	}
	root, err := html.Parse(bytes.NewReader(decodeHTML(b, contentType)))
	if err != nil {
		return nil, err // only a reader error, which a bytes.Reader never has
	}
	m := readMeta(root)
	opts := trafilatura.Options{
		// Publication dates come from metadata only (readMeta first):
		// scanning the page text for dates is the timex stage's job, and
		// is slow.
		HtmlDateMode:    trafilatura.Disabled,
		ExcludeComments: true,
		Deduplicate:     true,
	}
	if u, err := url.Parse(pageURL); err == nil && u.Host != "" {
		opts.OriginalURL = u
	}
	text := ""
	var tm trafilatura.Metadata
	if res, err := extractSafely(root, opts); err == nil && res != nil {
		text = nodeText(res.ContentNode)
		if text == "" {
			text = plainParagraphs(res.ContentText)
		}
		tm = res.Metadata
	}
	if text == "" {
		// The extractor found no main content (a stub or a cut-off page):
		// give what the body has rather than nothing.
		text = nodeText(findBody(root))
	}
	if text == "" {
		return nil, ErrNoText
	}
	d := &doc.Document{
		Raw:    text,
		Title:  first(m.title, oneLine(tm.Title), m.docTitle),
		Author: first(m.author, oneLine(tm.Author)),
		URL:    first(m.canonical, pageURL, tm.URL),
	}
	if pageURL != "" && d.URL != pageURL {
		if base, err := url.Parse(pageURL); err == nil {
			if ref, err := base.Parse(d.URL); err == nil {
				d.URL = ref.String()
			}
		}
	}
	d.Source = first(m.site, oneLine(tm.Sitename), hostOf(d.URL))
	d.Title = stripSiteSuffix(d.Title, d.Source)
	if strings.EqualFold(d.Author, d.Source) {
		d.Author = "" // "Al Jazeera" by Al Jazeera names no one
	}
	switch {
	case m.published != nil:
		d.Published = m.published
	case !tm.Date.IsZero():
		t := time.Date(tm.Date.Year(), tm.Date.Month(), tm.Date.Day(), 0, 0, 0, 0, time.UTC)
		d.Published = &t
	default:
		d.Published = urlDate(d.URL)
	}
	return d, nil
}

// stripSiteSuffix drops the site name pages append to their titles:
// "Troops enter the port | The Daily Example" gives "Troops enter the
// port" when the site is "The Daily Example".
func stripSiteSuffix(title, site string) string {
	if site == "" {
		return title
	}
	for _, sep := range []string{" | ", " - ", " – ", " — ", " :: ", " · "} {
		if t, ok := strings.CutSuffix(title, sep+site); ok && t != "" {
			return strings.TrimSpace(t)
		}
		lt, ls := strings.ToLower(title), strings.ToLower(sep+site)
		if strings.HasSuffix(lt, ls) && len(title) > len(ls) {
			return strings.TrimSpace(title[:len(title)-len(ls)])
		}
	}
	return title
}

// urlPathDate matches the date many news sites put in article paths:
// /2015/03/18/ or /2015-03-18/.
var urlPathDate = regexp.MustCompile(`/((?:19|20)\d\d)[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?:/|[-_]|$)`)

// urlDate reads a publication date from a URL path, the last resort when
// a page has no date in its metadata.
func urlDate(raw string) *time.Time {
	m := urlPathDate.FindStringSubmatch(raw)
	if m == nil {
		return nil
	}
	return datePtr(m[1] + "-" + m[2] + "-" + m[3])
}

// extractSafely runs the extractor, turning a panic on strange markup into
// an error: one odd page must not stop a batch.
func extractSafely(root *html.Node, opts trafilatura.Options) (res *trafilatura.ExtractResult, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, errors.New("content extractor failed")
		}
	}()
	return trafilatura.ExtractDocument(root, opts)
}

// decodeHTML converts a page to UTF-8. A byte order mark decides; then
// valid UTF-8 is taken as UTF-8 whatever the page declares (a page that is
// valid UTF-8 and really in another charset is all but unheard of, while
// stale <meta charset> declarations are common); otherwise the charset of
// contentType or of a <meta> tag, and failing both a legacy guess.
func decodeHTML(b []byte, contentType string) []byte {
	if enc, _, certain := charset.DetermineEncoding(b, ""); certain {
		out, err := enc.NewDecoder().Bytes(b)
		if err == nil {
			return bytes.ToValidUTF8(out, []byte("\uFFFD"))
		}
	}
	if utf8.Valid(b) {
		return b
	}
	label := ""
	if _, params, err := mime.ParseMediaType(contentType); err == nil {
		label = params["charset"]
	}
	if label == "" {
		if m := metaCharset.FindSubmatch(head8K(b)); m != nil {
			label = string(m[1])
		}
	}
	if enc, _ := charset.Lookup(label); enc != nil {
		if out, err := enc.NewDecoder().Bytes(b); err == nil {
			return bytes.ToValidUTF8(out, []byte("\uFFFD"))
		}
	}
	return []byte(decodeLegacy(b))
}

// metaCharset finds <meta charset="x"> and the http-equiv form's
// "charset=x" near the top of a page.
var metaCharset = regexp.MustCompile(`(?i)<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)`)

func head8K(b []byte) []byte {
	if len(b) > 8<<10 {
		return b[:8<<10]
	}
	return b
}

func findBody(n *html.Node) *html.Node {
	if n.Type == html.ElementNode && n.DataAtom == atom.Body {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if b := findBody(c); b != nil {
			return b
		}
	}
	return nil
}

func first(vals ...string) string {
	for _, v := range vals {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}

func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// pageMeta is what a page says about itself in its <head>, JSON-LD and
// <time> elements.
type pageMeta struct {
	title, docTitle, site, author, canonical string
	published                                *time.Time
}

// dateKeys are the meta names and properties that give a publication
// date, most reliable first.
var dateKeys = []string{
	"article:published_time", "og:article:published_time", "article:published",
	"datepublished", // itemprop
	"jsonld:datepublished",
	"dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date", "dcterms.created", "dc.date.created",
	"date", "pubdate", "publishdate", "publish-date", "publish_date", "published_time",
	"sailthru.date", "parsely-pub-date", "article.published", "citation_publication_date",
	"og:pubdate", "datecreated", "originalpublicationdate", "displaydate",
	"time:pubdate", "time:published", "time:first",
}

// readMeta collects a page's metadata in one walk of the tree.
func readMeta(root *html.Node) pageMeta {
	vals := map[string]string{}
	set := func(k, v string) {
		k = strings.ToLower(strings.TrimSpace(k))
		v = strings.TrimSpace(v)
		if k == "" || v == "" {
			return
		}
		if _, ok := vals[k]; !ok {
			vals[k] = v
		}
	}
	var h1s []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Meta:
				content := attr(n, "content")
				for _, k := range []string{"property", "name", "itemprop", "http-equiv"} {
					if key := attr(n, k); key != "" {
						for _, f := range strings.Fields(key) {
							set(f, content)
						}
					}
				}
			case atom.Link:
				if strings.EqualFold(attr(n, "rel"), "canonical") {
					set("link:canonical", attr(n, "href"))
				}
			case atom.Title:
				if n.Parent != nil && n.Parent.DataAtom == atom.Head || vals["title"] == "" {
					set("title", nodeText(n.FirstChild))
				}
			case atom.Time:
				dt := attr(n, "datetime")
				if strings.EqualFold(attr(n, "itemprop"), "datePublished") {
					set("time:published", dt)
				}
				if _, ok := hasAttr(n, "pubdate"); ok {
					set("time:pubdate", dt)
				}
				set("time:first", dt)
			case atom.H1:
				if len(h1s) < 2 {
					h1s = append(h1s, oneLine(nodeText(n)))
				}
			case atom.Script:
				if strings.Contains(strings.ToLower(attr(n, "type")), "ld+json") && n.FirstChild != nil {
					readJSONLD(n.FirstChild.Data, set)
				}
				return
			case atom.Style, atom.Noscript, atom.Template:
				return
			}
			if itemprop := attr(n, "itemprop"); itemprop != "" && n.DataAtom != atom.Meta {
				// Microdata on visible elements: <span itemprop="author">.
				switch strings.ToLower(itemprop) {
				case "datepublished":
					set("datepublished", first(attr(n, "datetime"), attr(n, "content")))
				case "headline":
					set("itemprop:headline", oneLine(nodeText(n)))
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)

	var m pageMeta
	for _, k := range dateKeys {
		if t := datePtr(vals[k]); t != nil {
			m.published = t
			break
		}
	}
	h1 := ""
	if len(h1s) == 1 {
		h1 = h1s[0]
	}
	m.docTitle = oneLine(vals["title"])
	m.title = oneLine(first(vals["og:title"], vals["jsonld:headline"], vals["twitter:title"],
		vals["itemprop:headline"], vals["headline"], vals["dc.title"], h1))
	m.site = oneLine(first(vals["og:site_name"], vals["jsonld:publisher"], vals["application-name"], vals["twitter:site"]))
	m.site = strings.TrimPrefix(m.site, "@")
	m.author = oneLine(first(notURL(vals["author"]), notURL(vals["article:author"]), vals["jsonld:author"],
		notURL(vals["byl"]), vals["dc.creator"], vals["sailthru.author"], vals["parsely-author"]))
	m.author = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(m.author, "By "), "by "))
	m.canonical = first(absURL(vals["link:canonical"]), absURL(vals["og:url"]))
	return m
}

func notURL(s string) string {
	if looksLikeURL(s) {
		return ""
	}
	return s
}

// absURL keeps absolute http(s) URLs only: a relative canonical link is
// resolved later against the page URL, if there is one.
func absURL(s string) string {
	s = strings.TrimSpace(s)
	if looksLikeURL(s) {
		return s
	}
	return ""
}

func attr(n *html.Node, key string) string {
	v, _ := hasAttr(n, key)
	return v
}

func hasAttr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, key) {
			return a.Val, true
		}
	}
	return "", false
}

// maxJSONLDDepth bounds the walk of nested JSON-LD.
const maxJSONLDDepth = 12

// readJSONLD reads a JSON-LD block's article fields (datePublished,
// headline, author, publisher name) into set, preferring the first
// object that has them; @graph arrays and nested objects are searched.
func readJSONLD(s string, set func(k, v string)) {
	var v any
	if err := json.Unmarshal([]byte(strings.TrimSpace(s)), &v); err != nil {
		return
	}
	var visit func(v any, depth int)
	visit = func(v any, depth int) {
		if depth > maxJSONLDDepth {
			return
		}
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				visit(e, depth+1)
			}
		case map[string]any:
			if s, ok := x["datePublished"].(string); ok {
				set("jsonld:datepublished", s)
			}
			if s, ok := x["headline"].(string); ok {
				set("jsonld:headline", s)
			}
			if a := jsonLDNames(x["author"]); a != "" {
				set("jsonld:author", a)
			}
			if p, ok := x["publisher"].(map[string]any); ok {
				if s, ok := p["name"].(string); ok {
					set("jsonld:publisher", s)
				}
			}
			for _, k := range []string{"@graph", "mainEntity", "mainEntityOfPage", "itemListElement"} {
				if c, ok := x[k]; ok {
					visit(c, depth+1)
				}
			}
		}
	}
	visit(v, 0)
}

// jsonLDNames reads an author value: a name, a Person object or a list.
func jsonLDNames(v any) string {
	switch x := v.(type) {
	case string:
		return notURL(x)
	case map[string]any:
		s, _ := x["name"].(string)
		return s
	case []any:
		var names []string
		for _, e := range x {
			if n := jsonLDNames(e); n != "" {
				names = append(names, n)
			}
		}
		return strings.Join(names, ", ")
	}
	return ""
}
