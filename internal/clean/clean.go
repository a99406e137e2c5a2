// Package clean turns the raw text an ingest reader produced into the
// cleaned Document.Text every later stage annotates.
//
// Cleaning is a fixed, ordered chain of small rules, each named and
// justified by an example in its comment:
//
//  1. split Raw into lines ("\n", "\r\n" or "\r");
//  2. normalise each line: repair mojibake, decode stray HTML character
//     references, drop control and invisible characters, turn every run
//     of whitespace into one space, trim;
//  3. remove page furniture (breadcrumbs, "3 min read", share and follow
//     prompts, "Read more:", photo credits, lone separators, ...);
//  4. remove a second copy of the body and any repeated long line;
//  5. join the lines of hard-wrapped paragraphs with a space, and put a
//     paragraph break "\n\n" between every other pair of kept lines, so a
//     headline, a caption or a one-line paragraph of scraped text stands
//     as its own paragraph.
//
// Every byte of Text is copied from a Piece that records the Raw bytes it
// stands for, so Document.RawOffsets can map any span back to the input.
package clean

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"hash/maphash"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep/internal/doc"
)

// Defaults for Options; New uses them for zero fields.
const (
	// DefaultMinRepeatLen keeps short lines that legitimately recur (a
	// dateline, "Syria", a subhead) while dropping a paragraph pasted twice.
	DefaultMinRepeatLen = 30
	// DefaultMinCopyRun is how many lines in a row must repeat earlier
	// lines, in order, before the stretch is taken as a second copy of the
	// body.
	DefaultMinCopyRun = 3
	// DefaultMaxCopyGap is how many consecutive lines of a second copy may
	// be new (captions, ads interleaved by a different page template)
	// before the copy is taken to have ended.
	DefaultMaxCopyGap = 3
)

// Options configure a Cleaner. The zero value is the default.
type Options struct {
	// MinRepeatLen is the length in bytes from which a line that already
	// appeared earlier in the document is dropped. Default
	// DefaultMinRepeatLen.
	MinRepeatLen int
	// MinCopyRun is the number of lines that must repeat earlier lines in
	// order for the stretch to be dropped as a second copy of the body,
	// short lines and interleaved new lines included. Default
	// DefaultMinCopyRun.
	MinCopyRun int
	// MaxCopyGap is how many consecutive non-repeated lines a second copy
	// may contain. Default DefaultMaxCopyGap.
	MaxCopyGap int
	// KeepFurniture disables the page-furniture rules.
	KeepFurniture bool
	// KeepRepeats disables the removal of repeated lines and body copies.
	KeepRepeats bool
}

// Cleaner is the clean pipeline stage. It is safe for concurrent use.
type Cleaner struct {
	opt  Options
	seed maphash.Seed // for line keys; fixed per Cleaner, read-only
}

// New returns a Cleaner, filling zero options with their defaults.
func New(opt Options) *Cleaner {
	if opt.MinRepeatLen <= 0 {
		opt.MinRepeatLen = DefaultMinRepeatLen
	}
	if opt.MinCopyRun <= 0 {
		opt.MinCopyRun = DefaultMinCopyRun
	}
	if opt.MaxCopyGap <= 0 {
		opt.MaxCopyGap = DefaultMaxCopyGap
	}
	return &Cleaner{opt: opt, seed: maphash.MakeSeed()}
}

// Name implements pipeline.Stage.
func (c *Cleaner) Name() string { return "clean" }

// Process sets d.Text, d.RawOffsets and d.Hash from d.Raw. A document
// whose reader set only Text (Raw empty) has that text taken as Raw, so
// cleaning never silently empties a document.
func (c *Cleaner) Process(ctx context.Context, d *doc.Document) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if d.Raw == "" {
		d.Raw = d.Text
	}
	r := c.Clean(d.Raw)
	d.Text = r.Text
	d.RawOffsets = r.OffsetMap()
	d.Hash = Hash(d.Text)
	if titleDropped(d.Raw, d.Title, r.Dropped) {
		// A reader took the first raw line for the headline, but it was
		// furniture ("Home > Middle East > Syria"): the headline is the
		// first line that is left.
		d.Title = firstHeadline(d.Text)
	}
	return nil
}

// titleDropped reports whether title is a whole raw line that cleaning
// dropped as furniture.
func titleDropped(raw, title string, dropped []Dropped) bool {
	if title == "" {
		return false
	}
	for _, dr := range dropped {
		if dr.Raw.Valid(len(raw)) && strings.TrimSpace(raw[dr.Raw.Start:dr.Raw.End]) == title {
			return true
		}
	}
	return false
}

