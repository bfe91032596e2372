package article

import (
	"strings"
)

// Markdown is the article as the reader hands it to Glamour and
// `newsdesk show --markdown` prints it: headline as "#", byline, dateline,
// paragraphs, then "## Reactions": each quote as a blockquote with its
// attribution, and the notes where they stood among the quotes.
//
// Wire and JSON text is plain text, so every character Markdown would
// read as syntax is escaped: a headline "*BREAKING*" shows its stars. The
// body, notes and quotes of a Markdown article are Markdown already and
// are kept as written; its metadata (headline, byline, dateline, names)
// is plain text and escaped like the others.
func (a Article) Markdown() string {
	body := EscapeMarkdown
	if a.Format == FormatMarkdown {
		body = func(s string) string { return s }
	}
	var blocks []string
	if a.Headline != "" {
		blocks = append(blocks, "# "+EscapeMarkdown(oneLine(a.Headline)))
	}
	if a.Byline != "" {
		blocks = append(blocks, "*By "+EscapeMarkdown(oneLine(a.Byline))+"*")
	}
	if d := a.dateline(); d != "" {
		blocks = append(blocks, d)
	}
	for _, p := range a.Paragraphs {
		blocks = append(blocks, body(p))
	}
	if len(a.Reactions) > 0 || len(a.Notes) > 0 {
		blocks = append(blocks, "## Reactions")
		notes := a.Notes
		for i, r := range a.Reactions {
			for len(notes) > 0 && notes[0].After <= i {
				blocks = append(blocks, body(notes[0].Text))
				notes = notes[1:]
			}
			blocks = append(blocks, blockquote(body(r.Quote)))
			if at := attribution(r); at != "" {
				blocks = append(blocks, at)
			}
		}
		for _, n := range notes {
			blocks = append(blocks, body(n.Text))
		}
	}
	return strings.Join(blocks, "\n\n") + "\n"
}

// dateline is "**PLACE** · DATE · SOURCE" with absent parts left out.
func (a Article) dateline() string {
	var parts []string
	if a.Place != "" {
		parts = append(parts, "**"+EscapeMarkdown(oneLine(a.Place))+"**")
	}
	for _, s := range []string{a.Date, a.Source} {
		if s != "" {
			parts = append(parts, EscapeMarkdown(oneLine(s)))
		}
	}
	return strings.Join(parts, " · ")
}

// attribution is "— **NAME**, ROLE (LOCATION)" with absent parts left out.
func attribution(r Reaction) string {
	var b strings.Builder
	if r.Name != "" {
		b.WriteString("**" + EscapeMarkdown(oneLine(r.Name)) + "**")
	}
	if r.Role != "" {
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		b.WriteString(EscapeMarkdown(oneLine(r.Role)))
	}
	if r.Location != "" {
		if b.Len() > 0 {
			b.WriteString(" ")
		}
		b.WriteString("(" + EscapeMarkdown(oneLine(r.Location)) + ")")
	}
	if b.Len() == 0 {
		return ""
	}
	return "— " + b.String()
}

// blockquote prefixes every line of s with "> " (a bare ">" on blank
// lines, so a multi-paragraph quote stays one blockquote).
func blockquote(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if strings.TrimSpace(l) == "" {
			lines[i] = ">"
		} else {
			lines[i] = "> " + l
		}
	}
	return strings.Join(lines, "\n")
}

// oneLine joins the lines of a field that must stay on one line (a
// heading, an emphasised byline) with spaces.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// inlineSpecial are the characters that can start or end Markdown inline
// syntax anywhere in a line: emphasis, code, links, images, autolinks and
// raw HTML, entities, GFM strikethrough and tables, and the escape itself.
const inlineSpecial = "\\`*_[]<>&~|"

// EscapeMarkdown makes plain text show literally when read as Markdown: it
// backslash-escapes inline syntax characters everywhere and, at the start
// of each line, what would open a block (headings, blockquotes, lists,
// thematic breaks, fenced code, setext underlines). Leading spaces are
// dropped so a line never becomes indented code.
func EscapeMarkdown(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = escapeLine(strings.TrimLeft(l, " \t"))
	}
	return strings.Join(lines, "\n")
}

func escapeLine(l string) string {
	var b strings.Builder
	b.Grow(len(l) + 8)
	// Block openers at the line start: "#" (heading), "-" and "+" (list,
	// thematic break), "=" (setext underline), "1." and "1)" (ordered
	// list); ">", "*" and "`" are escaped everywhere below.
	switch {
	case l == "":
	case strings.ContainsRune("#+-=", rune(l[0])):
		b.WriteByte('\\')
	default:
		digits := len(l) - len(strings.TrimLeft(l, "0123456789"))
		if digits > 0 && digits < len(l) && (l[digits] == '.' || l[digits] == ')') {
			b.WriteString(l[:digits])
			b.WriteByte('\\')
			l = l[digits:]
		}
	}
	for _, r := range l {
		if r < 0x80 && strings.ContainsRune(inlineSpecial, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
