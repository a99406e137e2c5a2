// Package gazetteer answers "which places could this name be?": a world
// gazetteer of countries, first-level divisions and populated places,
// indexed by transliteration-folded names (see Fold) in a token trie so a
// text can be matched in one pass.
//
// The default gazetteer is embedded: data/places.tsv.gz is generated from
// GeoNames' cities500 and Natural Earth divisions (go generate, see gen/),
// data/countries.tsv and data/supplement.tsv are hand-written and editable.
// Rows imported from full GeoNames dumps (see Overlay) and user supplement
// files are added on top when the gazetteer is built.
package gazetteer

//go:generate go run ./gen -countries data/countries.tsv -out data/places.tsv.gz

import (
	"bufio"
	"bytes"
	"cmp"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/klauspost/compress/gzip"

	"github.com/sitrep-dev/sitrep/internal/phrase"
)

var (
	//go:embed data/places.tsv.gz
	placesGz []byte
	//go:embed data/names.tsv.gz
	namesGz []byte
	//go:embed data/countries.tsv
	countriesTSV []byte
	//go:embed data/supplement.tsv
	supplementTSV []byte
)

// Feature codes sitrep gives meaning to; the rest are GeoNames' own.
const (
	FeatureCountry   = "A.PCLI"
	FeatureAdmin1    = "A.ADM1"
	FeatureCapital   = "P.PPLC"
	FeatureContinent = "L.CONT"
)

// Entry is one place.
type Entry struct {
	// ID is the GeoNames id, 0 for places that have none (Natural Earth
	// divisions, supplement entries without one).
	ID       int64
	Name     string
	Lat, Lon float64
	// Feature is the GeoNames class.code, e.g. "P.PPLA", "A.ADM1".
	Feature string
	// Country is the ISO 3166-1 alpha-2 code.
	Country string
	// Admin1 is the GeoNames first-level division code (e.g. "12").
	Admin1     string
	Population int64
	// Names are the alternate names (the primary Name excluded).
	Names []string
}

// IsCountry reports whether the entry is a country.
func (e *Entry) IsCountry() bool { return strings.HasPrefix(e.Feature, "A.PCL") }

// IsAdmin1 reports whether the entry is a first-level division.
func (e *Entry) IsAdmin1() bool { return e.Feature == FeatureAdmin1 }

// Candidate is a gazetteer entry a name may refer to.
type Candidate struct {
	Entry int32
	// Demonym is set when the name matched is the place's adjective
	// ("Syrian") rather than its name.
	Demonym bool
	// Curated is set when the name comes from the hand-written tables
	// (countries, supplements) or an import rather than the bulk GeoNames
	// alternates.
	Curated bool
}

// Gazetteer is an immutable, indexed set of places. It is safe for
// concurrent use.
//
// Names live in two indexes walked together: the bulk of the embedded
// GeoNames names in a sorted array (an implicit trie: each further word
// narrows a range by binary search, and loading it needs no hashing, which
// keeps start-up well under the 300 ms budget), and everything added at run
// time (countries, demonyms, supplements, imports) in a phrase.Dict.
type Gazetteer struct {
	entries []Entry
	dict    *phrase.Dict
	// dictFirst has bit hashWord(k)%len for the first key k of every
	// phrase in dict: most words start none, and are known so with no
	// look-up in its maps.
	dictFirst *[dictFirstBits / 64]uint64
	static    sortedIndex
	countries map[string]int32 // ISO2 -> entry
	byID      idIndex
}

// idIndex finds entries by GeoNames id. The embedded places come almost
// all in ascending id order, so they are found by binary search over a
// list of entry numbers built while loading, with no hashing; the rest
// (out-of-order rows, countries, supplements, imports) go in a map.
type idIndex struct {
	entries *[]Entry
	sorted  []int32
	other   map[int64]int32
}

func (x *idIndex) get(id int64) (int32, bool) {
	if id == 0 {
		return 0, false
	}
	if i, ok := x.other[id]; ok {
		return i, true
	}
	es := *x.entries
	k, found := slices.BinarySearchFunc(x.sorted, id, func(i int32, id int64) int { return cmp.Compare(es[i].ID, id) })
	if found {
		return x.sorted[k], true
	}
	return 0, false
}

