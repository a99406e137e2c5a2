package event

// trie is a phrase dictionary over word ids. The words of a sentence are
// looked up by string once (vocab), and every phrase start then walks
// the trie by id: phrase.Dict looks a word up by string again for every
// start that reaches it, and that hashing was a quarter of the stage's
// time.
type trie struct {
	root   []int32          // root[id] is the root's child for word id; 0 none
	edges  map[uint64]int32 // node<<32 | id -> child, below the root
	values [][]int32        // by node: the values added for the phrase ending there
}

// vocab gives words their ids, from 1; 0 is a word no phrase has.
type vocab map[string]int32

func newTrie() *trie {
	return &trie{edges: make(map[uint64]int32), values: [][]int32{nil}}
}

// add inserts the phrase keys with value v; the same phrase and value
// twice is a no-op.
func (t *trie) add(vc vocab, keys []string, v int32) {
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
		child := t.child(node, id)
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

// child returns the child of node for word id, or 0.
func (t *trie) child(node, id int32) int32 {
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
