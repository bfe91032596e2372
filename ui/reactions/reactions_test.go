package reactions

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/newsdesk/newsdesk/article"
)

// Keys as a terminal sends them: printable keys carry Code and Text.
func char(r rune) tea.KeyPressMsg { return tea.KeyPressMsg{Code: r, Text: string(r)} }

var (
	keyRight    = tea.KeyPressMsg{Code: tea.KeyRight}
	keyLeft     = tea.KeyPressMsg{Code: tea.KeyLeft}
	keyDown     = tea.KeyPressMsg{Code: tea.KeyDown}
	keyUp       = tea.KeyPressMsg{Code: tea.KeyUp}
	keyTab      = tea.KeyPressMsg{Code: tea.KeyTab}
	keyShiftTab = tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	keyEnter    = tea.KeyPressMsg{Code: tea.KeyEnter}
	keyEsc      = tea.KeyPressMsg{Code: tea.KeyEsc}
	keyEnd      = tea.KeyPressMsg{Code: tea.KeyEnd}
)

// newPanel is a dark panel showing a at w×h.
func newPanel(a *article.Article, w, h int) Model {
	m := New(true)
	m.SetDark(true, "dark")
	m.SetArticle(a)
	m.SetSize(w, h)
	return m
}

// run runs cmd (expanding batches) and returns the messages it produced.
func run(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if b, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range b {
			out = append(out, run(c)...)
		}
		return out
	}
	if msg == nil {
		return nil
	}
	return []tea.Msg{msg}
}

// send feeds msgs to m and runs every returned command, feeding render
// results back as the program would. It returns the other messages.
func send(m Model, msgs ...tea.Msg) (Model, []tea.Msg) {
	var out []tea.Msg
	queue := msgs
	for len(queue) > 0 {
		msg := queue[0]
		queue = queue[1:]
		var cmd tea.Cmd
		m, cmd = m.Update(msg)
		for _, r := range run(cmd) {
			if _, ok := r.(RenderedMsg); ok {
				queue = append(queue, r)
				continue
			}
			out = append(out, r)
		}
	}
	return m, out
}

// view is the panel's text without styling.
func view(m Model) string { return ansi.Strip(m.View()) }

// lineWith returns the first line of s containing sub.
func lineWith(s, sub string) (string, bool) {
	for l := range strings.SplitSeq(s, "\n") {
		if strings.Contains(l, sub) {
			return l, true
		}
	}
	return "", false
}

// checkFits fails when the view is wider or taller than w×h, or when a
// card's border is cut (every top corner needs its bottom corner).
func checkFits(t *testing.T, m Model, w, h int) {
	t.Helper()
	v := view(m)
	if v == "" {
		return
	}
	lines := strings.Split(v, "\n")
	if len(lines) > h {
		t.Errorf("%d×%d: view has %d lines", w, h, len(lines))
	}
	for i, l := range lines {
		if cw := ansi.StringWidth(l); cw > w {
			t.Errorf("%d×%d: line %d is %d cells wide: %q", w, h, i, cw, l)
		}
	}
	if m.open {
		return
	}
	for _, c := range [][2]string{{"┏", "┗"}, {"╭", "╰"}, {"┓", "┛"}, {"╮", "╯"}} {
		if a, b := strings.Count(v, c[0]), strings.Count(v, c[1]); a != b {
			t.Errorf("%d×%d: %d %s corners but %d %s: a border is cut\n%s", w, h, a, c[0], b, c[1], v)
		}
	}
}

