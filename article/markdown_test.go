package article

import (
	"os"
	"reflect"
	"strings"
	"testing"
	"time"
)

// parseMD runs the whole pipeline (Parse, so the sanitiser too) on Markdown
// and fails the test unless exactly one article loads without a problem.
func parseMD(t *testing.T, text string) Article {
	t.Helper()
	arts, probs := Parse("t.md", []byte(text), FormatMarkdown)
	if len(arts) != 1 || len(probs) != 0 {
		t.Fatalf("Parse(%q): %d articles, problems %v", text, len(arts), probs)
	}
	return arts[0]
}

// parseMDError runs Parse on Markdown that must not load and returns its
// one problem.
func parseMDError(t *testing.T, text string) Problem {
	t.Helper()
	arts, probs := Parse("t.md", []byte(text), FormatMarkdown)
	if len(arts) != 0 || len(probs) != 1 || probs[0].Severity != SeverityError {
		t.Fatalf("Parse(%q): %d articles, problems %v; want one error and no article", text, len(arts), probs)
	}
	return probs[0]
}

func TestParseMarkdown_FrontMatter(t *testing.T) {
	tests := []struct {
		name                                  string
		in                                    string
		headline, byline, place, date, source string
		tags                                  []string
		paras                                 []string
	}{
		{name: "every field", in: "---\ntitle: Storm Hits\nbyline: By Ann Lee\nplace: WICHITA, Kan.\ndate: Feb. 1, 2024\nsource: AP\ntags: [weather, power]\n---\nBody.\n",
			headline: "Storm Hits", byline: "Ann Lee", place: "WICHITA, Kan.", date: "Feb. 1, 2024", source: "AP",
			tags: []string{"weather", "power"}, paras: []string{"Body."}},
		{name: "YAML date kept as written", in: "---\ntitle: T\ndate: 2024-02-01\n---\nBody.\n", headline: "T", date: "2024-02-01", paras: []string{"Body."}},
		{name: "date and time kept as written", in: "---\ntitle: T\ndate: 2024-02-01T09:30:00+01:00\n---\nBody.\n", headline: "T", date: "2024-02-01T09:30:00+01:00", paras: []string{"Body."}},
		{name: "short date kept as written", in: "---\ntitle: T\ndate: Feb 1\n---\nBody.\n", headline: "T", date: "Feb 1", paras: []string{"Body."}},
		{name: "quoted date", in: "---\ntitle: T\ndate: \"01/02/2024\"\n---\nBody.\n", headline: "T", date: "01/02/2024", paras: []string{"Body."}},
		{name: "byline wins over author", in: "---\ntitle: T\nauthor: Bob Roe\nbyline: Ann Lee\n---\nBody.\n", headline: "T", byline: "Ann Lee", paras: []string{"Body."}},
		{name: "author when no byline", in: "---\ntitle: T\nauthor: By Bob Roe\n---\nBody.\n", headline: "T", byline: "Bob Roe", paras: []string{"Body."}},
		{name: "author when byline is null", in: "---\ntitle: T\nbyline: ~\nauthor: Bob Roe\n---\nBody.\n", headline: "T", byline: "Bob Roe", paras: []string{"Body."}},
		{name: "BY stripped", in: "---\ntitle: T\nbyline: BY STAFF\n---\nBody.\n", headline: "T", byline: "STAFF", paras: []string{"Body."}},
		{name: "By kept inside a name", in: "---\ntitle: T\nbyline: Byron Lee\n---\nBody.\n", headline: "T", byline: "Byron Lee", paras: []string{"Body."}},
		{name: "number as text", in: "---\ntitle: 1984\nsource: 42\n---\nBody.\n", headline: "1984", source: "42", paras: []string{"Body."}},
		{name: "null fields are absent", in: "---\ntitle: T\nplace: ~\nsource:\ndate: null\ntags:\n---\nBody.\n", headline: "T", paras: []string{"Body."}},
		{name: "null tags dropped", in: "---\ntitle: T\ntags:\n  - a\n  - ~\n  - 2024\n---\nBody.\n", headline: "T", tags: []string{"a", "2024"}, paras: []string{"Body."}},
		{name: "unknown fields ignored", in: "---\nlayout: post\ntitle: T\ndraft: true\nextra: {a: [1]}\n---\nBody.\n", headline: "T", paras: []string{"Body."}},
		{name: "aliases followed", in: "---\ntitle: &t Same\nsource: *t\n---\nBody.\n", headline: "Same", source: "Same", paras: []string{"Body."}},
		{name: "comments only", in: "---\n# nothing yet\n---\n# H\n\nBody.\n", headline: "H", paras: []string{"Body."}},
		{name: "empty front matter", in: "---\n---\n# H\nBody.\n", headline: "H", paras: []string{"Body."}},
		{name: "leading blank lines before it", in: "\n  \n---\ntitle: T\n---\n\nBody.\n", headline: "T", paras: []string{"Body."}},
		{name: "CRLF", in: "---\r\ntitle: T\r\ndate: Feb 1\r\n---\r\nOne\r\ntwo.\r\n\r\nThree.\r\n", headline: "T", date: "Feb 1", paras: []string{"One\ntwo.", "Three."}},
		{name: "title wins, # heading stays in body", in: "---\ntitle: From Front Matter\n---\n# From Heading\n\nBody.\n", headline: "From Front Matter",
			paras: []string{"# From Heading", "Body."}},
		{name: "empty title falls back to heading", in: "---\ntitle: \"\"\n---\n# From Heading\n\nBody.\n", headline: "From Heading", paras: []string{"Body."}},
		{name: "closing --- with trailing spaces", in: "---  \ntitle: T\n---\t\nBody.\n", headline: "T", paras: []string{"Body."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := parseMD(t, tt.in)
			if a.Headline != tt.headline || a.Byline != tt.byline || a.Place != tt.place || a.Date != tt.date || a.Source != tt.source {
				t.Errorf("headline/byline/place/date/source = %q/%q/%q/%q/%q, want %q/%q/%q/%q/%q",
					a.Headline, a.Byline, a.Place, a.Date, a.Source, tt.headline, tt.byline, tt.place, tt.date, tt.source)
			}
			if !reflect.DeepEqual(a.Tags, tt.tags) {
				t.Errorf("tags %q, want %q", a.Tags, tt.tags)
			}
			if !reflect.DeepEqual(a.Paragraphs, tt.paras) {
				t.Errorf("paragraphs %q, want %q", a.Paragraphs, tt.paras)
			}
			if a.Format != FormatMarkdown || len(a.Warnings) != 0 {
				t.Errorf("format %q warnings %q", a.Format, a.Warnings)
			}
		})
	}
}

