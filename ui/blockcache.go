package ui

import (
	"encoding/json"
	"hash/maphash"
	"strconv"
	"time"

	"github.com/convo-cli/convo/render"
)

// looks is everything but the item that a block depends on: the width, the
// theme and colour profile, how times are written (and, for relative ones,
// the minute they are written at), and the translation shown.
type looks struct {
	width      int
	dark       bool
	depth      depth
	relative   bool // times as "3h ago"
	translated bool // bodies in translation (T)
	lang       string
	clock      int64 // the year of now for dates, the minute of now for "3h ago"
}

// clockOf is looks.clock for now.
func clockOf(now time.Time, relative bool) int64 {
	if relative {
		return now.Unix() / 60
	}
	return int64(now.Year())
}

// blockCache keeps rendered blocks by what each depends on: its item's
// content (a hash of every field, names included) and the looks. So a
// round of names renders again only the items whose text changed, a reload
// that changed nothing renders nothing, and appended parts render alone.
// It keeps the blocks of cacheSize looks: toggling the panel or the theme
// back is instant.
type blockCache struct {
	seed maphash.Seed
	sets map[looks]map[uint64]string
}

func newBlockCache() blockCache {
	return blockCache{seed: maphash.MakeSeed(), sets: map[looks]map[uint64]string{}}
}

// hash is the item's content hash: the same hash, the same block for the
// same looks.
func (c blockCache) hash(it render.Item) uint64 {
	var h maphash.Hash
	h.SetSeed(c.seed)
	// The times go in as numbers: JSON refuses a year past 9999, which a
	// corrupt created_at gives.
	for _, t := range []time.Time{it.Time, it.Prev, it.Until} {
		h.WriteString(strconv.FormatInt(t.Unix(), 10) + "." + strconv.Itoa(t.Nanosecond()) + " ")
	}
	it.Time, it.Prev, it.Until = time.Time{}, time.Time{}, time.Time{}
	enc := json.NewEncoder(&h)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(it) // the rest is strings, numbers and bools: it cannot fail
	return h.Sum64()
}

// hashes is each item's hash.
func (c blockCache) hashes(items []render.Item) []uint64 {
	out := make([]uint64, len(items))
	for i, it := range items {
		out[i] = c.hash(it)
	}
	return out
}

// missing is how many of the hashes have no block for lk.
func (c blockCache) missing(lk looks, hashes []uint64) int {
	set, n := c.sets[lk], 0
	for _, h := range hashes {
		if _, ok := set[h]; !ok {
			n++
		}
	}
	return n
}

// fill is a block per hash for lk, "" where none is cached; nil when none
// is, so that rendering everything anew allocates nothing in Update.
func (c blockCache) fill(lk looks, hashes []uint64) []string {
	if c.missing(lk, hashes) == len(hashes) {
		return nil
	}
	blocks := make([]string, len(hashes))
	set := c.sets[lk]
	for i, h := range hashes {
		blocks[i] = set[h]
	}
	return blocks
}

// store keeps the blocks rendered for lk ("" is none), dropping the
// blocks of looks other than keep when full. Once blocks is complete, the
// blocks of items no longer shown are dropped.
func (c blockCache) store(lk, keep looks, hashes []uint64, blocks []string) {
	set, ok := c.sets[lk]
	if !ok {
		if len(c.sets) >= cacheSize {
			for k := range c.sets {
				if k != keep {
					delete(c.sets, k)
					break
				}
			}
		}
		set = make(map[uint64]string, len(blocks))
		c.sets[lk] = set
	}
	complete := true
	for i, b := range blocks {
		if b == "" {
			complete = false
			continue
		}
		set[hashes[i]] = b
	}
	if complete && len(set) > 2*len(hashes)+64 {
		kept := make(map[uint64]string, len(hashes))
		for _, h := range hashes {
			kept[h] = set[h]
		}
		c.sets[lk] = kept
	}
}