func TestPanel_FocusKeys(t *testing.T) {
	tests := []struct {
		name string
		keys []tea.Msg
		want string
	}{
		{"starts on the first", nil, "Reaction 1 of 4 · Dr. Anya Petrova · cards 1–2 of 4"},
		{"l focuses the second card", []tea.Msg{char('l')}, "Reaction 2 of 4 · James Miller · cards 1–2 of 4"},
		{"right focuses the second card", []tea.Msg{keyRight}, "Reaction 2 of 4 · James Miller · cards 1–2 of 4"},
		{"tab focuses the second card", []tea.Msg{keyTab}, "Reaction 2 of 4 · James Miller · cards 1–2 of 4"},
		{"next off the window scrolls the row", []tea.Msg{char('l'), char('l')}, "Reaction 3 of 4 · Professor Li Wei · cards 2–3 of 4"},
		{"next after the last wraps to the first", []tea.Msg{char('l'), char('l'), char('l'), char('l')}, "Reaction 1 of 4 · Dr. Anya Petrova · cards 1–2 of 4"},
		{"h from the first wraps to the last", []tea.Msg{char('h')}, "Reaction 4 of 4 · Mark Kovacs · cards 3–4 of 4"},
		{"left goes back", []tea.Msg{char('3'), keyLeft}, "Reaction 2 of 4 · James Miller · cards 2–3 of 4"},
		{"shift+tab goes back", []tea.Msg{char('4'), keyShiftTab}, "Reaction 3 of 4 · Professor Li Wei · cards 3–4 of 4"},
		{"3 jumps to the third", []tea.Msg{char('3')}, "Reaction 3 of 4 · Professor Li Wei · cards 2–3 of 4"},
		{"1 jumps back to the first", []tea.Msg{char('4'), char('1')}, "Reaction 1 of 4 · Dr. Anya Petrova · cards 1–2 of 4"},
		{"5 is beyond 4 reactions: ignored", []tea.Msg{char('2'), char('5')}, "Reaction 2 of 4 · James Miller · cards 1–2 of 4"},
		{"9 is ignored", []tea.Msg{char('9')}, "Reaction 1 of 4 · Dr. Anya Petrova · cards 1–2 of 4"},
		{"unbound keys change nothing", []tea.Msg{char('x'), char('0')}, "Reaction 1 of 4 · Dr. Anya Petrova · cards 1–2 of 4"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _ := send(newPanel(seedArticle(), 80, 24), tt.keys...)
			if got := m.Status(); got != tt.want {
				t.Errorf("Status() = %q, want %q", got, tt.want)
			}
			// The focused card is shown, with the focus border.
			name := m.art.Reactions[m.focus].Name
			l, ok := lineWith(view(m), name)
			if !ok {
				t.Fatalf("focused %q not shown:\n%s", name, view(m))
			}
			if !strings.Contains(l, "┃ "+name) {
				t.Errorf("focused card has no focus border: %q", l)
			}
		})
	}
}

func TestPanel_NextFocusesSecondCard(t *testing.T) {
	m, _ := send(newPanel(seedArticle(), 120, 40), char('l'))
	if got, want := m.Status(), "Reaction 2 of 4 · James Miller"; got != want {
		t.Errorf("Status() = %q, want %q", got, want)
	}
	m, _ = send(m, char('3'))
	if got, want := m.Status(), "Reaction 3 of 4 · Professor Li Wei"; got != want {
		t.Errorf("after 3: Status() = %q, want %q", got, want)
	}
}

func TestPanel_FourNamesOnOneLineAt120(t *testing.T) {
	m := newPanel(seedArticle(), 120, 40)
	l, ok := lineWith(view(m), "Dr. Anya Petrova")
	if !ok {
		t.Fatalf("no line with the first name:\n%s", view(m))
	}
	for _, r := range m.art.Reactions {
		if !strings.Contains(l, r.Name) {
			t.Errorf("%q not on the line of the first name: %q", r.Name, l)
		}
	}
}

func TestPanel_OneColumnAt40(t *testing.T) {
	m := newPanel(seedArticle(), 40, 12)
	v := view(m)
	if !strings.Contains(v, "Dr. Anya Petrova") || strings.Contains(v, "James Miller") {
		t.Fatalf("want only the first card at 40 columns:\n%s", v)
	}
	m, _ = send(m, char('l'))
	v = view(m)
	if !strings.Contains(v, "James Miller") || strings.Contains(v, "Dr. Anya Petrova") {
		t.Errorf("want only the second card after l:\n%s", v)
	}
	if got, want := m.Status(), "Reaction 2 of 4 · James Miller · card 2 of 4"; got != want {
		t.Errorf("Status() = %q, want %q", got, want)
	}
}

