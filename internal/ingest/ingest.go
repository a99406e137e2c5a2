// Package ingest reads every input format sitrep accepts — plain text,
// HTML, JSON Lines, RSS, Atom, JSON Feed and WARC — into doc.Documents.
//
// A reader fills the metadata (ID, Origin, Format, Title, Source, URL,
// Author, Published) and Raw: the article's text as UTF-8. Text is left
// empty; the clean stage derives it from Raw. The format of a stream is
// sniffed from its first bytes, with the file extension only breaking ties.
//
// A bad input is data, not a crash: every unreadable file, line or record
// is reported as an *InputError through the report callback and the rest
// goes on. Only a done context or an error from emit stops reading.
//
// Multi-document inputs (JSON Lines, feeds, WARC) are read one record at a
// time, so a large input is never held in memory whole; single documents
// are bounded by Options.MaxBytes.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep-dev/sitrep/internal/doc"
)

// DefaultMaxBytes is the size limit of one input file or record when
// Options.MaxBytes is 0.
const DefaultMaxBytes = 64 << 20

// Options configure reading.
type Options struct {
	// MaxBytes limits one input file (or one record of a multi-document
	// input); 0 means DefaultMaxBytes. A larger one is an InputError.
	MaxBytes int64
	// Published is the publication date given to documents whose input
	// carries none (from --published); nil leaves them undated.
	Published *time.Time
}

func (o Options) maxBytes() int64 {
	if o.MaxBytes <= 0 {
		return DefaultMaxBytes
	}
	return o.MaxBytes
}

// Sentinel errors wrapped by InputError.Err, for errors.Is.
var (
	ErrEmpty    = errors.New("empty file")
	ErrBinary   = errors.New("binary file")
	ErrTooLarge = errors.New("input too large")
	ErrNoText   = errors.New("no article text")
)

// InputError is a bad input: the file (and the line or record where there
// is one) and what is wrong with it.
type InputError struct {
	File   string
	Line   int // 1-based line of a JSON Lines input, 0 when none
	Record int // 1-based record of a feed or WARC input, 0 when none
	Err    error
}

func (e *InputError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		b.WriteString(": line ")
		b.WriteString(strconv.Itoa(e.Line))
	}
	if e.Record > 0 {
		b.WriteString(": record ")
		b.WriteString(strconv.Itoa(e.Record))
	}
	b.WriteString(": ")
	if e.Err != nil {
		b.WriteString(e.Err.Error())
	} else {
		b.WriteString("bad input")
	}
	return b.String()
}

func (e *InputError) Unwrap() error { return e.Err }

// tooLarge is the error for an input over the limit; n < 0 when the size
// is unknown (a stream that was not read to its end).
func tooLarge(n, limit int64) error { return &sizeError{n: n, limit: limit} }

type sizeError struct{ n, limit int64 }

func (e *sizeError) Error() string {
	if e.n < 0 {
		return fmt.Sprintf("over the limit of %d bytes (set --max-bytes)", e.limit)
	}
	return fmt.Sprintf("file is %d bytes, over the limit of %d (set --max-bytes)", e.n, e.limit)
}

func (e *sizeError) Is(target error) bool { return target == ErrTooLarge }

// Walk reads inputs: file paths, directories (recursively, in sorted
// order, skipping hidden files and directories), or "-" for stdin. It
// calls emit for every document read, in order, and report for every bad
// input; one bad file or record never stops the others. It returns an
// error only when ctx is done or emit returns an error.
func Walk(ctx context.Context, inputs []string, stdin io.Reader, opts Options, emit func(*doc.Document) error, report func(error)) error {
	if report == nil {
		report = func(error) {}
	}
	for _, in := range inputs {
		if err := ctx.Err(); err != nil {
			return err
		}
		if in == "-" {
			if stdin == nil {
				report(&InputError{File: "-", Err: errors.New("no standard input")})
				continue
			}
			if err := Read(ctx, "-", stdin, opts, emit, report); err != nil {
				return err
			}
			continue
		}
		info, err := os.Stat(in)
		if err != nil {
			report(&InputError{File: in, Err: unwrapPathError(err)})
			continue
		}
		if !info.IsDir() {
			if err := readFile(ctx, in, opts, emit, report); err != nil {
				return err
			}
			continue
		}
		files, err := listDir(in, report)
		if err != nil {
			return err
		}
		for _, f := range files {
			if err := readFile(ctx, f, opts, emit, report); err != nil {
				return err
			}
		}
	}
	return ctx.Err()
}

