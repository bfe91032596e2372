package ui

import (
	"fmt"
	"strings"
	"unicode"

	tea "charm.land/bubbletea/v2"
	"charm.land/glamour/v2"
	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi"
	lru "github.com/hashicorp/golang-lru/v2"
	"golang.org/x/sync/singleflight"

	"github.com/newsdesk/newsdesk/article"
)

// renderKey is what a rendering depends on.
type renderKey struct {
	id    article.ID
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

// DefaultCacheSize bounds a reader's own rendered-output cache: a few
// hundred articles at a few widths is a few megabytes (a rendering is
// about 1.3 bytes per character of the article, see compactLine).
const DefaultCacheSize = 300

// RenderCache holds rendered articles by (article, width, style). It is
// safe for concurrent use: the render Cmds fill it from their goroutines,
// and the SSH server shares one between all its sessions, so an article is
// rendered once per width and style however many readers open it. Renders
// of the same key at the same time are made once (single flight): 200
// readers opening the same story at once cost one Glamour run, not 200.
type RenderCache struct {
	lru    *lru.Cache[renderKey, string]
	flight singleflight.Group
}

// NewRenderCache returns a cache of at most size renderings (size < 1
// means DefaultCacheSize).
func NewRenderCache(size int) *RenderCache {
	if size < 1 {
		size = DefaultCacheSize
	}
	c, _ := lru.New[renderKey, string](size) // errors only for size < 1
	return &RenderCache{lru: c}
}

// get returns the cached rendering for k.
func (c *RenderCache) get(k renderKey) (string, bool) { return c.lru.Get(k) }

// render returns the rendering for k, from the cache or by calling
// render once for all the callers asking for k at the same moment.
func (c *RenderCache) render(k renderKey, render func() (string, error)) (string, error) {
	if s, ok := c.lru.Get(k); ok {
		return s, nil
	}
	flightKey := fmt.Sprintf("%d\x00%s\x00%s", k.width, k.style, k.id)
	v, err, _ := c.flight.Do(flightKey, func() (any, error) {
		// A caller that missed the cache just before another's flight
		// landed starts a flight of its own: look again first.
		if s, ok := c.lru.Get(k); ok {
			return s, nil
		}
		out, err := render()
		if err == nil {
			c.lru.Add(k, out)
		}
		return out, err
	})
	s, _ := v.(string)
	return s, err
}

// renderCmd renders a's Markdown with Glamour at key.width in key.style,
// off the UI goroutine, through cache. A new renderer per render: Glamour
// renderers must never be shared. Building the Markdown is part of the Cmd
// too (articles are never changed once loaded, so it may read a from its
// goroutine).
func renderCmd(a *article.Article, key renderKey, cache *RenderCache) tea.Cmd {
	return func() tea.Msg {
		out, err := cache.render(key, func() (string, error) {
			return renderMarkdown(a.Markdown(), key.width, key.style)
		})
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
		lines[i] = compactLine(l, width)
	}
	for len(lines) > 0 && strings.TrimSpace(ansi.Strip(lines[0])) == "" {
		lines = lines[1:]
	}
	return strings.Join(lines, "\n"), nil
}

// compactLine re-encodes one line of styled text, cut to width cells, with
// as few escape sequences as draw the same cells, and without its trailing
// blanks. Glamour styles every word and every padding space on its own
// (`ESC[38;5;252m word ESC[m`), so a rendered article is about six bytes
// of escapes per visible one; each frame of the reader is parsed again by
// the terminal renderer (Bubble Tea's, on every key of every SSH session),
// so this is done once per rendering instead. A space whose style shows
// nothing (no background, underline, reverse or strike-through) is the
// same on screen as a plain one and is written as such.
func compactLine(l string, width int) string {
	cells := uv.NewStyledString(l).Lines(ansi.GraphemeWidth)
	if len(cells) == 0 || width <= 0 {
		return ""
	}
	// A wide character is one cell of Width 2 here; one that would cross
	// the edge is cut with everything after it.
	line, cols := cells[0], 0
	for x, c := range line {
		if cols+c.Width > width {
			line = line[:x]
			break
		}
		cols += c.Width
	}
	// A blank takes the style of the text before it, so that a run of
	// words in one style is one sequence, not one per word.
	var prev uv.Style
	for x := range line {
		c := &line[x]
		switch {
		case looksBlank(c):
			*c = uv.Cell{Content: " ", Width: 1, Style: prev}
		case invisibleOnBlank(c.Style) && c.Link.IsZero():
			prev = c.Style
		default:
			prev = uv.Style{}
		}
	}
	for len(line) > 0 && looksBlank(&line[len(line)-1]) {
		line = line[:len(line)-1]
	}
	return line.Render()
}

// looksBlank reports whether c shows nothing but the background: a space
// in a style that does not show on a space, without a link.
func looksBlank(c *uv.Cell) bool {
	return c.Content == " " && invisibleOnBlank(c.Style) && c.Link.IsZero()
}

// invisibleOnBlank reports whether st shows nothing on a space: no
// background colour, underline, reverse video or strike-through (a
// foreground colour, bold or italics only change how glyphs look).
func invisibleOnBlank(st uv.Style) bool {
	return st.Bg == nil && st.Underline == uv.UnderlineStyleNone &&
		st.Attrs&(uv.AttrReverse|uv.AttrStrikethrough) == 0
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