func TestParseMarkdown_Headline(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		headline string
		paras    []string
	}{
		{name: "first # heading, removed from body", in: "# Storm Hits\n\nBody.\n", headline: "Storm Hits"},
		{name: "text right under the heading", in: "# Storm Hits\nBody.\n", headline: "Storm Hits", paras: []string{"Body."}},
		{name: "after a paragraph", in: "Kicker.\n\n# Storm Hits\n\nBody.\n", headline: "Storm Hits", paras: []string{"Kicker.", "Body."}},
		{name: "closing hashes removed", in: "# Storm Hits ##\nBody.\n", headline: "Storm Hits", paras: []string{"Body."}},
		{name: "hash inside the text kept", in: "# Learning C#\nBody.\n", headline: "Learning C#"},
		{name: "inline markup kept", in: "#   A *real* title\nBody.\n", headline: "A *real* title", paras: []string{"Body."}},
		{name: "setext heading", in: "Storm\nHits\n=====\nBody.\n", headline: "Storm Hits", paras: []string{"Body."}},
		{name: "only the first # heading", in: "# One\n\n# Two\n\nBody.\n", headline: "One", paras: []string{"# Two", "Body."}},
		{name: "level 2 is no headline", in: "## Sub\n\n# Real\n\nBody.\n", headline: "Real", paras: []string{"## Sub", "Body."}},
		{name: "empty # skipped", in: "#\n\n# Real\n\nBody.\n", headline: "Real", paras: []string{"#", "Body."}},
		{name: "heading in fenced code is code", in: "```\n# not it\n```\n\n# Real\n", headline: "Real", paras: []string{"```\n# not it\n```"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := parseMD(t, tt.in)
			if a.Headline != tt.headline {
				t.Errorf("headline %q, want %q", a.Headline, tt.headline)
			}
			if tt.paras == nil {
				tt.paras = []string{"Body."}
			}
			if !reflect.DeepEqual(a.Paragraphs, tt.paras) {
				t.Errorf("paragraphs %q, want %q", a.Paragraphs, tt.paras)
			}
		})
	}
}

