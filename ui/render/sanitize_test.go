package render

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/newsdesk/newsdesk/article"
)

// controls are the code points no rendering may write: C0, DEL and C1.
func controls() []rune {
	var cps []rune
	for cp := rune(0); cp < 0x20; cp++ {
		cps = append(cps, cp)
	}
	cps = append(cps, 0x7f)
	for cp := rune(0x80); cp <= 0x9f; cp++ {
		cps = append(cps, cp)
	}
	return cps
}

// references writes cp as every form of character reference: decimal and
// hexadecimal, x and X, lower- and upper-case digits, with and without
// leading zeros, with and without the final ";".
func references(cp rune) []string {
	forms := []string{
		fmt.Sprintf("&#%d", cp), fmt.Sprintf("&#%07d", cp),
		fmt.Sprintf("&#x%x", cp), fmt.Sprintf("&#X%X", cp),
		fmt.Sprintf("&#x%06X", cp), fmt.Sprintf("&#X%02x", cp),
	}
	var refs []string
	for _, f := range forms {
		refs = append(refs, f+";", f)
	}
	return refs
}

// hostileText is every control as every form of reference, each one
// followed by what it would start as an escape (an OSC title, a CSI, a
// DCS query), so that a decoded control would make a working sequence.
func hostileText() string {
	var parts []string
	payloads := []string{"]0;T&#7;", "[2J", "P$qm&#x1b;\\"}
	for _, cp := range controls() {
		for i, ref := range references(cp) {
			parts = append(parts, ref+payloads[i%len(payloads)])
		}
	}
	// An OSC 8 hyperlink and clipboard write built from references.
	parts = append(parts, "&#x1b;]8;;http://evil.example/&#x1b;\\click&#x1b;]8;;&#x1b;\\",
		"&#27;]52;c;UFdORUQ=&#7;", "&#155;31m", "&#x9d;0;T&#x9c;", "&#x202e;RTL&#x2066;")
	return strings.Join(parts, " ")
}

// chunks cuts s at spaces into pieces of at most n bytes.
func chunks(s string, n int) []string {
	var out []string
	for len(s) > n {
		i := strings.LastIndexByte(s[:n], ' ')
		if i <= 0 {
			i = n
		}
		out = append(out, s[:i])
		s = strings.TrimLeft(s[i:], " ")
	}
	return append(out, s)
}

