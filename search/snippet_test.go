package search

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// snippetOf cuts text for query, as a hit's body paragraph is cut.
func snippetOf(t *testing.T, text, query string, width int) Snippet {
	t.Helper()
	q, err := Parse(query)
	if err != nil {
		t.Fatal(err)
	}
	return cut(text, match(text, FieldBody, highlights(q)), width)
}

func TestSnippet_ShortTextWhole(t *testing.T) {
	s := snippetOf(t, "Russia reaffirms backing for China's Taiwan stance.", "taiwan stance", SnippetWidth)
	if s.Text != "Russia reaffirms backing for China's Taiwan stance." {
		t.Errorf("text %q", s.Text)
	}
	if got := marked(s); !slices.Equal(got, []string{"Taiwan", "stance"}) {
		t.Errorf("marks %q", got)
	}
}

func TestSnippet_WindowAroundTheMatch(t *testing.T) {
	text := strings.Repeat("before the match there are many words ", 20) + "the Kestrel nests here " + strings.Repeat("and after it many more words follow ", 20)
	s := snippetOf(t, text, "kestrel", 60)
	if !strings.HasPrefix(s.Text, "…") || !strings.HasSuffix(s.Text, "…") {
		t.Errorf("not cut at both ends: %q", s.Text)
	}
	if w := ansi.StringWidth(s.Text); w > 60 {
		t.Errorf("width %d > 60: %q", w, s.Text)
	}
	if got := marked(s); !slices.Equal(got, []string{"Kestrel"}) {
		t.Errorf("marks %q in %q", got, s.Text)
	}
	// A few words lead in, starting at a word; the end is a whole word.
	if !strings.Contains(s.Text, "words the Kestrel nests here") {
		t.Errorf("lead-in missing: %q", s.Text)
	}
	inner := strings.TrimSuffix(strings.TrimPrefix(s.Text, "…"), "…")
	for _, w := range strings.Fields(inner) {
		if !strings.Contains(text, " "+w+" ") {
			t.Errorf("word %q cut in two in %q", w, s.Text)
		}
	}
}

// TestSnippet_MostTermsWin: the window holds the most distinct terms,
// not merely the first match.
func TestSnippet_MostTermsWin(t *testing.T) {
	text := "kestrel alone here. " + strings.Repeat("filler words go on ", 30) + "kestrel nesting together. " + strings.Repeat("more filler ", 30)
	s := snippetOf(t, text, "kestrel nesting", 60)
	if got := marked(s); !slices.Equal(got, []string{"kestrel", "nesting"}) {
		t.Errorf("marks %q in %q", got, s.Text)
	}
}

// TestSnippet_WideCharacters: a snippet of CJK text fits its width and
// never holds half of a wide character, whatever the width.
func TestSnippet_WideCharacters(t *testing.T) {
	text := strings.Repeat("中华人民共和国外交部发言人表示", 10) + "北京大学" + strings.Repeat("台湾是中国领土不可分割的一部分", 10)
	for width := 4; width <= 60; width++ {
		s := snippetOf(t, text, "北京大学", width)
		checkGraphemes(t, text, s, width)
		if width >= 12 {
			if got := marked(s); !slices.Equal(got, []string{"北京大学"}) {
				t.Errorf("width %d: marks %q in %q", width, got, s.Text)
			}
		}
	}
}

// TestSnippet_Clusters: emoji sequences and combining marks are one
// grapheme each: never split at a cut.
func TestSnippet_Clusters(t *testing.T) {
	text := strings.Repeat("👩‍👩‍👧 cafe\u0301 ", 30) + "kestrel " + strings.Repeat("🇯🇵 e\u0301e\u0301 ", 30)
	for width := 6; width <= 80; width++ {
		s := snippetOf(t, text, "kestrel", width)
		checkGraphemes(t, text, s, width)
	}
}

// checkGraphemes: s fits width, is valid UTF-8, its matches are on its
// grapheme boundaries, and every grapheme of it but the ellipses is one
// of text's.
func checkGraphemes(t *testing.T, text string, s Snippet, width int) {
	t.Helper()
	if w := ansi.StringWidth(s.Text); w > width {
		t.Errorf("width %d: %d cells: %q", width, w, s.Text)
	}
	if !utf8.ValidString(s.Text) {
		t.Errorf("width %d: invalid UTF-8 %q", width, s.Text)
	}
	in := map[string]bool{"…": true, " ": true}
	for _, g := range graphemesOf(text) {
		in[g.text] = true
	}
	bounds := map[int]bool{len(s.Text): true}
	for _, g := range graphemesOf(s.Text) {
		bounds[g.start] = true
		if !in[g.text] {
			t.Errorf("width %d: %q is not a grapheme of the text (in %q)", width, g.text, s.Text)
		}
	}
	for _, r := range s.Matches {
		if !bounds[r.Start] || !bounds[r.End] || r.Start >= r.End {
			t.Errorf("width %d: match %v not on grapheme boundaries of %q", width, r, s.Text)
		}
	}
}