func TestPanel_ScrollKeysScrollTheFocusedQuote(t *testing.T) {
	// At 40×12 the first quote does not fit in its card.
	const first, second = "This is a reaffirmation", "standing policy, but"
	tests := []struct {
		name         string
		keys         []tea.Msg
		show, hide   string
		indicatorWas string
	}{
		{"at the top: more below", nil, first, "", "↓ more"},
		{"j scrolls a line", []tea.Msg{char('j')}, second, first, "↑↓ more"},
		{"down scrolls a line", []tea.Msg{keyDown}, second, first, "↑↓ more"},
		{"k scrolls back", []tea.Msg{char('j'), char('k')}, first, "", "↓ more"},
		{"up scrolls back", []tea.Msg{char('j'), keyUp}, first, "", "↓ more"},
		{"k at the top stays", []tea.Msg{char('k')}, first, "", "↓ more"},
		{"end shows the end", []tea.Msg{keyEnd}, "counterweight.", first, "↑ more"},
		{"j past the end stops there", []tea.Msg{char('G'), char('j'), char('j')}, "counterweight.", first, "↑ more"},
		{"g goes back to the top", []tea.Msg{char('G'), char('g')}, first, "", "↓ more"},
		{"wheel down scrolls", []tea.Msg{tea.MouseWheelMsg{Button: tea.MouseWheelDown}}, second, first, "↑↓ more"},
		{"wheel up scrolls back", []tea.Msg{tea.MouseWheelMsg{Button: tea.MouseWheelDown}, tea.MouseWheelMsg{Button: tea.MouseWheelUp}}, first, "", "↓ more"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _ := send(newPanel(seedArticle(), 40, 12), tt.keys...)
			v := view(m)
			if !strings.Contains(v, tt.show) {
				t.Errorf("want %q shown:\n%s", tt.show, v)
			}
			if tt.hide != "" && strings.Contains(v, tt.hide) {
				t.Errorf("want %q scrolled away:\n%s", tt.hide, v)
			}
			if l, ok := lineWith(v, "↓ more"); tt.indicatorWas != "↑ more" && (!ok || !strings.Contains(l, "┃ "+tt.indicatorWas+" ")) {
				t.Errorf("want indication %q, got %q", tt.indicatorWas, l)
			}
			if l, ok := lineWith(v, "↑"); tt.indicatorWas == "↑ more" && (!ok || !strings.Contains(l, "┃ "+tt.indicatorWas+" ")) {
				t.Errorf("want indication %q, got %q", tt.indicatorWas, l)
			}
			checkFits(t, m, 40, 12)
		})
	}
}

func TestPanel_ScrollIsPerCard(t *testing.T) {
	m, _ := send(newPanel(seedArticle(), 40, 12), char('j'), char('j'), char('l'), char('h'))
	if !strings.Contains(view(m), "significant. It reinforces") || strings.Contains(view(m), "This is a") {
		t.Errorf("first card lost its scroll after moving away and back:\n%s", view(m))
	}
	m, _ = send(m, char('l'))
	if !strings.Contains(view(m), "The rhetoric is predictable") {
		t.Errorf("second card starts scrolled:\n%s", view(m))
	}
}

func TestPanel_ScrollDoesNotLeakIntoCopies(t *testing.T) {
	before := newPanel(seedArticle(), 40, 12)
	want := view(before)
	send(before, char('j'))
	if view(before) != want {
		t.Error("scrolling a copy changed the original model")
	}
}

func TestPanel_ShortQuoteDoesNotScroll(t *testing.T) {
	m := newPanel(seedArticle(), 120, 40)
	after, _ := send(m, char('j'))
	if view(after) != view(m) {
		t.Errorf("j changed a card whose quote fits:\n%s", view(after))
	}
	if strings.Contains(view(m), "↓") || strings.Contains(view(m), "↑") {
		t.Errorf("a 'more' indication on cards that fit:\n%s", view(m))
	}
}

