package postgres

import (
	"testing"

	"github.com/sitrep-dev/sitrep/internal/store"
	"github.com/sitrep-dev/sitrep/internal/store/storetest"
)

// BenchmarkStore runs the benchmarks every backend shares (storetest.Bench)
// against SITREP_TEST_POSTGRES. Whether a commit waits for an fsync is the
// server's setting (CI's throwaway server runs with fsync off).
func BenchmarkStore(b *testing.B) {
	testDSN(b)
	storetest.Bench(b, func(b testing.TB) store.Store { return openTest(b) })
}
