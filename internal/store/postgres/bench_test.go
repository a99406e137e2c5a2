package postgres

import (
	"context"
	"testing"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/record"
	"github.com/sitrep-dev/sitrep/internal/store"
	"github.com/sitrep-dev/sitrep/internal/store/storetest"
)

const (
	benchBatchDocs = 100
	benchDocBytes  = 3000
	benchEvents    = 3
)

type benchBatch struct {
	docs  []*doc.Document
	evs   []record.Event
	bytes int64
}

func makeBenchBatch(i int) benchBatch {
	var b benchBatch
	for j := range benchBatchDocs {
		d := storetest.GeneratedDocument(i*benchBatchDocs+j, benchDocBytes)
		b.docs = append(b.docs, d)
		b.evs = append(b.evs, storetest.GeneratedEvents(d, benchEvents)...)
		b.bytes += int64(len(d.Text))
	}
	return b
}

// BenchmarkSaveBatch measures ingest: batches of 100 new documents of about
// 3 KB with 3 events each, one committed transaction each. Whether the
// commit waits for an fsync is the server's setting (CI's throwaway
// server runs with fsync off).
func BenchmarkSaveBatch(b *testing.B) {
	ctx := context.Background()
	s := openTest(b)
	defer s.Close()
	// Every iteration needs unseen content; generate it outside the timer.
	batches := make([]benchBatch, b.N)
	for i := range batches {
		batches[i] = makeBenchBatch(i)
	}
	b.SetBytes(batches[0].bytes)
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		if _, err := s.SaveBatch(ctx, batches[i].docs, batches[i].evs); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(b.N*benchBatchDocs)/b.Elapsed().Seconds(), "docs/s")
}

// BenchmarkEvents measures a full, ordered scan of 6,000 stored events.
func BenchmarkEvents(b *testing.B) {
	ctx := context.Background()
	s := openTest(b)
	defer s.Close()
	const batches = 20
	for i := range batches {
		bb := makeBenchBatch(i)
		if _, err := s.SaveBatch(ctx, bb.docs, bb.evs); err != nil {
			b.Fatal(err)
		}
	}
	var size int64
	// The JSON text's length, what the API would send.
	if err := s.pool.QueryRow(ctx, "SELECT sum(octet_length(record::text)) FROM events").Scan(&size); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for range b.N {
		n = 0
		if err := s.Events(ctx, store.EventQuery{}, func(record.Event) error { n++; return nil }); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if want := batches * benchBatchDocs * benchEvents; n != want {
		b.Fatalf("scanned %d events, want %d", n, want)
	}
	b.ReportMetric(float64(b.N*n)/b.Elapsed().Seconds(), "events/s")
}

// BenchmarkNearDuplicate measures a band look-up among 2,000 fingerprints.
func BenchmarkNearDuplicate(b *testing.B) {
	ctx := context.Background()
	s := openTest(b)
	defer s.Close()
	for i := range 20 {
		bb := makeBenchBatch(i)
		if _, err := s.SaveBatch(ctx, bb.docs, nil); err != nil {
			b.Fatal(err)
		}
	}
	probe := storetest.GeneratedDocument(777, 10).Fingerprint ^ 0b101
	b.ResetTimer()
	for range b.N {
		if _, _, found, err := s.NearDuplicate(ctx, probe, 3); err != nil || !found {
			b.Fatalf("NearDuplicate = %v, %v", found, err)
		}
	}
}