func TestPanel_ClickFocusesCard(t *testing.T) {
	click := func(x, y int, b tea.MouseButton) tea.Msg { return tea.MouseClickMsg{X: x, Y: y, Button: b} }
	tests := []struct {
		name  string
		art   *article.Article
		w, h  int
		click tea.Msg
		want  int
	}{
		{"click on the second card", seedArticle(), 80, 24, click(45, 3, tea.MouseLeft), 1},
		{"click on the second card's border", seedArticle(), 80, 24, click(40, 0, tea.MouseLeft), 1},
		{"click in the gap", seedArticle(), 80, 24, click(39, 3, tea.MouseLeft), 0},
		{"click below the cards", seedArticle(), 80, 24, click(45, 23, tea.MouseLeft), 0},
		{"right click", seedArticle(), 80, 24, click(45, 3, tea.MouseRight), 0},
		{"click on the fourth card at 120", seedArticle(), 120, 40, click(100, 5, tea.MouseLeft), 3},
		{"click on the notes", sevenArticle(), 120, 40, click(100, 1, tea.MouseLeft), 0},
		{"click below the notes", sevenArticle(), 120, 40, click(100, 3, tea.MouseLeft), 3},
		{"negative coordinates", seedArticle(), 80, 24, click(-5, -1, tea.MouseLeft), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _ := send(newPanel(tt.art, tt.w, tt.h), tt.click)
			if m.focus != tt.want {
				t.Errorf("focus = %d, want %d (%s)", m.focus+1, tt.want+1, m.Status())
			}
		})
	}
}

func TestPanel_ClickOnScrolledRow(t *testing.T) {
	m, _ := send(newPanel(sevenArticle(), 120, 40), char('6'))
	// Cards 3–6 are shown; a click on the first shown card focuses 3.
	m, _ = send(m, tea.MouseClickMsg{X: 2, Y: 5, Button: tea.MouseLeft})
	if got, want := m.Status(), "Reaction 3 of 7 · 王芳 · cards 3–6 of 7"; got != want {
		t.Errorf("Status() = %q, want %q", got, want)
	}
}

func TestPanel_EnterOpensFullWidthAndEscCloses(t *testing.T) {
	m, _ := send(newPanel(seedArticle(), 80, 24), char('3'), keyEnter)
	v := view(m)
	for _, s := range []string{"Professor Li Wei", "Institute of International Relations", "Shanghai", "strategic trust"} {
		if !strings.Contains(v, s) {
			t.Errorf("open view lacks %q:\n%s", s, v)
		}
	}
	if strings.Contains(v, "╭") || strings.Contains(v, "James Miller") {
		t.Errorf("open view still shows the cards:\n%s", v)
	}
	if got, want := m.Status(), "Reaction 3 of 4 · Professor Li Wei"; got != want {
		t.Errorf("Status() = %q, want %q", got, want)
	}
	checkFits(t, m, 80, 24)

	m, out := send(m, keyEsc)
	if len(out) != 0 {
		t.Errorf("esc with a reaction open sent %v", out)
	}
	if v := view(m); !strings.Contains(v, "James Miller") || !strings.Contains(v, "┃ Professor Li Wei") {
		t.Errorf("esc did not return to the cards with the focus kept:\n%s", v)
	}
	_, out = send(m, keyEsc)
	if len(out) != 1 {
		t.Fatalf("esc on the cards sent %v, want BackMsg", out)
	}
	if _, ok := out[0].(BackMsg); !ok {
		t.Errorf("esc on the cards sent %T, want BackMsg", out[0])
	}
}

