package ui

import (
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/article"
)

func TestSortItems_Modes(t *testing.T) {
	now := time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)
	arts := []article.Article{
		{ID: "a", Headline: "bravo", Date: "Feb 1", Reactions: make([]article.Reaction, 1)},
		{ID: "b", Headline: "Alpha", Date: "someday"},
		{ID: "c", Headline: "charlie", Date: "2026-03-01", Reactions: make([]article.Reaction, 3)},
		{ID: "d", Headline: "delta"},
		{ID: "e", Headline: "echo", Date: "2025-12-31", Reactions: make([]article.Reaction, 3)},
	}
	items := make([]*item, len(arts))
	for i := range arts {
		items[i] = newItem(&arts[i], i, now)
	}
	tests := []struct {
		mode sortMode
		want string
	}{
		{sortDate, "caebd"},      // newest first, undated after in load order
		{sortHeadline, "bacde"},  // case-insensitive
		{sortReactions, "ceabd"}, // most first, then by date
	}
	for _, tt := range tests {
		sorted := append([]*item(nil), items...)
		sortItems(sorted, tt.mode)
		got := ""
		for _, it := range sorted {
			got += string(it.a.ID)
		}
		if got != tt.want {
			t.Errorf("sort by %v = %s; want %s", tt.mode, got, tt.want)
		}
	}
}

func TestMetaLine_LeavesOutAbsentParts(t *testing.T) {
	tests := []struct {
		a    article.Article
		want string
	}{
		{article.Article{Place: "MOSCOW", Date: "Feb 1", Source: "Reuters", Reactions: make([]article.Reaction, 4)}, "MOSCOW · Feb 1 · Reuters · 4 reactions"},
		{article.Article{Place: "MOSCOW", Source: "Reuters"}, "MOSCOW · Reuters"},
		{article.Article{Date: "Feb 1", Reactions: make([]article.Reaction, 1)}, "Feb 1 · 1 reaction"},
		{article.Article{}, ""},
	}
	for _, tt := range tests {
		if got := metaLine(&tt.a); got != tt.want {
			t.Errorf("metaLine = %q; want %q", got, tt.want)
		}
	}
}

func TestItem_FilterValueHasNamesAndTags(t *testing.T) {
	a := richArticle()
	it := newItem(&a, 0, time.Now())
	for _, want := range []string{"Lunar", "BEIJING", "Xinhua", "science", "Grace Hopper", "王小明"} {
		if !contains(it.FilterValue(), want) {
			t.Errorf("filter value %q lacks %q", it.FilterValue(), want)
		}
	}
}