// firstHeadline returns the first line of text when it reads like a
// headline: a few words with letters, not ending like a sentence.
func firstHeadline(text string) string {
	line, _, _ := strings.Cut(text, "\n")
	line = strings.TrimSpace(line)
	n := len(strings.Fields(line))
	if n < 2 || n > 30 || !strings.ContainsFunc(line, unicode.IsLetter) {
		return ""
	}
	if r, _ := utf8.DecodeLastRuneInString(line); strings.ContainsRune(".,;:…", r) {
		return ""
	}
	return line
}

// Hash is the hex SHA-256 of a cleaned text, the document identity used
// for exact duplicates.
func Hash(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:])
}

// PieceKind says how a piece of Text relates to the Raw bytes it maps to.
type PieceKind uint8

const (
	// Copied text equals its raw bytes.
	Copied PieceKind = iota
	// Spaced text is whitespace (" ", "\n\n") standing for raw whitespace,
	// line breaks, dropped invisible characters, a mojibake "Â" or an
	// "&nbsp;".
	Spaced
	// Repaired text is one character whose raw bytes were its mojibake
	// ("’" for "â€™").
	Repaired
	// Decoded text is what an HTML character reference left in the raw
	// text stands for ("é" for "&#233;").
	Decoded
)

// Piece is a stretch of Text and the stretch of Raw it came from.
type Piece struct {
	Text, Raw doc.Span
	Kind      PieceKind
}

// Dropped is a raw line cleaning removed, with the name of the rule.
type Dropped struct {
	Raw  doc.Span
	Rule string
}

// Result is the outcome of cleaning one raw text. Pieces are sorted and
// tile Text exactly: every byte of Text belongs to one piece.
type Result struct {
	Text    string
	Pieces  []Piece
	Dropped []Dropped
}

// OffsetMap returns the map from Text offsets back to Raw.
func (r Result) OffsetMap() doc.OffsetMap {
	var m doc.OffsetMap
	for _, p := range r.Pieces {
		m.Add(p.Text.Start, p.Raw.Start, p.Text.Len(), p.Raw.Len())
	}
	return m
}

// line is one raw line and what the rules decided about it.
type line struct {
	raw     doc.Span // raw bytes, terminator excluded
	text    doc.Span // normalised text in the scratch buffer
	p0, p1  int      // its pieces in the scratch piece list
	block   int      // index of the blank-line-separated block
	wrapped bool     // continues the previous line of a hard-wrapped block
	key     uint64   // normalised content hash, 0 when it has no letters
	rule    string   // non-empty when dropped
}

// Clean cleans raw text. It never fails: whatever the input, the result is
// valid UTF-8 and every piece maps inside raw.
func (c *Cleaner) Clean(raw string) Result {
	w := lineWriter{raw: raw, buf: make([]byte, 0, len(raw)), ps: make([]Piece, 0, 16+len(raw)/256)}
	lines := make([]line, 0, 16+len(raw)/128)
	block := 0
	for start := 0; start < len(raw); {
		end, next := lineEnd(raw, start)
		t0, p0 := len(w.buf), len(w.ps)
		w.line(start, end)
		if len(w.buf) == t0 {
			if len(lines) > 0 && lines[len(lines)-1].block == block {
				block++
			}
		} else {
			lines = append(lines, line{raw: doc.Span{Start: start, End: end}, text: doc.Span{Start: t0, End: len(w.buf)}, p0: p0, p1: len(w.ps), block: block})
		}
		start = next
	}
	text := string(w.buf)
	markWrapped(lines, text)
	if !c.opt.KeepFurniture {
		for i := range lines {
			removeFurniture(&lines[i], text)
		}
		dropLinkLists(lines, text)
	}
	if !c.opt.KeepRepeats {
		c.removeRepeats(lines, text)
	}
	return emit(raw, text, w.ps, lines)
}

// lineEnd returns the end of the line starting at start (terminator
// excluded) and the start of the next line.
func lineEnd(raw string, start int) (end, next int) {
	rest := raw[start:]
	n := strings.IndexByte(rest, '\n')
	if n < 0 {
		n = len(rest)
	}
	// A lone "\r" (old Mac files) also ends a line.
	if r := strings.IndexByte(rest[:n], '\r'); r >= 0 {
		if r+1 == n && n < len(rest) {
			return start + r, start + n + 1 // "\r\n"
		}
		return start + r, start + r + 1
	}
	if n < len(rest) {
		return start + n, start + n + 1
	}
	return start + n, start + n
}

