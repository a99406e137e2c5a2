#!/usr/bin/env bash
# The README's test command: vet, then the whole test suite, with the race
# detector on the packages where concurrency lives and it is affordable.
set -euo pipefail
cd "$(dirname "$0")/.."

go vet ./...
# The race detector slows the pure-Go SQLite driver ten-fold; it runs on the
# packages with goroutines of their own (the pipeline runner, the app's
# worker pool), in -short mode, which leaves out the slow whole-run
# property tests (they run without it below).
go test -race -short ./internal/pipeline/... ./internal/app/... ./internal/phrase/...
go test ./...