// set records entry i under id unless the id is already known.
func (x *idIndex) set(id int64, i int32) {
	if _, dup := x.get(id); !dup && id != 0 {
		x.other[id] = i
	}
}

// sortStatic indexes the embedded rows from start on by binary search:
// sorting 200,000 numbers costs a fraction of hashing them.
func (x *idIndex) sortStatic(start int32) {
	es := *x.entries
	x.sorted = x.sorted[:0]
	for i := start; i < int32(len(es)); i++ {
		if es[i].ID != 0 {
			x.sorted = append(x.sorted, i)
		}
	}
	byID := func(a, b int32) int { return cmp.Or(cmp.Compare(es[a].ID, es[b].ID), cmp.Compare(a, b)) }
	if !slices.IsSortedFunc(x.sorted, byID) {
		slices.SortFunc(x.sorted, byID)
	}
	// the first of equal ids wins, as with set
	x.sorted = slices.CompactFunc(x.sorted, func(a, b int32) bool { return es[a].ID == es[b].ID })
}

// sortedIndex is a sorted list of folded names ("kan shaykun") with, for
// each, the comma-separated places it names, relative to base.
type sortedIndex struct {
	names  []string
	places []string
	base   int32
	// first maps a first word to the range of names that start with it:
	// names sort with a space below every key byte, so they are
	// contiguous. It turns the first, widest binary search of a walk into
	// one hash look-up, and most words start no name at all. It is an
	// open-addressing table rather than a map: built in one pass over the
	// sorted names with no allocation per word, it adds little to the load.
	first []wordRange
	mask  uint32
}

// wordRange is names[lo:hi]; hi == 0 marks an empty slot.
type wordRange struct{ lo, hi int32 }

func firstWord(name string) string {
	if sp := strings.IndexByte(name, ' '); sp >= 0 {
		return name[:sp]
	}
	return name
}

// hashWord is FNV-1a, inlined to keep the table build allocation-free.
func hashWord(w string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(w); i++ {
		h ^= uint32(w[i])
		h *= 16777619
	}
	return h
}

// lookupFirst returns the range of names whose first word is w.
func (s *sortedIndex) lookupFirst(w string) (int, int, bool) {
	for i := hashWord(w) & s.mask; ; i = (i + 1) & s.mask {
		r := s.first[i]
		if r.hi == 0 {
			return 0, 0, false
		}
		if name := s.names[r.lo]; len(name) >= len(w) && name[:len(w)] == w && (len(name) == len(w) || name[len(w)] == ' ') {
			return int(r.lo), int(r.hi), true
		}
	}
}

// walk calls fn for every name in the index that equals keys[i:j], shortest
// first, with its places.
func (s *sortedIndex) walk(keys []string, i int, buf []byte, fn func(end int, places string)) []byte {
	lo, hi := 0, len(s.names)
	buf = buf[:0]
	j := i
	if s.first != nil && i < len(keys) {
		l, h, ok := s.lookupFirst(keys[i])
		if !ok {
			return buf
		}
		// names[l:h] are the word itself, first if it is a name, and
		// the names it starts: no search needed for the first word
		lo, hi = l, h
		buf = append(buf, keys[i]...)
		if s.names[lo] == keys[i] {
			fn(i+1, s.places[lo])
		}
		j++
	}
	for ; j < len(keys) && lo < hi; j++ {
		if j > i {
			buf = append(buf, ' ')
		}
		buf = append(buf, keys[j]...)
		n := len(buf)
		l := lo + sort.Search(hi-lo, func(k int) bool { return s.names[lo+k] >= string(buf[:n]) })
		// every name with this prefix followed by a space or nothing sorts
		// below prefix+"!", since keys hold no byte below '0' but space.
		buf = append(buf[:n], '!')
		h := l + sort.Search(hi-l, func(k int) bool { return s.names[l+k] >= string(buf) })
		buf = buf[:n]
		if l < h && s.names[l] == string(buf) {
			fn(j+1, s.places[l])
		}
		lo, hi = l, h
	}
	return buf
}