// markWrapped finds hard-wrapped paragraphs, whose lines must be joined
// with a space rather than split into paragraphs, since a line break ends
// a sentence for the segmenter.
//
// Example: a plain-text wire copy folded at 72 columns, "troops entered
// the\nnorthern outskirts of the town", is one sentence. Scraped text with
// one paragraph per line is not: its lines are long or end in a stop, and
// the headline above the lead is not followed by a lowercase word.
func markWrapped(lines []line, text string) {
	for a := 0; a < len(lines); {
		b := a + 1
		for b < len(lines) && lines[b].block == lines[a].block {
			b++
		}
		if b-a >= 2 && isWrapped(lines[a:b], text) {
			for i := a + 1; i < b; i++ {
				lines[i].wrapped = true
			}
		}
		a = b
	}
}

func isWrapped(ls []line, text string) bool {
	cont := 0
	for i := 0; i < len(ls)-1; i++ {
		s := text[ls[i].text.Start:ls[i].text.End]
		if len(s) < 30 || len(s) > 100 {
			return false
		}
		next := text[ls[i+1].text.Start:ls[i+1].text.End]
		if continues(s, next) {
			cont++
		}
	}
	return 2*cont >= len(ls)-1
}

// continues reports whether next reads as the continuation of s: s ends
// mid-clause (a lowercase letter, comma, hyphen) and next starts with a
// lowercase letter or a digit.
func continues(s, next string) bool {
	last := s[len(s)-1]
	if !(last >= 'a' && last <= 'z' || last == ',' || last == ';' || last == '-') {
		return false
	}
	f := next[0]
	return f >= 'a' && f <= 'z' || f >= '0' && f <= '9'
}

// emit builds Text from the pieces of the kept lines, inserting a
// separator piece between lines that maps onto the raw line break.
func emit(raw, text string, ps []Piece, lines []line) Result {
	var out strings.Builder
	out.Grow(len(text) + len(lines))
	pieces := make([]Piece, 0, len(ps)+len(lines))
	var dropped []Dropped
	prev := -1
	add := func(p Piece) {
		// Merge contiguous copies so the map stays small.
		if n := len(pieces); n > 0 && p.Kind == Copied {
			q := &pieces[n-1]
			if q.Kind == Copied && q.Text.End == p.Text.Start && q.Raw.End == p.Raw.Start {
				q.Text.End, q.Raw.End = p.Text.End, p.Raw.End
				return
			}
		}
		pieces = append(pieces, p)
	}
	for i := range lines {
		l := &lines[i]
		if l.rule != "" {
			dropped = append(dropped, Dropped{Raw: l.raw, Rule: l.rule})
			continue
		}
		if l.text.Len() == 0 {
			continue
		}
		if prev >= 0 {
			sep := "\n\n"
			if l.wrapped && prev == i-1 {
				sep = " "
			}
			rs := lines[prev].raw.End
			re := rs
			for re < l.raw.Start && re < len(raw) && (raw[re] == '\n' || raw[re] == '\r' || raw[re] == ' ' || raw[re] == '\t') {
				re++
			}
			kind := Spaced
			if raw[rs:re] == sep {
				kind = Copied
			}
			add(Piece{Text: doc.Span{Start: out.Len(), End: out.Len() + len(sep)}, Raw: doc.Span{Start: rs, End: re}, Kind: kind})
			out.WriteString(sep)
		}
		for _, p := range ps[l.p0:l.p1] {
			s, e := max(p.Text.Start, l.text.Start), min(p.Text.End, l.text.End)
			if s >= e {
				continue
			}
			rawSpan := p.Raw
			if s != p.Text.Start || e != p.Text.End {
				if p.Kind != Copied {
					continue // a trim cut through a replaced piece: leave it out
				}
				rawSpan = doc.Span{Start: p.Raw.Start + s - p.Text.Start, End: p.Raw.Start + e - p.Text.Start}
			}
			add(Piece{Text: doc.Span{Start: out.Len(), End: out.Len() + e - s}, Raw: rawSpan, Kind: p.Kind})
			out.WriteString(text[s:e])
		}
		prev = i
	}
	return Result{Text: out.String(), Pieces: pieces, Dropped: dropped}
}
