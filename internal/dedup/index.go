package dedup

import "sync"

// Index holds fingerprints and finds a near duplicate of a new one
// without comparing it against every stored one. The zero value is an
// empty index with DefaultThreshold. An Index is safe for concurrent use.
//
// The saving depends on the band width: a lookup scans the entries that
// share one of the k+1 band values, about (k+1)/2^(64/(k+1)) of them for
// random fingerprints. At DefaultThreshold (13 bands of 4–5 bits) that is
// still a third of the index, scanned in order in memory; at threshold 7
// (8 bands of 8 bits) it is 3%.
type Index struct {
	mu        sync.RWMutex
	threshold int
	bands     []band
	keys      map[uint64]*bucket // band number<<32 | band value -> entries
	ids       []string
}

// bucket lists the entries sharing one band value, with their
// fingerprints stored inline so a lookup scans memory in order.
type bucket struct {
	fps  []uint64
	ents []int32
}

// band is a run of bits of a fingerprint.
type band struct {
	shift uint
	mask  uint64
}

// NewIndex returns an empty index that finds fingerprints at most
// threshold bits apart. A threshold below 0 or above 31 is clamped.
func NewIndex(threshold int) *Index {
	x := &Index{}
	x.init(threshold)
	return x
}

// init splits the 64 bits into threshold+1 bands of near-equal width: two
// fingerprints within threshold bits differ in at most threshold bands, so
// at least one band matches exactly (the pigeonhole principle).
func (x *Index) init(threshold int) {
	threshold = max(0, min(threshold, 31))
	x.threshold = threshold
	n := threshold + 1
	x.bands = make([]band, 0, n)
	shift := uint(0)
	for b := 0; b < n; b++ {
		w := uint(64 / n)
		if b < 64%n {
			w++
		}
		x.bands = append(x.bands, band{shift: shift, mask: 1<<w - 1})
		shift += w
	}
	x.keys = make(map[uint64]*bucket)
}

func (x *Index) key(b int, fp uint64) uint64 {
	return uint64(b)<<32 | fp>>x.bands[b].shift&x.bands[b].mask
}

// Threshold is the largest distance Find reports.
func (x *Index) Threshold() int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	if x.bands == nil {
		return DefaultThreshold
	}
	return x.threshold
}

// Len is the number of fingerprints added.
func (x *Index) Len() int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return len(x.ids)
}

// Add indexes fp under id. A zero fingerprint (a text too short to have
// one) is not indexed.
func (x *Index) Add(id string, fp uint64) {
	if fp == 0 {
		return
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.bands == nil {
		x.init(DefaultThreshold)
	}
	e := int32(len(x.ids))
	x.ids = append(x.ids, id)
	for b := range x.bands {
		k := x.key(b, fp)
		bk := x.keys[k]
		if bk == nil {
			bk = &bucket{}
			x.keys[k] = bk
		}
		bk.fps = append(bk.fps, fp)
		bk.ents = append(bk.ents, e)
	}
}

// Find returns the indexed fingerprint nearest to fp within the threshold
// (the earliest added on a tie) with its id and distance; ok is false when
// there is none or fp is 0.
func (x *Index) Find(fp uint64) (id string, dist int, ok bool) {
	if fp == 0 {
		return "", 0, false
	}
	x.mu.RLock()
	defer x.mu.RUnlock()
	best := int32(-1)
	bestDist := 65
	for b := range x.bands {
		bk := x.keys[x.key(b, fp)]
		if bk == nil {
			continue
		}
		for i, g := range bk.fps {
			d := Distance(fp, g)
			if d > x.threshold {
				continue
			}
			if e := bk.ents[i]; d < bestDist || d == bestDist && e < best {
				best, bestDist = e, d
			}
		}
	}
	if best < 0 {
		return "", 0, false
	}
	return x.ids[best], bestDist, true
}
