package article

import (
	"cmp"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestCompare_Orders(t *testing.T) {
	now := time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)
	arts := []Article{
		{ID: "a", Path: "lib/b.txt", Headline: "bravo", Date: "Feb 1", Reactions: make([]Reaction, 1)},
		{ID: "b", Path: "lib/a.txt", Headline: "Alpha", Date: "someday"},
		{ID: "c", Path: "lib/C.txt", Headline: "charlie", Date: "2026-03-01", Reactions: make([]Reaction, 3)},
		{ID: "d", Path: "lib/a.txt", Headline: "delta"},
		{ID: "e", Path: "b.txt", Headline: "echo", Date: "2025-12-31", Reactions: make([]Reaction, 3)},
	}
	keys := make([]SortKey, len(arts))
	for i := range arts {
		keys[i] = arts[i].SortKey(i, now)
	}
	tests := []struct {
		order SortOrder
		want  string
	}{
		{SortDate, "caebd"},      // newest first, undated after in load order
		{SortHeadline, "bacde"},  // case-insensitive
		{SortReactions, "ceabd"}, // most first, then by date
		{SortPath, "ecbda"},      // byte order, ties in load order
	}
	for _, tt := range tests {
		order := slices.Clone(keys)
		slices.SortFunc(order, func(a, b SortKey) int { return Compare(tt.order, a, b) })
		got := ""
		for _, k := range order {
			got += string(arts[k.Seq].ID)
		}
		if got != tt.want {
			t.Errorf("sort by %v = %s; want %s", tt.order, got, tt.want)
		}
	}
}

func TestParseSortOrder_NamesRoundTrip(t *testing.T) {
	for _, name := range SortOrderNames() {
		o, err := ParseSortOrder(strings.ToUpper(name))
		if err != nil || o.String() != name {
			t.Errorf("ParseSortOrder(%q) = %v, %v", strings.ToUpper(name), o, err)
		}
	}
	_, err := ParseSortOrder("newest")
	if want := `unknown sort order "newest": want date, headline, reactions or path`; err == nil || err.Error() != want {
		t.Errorf("ParseSortOrder(newest) error %v, want %q", err, want)
	}
}

// TestCompareFold_AsToLower checks the allocation-free headline comparison
// against the rule it replaces, over every pair of awkward strings.
func TestCompareFold_AsToLower(t *testing.T) {
	words := []string{"", "a", "A", "ab", "Ab", "aB", "b", "Éclair", "éclair", "eclair", "Zebra", "zebra ",
		"_x", "[x", "Zx", "zx", "A_", "a[", "İstanbul", "istanbul", "ΣΟΦΙΑ", "σοφια", "台湾", "台", "\xff", "\xffa", "\ufffd", "K", "\u212a"}
	words = append(words, "—", "\x94x", "\x80", "–y", "Storm Hits the Coast", "storm hits the coast!")
	// Behind a shared start (which compareFold skips as bytes): long, a
	// rune cut in two, a rune whole.
	for _, p := range []string{"", "Investors Lift Ceasefire Talks ", "\xe2\x80", "É", "\xe2"} {
		for _, a := range words {
			for _, b := range words {
				a, b := p+a, p+b
				want := cmp.Compare(strings.ToLower(a), strings.ToLower(b))
				if got := compareFold(a, b); got != want {
					t.Errorf("compareFold(%q, %q) = %d, want %d", a, b, got, want)
				}
			}
		}
	}
}

// FuzzCompareFold checks the headline comparison against the rule it
// replaces on any two strings, valid UTF-8 or not.
func FuzzCompareFold(f *testing.F) {
	f.Add("Investors Lift Ceasefire Talks", "investors lift ceasefire talks")
	f.Add("\xe2\x80X", "\xe2\x80\x94")
	f.Add("abc\u212a", "abck!")
	f.Fuzz(func(t *testing.T, a, b string) {
		want := cmp.Compare(strings.ToLower(a), strings.ToLower(b))
		if got := compareFold(a, b); got != want {
			t.Fatalf("compareFold(%q, %q) = %d, want %d", a, b, got, want)
		}
		if got := compareFold(a+b, a+a); got != cmp.Compare(strings.ToLower(a+b), strings.ToLower(a+a)) {
			t.Fatalf("compareFold(%q, %q) = %d behind a shared start", a+b, a+a, got)
		}
	})
}

// BenchmarkSort_100k sorts 100,000 keys in each order, as list --sort and
// the reader's `s` do.
func BenchmarkSort_100k(b *testing.B) {
	now := time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)
	words := strings.Fields("Storm Markets Talks Election Chip Port Tax Wheat Kyiv Taipei Miller Summit Rates Ban Export")
	keys := make([]SortKey, 100_000)
	for i := range keys {
		keys[i] = SortKey{Seq: i, Time: now.AddDate(0, 0, -(i*7919)%3650), Reactions: i % 9,
			Headline: words[i%len(words)] + " " + words[(i/15)%len(words)] + " " + words[(i/225)%len(words)],
			Path:     "lib/" + words[(i*31)%len(words)]}
	}
	for _, o := range []SortOrder{SortDate, SortHeadline, SortReactions, SortPath} {
		b.Run(o.String(), func(b *testing.B) {
			work := make([]SortKey, len(keys))
			for b.Loop() {
				copy(work, keys)
				slices.SortFunc(work, func(x, y SortKey) int { return Compare(o, x, y) })
			}
		})
	}
}
