package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

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

func TestRenderMarkdown_NoLineWiderThanPane(t *testing.T) {
	a := richArticle()
	for _, w := range []int{20, 40, 80, 100} {
		out, err := renderMarkdown(a.Markdown(), w, "dark")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(ansi.Strip(out), "中国外交部") {
			t.Errorf("width %d: the Chinese paragraph is missing", w)
		}
		for _, l := range strings.Split(out, "\n") {
			if sw := ansi.StringWidth(l); sw > w {
				t.Errorf("width %d: line %q is %d cells", w, ansi.Strip(l), sw)
			}
		}
	}
}

func TestRenderMarkdown_CJKParagraphFillsThePane(t *testing.T) {
	// Without the pre-wrap Glamour leaves the whole paragraph on one line
	// (cut at the pane edge); with it the paragraph spans several lines.
	out, err := renderMarkdown(chineseParagraph+"\n", 40, "dark")
	if err != nil {
		t.Fatal(err)
	}
	text := ansi.Strip(out)
	if n := strings.Count(strings.TrimSpace(text), "\n") + 1; n < 5 {
		t.Errorf("CJK paragraph on %d lines at width 40:\n%s", n, text)
	}
	if strings.ReplaceAll(strings.Join(strings.Fields(text), ""), " ", "") != chineseParagraph {
		t.Errorf("characters lost or changed:\n%s", text)
	}
}