func TestParseMarkdown_Blocks(t *testing.T) {
	tests := []struct {
		name  string
		body  string
		paras []string
	}{
		{name: "blocks kept as Markdown source", body: "Some *emphasis*\nand a [link](http://x).\n\nSecond.\n",
			paras: []string{"Some *emphasis*\nand a [link](http://x).", "Second."}},
		{name: "blank lines between blocks, any number", body: "\n\nOne.\n\n\n\nTwo.\n\n", paras: []string{"One.", "Two."}},
		{name: "lines right-trimmed", body: "One   \ntwo\t\n \nThree.  \n", paras: []string{"One\ntwo", "Three."}},
		{name: "fenced code with blank lines is one block", body: "Intro:\n\n```go\nx := 1\n\n\ny := 2\n```\n\nAfter.\n",
			paras: []string{"Intro:", "```go\nx := 1\n\n\ny := 2\n```", "After."}},
		{name: "tilde fence, longer closing", body: "~~~\na\n\nb\n~~~~\nAfter.\n", paras: []string{"~~~\na\n\nb\n~~~~", "After."}},
		{name: "fence right after text", body: "Intro:\n```\na\n\nb\n```\n", paras: []string{"Intro:", "```\na\n\nb\n```"}},
		{name: "shorter fence does not close", body: "````\na\n```\n\nb\n````\n", paras: []string{"````\na\n```\n\nb\n````"}},
		{name: "unclosed fence runs to the end", body: "```\na\n\n# not a heading\n", paras: []string{"```\na\n\n# not a heading"}},
		{name: "loose list is one block", body: "- one\n\n- two\n\n\n- three\n\nAfter.\n", paras: []string{"- one\n\n- two\n\n\n- three", "After."}},
		{name: "list item continuation and nested list", body: "1. one\n\n   more of one\n\n   - nested\n2. two\n\nAfter.\n",
			paras: []string{"1. one\n\n   more of one\n\n   - nested\n2. two", "After."}},
		{name: "fence inside a list item", body: "- item\n  ```\n  a\n\n  b\n  ```\n- next\n", paras: []string{"- item\n  ```\n  a\n\n  b\n  ```\n- next"}},
		{name: "another bullet starts another list", body: "- one\n\n* two\n", paras: []string{"- one", "* two"}},
		{name: "ordered and bullet lists apart", body: "1. one\n\n- two\n", paras: []string{"1. one", "- two"}},
		{name: "unindented text ends the list", body: "- one\n\ntext\n", paras: []string{"- one", "text"}},
		{name: "indented code with blank lines is one block", body: "Code:\n\n    a\n\n    b\n\nAfter.\n", paras: []string{"Code:", "a\n\n    b", "After."}},
		{name: "white space on blank lines inside a block trimmed", body: "- one\n   \n- two\n", paras: []string{"- one\n\n- two"}},
		{name: "headings are blocks of their own", body: "Text.\n## Section\nMore.\n", paras: []string{"Text.", "## Section", "More."}},
		{name: "setext level 2 heading", body: "Section\n-------\nMore.\n", paras: []string{"Section\n-------", "More."}},
		{name: "blockquote kept with its markers", body: "> quoted\n> text\n\nAfter.\n", paras: []string{"> quoted\n> text", "After."}},
		{name: "thematic break", body: "One.\n\n---\n\nTwo.\n", paras: []string{"One.", "---", "Two."}},
		{name: "CRLF", body: "One\r\ntwo.\r\n\r\n```\r\na\r\n\r\nb\r\n```\r\n", paras: []string{"One\ntwo.", "```\na\n\nb\n```"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := parseMD(t, "# H\n\n"+tt.body)
			if !reflect.DeepEqual(a.Paragraphs, tt.paras) {
				t.Errorf("paragraphs %q, want %q", a.Paragraphs, tt.paras)
			}
		})
	}
}

