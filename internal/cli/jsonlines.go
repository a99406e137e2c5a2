package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"strings"
)

// mapJSONLines is the loop of the one-stage commands (geoparse, timex,
// extract): it reads JSON Lines from stdin, calls fn on each non-blank
// line and writes fn's result as one JSON line. A line fn rejects is
// reported on stderr with its number and skipped; the others go on, and the
// command then exits 1 (errInputs).
func mapJSONLines(ctx context.Context, env *Env, name string, fn func(raw string) (any, error)) error {
	sc := bufio.NewScanner(env.Stdin)
	sc.Buffer(make([]byte, 0, 1<<16), 64<<20)
	w := bufio.NewWriter(env.Stdout)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	failed := 0
	for line := 1; sc.Scan(); line++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		raw := strings.TrimSpace(sc.Text())
		if raw == "" {
			continue
		}
		out, err := fn(raw)
		if err != nil {
			fmt.Fprintf(env.Stderr, "sitrep %s: line %d: %v\n", name, line, err)
			failed++
			continue
		}
		if err := enc.Encode(out); err != nil {
			return fmt.Errorf("write output: %w", err)
		}
	}
	if err := sc.Err(); err != nil {
		fmt.Fprintf(env.Stderr, "sitrep %s: read input: %v\n", name, err)
		failed++
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("write output: %w", err)
	}
	if failed > 0 {
		return errInputs
	}
	return nil
}