// Walk calls fn for every name starting at keys[i] (folded, see Fold),
// shortest first, with the candidates it may refer to. Phrases end at
// keys[end-1].
func (g *Gazetteer) Walk(keys []string, i int, fn func(end int, cands []Candidate)) {
	var ends [16][]Candidate
	maxEnd := i
	var buf [64]byte
	g.static.walk(keys, i, buf[:0], func(end int, places string) {
		if end-i >= len(ends) {
			return
		}
		for places != "" {
			p := places
			if c := strings.IndexByte(places, ','); c >= 0 {
				p, places = places[:c], places[c+1:]
			} else {
				places = ""
			}
			n, err := strconv.Atoi(p)
			if err == nil {
				ends[end-i] = append(ends[end-i], Candidate{Entry: g.static.base + int32(n)})
			}
		}
		maxEnd = max(maxEnd, end)
	})
	g.dict.AllAt(keys, i, func(m phrase.Match) {
		if m.End-i >= len(ends) {
			return
		}
		for _, v := range m.Values {
			c := DecodeValue(v)
			c.Curated = true
			ends[m.End-i] = append(ends[m.End-i], c)
		}
		maxEnd = max(maxEnd, m.End)
	})
	for end := i + 1; end <= maxEnd; end++ {
		if len(ends[end-i]) > 0 {
			fn(end, ends[end-i])
		}
	}
}

// AppendLongest appends to dst the candidates of the longest name that
// starts at keys[i], ends by keys[len(keys)-1] and that accept accepts
// (accept(end) for the name keys[i:end]), and returns the extended dst and
// end, or dst and -1. The candidates come in Walk's order and names longer
// than Walk's are not found, so it picks what the last accepted call of a
// Walk would get; but it parses only the winner's places and allocates
// nothing when dst has room.
func (g *Gazetteer) AppendLongest(dst []Candidate, keys []string, i int, accept func(end int) bool) ([]Candidate, int) {
	return g.appendLongest(dst, keys, i, accept, true)
}

// LongestEnd returns the end AppendLongest would return, without parsing
// the candidates: a caller that discards most names it finds (the
// caseless reader skips common words) asks first.
func (g *Gazetteer) LongestEnd(keys []string, i int, accept func(end int) bool) int {
	_, end := g.appendLongest(nil, keys, i, accept, false)
	return end
}

// appendLongest is AppendLongest, appending nothing unless parse is set.
func (g *Gazetteer) appendLongest(dst []Candidate, keys []string, i int, accept func(end int) bool, parse bool) ([]Candidate, int) {
	const maxWords = 15 // as Walk: ends[16]
	if i < 0 || i >= len(keys) {
		return dst, -1
	}
	if len(keys)-i > maxWords {
		keys = keys[:i+maxWords]
	}
	var static [maxWords + 1]string
	var curated [maxWords + 1][]int32
	maxEnd := i
	var buf [64]byte
	g.static.walk(keys, i, buf[:0], func(end int, places string) {
		static[end-i] = places
		maxEnd = max(maxEnd, end)
	})
	if g.mayStartDict(keys[i]) {
		g.dict.AllAt(keys, i, func(m phrase.Match) {
			curated[m.End-i] = m.Values
			maxEnd = max(maxEnd, m.End)
		})
	}
	for end := maxEnd; end > i; end-- {
		places, values := static[end-i], curated[end-i]
		if places == "" && len(values) == 0 || !accept(end) {
			continue
		}
		if !parse {
			if len(values) > 0 || anyEntry(places) {
				return dst, end
			}
			continue
		}
		n0 := len(dst)
		for places != "" {
			p := places
			if c := strings.IndexByte(places, ','); c >= 0 {
				p, places = places[:c], places[c+1:]
			} else {
				places = ""
			}
			if n, ok := atoi(p); ok {
				dst = append(dst, Candidate{Entry: g.static.base + n})
			}
		}
		for _, v := range values {
			c := DecodeValue(v)
			c.Curated = true
			dst = append(dst, c)
		}
		if len(dst) > n0 {
			return dst, end
		}
	}
	return dst, -1
}

