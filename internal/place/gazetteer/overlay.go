package gazetteer

import (
	"archive/zip"
	"bufio"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	_ "modernc.org/sqlite" // database/sql driver "sqlite"
)

// Overlay is a store of GeoNames rows imported from dump files, kept in its
// own tables (gaz_*) of a SQLite database so it can share the file of the
// main store without depending on it. Rows in the overlay are added on top
// of the embedded gazetteer.
type Overlay struct {
	db *sql.DB
}

// overlaySchema is migration 1 of the overlay tables.
const overlaySchema = `
CREATE TABLE IF NOT EXISTS gaz_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS gaz_places (
	geonameid INTEGER PRIMARY KEY,
	name TEXT NOT NULL,
	lat REAL NOT NULL,
	lon REAL NOT NULL,
	feature TEXT NOT NULL,
	country TEXT NOT NULL,
	admin1 TEXT NOT NULL,
	population INTEGER NOT NULL,
	names TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS gaz_altnames (
	geonameid INTEGER NOT NULL,
	name TEXT NOT NULL,
	PRIMARY KEY (geonameid, name)
);
CREATE TABLE IF NOT EXISTS gaz_admin1 (
	code TEXT PRIMARY KEY,
	name TEXT NOT NULL,
	geonameid INTEGER NOT NULL
);
INSERT OR IGNORE INTO gaz_meta(key, value) VALUES ('schema_version', '1');
`

// OpenOverlay opens (creating if needed) the overlay tables in the SQLite
// database at path.
func OpenOverlay(ctx context.Context, path string) (*Overlay, error) {
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)")
	if err != nil {
		return nil, fmt.Errorf("open gazetteer overlay %s: %w", path, err)
	}
	db.SetMaxOpenConns(1)
	if _, err := db.ExecContext(ctx, overlaySchema); err != nil {
		db.Close()
		return nil, fmt.Errorf("migrate gazetteer overlay %s: %w", path, err)
	}
	return &Overlay{db: db}, nil
}

// Close closes the database.
func (o *Overlay) Close() error { return o.db.Close() }

// ImportStats counts what an import stored.
type ImportStats struct {
	Places, AltNames, Admin1 int
}

// ErrFormat marks a file that is not in a GeoNames dump format.
var ErrFormat = errors.New("not a GeoNames dump format")

