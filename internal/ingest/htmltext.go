package ingest

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// blockTags start a new paragraph: HTML's block elements and the TEI-like
// names go-trafilatura converts them to (head, list, item, quote, row, lb).
var blockTags = map[string]bool{
	"p": true, "div": true, "section": true, "article": true, "main": true,
	"header": true, "footer": true, "aside": true, "nav": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"ul": true, "ol": true, "li": true, "dl": true, "dt": true, "dd": true,
	"blockquote": true, "pre": true, "figure": true, "figcaption": true,
	"table": true, "tr": true, "caption": true, "hr": true, "address": true,
	"details": true, "summary": true, "center": true, "form": true, "fieldset": true,
	// go-trafilatura's output vocabulary.
	"head": true, "list": true, "item": true, "quote": true, "row": true,
	"code": false, "hi": false, "ref": false,
}

// skipTags hold no article text.
var skipTags = map[string]bool{
	"script": true, "style": true, "noscript": true, "template": true,
	"svg": true, "math": true, "iframe": true, "object": true, "embed": true,
	"button": true, "select": true, "option": true, "textarea": true, "input": true,
	"title": true, "meta": true, "link": true, "canvas": true, "video": true, "audio": true,
}

// textBuilder collects paragraphs from a node tree: text runs with their
// whitespace collapsed, a line break for <br>, a blank line between
// blocks.
type textBuilder struct {
	paras []string
	cur   strings.Builder
	space bool // a collapsed space is pending before the next word
	pre   int  // depth inside <pre>
}

func (tb *textBuilder) flush() {
	s := strings.TrimSpace(tb.cur.String())
	if s != "" {
		tb.paras = append(tb.paras, s)
	}
	tb.cur.Reset()
	tb.space = false
}

func (tb *textBuilder) lineBreak() {
	// Trailing spaces before the break are dropped; a break at the start
	// of a paragraph is meaningless.
	s := strings.TrimRight(tb.cur.String(), " ")
	if s == "" || strings.HasSuffix(s, "\n") {
		return
	}
	tb.cur.Reset()
	tb.cur.WriteString(s)
	tb.cur.WriteByte('\n')
	tb.space = false
}

func (tb *textBuilder) text(s string) {
	if tb.pre > 0 {
		tb.cur.WriteString(s)
		return
	}
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		s = s[size:]
		if r == utf8.RuneError && size == 1 {
			r = unicode.ReplacementChar
		}
		// NBSP separates words like a space; zero-width characters and
		// the soft hyphen only break words in the middle.
		switch r {
		case '\u00ad', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff':
			continue
		}
		if unicode.IsSpace(r) {
			tb.space = true
			continue
		}
		if tb.space {
			if tb.cur.Len() > 0 {
				last := tb.cur.String()[tb.cur.Len()-1]
				if last != '\n' {
					tb.cur.WriteByte(' ')
				}
			}
			tb.space = false
		}
		tb.cur.WriteRune(r)
	}
}

func (tb *textBuilder) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		tb.text(n.Data)
		return
	case html.CommentNode, html.DoctypeNode:
		return
	case html.ElementNode:
		name := n.Data
		if n.DataAtom != 0 {
			name = n.DataAtom.String()
		}
		if skipTags[name] && name != "head" {
			return
		}
		if n.DataAtom == atom.Head && n.Parent != nil && n.Parent.DataAtom == atom.Html {
			return // the document <head>, not trafilatura's heading
		}
		switch name {
		case "br", "lb":
			tb.lineBreak()
			return
		case "td", "th", "cell":
			tb.space = true
		case "img", "graphic":
			return
		}
		block := blockTags[name]
		if block {
			tb.flush()
		}
		if name == "pre" {
			tb.pre++
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			tb.walk(c)
		}
		if name == "pre" {
			tb.pre--
		}
		if block {
			tb.flush()
		}
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		tb.walk(c)
	}
}

func (tb *textBuilder) String() string {
	tb.flush()
	return strings.Join(tb.paras, "\n\n")
}

// nodeText is the text of n and its descendants, one paragraph per block,
// paragraphs separated by a blank line.
func nodeText(n *html.Node) string {
	if n == nil {
		return ""
	}
	var tb textBuilder
	tb.walk(n)
	return tb.String()
}

// htmlToText converts an HTML fragment (a feed item's content) to text
// with paragraph breaks. Plain text passes through with its whitespace
// tidied; html.Parse never fails on malformed markup.
func htmlToText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if !strings.ContainsAny(s, "<&") {
		return plainParagraphs(s)
	}
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(s), body)
	if err != nil {
		return plainParagraphs(s)
	}
	var tb textBuilder
	for _, n := range nodes {
		tb.walk(n)
	}
	return tb.String()
}

// plainParagraphs tidies plain text: blank-line separated paragraphs, each
// with runs of spaces collapsed and single line breaks kept.
func plainParagraphs(s string) string {
	s = normalizeNewlines(s)
	var paras []string
	for _, p := range strings.Split(s, "\n\n") {
		var lines []string
		for _, l := range strings.Split(p, "\n") {
			if l = strings.Join(strings.Fields(l), " "); l != "" {
				lines = append(lines, l)
			}
		}
		if len(lines) > 0 {
			paras = append(paras, strings.Join(lines, "\n"))
		}
	}
	return strings.Join(paras, "\n\n")
}

// oneLine collapses a title or name to a single line of text, dropping
// any markup.
func oneLine(s string) string {
	if strings.ContainsAny(s, "<&") {
		s = htmlToText(s)
	}
	return strings.Join(strings.Fields(strings.ToValidUTF8(s, "\uFFFD")), " ")
}
