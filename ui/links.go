package ui

import (
	"regexp"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/newsdesk/newsdesk/article"
	"github.com/newsdesk/newsdesk/ui/render"
)

// urlPattern finds links in an article's text: http, https and mailto
// URLs (in Markdown they are inside a link's parentheses or angle
// brackets, or bare).
var urlPattern = regexp.MustCompile(`(?i)\b(?:https?://|mailto:)[^\s<>"'()\[\]{}]+`)

// maxLinks bounds the links listed for one article.
const maxLinks = 500

// articleLinks is every distinct link of a, in reading order, that passes
// the renderer's rule for links (render.SafeLink), trailing punctuation
// left out.
func articleLinks(a *article.Article) []string {
	var texts []string
	texts = append(texts, a.Paragraphs...)
	for _, n := range a.Notes {
		texts = append(texts, n.Text)
	}
	for _, r := range a.Reactions {
		texts = append(texts, r.Quote)
	}
	seen := map[string]bool{}
	var out []string
	for _, t := range texts {
		for _, u := range urlPattern.FindAllString(t, -1) {
			u = strings.TrimRight(u, ".,;:!?*_~")
			if seen[u] || !render.SafeLink(u) {
				continue
			}
			seen[u] = true
			out = append(out, u)
			if len(out) == maxLinks {
				return out
			}
		}
	}
	return out
}

// linksScreen lists an article's links, numbered: a number or enter copies
// the link (OSC 52) and, where the reader runs locally with $BROWSER set,
// opens it. A long URL is cut with … on screen, never broken across rows;
// what is copied is all of it.
type linksScreen struct {
	c     *common
	title string
	links []string
	pg    pager

	width, height int
}

// newLinksScreen returns the links of a.
func newLinksScreen(c *common, a *article.Article) *linksScreen {
	l := &linksScreen{c: c, title: a.Headline, links: articleLinks(a)}
	l.pg = l.pg.resize(len(l.links), 1)
	return l
}

// openLinks lists the article's links.
func (r *readerScreen) openLinks() tea.Cmd {
	if r.art == nil {
		r.c.say("The article is still being read.")
		return nil
	}
	l := newLinksScreen(r.c, r.art)
	if len(l.links) == 0 {
		r.c.say("This article has no links.")
		return nil
	}
	r.c.push(l)
	return nil
}

// SetSize implements Screen: the title, a blank row and one row a link.
func (l *linksScreen) SetSize(width, height int) {
	l.width, l.height = max(width, 0), max(height, 0)
	l.pg = l.pg.resize(len(l.links), max(rest(l.height, 2), 1))
}

// Update implements Screen.
func (l *linksScreen) Update(msg tea.Msg) tea.Cmd {
	k := l.c.keys
	m, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	switch {
	case key.Matches(m, k.Back):
		return l.c.pop()
	case key.Matches(m, k.Open):
		return l.use(l.pg.index())
	case key.Matches(m, k.Panel.Jump):
		if n, err := strconv.Atoi(m.String()); err == nil && n >= 1 && n <= len(l.links) {
			l.pg = l.pg.selected(n - 1)
			return l.use(n - 1)
		}
	default:
		l.pg, _ = k.movePager(l.pg, m, k.PageUp, k.PageDown)
	}
	return nil
}

// use copies link i and opens it where it can.
func (l *linksScreen) use(i int) tea.Cmd {
	if i < 0 || i >= len(l.links) {
		return nil
	}
	u := l.links[i]
	copyCmd := l.c.copyText(u, "the link")
	if l.c.openURL == nil {
		return copyCmd
	}
	open := l.c.openURL
	l.c.say("Copied the link; opening it.")
	return tea.Batch(copyCmd, func() tea.Msg {
		if err := open(u); err != nil {
			return noticeMsg{"Could not open the link: " + err.Error()}
		}
		return nil
	})
}

// noticeMsg is a message for the status line from a Cmd.
type noticeMsg struct{ text string }

// View implements Screen.
func (l *linksScreen) View() string {
	var f frame
	f.start(l.height, l.height*(l.width+16))
	f.row(cut(l.c.st.Header.Render("Links of "+display(l.title)), l.width))
	f.row("")
	start, end := l.pg.bounds()
	digits := len(strconv.Itoa(len(l.links)))
	for i := start; i < end; i++ {
		n := strconv.Itoa(i + 1)
		num := strings.Repeat(" ", digits-len(n)) + n + "  "
		st := l.c.st.Title
		bar := "  "
		if i == l.pg.index() {
			st, bar = l.c.st.SelTitle, "│ "
		}
		room := max(l.width-ansi.StringWidth(bar+num), 0)
		f.row(l.c.st.Meta.Render(bar+num) + st.Render(ansi.Truncate(l.links[i], room, "…")))
	}
	f.fill("")
	return f.String()
}

// Status implements Screen.
func (l *linksScreen) Status() string {
	s := plural(len(l.links), "link") + " · enter or a number copies"
	if l.c.openURL != nil {
		s += " and opens"
	}
	return l.c.st.Status.Render(s)
}

// ShortHelp implements help.KeyMap.
func (l *linksScreen) ShortHelp() []key.Binding {
	k := l.c.keys
	open := k.Open
	open.SetHelp(open.Help().Key, "copy link")
	return []key.Binding{open, k.Down, k.Up, k.Back, k.Help, k.Quit}
}

// FullHelp implements help.KeyMap.
func (l *linksScreen) FullHelp() [][]key.Binding {
	return [][]key.Binding{l.ShortHelp()}
}
