package render

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/newsdesk/newsdesk/article"
)

// screen is what out shows: its text without styling, each line's
// margin and trailing blanks removed.
func screen(out string) []string {
	lines := strings.Split(ansi.Strip(out), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSpace(l)
	}
	return lines
}

const punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"

// punctuated is field text with punctuation character c where Markdown
// would read it as syntax: first in the field, inside a word, doubled,
// last; tag tells the fields of one article apart.
func punctuated(c rune, tag string) string {
	return fmt.Sprintf("%cx %s a%cb %c%c d%c", c, tag, c, c, c, c)
}

// TestRender_PunctuationShowsAsWritten: every ASCII punctuation character
// in a headline, a paragraph, a quote, a role and a location of wire and
// JSON articles, and in every front-matter string of a Markdown article,
// shows on screen exactly as the file says it, through the real parsers
// and the real renderer (no `\&`, no lost `*`).
func TestRender_PunctuationShowsAsWritten(t *testing.T) {
	untimed(t)
	// Characters a wire field cannot hold because the wire grammar uses
	// them there (a role ends at "(" or ":", a quote at its quote mark).
	wireGrammar := map[string]string{"role": `():"`, "location": `():"`, "quote": `"`}
	jq := func(s string) string { return fmt.Sprintf("%q", s) }
	yq := func(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
	type field struct {
		name string
		got  func(*article.Article) string
	}
	fields := []field{
		{"headline", func(a *article.Article) string { return a.Headline }},
		{"paragraph", func(a *article.Article) string { return a.Paragraphs[0] }},
		{"quote", func(a *article.Article) string { return a.Reactions[0].Quote }},
		{"role", func(a *article.Article) string { return a.Reactions[0].Role }},
		{"location", func(a *article.Article) string { return a.Reactions[0].Location }},
	}
	for _, c := range punctuation {
		// One article per format with c in every field, each field tagged.
		v := func(format, name string) string {
			if format == "wire" && strings.ContainsRune(wireGrammar[name], c) {
				return "Plain " + name
			}
			return punctuated(c, name)
		}
		arts := map[string]*article.Article{
			"json": parseOne(t, "a.json", `{"headline":`+jq(v("json", "headline"))+`,"body":[`+jq(v("json", "paragraph"))+
				`],"reactions":[{"name":"Ann Lee","role":`+jq(v("json", "role"))+`,"location":`+jq(v("json", "location"))+
				`,"quote":`+jq(v("json", "quote"))+`}]}`, article.FormatJSON),
			"wire": parseOne(t, "a.txt", v("wire", "headline")+"\nMOSCOW, Feb 1 (Reuters) — "+v("wire", "paragraph")+
				"\nReactions\nAnn Lee, "+v("wire", "role")+" ("+v("wire", "location")+"): \""+v("wire", "quote")+"\"\n", article.FormatWire),
		}
		for format, a := range arts {
			var want []string
			for _, f := range fields {
				if got := f.got(a); got != v(format, f.name) {
					t.Fatalf("%s %s %q: the parser read %q", format, f.name, v(format, f.name), got)
				}
				want = append(want, v(format, f.name))
			}
			checkShown(t, fmt.Sprintf("%s, %q", format, c), a, want...)
		}
		// Front matter: every string field, plain text in a Markdown file.
		fm := ""
		var want []string
		for _, key := range []string{"title", "byline", "place", "date", "source"} {
			fm += key + ": " + yq(punctuated(c, key)) + "\n"
			want = append(want, punctuated(c, key))
		}
		want[1] = "By " + want[1]
		fm += "reactions:\n  - quote: Q"
		for _, key := range []string{"name", "role", "location"} {
			fm += "\n    " + key + ": " + yq(punctuated(c, key))
			want = append(want, punctuated(c, key))
		}
		a := parseOne(t, "a.md", "---\n"+fm+"\n---\n\nBody.\n", article.FormatMarkdown)
		checkShown(t, fmt.Sprintf("front matter, %q", c), a, want...)
	}
}

// checkShown fails unless rendering a shows each of want on one line, in
// full.
func checkShown(t *testing.T, what string, a *article.Article, want ...string) {
	t.Helper()
	lines := screen(renderArticle(t, a, 200, "dark", Full))
	for _, w := range want {
		if !slices.ContainsFunc(lines, func(l string) bool { return strings.Contains(l, w) }) {
			t.Errorf("%s: %q not on screen as written:\n%s", what, w, strings.Join(lines, "\n"))
		}
	}
}

// TestRender_MarkdownBodyIsMarkdown: a Markdown article's body renders
// as Markdown (its markup does not show), its metadata as plain text.
func TestRender_MarkdownBodyIsMarkdown(t *testing.T) {
	a := parseOne(t, "a.md", "---\ntitle: A *starred* title\n---\n\nSome *emphasis*, **bold**, `code` and a [link](https://example.com/) &amp; \\*stars\\*.\n\n- one\n- two\n", article.FormatMarkdown)
	out := renderArticle(t, a, 100, "dark", Full)
	// Code spans are padded with a space each side: compare words.
	text := strings.Join(strings.Fields(strings.Join(screen(out), "\n")), " ")
	for _, want := range []string{"A *starred* title", "Some emphasis, bold, code and a link https://example.com/ & *stars*.", "• one"} {
		if !strings.Contains(text, want) {
			t.Errorf("want %q on screen:\n%s", want, text)
		}
	}
	if !strings.Contains(out, "\x1b[3") && !strings.Contains(out, ";3m") && !strings.Contains(out, ";3;") {
		t.Errorf("emphasis is not italic:\n%q", out)
	}
}

// longQuote is a quote long enough to wrap many times at any width,
// words of every length.
var longQuote = strings.Repeat("Security sovereignty a interference coordination is non-negotiable, and the U.S.-led order a I counterweight. ", 12)

// TestRender_QuotesWrapInsideTheirBar: at every width from 30 to 200,
// every line of every rendered blockquote carries its bar, and the
// quote's words are all inside it (none falls out on a line of its own),
// for the seed and an article with a long quote; nested quotes and the
// ascii style's bar at a few widths.
func TestRender_QuotesWrapInsideTheirBar(t *testing.T) {
	untimed(t)
	long := &article.Article{Format: article.FormatJSON, Headline: "H", Paragraphs: []string{"Body."},
		Reactions: []article.Reaction{{Name: "Ann", Role: "Analyst", Quote: longQuote}, {Name: "Bo", Quote: "Short."}}}
	nested := &article.Article{Format: article.FormatMarkdown, Headline: "H",
		Paragraphs: []string{"> " + longQuote + "\n>\n> > " + longQuote}}
	// The seed's reactions section: its quotes are what is swept.
	seed := seedArticle(t)
	seedQuotes := &article.Article{Format: seed.Format, Headline: seed.Headline,
		ReactionsHeading: seed.ReactionsHeading, Reactions: seed.Reactions}
	some := []int{30, 41, 57, 80, 99, 100, 133, 200}
	type sweep struct {
		name   string
		a      *article.Article
		st     Style
		widths []int
	}
	cases := []sweep{
		{"long", long, "ascii", some},
		{"seed", seed, "light+nocolor", some},
		{"nested", nested, "dark", some},
	}
	// Every width from 30 to 200, in runs that can go in parallel.
	for from := 30; from <= 200; from += 43 {
		var run []int
		for w := from; w < from+43 && w <= 200; w++ {
			run = append(run, w)
		}
		cases = append(cases, sweep{"seed quotes " + strconv.Itoa(from), seedQuotes, "dark", run},
			sweep{"long " + strconv.Itoa(from), long, "dark", run})
	}
	for _, c := range cases {
		bar := "│"
		if c.st == "ascii" {
			bar = "|"
		}
		t.Run(c.name+"/"+string(c.st), func(t *testing.T) {
			t.Parallel()
			sweepQuotes(t, c.name, c.a, c.st, bar, c.widths)
		})
	}
}

// sweepQuotes renders a at each of widths and checks that every line of
// a quote has its bar and that every reaction's quote is inside one.
func sweepQuotes(t *testing.T, name string, a *article.Article, st Style, bar string, widths []int) {
	for _, w := range widths {
		lines := screen(renderArticle(t, a, w, st, Full))
		fail := func(format string, args ...any) {
			t.Fatalf("%s %s width %d: %s\n%s", name, st, w, fmt.Sprintf(format, args...), strings.Join(lines, "\n"))
		}
		var got []string
		for i := 0; i < len(lines); i++ {
			if !strings.HasPrefix(lines[i], bar) {
				continue
			}
			// A quote: every line up to the next blank one carries the
			// bar.
			var words []string
			for ; i < len(lines) && lines[i] != ""; i++ {
				if !strings.HasPrefix(lines[i], bar) {
					fail("line %q of a quote has no bar", lines[i])
				}
				words = append(words, strings.Fields(strings.ReplaceAll(lines[i], bar, ""))...)
			}
			// Compared without white space: lines may break after a
			// hyphen.
			got = append(got, strings.Join(words, ""))
		}
		if len(got) == 0 {
			fail("no quote drawn")
		}
		for _, r := range a.Reactions {
			if q := strings.Join(strings.Fields(r.Quote), ""); !slices.Contains(got, q) {
				fail("quote %.30q… not shown whole inside its bar", r.Quote)
			}
		}
	}
}

// TestRender_NoLineWiderThanPane: CJK, emoji and long words never make a
// line wider than the width asked for.
func TestRender_NoLineWiderThanPane(t *testing.T) {
	a := &article.Article{Format: article.FormatJSON, Headline: "🚀 Lunar Launch 🌕 Draws Seven Very Different Verdicts 🌍",
		Paragraphs: []string{chineseParagraph, strings.Repeat("x", 300), "Officials called it a success."},
		Reactions:  []article.Reaction{{Name: "王小明", Quote: chineseParagraph}}}
	for _, w := range []int{1, 2, 10, 20, 40, 80, 100} {
		out := renderArticle(t, a, w, "dark", Full)
		if w >= 20 && !strings.Contains(strings.Join(strings.Fields(ansi.Strip(out)), ""), "中国外交部") {
			t.Errorf("width %d: the Chinese paragraph is missing", w)
		}
		for _, l := range strings.Split(out, "\n") {
			if sw := ansi.StringWidth(l); sw > w {
				t.Errorf("width %d: line %q is %d cells", w, ansi.Strip(l), sw)
			}
		}
	}
}

// chineseParagraph is a paragraph of Chinese without a single space.
const chineseParagraph = "中国外交部发言人周一表示，中方愿同各方一道，继续为推动地区和平稳定发挥建设性作用。发言人强调，台湾问题是中国内政，不容任何外部势力干涉。分析人士认为，这一表态再次显示出北京在核心利益问题上的坚定立场，同时也反映出中俄两国在国际事务中日益密切的协调与合作。"

func TestRender_CJKParagraphFillsThePane(t *testing.T) {
	// Without the pre-wrap Glamour leaves the whole paragraph on one line
	// (cut at the pane edge); with it the paragraph spans several lines.
	out, err := Markdown(t.Context(), chineseParagraph+"\n", 40, "dark")
	if err != nil {
		t.Fatal(err)
	}
	text := ansi.Strip(out)
	if n := strings.Count(strings.TrimSpace(text), "\n") + 1; n < 5 {
		t.Errorf("CJK paragraph on %d lines at width 40:\n%s", n, text)
	}
	if strings.Join(strings.Fields(text), "") != chineseParagraph {
		t.Errorf("characters lost or changed:\n%s", text)
	}
}

func TestPreWrapCJK_WrapsOnlyLongSpacelessRuns(t *testing.T) {
	tests := []struct {
		name, in string
		width    int
		changed  bool
	}{
		{"chinese paragraph", chineseParagraph, 40, true},
		{"chinese in a quote", "> " + chineseParagraph, 40, true},
		{"short chinese", "中国外交部", 40, false},
		{"english", strings.Repeat("word ", 50), 40, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := preWrapCJK(tt.in, tt.width)
			if (out != tt.in) != tt.changed {
				t.Fatalf("changed = %v; want %v:\n%s", out != tt.in, tt.changed, out)
			}
			if !tt.changed {
				return
			}
			for _, l := range strings.Split(out, "\n") {
				if w := ansi.StringWidth(strings.TrimRight(l, " ")); w > tt.width {
					t.Errorf("line %q is %d cells wide, over %d", l, w, tt.width)
				}
				if tt.name == "chinese in a quote" && !strings.HasPrefix(l, "> ") {
					t.Errorf("quote line %q lost its marker", l)
				}
			}
		})
	}
}

// TestRender_Variants: the full rendering has the headline and the
// dateline, the reader's body variant neither; both have the rest, the
// reactions section under the heading the file gives it.
func TestRender_Variants(t *testing.T) {
	a := seedArticle(t)
	full := strings.Join(screen(renderArticle(t, a, 100, "dark", Full)), "\n")
	body := strings.Join(screen(renderArticle(t, a, 100, "dark", Body)), "\n")
	for _, s := range []string{"Russia Reaffirms Backing", "MOSCOW · Feb 1 · Reuters"} {
		if strings.Count(full, s) != 1 || strings.Contains(body, s) {
			t.Errorf("%q: %d times in the full rendering, in the body variant: %v", s, strings.Count(full, s), strings.Contains(body, s))
		}
	}
	for _, s := range []string{"Sergei Shoigu", "## Reaction & Analysis", "Former Diplomat & Commentator"} {
		if !strings.Contains(full, s) || !strings.Contains(body, s) {
			t.Errorf("%q missing from a variant", s)
		}
	}
}
