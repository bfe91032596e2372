package library

import (
	"cmp"
	"encoding/binary"
	"math"
	"slices"
	"unicode"
	"unicode/utf8"

	"github.com/newsdesk/newsdesk/article"
)

// Sort is an order of the articles: article's sort orders, whose one rule
// (article.Compare) is what `newsdesk list --sort` uses too.
type Sort = article.SortOrder

// The orders a Snapshot keeps, each computed once and shared by every
// reader. Equal keys keep load order.
const (
	ByDate      = article.SortDate
	ByHeadline  = article.SortHeadline
	ByReactions = article.SortReactions
	ByPath      = article.SortPath
	sorts       = ByPath + 1
)

// Sorts is every order a Snapshot keeps.
var Sorts = []Sort{ByDate, ByHeadline, ByReactions, ByPath}

// key is what the orders compare of s.
func (s *Summary) key() article.SortKey {
	return article.SortKey{Seq: s.seq, Time: s.When, Headline: s.Headline, Reactions: s.Reactions, Path: s.Path}
}

// orderKey is what the date, reactions and headline orders compare of an
// article, kept apart from its Summary (see orderKeys) while a load
// merges: a first load's merging compares millions of pairs, and loading
// two summaries from all over the heap for each was 15 % of its CPU
// (Summary.key in the profile of BenchmarkStart_Cold). The load order
// that breaks ties is the article index itself (a snapshot's articles are
// in load order), and a headline is compared by its first bytes, the
// whole of it (without loading its summary) only where those are equal.
type orderKey struct {
	// sec and nsec are When (Unix seconds, and nanoseconds in the
	// second); nsec is -1 for an undated article.
	sec  int64
	nsec int32
	// reactions is the number of reactions.
	reactions int32
	// head is the first 8 bytes of the headline lower-cased as
	// article.Compare compares it, big-endian, 0 past its end; headline
	// is the whole of it, for headlines whose first 8 bytes are equal
	// (neighbours in the order often are).
	head     uint64
	headline string
}

// orderKeyOf is s's orderKey.
func orderKeyOf(s *Summary) orderKey {
	k := orderKey{nsec: -1, reactions: int32(min(s.Reactions, math.MaxInt32)), head: foldPrefix(s.Headline), headline: s.Headline}
	if !s.When.IsZero() {
		k.sec, k.nsec = s.When.Unix(), int32(s.When.Nanosecond())
	}
	return k
}

// foldPrefix is the first 8 bytes of h with every rune lower-cased as
// article.Compare's headline order does (the UTF-8 of the lower-cased
// runes: comparing UTF-8 bytes compares the runes they encode), as a
// big-endian number padded with zeros. Where two prefixes differ they
// order their headlines as article.Compare does: a byte of a rune cut by
// the 8th compares as the whole rune would, and a headline that ends
// (a 0 byte) is a prefix of the other, which comes first.
func foldPrefix(h string) uint64 {
	var buf [8 + utf8.UTFMax]byte
	n := 0
	for _, r := range h {
		if n >= 8 {
			break
		}
		n += utf8.EncodeRune(buf[n:], unicode.ToLower(r))
	}
	return binary.BigEndian.Uint64(buf[:8])
}

// orderKeys are the orderKeys of the current snapshot's articles by
// index, in chunks of keyChunk: appended to as a load's snapshots grow,
// never copied (grown by append, 100,000 keys left 2.6 MB of garbage and
// raised a first start's peak by as much). The library keeps them while
// a load runs; apply, under editMu, is their only reader.
type orderKeys [][]orderKey

const (
	keyShift = 12
	keyChunk = 1 << keyShift
)

// len is the number of keys.
func (k orderKeys) len() int {
	if len(k) == 0 {
		return 0
	}
	return (len(k)-1)*keyChunk + len(k[len(k)-1])
}

// at is the key of the article at index i.
func (k orderKeys) at(i int32) *orderKey { return &k[i>>keyShift][i&(keyChunk-1)] }

// makeKeys appends the keys of arts to k.
func makeKeys(k orderKeys, arts []*Summary) orderKeys {
	for _, a := range arts {
		if len(k) == 0 || len(k[len(k)-1]) == keyChunk {
			k = append(k, make([]orderKey, 0, keyChunk))
		}
		k[len(k)-1] = append(k[len(k)-1], orderKeyOf(a))
	}
	return k
}

// compareTime is article.Compare's date rule: newer first, undated last.
func (k *orderKey) compareTime(o *orderKey) int {
	switch kz, oz := k.nsec < 0, o.nsec < 0; {
	case kz && oz:
		return 0
	case kz:
		return 1
	case oz:
		return -1
	}
	if c := cmp.Compare(o.sec, k.sec); c != 0 {
		return c
	}
	return cmp.Compare(o.nsec, k.nsec)
}

// compareAt is article.Compare of the articles at x and y of arts, by
// their keys where there are (keys may be nil).
func compareAt(by Sort, x, y int32, arts []*Summary, keys orderKeys) int {
	if keys == nil {
		return article.Compare(by, arts[x].key(), arts[y].key())
	}
	var c int
	switch kx, ky := keys.at(x), keys.at(y); by {
	case ByDate:
		c = kx.compareTime(ky)
	case ByReactions:
		if c = cmp.Compare(ky.reactions, kx.reactions); c == 0 {
			c = kx.compareTime(ky)
		}
	case ByHeadline:
		if c = cmp.Compare(kx.head, ky.head); c == 0 {
			c = article.CompareHeadlines(kx.headline, ky.headline)
		}
	default:
		return article.Compare(by, arts[x].key(), arts[y].key())
	}
	if c != 0 {
		return c
	}
	return cmp.Compare(x, y)
}

// mergeOrder returns the order of arts by by, given kept, the order of
// the articles that were there before (indexes into arts), and add, the
// indexes of the new ones: these are sorted and each is placed by a
// galloping search among the kept ones, so a snapshot that adds k
// articles to n costs O(k log(n/k)) comparisons and one copy of the n
// indexes, instead of sorting everything again. keys are the articles'
// orderKeys, or nil. kept and add are not changed.
func mergeOrder(by Sort, kept, add []int32, arts []*Summary, keys orderKeys) []int32 {
	less := func(x, y int32) int { return compareAt(by, x, y, arts, keys) }
	add = slices.Clone(add)
	slices.SortFunc(add, less)
	out := make([]int32, 0, len(kept)+len(add))
	rest := kept
	for _, a := range add {
		// The kept ones that come before a (no two articles compare
		// equal: the load order breaks every tie), found by galloping
		// from where the one before it went: the new ones are spread
		// among the kept, a few dozen apart in a load's snapshot, so
		// 2·log of that gap compares instead of log of all the kept
		// (a comparison loads two summaries from memory, most of a cold
		// load's merging).
		bound := 1
		for bound <= len(rest) && less(rest[bound-1], a) < 0 {
			bound *= 2
		}
		lo := bound / 2
		n, _ := slices.BinarySearchFunc(rest[lo:min(bound-1, len(rest))], a, less)
		n += lo
		out = append(out, rest[:n]...)
		out = append(out, a)
		rest = rest[n:]
	}
	return append(out, rest...)
}
