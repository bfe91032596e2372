package article

import (
	"strings"
	"testing"

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
		{Headline: "Russia Reaffirms Backing for China's Taiwan Stance", Place: "MOSCOW", Date: "Feb 1", Source: "Reuters",
			Reactions: make([]Reaction, 4)},
		{Headline: "台湾海峡の緊張が高まる中で各国が声明を発表", Place: "TAIPEI, Taiwan", Date: "4 May 2023"},
	}
	tests := []struct {
		name  string
		width int
		want  string
	}{
		{"untruncated", 0, "" +
			"HEADLINE                                            PLACE           DATE        SOURCE   REACTIONS\n" +
			"Russia Reaffirms Backing for China's Taiwan Stance  MOSCOW          Feb 1       Reuters          4\n" +
			"台湾海峡の緊張が高まる中で各国が声明を発表          TAIPEI, Taiwan  4 May 2023                   0\n"},
		{"cut to 70 cells", 70, "" +
			"HEADLINE                PLACE           DATE        SOURCE   REACTIONS\n" +
			"Russia Reaffirms Back…  MOSCOW          Feb 1       Reuters          4\n" +
			"台湾海峡の緊張が高ま…   TAIPEI, Taiwan  4 May 2023                   0\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Table(arts, tt.width)
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