// TestRender_ReferencesNeverBecomeControls renders every C0 and C1
// control written as every form of character reference, in every field of
// every format, parsed from real files by the real parsers, through the
// real renderer (both variants, several styles): the output holds no
// escape, control or C1 byte but newsdesk's own SGR and OSC 8.
func TestRender_ReferencesNeverBecomeControls(t *testing.T) {
	untimed(t)
	hostile := hostileText()
	// Some fields are one line of limited length (a wire byline, a
	// dateline's parts): those get pieces of the text, one article each.
	pieces := chunks(hostile, 100)
	var cases []struct {
		name string
		a    *article.Article
	}
	add := func(name string, a *article.Article) {
		cases = append(cases, struct {
			name string
			a    *article.Article
		}{name, a})
	}
	yq := func(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
	jq := func(s string) string { return fmt.Sprintf("%q", s) }

	// Wire: headline, paragraph, reaction name, role, location and quote,
	// note; the byline and the dateline's source take pieces.
	add("wire/every field", parseOne(t, "w.txt", hostile+"\n"+
		"MOSCOW, Feb 1 (Reuters) — "+hostile+"\n"+
		"Reactions\n"+
		strings.ReplaceAll(hostile, ",", "")+", Role "+hostile+" (Loc "+hostile+"): \""+hostile+"\"\n"+
		"A note: "+hostile+"\n", article.FormatWire))
	for i, p := range pieces {
		add(fmt.Sprintf("wire/byline %d", i), parseOne(t, "w.txt", "Headline\nBy "+p+"\nBody.\n", article.FormatWire))
	}
	// JSON: every field.
	add("json/every field", parseOne(t, "j.json", `{"headline":`+jq(hostile)+`,"byline":`+jq(hostile)+
		`,"place":`+jq(hostile)+`,"date":`+jq(hostile)+`,"source":`+jq(hostile)+
		`,"body":[`+jq(hostile)+`,`+jq(hostile)+`],"reactions":[{"name":`+jq(hostile)+`,"role":`+jq(hostile)+
		`,"location":`+jq(hostile)+`,"quote":`+jq(hostile)+`}]}`, article.FormatJSON))
	// Markdown: every front-matter string (one article each: front
	// matter is at most 64 KiB), the body, a section quote and a note.
	for _, field := range []string{"title", "byline", "place", "date", "source"} {
		fm := "title: T\n"
		if field != "title" {
			fm += field + ": " + yq(hostile) + "\n"
		} else {
			fm = "title: " + yq(hostile) + "\n"
		}
		add("markdown/"+field, parseOne(t, "m.md", "---\n"+fm+"---\n\nBody.\n", article.FormatMarkdown))
	}
	for _, field := range []string{"name", "role", "location", "quote"} {
		r := "name: N\n    " + field + ": " + yq(hostile)
		if field == "name" {
			r = "name: " + yq(hostile)
		}
		add("markdown/reaction "+field, parseOne(t, "m.md", "---\ntitle: T\nreactions:\n  - "+r+"\n---\n\nBody.\n", article.FormatMarkdown))
	}
	add("markdown/body", parseOne(t, "m.md", "---\ntitle: T\n---\n\n"+hostile+
		"\n\n## Reactions\n\n> "+hostile+"\n> — Ann, Analyst\n\n"+hostile+"\n", article.FormatMarkdown))
	// The same fields set directly, so the renderer is tested on its own
	// whatever the parsers already do with references.
	for _, f := range []article.Format{article.FormatWire, article.FormatJSON, article.FormatMarkdown} {
		add("direct/"+string(f), &article.Article{
			Format: f, Headline: hostile, Byline: hostile, Place: hostile, Date: hostile, Source: hostile,
			Paragraphs: []string{hostile}, ReactionsHeading: hostile,
			Reactions: []article.Reaction{{Name: hostile, Role: hostile, Location: hostile, Quote: hostile}},
			Notes:     []article.Note{{Text: hostile, After: 1}},
		})
	}
	// The full variant holds every block the body variant does.
	for _, c := range cases {
		for _, st := range []Style{"dark", "notty"} {
			t.Run(fmt.Sprintf("%s/%s", c.name, st), func(t *testing.T) {
				t.Parallel()
				out := renderArticle(t, c.a, 100, st, Full)
				if bad := unsafe(out); bad != "" {
					t.Fatalf("%s", bad)
				}
				if strings.Contains(ansi.Strip(out), "Shown as plain text") {
					t.Fatalf("rendered as plain text, not by Glamour:\n%s", ansi.Strip(out))
				}
				// In Markdown a reference to a control shows as U+FFFD,
				// where it was; wire and JSON text (and front-matter
				// strings) are plain text, where "&#x1b;" is just that.
				markdown := c.name == "markdown/body" || c.name == "direct/markdown"
				if markdown && !strings.Contains(out, "\uFFFD]0;T") {
					t.Errorf("no U+FFFD where a reference to ESC was:\n%s", ansi.Strip(out))
				}
			})
		}
	}
}

// TestRender_MarkdownRoutesToControls covers every way Markdown makes
// text of its own: character references in link targets and titles,
// autolinks, image alt text and titles, code spans and blocks, raw HTML
// and HTML blocks, reference definitions, tables, headings, emphasis and
// a hyperlink written as escapes. Nothing of it may reach the terminal
// as a control, and the only hyperlinks are to safe URLs.
func TestRender_MarkdownRoutesToControls(t *testing.T) {
	x := "&#x1b;]0;PWNED&#7;&#155;2J&#x9d;52;c;QQ==&#x9c;"
	bodies := map[string]string{
		"link target":       "[text](http://example.com/" + x + " \"title " + x + "\")",
		"link text":         "[text " + x + "](http://example.com/)",
		"reference link":    "[text][r]\n\n[r]: http://example.com/" + x + " \"t " + x + "\"",
		"autolink":          "<http://example.com/" + x + "> and <a" + x + "@example.com> and www.example.com/" + x,
		"image":             "![alt " + x + "](http://example.com/i.png" + x + " \"title " + x + "\")",
		"code span":         "`" + x + "` and ``" + x + "``",
		"fenced code":       "```" + x + "\n" + x + "\n```",
		"indented code":     "    " + x,
		"raw HTML":          "<b title=\"" + x + "\">" + x + "</b> <span>&#x1b;</span>",
		"HTML block":        "<div>\n" + x + "\n</div>",
		"table":             "| a" + x + " | b |\n|---|---|\n| " + x + " | [l](http://e.com/" + x + ") |",
		"heading":           "# " + x + "\n\n## " + x,
		"emphasis":          "*" + x + "* **" + x + "** ~~" + x + "~~",
		"list and quote":    "- " + x + "\n  > " + x + "\n1. " + x,
		"definition list":   "Term " + x + "\n: Definition " + x,
		"escaped reference": "\\&#x1b;]0;T&#7; and \\\\&#x1b;]0;T&#7;",
		"OSC 8 as text":     "&#x1b;]8;;http://evil.example/&#x1b;\\click&#x1b;]8;;&#x1b;\\",
		"unsafe link":       "[a](javascript:alert(1)) [b](http://exa mple.com) [c](file:///etc/passwd) [d](http://e.com/\u009b)",
	}
	for name, body := range bodies {
		t.Run(name, func(t *testing.T) {
			a := &article.Article{Format: article.FormatMarkdown, Headline: "H", Paragraphs: []string{body}}
			for _, st := range []Style{"dark", "notty", "pink+nocolor"} {
				out := renderArticle(t, a, 80, st, Full)
				if bad := unsafe(out); bad != "" {
					t.Fatalf("%s: %s", st, bad)
				}
			}
		})
	}
}

// TestRender_RawControlsInFields: an article whose fields hold raw escape
// sequences (as if a parser had let them through) renders without them.
func TestRender_RawControlsInFields(t *testing.T) {
	raw := "a\x1b]0;T\x07b\x1b[2Jc\x1bP$qm\x1b\\d\u009b31me\u009d0;T\u009cf\x07g\x00h\u202ei\x1b]8;;http://evil/\x07j"
	for _, f := range []article.Format{article.FormatWire, article.FormatMarkdown} {
		a := &article.Article{Format: f, Headline: raw, Paragraphs: []string{raw, "`" + raw + "`"},
			Reactions: []article.Reaction{{Name: raw, Quote: raw}}}
		out := renderArticle(t, a, 80, "dark", Full)
		if bad := unsafe(out); bad != "" {
			t.Errorf("%s: %s", f, bad)
		}
	}
}

func TestSanitizeOutput(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"text and SGR kept", "a \x1b[1;38;5;228mbold\x1b[m z", "a \x1b[1;38;5;228mbold\x1b[m z"},
		{"newline kept, tab spaced", "a\tb\nc", "a    b\nc"},
		{"cursor CSI dropped", "a\x1b[2Jb\x1b[10;10Hc\x1b[?1049hd", "abcd"},
		{"SGR with a private marker dropped", "a\x1b[?1mb", "ab"},
		{"OSC title and clipboard dropped", "a\x1b]0;T\x07b\x1b]52;c;QQ==\x1b\\c", "abc"},
		{"DCS, APC, PM, SOS dropped", "a\x1bP$qm\x1b\\b\x1b_G\x1b\\c\x1b^x\x1b\\d\x1bXy\x1b\\e", "abcde"},
		{"8-bit C1 bytes dropped", "a\x9b2Jb\x9d0;T\x9cc", "abc"},
		{"C1 characters dropped", "a\u009b2Jb\u0085c", "a2Jbc"},
		{"C0 controls dropped", "a\x07b\x00c\x08d\re\x7ff", "abcdef"},
		{"bidi controls dropped", "a\u202eb\u2066c\u2069d", "abcd"},
		{"other ESC sequences dropped", "a\x1bcb\x1b7c\x1b(Bd", "abcd"},
		{"invalid UTF-8 dropped, U+FFFD kept", "a\xffb\xc3c\uFFFDd", "abc\uFFFDd"},
		{"combining marks kept", "e\u0301 \u4e2d", "e\u0301 \u4e2d"},
		{"safe hyperlink made anew", "\x1b]8;id=1;https://example.com/a?b=c\x1b\\x\x1b]8;;\x1b\\", "\x1b]8;;https://example.com/a?b=c\x07x\x1b]8;;\x07"},
		{"unsafe hyperlinks ended", "\x1b]8;;javascript:x\x07a\x1b]8;;file:///etc\x07b\x1b]8;;http://a b\x07c", "\x1b]8;;\x07a\x1b]8;;\x07b\x1b]8;;\x07c"},
		{"unterminated OSC swallows nothing visible", "a\x1b]0;title", "a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := sanitizeOutput(tt.in)
			if got != tt.want {
				t.Errorf("sanitizeOutput(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if bad := unsafe(got); bad != "" {
				t.Errorf("%s", bad)
			}
		})
	}
}

