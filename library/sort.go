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
// indexes of the new ones: these are sorted and each is placed by binary
// search among the kept ones, so a snapshot that adds k articles to n
// costs O(k log n) comparisons and one copy of the n indexes, instead of
// sorting everything again. kept and add are not changed.
func mergeOrder(by Sort, kept, add []int32, arts []*Summary) []int32 {
	less := func(x, y int32) int { return article.Compare(by, arts[x].key(), arts[y].key()) }
	add = slices.Clone(add)
	slices.SortFunc(add, less)
	out := make([]int32, 0, len(kept)+len(add))
	rest := kept
	for _, a := range add {
		// The kept ones that come before a (no two articles compare
		// equal: the load order breaks every tie).
		n, _ := slices.BinarySearchFunc(rest, a, less)
		out = append(out, rest[:n]...)
		out = append(out, a)
		rest = rest[n:]
	}
	return append(out, rest...)
}
