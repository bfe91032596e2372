package article

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
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
		if got := ParseDate(tt.in, ref); !got.Equal(tt.want) {
			t.Errorf("ParseDate(%q) = %v; want %v", tt.in, got, tt.want)
		}
	}
	rfc := ParseDate("2026-01-05T10:00:00Z", ref)
	if rfc.Year() != 2026 || rfc.Hour() != 10 {
		t.Errorf("RFC 3339 date read as %v", rfc)
	}
}

func TestArticle_TimeUsesModTimeForTheYear(t *testing.T) {
	now := time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)
	file := time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		a    Article
		want time.Time
	}{
		{"a file's year comes from its modification time", Article{Date: "Feb 1", ModTime: file}, time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC)},
		{"an embedded seed's from now", Article{Date: "Feb 1"}, time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)},
		{"a full date is as written", Article{Date: "2020-05-04", ModTime: file}, time.Date(2020, 5, 4, 0, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		if got := tt.a.Time(now); !got.Equal(tt.want) {
			t.Errorf("%s: Time = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// The shapes that let ParseDate skip a layout never skip one that reads
// the string: every date any layout writes is read as the plain loop over
// every layout reads it.
func TestParseDate_ShapesSkipOnlyWhatCannotMatch(t *testing.T) {
	ref := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	every := func(s string) time.Time {
		for _, l := range dateLayouts {
			if d, err := time.Parse(l, s); err == nil {
				return d
			}
		}
		return time.Time{}
	}
	dates := []time.Time{
		time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC),
		time.Date(1999, 12, 31, 23, 59, 59, 0, time.FixedZone("", -5*3600)),
		time.Date(2024, 7, 4, 9, 5, 0, 0, time.FixedZone("CEST", 2*3600)),
		time.Date(987, 10, 10, 10, 10, 10, 0, time.UTC),
	}
	for _, l := range append(slices.Clone(dateLayouts), yearlessLayouts...) {
		for _, d := range dates {
			s := d.Format(l)
			for _, v := range []string{s, s + ".", " " + s} {
				want := every(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), ".")))
				if want.IsZero() {
					continue // a yearless form: read after the layouts
				}
				if got := ParseDate(v, ref); !got.Equal(want) {
					t.Errorf("ParseDate(%q) = %v; every layout reads %v", v, got, want)
				}
			}
		}
	}
}

// A date read again comes from the memo, as it was read the first time,
// and a yearless one still takes its year from each reference.
func TestParseDate_RememberedDatesReadTheSame(t *testing.T) {
	freshDateMemo(t)
	march := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	january := time.Date(2026, 1, 10, 12, 0, 0, 0, time.UTC)
	for _, in := range []string{"Jan. 26, 2023", "30 November 2025", "2026-01-05T10:00:00+02:00", "Feb 1", "Dec 24", "yesterday"} {
		first := ParseDate(in, march)
		if _, ok := dates.look(in); !ok {
			t.Errorf("ParseDate(%q) was not remembered", in)
		}
		if again := ParseDate(in, march); !again.Equal(first) || again.Location().String() != first.Location().String() {
			t.Errorf("ParseDate(%q) = %v the first time, %v from the memo", in, first, again)
		}
	}
	if got, want := ParseDate("Dec 24", january), time.Date(2025, 12, 24, 0, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("remembered yearless date in January = %v; want %v", got, want)
	}
	if got, want := ParseDate("Dec 24", time.Date(2026, 12, 30, 0, 0, 0, 0, time.UTC)), time.Date(2026, 12, 24, 0, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("remembered yearless date at the year's end = %v; want %v", got, want)
	}
}

// A library of all different dates (a hostile one) fills the memo to its
// bound and no further, and its dates still read right past it.
func TestParseDate_MemoIsBounded(t *testing.T) {
	freshDateMemo(t)
	ref := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	for i := range maxDateMemo + 500 {
		y := 1000 + i
		if got := ParseDate(fmt.Sprintf("%d-01-02", y), ref); got.Year() != y {
			t.Fatalf("date %d read as %v", y, got)
		}
	}
	if n := dates.n.Load(); n > maxDateMemo {
		t.Errorf("memo holds %d dates; bound %d", n, maxDateMemo)
	}
	long := "January 2, 2026" + strings.Repeat(" ", maxDateMemoKey) + "x"
	ParseDate(long, ref)
	if _, ok := dates.look(strings.TrimSpace(long)); ok {
		t.Errorf("a %d-byte date was remembered", len(long))
	}
}

// freshDateMemo gives ParseDate an empty memo for the test, and the
// shared one back after it (no test of the package runs in parallel).
func freshDateMemo(t *testing.T) {
	was := dates
	dates = new(dateMemo)
	t.Cleanup(func() { dates = was })
}
