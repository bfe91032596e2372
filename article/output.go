package article

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
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

func unsafeRune(r rune) bool {
	return unicode.IsControl(r) || r == 0x7f || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
}

// tableGap is the space between two table columns.
const tableGap = 2

// Table writes articles as the human table of `newsdesk list`: a header,
// then one row per article with headline, place, date, source and the
// number of reactions. Widths are measured in terminal cells. With width
// > 0 the widest columns are cut (ending in "…") until a row fits in width
// cells; with width <= 0 nothing is cut.
func Table(arts []Article, width int) string {
	rows := make([][]string, 0, len(arts)+1)
	rows = append(rows, []string{"HEADLINE", "PLACE", "DATE", "SOURCE", "REACTIONS"})
	for _, a := range arts {
		rows = append(rows, []string{a.Headline, a.Place, a.Date, a.Source, strconv.Itoa(len(a.Reactions))})
	}
	natural := make([]int, len(rows[0]))
	for _, row := range rows {
		for i, cell := range row {
			natural[i] = max(natural[i], ansi.StringWidth(cell))
		}
	}
	widths := natural
	if width > 0 {
		widths = ColumnWidths(natural, width, tableGap)
	}
	last := len(widths) - 1
	var b strings.Builder
	for _, row := range rows {
		for i, cell := range row {
			cell = ansi.Truncate(cell, widths[i], "…")
			pad := strings.Repeat(" ", widths[i]-ansi.StringWidth(cell))
			switch {
			case i == last: // the count, right-aligned, ends the line
				b.WriteString(pad + cell)
			default:
				b.WriteString(cell + pad + strings.Repeat(" ", tableGap))
			}
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// ColumnWidths fits columns of the given natural widths into total cells
// with gap cells between columns: it finds the largest cap such that every
// column cut to at most cap cells fits, so the widest columns give way
// first and narrow ones (a date, a count) keep their width. Each column
// keeps at least one cell even if the row then overflows.
func ColumnWidths(natural []int, total, gap int) []int {
	sum := func(c int) int {
		n := gap * max(len(natural)-1, 0)
		for _, w := range natural {
			n += min(w, c)
		}
		return n
	}
	hi := 0
	for _, w := range natural {
		hi = max(hi, w)
	}
	lo := 1
	for lo < hi { // largest c in [1, hi] with sum(c) <= total
		c := (lo + hi + 1) / 2
		if sum(c) <= total {
			lo = c
		} else {
			hi = c - 1
		}
	}
	out := make([]int, len(natural))
	for i, w := range natural {
		out[i] = min(w, lo)
	}
	return out
}
