package article

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/charmbracelet/x/ansi"
)

func TestArticle_MarshalJSONLine(t *testing.T) {
	tests := []struct {
		name string
		a    Article
		want string
	}{
		{
			name: "absent values are empty, never null",
			a:    Article{Path: "x.txt", Format: FormatWire, Headline: "H"},
			want: `{"path":"x.txt","format":"wire","headline":"H","byline":"","place":"","date":"","source":"","paragraphs":[],"reactions":[],"reactions_heading":"","notes":[],"notes_after":[],"tags":[],"warnings":[]}` + "\n",
		},
		{
			name: "every field, HTML characters kept",
			a: Article{
				Path: "d/a.json", Format: FormatJSON, Headline: "A & B <C>", Byline: "Roe", Place: "PARIS", Date: "4 May",
				Source: "AP", Paragraphs: []string{"p1", "p2"}, ReactionsHeading: "Reactions", Notes: []Note{{Text: "n", After: 1}}, Tags: []string{"t"}, Warnings: []string{"w"},
				Reactions: []Reaction{{Name: "N", Role: "R", Location: "L", Quote: `"Q"`}},
			},
			want: `{"path":"d/a.json","format":"json","headline":"A & B <C>","byline":"Roe","place":"PARIS","date":"4 May","source":"AP",` +
				`"paragraphs":["p1","p2"],"reactions":[{"name":"N","role":"R","location":"L","quote":"\"Q\""}],"reactions_heading":"Reactions","notes":["n"],"notes_after":[1],"tags":["t"],"warnings":["w"]}` + "\n",
		},
		{
			name: "control bytes in a path are escaped by JSON",
			a:    Article{Path: "evil\x1b]0;pwn\x07.txt", Format: FormatWire},
			want: `{"path":"evil\u001b]0;pwn\u0007.txt","format":"wire","headline":"","byline":"","place":"","date":"","source":"","paragraphs":[],"reactions":[],"reactions_heading":"","notes":[],"notes_after":[],"tags":[],"warnings":[]}` + "\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.a.MarshalJSONLine()
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestDisplayPath_NeutralisesControls(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain/path.txt", "plain/path.txt"},
		{"né/文章.md", "né/文章.md"},
		{"a\x1b[31mred.txt", "a?[31mred.txt"},
		{"bell\x07\n.txt", "bell??.txt"},
		{"c1\u009b31m.txt", "c1?31m.txt"},
		{"bad\xff\xfe.txt", "bad??.txt"},
		{"bidi\u202egnp.txt", "bidi?gnp.txt"},
		{"del\x7f.txt", "del?.txt"},
	}
	for _, tt := range tests {
		if got := DisplayPath(tt.in); got != tt.want {
			t.Errorf("DisplayPath(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTable_Layout(t *testing.T) {
	arts := []Article{
		{Path: "lib/ru.txt", ID: "lib/ru.txt", Headline: "Russia Reaffirms Backing for China's Taiwan Stance", Place: "MOSCOW", Date: "Feb 1", Source: "Reuters",
			Reactions: make([]Reaction, 4)},
		{Path: "lib/tw.json", ID: "lib/tw.json#2", Elem: 2, Format: FormatJSON, Headline: "台湾海峡の緊張が高まる中で各国が声明を発表", Place: "TAIPEI, Taiwan", Date: "4 May 2023"},
	}
	rows := make([]Row, len(arts))
	for i := range arts {
		rows[i] = NewRow(&arts[i], i, time.Now())
	}
	tests := []struct {
		name     string
		width    int
		withPath bool
		want     string
	}{
		{"untruncated", 0, false, "" +
			"HEADLINE                                            PLACE           DATE        SOURCE   REACTIONS\n" +
			"Russia Reaffirms Backing for China's Taiwan Stance  MOSCOW          Feb 1       Reuters          4\n" +
			"台湾海峡の緊張が高まる中で各国が声明を発表          TAIPEI, Taiwan  4 May 2023                   0\n"},
		{"the headline keeps half of 70 cells", 70, false, "" +
			"HEADLINE                             PLACE    DATE     SOURCE   REACT…\n" +
			"Russia Reaffirms Backing for China…  MOSCOW   Feb 1    Reuters       4\n" +
			"台湾海峡の緊張が高まる中で各国が声…  TAIPEI…  4 May …                0\n"},
		{"with the path, never cut", 0, true, "" +
			"HEADLINE                                            PLACE           DATE        SOURCE   REACTIONS  PATH\n" +
			"Russia Reaffirms Backing for China's Taiwan Stance  MOSCOW          Feb 1       Reuters          4  lib/ru.txt\n" +
			"台湾海峡の緊張が高まる中で各国が声明を発表          TAIPEI, Taiwan  4 May 2023                   0  lib/tw.json#2\n"},
		{"the path whole in 80 cells", 80, true, "" +
			"HEADLINE                                  PLACE  DATE  SOU…  REA…  PATH\n" +
			"Russia Reaffirms Backing for China's Ta…  MOSC…  Feb…  Reu…     4  lib/ru.txt\n" +
			"台湾海峡の緊張が高まる中で各国が声明を…   TAIP…  4 M…           0  lib/tw.json#2\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			if err := Table(&b, rows, tt.width, tt.withPath); err != nil {
				t.Fatal(err)
			}
			got := b.String()
			if tt.width > 0 {
				for _, line := range strings.Split(strings.TrimSuffix(got, "\n"), "\n") {
					if w := ansi.StringWidth(line); w > tt.width {
						t.Errorf("line %q is %d cells, over %d", line, w, tt.width)
					}
				}
			}
			if got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

func TestColumnWidths_Fair(t *testing.T) {
	tests := []struct {
		name        string
		natural     []int
		total, keep int
		want        []int
	}{
		{"fits", []int{10, 5, 5}, 40, 0, []int{10, 5, 5}},
		{"no limit", []int{100, 14, 10}, 0, 0, []int{100, 14, 10}},
		{"narrow columns whole, the headline takes the rest", []int{79, 6, 5, 7, 9}, 80, 0, []int{45, 6, 5, 7, 9}},
		{"the headline keeps half", []int{100, 14, 10, 16, 9}, 80, 0, []int{40, 8, 8, 8, 8}},
		{"what the cap leaves goes to the cut columns", []int{60, 6, 5, 7, 9}, 50, 0, []int{25, 5, 4, 4, 4}},
		{"a short headline needs no half", []int{12, 30, 30}, 40, 0, []int{12, 12, 12}},
		{"two wide columns", []int{40, 30, 4}, 40, 0, []int{20, 12, 4}},
		{"the kept path is whole", []int{100, 6, 5, 7, 9, 40}, 120, 1, []int{60, 3, 3, 2, 2, 40}},
		{"a path wider than the screen", []int{50, 6, 40}, 30, 1, []int{1, 1, 40}},
		{"too narrow keeps one cell", []int{10, 10}, 1, 0, []int{1, 1}},
		{"20 cells exactly", []int{79, 6, 5, 7, 9}, 20, 0, []int{8, 1, 1, 1, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ColumnWidths(tt.natural, tt.total, 2, tt.keep)
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("ColumnWidths(%v, %d, keep %d) = %v, want %v", tt.natural, tt.total, tt.keep, got, tt.want)
			}
			if s := sum(got) + 2*(len(got)-1); tt.total > 0 && s > tt.total && slices.Max(got[:len(got)-tt.keep]) > 1 {
				t.Errorf("%v takes %d cells, over %d", got, s, tt.total)
			}
			// Whenever half the width leaves a cell to every other column,
			// the headline has it.
			n := len(got)
			if room := tt.total - 2*(n-1) - sum(tt.natural[n-tt.keep:]) - (n - tt.keep - 1); tt.total > 0 && room >= tt.total/2 &&
				got[0] < min(tt.natural[0], tt.total/2) {
				t.Errorf("headline %d cells, under half of %d", got[0], tt.total)
			}
		})
	}
}

// TestNewRow_KeepsNoFileText checks that a row's strings are its own: the
// parsers' strings are slices of the whole file's text, and a row that
// kept one would keep the file (the 100,000-article list held 902 MiB).
func TestNewRow_KeepsNoFileText(t *testing.T) {
	text := "lib/a.json#2 Headline PLACE 4 May AP " + strings.Repeat("body ", 1000)
	a := Article{ID: ID(text[:12]), Path: text[:10], Elem: 2, Format: FormatJSON, Headline: text[13:21], Place: text[22:27], Date: text[28:33], Source: text[34:36]}
	r := NewRow(&a, 0, time.Now())
	start := uintptr(unsafe.Pointer(unsafe.StringData(text)))
	for _, s := range []string{r.Key.Headline, r.Key.Path, r.Place, r.Date, r.Source, r.Name} {
		if p := uintptr(unsafe.Pointer(unsafe.StringData(s))); p >= start && p < start+uintptr(len(text)) {
			t.Errorf("row string %q points into the file's text", s)
		}
	}
	if r.Name != "lib/a.json#2" || r.Key.Path != "lib/a.json" || r.Key.Headline != "Headline" || r.Date != "4 May" {
		t.Errorf("row %+v", r)
	}
}

func TestProblem_DisplayString(t *testing.T) {
	tests := []struct {
		p    Problem
		want string
	}{
		{Problem{Path: "lib/a.json", Line: 3, Col: 5, Severity: SeverityError, Message: "element 2: headline: want a string"},
			"lib/a.json:3:5: error: element 2: headline: want a string"},
		{Problem{Path: "lib/a.txt", Line: 9, Severity: SeverityWarning, Message: "control sequences removed"},
			"lib/a.txt:9: warning: control sequences removed"},
		{Problem{Path: "evil\x1b]0;x\x07.md", Severity: SeverityError, Message: "bad \x1b[2J value"},
			"evil?]0;x?.md: error: bad ?[2J value"},
	}
	for _, tt := range tests {
		if got := tt.p.DisplayString(); got != tt.want {
			t.Errorf("DisplayString() = %q, want %q", got, tt.want)
		}
	}
}