// ImportFile imports a GeoNames dump file: the 19-column geoname table
// (allCountries.txt, SY.txt, or a .zip of one), alternateNamesV2.txt or
// admin1CodesASCII.txt, told apart by name and by column count.
func (o *Overlay) ImportFile(ctx context.Context, path string) (ImportStats, error) {
	if strings.EqualFold(filepath.Ext(path), ".zip") {
		zr, err := zip.OpenReader(path)
		if err != nil {
			return ImportStats{}, fmt.Errorf("open %s: %w", path, err)
		}
		defer zr.Close()
		var total ImportStats
		for _, f := range zr.File {
			if !strings.HasSuffix(f.Name, ".txt") || strings.EqualFold(filepath.Base(f.Name), "readme.txt") {
				continue
			}
			rc, err := f.Open()
			if err != nil {
				return total, fmt.Errorf("open %s in %s: %w", f.Name, path, err)
			}
			st, err := o.Import(ctx, rc, f.Name)
			rc.Close()
			total.Places += st.Places
			total.AltNames += st.AltNames
			total.Admin1 += st.Admin1
			if err != nil {
				return total, fmt.Errorf("import %s: %w", path, err)
			}
		}
		return total, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return ImportStats{}, fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	return o.Import(ctx, f, filepath.Base(path))
}

// Import reads one GeoNames dump from r; name is the file name, used to
// tell the formats apart and in errors.
func (o *Overlay) Import(ctx context.Context, r io.Reader, name string) (ImportStats, error) {
	tx, err := o.db.BeginTx(ctx, nil)
	if err != nil {
		return ImportStats{}, fmt.Errorf("begin import: %w", err)
	}
	defer tx.Rollback()
	var st ImportStats
	base := strings.ToLower(filepath.Base(name))
	err = ParseDump(r, name, func(rec Record) error {
		switch {
		case rec.Place != nil:
			p := rec.Place
			_, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO gaz_places VALUES (?,?,?,?,?,?,?,?,?)`,
				p.ID, p.Name, p.Lat, p.Lon, p.Feature, p.Country, p.Admin1, p.Population, strings.Join(p.Names, "|"))
			st.Places++
			return err
		case rec.AltName != nil:
			_, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO gaz_altnames VALUES (?,?)`, rec.AltName.ID, rec.AltName.Name)
			st.AltNames++
			return err
		case rec.Admin1 != nil:
			a := rec.Admin1
			_, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO gaz_admin1 VALUES (?,?,?)`, a.Code, a.Name, a.ID)
			st.Admin1++
			return err
		}
		return nil
	})
	if err != nil {
		return st, err
	}
	_ = base
	if err := tx.Commit(); err != nil {
		return st, fmt.Errorf("commit import: %w", err)
	}
	return st, nil
}

// AddTo adds the overlay's places, with their alternate names, to b. Places
// whose GeoNames id is already in b only add their names.
func (o *Overlay) AddTo(ctx context.Context, b *Builder) error {
	alts := map[int64][]string{}
	rows, err := o.db.QueryContext(ctx, `SELECT geonameid, name FROM gaz_altnames`)
	if err != nil {
		return fmt.Errorf("read alternate names: %w", err)
	}
	for rows.Next() {
		var id int64
		var n string
		if err := rows.Scan(&id, &n); err != nil {
			rows.Close()
			return fmt.Errorf("read alternate names: %w", err)
		}
		alts[id] = append(alts[id], n)
	}
	rows.Close()
	rows, err = o.db.QueryContext(ctx, `SELECT geonameid, name, lat, lon, feature, country, admin1, population, names FROM gaz_places ORDER BY geonameid`)
	if err != nil {
		return fmt.Errorf("read places: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var e Entry
		var names string
		if err := rows.Scan(&e.ID, &e.Name, &e.Lat, &e.Lon, &e.Feature, &e.Country, &e.Admin1, &e.Population, &names); err != nil {
			return fmt.Errorf("read places: %w", err)
		}
		if names != "" {
			e.Names = strings.Split(names, "|")
		}
		e.Names = append(e.Names, alts[e.ID]...)
		delete(alts, e.ID)
		b.Add(e)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read places: %w", err)
	}
	// GeoNames ids for the Natural Earth divisions, matched by name
	arows, err := o.db.QueryContext(ctx, `SELECT code, name, geonameid FROM gaz_admin1`)
	if err != nil {
		return fmt.Errorf("read admin1 codes: %w", err)
	}
	defer arows.Close()
	for arows.Next() {
		var a Admin1Code
		if err := arows.Scan(&a.Code, &a.Name, &a.ID); err != nil {
			return fmt.Errorf("read admin1 codes: %w", err)
		}
		cc, _, _ := strings.Cut(a.Code, ".")
		for _, i := range b.Find(a.Name, cc) {
			if e := &b.g.entries[i]; e.IsAdmin1() && e.ID == 0 {
				e.ID = a.ID
				b.g.byID.set(a.ID, i)
			}
		}
	}
	if err := arows.Err(); err != nil {
		return fmt.Errorf("read admin1 codes: %w", err)
	}
	// alternate names for places of the embedded gazetteer
	for id, names := range alts {
		if i, ok := b.g.byID.get(id); ok {
			for _, n := range names {
				b.AddName(i, n)
			}
		}
	}
	return nil
}

// Record is one row of a GeoNames dump; exactly one field is set.
type Record struct {
	Place   *Entry
	AltName *AltName
	Admin1  *Admin1Code
}

// AltName is a row of alternateNamesV2.txt that sitrep keeps.
type AltName struct {
	ID   int64
	Name string
}

// Admin1Code is a row of admin1CodesASCII.txt.
type Admin1Code struct {
	Code string // "SY.12"
	Name string
	ID   int64
}

// ParseDump reads a GeoNames dump and calls fn for each row sitrep keeps.
// Alternate names are kept when they are Latin-script and not links,
// postal codes or abbreviations of other kinds. A malformed line is an
// error of type *LineError.
func ParseDump(r io.Reader, name string, fn func(Record) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 16<<20)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		var rec Record
		var err error
		switch len(f) {
		case 19:
			rec.Place, err = parseGeoname(f)
		case 4:
			rec.Admin1, err = parseAdmin1(f)
		case 8, 10:
			var a *AltName
			a, err = parseAltName(f)
			if a == nil && err == nil {
				continue
			}
			rec.AltName = a
		default:
			err = fmt.Errorf("%w: %d columns", ErrFormat, len(f))
		}
		if err != nil {
			return &LineError{File: name, Line: n, Err: err}
		}
		if err := fn(rec); err != nil {
			return fmt.Errorf("%s:%d: %w", name, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	return nil
}

func parseGeoname(f []string) (*Entry, error) {
	id, err := strconv.ParseInt(f[0], 10, 64)
	if err != nil || id <= 0 {
		return nil, fmt.Errorf("bad geonameid %q", f[0])
	}
	lat, err1 := strconv.ParseFloat(f[4], 64)
	lon, err2 := strconv.ParseFloat(f[5], 64)
	if err1 != nil || err2 != nil || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
		return nil, fmt.Errorf("bad coordinates %q %q", f[4], f[5])
	}
	if strings.TrimSpace(f[1]) == "" {
		return nil, errors.New("empty name")
	}
	pop, _ := strconv.ParseInt(f[14], 10, 64)
	e := &Entry{ID: id, Name: f[1], Lat: lat, Lon: lon, Feature: f[6] + "." + f[7], Country: f[8], Admin1: f[10], Population: pop}
	seen := map[string]bool{strings.ToLower(f[1]): true}
	for _, a := range append([]string{f[2]}, strings.Split(f[3], ",")...) {
		a = strings.TrimSpace(a)
		if a == "" || seen[strings.ToLower(a)] || !latinName(a) {
			continue
		}
		seen[strings.ToLower(a)] = true
		e.Names = append(e.Names, a)
	}
	return e, nil
}

// latinName reports whether a name is capitalised Latin script, the only
// alternates English news uses.
func latinName(s string) bool {
	letters, upper := 0, 0
	for _, r := range s {
		if r == '|' || r == '\t' {
			return false
		}
		if isWordRune(r) && !('0' <= r && r <= '9') {
			if r >= 0x250 && !(r >= 0x1E00 && r <= 0x1EFF) && !(r >= 0x300 && r <= 0x36F) {
				return false
			}
			letters++
			if 'A' <= r && r <= 'Z' || r >= 0xC0 && r <= 0xDE || r >= 0x100 && r < 0x250 && r%2 == 0 {
				upper++
			}
		}
	}
	return letters > 0 && upper > 0
}

func parseAdmin1(f []string) (*Admin1Code, error) {
	id, err := strconv.ParseInt(f[3], 10, 64)
	if err != nil || !strings.Contains(f[0], ".") {
		return nil, fmt.Errorf("bad admin1 row %q", strings.Join(f, " "))
	}
	return &Admin1Code{Code: f[0], Name: f[1], ID: id}, nil
}

// parseAltName reads alternateNamesV2 (10 columns) or the older 8-column
// format; it returns nil for rows sitrep does not keep.
func parseAltName(f []string) (*AltName, error) {
	id, err := strconv.ParseInt(f[1], 10, 64)
	if err != nil {
		return nil, fmt.Errorf("bad geonameid %q", f[1])
	}
	switch f[2] {
	case "link", "wkdt", "post", "iata", "icao", "faac", "fr_1793", "abbr", "unlc":
		return nil, nil
	}
	name := strings.TrimSpace(f[3])
	if name == "" || len(f) > 7 && f[7] == "1" || !latinName(name) { // historic names
		return nil, nil
	}
	return &AltName{ID: id, Name: name}, nil
}