func TestParseMarkdown_ReactionsSection(t *testing.T) {
	tom := Reaction{Name: "Tom Ray", Role: "Utility Spokesman", Location: "Wichita", Quote: "We were ready."}
	jo := Reaction{Name: "Mayor Jo Park", Role: "City of Wichita", Quote: "Stay home."}
	tests := []struct {
		name      string
		in        string
		paras     []string
		reactions []Reaction
		notes     []string
		warnings  []string
	}{
		{name: "colon form with location", in: "## Reactions\n\nTom Ray, Utility Spokesman (Wichita): \"We were ready.\"\n", reactions: []Reaction{tom}},
		{name: "colon form without location", in: "## Reactions\n\nMayor Jo Park, City of Wichita: “Stay home.”\n", reactions: []Reaction{jo}},
		{name: "dash form with location", in: "## Reactions\n\n\"We were ready.\" — Tom Ray, Utility Spokesman (Wichita)\n", reactions: []Reaction{tom}},
		{name: "dash form without location", in: "## Reactions\n\n\"Stay home.\" -- Mayor Jo Park, City of Wichita\n", reactions: []Reaction{jo}},
		{name: "hard-wrapped wire entry", in: "## Reactions\n\nTom Ray, Utility\nSpokesman (Wichita): \"We were\nready.\"\n",
			reactions: []Reaction{{Name: "Tom Ray", Role: "Utility Spokesman", Location: "Wichita", Quote: "We were ready."}}},
		{name: "blockquote, attribution on the next line", in: "## Reactions\n\n> \"We were ready.\"\n— Tom Ray, Utility Spokesman (Wichita)\n", reactions: []Reaction{tom}},
		{name: "blockquote, attribution after one blank line", in: "## Reactions\n\n> We were ready.\n\n— Tom Ray, Utility Spokesman (Wichita)\n", reactions: []Reaction{tom}},
		{name: "blockquote, attribution as its own last line", in: "## Reactions\n\n> \"Stay home.\"\n> — Mayor Jo Park, City of Wichita\n", reactions: []Reaction{jo}},
		{name: "blockquote, hyphen attribution after a blank line", in: "## Reactions\n\n> Stay home.\n\n- Mayor Jo Park, City of Wichita\n", reactions: []Reaction{jo}},
		{name: "blockquote, en dash attribution", in: "## Reactions\n\n> Stay home.\n> – Mayor Jo Park, City of Wichita\n", reactions: []Reaction{jo}},
		{name: "blockquote lines joined, wrapping quotes removed", in: "## Reactions\n\n> “We were\n> ready.”\n> — Tom Ray, Utility Spokesman (Wichita)\n", reactions: []Reaction{tom}},
		{name: "blockquote lazy line joined", in: "## Reactions\n\n> We were\nready.\n\n— Tom Ray, Utility Spokesman (Wichita)\n", reactions: []Reaction{tom}},
		{name: "blockquote paragraphs kept apart", in: "## Reactions\n\n> One.\n>\n> Two.\n> — Tom Ray, Utility Spokesman (Wichita)\n",
			reactions: []Reaction{{Name: "Tom Ray", Role: "Utility Spokesman", Location: "Wichita", Quote: "One.\n\nTwo."}}},
		{name: "inner quotes kept", in: "## Reactions\n\n> He said \"no\" twice.\n> — Tom Ray, Utility Spokesman (Wichita)\n",
			reactions: []Reaction{{Name: "Tom Ray", Role: "Utility Spokesman", Location: "Wichita", Quote: "He said \"no\" twice."}}},
		{name: "wire entry inside a blockquote", in: "## Reactions\n\n> \"We were ready.\" — Tom Ray, Utility Spokesman (Wichita)\n", reactions: []Reaction{tom}},
		{name: "attribution after two blank lines is not one", in: "## Reactions\n\n> We were ready.\n\n\n— Tom Ray, Utility Spokesman (Wichita)\n",
			notes: []string{"> We were ready.", "— Tom Ray, Utility Spokesman (Wichita)"}, warnings: []string{warnNoEntries}},
		{name: "blockquote without attribution is a note", in: "## Reactions\n\n> Just a quote.\n\nText.\n",
			notes: []string{"> Just a quote.", "Text."}, warnings: []string{warnNoEntries}},
		{name: "notes kept in order among entries", in: "## Reactions\n\nFirst note.\n\n> We were ready.\n> — Tom Ray, Utility Spokesman (Wichita)\n\n- a list\n- of notes\n\nMayor Jo Park, City of Wichita: \"Stay home.\"\n\nLast *note*.\n",
			reactions: []Reaction{tom, jo}, notes: []string{"First note.", "- a list\n- of notes", "Last *note*."}},
		{name: "missing closing quote is a note", in: "## Reactions\n\nMayor Jo Park, City of Wichita: \"Stay home.\n",
			notes: []string{"Mayor Jo Park, City of Wichita: \"Stay home."}, warnings: []string{warnNoEntries}},
		{name: "empty section", in: "## Reactions\n", warnings: []string{warnEmptyReactions}},
		{name: "later section headings are notes", in: "## Analysis\n\n\"Stay home.\" -- Mayor Jo Park, City of Wichita\n\n## Commentary\n",
			reactions: []Reaction{jo}, notes: []string{"## Commentary"}},
		{name: "entry before the section is a paragraph", in: "\"Stay home.\" -- Mayor Jo Park, City of Wichita\n",
			paras: []string{"\"Stay home.\" -- Mayor Jo Park, City of Wichita"}},
		{name: "plain paragraph naming the section is body", in: "Reactions\n\nMore body.\n", paras: []string{"Reactions", "More body."}},
		{name: "bold paragraph starts it", in: "**Reactions:**\n\n\"Stay home.\" -- Mayor Jo Park, City of Wichita\n", reactions: []Reaction{jo}},
		{name: "section name in fenced code is code", in: "```\n## Reactions\n```\n", paras: []string{"```\n## Reactions\n```"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := "# H\n\nBody.\n\n" + tt.in
			if tt.paras == nil {
				tt.paras = []string{"Body."}
			} else {
				tt.paras = append([]string{"Body."}, tt.paras...)
			}
			a := parseMD(t, in)
			if !reflect.DeepEqual(a.Paragraphs, tt.paras) {
				t.Errorf("paragraphs %q, want %q", a.Paragraphs, tt.paras)
			}
			if !reflect.DeepEqual(a.Reactions, tt.reactions) {
				t.Errorf("reactions %+v, want %+v", a.Reactions, tt.reactions)
			}
			if !reflect.DeepEqual(noteTexts(a.Notes), tt.notes) {
				t.Errorf("notes %q, want %q", noteTexts(a.Notes), tt.notes)
			}
			if !reflect.DeepEqual(a.Warnings, tt.warnings) {
				t.Errorf("warnings %q, want %q", a.Warnings, tt.warnings)
			}
		})
	}
}

