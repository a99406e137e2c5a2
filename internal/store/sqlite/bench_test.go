package sqlite

import (
	"testing"

	"github.com/sitrep-dev/sitrep/internal/store"
	"github.com/sitrep-dev/sitrep/internal/store/storetest"
)

// BenchmarkStore runs the benchmarks every backend shares (storetest.Bench):
// SaveBatch of 100 × 3 KB documents with 3 events each, a scan of 6,000
// events, a near-duplicate look-up.
func BenchmarkStore(b *testing.B) {
	storetest.Bench(b, func(b testing.TB) store.Store { return openTest(b) })
}