// listDir returns the regular files under dir in lexical order, skipping
// hidden files and directories (".git", ".DS_Store", editor swap files).
func listDir(dir string, report func(error)) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			report(&InputError{File: path, Err: unwrapPathError(err)})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if path != dir && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() {
			files = append(files, path)
		} else if d.Type()&fs.ModeSymlink != 0 {
			// A link to a file is read like the file; WalkDir does not
			// follow links, which also keeps link cycles out.
			if info, err := os.Stat(path); err == nil && info.Mode().IsRegular() {
				files = append(files, path)
			}
		}
		return nil
	})
	// WalkDir visits in lexical order already; sorting again keeps the
	// promise explicit should that ever change.
	sort.Strings(files)
	return files, err
}

func readFile(ctx context.Context, path string, opts Options, emit func(*doc.Document) error, report func(error)) error {
	f, err := os.Open(path)
	if err != nil {
		report(&InputError{File: path, Err: unwrapPathError(err)})
		return nil
	}
	defer f.Close()
	return Read(ctx, path, f, opts, emit, report)
}

// unwrapPathError drops the *fs.PathError wrapper, whose path the
// InputError already names.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	return err
}

// Read reads one named stream, detecting its format from its content (the
// name's extension only breaks ties), and emits its documents. Bad input
// goes to report; Read returns an error only when ctx is done or emit
// returns one.
func Read(ctx context.Context, name string, r io.Reader, opts Options, emit func(*doc.Document) error, report func(error)) error {
	if report == nil {
		report = func(error) {}
	}
	rd := &reader{ctx: ctx, name: name, base: baseID(name), opts: opts, emit: emit, report: report}
	return rd.dispatch(r)
}

// stopError marks an error from emit or the context: it ends reading and
// is returned unwrapped to the caller of Read or Walk.
type stopError struct{ err error }

func (e stopError) Error() string { return e.err.Error() }

// reader carries what every format reader needs about one named stream.
type reader struct {
	ctx    context.Context
	name   string // origin: the path, or "-"
	base   string // ID stem: the base name without extensions
	opts   Options
	emit   func(*doc.Document) error
	report func(error)
}

// send completes d's common fields and passes it on. Its error, if any,
// must end reading.
func (rd *reader) send(d *doc.Document) error {
	if err := rd.ctx.Err(); err != nil {
		return stopError{err}
	}
	if d.Published == nil && rd.opts.Published != nil {
		t := *rd.opts.Published
		d.Published = &t
	}
	if err := rd.emit(d); err != nil {
		return stopError{err}
	}
	return nil
}

// bad reports a bad input at a line or record (0 when neither applies).
func (rd *reader) bad(line, record int, err error) {
	rd.report(&InputError{File: rd.name, Line: line, Record: record, Err: err})
}

// origin is the Origin of the nth record of a multi-document input.
func (rd *reader) origin(n int) string {
	return rd.name + "#" + strconv.Itoa(n)
}

// recordID is the ID of the nth record: its own id when it has one, else
// one derived from its URL, else "<base>-<n>".
func (rd *reader) recordID(own, url string, n int) string {
	if id := sanitizeID(own); id != "" && !looksLikeURL(own) {
		return id
	}
	if looksLikeURL(own) {
		if id := urlID(own); id != "" {
			return id
		}
	}
	if id := urlID(url); id != "" {
		return id
	}
	return rd.base + "-" + strconv.Itoa(n)
}

// baseID is a file's base name without its extensions: "feeds/x.jsonl.gz"
// gives "x", stdin gives "stdin".
func baseID(name string) string {
	if name == "-" || name == "" {
		return "stdin"
	}
	b := filepath.Base(name)
	for _, ext := range []string{".gz", ".gzip"} {
		if strings.HasSuffix(strings.ToLower(b), ext) && len(b) > len(ext) {
			b = b[:len(b)-len(ext)]
		}
	}
	if ext := filepath.Ext(b); ext != "" && len(ext) < len(b) {
		b = b[:len(b)-len(ext)]
	}
	return b
}