func TestParseMarkdown_SectionHeadings(t *testing.T) {
	entry := "\n\n\"Stay home.\" -- Mayor Jo Park, City of Wichita\n"
	headings := []string{
		"# Reactions", "## Reactions", "### Reaction & Analysis", "#### What analysts say", "##### Commentary:", "###### Expert Reactions",
		"## **Analysis**", "## Reactions ##", "Reactions\n---------", "What the experts say\n====", "## reactions and analysis",
	}
	for _, h := range headings {
		t.Run(h, func(t *testing.T) {
			a := parseMD(t, "---\ntitle: T\n---\nBody.\n\n"+h+entry)
			if len(a.Reactions) != 1 || !reflect.DeepEqual(a.Paragraphs, []string{"Body."}) || len(a.Notes) != 0 {
				t.Errorf("reactions %+v paragraphs %q notes %q; want the entry as a reaction", a.Reactions, a.Paragraphs, noteTexts(a.Notes))
			}
		})
	}
	// An unknown heading is body, and so is the entry under it.
	a := parseMD(t, "---\ntitle: T\n---\n## Reactions from abroad"+entry)
	if len(a.Reactions) != 0 || len(a.Paragraphs) != 2 {
		t.Errorf("reactions %+v paragraphs %q; want two paragraphs", a.Reactions, a.Paragraphs)
	}
	// A level-1 heading naming the section is the section, not the headline.
	a = parseMD(t, "# Real\n\nBody.\n\n# Reactions"+entry)
	if a.Headline != "Real" || len(a.Reactions) != 1 {
		t.Errorf("headline %q reactions %+v", a.Headline, a.Reactions)
	}
}

func TestParseMarkdown_FrontMatterReactions(t *testing.T) {
	fm := "---\ntitle: T\nreactions:\n  - name: Ann Lee\n    role: Farmer\n    location: Laurel, Md.\n    quote: \"\\\"Rain, at last.\\\"\"\n  - {name: Bo, quote: Fine.}\n---\n"
	t.Run("first, then body entries", func(t *testing.T) {
		a := parseMD(t, fm+"Body.\n\n## Reactions\n\n\"Stay home.\" -- Mayor Jo Park, City of Wichita\n")
		want := []Reaction{
			{Name: "Ann Lee", Role: "Farmer", Location: "Laurel, Md.", Quote: `"Rain, at last."`},
			{Name: "Bo", Quote: "Fine."},
			{Name: "Mayor Jo Park", Role: "City of Wichita", Quote: "Stay home."},
		}
		if !reflect.DeepEqual(a.Reactions, want) {
			t.Errorf("reactions %+v, want %+v", a.Reactions, want)
		}
	})
	t.Run("no section warning beside them", func(t *testing.T) {
		a := parseMD(t, fm+"Body.\n\n## Reactions\n\nMore to come.\n")
		if len(a.Reactions) != 2 || !reflect.DeepEqual(a.Notes, []Note{{Text: "More to come.", After: 2}}) || len(a.Warnings) != 0 {
			t.Errorf("reactions %+v notes %q warnings %q", a.Reactions, noteTexts(a.Notes), a.Warnings)
		}
	})
	t.Run("reaction without quote skipped", func(t *testing.T) {
		a := parseMD(t, "---\ntitle: T\nreactions:\n  - name: Ann\n  - ~\n  - name: Bo\n    quote: Q\n---\nBody.\n")
		if want := []Reaction{{Name: "Bo", Quote: "Q"}}; !reflect.DeepEqual(a.Reactions, want) {
			t.Errorf("reactions %+v, want %+v", a.Reactions, want)
		}
		if want := []string{"front matter reaction 1 has no quote; it was skipped"}; !reflect.DeepEqual(a.Warnings, want) {
			t.Errorf("warnings %q, want %q", a.Warnings, want)
		}
	})
	t.Run("aliased reaction", func(t *testing.T) {
		a := parseMD(t, "---\ntitle: T\nreactions:\n  - &r {name: Bo, quote: Q}\n  - *r\n---\nBody.\n")
		if len(a.Reactions) != 2 || a.Reactions[1] != a.Reactions[0] {
			t.Errorf("reactions %+v, want the same one twice", a.Reactions)
		}
	})
}

