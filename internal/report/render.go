package report

import (
	"bufio"
	"fmt"
	"html"
	"io"
	"strconv"
	"strings"

	"github.com/sitrep-dev/sitrep/internal/record"
)

// part is a piece of inline content: text, or a number with the sentences
// it rests on and a note saying what it counts.
type part struct {
	text string
	num  *number
}

type number struct {
	value string
	note  string
	refs  []int // indexes into Report.Sentences
}

func txt(s string) part { return part{text: s} }

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func num(value, note string, refs []int) part {
	return part{num: &number{value: value, note: note, refs: refs}}
}

func count(n int, note string, refs []int) part { return num(strconv.Itoa(n), note, refs) }

// figure is a summed figure as a number, or plain text when no event
// gives one: "unknown" rests on no sentence.
func figure(s span, note string, refs []int) part {
	if !s.any {
		return txt(s.String())
	}
	return num(s.String(), note, refs)
}

func figureOf(f *record.Figure, note string, refs []int) part {
	var s span
	s.add(f)
	return figure(s, note, refs)
}

// block is a heading, a paragraph, a list or a table.
type block struct {
	heading string
	para    []part
	items   [][]part
	head    []string
	rows    [][][]part
}

// blocks lays the report out once for both renderings.
func (r *Report) blocks() []block {
	var bs []block
	all := r.sentencesOf(r.Events...)
	var killed span
	for _, ev := range r.Events {
		killed.add(ev.Fatalities)
	}
	intro := []part{
		count(len(r.Events), "all events in the report", all), txt(plural(len(r.Events), " event", " events") + " reported in "),
		count(len(r.Documents), "every document reporting them", all), txt(plural(len(r.Documents), " document, ", " documents, ") + r.Period),
	}
	if r.Area != "" {
		intro = append(intro, txt(", "+r.Area))
	}
	intro = append(intro, txt(". Fatalities: "), figure(killed, "fatalities of all events", r.figureSentencesOf(r.Events, fatalities, repFatalities)), txt("."))
	bs = append(bs, block{para: intro})
	if r.Truncated {
		bs = append(bs, block{para: []part{txt(fmt.Sprintf("More events match than one report covers; this one covers the first %d by date. Narrow the period or the area.", MaxEvents))}})
	}
	if len(r.Events) == 0 {
		return append(bs, block{para: []part{txt("No stored event matches.")}})
	}

	bs = append(bs, block{heading: "Events by type"}, r.typeTable())
	bs = append(bs, block{heading: "Events by place"}, r.placeTable())

	bs = append(bs, block{heading: "Main events"})
	var items [][]part
	for _, ev := range r.mainEvents() {
		items = append(items, r.eventLine(ev))
	}
	bs = append(bs, block{items: items})

	if t, ok := r.figureTable(); ok {
		bs = append(bs, block{heading: "Figures"}, block{para: []part{txt("Each event's figure and what each report said; the range runs from the lowest to the highest.")}}, t)
	}
	if items := r.disputeItems(); len(items) > 0 {
		bs = append(bs, block{heading: "Disputes"}, block{items: items})
	}
	if items := r.controlItems(); len(items) > 0 {
		bs = append(bs, block{heading: "Control changes"}, block{items: items})
	}
	return bs
}

func (r *Report) figureSentencesOf(evs []record.Event, ef func(record.Event) *record.Figure, rf func(record.Report) *record.Figure) []int {
	var out []int
	for _, ev := range evs {
		if ef(ev) != nil {
			out = append(out, r.figureSentences(ev, rf)...)
		}
	}
	return sortedUnique(out)
}