// anyEntry reports whether the places of a name (see AppendLongest)
// give at least one entry.
func anyEntry(places string) bool {
	for places != "" {
		p := places
		if c := strings.IndexByte(places, ','); c >= 0 {
			p, places = places[:c], places[c+1:]
		} else {
			places = ""
		}
		if _, ok := atoi(p); ok {
			return true
		}
	}
	return false
}

// atoi parses the unsigned decimal entry numbers of the name index.
func atoi(s string) (int32, bool) {
	if s == "" || len(s) > 9 {
		n, err := strconv.Atoi(s)
		return int32(n), err == nil
	}
	n := int32(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			n, err := strconv.Atoi(s)
			return int32(n), err == nil
		}
		n = n*10 + int32(c-'0')
	}
	return n, true
}

const dictFirstBits = 1 << 16

// StartsName reports whether some name of the gazetteer starts with the
// folded key k: most words start none, and the caller can skip them.
func (g *Gazetteer) StartsName(k string) bool {
	if g.mayStartDict(k) {
		return true
	}
	if g.static.first == nil {
		return true // no first-word table: cannot tell
	}
	_, _, ok := g.static.lookupFirst(k)
	return ok
}

func (g *Gazetteer) mayStartDict(k string) bool {
	h := hashWord(k) % dictFirstBits
	return g.dictFirst[h/64]&(1<<(h%64)) != 0
}

// Len is the number of places.
func (g *Gazetteer) Len() int { return len(g.entries) }

// Entry returns entry i.
func (g *Gazetteer) Entry(i int32) *Entry { return &g.entries[i] }

// Country returns the entry of a country by ISO2 code.
func (g *Gazetteer) Country(iso2 string) (*Entry, bool) {
	i, ok := g.countries[iso2]
	if !ok {
		return nil, false
	}
	return &g.entries[i], true
}

// ByID returns the entry with a GeoNames id.
func (g *Gazetteer) ByID(id int64) (*Entry, bool) {
	i, ok := g.byID.get(id)
	if !ok {
		return nil, false
	}
	return &g.entries[i], true
}

// Dict is the trie of folded names; its values decode with DecodeValue.
// It is for reading: names are added with a Builder.
func (g *Gazetteer) Dict() *phrase.Dict { return g.dict }

// DecodeValue turns a trie value into a candidate.
func DecodeValue(v int32) Candidate { return Candidate{Entry: v >> 1, Demonym: v&1 == 1} }

// Lookup returns the candidates for a whole name ("Khan Sheikhoun").
func (g *Gazetteer) Lookup(name string) []Candidate {
	keys := Fold(name)
	var out []Candidate
	if len(keys) == 0 {
		return nil
	}
	g.Walk(keys, 0, func(end int, cands []Candidate) {
		if end == len(keys) {
			out = append(out, cands...)
		}
	})
	return dedupe(out)
}

// dedupe removes repeated candidates, keeping the first.
func dedupe(cs []Candidate) []Candidate {
	out := cs[:0]
	for _, c := range cs {
		dup := false
		for _, o := range out {
			if o == c {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, c)
		}
	}
	return out
}

// Builder assembles a gazetteer. Add places, then call Build once.
type Builder struct {
	g *Gazetteer
	// byKey finds an existing entry to attach supplement variants to.
	byKey map[string][]int32
}

// NewBuilder returns an empty builder.
func NewBuilder() *Builder {
	g := &Gazetteer{
		dict:      phrase.New(),
		dictFirst: new([dictFirstBits / 64]uint64),
		countries: make(map[string]int32),
	}
	g.byID = idIndex{entries: &g.entries, other: make(map[int64]int32)}
	return &Builder{g: g}
}

// Add adds a place, indexed under its name and alternate names. A place
// whose GeoNames id is already present replaces nothing: its names are
// added to the existing entry, so imports can extend the default.
func (b *Builder) Add(e Entry) int32 {
	if e.ID != 0 {
		if i, ok := b.g.byID.get(e.ID); ok {
			old := &b.g.entries[i]
			old.Names = append(old.Names, e.Name)
			old.Names = append(old.Names, e.Names...)
			b.index(i, e.Name, false)
			for _, n := range e.Names {
				b.index(i, n, false)
			}
			return i
		}
	}
	i := b.addEntry(e)
	b.index(i, e.Name, false)
	for _, n := range e.Names {
		b.index(i, n, false)
	}
	return i
}

