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

// dateShape is what a date string or a layout must have for one to be
// read by the other: a layout can only read a string that starts with a
// digit if it starts with a number too, and has a colon or a four-digit
// year only if the string does. Each time.Parse that fails allocates its
// error, and a wire's "Feb 1, 2026" failed a dozen of them before it was
// read (0.4 cpu-s of a cold load of 100,000 wire articles).
type dateShape struct{ digit, colon, year bool }

// shapeOf is the shape of a date string.
func shapeOf(s string) dateShape {
	d := dateShape{digit: s != "" && s[0] >= '0' && s[0] <= '9', colon: strings.Contains(s, ":")}
	run := 0
	for i := 0; i < len(s) && !d.year; i++ {
		if s[i] >= '0' && s[i] <= '9' {
			run++
			d.year = run >= 4
		} else {
			run = 0
		}
	}
	return d
}

// fits reports whether a layout of shape l may read a string of shape v.
func (l dateShape) fits(v dateShape) bool {
	return l.digit == v.digit && (!l.colon || v.colon) && (!l.year || v.year)
}

// layoutShapes are the shapes of dateLayouts, in order: a layout is
// shaped as a string is, since its only runs of four digits are its year
// ("2006") and a zone ("-0700"), which a string it reads writes with four
// digits too.
var layoutShapes = func() []dateShape {
	out := make([]dateShape, len(dateLayouts))
	for i, l := range dateLayouts {
		out[i] = shapeOf(l)
	}
	return out
}()

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
	v := shapeOf(s)
	for i, l := range dateLayouts {
		if !layoutShapes[i].fits(v) {
			continue
		}
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
