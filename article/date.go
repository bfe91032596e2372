package article

import (
	"strings"
	"time"
)

// dateLayouts are the date forms ParseDate reads, tried in order; those
// without a year are in yearlessLayouts.
var dateLayouts = []string{
	time.RFC3339, time.RFC1123Z, time.RFC1123, time.RFC850, time.ANSIC,
	"Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006",
	"2006-01-02 15:04", "2006-01-02", "2006/01/02", "02.01.2006",
	"January 2, 2006", "Jan 2, 2006", "January 2 2006", "Jan 2 2006", "Jan. 2, 2006",
	"2 January 2006", "2 Jan 2006", "Monday, January 2, 2006", "Mon Jan 2 2006",
}

// yearlessLayouts are the forms wires write without a year.
var yearlessLayouts = []string{"January 2", "Jan 2", "Jan. 2", "2 January", "2 Jan", "Monday, January 2", "Mon Jan 2"}

// ParseDate reads a date as written in an article, leniently. A date
// without a year (wires write "Feb 1") is put in the year of ref unless
// that would make it more than a day later than ref, in which case it is
// the year before: a story is never dated in the future. An unparseable
// date gives the zero time.
func ParseDate(s string, ref time.Time) time.Time {
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

// Time is a's Date parsed by ParseDate against the file's modification
// time, or against now for a file without one (an embedded seed): the
// time the sort orders compare.
func (a *Article) Time(now time.Time) time.Time {
	ref := now
	if !a.ModTime.IsZero() {
		ref = a.ModTime
	}
	return ParseDate(a.Date, ref)
}