// addEntry appends an entry without indexing its names.
func (b *Builder) addEntry(e Entry) int32 {
	i := int32(len(b.g.entries))
	b.g.entries = append(b.g.entries, e)
	b.g.byID.set(e.ID, i)
	if e.IsCountry() {
		b.g.countries[e.Country] = i
	}
	return i
}

// AddDemonym indexes an adjective for entry i ("Syrian" for Syria).
func (b *Builder) AddDemonym(i int32, adjective string) { b.index(i, adjective, true) }

// AddName indexes one more name for entry i.
func (b *Builder) AddName(i int32, name string) {
	b.g.entries[i].Names = append(b.g.entries[i].Names, name)
	b.index(i, name, false)
}

func (b *Builder) index(i int32, name string, demonym bool) {
	keys := Fold(name)
	if len(keys) == 0 {
		return
	}
	v := i << 1
	if demonym {
		v |= 1
	}
	b.g.dict.Add(keys, v)
	h := hashWord(keys[0]) % dictFirstBits
	b.g.dictFirst[h/64] |= 1 << (h % 64)
}

// Find returns the entries whose primary name folds like name, in one
// country when country is set.
func (b *Builder) Find(name, country string) []int32 {
	var out []int32
	for _, c := range b.g.Lookup(name) {
		if c.Demonym {
			continue
		}
		if country == "" || b.g.entries[c.Entry].Country == country {
			out = append(out, c.Entry)
		}
	}
	return out
}

// Build returns the gazetteer. The builder must not be used afterwards.
func (b *Builder) Build() *Gazetteer {
	g := b.g
	b.g = nil
	return g
}

// Load builds the embedded default gazetteer: countries, GeoNames places
// and the shipped supplement.
func Load() (*Gazetteer, error) {
	b := NewBuilder()
	if err := b.AddDefault(); err != nil {
		return nil, err
	}
	return b.Build(), nil
}

// AddDefault adds the embedded data to the builder.
func (b *Builder) AddDefault() error {
	if err := b.AddCountries(bytes.NewReader(countriesTSV)); err != nil {
		return fmt.Errorf("load countries: %w", err)
	}
	if err := b.addEmbeddedPlaces(); err != nil {
		return fmt.Errorf("load places: %w", err)
	}
	if err := b.AddSupplement(bytes.NewReader(supplementTSV)); err != nil {
		return fmt.Errorf("load supplement: %w", err)
	}
	return nil
}

// LineError is a malformed line in a data file.
type LineError struct {
	File string
	Line int
	Err  error
}

func (e *LineError) Error() string { return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err) }
func (e *LineError) Unwrap() error { return e.Err }

// AddCountries reads the country table format of data/countries.tsv.
func (b *Builder) AddCountries(r io.Reader) error {
	return eachLine(r, "countries.tsv", func(f []string) error {
		if len(f) < 6 {
			return fmt.Errorf("want at least 6 columns, got %d", len(f))
		}
		id, err1 := strconv.ParseInt(f[2], 10, 64)
		lat, err2 := strconv.ParseFloat(f[3], 64)
		lon, err3 := strconv.ParseFloat(f[4], 64)
		if err1 != nil || err2 != nil || err3 != nil {
			return fmt.Errorf("bad number in %q", strings.Join(f[2:5], " "))
		}
		e := Entry{ID: id, Name: f[5], Lat: lat, Lon: lon, Feature: FeatureCountry, Country: f[0]}
		if len(f) > 6 && f[6] != "" {
			e.Names = strings.Split(f[6], "|")
		}
		i := b.Add(e)
		if len(f) > 7 && f[7] != "" {
			ds := strings.Split(f[7], "|")
			for _, d := range ds {
				// "Syrians" names people; only the adjective stands for
				// the country.
				if strings.HasSuffix(d, "s") && slices.Contains(ds, strings.TrimSuffix(d, "s")) {
					continue
				}
				b.AddDemonym(i, d)
			}
		}
		return nil
	})
}

