// Package migration loads a store backend's numbered schema steps from its
// embedded files. Applying them is the backend's own business (each has its
// driver, locking and version table); what a step is, how files are named
// and that the numbering has no gaps is the same for all, and lives here.
package migration

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

// Step is one numbered schema step: migrations/0001_init.sql is version 1.
type Step struct {
	Version int
	Name    string
	SQL     string
}

// Load reads migrations/*.sql from fsys in version order. Versions must
// run from 1 without gaps or repeats: a file once released is never
// edited, only followed by a new one.
func Load(fsys fs.FS) ([]Step, error) {
	names, err := fs.Glob(fsys, "migrations/*.sql")
	if err != nil {
		return nil, fmt.Errorf("list migrations: %w", err)
	}
	var ms []Step
	for _, name := range names {
		base := path.Base(name)
		num, _, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("migration %s: name must start with a positive number and '_'", base)
		}
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("read migration %s: %w", base, err)
		}
		ms = append(ms, Step{Version: v, Name: base, SQL: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].Version < ms[j].Version })
	for i, m := range ms {
		if m.Version != i+1 {
			return nil, fmt.Errorf("migration %s: want version %d, numbering has a gap or a repeat", m.Name, i+1)
		}
	}
	return ms, nil
}

// MustLoad is Load for files embedded at build time, where an error is a
// programming error any test catches, not a runtime condition.
func MustLoad(fsys fs.FS) []Step {
	ms, err := Load(fsys)
	if err != nil {
		panic(err)
	}
	return ms
}