func TestParseMarkdown_Errors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		line int
		col  int
		msg  string // the message starts with it
	}{
		{name: "invalid YAML, line of the error", in: "---\ntitle: T\n  bad: indent\n---\nBody.\n", line: 3,
			msg: "front matter: invalid YAML: mapping values are not allowed in this context"},
		{name: "invalid YAML after leading blank lines", in: "\n\n---\ntitle: T\nplace: x: y\n---\n", line: 5,
			msg: "front matter: invalid YAML: mapping values are not allowed"},
		{name: "unclosed flow list, line of the list", in: "---\ntitle: T\ntags: [a, b\nplace: X\n---\n", line: 3,
			msg: "front matter: invalid YAML: did not find expected ',' or ']'"},
		{name: "tab indentation on the first line", in: "---\n\ttitle: T\n---\n", line: 2,
			msg: "front matter: invalid YAML: found character that cannot start any token"},
		{name: "unterminated quoted value", in: "---\ntitle: \"T\n---\n", line: 3, msg: "front matter: invalid YAML: found unexpected end of stream"},
		{name: "title a list", in: "---\ntitle: [a]\n---\n", line: 2, col: 8, msg: `front matter: field "title": want string, got list`},
		{name: "byline a mapping", in: "---\ntitle: T\nbyline:\n  name: Ann\n---\n", line: 4, col: 3, msg: `front matter: field "byline": want string, got mapping`},
		{name: "date a list", in: "---\ndate: [1, 2]\n---\n", line: 2, msg: `front matter: field "date": want string, got list`},
		{name: "tags a number", in: "---\ntitle: T\ntags: 5\n---\n", line: 3, col: 7, msg: `front matter: field "tags": want list of strings, got number`},
		{name: "tags a string", in: "---\ntags: politics\n---\n", line: 2, msg: `front matter: field "tags": want list of strings, got string`},
		{name: "tag a mapping", in: "---\ntags:\n  - a\n  - {b: c}\n---\n", line: 4, msg: `front matter: field "tags": item 2: want string, got mapping`},
		{name: "reactions a string", in: "---\ntitle: T\nreactions: \"x\"\n---\n", line: 3, msg: `front matter: field "reactions": want list of reactions`},
		{name: "reaction a string", in: "---\nreactions:\n  - just text\n---\n", line: 3, msg: `front matter: field "reactions": item 1: want mapping`},
		{name: "reaction quote a list", in: "---\nreactions:\n  - name: A\n    quote: [x]\n---\n", line: 4, col: 12,
			msg: `front matter: field "reactions": item 1: field "quote": want string, got list`},
		{name: "front matter a list", in: "---\n- a\n- b\n---\n", line: 2, msg: "front matter: want mapping of fields"},
		{name: "field given twice", in: "---\ntitle: A\nplace: P\ntitle: B\n---\n", line: 4, msg: `front matter: field "title" given twice (lines 2 and 4)`},
		{name: "unterminated front matter", in: "---\ntitle: T\n\n# H\n\nBody.\n", line: 1, msg: `front matter has no closing "---" line`},
		{name: "unterminated after leading blank lines", in: "\n---\ntitle: T\n", line: 2, msg: `front matter has no closing "---" line`},
		{name: "front matter too large", in: "---\ntitle: T\nx: " + strings.Repeat("y", 70<<10) + "\n---\n# H\n", line: 1, msg: "front matter too large (71 KiB, limit 64 KiB)"},
		{name: "no headline at all", in: "Just a paragraph.\n\n## Sub\n", msg: errNoMarkdownHeadline},
		{name: "# without a space is no heading", in: "#hashtag\n\nBody.\n", msg: errNoMarkdownHeadline},
		{name: "front matter without title and no heading", in: "---\nplace: P\n---\nBody.\n", msg: errNoMarkdownHeadline},
		{name: "headline only inside the section", in: "## Reactions\n\n# Late\n", msg: errNoMarkdownHeadline},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := parseMDError(t, tt.in)
			if p.Line != tt.line || (tt.col != 0 && p.Col != tt.col) || !strings.HasPrefix(p.Message, tt.msg) {
				t.Errorf("problem %d:%d %q, want %d:%d %q…", p.Line, p.Col, p.Message, tt.line, tt.col, tt.msg)
			}
			if p.Path != "t.md" {
				t.Errorf("path %q, want t.md", p.Path)
			}
		})
	}
}

func TestParseMarkdown_Warnings(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		warnings []string
	}{
		{name: "# heading only", in: "# Just a headline\n", warnings: []string{warnNoBody}},
		{name: "title only", in: "---\ntitle: T\n---\n", warnings: []string{warnNoBody}},
		{name: "section only", in: "# H\n\n## Reactions\n\n\"Q.\" — Ann Lee, Farmer\n", warnings: []string{warnNoBody}},
		{name: "headline and empty section", in: "# H\n\n## Reactions\n", warnings: []string{warnNoBody, warnEmptyReactions}},
		{name: "complete article", in: "# H\n\nBody.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if a := parseMD(t, tt.in); !reflect.DeepEqual(a.Warnings, tt.warnings) {
				t.Errorf("warnings %q, want %q", a.Warnings, tt.warnings)
			}
		})
	}
}

