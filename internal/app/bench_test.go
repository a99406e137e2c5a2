package app

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/synth"
)

func synthDocs(n int) ([]*doc.Document, int64) {
	var docs []*doc.Document
	var bytes int64
	for _, a := range synth.Generate(1, n) {
		pub := a.Published
		d := &doc.Document{ID: a.ID, Title: a.Title, Source: a.Source, Published: &pub, Raw: a.Title + "\n\n" + a.Text, Format: "text"}
		docs = append(docs, d)
		bytes += int64(len(d.Raw))
	}
	return docs, bytes
}

// BenchmarkPipeline measures the whole analysis (every stage after
// reading, no store) on one core over generated articles; MB/s is over the
// raw text.
func BenchmarkPipeline(b *testing.B) {
	ctx := context.Background()
	chains, err := NewChains(ctx, Config{})
	if err != nil {
		b.Fatal(err)
	}
	docs, bytes := synthDocs(500)
	b.SetBytes(bytes)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			c := &doc.Document{ID: d.ID, Published: d.Published, Raw: d.Raw}
			_ = chains.Prepare.Run(ctx, c)
			_ = chains.Extract.Run(ctx, c)
		}
	}
	b.ReportMetric(float64(len(docs)*b.N)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkAnalyze measures a whole run with the store: reading files,
// analysis on all CPUs, duplicate decisions, batched commits and merging.
func BenchmarkAnalyze(b *testing.B) {
	docs, bytes := synthDocs(300)
	dir := b.TempDir()
	files := map[string]string{}
	for _, d := range docs {
		files[d.ID+".txt"] = d.Raw
	}
	writeFilesB(b, dir, files)
	b.SetBytes(bytes)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		a, err := Open(context.Background(), Config{DB: filepath.Join(b.TempDir(), "s.db")}, func(string) string { return "" })
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		st, err := a.Analyze(context.Background(), []string{dir}, nil, Output{
			Document: func(Result) error { return nil }, Report: func(error) {}})
		if err != nil || st.New == 0 {
			b.Fatalf("analyze: %v %+v", err, st)
		}
		b.StopTimer()
		a.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(len(docs)*b.N)/b.Elapsed().Seconds(), "articles/s")
}