func TestPanel_OpenViewKeys(t *testing.T) {
	// A 7-reaction article at 40×12: the long quote needs scrolling.
	m, _ := send(newPanel(sevenArticle(), 40, 12), char('2'), keyEnter)
	top := view(m)
	if !strings.Contains(top, "Ben Carter") {
		t.Fatalf("open view lacks the name:\n%s", top)
	}
	m, _ = send(m, char('j'))
	if view(m) == top {
		t.Error("j did not scroll the open reaction")
	}
	m, _ = send(m, char('k'))
	if view(m) != top {
		t.Error("k did not scroll back")
	}
	m, _ = send(m, char('G'))
	if !strings.Contains(view(m), "say.") {
		t.Errorf("G did not reach the end:\n%s", view(m))
	}
	m, _ = send(m, char('g'), tea.KeyPressMsg{Code: tea.KeySpace, Text: " "})
	if view(m) == top {
		t.Error("space did not page down")
	}
	m, _ = send(m, char('b'))
	if view(m) != top {
		t.Error("b did not page up")
	}
	m, _ = send(m, tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	if view(m) == top {
		t.Error("the wheel did not scroll the open reaction")
	}
	// l opens the next reaction in place.
	m, _ = send(m, char('l'))
	if v := view(m); !strings.Contains(v, "王芳") || strings.Contains(v, "Ben Carter") {
		t.Errorf("l did not open the next reaction:\n%s", v)
	}
	if got, want := m.Status(), "Reaction 3 of 7 · 王芳"; got != want {
		t.Errorf("Status() = %q, want %q", got, want)
	}
	checkFits(t, m, 40, 12)
}

func TestPanel_ReopenRendersAgainWhenAResultWasLost(t *testing.T) {
	m, cmd := newPanel(seedArticle(), 80, 24).Update(keyEnter)
	if cmd == nil {
		t.Fatal("enter started no rendering")
	}
	// The result never arrives (the user left before it came back).
	m, _ = m.Update(keyEsc)
	m, cmd = m.Update(keyEnter)
	if len(run(cmd)) != 1 {
		t.Fatal("reopening did not render again: the view would stay empty")
	}
}

func TestPanel_EnterWithoutReactionsDoesNothing(t *testing.T) {
	m, out := send(newPanel(&article.Article{ID: "x"}, 80, 24), keyEnter, char('l'), char('1'), char('j'))
	if m.open || len(out) != 0 {
		t.Errorf("keys on an empty panel: open=%v, messages %v", m.open, out)
	}
}

func TestPanel_StaleRenderResultsAreDropped(t *testing.T) {
	m := newPanel(seedArticle(), 80, 24)
	m, cmd := m.Update(keyEnter)
	msgs := run(cmd)
	if len(msgs) != 1 {
		t.Fatalf("enter returned %d messages, want one rendering", len(msgs))
	}
	at80 := msgs[0].(RenderedMsg)
	if at80.ArticleID != string(m.art.ID) || at80.Index != 0 || at80.Width != 80 || at80.Style != "dark" {
		t.Errorf("rendering made for %+v", at80)
	}

	// The panel is resized before the rendering arrives.
	m.SetSize(100, 24)
	m, cmd = m.Update(tea.WindowSizeMsg{Width: 100, Height: 24})
	at100 := run(cmd)
	if len(at100) != 1 || at100[0].(RenderedMsg).Width != 100 {
		t.Fatalf("resize did not re-render at 100: %v", at100)
	}
	m, _ = m.Update(at80)
	if v := view(m); strings.Contains(v, "Anya") {
		t.Errorf("a rendering for width 80 was shown at 100:\n%s", v)
	}
	m, _ = m.Update(at100[0])
	if v := view(m); !strings.Contains(v, "Dr. Anya Petrova") {
		t.Errorf("the current rendering was dropped:\n%s", v)
	}

	// A rendering for another reaction arriving late is dropped too.
	m, cmd = m.Update(char('l'))
	second := run(cmd)
	m, _ = m.Update(at100[0])
	if v := view(m); strings.Contains(v, "Anya") {
		t.Errorf("reaction 1's rendering shown for reaction 2:\n%s", v)
	}
	m, _ = m.Update(second[0])
	if v := view(m); !strings.Contains(v, "James Miller") {
		t.Errorf("reaction 2's rendering dropped:\n%s", v)
	}

	// And one for another article.
	other := second[0].(RenderedMsg)
	other.ArticleID, other.Content = "elsewhere", "WRONG ARTICLE"
	m, _ = m.Update(other)
	if strings.Contains(view(m), "WRONG") {
		t.Error("a rendering for another article was shown")
	}
}

func TestPanel_RenderUsesTheStyleAsked(t *testing.T) {
	tests := []struct {
		dark  bool
		style string
		want  string
	}{
		{true, "dark", "dark"},
		{false, "light", "light"},
		{true, "notty", "notty"},
		{false, "", "light"},
		{true, "auto", "dark"},
		{false, "no-such-style", "light"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%v/%s", tt.dark, tt.style), func(t *testing.T) {
			m := newPanel(seedArticle(), 80, 24)
			m.SetDark(tt.dark, tt.style)
			_, cmd := m.Update(keyEnter)
			msgs := run(cmd)
			if len(msgs) != 1 {
				t.Fatalf("got %d messages", len(msgs))
			}
			r := msgs[0].(RenderedMsg)
			if r.Style != tt.want || r.Err != nil {
				t.Errorf("rendered with %q (err %v), want %q", r.Style, r.Err, tt.want)
			}
		})
	}
}

