package render

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"

	gansi "charm.land/glamour/v2/ansi"
	"github.com/charmbracelet/x/ansi"
	"github.com/yuin/goldmark/text"

	"github.com/newsdesk/newsdesk/article"
)

// note is the note a plain-text rendering starts with (its first
// paragraph, joined), or "".
func note(out string) string {
	first, _, _ := strings.Cut(ansi.Strip(out), "\n\n")
	if first = strings.Join(strings.Fields(first), " "); strings.HasPrefix(first, "Shown as plain text") {
		return first
	}
	return ""
}

func markdownArticle(body ...string) *article.Article {
	return &article.Article{Format: article.FormatMarkdown, Headline: "Hostile", Paragraphs: body}
}

// TestLimits_OverALimitIsPlainText: each hostile shape, made just over
// its limit, is shown as plain text with a note naming the limit, its
// text kept; just under the limit it is rendered by Glamour.
func TestLimits_OverALimitIsPlainText(t *testing.T) {
	quotes := func(n int) string { return strings.Repeat("> ", n) + "deep" }
	lists := func(n int) string { return strings.Repeat("- ", n) + "deep" }
	emphasis := func(n int) string { return strings.Repeat("*a ", n) + "x" + strings.Repeat(" b*", n) }
	tests := []struct {
		name       string
		over, fits *article.Article
		why        string
	}{
		{"nested quotes", markdownArticle(quotes(MaxNesting + 1)), markdownArticle(quotes(MaxNesting)), "nests quotes and lists more than 8 deep"},
		{"nested lists", markdownArticle(lists(MaxNesting + 1)), markdownArticle(lists(MaxNesting)), "nests quotes and lists more than 8 deep"},
		{"quotes and lists", markdownArticle(strings.Repeat("> - ", MaxNesting/2) + "> deep"), markdownArticle(strings.Repeat("> - ", MaxNesting/2) + "deep"), "nests quotes and lists"},
		{"nested emphasis", markdownArticle(emphasis(MaxDepth)), markdownArticle(emphasis(MaxDepth / 2)), "nests Markdown elements more than 32 deep"},
		{"long word", markdownArticle("see " + strings.Repeat("a", MaxToken+1)), markdownArticle("see " + strings.Repeat("a", MaxToken)), "a word or link longer than 16 KiB"},
		{"long link", markdownArticle("[x](http://example.com/" + strings.Repeat("a", MaxToken) + ")"), markdownArticle("[x](http://example.com/" + strings.Repeat("a", MaxToken/2) + ")"), "a word or link longer"},
		{"many lines", markdownArticle(strings.Repeat("a\n", MaxLines+1)), markdownArticle(strings.Repeat("a\n", 100)), "more than 8000 lines"},
		{"many paragraphs", markdownArticle(make([]string, MaxBlocks+1)...), markdownArticle("a", "b"), "more than 2000 paragraphs"},
		{"long code block", markdownArticle("```\n" + strings.Repeat("x := 1\n", MaxBlocks+1) + "```"), markdownArticle("```\n" + strings.Repeat("x := 1\n", 50) + "```"), "code lines"},
		{"large", markdownArticle(strings.Repeat(strings.Repeat("word ", 200)+"\n\n", MaxBytes/1000+1)), markdownArticle(strings.Repeat("word ", 200)), "longer than 256 KiB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for i := range tt.over.Paragraphs {
				if tt.over.Paragraphs[i] == "" {
					tt.over.Paragraphs[i] = "a"
				}
			}
			out := renderArticle(t, tt.over, 80, "dark", Full)
			if n := note(out); !strings.Contains(n, tt.why) {
				t.Errorf("over the limit: note %q, want one saying %q", n, tt.why)
			}
			if bad := unsafe(out); bad != "" {
				t.Error(bad)
			}
			if !strings.Contains(ansi.Strip(out), "Hostile") {
				t.Error("the plain text lost the headline")
			}
			if n := note(renderArticle(t, tt.fits, 80, "dark", Full)); n != "" {
				t.Errorf("within the limit it is plain text: %q", n)
			}
		})
	}
}

