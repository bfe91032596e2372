package library

import (
	"cmp"
	"slices"
	"strings"
)

// Sort is an order of the articles.
type Sort int

// The orders a Snapshot keeps, each computed once and shared by every
// reader. Equal keys keep load order.
const (
	// ByDate is newest first; undated articles come after dated ones.
	ByDate Sort = iota
	// ByHeadline is alphabetical, ignoring case.
	ByHeadline
	// ByReactions puts the most-discussed first, ties newest first.
	ByReactions
	// ByPath is the file path as named, then file order.
	ByPath
	sorts
)

// Sorts is every order a Snapshot keeps.
var Sorts = []Sort{ByDate, ByHeadline, ByReactions, ByPath}

// String is the order's name, as the status line and `list --sort` write it.
func (s Sort) String() string {
	switch s {
	case ByHeadline:
		return "headline"
	case ByReactions:
		return "reactions"
	case ByPath:
		return "path"
	}
	return "date"
}

// ParseSort reads an order's name (as String writes it, any case).
func ParseSort(name string) (Sort, bool) {
	for _, s := range Sorts {
		if strings.EqualFold(name, s.String()) {
			return s, true
		}
	}
	return ByDate, false
}

// compare orders two summaries by s; ties keep load order.
func (s Sort) compare(a, b *Summary) int {
	var c int
	switch s {
	case ByHeadline:
		c = strings.Compare(a.lowerHeadline, b.lowerHeadline)
	case ByReactions:
		c = cmp.Compare(b.Reactions, a.Reactions)
		if c == 0 {
			return ByDate.compare(a, b)
		}
	case ByPath:
		c = strings.Compare(a.Path, b.Path)
	default:
		az, bz := a.When.IsZero(), b.When.IsZero()
		switch {
		case az && bz:
		case az:
			return 1
		case bz:
			return -1
		default:
			c = b.When.Compare(a.When)
		}
	}
	if c != 0 {
		return c
	}
	return cmp.Compare(a.seq, b.seq)
}

// mergeOrder returns the order of arts by s, given old, the order of
// arts[:len(old)], and that arts[len(old):] are new: the new ones are
// sorted and each is placed by binary search among the old ones, so a
// snapshot that adds k articles to n costs O(k log n) comparisons and one
// copy of the n indexes, instead of sorting everything again. old is not
// changed.
func (s Sort) mergeOrder(old []int32, arts []*Summary) []int32 {
	add := make([]int32, 0, len(arts)-len(old))
	for i := len(old); i < len(arts); i++ {
		add = append(add, int32(i))
	}
	less := func(x, y int32) int { return s.compare(arts[x], arts[y]) }
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