// addEmbeddedPlaces loads the generated places and their sorted name
// index. Both are decompressed concurrently: that is most of start-up.
func (b *Builder) addEmbeddedPlaces() error {
	if len(b.g.static.names) > 0 {
		return errors.New("places already loaded")
	}
	type result struct {
		data string
		err  error
	}
	names := make(chan result, 1)
	go func() {
		d, err := gunzip(namesGz)
		names <- result{d, err}
	}()
	places, err := gunzip(placesGz)
	if err != nil {
		return err
	}
	b.g.static.base = int32(len(b.g.entries))
	// one allocation for all rows: growing by appends would copy the
	// entries a dozen times. The room after them is for the supplement
	// and a user's extra places, which would otherwise copy all 200,000
	// once more for their first row.
	n := strings.Count(places, "\n") + 1
	b.g.entries = slices.Grow(b.g.entries, n+bytes.Count(supplementTSV, []byte("\n"))+1024)
	b.g.byID.sorted = slices.Grow(b.g.byID.sorted, n)
	if err := b.addPlaceRows(places); err != nil {
		return err
	}
	b.g.byID.sortStatic(b.g.static.base)
	nr := <-names
	if nr.err != nil {
		return nr.err
	}
	return b.g.static.parse(nr.data, int32(len(b.g.entries))-b.g.static.base)
}

func gunzip(b []byte) (string, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return "", err
	}
	var sb strings.Builder
	sb.Grow(len(b) * 4)
	if _, err := io.Copy(&sb, zr); err != nil {
		return "", err
	}
	return sb.String(), nil
}

// parse reads "name\tplace,place" lines, which must be sorted.
func (s *sortedIndex) parse(data string, nplaces int32) error {
	n := strings.Count(data, "\n")
	s.names = make([]string, 0, n)
	s.places = make([]string, 0, n)
	for line := 1; len(data) > 0; line++ {
		nl := strings.IndexByte(data, '\n')
		if nl < 0 {
			nl = len(data)
		}
		row := data[:nl]
		data = data[min(nl+1, len(data)):]
		tab := strings.IndexByte(row, '\t')
		if tab <= 0 {
			return &LineError{File: "names.tsv", Line: line, Err: errors.New("no tab")}
		}
		name := row[:tab]
		if k := len(s.names); k > 0 && s.names[k-1] >= name {
			return &LineError{File: "names.tsv", Line: line, Err: errors.New("names not sorted")}
		}
		s.names = append(s.names, name)
		s.places = append(s.places, row[tab+1:])
	}
	_ = nplaces
	s.indexFirstWords()
	return nil
}

// indexFirstWords fills s.first from the sorted names.
func (s *sortedIndex) indexFirstWords() {
	size := uint32(1)
	for size < uint32(len(s.names)) {
		size <<= 1
	}
	s.first, s.mask = make([]wordRange, size), size-1
	for k := 0; k < len(s.names); {
		w := firstWord(s.names[k])
		j := k + 1
		for j < len(s.names) && firstWord(s.names[j]) == w {
			j++
		}
		i := hashWord(w) & s.mask
		for s.first[i].hi != 0 {
			i = (i + 1) & s.mask
		}
		s.first[i] = wordRange{int32(k), int32(j)}
		k = j
	}
}

// addPlaceRows reads the generated places format (see gen/). It slices one
// string instead of splitting lines: this runs on every start.
func (b *Builder) addPlaceRows(data string) error {
	var f [9]string
	for line := 1; len(data) > 0; line++ {
		nl := strings.IndexByte(data, '\n')
		if nl < 0 {
			nl = len(data)
		}
		row := data[:nl]
		data = data[min(nl+1, len(data)):]
		n := 0
		for n < 8 {
			tab := strings.IndexByte(row, '\t')
			if tab < 0 {
				break
			}
			f[n], row = row[:tab], row[tab+1:]
			n++
		}
		f[n] = row
		if n < 8 {
			return &LineError{File: "places.tsv", Line: line, Err: fmt.Errorf("want 9 columns, got %d", n+1)}
		}
		id, _ := strconv.ParseInt(f[0], 10, 64)
		lat, err1 := strconv.ParseFloat(f[2], 64)
		lon, err2 := strconv.ParseFloat(f[3], 64)
		if err1 != nil || err2 != nil {
			return &LineError{File: "places.tsv", Line: line, Err: fmt.Errorf("bad coordinates %q %q", f[2], f[3])}
		}
		pop, _ := strconv.ParseInt(f[7], 10, 64)
		b.g.entries = append(b.g.entries, Entry{ID: id, Name: f[1], Lat: lat, Lon: lon, Feature: f[4], Country: f[5], Admin1: f[6], Population: pop})
	}
	return nil
}