func TestPanel_RestyleWhileOpenReRenders(t *testing.T) {
	m, _ := send(newPanel(seedArticle(), 80, 24), keyEnter)
	m.SetDark(false, "")
	_, cmd := m.Update(tea.BackgroundColorMsg{})
	msgs := run(cmd)
	if len(msgs) != 1 || msgs[0].(RenderedMsg).Style != "light" {
		t.Errorf("restyling did not re-render in the light style: %v", msgs)
	}
}

func TestRenderReaction_ChineseWithoutSpacesIsWrapped(t *testing.T) {
	r := sevenArticle().Reactions[2]
	for _, w := range []int{20, 40, 80, 120, 200} {
		out, err := renderReaction(r, article.FormatWire, w, "dark")
		if err != nil {
			t.Fatal(err)
		}
		plain := ansi.Strip(out)
		for i, l := range strings.Split(plain, "\n") {
			if cw := ansi.StringWidth(l); cw > w {
				t.Errorf("width %d: line %d is %d cells: %q", w, i, cw, l)
			}
		}
		if joined := strings.Join(strings.Fields(plain), ""); !strings.Contains(joined, chineseQuote) {
			t.Errorf("width %d: quote lost in wrapping:\n%s", w, plain)
		}
	}
}

func TestRenderReaction_EscapesPlainText(t *testing.T) {
	r := article.Reaction{Name: "*Not bold*", Quote: "# not a heading"}
	out, err := renderReaction(r, article.FormatWire, 60, "notty")
	if err != nil {
		t.Fatal(err)
	}
	plain := ansi.Strip(out)
	for _, s := range []string{"*Not bold*", "# not a heading"} {
		if !strings.Contains(plain, s) {
			t.Errorf("%q not shown literally:\n%s", s, plain)
		}
	}
}

func TestPanel_CJKAndEmojiNeverOverflowACard(t *testing.T) {
	for _, w := range []int{28, 29, 30, 31, 40, 57, 80, 99, 120, 200} {
		m := newPanel(sevenArticle(), w, 40)
		for i := range 7 {
			m, _ = send(m, char(rune('1'+i)))
			checkFits(t, m, w, 40)
			v := view(m)
			// Every card line is closed by its border at the card's edge.
			for _, l := range strings.Split(v, "\n") {
				if strings.HasPrefix(l, "┃") || strings.HasPrefix(l, "│") {
					if !strings.HasSuffix(strings.TrimRight(l, " "), "┃") && !strings.HasSuffix(strings.TrimRight(l, " "), "│") {
						t.Errorf("width %d: card line not closed: %q", w, l)
					}
				}
			}
		}
	}
}

func TestPanel_NoReactions(t *testing.T) {
	a := &article.Article{ID: "n", Notes: []article.Note{{Text: "Comment was sought from both ministries."}}}
	m := newPanel(a, 80, 24)
	v := view(m)
	for _, s := range []string{"No reactions to this article.", "Comment was sought from both ministries."} {
		if !strings.Contains(v, s) {
			t.Errorf("view lacks %q:\n%s", s, v)
		}
	}
	if got := m.Status(); got != "No reactions" {
		t.Errorf("Status() = %q", got)
	}
}

func TestPanel_NotesAreClippedWithIndication(t *testing.T) {
	m := newPanel(sevenArticle(), 40, 12)
	v := view(m)
	lines := strings.Split(v, "\n")
	if !strings.Contains(lines[0], "Reactions were gathered") {
		t.Fatalf("notes not on top:\n%s", v)
	}
	if !strings.HasSuffix(lines[1], "…") {
		t.Errorf("clipped notes lack the … indication: %q", lines[1])
	}
	if strings.Contains(v, "Two commentators") {
		t.Errorf("notes not clipped at 40×12:\n%s", v)
	}
}

