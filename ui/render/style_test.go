package render

import (
	"strconv"
	"strings"
	"testing"

	"charm.land/glamour/v2/styles"
	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi"

	"github.com/newsdesk/newsdesk/article"
)

func TestParseStyle_AnyCaseAndAListOfValidNames(t *testing.T) {
	for in, want := range map[string]string{"dark": "dark", "Dark": "dark", "TOKYO-NIGHT": "tokyo-night", " auto ": "auto", "NoTTY": "notty"} {
		if got, err := ParseStyle(in); err != nil || got != want {
			t.Errorf("ParseStyle(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	_, err := ParseStyle("Bogus")
	if err == nil {
		t.Fatal("an unknown style was accepted")
	}
	if !strings.Contains(err.Error(), `"Bogus"`) {
		t.Errorf("the error does not name the style as written: %v", err)
	}
	for _, n := range StyleNames() {
		if !strings.Contains(err.Error(), n) {
			t.Errorf("the error does not list %q: %v", n, err)
		}
		if n != Auto {
			if _, ok := styles.DefaultStyles[n]; !ok {
				t.Errorf("%q is no Glamour style", n)
			}
		}
	}
}

func TestResolve(t *testing.T) {
	tests := []struct {
		name            string
		isDark, noColor bool
		want            Style
	}{
		{"auto", true, false, "dark"},
		{"auto", false, false, "light"},
		{"", false, false, "light"},
		{"bogus", true, false, "dark"},
		{"Dracula", false, false, "dracula"},
		{"auto", true, true, "dark+nocolor"},
		{"light", true, true, "light+nocolor"},
		{"notty", true, true, "notty"},
		{"ascii", false, true, "ascii"},
	}
	for _, tt := range tests {
		got := Resolve(tt.name, tt.isDark, tt.noColor)
		if got != tt.want || !got.Valid() {
			t.Errorf("Resolve(%q, dark %v, noColor %v) = %q (valid %v), want %q", tt.name, tt.isDark, tt.noColor, got, got.Valid(), tt.want)
		}
	}
	if Style("bogus").Valid() || Style("").Valid() {
		t.Error("an unknown style is valid")
	}
	for name, want := range map[string][2]bool{"light": {false, true}, "Dark": {true, true}, "pink": {true, true}, "auto": {true, false}, "notty": {true, false}} {
		if d, ok := ForcedBackground(name); d != want[0] || ok != want[1] {
			t.Errorf("ForcedBackground(%q) = %v, %v", name, d, ok)
		}
	}
	if !ForcedNoColor("ASCII") || !ForcedNoColor("notty") || ForcedNoColor("dark") {
		t.Error("ForcedNoColor")
	}
}

// TestStyleConfig_QuoteBarCounted: the quote bar's two cells are counted
// as a margin, and the shared standard configuration is left as it was.
func TestStyleConfig_QuoteBarCounted(t *testing.T) {
	cfg, err := Style("dark+nocolor").config()
	if err != nil {
		t.Fatal(err)
	}
	if *cfg.BlockQuote.Indent != 0 || *cfg.BlockQuote.Margin != 1 {
		t.Errorf("block quote indent %d margin %d", *cfg.BlockQuote.Indent, *cfg.BlockQuote.Margin)
	}
	if std := styles.DefaultStyles["dark"].BlockQuote; *std.Indent != 1 || std.Margin != nil {
		t.Error("the standard dark style was changed")
	}
	if _, err := Style("bogus").config(); err == nil {
		t.Error("an unknown style has a configuration")
	}
}

// TestNoColor_SameCellsWithoutColour: NO_COLOR renders every cell as the
// style does, bold, italics and underline included, without colour.
func TestNoColor_SameCellsWithoutColour(t *testing.T) {
	a := &article.Article{Format: article.FormatMarkdown, Headline: "Title", Place: "TAIPEI", Date: "Feb 1",
		Paragraphs: []string{"Some *emphasis*, **bold**, `code`, a [link](https://example.com/)."},
		Reactions:  []article.Reaction{{Name: "Ann", Role: "Analyst", Quote: "Quoted."}}}
	for _, name := range []string{"dark", "light", "dracula", "tokyo-night", "pink"} {
		colour := renderArticle(t, a, 80, Style(name), Full)
		plain := renderArticle(t, a, 80, Style(name)+noColorSuffix, Full)
		// (A space that showed only its background is trimmed at a line's
		// end once the background is gone.)
		if trimLines(ansi.Strip(plain)) != trimLines(ansi.Strip(colour)) {
			t.Errorf("%s: NO_COLOR shows other text:\n%s\nwant:\n%s", name, ansi.Strip(plain), ansi.Strip(colour))
		}
		for y, line := range uv.NewStyledString(plain).Lines(ansi.GraphemeWidth) {
			for x, c := range line {
				if c.Style.Fg != nil || c.Style.Bg != nil || c.Style.UnderlineColor != nil {
					t.Fatalf("%s: cell %d,%d %q has a colour", name, x, y, c.Content)
				}
			}
		}
		for _, attr := range []string{"1", "3"} { // bold, italic
			if !hasAttr(plain, attr) {
				t.Errorf("%s: NO_COLOR lost SGR %s", name, attr)
			}
		}
	}
}

// hasAttr reports whether s has an SGR sequence with parameter p.
func hasAttr(s, p string) bool {
	for _, part := range strings.Split(s, "\x1b[")[1:] {
		params, _, ok := strings.Cut(part, "m")
		if !ok {
			continue
		}
		for _, q := range strings.Split(params, ";") {
			if _, err := strconv.Atoi(q); err == nil && q == p {
				return true
			}
		}
	}
	return false
}

// trimLines is s with every line's trailing blanks removed.
func trimLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}
