// Package render is newsdesk's one renderer of article text. The reader,
// the list's preview, the reactions panel and `newsdesk show` all draw
// through it, so that they agree on styles, wrapping, CJK text and what
// is safe to write to a terminal, and so that the cost of rendering is
// bounded, shared and cached in one place.
//
// A rendering goes: the article's blocks as Markdown (article.Blocks),
// checked against the input limits (limits.go); Glamour's Markdown parser,
// the tree checked again and its text rewritten to what CommonMark means
// (sanitize.go: literalText); Glamour's ANSI renderer, stopped at any node
// once the caller gives up or the time budget runs out, inside a budget
// of concurrent renders and bytes shared by the whole process (budget.go);
// then its output filtered down to text, SGR and newsdesk's own
// hyperlinks (sanitizeOutput) and re-encoded with the fewest escapes
// (compactLine). An article over a limit, or over its time, is shown as
// plain wrapped text with a note saying why. Cache (cache.go) holds
// renderings for every reader of a process, the SSH server's sessions
// included, and renders each at most once at a time.
package render

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"iter"
	"strings"
	"unicode"

	gansi "charm.land/glamour/v2/ansi"
	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/newsdesk/newsdesk/article"
)

// MaxWidth is the widest article text is rendered: longer lines are hard
// to read, so wider terminals centre it.
const MaxWidth = 100

// Variant says which blocks of an article a rendering shows.
type Variant uint8

const (
	// Full is the whole article: `newsdesk show` and the list's preview.
	Full Variant = iota
	// Body leaves out the headline and the dateline, which the reader
	// shows in its own header row and footer.
	Body
)

// String names the variant (for logs and test names).
func (v Variant) String() string {
	if v == Body {
		return "body"
	}
	return "full"
}

// shows reports whether a block of kind k is part of variant v.
func (v Variant) shows(k article.BlockKind) bool {
	return v == Full || (k != article.BlockHeadline && k != article.BlockDateline)
}

// glamourMargin is the left+right margin of Glamour's document block in
// the standard styles: the text of a rendering width cells wide is
// width-glamourMargin cells wide.
const glamourMargin = 4

// TextIndent is how many columns rendered text starts in from its left
// edge (Glamour's margin on that side), so a header drawn above it can
// line up with it.
const TextIndent = glamourMargin / 2

// Article renders the blocks of a that variant v shows, so that no line
// is wider than width cells, in style st. An article over a limit
// (limits.go) or over the time budget is rendered as plain text with a
// note saying why. The only error is ctx's, when the caller gave up
// before the rendering was done.
func Article(ctx context.Context, a *article.Article, width int, st Style, v Variant) (string, error) {
	md, over := articleMarkdown(a, v)
	return bounded(ctx, md, over, width, st, blockTexts(a, v))
}

// Markdown renders md like an article's Markdown (the reactions panel
// builds its own): too large, deep or slow Markdown is shown as its
// source, wrapped, with a note saying why.
func Markdown(ctx context.Context, md string, width int, st Style) (string, error) {
	var over *overLimit
	if len(md) > MaxBytes {
		over = tooLarge()
	}
	return bounded(ctx, md, over, width, st, func(yield func(block) bool) { yield(block{text: md}) })
}

// bounded renders Markdown md with Glamour, or, when md is over a limit
// (over, or one renderGlamour finds), the plain text of texts, inside the
// process's render budget.
func bounded(ctx context.Context, md string, over *overLimit, width int, st Style, texts iter.Seq[block]) (string, error) {
	// An article over a limit before it is parsed is a huge one: its
	// plain text is given the most a rendering may hold.
	est := int64(MaxRenderBytes)
	if over == nil {
		est = estimate(md)
	}
	release, err := shared.acquire(ctx, est)
	if err != nil {
		return "", err
	}
	defer release()
	if over == nil {
		out, err := renderGlamour(ctx, md, width, st)
		if !errors.As(err, &over) {
			return out, err
		}
	}
	return plain(texts, width, st, over.Error()), nil
}

