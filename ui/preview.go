package ui

import (
	"context"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/newsdesk/newsdesk/article"
	"github.com/newsdesk/newsdesk/library"
	"github.com/newsdesk/newsdesk/ui/render"
)

// openedMsg is an article read from its file for a screen: id is the
// fetch it answers (stale ones are dropped).
type openedMsg struct {
	id  uint64
	s   *library.Summary
	art *article.Article
	err error
}

// openCmd reads the full article s summarises, off the UI goroutine.
func openCmd(ctx context.Context, lib *library.Library, id uint64, s *library.Summary) tea.Cmd {
	return func() tea.Msg {
		a, err := lib.Open(ctx, s)
		return openedMsg{id: id, s: s, art: a, err: err}
	}
}

// preview is the wide layout's rendering of the selected article.
type preview struct {
	// key is the rendering wanted; text is it once ok.
	key  renderKey
	text string
	ok   bool
	// reading is the read of the article to render, rendering its
	// rendering.
	reading, rendering fetch
	// drawn is the preview cut into rows for the list screen.
	drawn *previewPane
}

// syncPreview renders the selected article for the wide layout's preview:
// from the cache, or by reading and rendering it in the background.
func (l *listScreen) syncPreview() tea.Cmd {
	_, pw := splitWidths(l.width, l.c.split)
	s := l.selected()
	if pw == 0 || s == nil {
		l.pv.reading.stop()
		return nil
	}
	tw, _ := textWidths(pw)
	k := renderKey{ID: s.ID, Version: s.Version, Width: tw, Style: render.Style(l.c.gstyle), Variant: render.Full}
	if k == l.pv.key && l.pv.ok {
		return nil
	}
	l.pv.key = k
	l.pv.rendering.stop()
	if text, ok := l.c.renders.Get(k); ok {
		l.pv.reading.stop()
		l.pv.text, l.pv.ok = text, true
		return nil
	}
	l.pv.text, l.pv.ok = "", false
	id, ctx := l.pv.reading.start(l.c)
	return openCmd(ctx, l.c.lib, id, s)
}

// opened renders an article read for the preview, if it is still wanted.
func (p *preview) opened(c *common, msg openedMsg) tea.Cmd {
	if !p.reading.current(msg.id) || msg.s.ID != p.key.ID || p.ok {
		return nil
	}
	if msg.err != nil {
		p.text, p.ok = c.readError(msg.s.Path, msg.err), true
		return nil
	}
	return renderCmd(c, &p.rendering, msg.art, p.key)
}

// rendered shows a finished rendering if it is the one wanted.
func (p *preview) rendered(msg renderedMsg) {
	if !p.rendering.current(msg.id) || msg.key != p.key || p.ok {
		return
	}
	p.text, p.ok = msg.content, true
	if msg.err != nil {
		p.text = "Could not render this article: " + display(msg.err.Error())
	}
}

// previewPane is the preview cut into rows, each measured once, with the
// widest row's width (the pane is padded to it). Never changed once built.
type previewPane struct {
	key    previewDrawKey
	rows   []string
	w      []int
	widest int
	// bytes is the rows' length.
	bytes int
}

// previewDrawKey is what the preview's rows depend on.
type previewDrawKey struct {
	st            *Styles
	what          renderKey // the rendering, when ok
	ok, none      bool      // rendered; no article selected
	width, height int
}

// draw cuts the preview into rows unless they are current.
func (p *preview) draw(l *listScreen) {
	_, pw := splitWidths(l.width, l.c.split)
	h := l.lh + listTop
	if pw == 0 {
		p.drawn = nil
		return
	}
	k := previewDrawKey{st: l.c.st, ok: p.ok, none: l.selected() == nil, width: pw, height: h}
	if k.ok {
		k.what = p.key
	}
	if p.drawn != nil && p.drawn.key == k {
		return
	}
	if d := p.drawn; !k.ok && !k.none && d != nil && d.key.ok && d.key.what.ID == p.key.ID &&
		d.key.st == k.st && d.key.width == k.width && d.key.height == k.height {
		// The same article's new version being read and rendered (its
		// file changed): the old rows stay until the new ones are ready,
		// as in the reader, rather than a flash of "Rendering…".
		return
	}
	text, pad := l.c.st.Placeholder.Render("Rendering…"), ""
	switch {
	case k.none:
		text = ""
	case k.ok:
		// The rendering centred, but only the rows shown.
		_, margin := textWidths(pw)
		text, pad = p.text, strings.Repeat(" ", margin)
	}
	d := &previewPane{key: k, rows: make([]string, h), w: make([]int, h)}
	for i := range h {
		line, after, more := strings.Cut(text, "\n")
		line = pad + line
		if w := ansi.StringWidth(line); w > pw {
			line = ansi.Truncate(line, pw, "")
			d.w[i] = ansi.StringWidth(line)
		} else {
			d.w[i] = w
		}
		d.rows[i] = line
		d.widest = max(d.widest, d.w[i])
		d.bytes += len(line)
		if !more {
			break
		}
		text = after
	}
	p.drawn = d
}

// display is text from a file made safe to draw: control characters shown
// as "?" (fields are sanitised already; paths and messages may not be).
func display(s string) string { return article.DisplayPath(s) }