func TestPanel_NoArticle(t *testing.T) {
	m := newPanel(nil, 80, 24)
	if m.Status() != "" || !strings.Contains(view(m), "No article.") {
		t.Errorf("status %q view %q", m.Status(), view(m))
	}
	m, out := send(m, char('l'), keyEnter, char('j'), tea.MouseClickMsg{X: 1, Y: 1, Button: tea.MouseLeft})
	if m.open || len(out) != 0 {
		t.Errorf("keys on no article: open=%v, messages %v", m.open, out)
	}
}

func TestPanel_AnySizeFitsAndNeverPanics(t *testing.T) {
	sizes := [][2]int{{0, 0}, {-1, -1}, {1, 1}, {3, 3}, {4, 5}, {5, 3}, {6, 2}, {80, 24}, {120, 40}, {200, 50}}
	for w := 0; w <= 45; w += 3 {
		for h := 0; h <= 14; h++ {
			sizes = append(sizes, [2]int{w, h})
		}
	}
	arts := map[string]*article.Article{"seed": seedArticle(), "seven": sevenArticle(), "empty": {ID: "e", Notes: []article.Note{{Text: "A note."}}}}
	for name, a := range arts {
		for _, sz := range sizes {
			w, h := sz[0], sz[1]
			m := newPanel(a, w, h)
			checkFits(t, m, max(w, 0), max(h, 0))
			for _, k := range []tea.Msg{char('l'), char('j'), char('G'), keyShiftTab, tea.MouseClickMsg{X: w / 2, Y: h / 2, Button: tea.MouseLeft}, tea.MouseWheelMsg{Button: tea.MouseWheelDown}} {
				m, _ = send(m, k)
				checkFits(t, m, max(w, 0), max(h, 0))
				_ = m.Status()
			}
			m, _ = send(m, keyEnter, char('j'))
			checkFits(t, m, max(w, 0), max(h, 0))
			if t.Failed() {
				t.Fatalf("%s at %d×%d:\n%s", name, w, h, view(m))
			}
		}
	}
}

func TestPanel_At40x12NothingOverlaps(t *testing.T) {
	for _, a := range []*article.Article{seedArticle(), sevenArticle()} {
		m := newPanel(a, 40, 12)
		for range len(a.Reactions) {
			v := view(m)
			checkFits(t, m, 40, 12)
			if strings.Count(v, "┏") != 1 {
				t.Errorf("want exactly one whole card at 40×12:\n%s", v)
			}
			m, _ = send(m, char('l'))
		}
	}
}

func TestPanel_ResizeRelaysOut(t *testing.T) {
	m, _ := send(newPanel(seedArticle(), 120, 40), char('4'))
	m.SetSize(40, 12)
	if v := view(m); !strings.Contains(v, "┃ Mark Kovacs") {
		t.Errorf("the focused card is not the one shown after narrowing:\n%s", v)
	}
	m.SetSize(120, 40)
	if got, want := m.Status(), "Reaction 4 of 4 · Mark Kovacs"; got != want {
		t.Errorf("Status() after widening = %q, want %q", got, want)
	}
}

func TestPanel_SetArticleResets(t *testing.T) {
	m, _ := send(newPanel(sevenArticle(), 40, 12), char('5'), char('j'), keyEnter)
	m.SetArticle(seedArticle())
	if m.open || m.Status() != "Reaction 1 of 4 · Dr. Anya Petrova · card 1 of 4" {
		t.Errorf("after SetArticle: open=%v status %q", m.open, m.Status())
	}
	if !strings.Contains(view(m), "This is a reaffirmation") {
		t.Errorf("scroll kept from the old article:\n%s", view(m))
	}
}

func TestPanel_SetDarkRestyles(t *testing.T) {
	dark := newPanel(seedArticle(), 80, 24)
	light := newPanel(seedArticle(), 80, 24)
	light.SetDark(false, "light")
	if dark.View() == light.View() {
		t.Error("light and dark panels are drawn in the same colours")
	}
	if view(dark) != view(light) {
		t.Error("restyling changed the layout")
	}
}

