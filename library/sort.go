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

// mergeOrder returns the order of arts by by, given old, the order of
// arts[:len(old)], and that arts[len(old):] are new: the new ones are
// sorted and each is placed by binary search among the old ones, so a
// snapshot that adds k articles to n costs O(k log n) comparisons and one
// copy of the n indexes, instead of sorting everything again. old is not
// changed.
func mergeOrder(by Sort, old []int32, arts []*Summary) []int32 {
	add := make([]int32, 0, len(arts)-len(old))
	for i := len(old); i < len(arts); i++ {
		add = append(add, int32(i))
	}
	less := func(x, y int32) int { return article.Compare(by, arts[x].key(), arts[y].key()) }
	slices.SortFunc(add, less)
	out := make([]int32, 0, len(arts))
	rest := old
	for _, a := range add {
		// The old ones that come before a (no two articles compare
		// equal: the load order breaks every tie).
		n, _ := slices.BinarySearchFunc(rest, a, less)
		out = append(out, rest[:n]...)
		out = append(out, a)
		rest = rest[n:]
	}
	return append(out, rest...)
}
