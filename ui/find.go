package ui

import (
	"strconv"
	"strings"
	"unicode/utf8"

	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi"
	"golang.org/x/text/cases"
)

// Search inside an article (`/` in the reader), as less does it: every
// match of the term in the text on screen is highlighted, the current one
// differently, and n/N go from one to the next. Matching is over the rows
// as drawn (the rendered text, its styling stripped), case-insensitively
// by Unicode case folding and by character, so Chinese or Japanese text
// is found as well as English; a match is within one row.

// match is one occurrence of the term: row, and its first cell and the
// cell after its last.
type match struct {
	row, start, end int
}

// findMatches is every occurrence of term in rows, in reading order, at
// most maxMatches (an article of 100,000 rows of "e" must not make
// millions).
func findMatches(rows []string, term string) []match {
	fold := cases.Fold()
	want := []rune(fold.String(term))
	if len(want) == 0 {
		return nil
	}
	var out []match
	for r, row := range rows {
		cells := rowCells(row)
		if len(cells) < len(want) {
			continue
		}
		folded := make([]rune, len(cells))
		for i, c := range cells {
			folded[i] = foldRune(fold, c.r)
		}
		for i := 0; i+len(want) <= len(folded); i++ {
			if !runesAt(folded, i, want) {
				continue
			}
			out = append(out, match{row: r, start: cells[i].x, end: cells[i+len(want)-1].x + cells[i+len(want)-1].w})
			if len(out) >= maxMatches {
				return out
			}
			i += len(want) - 1
		}
	}
	return out
}

// maxMatches bounds the matches found in one article.
const maxMatches = 10_000

// cell is one character of a drawn row: its rune (the first of its
// grapheme), the cell it starts at and its width.
type cell struct {
	r    rune
	x, w int
}

// rowCells is row's characters with their cells, styling stripped.
func rowCells(row string) []cell {
	plain := ansi.Strip(row)
	out := make([]cell, 0, len(plain))
	x := 0
	for len(plain) > 0 {
		g, w := ansi.FirstGraphemeCluster(plain, ansi.GraphemeWidth)
		r, _ := utf8.DecodeRuneInString(g)
		out = append(out, cell{r: r, x: x, w: w})
		x += w
		plain = plain[len(g):]
	}
	return out
}

// foldRune is r case-folded (one rune; a rune that folds to several keeps
// its first).
func foldRune(fold cases.Caser, r rune) rune {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}
	f, _ := utf8.DecodeRuneInString(fold.String(string(r)))
	return f
}

// runesAt reports whether s holds want at i.
func runesAt(s []rune, i int, want []rune) bool {
	for j, r := range want {
		if s[i+j] != r {
			return false
		}
	}
	return true
}

// highlight is row with the cells of spans drawn in reverse video, the
// current one (cur, an index in spans, or -1) also bold and underlined.
// The rest of the row keeps its styling.
func highlight(row string, spans []match, cur int) string {
	lines := uv.NewStyledString(row).Lines(ansi.GraphemeWidth)
	if len(lines) == 0 {
		return row
	}
	line := lines[0]
	for k, sp := range spans {
		x := 0
		for i := range line {
			c := &line[i]
			if x >= sp.start && x < sp.end {
				c.Style.Attrs |= uv.AttrReverse
				if k == cur {
					c.Style.Attrs |= uv.AttrBold
					c.Style.Underline = uv.UnderlineStyleSingle
				}
			}
			x += max(c.Width, 1)
		}
	}
	return line.Render()
}

// finder is the reader's search: the term, typed or in force, its matches
// in the rows drawn and which is current.
type finder struct {
	typing  bool
	term    string
	matches []match
	cur     int
	// lit is the highlighted rows, by row index, drawn once per match set.
	lit map[int]string
}

// active reports whether a term is in force (highlighted, n/N move).
func (f *finder) active() bool { return f.term != "" && !f.typing }

// find matches term in rows, keeping the current match the first at or
// after row from (a resize or a new rendering finds the same place).
func (f *finder) find(rows []string, term string, from int) {
	f.term = term
	f.matches = findMatches(rows, term)
	f.lit = map[int]string{}
	f.cur = 0
	for i, m := range f.matches {
		if m.row >= from {
			f.cur = i
			break
		}
	}
}

// clear ends the search.
func (f *finder) clear() { *f = finder{} }

// row is row i as drawn: highlighted when it holds a match.
func (f *finder) row(rows []string, i int) string {
	if len(f.matches) == 0 || f.term == "" {
		return rows[i]
	}
	if s, ok := f.lit[i]; ok {
		return s
	}
	var spans []match
	cur := -1
	for k, m := range f.matches {
		if m.row == i {
			if k == f.cur {
				cur = len(spans)
			}
			spans = append(spans, m)
		}
	}
	s := rows[i]
	if len(spans) > 0 {
		s = highlight(s, spans, cur)
	}
	f.lit[i] = s
	return s
}

// step makes the next (d=1) or previous (d=-1) match current, wrapping
// around, and returns its row.
func (f *finder) step(d int) int {
	if len(f.matches) == 0 {
		return -1
	}
	f.cur = (f.cur + d + len(f.matches)) % len(f.matches)
	f.lit = map[int]string{}
	return f.matches[f.cur].row
}

// status is "match 3 of 7", "no match for …", or the term being typed.
func (f *finder) status() string {
	switch {
	case f.typing:
		return ""
	case len(f.matches) == 0:
		return "no match for " + display(oneLineTerm(f.term))
	}
	return "match " + strconv.Itoa(f.cur+1) + " of " + strconv.Itoa(len(f.matches))
}

// oneLineTerm is a term as a status line shows it.
func oneLineTerm(s string) string { return strings.Join(strings.Fields(s), " ") }
