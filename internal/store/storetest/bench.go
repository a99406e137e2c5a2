package storetest

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/record"
	"github.com/sitrep-dev/sitrep/internal/store"
)

const (
	benchBatchDocs = 100
	benchDocBytes  = 3000
	benchEventsPer = 3
)

type benchBatch struct {
	docs  []*doc.Document
	evs   []record.Event
	bytes int64
}

func makeBenchBatch(i int) benchBatch {
	var b benchBatch
	for j := range benchBatchDocs {
		d := GeneratedDocument(i*benchBatchDocs+j, benchDocBytes)
		b.docs = append(b.docs, d)
		b.evs = append(b.evs, GeneratedEvents(d, benchEventsPer)...)
		b.bytes += int64(len(d.Text))
	}
	return b
}

// Bench runs the store benchmarks every backend shares, so their figures
// compare: SaveBatch, Events and NearDuplicate as sub-benchmarks. open
// returns a fresh, empty store.
func Bench(b *testing.B, open func(b testing.TB) store.Store) {
	b.Run("SaveBatch", func(b *testing.B) { benchSaveBatch(b, open(b)) })
	b.Run("Events", func(b *testing.B) { benchEvents(b, open(b)) })
	b.Run("NearDuplicate", func(b *testing.B) { benchNearDuplicate(b, open(b)) })
}

// benchSaveBatch measures ingest: batches of 100 new documents of about
// 3 KB with 3 events each, one committed transaction each (whether a
// commit waits for an fsync is the backend's setting).
func benchSaveBatch(b *testing.B, s store.Store) {
	ctx := context.Background()
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

// benchEvents measures a full, ordered scan of 6,000 stored events; MB/s
// is over the events' JSON, what the API would send.
func benchEvents(b *testing.B, s store.Store) {
	ctx := context.Background()
	defer s.Close()
	const batches = 20
	for i := range batches {
		bb := makeBenchBatch(i)
		if _, err := s.SaveBatch(ctx, bb.docs, bb.evs); err != nil {
			b.Fatal(err)
		}
	}
	var size int64
	if err := s.Events(ctx, store.EventQuery{}, func(e record.Event) error {
		j, err := json.Marshal(e)
		size += int64(len(j))
		return err
	}); err != nil {
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
	if want := batches * benchBatchDocs * benchEventsPer; n != want {
		b.Fatalf("scanned %d events, want %d", n, want)
	}
	b.ReportMetric(float64(b.N*n)/b.Elapsed().Seconds(), "events/s")
}

// benchNearDuplicate measures a band look-up among 2,000 fingerprints.
func benchNearDuplicate(b *testing.B, s store.Store) {
	ctx := context.Background()
	defer s.Close()
	for i := range 20 {
		bb := makeBenchBatch(i)
		if _, err := s.SaveBatch(ctx, bb.docs, nil); err != nil {
			b.Fatal(err)
		}
	}
	probe := GeneratedDocument(777, 10).Fingerprint ^ 0b101
	b.ResetTimer()
	for range b.N {
		if _, _, found, err := s.NearDuplicate(ctx, probe, 3); err != nil || !found {
			b.Fatalf("NearDuplicate = %v, %v", found, err)
		}
	}
}