// TestLimits_BlocksAreCountedInTheTree: the block limit counts what
// Glamour draws (list items, code lines, table cells, quote paragraphs),
// exactly at the limit and one over.
func TestLimits_BlocksAreCountedInTheTree(t *testing.T) {
	tests := map[string]func(n int) string{
		"list items":       func(n int) string { return strings.Repeat("- item\n", n) },
		"quote paragraphs": func(n int) string { return strings.TrimSuffix(strings.Repeat("> a\n>\n", n), ">\n") },
		"code lines":       func(n int) string { return "```\n" + strings.Repeat("x\n", n) + "```\n" },
		"table cells": func(n int) string {
			return "| a |\n|---|\n" + strings.Repeat("| x |\n", n-1)
		},
	}
	for name, md := range tests {
		t.Run(name, func(t *testing.T) {
			for _, n := range []int{MaxBlocks, MaxBlocks + 1} {
				src := []byte(md(n))
				doc := newGoldmark(t.Context(), mustConfig(t), 80).Parser().Parse(text.NewReader(src))
				if over := checkTree(doc); (over != nil) != (n > MaxBlocks) {
					t.Errorf("%d: over = %v", n, over)
				}
			}
		})
	}
}

func mustConfig(t testing.TB) gansi.StyleConfig {
	cfg, err := Style("dark").config()
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// TestLimits_TooSlowIsPlainText: a rendering that runs out of time is
// shown as plain text saying so (the budget is made zero here, not
// waited for).
func TestLimits_TooSlowIsPlainText(t *testing.T) {
	defer func() { timeout = Timeout }()
	timeout = 0
	out := renderArticle(t, seedArticle(t), 80, "dark", Body)
	if n := note(out); !strings.Contains(n, "took longer than") {
		t.Errorf("note %q, want one saying it took too long", n)
	}
	if !strings.Contains(ansi.Strip(out), "Sergei Shoigu") {
		t.Error("the plain text lost the article")
	}
}

// TestLimits_PlainTextIsBounded: an article far over every limit (a
// million paragraphs, one 16 MiB paragraph) costs at most MaxPlainBytes
// and MaxPlainLines of plain text, and says that the rest is not shown.
func TestLimits_PlainTextIsBounded(t *testing.T) {
	many := make([]string, 1_000_000)
	for i := range many {
		many[i] = "a"
	}
	huge := strings.Repeat("word ", 16<<20/5)
	for name, a := range map[string]*article.Article{"1,000,000 paragraphs": markdownArticle(many...), "16 MiB paragraph": markdownArticle(huge)} {
		t.Run(name, func(t *testing.T) {
			out := renderArticle(t, a, 80, "dark", Full)
			if len(out) > MaxPlainBytes+4096 || strings.Count(out, "\n") > MaxPlainLines+4 {
				t.Errorf("%d bytes, %d lines", len(out), strings.Count(out, "\n"))
			}
			if !strings.Contains(ansi.Strip(out), "The rest is not shown") {
				t.Error("no note that the rest is not shown")
			}
		})
	}
}

// countingContext is a context whose Err reports cancellation from its
// n-th call on: the renderer checks it before every node.
type countingContext struct {
	context.Context
	calls, n atomic.Int64
}

func (c *countingContext) Err() error {
	if c.calls.Add(1) >= c.n.Load() {
		return context.Canceled
	}
	return nil
}

// TestRender_StopsAtTheNextNodeWhenCancelled: a rendering whose caller
// gives up stops at the next Markdown node, not at the end of the
// article; and a caller gone already gets its error (nothing to show or
// cache), not a plain-text rendering.
func TestRender_StopsAtTheNextNodeWhenCancelled(t *testing.T) {
	src := []byte(strings.Repeat("A paragraph of *some* text.\n\n", 1000))
	ctx := &countingContext{Context: context.Background()}
	ctx.n.Store(50)
	gm := newGoldmark(ctx, mustConfig(t), 80)
	doc := gm.Parser().Parse(text.NewReader(src))
	var out strings.Builder
	if err := gm.Renderer().Render(&out, src, doc); err != context.Canceled {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if calls := ctx.calls.Load(); calls != 50 {
		t.Errorf("the renderer looked at %d nodes, want to stop at the 50th", calls)
	}
	gone, cancel := context.WithCancel(context.Background())
	cancel()
	if out, err := Article(gone, seedArticle(t), 80, "dark", Full); err != context.Canceled || out != "" {
		t.Errorf("a caller gone before the start: %q, %v", out, err)
	}
}