func TestParseMarkdown_EscapeInjection(t *testing.T) {
	in := "---\n" +
		`title: "\e]0;pwned\aEvil \e[5mheadline\e[0m"` + "\n" +
		`byline: "By \e[8mMallory\x07"` + "\n" +
		`place: "LON\x1b[1mDON"` + "\n" +
		`date: "Feb 1\e[2J"` + "\n" +
		`source: "\u009b2JAP\u202e"` + "\n" +
		`tags: ["\e[31mred", "\a"]` + "\n" +
		`reactions: [{name: "Eve\e]52;c;ZXZpbA==\a", role: "R\eP1;2|x\e\\", location: "\e_x\e\\L", quote: "Q\e]8;;http://evil\e\\link"}]` + "\n" +
		"---\n" +
		"Body \x1b[31mtext\x07.\n\n## Reactions\n\n> \"Quoted \x1b[2J\"\n> — Mallory, Insider\x1b]0;t\x07\n\nNote \x1b]0;title\n"
	a := parseMD(t, in)
	for _, s := range articleFields(a) {
		checkSafe(t, s)
		if strings.ContainsAny(s, "\x1b\x07") {
			t.Errorf("ESC or BEL in %q", s)
		}
	}
	if a.Headline != "Evil headline" || a.Byline != "Mallory" || a.Place != "LONDON" || len(a.Reactions) != 2 {
		t.Errorf("headline %q byline %q place %q reactions %+v", a.Headline, a.Byline, a.Place, a.Reactions)
	}
	if !reflect.DeepEqual(a.Warnings, []string{warnControls}) {
		t.Errorf("warnings %q, want %q", a.Warnings, warnControls)
	}
}

func TestParseMarkdown_Files(t *testing.T) {
	tests := []struct {
		file                                  string
		headline, byline, place, date, source string
		tags                                  []string
		paras                                 []string
		reactions                             []Reaction
		notes                                 []string
		warnings                              []string
	}{
		{file: "summit.md", headline: "Leaders Agree on Grain Corridor After Overnight Talks", byline: "Maria Santos",
			place: "ISTANBUL", date: "2024-02-01", source: "Reuters", tags: []string{"diplomacy", "trade", "Black Sea"},
			paras: []string{
				"Negotiators from four countries agreed early on Thursday to reopen a\nshipping corridor for grain, ending *eleven hours* of talks at the\nDolmabahçe Palace.",
				"The agreement covers:",
				"- safe passage for cargo ships;\n\n- joint inspections at sea, which\n  both sides had resisted;\n\n- a review after **90 days**.",
				"```text\nCorridor: Odesa – Bosphorus\n\nInspections: Istanbul\n```",
				"Officials said the first ships could sail [within a week](https://example.com/grain).",
			},
			reactions: []Reaction{
				{Name: "Dr. Anya Petrova", Role: "Senior Fellow, Eurasian Strategy Institute", Location: "Moscow", Quote: "A narrow deal, but the first in a year."},
				{Name: "James Miller", Role: "Editor-at-Large, 'The Global Security Review'", Location: "London", Quote: "This is the most pragmatic outcome anyone could hope for."},
				{Name: "Li Wei", Role: "Institute of International Relations", Location: "Shanghai", Quote: "Markets will calm, for now."},
				{Name: "Mark Kovacs", Role: "Former Diplomat & Commentator", Location: "Washington D.C.", Quote: "It buys time, nothing more."},
			},
			notes: []string{"More reactions will be added as they come in."}},
		{file: "storm-crlf.md", headline: "Storm Cuts Power to Thousands",
			paras:     []string{"A winter storm knocked out power\novernight across the county.", "Crews expect to restore it by Friday."},
			reactions: []Reaction{{Name: "Tom Ray", Role: "Utility Spokesman", Location: "Wichita", Quote: "We were ready."}},
			notes:     []string{"No other comment yet."}},
		{file: "headline-only.md", headline: "Just a Headline", warnings: []string{warnNoBody}},
		{file: "hostile.md", headline: "Evil headline", byline: "Mallory", place: "LONDON", date: "Feb 1", source: "AP",
			tags: []string{"red"}, paras: []string{"Body text with a raw escape."},
			reactions: []Reaction{
				{Name: "Eve", Role: "Attacker", Quote: "Quote link."},
				{Name: "Mallory", Role: "Insider", Quote: "Quoted"},
			},
			notes: []string{"Unterminated 0;title"}, warnings: []string{warnControls}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile("testdata/markdown/" + tt.file)
			if err != nil {
				t.Fatal(err)
			}
			a := parseMD(t, string(data))
			if a.Headline != tt.headline || a.Byline != tt.byline || a.Place != tt.place || a.Date != tt.date || a.Source != tt.source {
				t.Errorf("headline/byline/place/date/source = %q/%q/%q/%q/%q, want %q/%q/%q/%q/%q",
					a.Headline, a.Byline, a.Place, a.Date, a.Source, tt.headline, tt.byline, tt.place, tt.date, tt.source)
			}
			if !reflect.DeepEqual(a.Tags, tt.tags) || !reflect.DeepEqual(a.Paragraphs, tt.paras) {
				t.Errorf("tags %q paragraphs %q,\nwant %q %q", a.Tags, a.Paragraphs, tt.tags, tt.paras)
			}
			if !reflect.DeepEqual(a.Reactions, tt.reactions) {
				t.Errorf("reactions %+v,\nwant %+v", a.Reactions, tt.reactions)
			}
			if !reflect.DeepEqual(noteTexts(a.Notes), tt.notes) || !reflect.DeepEqual(a.Warnings, tt.warnings) {
				t.Errorf("notes %q warnings %q, want %q %q", noteTexts(a.Notes), a.Warnings, tt.notes, tt.warnings)
			}
		})
	}
}

