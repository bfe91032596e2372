package article

import (
	"iter"
	"strings"
)

// BlockKind says which part of an article a Block is.
type BlockKind uint8

// The parts of an article, in the order Blocks yields them (quotes,
// attributions and notes interleaved as in the file).
const (
	BlockHeadline BlockKind = iota
	BlockByline
	BlockDateline
	BlockParagraph
	BlockReactionsHeading
	BlockQuote
	BlockAttribution
	BlockNote
)

// Block is one block of an article as it is shown: the same text as
// Markdown (what Glamour renders) and as plain text (what the file says,
// shown when an article is too large or too deep to render).
type Block struct {
	Kind BlockKind
	// Markdown is the block as Markdown. Wire and JSON text is escaped so
	// that it shows literally; a Markdown article's body, notes and quotes
	// are kept as written.
	Markdown string
	// Text is the block as plain text: the field as the file says it (a
	// Markdown article's body as its Markdown source), a dateline or an
	// attribution joined as in the Markdown.
	Text string
}

// defaultReactionsHeading heads the reactions of an article that has no
// reactions section of its own (JSON, front-matter reactions).
const defaultReactionsHeading = "Reactions"

// Blocks yields the article block by block: headline, byline, dateline,
// paragraphs, then the reactions heading (ReactionsHeading as written, or
// "Reactions") with each quote and its attribution, and the notes where
// they stood among the quotes. Blocks are made as they are asked for, so
// a caller that stops early (a renderer over its budget) never builds the
// rest of a huge article.
func (a Article) Blocks() iter.Seq[Block] {
	body := EscapeMarkdown
	if a.Format == FormatMarkdown {
		body = func(s string) string { return s }
	}
	return func(yield func(Block) bool) {
		if a.Headline != "" {
			h := oneLine(a.Headline)
			if !yield(Block{BlockHeadline, "# " + EscapeMarkdown(h), h}) {
				return
			}
		}
		if a.Byline != "" {
			b := oneLine(a.Byline)
			if !yield(Block{BlockByline, "*By " + EscapeMarkdown(b) + "*", "By " + b}) {
				return
			}
		}
		if md, text := a.dateline(); md != "" {
			if !yield(Block{BlockDateline, md, text}) {
				return
			}
		}
		for _, p := range a.Paragraphs {
			if !yield(Block{BlockParagraph, body(p), p}) {
				return
			}
		}
		if len(a.Reactions) == 0 && len(a.Notes) == 0 {
			return
		}
		heading := oneLine(a.ReactionsHeading)
		if heading == "" {
			heading = defaultReactionsHeading
		}
		if !yield(Block{BlockReactionsHeading, "## " + EscapeMarkdown(heading), heading}) {
			return
		}
		notes := a.Notes
		for i, r := range a.Reactions {
			for len(notes) > 0 && notes[0].After <= i {
				if !yield(Block{BlockNote, body(notes[0].Text), notes[0].Text}) {
					return
				}
				notes = notes[1:]
			}
			if !yield(Block{BlockQuote, blockquote(body(r.Quote)), r.Quote}) {
				return
			}
			if md, text := attribution(r); md != "" {
				if !yield(Block{BlockAttribution, md, text}) {
					return
				}
			}
		}
		for _, n := range notes {
			if !yield(Block{BlockNote, body(n.Text), n.Text}) {
				return
			}
		}
	}
}

// Markdown is the article as `newsdesk show --markdown` prints it and as
// Glamour renders it (the reader leaves out the headline and dateline
// blocks, which its own header and footer show): every Block's Markdown,
// separated by blank lines.
func (a Article) Markdown() string {
	var b strings.Builder
	for blk := range a.Blocks() {
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(blk.Markdown)
	}
	b.WriteString("\n")
	return b.String()
}

// dateline is the Dateline as Markdown ("**PLACE** · DATE · SOURCE",
// each part escaped) and as plain text.
func (a Article) dateline() (md, text string) {
	m := Article{Date: EscapeMarkdown(oneLine(a.Date)), Source: EscapeMarkdown(oneLine(a.Source))}
	if a.Place != "" {
		m.Place = "**" + EscapeMarkdown(oneLine(a.Place)) + "**"
	}
	return m.Dateline(), a.Dateline()
}

// attribution is "— **NAME**, ROLE (LOCATION)" with absent parts left
// out, as Markdown and as plain text.
func attribution(r Reaction) (md, text string) {
	var m, t strings.Builder
	add := func(sep, mdPart, textPart string) {
		if m.Len() > 0 {
			m.WriteString(sep)
			t.WriteString(sep)
		}
		m.WriteString(mdPart)
		t.WriteString(textPart)
	}
	if r.Name != "" {
		n := oneLine(r.Name)
		add("", "**"+EscapeMarkdown(n)+"**", n)
	}
	if r.Role != "" {
		role := oneLine(r.Role)
		add(", ", EscapeMarkdown(role), role)
	}
	if r.Location != "" {
		loc := oneLine(r.Location)
		add(" ", "("+EscapeMarkdown(loc)+")", "("+loc+")")
	}
	if m.Len() == 0 {
		return "", ""
	}
	return "— " + m.String(), "— " + t.String()
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

// IsControl reports whether r is a character the sanitiser removes on its
// own (C0 but tab and newline, DEL, C1, bidi overrides and isolates). The
// renderer uses the same rule for the characters a character reference
// decodes to and for what leaves it.
func IsControl(r rune) bool { return isControl(r) }

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
