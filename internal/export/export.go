// Package export writes events in the formats analysts load into QGIS,
// pandas, DuckDB or R: ACLED-style CSV, GeoJSON, JSON Lines and Parquet.
// Every writer streams: the text formats hold one event at a time, Parquet
// one row group (ParquetRowGroup events), so an export of a million events
// needs no more memory than an export of a few thousand.
package export

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/sitrep-dev/sitrep/internal/record"
)

// Format names, as given to New and to `sitrep export --format`.
const (
	FormatACLEDCSV = "acled-csv"
	FormatGeoJSON  = "geojson"
	FormatJSONL    = "jsonl"
)

// Formats lists the supported formats, sorted.
func Formats() []string { return []string{FormatACLEDCSV, FormatGeoJSON, FormatJSONL, FormatParquet} }

// Writer writes events one at a time. Close finishes the output (the
// closing bracket of a GeoJSON collection, the last buffered bytes) but
// does not close the underlying io.Writer.
type Writer interface {
	Write(ev record.Event) error
	Close() error
}

// Options configures a Writer. The zero value is usable.
type Options struct {
	// Source names the outlet of a document id, for ACLED's source
	// column; nil, or an empty answer, falls back to the document id.
	Source func(docID string) string
}

// New returns a writer of format to w.
func New(format string, w io.Writer, opts Options) (Writer, error) {
	switch format {
	case FormatACLEDCSV:
		return NewCSV(w, opts), nil
	case FormatGeoJSON:
		return NewGeoJSON(w), nil
	case FormatJSONL:
		return NewJSONL(w), nil
	case FormatParquet:
		return NewParquet(w, opts), nil
	}
	return nil, fmt.Errorf("new exporter: unknown format %q (want one of %s)", format, strings.Join(Formats(), ", "))
}

// JSONL writes one event record per line: the record.Event shape that
// `sitrep analyze --format jsonl` prints.
type JSONL struct {
	bw  *bufio.Writer
	enc *json.Encoder
}

// NewJSONL returns a JSON Lines writer.
func NewJSONL(w io.Writer) *JSONL {
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	return &JSONL{bw: bw, enc: enc}
}

// Write writes one event.
func (j *JSONL) Write(ev record.Event) error {
	if ev.Record == "" {
		ev.Record = "event"
	}
	if err := j.enc.Encode(ev); err != nil {
		return fmt.Errorf("write event %q: %w", ev.ID, err)
	}
	return nil
}

// Close flushes the buffer.
func (j *JSONL) Close() error {
	if err := j.bw.Flush(); err != nil {
		return fmt.Errorf("flush jsonl: %w", err)
	}
	return nil
}

// reportDocs returns the distinct documents of ev's reports, in report
// order.
func reportDocs(ev record.Event) []string {
	var ids []string
	for _, r := range ev.Reports {
		if !slices.Contains(ids, r.Doc) {
			ids = append(ids, r.Doc)
		}
	}
	return ids
}
