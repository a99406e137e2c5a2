// Package phrase matches a large dictionary of multi-word phrases against a
// token sequence in one pass.
//
// Phrases are sequences of keys (normalised tokens, however the caller folds
// them). The dictionary is a token-level trie stored as one hash map of edges
// keyed by (node, token id), which keeps a gazetteer of a million names in a
// few tens of megabytes and makes matching cost linear in the text: at each
// position the trie is walked as far as the text allows, and no phrase is
// ever compared on its own.
package phrase

// Dict is a phrase dictionary. The zero value is not usable; call New.
// A Dict is safe for concurrent Match calls once building is finished.
type Dict struct {
	tokens   map[string]uint32 // key -> token id (1-based)
	edges    map[uint64]uint32 // node<<32 | token -> child node
	values   map[uint32][]int32
	nodes    uint32
	maxDepth int
}

// New returns an empty dictionary.
func New() *Dict {
	return &Dict{
		tokens: make(map[string]uint32),
		edges:  make(map[uint64]uint32),
		values: make(map[uint32][]int32),
		nodes:  1, // node 0 is the root
	}
}

// Add inserts the phrase keys with a caller-defined value (an index into the
// caller's own table). Adding the same phrase and value twice is a no-op.
func (d *Dict) Add(keys []string, value int32) {
	if len(keys) == 0 {
		return
	}
	node := uint32(0)
	for _, k := range keys {
		id, ok := d.tokens[k]
		if !ok {
			id = uint32(len(d.tokens) + 1)
			d.tokens[k] = id
		}
		e := uint64(node)<<32 | uint64(id)
		child, ok := d.edges[e]
		if !ok {
			child = d.nodes
			d.nodes++
			d.edges[e] = child
		}
		node = child
	}
	for _, v := range d.values[node] {
		if v == value {
			return
		}
	}
	d.values[node] = append(d.values[node], value)
	if len(keys) > d.maxDepth {
		d.maxDepth = len(keys)
	}
}

// Len is the number of trie nodes, a measure of the dictionary's size.
func (d *Dict) Len() int { return int(d.nodes) }

// MaxLen is the number of keys in the longest phrase.
func (d *Dict) MaxLen() int { return d.maxDepth }

// Match is a phrase found in a key sequence: keys[Start:End] with the
// values added for that phrase.
type Match struct {
	Start, End int
	Values     []int32
}

// LongestAt returns the longest phrase starting at keys[i], if any.
func (d *Dict) LongestAt(keys []string, i int) (Match, bool) {
	node := uint32(0)
	var best Match
	found := false
	for j := i; j < len(keys); j++ {
		id, ok := d.tokens[keys[j]]
		if !ok {
			break
		}
		child, ok := d.edges[uint64(node)<<32|uint64(id)]
		if !ok {
			break
		}
		node = child
		if v := d.values[node]; len(v) > 0 {
			best = Match{Start: i, End: j + 1, Values: v}
			found = true
		}
	}
	return best, found
}

// AllAt calls fn for every phrase starting at keys[i], shortest first.
func (d *Dict) AllAt(keys []string, i int, fn func(Match)) {
	node := uint32(0)
	for j := i; j < len(keys); j++ {
		id, ok := d.tokens[keys[j]]
		if !ok {
			return
		}
		child, ok := d.edges[uint64(node)<<32|uint64(id)]
		if !ok {
			return
		}
		node = child
		if v := d.values[node]; len(v) > 0 {
			fn(Match{Start: i, End: j + 1, Values: v})
		}
	}
}

// Scan finds non-overlapping phrases left to right, preferring the longest
// at each position (leftmost-longest), and calls fn for each.
func (d *Dict) Scan(keys []string, fn func(Match)) {
	for i := 0; i < len(keys); {
		if m, ok := d.LongestAt(keys, i); ok {
			fn(m)
			i = m.End
			continue
		}
		i++
	}
}
