package ui

import (
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/newsdesk/newsdesk/article"
)

// Copying goes through OSC 52 (tea.SetClipboard): the terminal sets its
// clipboard, so it works over SSH as well as locally (in tmux with
// `set-clipboard on`). The text copied is the article's own, sanitised
// like everything on screen, and bounded: a terminal would not take an
// unbounded escape sequence, and the server must not send one.

// maxCopy is the most text one copy sends (as OSC 52 base64 it is a third
// more).
const maxCopy = 1 << 20

// copyText is the Cmd that copies s, and says what (what) was copied or
// why not.
func (c *common) copyText(s, what string) tea.Cmd {
	if len(s) > maxCopy {
		c.say("Too long to copy: " + what + " is " + sizeKiB(len(s)) + " (at most 1 MiB).")
		return nil
	}
	c.say("Copied " + what + ".")
	return tea.SetClipboard(s)
}

// sizeKiB is n bytes in KiB, rounded up.
func sizeKiB(n int) string { return plural((n+1023)/1024, "KiB") }

// attributed is a quote as it is copied: `"QUOTE" — Name, Role
// (Location), Headline, Date`, absent parts left out, on one paragraph.
func attributed(quote string, r article.Reaction, headline, date string) string {
	var who []string
	for _, p := range []string{r.Name, r.Role} {
		if p != "" {
			who = append(who, p)
		}
	}
	s := strings.Join(who, ", ")
	if r.Location != "" {
		s += " (" + r.Location + ")"
	}
	var rest []string
	for _, p := range []string{s, headline, date} {
		if p = strings.TrimSpace(p); p != "" {
			rest = append(rest, p)
		}
	}
	q := "\u201c" + strings.Join(strings.Fields(quote), " ") + "\u201d"
	if len(rest) == 0 {
		return q
	}
	return q + " \u2014 " + strings.Join(rest, ", ")
}

// copyArticle copies the article's Markdown (what `newsdesk show
// --markdown` prints).
func (r *readerScreen) copyArticle() tea.Cmd {
	if r.art == nil {
		r.c.say("The article is still being read.")
		return nil
	}
	md := r.art.Markdown()
	return r.c.copyText(md, "the article ("+sizeKiB(len(md))+" of Markdown)")
}
