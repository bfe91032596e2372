package ui

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/article"
)

// item is one article in the list. The list holds *item, so that putting
// 100,000 of them in a []list.Item allocates nothing per article.
type item struct {
	a *article.Article
	// seq is the article's position in load order.
	seq int
	// date is the parsed Date; zero when it could not be parsed.
	date time.Time
	// filter is what `/` matches against, built once; lower is it in
	// lower case.
	filter, lower string
}

// FilterValue implements list.Item: headline, place, source, tags and the
// commentators' names.
func (it item) FilterValue() string { return it.filter }

func newItem(a *article.Article, seq int, now time.Time) *item {
	parts := []string{a.Headline, a.Place, a.Source}
	parts = append(parts, a.Tags...)
	for _, r := range a.Reactions {
		parts = append(parts, r.Name)
	}
	f := strings.Join(parts, " ")
	return &item{a: a, seq: seq, date: a.Time(now), filter: f, lower: strings.ToLower(f)}
}

// sortMode is the order of the list; `s` cycles through the first
// sortModes of article's orders (the path order is for `list --sort`).
type sortMode = article.SortOrder

const (
	sortDate      = article.SortDate
	sortHeadline  = article.SortHeadline
	sortReactions = article.SortReactions
	sortModes     = sortReactions + 1
)

// sortItems orders items in place by mode, by article's rule.
func sortItems(items []*item, mode sortMode) {
	slices.SortFunc(items, func(a, b *item) int { return article.Compare(mode, a.sortKey(), b.sortKey()) })
}

// sortKey is what the sort orders compare; built per comparison, it costs
// no allocation and keeps item small.
func (it *item) sortKey() article.SortKey {
	return article.SortKey{Seq: it.seq, Time: it.date, Headline: it.a.Headline, Reactions: len(it.a.Reactions), Path: it.a.Path}
}

// metaLine is "PLACE · DATE · SOURCE · N reactions" with absent parts left
// out.
func metaLine(a *article.Article) string {
	var parts []string
	for _, s := range []string{a.Place, a.Date, a.Source} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	switch n := len(a.Reactions); n {
	case 0:
	case 1:
		parts = append(parts, "1 reaction")
	default:
		parts = append(parts, strconv.Itoa(n)+" reactions")
	}
	return strings.Join(parts, " · ")
}

// dateline is "PLACE · DATE · SOURCE" with absent parts left out.
func dateline(a *article.Article) string { return a.Dateline() }
