package article

import (
	"strings"
	"sync"
	"sync/atomic"
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
	r, ok := dates.look(s)
	if !ok {
		r = readDate(s)
		dates.keep(s, r)
	}
	if !r.yearless {
		return r.t
	}
	d := time.Date(ref.Year(), r.t.Month(), r.t.Day(), 0, 0, 0, 0, time.UTC)
	if d.After(ref.Add(24 * time.Hour)) {
		d = d.AddDate(-1, 0, 0)
	}
	return d
}

// readDate is what the layouts make of a trimmed date string s: the time
// of the first that reads it, or the month and day of the first yearless
// one, or the zero time.
func readDate(s string) dateRead {
	v := shapeOf(s)
	for i, l := range dateLayouts {
		if !layoutShapes[i].fits(v) {
			continue
		}
		if t, err := time.Parse(l, s); err == nil {
			return dateRead{t: t}
		}
	}
	for _, l := range yearlessLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return dateRead{t: t, yearless: true}
		}
	}
	return dateRead{}
}

// dateRead is what readDate made of a string: t, or with yearless only
// its month and day, which ParseDate puts in a year by its reference.
type dateRead struct {
	t        time.Time
	yearless bool
}

// dateMemo remembers what readDate made of the strings it read. A
// library writes the same few dates again and again (a day's stories
// share it), and reading one costs its failed layouts' time.Parse errors:
// 46 MB of the 380 MB a cold load of 100,000 wire articles allocated. It
// holds at most maxDateMemo strings of at most maxDateMemoKey bytes;
// once full it keeps what it has, so a library of all different dates
// costs no more than it did without it.
type dateMemo struct {
	m sync.Map // string → dateRead
	n atomic.Int32
}

// The bounds of dateMemo: about 4,000 days is eleven years of stories,
// and a date is a few words.
const (
	maxDateMemo    = 4096
	maxDateMemoKey = 40
)

// dates is ParseDate's memo, shared by every load: what it holds depends
// on nothing but the strings (the reference year is applied after).
var dates = new(dateMemo)

// look is what readDate made of s, if remembered.
func (m *dateMemo) look(s string) (dateRead, bool) {
	if len(s) > maxDateMemoKey {
		return dateRead{}, false
	}
	v, ok := m.m.Load(s)
	if !ok {
		return dateRead{}, false
	}
	return v.(dateRead), true
}

// keep remembers r for s while there is room. s is copied: it may be a
// part of a file's buffer that is read into again.
func (m *dateMemo) keep(s string, r dateRead) {
	if len(s) > maxDateMemoKey || m.n.Load() >= maxDateMemo {
		return
	}
	// A place is taken before the string is stored, so that goroutines
	// keeping at once never hold more than maxDateMemo between them.
	if m.n.Add(1) > maxDateMemo {
		m.n.Add(-1)
		return
	}
	if _, had := m.m.LoadOrStore(strings.Clone(s), r); had {
		m.n.Add(-1)
	}
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