// graphemesOf splits s into graphemes (by the terminal's rules, as the
// screen measures them).
func graphemesOf(s string) []struct {
	start int
	text  string
} {
	var out []struct {
		start int
		text  string
	}
	for i := 0; i < len(s); {
		g, _ := ansi.FirstGraphemeCluster(s[i:], ansi.GraphemeWidth)
		out = append(out, struct {
			start int
			text  string
		}{i, g})
		i += len(g)
	}
	return out
}

// TestSnippet_WhiteSpace: runs of white space are one space, and the
// matches are where the words are once collapsed.
func TestSnippet_WhiteSpace(t *testing.T) {
	s := snippetOf(t, "  the\t\tkestrel \u00a0 and   its nest ", "kestrel nest", SnippetWidth)
	if s.Text != "the kestrel and its nest" {
		t.Errorf("text %q", s.Text)
	}
	if got := marked(s); !slices.Equal(got, []string{"kestrel", "nest"}) {
		t.Errorf("marks %q", got)
	}
}

// TestSnippet_MatchClippedAtTheEdge: a phrase longer than the window is
// marked as far as it is shown.
func TestSnippet_MatchClippedAtTheEdge(t *testing.T) {
	s := snippetOf(t, "one two three four five six seven eight", `"two three four five six"`, 14)
	if !strings.HasSuffix(s.Text, "…") || len(s.Matches) != 1 || s.Matches[0].End > len(s.Text)-len("…") {
		t.Errorf("%q %v", s.Text, s.Matches)
	}
	if got := marked(s)[0]; !strings.HasPrefix("two three four five six", got) {
		t.Errorf("marked %q", got)
	}
}

// TestSnippet_CJKInLatin: a CJK substring inside Latin text.
func TestSnippet_CJKInLatin(t *testing.T) {
	s := snippetOf(t, "Die Firma iPhone手机 verkauft viel.", "iphone手机", SnippetWidth)
	if got := marked(s); !slices.Equal(got, []string{"iPhone手机"}) {
		t.Errorf("marks %q", got)
	}
	s = snippetOf(t, "ÉLYSÉE palace", "elysee", SnippetWidth)
	if got := marked(s); !slices.Equal(got, []string{"ÉLYSÉE"}) {
		t.Errorf("marks %q", got)
	}
}

// TestSnippet_Hostile: a huge paragraph full of matches, one of nothing
// but combining marks: bounded snippets, no panic.
func TestSnippet_Hostile(t *testing.T) {
	s := snippetOf(t, strings.Repeat("kestrel ", 1<<17), "kestrel", SnippetWidth)
	if w := ansi.StringWidth(s.Text); w > SnippetWidth || len(s.Matches) == 0 || len(s.Matches) > maxRanges {
		t.Errorf("%d cells, %d matches", w, len(s.Matches))
	}
	s = snippetOf(t, "kestrel"+strings.Repeat("\u0301", 1<<16)+" after", "kestrel", SnippetWidth)
	if !utf8.ValidString(s.Text) || len(s.Text) > (SnippetWidth+30)*cellBytes+len("……") {
		t.Errorf("%d bytes", len(s.Text))
	}
	s = snippetOf(t, strings.Repeat("x", 1<<20)+" kestrel", "kestrel", SnippetWidth)
	if got := marked(s); !slices.Equal(got, []string{"kestrel"}) || !strings.HasPrefix(s.Text, "…") {
		t.Errorf("%q %q", s.Text, got)
	}
}

// TestSnippet_Reaction: a reaction reads "Name, Role: Quote", its field
// the weightiest matched.
func TestSnippet_Reaction(t *testing.T) {
	q, _ := Parse(`name:"li wei" support`)
	r := reactionPart(2, "Li Wei", "Professor", "Beijing welcomes the support.", highlights(q))
	s := cut(r.text, r.rs, SnippetWidth)
	if s.Text != "Li Wei, Professor: Beijing welcomes the support." || r.field != FieldName || r.index != 2 {
		t.Errorf("%q %v %d", s.Text, r.field, r.index)
	}
	if got := marked(s); !slices.Equal(got, []string{"Li Wei", "support"}) {
		t.Errorf("marks %q", got)
	}
	if !r.matched.Has(FieldName) || !r.matched.Has(FieldQuote) || r.matched.Has(FieldRole) {
		t.Errorf("matched %b", r.matched)
	}
	// A role named in a plain word: the role field.
	q, _ = Parse("professor")
	if r := reactionPart(0, "Li Wei", "Professor", "Fine.", highlights(q)); r.field != FieldRole {
		t.Errorf("field %v", r.field)
	}
}
