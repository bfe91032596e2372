package article

import (
	"bytes"
	"html"
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

func TestArticle_Markdown(t *testing.T) {
	tests := []struct {
		name string
		a    Article
		want string
	}{
		{
			name: "every part",
			a: Article{
				Format: FormatWire, Headline: "Talks Resume", Byline: "Jane Roe",
				Place: "MOSCOW", Date: "Feb 1", Source: "Reuters",
				Paragraphs: []string{"First.", "Second."},
				Notes:      []Note{{Text: "A note."}},
				Reactions: []Reaction{
					{Name: "Dr. A", Role: "Fellow", Location: "Moscow", Quote: "Yes."},
					{Name: "B", Quote: "No."},
				},
			},
			want: "# Talks Resume\n\n*By Jane Roe*\n\n**MOSCOW** · Feb 1 · Reuters\n\nFirst.\n\nSecond.\n\n" +
				"## Reactions\n\nA note.\n\n> Yes.\n\n— **Dr. A**, Fellow (Moscow)\n\n> No.\n\n— **B**\n",
		},
		{
			name: "headline only",
			a:    Article{Headline: "Just This"},
			want: "# Just This\n",
		},
		{
			name: "dateline leaves out absent parts",
			a:    Article{Headline: "H", Date: "4 May 2023", Source: "AP", Paragraphs: []string{"P."}},
			want: "# H\n\n4 May 2023 · AP\n\nP.\n",
		},
		{
			name: "notes alone open the reactions section",
			a:    Article{Headline: "H", Notes: []Note{{Text: "Only a note."}}},
			want: "# H\n\n## Reactions\n\nOnly a note.\n",
		},
		{
			name: "attribution without name",
			a:    Article{Headline: "H", Reactions: []Reaction{{Role: "Analyst", Location: "Paris", Quote: "Q"}}},
			want: "# H\n\n## Reactions\n\n> Q\n\n— Analyst (Paris)\n",
		},
		{
			name: "plain text is escaped",
			a: Article{Format: FormatJSON, Headline: "*BREAKING* _news_", Paragraphs: []string{"# not a heading", "1. not a list"},
				Reactions: []Reaction{{Name: "[Name]", Quote: "> quoted `code`"}}},
			want: "# \\*BREAKING\\* \\_news\\_\n\n\\# not a heading\n\n1\\. not a list\n\n## Reactions\n\n" +
				"> \\> quoted \\`code\\`\n\n— **\\[Name\\]**\n",
		},
		{
			name: "Markdown bodies are kept, metadata escaped",
			a: Article{Format: FormatMarkdown, Headline: "A *real* title", Paragraphs: []string{"Some *emphasis*.", "- a list"},
				Notes: []Note{{Text: "**Bold** note"}}, Reactions: []Reaction{{Name: "N", Quote: "line one\n\nline *two*"}}},
			want: "# A \\*real\\* title\n\nSome *emphasis*.\n\n- a list\n\n## Reactions\n\n**Bold** note\n\n" +
				"> line one\n>\n> line *two*\n\n— **N**\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.a.Markdown(); got != tt.want {
				t.Errorf("Markdown():\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

// renderedText renders md as Glamour's parser does (goldmark with GFM)
// and returns the text a reader would see, tags removed.
func renderedText(t *testing.T, md string) (string, string) {
	t.Helper()
	var buf bytes.Buffer
	if err := goldmark.New(goldmark.WithExtensions(extension.GFM)).Convert([]byte(md), &buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	text := regexp.MustCompile(`<[^>]*>`).ReplaceAllString(out, "")
	return strings.TrimSpace(html.UnescapeString(text)), out
}

// markup matches the HTML of any Markdown syntax but a paragraph and a
// linkified URL.
var markup = regexp.MustCompile(`<(em|strong|code|pre|h[1-6]|ul|ol|li|blockquote|img|table|del|hr|b)\b`)

func TestEscapeMarkdown_ShowsTextLiterally(t *testing.T) {
	tests := []string{
		"*BREAKING*",
		"_under_ and __double__",
		"# Not a heading",
		"### Nor this",
		"> not a quote",
		"- not a list",
		"+ not a list",
		"* not a list",
		"1. not a list",
		"2024) not a list",
		"---",
		"===",
		"```go",
		"~~~",
		"~~struck~~",
		"[link](http://example.com)",
		"![image](x.png)",
		"<b>html</b> and <https://auto.link>",
		"&amp; stays &amp;",
		"a | table | row",
		"back\\slash\\",
		"`code`",
		"Smith & Sons <smith@example.com>",
		"Russia's \"consistent\" support — 5% up (AP)",
	}
	for _, in := range tests {
		t.Run(in, func(t *testing.T) {
			got, htmlOut := renderedText(t, EscapeMarkdown(in))
			if got != in {
				t.Errorf("EscapeMarkdown(%q) = %q renders as %q (html %q)", in, EscapeMarkdown(in), got, htmlOut)
			}
			// Bare URLs may become links (GFM linkify): same text, no syntax.
			if markup.MatchString(htmlOut) || !strings.HasPrefix(htmlOut, "<p>") {
				t.Errorf("%q is not one plain paragraph: %q", in, htmlOut)
			}
		})
	}
}

func TestEscapeMarkdown_LeadingSpacesNeverMakeCode(t *testing.T) {
	got, htmlOut := renderedText(t, EscapeMarkdown("first line\n        indented"))
	if strings.Contains(htmlOut, "<code>") || got != "first line\nindented" {
		t.Errorf("got %q (html %q)", got, htmlOut)
	}
}

// TestArticle_MarkdownSeed pins the Markdown of the bundled seed article
// (regenerate with go test ./article -update).
func TestArticle_MarkdownSeed(t *testing.T) {
	const path = "seeds/000_6b8f1c3f41772375.txt"
	data, err := os.ReadFile("../" + path)
	if err != nil {
		t.Fatal(err)
	}
	arts, probs := Parse(path, data, FormatWire)
	if len(arts) != 1 || len(probs) != 0 {
		t.Fatalf("seed: %d articles, problems %v", len(arts), probs)
	}
	golden.RequireEqual(t, arts[0].Markdown())
}

// noteTexts is the text of each note, in order.
func noteTexts(ns []Note) []string {
	var out []string
	for _, n := range ns {
		out = append(out, n.Text)
	}
	return out
}

func TestMarkdown_NotesKeepTheirPlaceAmongQuotes(t *testing.T) {
	a, probs := parseWire("H\n\nBody.\n\nReactions\n\nEarly remark.\n\nAnn, Farmer: \"One.\"\n\nBo, Baker: \"Two.\"\n\nFurther reactions are expected.\n")
	if len(probs) != 0 {
		t.Fatal(probs)
	}
	want := []Note{{Text: "Early remark.", After: 0}, {Text: "Further reactions are expected.", After: 2}}
	if !reflect.DeepEqual(a.Notes, want) || a.ReactionsHeading != "Reactions" {
		t.Fatalf("notes %+v heading %q, want %+v", a.Notes, a.ReactionsHeading, want)
	}
	md := a.Markdown()
	early, one, two, further := strings.Index(md, "Early"), strings.Index(md, "One."), strings.Index(md, "Two."), strings.Index(md, "Further")
	if !(early < one && one < two && two < further) {
		t.Errorf("order in Markdown: early %d, one %d, two %d, further %d\n%s", early, one, two, further, md)
	}
}
