package ui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/newsdesk/newsdesk/article"
	"github.com/newsdesk/newsdesk/ui/render"
)

// renderKey is what a rendering depends on (article, version, width,
// style, variant).
type renderKey = render.Key

// RenderCache holds rendered articles for readers; give the same one to
// several readers (the SSH server's sessions) and each article is
// rendered once per key for all of them. See render.Cache.
type RenderCache = render.Cache

// DefaultCacheSize bounds a reader's own rendered-output cache: a few
// hundred articles at a few widths is a few megabytes (a rendering is
// about 1.3 bytes per character of the article).
const DefaultCacheSize = 300

// NewRenderCache returns a cache of at most size renderings (size < 1
// means DefaultCacheSize) and render.DefaultCacheBytes bytes.
func NewRenderCache(size int) *RenderCache {
	if size < 1 {
		size = DefaultCacheSize
	}
	return render.NewCache(size, render.DefaultCacheBytes)
}

// renderedMsg is a finished rendering: id is the fetch it answers, key
// what it was made for (the cache keeps it whoever asked).
type renderedMsg struct {
	id      uint64
	key     renderKey
	content string
	err     error
}

// renderCmd renders a for key off the UI goroutine, through cache, as
// fetch f (started here: a rendering it supersedes is cancelled). A
// cancelled rendering sends no message; the cache's flight keeps going as
// long as another reader waits for the same rendering.
func renderCmd(c *common, f *fetch, a *article.Article, key renderKey) tea.Cmd {
	id, ctx := f.start(c)
	cache := c.renders
	return func() tea.Msg {
		out, err := cache.Render(ctx, a, key)
		if ctx.Err() != nil {
			return nil
		}
		return renderedMsg{id: id, key: key, content: out, err: err}
	}
}
