package ui

import (
	"strings"
	"unicode"

	tea "charm.land/bubbletea/v2"
	"charm.land/glamour/v2"
	"github.com/charmbracelet/x/ansi"
	lru "github.com/hashicorp/golang-lru/v2"

	"github.com/newsdesk/newsdesk/article"
)

// renderKey is what a rendering depends on.
type renderKey struct {
	id    string
	width int
	style string
}

// renderedMsg is a finished Glamour rendering. It carries the key it was
// made for: the model drops it when the open article, width or style has
// changed since (but still caches it).
type renderedMsg struct {
	key     renderKey
	content string
	err     error
}

// cacheSize bounds the rendered-output cache: a few hundred articles at a
// few widths is a few megabytes.
const cacheSize = 300

// renderCache holds rendered articles; it is safe for concurrent use (the
// render Cmds fill it from their goroutines).
type renderCache = lru.Cache[renderKey, string]

func newRenderCache() *renderCache {
	c, err := lru.New[renderKey, string](cacheSize)
	if err != nil { // only for a size <= 0
		panic(err)
	}
	return c
}

// renderCmd renders a's Markdown with Glamour at key.width in key.style,
// off the UI goroutine, and stores the result in cache. A new renderer per
// render: Glamour renderers must never be shared. Building the Markdown
// is part of the Cmd too (articles are never changed once loaded, so it
// may read a from its goroutine).
func renderCmd(a *article.Article, key renderKey, cache *renderCache) tea.Cmd {
	return func() tea.Msg {
		out, err := renderMarkdown(a.Markdown(), key.width, key.style)
		if err == nil {
			cache.Add(key, out)
		}
		return renderedMsg{key: key, content: out, err: err}
	}
}

// glamourMargin is the left+right margin of Glamour's document block in
// the standard styles.
const glamourMargin = 4

// renderMarkdown renders md so that no line is wider than width cells.
func renderMarkdown(md string, width int, style string) (string, error) {
	wrap := max(width-glamourMargin, 1)
	r, err := glamour.NewTermRenderer(glamour.WithStandardStyle(style), glamour.WithWordWrap(wrap))
	if err != nil {
		return "", err
	}
	// Glamour indents paragraphs inside the wrap width by its margin.
	out, err := r.Render(preWrapCJK(md, max(wrap-glamourMargin, 1)))
	if err != nil {
		return "", err
	}
	// Glamour pads lines with spaces to the wrap width and ends with blank
	// lines; trim both so centring and the viewport see the real text.
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	for i, l := range lines {
		lines[i] = ansi.Truncate(strings.TrimRight(l, " "), width, "")
	}
	for len(lines) > 0 && strings.TrimSpace(ansi.Strip(lines[0])) == "" {
		lines = lines[1:]
	}
	return strings.Join(lines, "\n"), nil
}

// preWrapCJK hard-wraps every line of md that has a run wider than width
// without a space (Chinese, Japanese and similar text), because Glamour
// wraps only at spaces and would let such a paragraph overflow the pane.
// Lines inside a block quote keep their "> " marker.
func preWrapCJK(md string, width int) string {
	if width <= 0 {
		return md
	}
	lines := strings.Split(md, "\n")
	changed := false
	for i, l := range lines {
		if !hasWideRun(l, width) {
			continue
		}
		prefix := ""
		body := l
		for strings.HasPrefix(body, "> ") {
			prefix += "> "
			body = body[2:]
		}
		// Leave room for the quote's own bar and indentation.
		w := max(width-2*len(prefix), 1)
		wrapped := strings.Split(ansi.Hardwrap(body, w, true), "\n")
		for j := range wrapped {
			// Two trailing spaces make a Markdown hard line break, so
			// Glamour keeps the break and does not rejoin the lines.
			wrapped[j] = prefix + wrapped[j]
			if j < len(wrapped)-1 {
				wrapped[j] += "  "
			}
		}
		lines[i] = strings.Join(wrapped, "\n")
		changed = true
	}
	if !changed {
		return md
	}
	return strings.Join(lines, "\n")
}

// hasWideRun reports whether s has a stretch of wide (CJK) characters
// without spaces wider than width cells.
func hasWideRun(s string, width int) bool {
	run := 0
	for _, r := range s {
		if unicode.IsSpace(r) {
			run = 0
			continue
		}
		if isWide(r) {
			run += 2
			if run > width {
				return true
			}
		}
	}
	return false
}

func isWide(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r) ||
		(r >= 0x3000 && r <= 0x303f) || (r >= 0xff00 && r <= 0xffef)
}
