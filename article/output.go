package article

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// JSONArticle is the object `newsdesk list --json` and `show --json` print
// for one article. Absent strings are "" and absent lists [], never null,
// so scripts can index them without checks.
type JSONArticle struct {
	Path       string         `json:"path"`
	Format     Format         `json:"format"`
	Headline   string         `json:"headline"`
	Byline     string         `json:"byline"`
	Place      string         `json:"place"`
	Date       string         `json:"date"`
	Source     string         `json:"source"`
	Paragraphs []string       `json:"paragraphs"`
	Reactions  []JSONReaction `json:"reactions"`
	// ReactionsHeading is the reactions section's heading as written.
	ReactionsHeading string `json:"reactions_heading"`
	// Notes are the section's notes; NotesAfter[i] is how many reactions
	// come before Notes[i] in the file, which keeps their order.
	Notes      []string `json:"notes"`
	NotesAfter []int    `json:"notes_after"`
	Tags       []string `json:"tags"`
	Warnings   []string `json:"warnings"`
}

// JSONReaction is one reaction in a JSONArticle.
type JSONReaction struct {
	Name     string `json:"name"`
	Role     string `json:"role"`
	Location string `json:"location"`
	Quote    string `json:"quote"`
}

// JSON returns a's JSON object.
func (a Article) JSON() JSONArticle {
	rs := make([]JSONReaction, 0, len(a.Reactions))
	for _, r := range a.Reactions {
		rs = append(rs, JSONReaction(r))
	}
	notes, after := make([]string, 0, len(a.Notes)), make([]int, 0, len(a.Notes))
	for _, n := range a.Notes {
		notes = append(notes, n.Text)
		after = append(after, n.After)
	}
	return JSONArticle{
		Path:             a.Path,
		Format:           a.Format,
		Headline:         a.Headline,
		Byline:           a.Byline,
		Place:            a.Place,
		Date:             a.Date,
		Source:           a.Source,
		Paragraphs:       nonNil(a.Paragraphs),
		Reactions:        rs,
		ReactionsHeading: a.ReactionsHeading,
		Notes:            notes,
		NotesAfter:       after,
		Tags:             nonNil(a.Tags),
		Warnings:         nonNil(a.Warnings),
	}
}