func sortedUnique(xs []int) []int {
	seen := map[int]bool{}
	var out []int
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

func (r *Report) typeTable() block {
	t := block{head: []string{"Type", "Events", "Sub-types", "Fatalities"}}
	for _, g := range groupBy(r.Events, func(ev record.Event) string { return ev.EventType }) {
		var subs []part
		for i, sg := range groupBy(g.events, func(ev record.Event) string { return ev.SubEventType }) {
			if i > 0 {
				subs = append(subs, txt(", "))
			}
			subs = append(subs, txt(sg.name+" "), count(len(sg.events), g.name+": "+sg.name, r.sentencesOf(sg.events...)))
		}
		var k span
		for _, ev := range g.events {
			k.add(ev.Fatalities)
		}
		t.rows = append(t.rows, [][]part{
			{txt(g.name)},
			{count(len(g.events), g.name+" events", r.sentencesOf(g.events...))},
			subs,
			{figure(k, "fatalities of "+g.name+" events", r.figureSentencesOf(g.events, fatalities, repFatalities))},
		})
	}
	return t
}

func (r *Report) placeTable() block {
	t := block{head: []string{"Place", "Events", "Fatalities"}}
	groups := groupBy(r.Events, placeName)
	for i, g := range groups {
		if i == r.opts.Places {
			var rest []record.Event
			for _, o := range groups[i:] {
				rest = append(rest, o.events...)
			}
			t.rows = append(t.rows, [][]part{
				{txt(fmt.Sprintf("%d other places", len(groups)-i))},
				{count(len(rest), "events at the other places", r.sentencesOf(rest...))},
				{txt("")},
			})
			break
		}
		var k span
		for _, ev := range g.events {
			k.add(ev.Fatalities)
		}
		t.rows = append(t.rows, [][]part{
			{txt(g.name)},
			{count(len(g.events), "events at "+g.name, r.sentencesOf(g.events...))},
			{figure(k, "fatalities at "+g.name, r.figureSentencesOf(g.events, fatalities, repFatalities))},
		})
	}
	return t
}

func (r *Report) eventLine(ev record.Event) []part {
	ps := []part{txt(dateOf(ev) + ": " + ev.EventType)}
	if ev.SubEventType != "" {
		ps = append(ps, txt(" ("+ev.SubEventType+")"))
	}
	ps = append(ps, txt(" at "+placeName(ev)))
	var actors []string
	for _, a := range []*record.Actor{ev.Actor1, ev.Actor2} {
		if a != nil && a.Name != "" {
			actors = append(actors, a.Name)
		}
	}
	if len(actors) > 0 {
		ps = append(ps, txt("; "+strings.Join(actors, " and ")))
	}
	if ev.Fatalities != nil {
		ps = append(ps, txt("; killed "), figureOf(ev.Fatalities, "fatalities of "+ev.ID, r.figureSentences(ev, repFatalities)))
	}
	if ev.Wounded != nil {
		ps = append(ps, txt("; wounded "), figureOf(ev.Wounded, "wounded of "+ev.ID, r.sentencesOf(ev)))
	}
	ps = append(ps, txt("; "), count(len(ev.Reports), "reports of "+ev.ID, r.sentencesOf(ev)), txt(plural(len(ev.Reports), " report", " reports")+" ("+ev.Modality+") from "))
	var docs []string
	for _, rep := range ev.Reports {
		if l := r.docLabel(rep.Doc); !contains(docs, l) {
			docs = append(docs, l)
		}
	}
	ps = append(ps, txt(strings.Join(docs, "; ")))
	if len(ev.Disputes) > 0 {
		var fields []string
		for _, d := range ev.Disputes {
			fields = append(fields, d.Field)
		}
		ps = append(ps, txt("; disputed: "+strings.Join(fields, ", ")))
	}
	return ps
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

func (r *Report) figureTable() (block, bool) {
	t := block{head: []string{"Event", "Fatalities", "Reported", "Wounded"}}
	for _, ev := range r.Events {
		if ev.Fatalities == nil && ev.Wounded == nil {
			continue
		}
		var reported []part
		for _, rep := range ev.Reports {
			if rep.Fatalities == nil {
				continue
			}
			if len(reported) > 0 {
				reported = append(reported, txt(", "))
			}
			i := r.byKey[sentenceKey{rep.Doc, rep.Start, rep.End}]
			who := rep.Doc
			if rep.ClaimedBy != nil {
				who = *rep.ClaimedBy + ", " + rep.Doc
			}
			reported = append(reported, figureOf(rep.Fatalities, "fatalities in one report of "+ev.ID, []int{i}), txt(" ("+who+")"))
		}
		if len(reported) == 0 {
			reported = []part{txt("")}
		}
		fat, wnd := []part{txt("")}, []part{txt("")}
		if ev.Fatalities != nil {
			fat = []part{figureOf(ev.Fatalities, "fatalities of "+ev.ID, r.figureSentences(ev, repFatalities))}
		}
		if ev.Wounded != nil {
			wnd = []part{figureOf(ev.Wounded, "wounded of "+ev.ID, r.sentencesOf(ev))}
		}
		t.rows = append(t.rows, [][]part{
			{txt(dateOf(ev) + " " + ev.SubEventType + " at " + placeName(ev))}, fat, reported, wnd,
		})
	}
	return t, len(t.rows) > 0
}

func (r *Report) disputeItems() [][]part {
	var items [][]part
	for _, ev := range r.Events {
		for _, d := range ev.Disputes {
			ps := []part{txt(dateOf(ev) + " " + ev.SubEventType + " at " + placeName(ev) + ", " + d.Field + ": ")}
			for i, c := range d.Claims {
				if i > 0 {
					ps = append(ps, txt(" versus "))
				}
				who := c.Doc
				if c.ClaimedBy != nil {
					who = *c.ClaimedBy + " in " + c.Doc
				}
				ps = append(ps, num(valueString(c.Value), d.Field+" claimed in "+c.Doc, r.sentenceAt(ev, c.Doc, c.Start, c.End)), txt(" ("+who+")"))
			}
			items = append(items, ps)
		}
	}
	return items
}

func (r *Report) controlItems() [][]part {
	var items [][]part
	for _, tl := range r.Control {
		for _, e := range tl.Entries {
			when := e.From
			if when == "" {
				when = "undated"
			} else if e.To != e.From {
				when += " to " + e.To
			}
			holder := e.Holder
			if holder == "" {
				holder = "an unnamed party"
			}
			var refs []int
			for _, s := range e.Sources {
				if i, ok := r.byKey[sentenceKey{s.Doc, s.Start, s.End}]; ok {
					refs = append(refs, i)
				}
			}
			ps := []part{txt(tl.Place + ", " + when + ": " + string(e.Kind) + " (" + holder + "); "),
				count(len(e.Sources), "sources of this step", sortedUnique(refs)), txt(plural(len(e.Sources), " source", " sources"))}
			if e.Disputed {
				ps = append(ps, txt("; disputed"))
			}
			items = append(items, ps)
		}
		for _, d := range tl.Disputes {
			ps := []part{txt(tl.Place + ", " + d.From + " to " + d.To + ": sources disagree: ")}
			for i, c := range d.Claims {
				if i > 0 {
					ps = append(ps, txt(" versus "))
				}
				var refs []int
				if j, ok := r.byKey[sentenceKey{c.Doc, c.Start, c.End}]; ok {
					refs = []int{j}
				}
				ps = append(ps, txt(c.Stance+", "+string(c.Kind)+" "), count(1, "source of this claim", refs), txt(" source ("+c.Doc+")"))
			}
			items = append(items, ps)
		}
	}
	return items
}

// Markdown writes the report as GitHub-flavoured Markdown. Each number is
// followed by a footnote listing the sentences it rests on, which are
// listed under "Sentences" with anchors. Article text is escaped, so no
// markup in it is rendered.
func (r *Report) Markdown(w io.Writer) error {
	bw := bufio.NewWriter(w)
	var notes []*number
	inline := func(ps []part, cell bool) string {
		var b strings.Builder
		for _, p := range ps {
			if p.num == nil {
				b.WriteString(mdEscape(p.text, cell))
				continue
			}
			notes = append(notes, p.num)
			fmt.Fprintf(&b, "%s[^%d]", mdEscape(p.num.value, cell), len(notes))
		}
		return b.String()
	}
	fmt.Fprintf(bw, "# %s\n\n", mdEscape(r.Title, false))
	for _, b := range r.blocks() {
		switch {
		case b.heading != "":
			fmt.Fprintf(bw, "## %s\n\n", mdEscape(b.heading, false))
		case b.para != nil:
			fmt.Fprintf(bw, "%s\n\n", inline(b.para, false))
		case b.items != nil:
			for _, it := range b.items {
				fmt.Fprintf(bw, "- %s\n", inline(it, false))
			}
			bw.WriteString("\n")
		case b.head != nil:
			fmt.Fprintf(bw, "| %s |\n|%s\n", strings.Join(b.head, " | "), strings.Repeat(" --- |", len(b.head)))
			for _, row := range b.rows {
				cells := make([]string, len(row))
				for i, c := range row {
					cells[i] = inline(c, true)
				}
				fmt.Fprintf(bw, "| %s |\n", strings.Join(cells, " | "))
			}
			bw.WriteString("\n")
		}
	}
	if len(r.Sentences) > 0 {
		bw.WriteString("## Sentences\n\n")
		for _, s := range r.Sentences {
			fmt.Fprintf(bw, "- <a id=\"s%d\"></a>**S%d** %s, characters %d–%d%s: “%s”\n",
				s.N, s.N, mdEscape(r.docLabel(s.Doc), false), s.Start, s.End, claimedBy(s, func(x string) string { return mdEscape(x, false) }), mdEscape(s.Text, false))
		}
		bw.WriteString("\n")
	}
	for i, n := range notes {
		refs := make([]string, len(n.refs))
		for j, k := range n.refs {
			refs[j] = fmt.Sprintf("[S%d](#s%d)", k+1, k+1)
		}
		if len(refs) == 0 {
			refs = []string{"no sentence"}
		}
		fmt.Fprintf(bw, "[^%d]: %s: %s\n", i+1, mdEscape(n.note, false), strings.Join(refs, ", "))
	}
	return bw.Flush()
}

func claimedBy(s Sentence, esc func(string) string) string {
	if s.ClaimedBy == nil || *s.ClaimedBy == "" {
		return ""
	}
	return ", claimed by " + esc(*s.ClaimedBy)
}

// mdEscape makes text literal in Markdown: punctuation that starts markup
// is backslash-escaped and angle brackets become entities, so an article's
// "<script>" stays text. In a table cell a pipe is escaped too.
func mdEscape(s string, cell bool) string {
	var b strings.Builder
	for _, c := range s {
		switch c {
		case '\\', '`', '*', '_', '[', ']', '#', '!', '|', '~':
			if c == '|' && !cell {
				b.WriteRune(c)
				continue
			}
			b.WriteByte('\\')
			b.WriteRune(c)
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '\n', '\r':
			b.WriteByte(' ')
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}

// HTML writes the report as one self-contained HTML page with no script.
// Each number links to its note, which links to the sentences it rests
// on; the sentences are listed with their documents at the end. Every
// piece of text is escaped.
func (r *Report) HTML(w io.Writer) error {
	bw := bufio.NewWriter(w)
	e := html.EscapeString
	var notes []*number
	inline := func(ps []part) string {
		var b strings.Builder
		for _, p := range ps {
			if p.num == nil {
				b.WriteString(e(p.text))
				continue
			}
			notes = append(notes, p.num)
			fmt.Fprintf(&b, `<a class="n" href="#n%d" id="r%d">%s</a>`, len(notes), len(notes), e(p.num.value))
		}
		return b.String()
	}
	fmt.Fprintf(bw, `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>%s</title>
<style>
body { font: 15px/1.5 system-ui, sans-serif; max-width: 60em; margin: 2em auto; padding: 0 1em; color: #222; }
table { border-collapse: collapse; margin: .5em 0 1em; }
th, td { border: 1px solid #ccc; padding: 3px 8px; text-align: left; vertical-align: top; }
a.n { font-weight: 600; text-decoration: none; border-bottom: 1px dotted; }
:target { background: #fff3c4; }
.sentences li, .notes li { margin: .3em 0; }
q { font-family: Georgia, serif; }
</style>
</head>
<body>
<h1>%s</h1>
`, e(r.Title), e(r.Title))
	for _, b := range r.blocks() {
		switch {
		case b.heading != "":
			fmt.Fprintf(bw, "<h2>%s</h2>\n", e(b.heading))
		case b.para != nil:
			fmt.Fprintf(bw, "<p>%s</p>\n", inline(b.para))
		case b.items != nil:
			bw.WriteString("<ul>\n")
			for _, it := range b.items {
				fmt.Fprintf(bw, "<li>%s</li>\n", inline(it))
			}
			bw.WriteString("</ul>\n")
		case b.head != nil:
			bw.WriteString("<table>\n<tr>")
			for _, h := range b.head {
				fmt.Fprintf(bw, "<th>%s</th>", e(h))
			}
			bw.WriteString("</tr>\n")
			for _, row := range b.rows {
				bw.WriteString("<tr>")
				for _, c := range row {
					fmt.Fprintf(bw, "<td>%s</td>", inline(c))
				}
				bw.WriteString("</tr>\n")
			}
			bw.WriteString("</table>\n")
		}
	}
	if len(notes) > 0 {
		bw.WriteString("<h2>Notes</h2>\n<ol class=\"notes\">\n")
		for i, n := range notes {
			refs := make([]string, len(n.refs))
			for j, k := range n.refs {
				refs[j] = fmt.Sprintf(`<a href="#s%d">S%d</a>`, k+1, k+1)
			}
			if len(refs) == 0 {
				refs = []string{"no sentence"}
			}
			fmt.Fprintf(bw, "<li id=\"n%d\"><a href=\"#r%d\">↑</a> %s: %s</li>\n", i+1, i+1, e(n.note), strings.Join(refs, ", "))
		}
		bw.WriteString("</ol>\n")
	}
	if len(r.Sentences) > 0 {
		bw.WriteString("<h2>Sentences</h2>\n<ol class=\"sentences\">\n")
		for _, s := range r.Sentences {
			fmt.Fprintf(bw, "<li id=\"s%d\"><b>S%d</b> %s, characters %d–%d%s: <q>%s</q></li>\n",
				s.N, s.N, e(r.docLabel(s.Doc)), s.Start, s.End, claimedBy(s, e), e(s.Text))
		}
		bw.WriteString("</ol>\n")
	}
	bw.WriteString("</body>\n</html>\n")
	return bw.Flush()
}