// largeMarkdown is about size bytes of Markdown: front matter, then
// one-line paragraphs, a reactions section of entries and notes.
func largeMarkdown(size int) []byte {
	var b strings.Builder
	b.Grow(size + 200)
	b.WriteString("---\ntitle: Large\ntags: [a, b]\n---\n")
	for b.Len() < size*3/4 {
		b.WriteString("A paragraph of *Markdown* text, one line long.\n\n")
	}
	b.WriteString("## Reactions\n\n")
	for b.Len() < size {
		b.WriteString("> \"A quote.\"\n> — Ann Lee, Farmer (Laurel, Md.)\n\nA note.\n\n")
	}
	return []byte(b.String())
}

// TestParseMarkdown_LargeIsLinear parses 16 MiB (the file size limit) of
// one-line paragraphs. A quadratic step would not finish within the test
// timeout; linear takes about 2 s (15–25 s under -race on a busy machine,
// which is why the time is logged, not asserted: the speed itself is
// BenchmarkParseMarkdown_Large's).
func TestParseMarkdown_LargeIsLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("large input")
	}
	data := []byte("# Big\n\n" + strings.Repeat("x\n\n", (16<<20)/3))
	start := time.Now()
	arts, probs := Parse("big.md", data, FormatMarkdown)
	if len(arts) != 1 || len(probs) != 0 || len(arts[0].Paragraphs) != (16<<20)/3 {
		t.Fatalf("%d articles, problems %v", len(arts), probs)
	}
	t.Logf("16 MiB of one-line paragraphs: %v", time.Since(start))
}

func BenchmarkParseMarkdown_Large(b *testing.B) {
	data := largeMarkdown(4 << 20)
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if arts, probs := Parse("large.md", data, FormatMarkdown); len(arts) != 1 || len(probs) != 0 {
			b.Fatalf("problems %v", probs)
		}
	}
}

// aliasBomb is front matter whose field holds one anchored value of size
// bytes followed by n aliases of it, in a flow list (3-4 bytes an alias).
func aliasBomb(field string, size, n int, mapping bool) string {
	value := `"` + strings.Repeat("word ", size/5) + `"`
	if mapping {
		value = "{name: A, role: B, quote: " + value + "}"
	}
	return "---\ntitle: T\n" + field + ": [&a " + value + strings.Repeat(", *a", n) + "]\n---\n\nBody.\n"
}

func TestParseMarkdown_AliasExpansionBounded(t *testing.T) {
	tooMuch := "front matter: aliases expand it past 1 MiB (the limit)"
	tests := []struct {
		name string
		in   string
		line int // 0: the article loads
	}{
		{"reactions: 39 KB aliased 5,000 times", aliasBomb("reactions", 39_000, 5000, true), 3},
		{"tags: 39 KB aliased 5,000 times", aliasBomb("tags", 39_000, 5000, false), 3},
		{"an ignored field counts too", aliasBomb("x", 39_000, 5000, false), 3},
		{"nested anchors (a billion laughs)", "---\ntitle: T\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" +
			"b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n" +
			"d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n" +
			"f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n---\n\nBody.\n", 8},
		{"just under the limit", aliasBomb("tags", 39_000, 25, false), 0},
		{"an alias inside its own anchor", "---\ntitle: T\nx: &a [*a, {y: *a}]\n---\n\nBody.\n", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			arts, probs := Parse("bomb.md", []byte(tt.in), FormatMarkdown)
			if tt.line == 0 {
				if len(arts) != 1 {
					t.Fatalf("want the article to load, got problems %v", probs)
				}
				return
			}
			if len(arts) != 0 || len(probs) != 1 || probs[0].Line != tt.line || probs[0].Message != tooMuch || probs[0].Path != "bomb.md" {
				t.Fatalf("got %d articles, problems %v; want %q at bomb.md:%d", len(arts), probs, tooMuch, tt.line)
			}
		})
	}
}

// TestParse_ExpandedArticleBounded: a Markdown file under the file limit
// whose front matter expands within its own bound can still not make an
// article whose text passes the 16 MiB file limit.
func TestParse_ExpandedArticleBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("large input")
	}
	fm := aliasBomb("tags", 39_000, 25, false) // ≈ 1 MB of tags, from 39 KB
	fm = strings.TrimSuffix(fm, "Body.\n")
	para := strings.Repeat("x", 999) + "\n\n"
	body := strings.Repeat(para, (DefaultMaxSize-len(fm))/len(para))
	data := []byte(fm + body)
	if len(data) > DefaultMaxSize {
		t.Fatalf("test file of %d bytes is over the limit", len(data))
	}
	arts, probs := Parse("big.md", data, FormatMarkdown)
	want := "article too large once expanded (17 MiB of text, limit 16 MiB)"
	if len(arts) != 0 || len(probs) != 1 || probs[0].Message != want || probs[0].Path != "big.md" {
		t.Fatalf("got %d articles, problems %v; want %q", len(arts), probs, want)
	}
}
