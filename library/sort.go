package library

import (
	"slices"

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

// mergeOrder returns the order of arts by by, given kept, the order of
// the articles that were there before (indexes into arts), and add, the
// indexes of the new ones: these are sorted and each is placed by a
// galloping search among the kept ones, so a snapshot that adds k
// articles to n costs O(k log(n/k)) comparisons and one copy of the n
// indexes, instead of sorting everything again. kept and add are not
// changed.
func mergeOrder(by Sort, kept, add []int32, arts []*Summary) []int32 {
	less := func(x, y int32) int { return article.Compare(by, arts[x].key(), arts[y].key()) }
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
