package phrase

// Vocab gives words ids, from 1; 0 is a word no phrase has. A stage looks
// each word of a sentence up once, then walks an IDTrie by id from every
// phrase start, instead of hashing the same word again for every start
// that reaches it. Several tries may share one Vocab, so one look-up per
// word serves them all.
type Vocab map[string]int32

// IDTrie is a phrase dictionary over word ids (see Vocab). Nodes are
// int32s; 0 is the root and also means "no child". Once built it is safe
// for concurrent readers.
type IDTrie struct {
	root   []int32          // root[id] is the root's child for word id; 0 none
	edges  map[uint64]int32 // node<<32 | id -> child, below the root
	values [][]int32        // by node: the values added for the phrase ending there
}

// NewIDTrie returns an empty trie.
func NewIDTrie() *IDTrie {
	return &IDTrie{edges: make(map[uint64]int32), values: [][]int32{nil}}
}

// Add inserts the phrase keys with value v, giving new words ids in vc;
// the same phrase and value twice is a no-op.
func (t *IDTrie) Add(vc Vocab, keys []string, v int32) {
	if len(keys) == 0 {
		return
	}
	node := int32(0)
	for _, k := range keys {
		id, ok := vc[k]
		if !ok {
			id = int32(len(vc) + 1)
			vc[k] = id
		}
		child := t.Child(node, id)
		if child == 0 {
			child = int32(len(t.values))
			t.values = append(t.values, nil)
			if node == 0 {
				for int(id) >= len(t.root) {
					t.root = append(t.root, 0)
				}
				t.root[id] = child
			} else {
				t.edges[uint64(node)<<32|uint64(id)] = child
			}
		}
		node = child
	}
	for _, x := range t.values[node] {
		if x == v {
			return
		}
	}
	t.values[node] = append(t.values[node], v)
}

// Child returns the child of node for word id, or 0.
func (t *IDTrie) Child(node, id int32) int32 {
	if id == 0 {
		return 0
	}
	if node == 0 {
		if int(id) < len(t.root) {
			return t.root[id]
		}
		return 0
	}
	return t.edges[uint64(node)<<32|uint64(id)]
}

// Values returns the values of the phrase ending at node, if any.
func (t *IDTrie) Values(node int32) []int32 { return t.values[node] }

// LongestAt returns the end and values of the longest phrase starting at
// ids[i], or ok false.
func (t *IDTrie) LongestAt(ids []int32, i int) (end int, vals []int32, ok bool) {
	node := int32(0)
	for j := i; j < len(ids); j++ {
		if node = t.Child(node, ids[j]); node == 0 {
			break
		}
		if v := t.values[node]; len(v) > 0 {
			end, vals, ok = j+1, v, true
		}
	}
	return end, vals, ok
}
