package ui

import (
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/article"
	"github.com/newsdesk/newsdesk/library"
)

func TestParseDate_Lenient(t *testing.T) {
	ref := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		in   string
		want time.Time
	}{
		{"Feb 1", day(2026, 2, 1)},
		{"February 1", day(2026, 2, 1)},
		{"Mar 11", day(2026, 3, 11)},  // a day ahead of the file: same year
		{"Dec 24", day(2025, 12, 24)}, // would be in the future: the year before
		{"Sept 3", day(2025, 9, 3)},
		{"2026-01-05", day(2026, 1, 5)},
		{"Jan 5, 2024", day(2024, 1, 5)},
		{"5 January 2024", day(2024, 1, 5)},
		{" Jan. 5, 2024. ", day(2024, 1, 5)},
		{"", time.Time{}},
		{"yesterday", time.Time{}},
		{"Feb 30", time.Time{}},
	}
	for _, tt := range tests {
		if got := parseDate(tt.in, ref); !got.Equal(tt.want) {
			t.Errorf("parseDate(%q) = %v; want %v", tt.in, got, tt.want)
		}
	}
	rfc := parseDate("2026-01-05T10:00:00Z", ref)
	if rfc.Year() != 2026 || rfc.Hour() != 10 {
		t.Errorf("RFC 3339 date read as %v", rfc)
	}
}

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

func TestItem_KeyHasNamesAndTags(t *testing.T) {
	a := richArticle()
	it := newItem(&a, 0, time.Now())
	for _, want := range []string{"Lunar", "BEIJING", "Xinhua", "science", "Grace Hopper", "王小明"} {
		if q := library.NewQuery(want); !q.Score(&it.key).IsWord() {
			t.Errorf("the filter key lacks %q", want)
		}
	}
}