// articleMarkdown is the Markdown of the blocks of a that v shows, or the
// limit it is over. It stops at the first limit, so a huge article is
// never joined whole.
func articleMarkdown(a *article.Article, v Variant) (string, *overLimit) {
	var b strings.Builder
	n := 0
	for blk := range a.Blocks() {
		if !v.shows(blk.Kind) {
			continue
		}
		if n++; n > MaxBlocks {
			return "", tooManyBlocks()
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(blk.Markdown)
		if b.Len() > MaxBytes {
			return "", tooLarge()
		}
	}
	b.WriteString("\n")
	return b.String(), nil
}

// block is one block of plain text; quote marks it as quoted.
type block struct {
	text  string
	quote bool
}

// blockTexts yields the plain text of the blocks of a that v shows.
func blockTexts(a *article.Article, v Variant) iter.Seq[block] {
	return func(yield func(block) bool) {
		for blk := range a.Blocks() {
			if v.shows(blk.Kind) && !yield(block{text: blk.Text, quote: blk.Kind == article.BlockQuote}) {
				return
			}
		}
	}
}

// renderGlamour renders Markdown md with Glamour at width in style st, within
// the limits. Errors: ctx's when the caller gave up, an *overLimit when
// the input or the work is over a limit.
func renderGlamour(ctx context.Context, md string, width int, st Style) (out string, err error) {
	if width <= 0 {
		return "", nil
	}
	cfg, err := st.config()
	if err != nil {
		return "", err
	}
	// Glamour wraps at width with its document's margins inside it (two
	// cells each side), and breaks lines only at spaces: CJK runs are
	// broken first, to the text's width.
	md = preWrapCJK(md, max(width-glamourMargin, 1))
	if over := checkSource(md); over != nil {
		return "", over
	}
	// Glamour is trusted with hostile input only this far: a panic in it
	// is a rendering that failed, not a process that dies.
	defer func() {
		if p := recover(); p != nil {
			out, err = "", &overLimit{why: fmt.Sprintf("the Markdown renderer failed (%v)", p)}
		}
	}()
	wctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	gm := newGoldmark(wctx, cfg, width)
	src := []byte(md)
	doc := gm.Parser().Parse(text.NewReader(src))
	if over := checkTree(doc); over != nil {
		return "", over
	}
	src = literalText(doc, src)
	var buf bytes.Buffer
	if err := gm.Renderer().Render(&buf, src, doc); err != nil {
		switch {
		case ctx.Err() != nil:
			return "", ctx.Err()
		case wctx.Err() != nil:
			return "", tooSlow()
		}
		return "", &overLimit{why: "the Markdown renderer failed (" + err.Error() + ")"}
	}
	return finish(buf.String(), width, st.NoColor()), nil
}

// newGoldmark is the Markdown converter glamour.NewTermRenderer builds
// (GFM, definition lists, heading IDs, Glamour's ANSI renderer), made here
// so that the parsed tree can be checked and rewritten before it is
// rendered, and so that rendering stops at the next node once ctx is
// done. A new one per render: Glamour's renderer must never be shared.
func newGoldmark(ctx context.Context, cfg gansi.StyleConfig, wrap int) goldmark.Markdown {
	ar := gansi.NewRenderer(gansi.Options{WordWrap: wrap, Styles: cfg})
	return goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.DefinitionList),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
		goldmark.WithRenderer(renderer.NewRenderer(
			renderer.WithNodeRenderers(util.Prioritized(stoppable{ar, ctx}, 1000)),
		)),
	)
}

// stoppable is a goldmark node renderer that checks its context before
// every node it hands to the one it wraps.
type stoppable struct {
	renderer.NodeRenderer
	ctx context.Context
}

// RegisterFuncs implements renderer.NodeRenderer.
func (s stoppable) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	s.NodeRenderer.RegisterFuncs(stoppableRegisterer{reg, s.ctx})
}

type stoppableRegisterer struct {
	renderer.NodeRendererFuncRegisterer
	ctx context.Context
}

// Register implements renderer.NodeRendererFuncRegisterer.
func (s stoppableRegisterer) Register(k ast.NodeKind, f renderer.NodeRendererFunc) {
	s.NodeRendererFuncRegisterer.Register(k, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if err := s.ctx.Err(); err != nil {
			return ast.WalkStop, err
		}
		return f(w, src, n, entering)
	})
}

// finish makes Glamour's output (or the plain text) what leaves the
// renderer: sanitised, one compact line per row at most width cells wide,
// without the blank lines Glamour puts first and last.
func finish(out string, width int, noColor bool) string {
	lines := strings.Split(strings.TrimRight(sanitizeOutput(out), "\n"), "\n")
	for i, l := range lines {
		if strings.IndexByte(l, '\x1b') < 0 {
			// Plain text (the plain rendering): nothing to re-encode.
			lines[i] = strings.TrimRight(ansi.Truncate(l, width, ""), " ")
			continue
		}
		lines[i] = compactLine(l, width, noColor)
	}
	for len(lines) > 0 && lines[0] == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return strings.Join(lines, "\n")
}

// compactLine re-encodes one line of styled text, cut to width cells, with
// as few escape sequences as draw the same cells, and without its trailing
// blanks; noColor drops the colours (bold, italics, underline stay).
// Glamour styles every word and every padding space on its own
// (`ESC[38;5;252m word ESC[m`), so a rendered article is about six bytes
// of escapes per visible one; each frame of the reader is parsed again by
// the terminal renderer (Bubble Tea's, on every key of every SSH session),
// so this is done once per rendering instead. A space whose style shows
// nothing (no background, underline, reverse or strike-through) is the
// same on screen as a plain one and is written as such.
func compactLine(l string, width int, noColor bool) string {
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
		if noColor {
			c.Style.Fg, c.Style.Bg, c.Style.UnderlineColor = nil, nil, nil
		}
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