func TestSafeLink(t *testing.T) {
	tests := map[string]bool{
		"https://example.com/a?b=c#d": true,
		"HTTP://EXAMPLE.COM":          true,
		"mailto:ann@example.com":      true,
		"":                            false,
		"javascript:alert(1)":         false,
		"file:///etc/passwd":          false,
		"/relative/path":              false,
		"http://":                     false,
		"http://exa mple.com":         false,
		"http://example.com/\x1b":     false,
		"http://example.com/\x07":     false,
		"http://example.com/é":        false,
		"http://example.com/\u009c":   false,
		"https://example.com/" + strings.Repeat("a", maxLinkLen): false,
	}
	for u, want := range tests {
		if got := safeLink(u); got != want {
			t.Errorf("safeLink(%q) = %v, want %v", u, got, want)
		}
	}
}

func TestResolveText_AsCommonMarkReadsIt(t *testing.T) {
	tests := []struct{ in, want string }{
		{`a \& b`, "a & b"},
		{`\\ \* \_ \# \[ \] \! \~ \|`, `\ * _ # [ ] ! ~ |`},
		{`\a \é`, `\a \é`}, // only ASCII punctuation is escaped
		{"&amp; &lt; &copy; &ClockwiseContourIntegral;", "& < © ∲"},
		{`\&amp;`, "&amp;"},
		{"&#65; &#0065; &#x41; &#X41; &#x0041;", "A A A A A"},
		{"&#65 &#x41 &bogus; &amp &#; &#x;", "&#65 &#x41 &bogus; &amp &#; &#x;"},
		{"&#12345678; &#x1234567;", "&#12345678; &#x1234567;"}, // too many digits
		{"&#0; &#xD800; &#x110000; &#9999999;", "\uFFFD \uFFFD \uFFFD \uFFFD"},
		{"&#27; &#x1b; &#X1B; &#155; &#x9D; &#7; &#127; &#x202E;", "\uFFFD \uFFFD \uFFFD \uFFFD \uFFFD \uFFFD \uFFFD \uFFFD"},
		{"&#9; &#10;", "\t \n"},
		{"中文 &#x4e2d;", "中文 中"},
	}
	for _, tt := range tests {
		if got := resolveText([]byte(tt.in)); got != tt.want {
			t.Errorf("resolveText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := string(encode(`a & \ b`, true, 2)); got != `a &amp; \\\\ b` {
		t.Errorf("encode: got %q", got)
	}
}
