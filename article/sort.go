package article

import (
	"cmp"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// SortOrder is an order of the library: the reader's `s` key cycles
// through SortDate, SortHeadline and SortReactions; `newsdesk list --sort`
// also takes SortPath.
type SortOrder int

// The sort orders. Ties always keep load order.
const (
	// SortDate is newest first; undated articles come after dated ones.
	SortDate SortOrder = iota
	// SortHeadline is alphabetical, ignoring case.
	SortHeadline
	// SortReactions is most reactions first, then newest first.
	SortReactions
	// SortPath is by path, in byte order (the order of a directory walk).
	SortPath
)

var sortNames = [...]string{SortDate: "date", SortHeadline: "headline", SortReactions: "reactions", SortPath: "path"}

// String is the order's name, as `--sort` takes it and the reader's
// status line shows it.
func (o SortOrder) String() string {
	if o < 0 || int(o) >= len(sortNames) {
		return fmt.Sprintf("SortOrder(%d)", int(o))
	}
	return sortNames[o]
}

// SortOrderNames is every order's name, in order, for help texts.
func SortOrderNames() []string { return sortNames[:] }

// ParseSortOrder returns the order named name (case-insensitively).
func ParseSortOrder(name string) (SortOrder, error) {
	for o, n := range sortNames {
		if strings.EqualFold(name, n) {
			return SortOrder(o), nil
		}
	}
	return 0, fmt.Errorf("unknown sort order %q: want date, headline, reactions or path", name)
}

// SortKey is what the sort orders compare of one article: small, so a
// caller can keep one per article without keeping the article.
type SortKey struct {
	// Seq is the article's position in load order, the tie-breaker.
	Seq int
	// Time is the parsed date (Article.Time); zero when undated.
	Time      time.Time
	Headline  string
	Reactions int
	Path      string
}

// SortKey is a's key at position seq of the load; now dates an article
// without a modification time (see Article.Time). The strings are a's
// own: clone them to keep the key longer than the article.
func (a *Article) SortKey(seq int, now time.Time) SortKey {
	return SortKey{Seq: seq, Time: a.Time(now), Headline: a.Headline, Reactions: len(a.Reactions), Path: a.Path}
}

// Compare is the one rule of every sort order, for slices.SortFunc: it
// is negative when a comes before b in order o, positive when after, and
// zero only for the same load position.
func Compare(o SortOrder, a, b SortKey) int {
	var c int
	switch o {
	case SortHeadline:
		c = compareFold(a.Headline, b.Headline)
	case SortReactions:
		c = cmp.Compare(b.Reactions, a.Reactions)
		if c == 0 {
			c = compareTime(a.Time, b.Time)
		}
	case SortPath:
		c = strings.Compare(a.Path, b.Path)
	default:
		c = compareTime(a.Time, b.Time)
	}
	if c != 0 {
		return c
	}
	return cmp.Compare(a.Seq, b.Seq)
}

// compareTime puts the newer first and the zero time (undated) last.
func compareTime(a, b time.Time) int {
	switch az, bz := a.IsZero(), b.IsZero(); {
	case az && bz:
		return 0
	case az:
		return 1
	case bz:
		return -1
	}
	return b.Compare(a)
}

// CompareHeadlines is Compare's rule for two headlines, without the load
// order that breaks its ties.
func CompareHeadlines(a, b string) int { return compareFold(a, b) }

// compareFold compares a and b as strings.ToLower of each would compare,
// without allocating: a headline sort of 100,000 articles makes millions
// of comparisons.
func compareFold(a, b string) int {
	// The bytes both start with fold alike: they are skipped, back to
	// where a rune starts in both (a continuation byte could make the
	// rune before it a different one in each). A library repeats its
	// headlines and their first words, and a cold load's merge spent
	// 4 % of its CPU folding such runs one rune at a time.
	i, n := 0, min(len(a), len(b))
	for i+8 <= n && a[i:i+8] == b[i:i+8] {
		i += 8
	}
	for i < n && a[i] == b[i] {
		i++
	}
	for i > 0 && (i < len(a) && !utf8.RuneStart(a[i]) || i < len(b) && !utf8.RuneStart(b[i])) {
		i--
	}
	a, b = a[i:], b[i:]
	for a != "" && b != "" {
		if ca, cb := a[0], b[0]; ca < utf8.RuneSelf && cb < utf8.RuneSelf { // most headlines
			if c := cmp.Compare(lowerASCII(ca), lowerASCII(cb)); c != 0 {
				return c
			}
			a, b = a[1:], b[1:]
			continue
		}
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if c := cmp.Compare(unicode.ToLower(ra), unicode.ToLower(rb)); c != 0 {
			return c
		}
		a, b = a[na:], b[nb:]
	}
	return cmp.Compare(len(a), len(b))
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
