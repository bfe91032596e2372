package ui

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/article"
	"github.com/newsdesk/newsdesk/library"
)

// item is one article in the list. The list holds *item, so that putting
// 100,000 of them in a []list.Item allocates nothing per article.
type item struct {
	a *article.Article
	// seq is the article's position in load order.
	seq int
	// date is the parsed Date; zero when it could not be parsed.
	date time.Time
	// key is what `/` matches against (headline, place, source, tags and
	// the commentators' names), built once.
	key library.Key
}

// FilterValue implements list.Item. The list's own filter is off (the
// reader ranks with library.Rank over key), so it is only the headline.
func (it item) FilterValue() string { return it.a.Headline }

func newItem(a *article.Article, seq int, now time.Time) *item {
	names := make([]string, len(a.Reactions))
	for i, r := range a.Reactions {
		names[i] = r.Name
	}
	ref := now
	if !a.ModTime.IsZero() {
		ref = a.ModTime
	}
	return &item{a: a, seq: seq, date: parseDate(a.Date, ref), key: library.NewKey(a.Headline, a.Place, a.Source, a.Tags, names)}
}

// dateLayouts are the date forms read, tried in order; those without a year
// get one from yearFor.
var dateLayouts = []string{
	time.RFC3339, time.RFC1123Z, time.RFC1123, time.RFC850, time.ANSIC,
	"Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006",
	"2006-01-02 15:04", "2006-01-02", "2006/01/02", "02.01.2006",
	"January 2, 2006", "Jan 2, 2006", "January 2 2006", "Jan 2 2006", "Jan. 2, 2006",
	"2 January 2006", "2 Jan 2006", "Monday, January 2, 2006", "Mon Jan 2 2006",
}

// yearlessLayouts are the forms wires write without a year.
var yearlessLayouts = []string{"January 2", "Jan 2", "Jan. 2", "2 January", "2 Jan", "Monday, January 2", "Mon Jan 2"}

// parseDate reads a date string leniently. A date without a year (wires
// write "Feb 1") is put in the year of ref (the file's modification time,
// or now) unless that would make it more than a day later than ref, in
// which case it is the year before: a story is never dated in the future.
// An unparseable date gives the zero time.
func parseDate(s string, ref time.Time) time.Time {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "."))
	if s == "" {
		return time.Time{}
	}
	// "Sept" is common on wires and unknown to time.Parse.
	s = strings.Replace(s, "Sept ", "Sep ", 1)
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t
		}
	}
	for _, l := range yearlessLayouts {
		t, err := time.Parse(l, s)
		if err != nil {
			continue
		}
		d := time.Date(ref.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
		if d.After(ref.Add(24 * time.Hour)) {
			d = d.AddDate(-1, 0, 0)
		}
		return d
	}
	return time.Time{}
}

// sortMode is the order of the list; `s` cycles through them.
type sortMode int

const (
	sortDate sortMode = iota
	sortHeadline
	sortReactions
	sortModes
)

// String is the mode's name, as the status line shows it.
func (s sortMode) String() string {
	switch s {
	case sortHeadline:
		return "headline"
	case sortReactions:
		return "reactions"
	}
	return "date"
}

// byDate is newest first; undated articles come after dated ones, in load
// order.
func byDate(a, b *item) int {
	az, bz := a.date.IsZero(), b.date.IsZero()
	switch {
	case az && bz:
		return cmp.Compare(a.seq, b.seq)
	case az:
		return 1
	case bz:
		return -1
	}
	if c := b.date.Compare(a.date); c != 0 {
		return c
	}
	return cmp.Compare(a.seq, b.seq)
}

// sortItems orders items in place by mode; ties keep load order.
func sortItems(items []*item, mode sortMode) {
	switch mode {
	case sortHeadline:
		slices.SortFunc(items, func(a, b *item) int {
			if c := cmp.Compare(strings.ToLower(a.a.Headline), strings.ToLower(b.a.Headline)); c != 0 {
				return c
			}
			return cmp.Compare(a.seq, b.seq)
		})
	case sortReactions:
		slices.SortFunc(items, func(a, b *item) int {
			if c := cmp.Compare(len(b.a.Reactions), len(a.a.Reactions)); c != 0 {
				return c
			}
			return byDate(a, b)
		})
	default:
		slices.SortFunc(items, byDate)
	}
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
func dateline(a *article.Article) string {
	var parts []string
	for _, s := range []string{a.Place, a.Date, a.Source} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " · ")
}