func TestPanel_HelpMatchesTheKeys(t *testing.T) {
	m := newPanel(seedArticle(), 80, 24)
	bound := map[string]bool{}
	for _, col := range m.FullHelp() {
		for _, b := range col {
			for _, k := range b.Keys() {
				bound[k] = true
			}
		}
	}
	for _, k := range []string{"l", "right", "tab", "h", "left", "shift+tab", "1", "9", "j", "k", "enter", "esc"} {
		if !bound[k] {
			t.Errorf("%q missing from the full help", k)
		}
	}
	if got := m.ShortHelp()[len(m.ShortHelp())-1].Help().Desc; got != "back" {
		t.Errorf("esc help on the cards = %q", got)
	}
	m, _ = send(m, keyEnter)
	if got := m.ShortHelp()[len(m.ShortHelp())-1].Help().Desc; got != "close" {
		t.Errorf("esc help with a reaction open = %q", got)
	}
}

func TestPanel_Golden(t *testing.T) {
	sizes := [][2]int{{80, 24}, {120, 40}, {40, 12}}
	for _, sz := range sizes {
		w, h := sz[0], sz[1]
		cases := []struct {
			name string
			art  *article.Article
			keys []tea.Msg
		}{
			{"seed", seedArticle(), nil},
			{"seed_focus3", seedArticle(), []tea.Msg{char('3')}},
			{"seed_open", seedArticle(), []tea.Msg{char('2'), keyEnter}},
			{"seven", sevenArticle(), nil},
			{"seven_focus7", sevenArticle(), []tea.Msg{char('7')}},
			{"seven_long_scrolled", sevenArticle(), []tea.Msg{char('2'), char('j'), char('j')}},
			{"seven_open_chinese", sevenArticle(), []tea.Msg{char('3'), keyEnter}},
			{"no_reactions", &article.Article{ID: "n", Notes: []article.Note{{Text: "Comment was sought from both ministries."}}}, nil},
		}
		for _, c := range cases {
			t.Run(fmt.Sprintf("%dx%d/%s", w, h, c.name), func(t *testing.T) {
				m, _ := send(newPanel(c.art, w, h), c.keys...)
				checkFits(t, m, w, h)
				golden.RequireEqual(t, []byte(view(m)))
			})
		}
	}
}

func BenchmarkPanel_View(b *testing.B) {
	m := newPanel(sevenArticle(), 120, 40)
	b.ReportAllocs()
	for b.Loop() {
		_ = m.View()
	}
}

func BenchmarkPanel_KeyAndView(b *testing.B) {
	m := newPanel(sevenArticle(), 120, 40)
	b.ReportAllocs()
	for b.Loop() {
		m, _ = m.Update(char('l'))
		_ = m.View()
	}
}

// TestPanel_DrawingMemoFollowsEveryChange checks that the cards drawn
// once and reused are redrawn whenever what they show changes, and that a
// copy of the panel keeps drawing its own state.
func TestPanel_DrawingMemoFollowsEveryChange(t *testing.T) {
	m := newPanel(sevenArticle(), 120, 40)
	before := ansi.Strip(m.View())
	copyAt120 := m
	m.SetSize(80, 24)
	if got := maxWidth(ansi.Strip(m.View())); got > 80 {
		t.Errorf("after SetSize(80, 24) the view is %d wide", got)
	}
	if got := ansi.Strip(copyAt120.View()); got != before {
		t.Errorf("a copy made at 120×40 changed its drawing after the original was resized:\n%s", got)
	}
	first := ansi.Strip(m.View())
	m, _ = m.Update(char('l')) // Ben Carter, whose 1,200-character quote scrolls
	focused := ansi.Strip(m.View())
	if !strings.Contains(m.Status(), "Reaction 2 of 7") || focused == first {
		t.Errorf("moving the focus: status %q, view unchanged=%v", m.Status(), focused == first)
	}
	m, _ = m.Update(char('j'))
	if ansi.Strip(m.View()) == focused {
		t.Error("scrolling the focused quote did not change the view")
	}
	other := sevenArticle()
	other.Reactions[1].Name = "Someone Else Entirely"
	m.SetArticle(other)
	if !strings.Contains(ansi.Strip(m.View()), "Someone Else Entirely") {
		t.Error("a new article's cards were not drawn")
	}
}

// maxWidth is the widest line of s in cells.
func maxWidth(s string) int {
	w := 0
	for _, l := range strings.Split(s, "\n") {
		w = max(w, ansi.StringWidth(l))
	}
	return w
}