// AddSupplement reads a supplement file (format in data/supplement.tsv):
//
//	name  variants(|)  lat  lon  class.code  ISO2  geonameid
//
// A line with coordinates adds a place (or, with a known GeoNames id, adds
// its variants to that place). A line without coordinates adds its variants
// to the existing places called name (in country ISO2, when given).
func (b *Builder) AddSupplement(r io.Reader) error {
	return eachLine(r, "supplement", func(f []string) error {
		for len(f) < 7 {
			f = append(f, "")
		}
		name := strings.TrimSpace(f[0])
		if name == "" {
			return fmt.Errorf("empty name")
		}
		var variants []string
		for _, v := range strings.Split(f[1], "|") {
			if v = strings.TrimSpace(v); v != "" {
				variants = append(variants, v)
			}
		}
		id, _ := strconv.ParseInt(strings.TrimSpace(f[6]), 10, 64)
		if strings.TrimSpace(f[2]) == "" {
			var targets []int32
			if i, ok := b.g.byID.get(id); ok {
				targets = append(targets, i)
			} else {
				targets = b.Find(name, strings.TrimSpace(f[5]))
			}
			if id != 0 {
				// a GeoNames id for a Natural Earth division, which keeps
				// its area centroid
				for _, i := range targets {
					if e := &b.g.entries[i]; e.IsAdmin1() && e.ID == 0 && strings.EqualFold(e.Name, name) {
						e.ID = id
						b.g.byID.set(id, i)
					}
				}
			}
			if len(targets) == 0 {
				return fmt.Errorf("no place %q to add variants to", name)
			}
			// Prefer divisions and countries: "Georgia" with Ga. is the state,
			// not a town of that name.
			var top []int32
			for _, i := range targets {
				if e := &b.g.entries[i]; e.IsAdmin1() || e.IsCountry() {
					top = append(top, i)
				}
			}
			if len(top) > 0 {
				targets = top
			}
			for _, i := range targets {
				for _, v := range variants {
					b.AddName(i, v)
				}
			}
			return nil
		}
		lat, err1 := strconv.ParseFloat(strings.TrimSpace(f[2]), 64)
		lon, err2 := strconv.ParseFloat(strings.TrimSpace(f[3]), 64)
		if err1 != nil || err2 != nil || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
			return fmt.Errorf("bad coordinates %q %q", f[2], f[3])
		}
		feature := strings.TrimSpace(f[4])
		if feature == "" {
			feature = "P.PPL"
		}
		if feature == FeatureAdmin1 {
			// GeoNames' point and id for a Natural Earth division, whose
			// centroid can lie far from where GeoNames puts it.
			for _, i := range b.Find(name, strings.TrimSpace(f[5])) {
				if e := &b.g.entries[i]; e.IsAdmin1() && e.ID == 0 && strings.EqualFold(e.Name, name) {
					e.Lat, e.Lon = lat, lon
					if id != 0 {
						e.ID = id
						b.g.byID.set(id, i)
					}
					for _, v := range variants {
						b.AddName(i, v)
					}
					return nil
				}
			}
		}
		b.Add(Entry{ID: id, Name: name, Lat: lat, Lon: lon, Feature: feature, Country: strings.TrimSpace(f[5]), Names: variants})
		return nil
	})
}

func eachLine(r io.Reader, file string, fn func([]string) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 4<<20)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		if err := fn(strings.Split(line, "\t")); err != nil {
			return &LineError{File: file, Line: n, Err: err}
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read %s: %w", file, err)
	}
	return nil
}
