package ui

import (
	"context"

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

// renderedMsg is a finished rendering. It carries the key it was made
// for: the model drops it when the open article, width or style has
// changed since (the cache keeps it).
type renderedMsg struct {
	key     renderKey
	content string
	err     error
}

// renderJob is the rendering one place on screen (the reader, the
// preview) waits for. Starting another cancels it: a rendering nobody
// waits for any more stops (the cache's flight keeps it going while
// another reader still waits for it).
type renderJob struct{ cancel context.CancelFunc }

// start renders a for key off the UI goroutine, through cache, cancelling
// the job's previous rendering. A cancelled rendering sends no message.
func (j *renderJob) start(parent context.Context, a *article.Article, key renderKey, cache *RenderCache) tea.Cmd {
	j.stop()
	ctx, cancel := context.WithCancel(parent)
	j.cancel = cancel
	return func() tea.Msg {
		out, err := cache.Render(ctx, a, key)
		if ctx.Err() != nil {
			return nil
		}
		return renderedMsg{key: key, content: out, err: err}
	}
}

// stop cancels the job's rendering, if any.
func (j *renderJob) stop() {
	if j.cancel != nil {
		j.cancel()
		j.cancel = nil
	}
}