// MarshalJSONLine encodes a as one compact JSON object followed by a
// newline: a line of JSON Lines. HTML characters are not escaped (the
// output is for terminals and scripts, not web pages).
func (a Article) MarshalJSONLine() ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(a.JSON()); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// DisplayPath makes a path safe to print on a terminal: file names may hold
// any byte but ESC, every other control character, invalid UTF-8 (whose
// bytes a terminal may read as 8-bit controls) and the bidirectional
// overrides each become "?", as ls shows them.
func DisplayPath(p string) string {
	if !strings.ContainsFunc(p, unsafeRune) && utf8.ValidString(p) {
		return p
	}
	var b strings.Builder
	for _, r := range p { // invalid bytes come out as utf8.RuneError
		if r == utf8.RuneError || unsafeRune(r) {
			r = '?'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// DisplayString is p.String made safe for a terminal (see DisplayPath):
// path and message may hold any byte of a file name or of a file's text.
// It is how `newsdesk check` prints a problem, and how any screen listing
// problems should.
func (p Problem) DisplayString() string {
	p.Path, p.Message = DisplayPath(p.Path), DisplayPath(p.Message)
	return p.String()
}

func unsafeRune(r rune) bool {
	return unicode.IsControl(r) || r == 0x7f || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
}

// tableGap is the space between two table columns.
const tableGap = 2

// Row is one article's line in the table of `newsdesk list`: its cells and
// its sort key, as strings of their own (cloned), so that rows kept for a
// whole library hold none of the files' text.
type Row struct {
	// Key is what the sort orders compare; Key.Headline is the headline
	// cell.
	Key                 SortKey
	Place, Date, Source string
	// Name is the path cell: Article.Name, made safe for a terminal.
	Name string
}

// NewRow is a's row at position seq of the load; now dates an article
// without a modification time (see Article.Time).
func NewRow(a *Article, seq int, now time.Time) Row {
	name := strings.Clone(DisplayPath(a.Name()))
	k := a.SortKey(seq, now)
	k.Headline = strings.Clone(k.Headline)
	// The sort key's path shares the name's bytes unless making the name
	// safe changed them.
	if strings.HasPrefix(name, a.Path) {
		k.Path = name[:len(a.Path)]
	} else {
		k.Path = strings.Clone(a.Path)
	}
	return Row{Key: k, Place: strings.Clone(a.Place), Date: strings.Clone(a.Date), Source: strings.Clone(a.Source), Name: name}
}

// Table writes rows as the human table of `newsdesk list` on w: a header,
// then one line per row with headline, place, date, source, the number of
// reactions and, withPath, the name `newsdesk show` takes. Widths are
// measured in terminal cells. With width > 0 the columns are cut (ending
// in "…") by ColumnWidths to fit in width cells, the path excepted; with
// width <= 0 nothing is cut.
func Table(w io.Writer, rows []Row, width int, withPath bool) error {
	header := []string{"HEADLINE", "PLACE", "DATE", "SOURCE", "REACTIONS"}
	keep := 0
	if withPath {
		header = append(header, "PATH")
		keep = 1 // a cut path names no file
	}
	cells := func(i int) []string {
		r := &rows[i]
		c := []string{r.Key.Headline, r.Place, r.Date, r.Source, strconv.Itoa(r.Key.Reactions)}
		if withPath {
			c = append(c, r.Name)
		}
		return c
	}
	const count = 4 // the reactions column, right-aligned
	return Columns{Header: header, Rows: len(rows), Cells: cells, Width: width, Keep: keep, Right: count}.Write(w)
}

// Columns is a table of text in columns, as the commands print them: a
// header, then one line per row, each column as wide as its widest cell
// (in terminal cells), tableGap spaces between columns, no trailing
// blanks.
type Columns struct {
	Header []string
	// Rows is the number of rows; Cells gives row i's cells (called
	// twice per row: to measure and to write, so a long table need not
	// be held as text).
	Rows  int
	Cells func(i int) []string
	// Width > 0 cuts the columns to fit in Width cells (ColumnWidths),
	// the last Keep excepted; a cut cell ends in "…", or is made by Fit
	// (row i's cell in column col, in width cells) when it is set. Width
	// <= 0 cuts nothing.
	Width, Keep int
	Fit         func(i, col, width int) string
	// Right is the column aligned right (-1: none).
	Right int
}

// Write writes the table on w.
func (c Columns) Write(w io.Writer) error {
	natural := make([]int, len(c.Header))
	measure := func(row []string) {
		for i, cell := range row {
			natural[i] = max(natural[i], ansi.StringWidth(cell))
		}
	}
	measure(c.Header)
	for i := range c.Rows {
		measure(c.Cells(i))
	}
	widths := natural
	if c.Width > 0 {
		widths = ColumnWidths(natural, c.Width, tableGap, c.Keep)
	}
	bw := bufio.NewWriter(w)
	// line writes one row: the header is row -1.
	line := func(row []string, r int) {
		for i, cell := range row {
			if ansi.StringWidth(cell) > widths[i] {
				if c.Fit != nil && r >= 0 {
					cell = c.Fit(r, i, widths[i])
				} else {
					cell = ansi.Truncate(cell, widths[i], "…")
				}
			}
			pad := strings.Repeat(" ", max(widths[i]-ansi.StringWidth(cell), 0))
			if i > 0 {
				bw.WriteString(strings.Repeat(" ", tableGap))
			}
			switch {
			case i == c.Right:
				bw.WriteString(pad + cell)
			case i == len(row)-1: // no trailing blanks
				bw.WriteString(cell)
			default:
				bw.WriteString(cell + pad)
			}
		}
		bw.WriteByte('\n')
	}
	line(c.Header, -1)
	for i := range c.Rows {
		line(c.Cells(i), i)
	}
	return bw.Flush()
}

// ColumnWidths fits columns of the given natural widths into total cells
// with gap cells between them, fairly: the first column (the headline)
// keeps at least half of total, or its natural width if less; the last
// keep columns are never cut; the others share what is left by a common
// cap, so the widest give way first and narrow ones (a date, a count) keep
// their width; whatever they do not need goes back to the first. Each column
// keeps at least one cell even if the row then overflows. With total <= 0
// or when everything fits, the natural widths are returned.
func ColumnWidths(natural []int, total, gap, keep int) []int {
	out := slices.Clone(natural)
	n := len(natural)
	cut := n - keep // columns [0, cut) may be cut
	if total <= 0 || cut <= 0 || sum(natural)+gap*(n-1) <= total {
		return out
	}
	avail := total - gap*(n-1) - sum(natural[cut:])
	others := natural[1:cut]
	floor := max(min(natural[0], total/2, avail-len(others)), 1)
	copy(out[1:cut], capWidths(others, avail-floor))
	out[0] = max(floor, min(natural[0], avail-sum(out[1:cut])))
	return out
}

// capWidths cuts widths to the largest common cap c (at least 1) with the
// sum of min(w, c) at most budget, then hands what is left of budget, a
// cell each, to the columns it cut, from the left.
func capWidths(widths []int, budget int) []int {
	capped := func(c int) int {
		n := 0
		for _, w := range widths {
			n += min(w, c)
		}
		return n
	}
	lo, hi := 1, slices.Max(append([]int{1}, widths...))
	for lo < hi { // largest c in [1, hi] with capped(c) <= budget
		c := (lo + hi + 1) / 2
		if capped(c) <= budget {
			lo = c
		} else {
			hi = c - 1
		}
	}
	out := make([]int, len(widths))
	left := budget - capped(lo)
	for i, w := range widths {
		out[i] = min(w, lo)
		if w > lo && left > 0 {
			out[i]++
			left--
		}
	}
	return out
}

func sum(s []int) int {
	n := 0
	for _, v := range s {
		n += v
	}
	return n
}
