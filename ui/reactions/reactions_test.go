package reactions

import (
	"fmt"
	"regexp"
	"slices"
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
	// At 80×24 the seed's four cards are two rows of two, one row shown
	// at a time.
	tests := []struct {
		name string
		keys []tea.Msg
		want string
	}{
		{"starts on the first", nil, "Reaction 1 of 4 · Dr. Anya Petrova · cards 1–2 of 4"},
		{"l focuses the second card", []tea.Msg{char('l')}, "Reaction 2 of 4 · James Miller · cards 1–2 of 4"},
		{"right focuses the second card", []tea.Msg{keyRight}, "Reaction 2 of 4 · James Miller · cards 1–2 of 4"},
		{"tab focuses the second card", []tea.Msg{keyTab}, "Reaction 2 of 4 · James Miller · cards 1–2 of 4"},
		{"next off the row shows the next row", []tea.Msg{char('l'), char('l')}, "Reaction 3 of 4 · Professor Li Wei · cards 3–4 of 4"},
		{"next after the last wraps to the first", []tea.Msg{char('l'), char('l'), char('l'), char('l')}, "Reaction 1 of 4 · Dr. Anya Petrova · cards 1–2 of 4"},
		{"h from the first wraps to the last", []tea.Msg{char('h')}, "Reaction 4 of 4 · Mark Kovacs · cards 3–4 of 4"},
		{"left goes back a row", []tea.Msg{char('3'), keyLeft}, "Reaction 2 of 4 · James Miller · cards 1–2 of 4"},
		{"shift+tab goes back", []tea.Msg{char('4'), keyShiftTab}, "Reaction 3 of 4 · Professor Li Wei · cards 3–4 of 4"},
		{"3 jumps to the third", []tea.Msg{char('3')}, "Reaction 3 of 4 · Professor Li Wei · cards 3–4 of 4"},
		{"1 jumps back to the first", []tea.Msg{char('4'), char('1')}, "Reaction 1 of 4 · Dr. Anya Petrova · cards 1–2 of 4"},
		{"5 is beyond 4 reactions: ignored", []tea.Msg{char('2'), char('5')}, "Reaction 2 of 4 · James Miller · cards 1–2 of 4"},
		{"9 is ignored", []tea.Msg{char('9')}, "Reaction 1 of 4 · Dr. Anya Petrova · cards 1–2 of 4"},
		{"0 focuses the last", []tea.Msg{char('0')}, "Reaction 4 of 4 · Mark Kovacs · cards 3–4 of 4"},
		{"0 then h: the one before the last", []tea.Msg{char('0'), char('h')}, "Reaction 3 of 4 · Professor Li Wei · cards 3–4 of 4"},
		{"0 on the last stays", []tea.Msg{char('4'), char('0')}, "Reaction 4 of 4 · Mark Kovacs · cards 3–4 of 4"},
		{"unbound keys change nothing", []tea.Msg{char('x'), char('z')}, "Reaction 1 of 4 · Dr. Anya Petrova · cards 1–2 of 4"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _ := send(newPanel(seedArticle(), 80, 24), tt.keys...)
			if got := m.Status(); got != tt.want {
				t.Errorf("Status() = %q, want %q", got, tt.want)
			}
			checkFocusShown(t, m)
		})
	}
}

// checkFocusShown fails unless the focused card is in the view, with
// the focus border and its number.
func checkFocusShown(t *testing.T, m Model) {
	t.Helper()
	v := view(m)
	name := m.art.Reactions[m.focus].Name
	l, ok := lineWith(v, name)
	if !ok {
		t.Fatalf("focused %q not shown:\n%s", name, v)
	}
	if !strings.Contains(l, "┃ "+name) {
		t.Errorf("focused card has no focus border: %q", l)
	}
	if !strings.Contains(v, fmt.Sprintf("┏━ %d ━", m.focus+1)) {
		t.Errorf("focused card %d not numbered:\n%s", m.focus+1, v)
	}
}

func TestPanel_TenthAndLaterAreAKeyFromAnEnd(t *testing.T) {
	a := nineArticle()
	a.Reactions = append(a.Reactions, a.Reactions[:3]...)
	a.Reactions[9].Name, a.Reactions[10].Name, a.Reactions[11].Name = "Tenth Person", "Eleventh Person", "Twelfth Person"
	a.Notes[1].After = 12
	for _, sz := range [][2]int{{200, 50}, {80, 24}, {40, 12}} {
		m, _ := send(newPanel(a, sz[0], sz[1]), char('0'))
		if got := m.Status(); !strings.HasPrefix(got, "Reaction 12 of 12 · Twelfth Person") {
			t.Errorf("%v: 0 gave %q", sz, got)
		}
		checkFocusShown(t, m)
		if !strings.Contains(view(m), "━ 12 ━") {
			t.Errorf("%v: card 12 is not numbered 12:\n%s", sz, view(m))
		}
		m, _ = send(m, char('h'), char('h'))
		if got := m.Status(); !strings.HasPrefix(got, "Reaction 10 of 12 · Tenth Person") {
			t.Errorf("%v: 0 h h gave %q", sz, got)
		}
		checkFocusShown(t, m)
	}
}

func TestPanel_NavigationAcrossGridRows(t *testing.T) {
	// At 80×24 the nine cards are five rows of two, one or two rows at a
	// time.
	m := newPanel(nineArticle(), 80, 24)
	steps := []struct {
		key        tea.Msg
		status     string
		show, hide []string
	}{
		{char('2'), "Reaction 2 of 9 · Tomás Alvarez · cards 1–2 of 9", []string{"Ingrid de Vries", "Reactions were collected"}, []string{"Wei Zhang"}},
		{char('l'), "Reaction 3 of 9 · Dr. Helena Okafor-Lindqvist · cards 3–4 of 9", []string{"Wei Zhang"}, []string{"Ingrid de Vries", "Tomás Alvarez"}},
		{char('h'), "Reaction 2 of 9 · Tomás Alvarez · cards 1–2 of 9", []string{"Ingrid de Vries"}, []string{"Wei Zhang"}},
		{keyTab, "Reaction 3 of 9 · Dr. Helena Okafor-Lindqvist · cards 3–4 of 9", nil, []string{"Tomás Alvarez"}},
		{char('7'), "Reaction 7 of 9 · Sam O'Neill · cards 5–8 of 9", []string{"Lena Müller", "Pieter Jansen"}, []string{"Wei Zhang"}},
		{char('0'), "Reaction 9 of 9 · Kofi Mensah · cards 7–9 of 9", []string{"Further reactions are expected"}, []string{"Amira Haddad"}},
		{char('l'), "Reaction 1 of 9 · Ingrid de Vries · cards 1–2 of 9", []string{"Reactions were collected"}, []string{"Kofi Mensah", "Further reactions"}},
		{keyShiftTab, "Reaction 9 of 9 · Kofi Mensah · cards 7–9 of 9", []string{"Further reactions are expected"}, []string{"Ingrid"}},
	}
	for _, st := range steps {
		m, _ = send(m, st.key)
		v := view(m)
		if got := m.Status(); got != st.status {
			t.Errorf("after %v: Status() = %q, want %q", st.key, got, st.status)
		}
		checkFocusShown(t, m)
		for _, s := range st.show {
			if !strings.Contains(v, s) {
				t.Errorf("after %v: %q not shown:\n%s", st.key, s, v)
			}
		}
		for _, s := range st.hide {
			if strings.Contains(v, s) {
				t.Errorf("after %v: %q still shown:\n%s", st.key, s, v)
			}
		}
		checkFits(t, m, 80, 24)
	}
}

func TestPanel_GridShowsEveryCardWhenTallEnough(t *testing.T) {
	tests := []struct {
		art  *article.Article
		w, h int
	}{
		{nineArticle(), 200, 50},
		{nineArticle(), 200, 48}, // the panel's height in a 200×50 terminal
		{seedArticle(), 120, 40},
		{sevenArticle(), 120, 38},
		{twoArticle(), 80, 24},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s_%dx%d", tt.art.ID, tt.w, tt.h), func(t *testing.T) {
			m := newPanel(tt.art, tt.w, tt.h)
			v := view(m)
			for i, r := range tt.art.Reactions {
				if !strings.Contains(v, r.Name) || !strings.Contains(v, fmt.Sprintf("─ %d ─", i+1)) && i > 0 {
					t.Errorf("card %d (%s) not shown:\n%s", i+1, r.Name, v)
				}
			}
			if got := m.Status(); strings.Contains(got, "cards") {
				t.Errorf("Status() = %q says some cards are hidden", got)
			}
			checkFits(t, m, tt.w, tt.h)
		})
	}
}

// cardTop matches the top border of a card.
var cardTop = regexp.MustCompile(`[╭┏][─━ 0-9]*[╮┓]`)

func TestPanel_CardWidthIsCapped(t *testing.T) {
	for _, a := range []*article.Article{twoArticle(), seedArticle(), nineArticle()} {
		m := newPanel(a, 200, 50)
		for _, top := range cardTop.FindAllString(view(m), -1) {
			if w := ansi.StringWidth(top); w > MaxCardWidth {
				t.Errorf("%s: a card %d wide at 200 columns: %q", a.ID, w, top)
			}
		}
	}
	// Two reactions at 200 columns: 60 each, not 97.
	m := newPanel(twoArticle(), 200, 50)
	tops := cardTop.FindAllString(view(m), -1)
	if len(tops) != 2 || ansi.StringWidth(tops[0]) != MaxCardWidth || ansi.StringWidth(tops[1]) != MaxCardWidth {
		t.Errorf("two cards at 200 columns: %q, want two %d wide", tops, MaxCardWidth)
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
	// One card shown is the focused one: the status does not say it twice.
	if got, want := m.Status(), "Reaction 2 of 4 · James Miller"; got != want {
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

// cardAt is where card number k's top-left corner is in the view.
func cardAt(t *testing.T, m Model, k int) (x, y int) {
	t.Helper()
	for y, l := range strings.Split(view(m), "\n") {
		for _, title := range []string{fmt.Sprintf("╭─ %d ─", k), fmt.Sprintf("┏━ %d ━", k)} {
			if i := strings.Index(l, title); i >= 0 {
				return ansi.StringWidth(l[:i]), y
			}
		}
	}
	t.Fatalf("card %d not shown:\n%s", k, view(m))
	return 0, 0
}

func TestPanel_ClickFocusesCard(t *testing.T) {
	click := func(x, y int, b tea.MouseButton) tea.Msg { return tea.MouseClickMsg{X: x, Y: y, Button: b} }
	// inCard clicks inside card k of a panel of a at w×h.
	inCard := func(a *article.Article, w, h, k, dx, dy int, b tea.MouseButton) func(*testing.T) tea.Msg {
		return func(t *testing.T) tea.Msg {
			x, y := cardAt(t, newPanel(a, w, h), k)
			return click(x+dx, y+dy, b)
		}
	}
	at := func(x, y int) func(*testing.T) tea.Msg {
		return func(*testing.T) tea.Msg { return click(x, y, tea.MouseLeft) }
	}
	tests := []struct {
		name  string
		art   *article.Article
		w, h  int
		click func(*testing.T) tea.Msg
		want  int
	}{
		{"click on the second card", seedArticle(), 80, 24, inCard(seedArticle(), 80, 24, 2, 5, 3, tea.MouseLeft), 1},
		{"click on the second card's border", seedArticle(), 80, 24, inCard(seedArticle(), 80, 24, 2, 0, 0, tea.MouseLeft), 1},
		{"click in the gap", seedArticle(), 80, 24, inCard(seedArticle(), 80, 24, 2, -1, 3, tea.MouseLeft), 0},
		{"click on the headline", seedArticle(), 80, 24, at(45, 0), 0},
		{"click below the cards", seedArticle(), 80, 24, at(45, 23), 0},
		{"right click", seedArticle(), 80, 24, inCard(seedArticle(), 80, 24, 2, 5, 3, tea.MouseRight), 0},
		{"click on the fourth card, second grid row", seedArticle(), 120, 40, inCard(seedArticle(), 120, 40, 4, 10, 5, tea.MouseLeft), 3},
		{"click on the eighth card, third grid row", nineArticle(), 200, 50, inCard(nineArticle(), 200, 50, 8, 1, 1, tea.MouseLeft), 7},
		{"click on a note", nineArticle(), 200, 50, at(10, 3), 0},
		{"click right of the capped cards", twoArticle(), 200, 50, at(150, 6), 0},
		{"click on the card after a note", midNoteArticle(), 200, 50, inCard(midNoteArticle(), 200, 50, 3, 3, 3, tea.MouseLeft), 2},
		{"negative coordinates", seedArticle(), 80, 24, at(-5, -1), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _ := send(newPanel(tt.art, tt.w, tt.h), tt.click(t))
			if m.focus != tt.want {
				t.Errorf("focus = %d, want %d (%s)", m.focus+1, tt.want+1, m.Status())
			}
		})
	}
}

func TestPanel_ClickOnScrolledRow(t *testing.T) {
	m, _ := send(newPanel(sevenArticle(), 80, 24), char('6'))
	// Cards 5–6 are shown; a click on the first shown card focuses 5.
	x, y := cardAt(t, m, 5)
	m, _ = send(m, tea.MouseClickMsg{X: x + 2, Y: y + 2, Button: tea.MouseLeft})
	if got, want := m.Status(), "Reaction 5 of 7 · Dev Patel"; !strings.HasPrefix(got, want) {
		t.Errorf("Status() = %q, want %q…", got, want)
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
	if v := view(m); !strings.Contains(v, "Mark Kovacs") || !strings.Contains(v, "┃ Professor Li Wei") {
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
		out, err := renderReaction(r, article.FormatWire, w, "dark", "")
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
	out, err := renderReaction(r, article.FormatWire, 60, "notty", "")
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
	if !strings.HasPrefix(lines[1], "Note: Reactions were gathered") {
		t.Fatalf("notes not under the headline:\n%s", v)
	}
	if !strings.HasSuffix(lines[2], "…") {
		t.Errorf("clipped notes lack the … indication: %q", lines[2])
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
	sizes := [][2]int{{0, 0}, {-1, -1}, {1, 1}, {3, 3}, {4, 5}, {5, 3}, {6, 2}, {30, 10}, {40, 12}, {80, 24}, {120, 40}, {200, 50}, {200, 12}, {61, 60}}
	for w := 0; w <= 45; w += 3 {
		for h := 0; h <= 14; h++ {
			sizes = append(sizes, [2]int{w, h})
		}
	}
	arts := map[string]*article.Article{
		"seed": seedArticle(), "seven": sevenArticle(), "nine": nineArticle(), "midnote": midNoteArticle(),
		"empty": {ID: "e", Notes: []article.Note{{Text: "A note."}}},
		"hostile notes": func() *article.Article {
			a := sevenArticle()
			a.Notes = []article.Note{{Text: "late", After: 7}, {Text: "negative", After: -1}, {Text: "two", After: 2}, {Text: "far", After: 99}}
			return a
		}(),
	}
	for name, a := range arts {
		for _, sz := range sizes {
			w, h := sz[0], sz[1]
			m := newPanel(a, w, h)
			checkFits(t, m, max(w, 0), max(h, 0))
			for _, k := range []tea.Msg{char('l'), char('j'), char('G'), keyShiftTab, char('0'), tea.MouseClickMsg{X: w / 2, Y: h / 2, Button: tea.MouseLeft}, tea.MouseWheelMsg{Button: tea.MouseWheelDown}} {
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
	if m.open || m.Status() != "Reaction 1 of 4 · Dr. Anya Petrova" {
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
	for _, k := range []string{"l", "right", "tab", "h", "left", "shift+tab", "1", "9", "0", "j", "k", "enter", "esc"} {
		if !bound[k] {
			t.Errorf("%q missing from the full help", k)
		}
	}
	escHelp := func(m Model) string {
		for _, b := range m.ShortHelp() {
			if b.Help().Key == "esc" {
				return b.Help().Desc
			}
		}
		return ""
	}
	if got := escHelp(m); got != "back" {
		t.Errorf("esc help on the cards = %q", got)
	}
	m, _ = send(m, keyEnter)
	if got := escHelp(m); got != "close" {
		t.Errorf("esc help with a reaction open = %q", got)
	}
}

func TestPanel_Golden(t *testing.T) {
	sizes := [][2]int{{80, 24}, {120, 40}, {200, 50}, {40, 12}, {30, 10}}
	for _, sz := range sizes {
		w, h := sz[0], sz[1]
		cases := []struct {
			name string
			art  *article.Article
			keys []tea.Msg
		}{
			{"two", twoArticle(), nil},
			{"seed", seedArticle(), nil},
			{"seed_focus3", seedArticle(), []tea.Msg{char('3')}},
			{"seed_open", seedArticle(), []tea.Msg{char('2'), keyEnter}},
			{"seven", sevenArticle(), nil},
			{"seven_focus7", sevenArticle(), []tea.Msg{char('7')}},
			{"seven_long_scrolled", sevenArticle(), []tea.Msg{char('2'), char('j'), char('j')}},
			{"seven_open_chinese", sevenArticle(), []tea.Msg{char('3'), keyEnter}},
			{"nine", nineArticle(), nil},
			{"nine_last", nineArticle(), []tea.Msg{char('0')}},
			{"midnote", midNoteArticle(), nil},
			{"midnote_focus3", midNoteArticle(), []tea.Msg{char('3')}},
			{"no_reactions", &article.Article{ID: "n", Headline: "Ministers Meet", Place: "OSLO", Notes: []article.Note{{Text: "Comment was sought from both ministries."}}}, nil},
		}
		for _, c := range cases {
			t.Run(fmt.Sprintf("%dx%d/%s", w, h, c.name), func(t *testing.T) {
				m, _ := send(newPanel(c.art, w, h), c.keys...)
				checkFits(t, m, w, h)
				golden.RequireEqual(t, []byte(view(m)+"\n-- status: "+m.Status()+"\n"))
			})
		}
	}
}

func TestPanel_HeaderNamesTheStory(t *testing.T) {
	a := seedArticle()
	tests := []struct {
		w, h                    int
		headline, date, heading string
	}{
		{200, 50, a.Headline, "MOSCOW · Feb 1 · Reuters", "── Reaction & Analysis ─"},
		{120, 40, a.Headline, "MOSCOW · Feb 1 · Reuters", "── Reaction & Analysis ─"},
		{80, 24, a.Headline, "MOSCOW · Feb 1 · Reuters", "── Reaction & Analysis ─"},
		{40, 12, "Russia Reaffirms Backing for China's…", "MOSCOW · Feb 1 · Reuters", ""},
		{30, 10, "Russia Reaffirms Backing for…", "MOSCOW · Feb 1 · Reuters", ""},
		{20, 10, "Russia Reaffirms…", "MOSCOW · Feb 1…", ""},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%dx%d", tt.w, tt.h), func(t *testing.T) {
			m := newPanel(a, tt.w, tt.h)
			lines := strings.Split(view(m), "\n")
			if strings.TrimRight(lines[0], " ") != tt.headline {
				t.Errorf("line 1 = %q, want the headline %q", lines[0], tt.headline)
			}
			if strings.TrimRight(lines[1], " ") != tt.date {
				t.Errorf("line 2 = %q, want the dateline %q", lines[1], tt.date)
			}
			if tt.heading != "" && !strings.HasPrefix(lines[2], tt.heading) {
				t.Errorf("line 3 = %q, want the heading %q", lines[2], tt.heading)
			}
			checkFits(t, m, tt.w, tt.h)
			// The header stays whichever card is focused.
			m, _ = send(m, char('0'))
			if l := strings.Split(view(m), "\n")[0]; strings.TrimRight(l, " ") != tt.headline {
				t.Errorf("after 0, line 1 = %q", l)
			}
		})
	}
}

func TestPanel_SectionHeadingAsWritten(t *testing.T) {
	tests := []struct {
		heading, want string
	}{
		{"Analysis", "── Analysis ──"},
		{"Reaction & Analysis", "── Reaction & Analysis ──"},
		{"Expert Reactions", "── Expert Reactions ──"},
		{"", "── Reactions ──"},
	}
	for _, tt := range tests {
		a := nineArticle()
		a.ReactionsHeading = tt.heading
		v := view(newPanel(a, 120, 40))
		if l := strings.Split(v, "\n")[2]; !strings.HasPrefix(l, tt.want) {
			t.Errorf("heading %q shown as %q, want %q", tt.heading, l, tt.want)
		}
	}
	// A story without a dateline puts the heading right under the
	// headline.
	a := nineArticle()
	a.Place, a.Date, a.Source = "", "", ""
	if l := strings.Split(view(newPanel(a, 120, 40)), "\n")[1]; !strings.HasPrefix(l, "── Analysis ──") {
		t.Errorf("line 2 without a dateline = %q", l)
	}
}

// quoteRows returns, for every card shown in the view, the view line on
// which its quote's first visible line is, by card index.
func quoteRows(t *testing.T, m Model) map[int]int {
	t.Helper()
	g := m.geometry()
	lines := strings.Split(view(m), "\n")
	out := map[int]int{}
	y := len(g.chrome)
	for bi := m.top; bi < len(g.bands) && y < len(lines); bi++ {
		band := g.bands[bi]
		if band.IsRow() && y+g.heights[bi] > len(lines) {
			break
		}
		for i := band.First; i < band.End && band.IsRow(); i++ {
			c, _ := g.card(i)
			x := (i - band.First) * (g.grid.CardWidth + CardGap)
			first := c.quote[m.scrollOf(i)]
			for j := y + 1; j < y+g.heights[bi]-1; j++ {
				if strings.TrimSpace(ansi.Cut(lines[j], x+2, x+2+g.inner)) == first {
					out[i] = j
					break
				}
			}
		}
		y += g.heights[bi]
	}
	return out
}

func TestPanel_QuotesStartOnTheSameLineAcrossARow(t *testing.T) {
	mid := midNoteArticle()
	mid.Reactions[3].Role = "A role long enough to wrap over two or three lines in every card of the grid"
	for _, a := range []*article.Article{nineArticle(), seedArticle(), sevenArticle(), mid} {
		for _, sz := range [][2]int{{200, 50}, {120, 40}, {80, 24}, {100, 30}} {
			m := newPanel(a, sz[0], sz[1])
			for _, k := range []tea.Msg{nil, char('0')} {
				if k != nil {
					m, _ = send(m, k)
				}
				g := m.geometry()
				rows := quoteRows(t, m)
				for bi := m.top; bi < len(g.bands); bi++ {
					band := g.bands[bi]
					if !band.IsRow() || band.End-band.First < 2 {
						continue
					}
					if _, shown := rows[band.First]; !shown {
						continue
					}
					for i := band.First + 1; i < band.End; i++ {
						if rows[i] != rows[band.First] {
							t.Errorf("%s at %v: card %d's quote starts on line %d, card %d's on %d:\n%s",
								a.ID, sz, band.First+1, rows[band.First], i+1, rows[i], view(m))
						}
					}
				}
				if len(rows) == 0 {
					t.Errorf("%s at %v: no quote found:\n%s", a.ID, sz, view(m))
				}
			}
		}
	}
	// The nine's first row has a role on two lines beside roles on one:
	// the quotes still start together.
	m := newPanel(nineArticle(), 200, 50)
	rows := quoteRows(t, m)
	if rows[0] == 0 || rows[0] != rows[1] || rows[1] != rows[2] {
		t.Errorf("first row's quotes on lines %d, %d, %d:\n%s", rows[0], rows[1], rows[2], view(m))
	}
}

func TestPanel_ScrollingACardInALaterRow(t *testing.T) {
	a := nineArticle()
	a.Reactions[4].Quote = longQuote
	m, _ := send(newPanel(a, 200, 50), char('5'))
	before := quoteRows(t, m)
	v := view(m)
	m, _ = send(m, char('j'))
	after := view(m)
	if after == v {
		t.Fatalf("j did not scroll card 5:\n%s", after)
	}
	if m.scrollOf(4) != 1 || m.scrollOf(3) != 0 || m.scrollOf(5) != 0 {
		t.Errorf("scroll offsets %v, want only card 5's moved", m.scroll)
	}
	// The row's other cards did not move.
	if got := quoteRows(t, m); got[3] != before[3] || got[5] != before[5] {
		t.Errorf("cards beside the scrolled one moved: %v → %v", before, got)
	}
}

func TestPanel_NotesKeepTheirPlace(t *testing.T) {
	lineOf := func(t *testing.T, v, s string) int {
		t.Helper()
		for i, l := range strings.Split(v, "\n") {
			if strings.Contains(l, s) {
				return i
			}
		}
		t.Fatalf("%q not shown:\n%s", s, v)
		return -1
	}
	t.Run("before and after the quotes", func(t *testing.T) {
		v := view(newPanel(nineArticle(), 200, 50))
		before, first := lineOf(t, v, "Note: Reactions were collected"), lineOf(t, v, "━ 1 ━")
		last, after := lineOf(t, v, "Kofi Mensah"), lineOf(t, v, "Note: Further reactions are expected")
		if before >= first || after <= last+1 {
			t.Errorf("notes on lines %d and %d, cards from %d to past %d:\n%s", before, after, first, last, v)
		}
	})
	t.Run("between two reactions, the row ends there", func(t *testing.T) {
		m := newPanel(midNoteArticle(), 200, 50)
		v := view(m)
		second, note, third := lineOf(t, v, "James Miller"), lineOf(t, v, "Note: The following reactions"), lineOf(t, v, "Professor Li Wei")
		if second >= note || note >= third {
			t.Errorf("card 2 on line %d, the note on %d, card 3 on %d:\n%s", second, note, third, v)
		}
		if x, _ := cardAt(t, m, 3); x != 0 {
			t.Errorf("card 3 starts at column %d, want a new row", x)
		}
	})
	t.Run("Markdown order in the file is the order on screen", func(t *testing.T) {
		a := midNoteArticle()
		a.Notes = append([]article.Note{{Text: "First remark.", After: 0}}, append(a.Notes, article.Note{Text: "Last remark.", After: 5})...)
		v := view(newPanel(a, 120, 60))
		order := []string{"First remark.", "Dr. Anya Petrova", "James Miller", "The following reactions", "Professor Li Wei", "Yuki Tanaka", "Last remark."}
		prev := -1
		for _, s := range order {
			if l := lineOf(t, v, s); l < prev {
				t.Errorf("%q on line %d, above line %d:\n%s", s, l, prev, v)
			} else {
				prev = l
			}
		}
	})
	t.Run("notes are styled and marked", func(t *testing.T) {
		m := newPanel(nineArticle(), 200, 50)
		raw := m.View()
		want := m.styles.NoteMark.Render("Note: ") + m.styles.Note.Render("Reactions were collected on the quay and by phone.")
		if !strings.Contains(raw, want) {
			t.Errorf("the note is not drawn in the note styles:\n%q", raw)
		}
		st := m.styles.Note
		if !st.GetItalic() || !st.GetFaint() {
			t.Error("notes are not italic and dim")
		}
	})
	t.Run("a note that says Note is not marked twice", func(t *testing.T) {
		a := nineArticle()
		a.Notes[0].Text = "Note: quotes were translated."
		v := view(newPanel(a, 200, 50))
		if strings.Contains(v, "Note: Note:") || !strings.Contains(v, "Note: quotes were translated.") {
			t.Errorf("note marked twice or lost:\n%s", v)
		}
	})
}

func TestPanel_HelpListsOnlyKeysThatDoSomething(t *testing.T) {
	keysOf := func(m Model) (short, full []string) {
		for _, b := range m.ShortHelp() {
			short = append(short, b.Help().Key)
		}
		for _, col := range m.FullHelp() {
			for _, b := range col {
				full = append(full, b.Help().Key)
			}
		}
		return short, full
	}
	none := newPanel(&article.Article{ID: "n", Notes: []article.Note{{Text: "Comment was sought."}}}, 80, 24)
	for _, m := range []Model{none, newPanel(nil, 80, 24)} {
		short, full := keysOf(m)
		if !slices.Equal(short, []string{"esc"}) || !slices.Equal(full, []string{"esc"}) {
			t.Errorf("with no reactions the help lists %v / %v, want esc only", short, full)
		}
	}
	one := seedArticle()
	one.Reactions = one.Reactions[:1]
	short, full := keysOf(newPanel(one, 80, 24))
	for _, k := range slices.Concat(short, full) {
		if k == "→/l/tab" || k == "←/h" || k == "1-9" || k == "0" {
			t.Errorf("with one reaction the help lists %q (it has no other to go to): %v", k, full)
		}
	}
	short, full = keysOf(newPanel(seedArticle(), 80, 24))
	for _, k := range []string{"→/l/tab", "←/h", "1-9", "0", "enter", "esc"} {
		if !slices.Contains(full, k) {
			t.Errorf("%q missing from the full help %v", k, full)
		}
	}
	if !slices.Contains(short, "0") {
		t.Errorf("0 missing from the short help %v", short)
	}
}

func TestFitStatus(t *testing.T) {
	const head, name, cards = "Reaction 1 of 4", "Dr. Anya Petrova", "cards 1–2 of 4"
	tests := []struct {
		width int
		want  string
	}{
		{80, "Reaction 1 of 4 · Dr. Anya Petrova · cards 1–2 of 4"},
		{51, "Reaction 1 of 4 · Dr. Anya Petrova · cards 1–2 of 4"},
		{50, "Reaction 1 of 4 · Dr. Anya Petrova"},
		{40, "Reaction 1 of 4 · Dr. Anya Petrova"},
		{34, "Reaction 1 of 4 · Dr. Anya Petrova"},
		{33, "Reaction 1 of 4 · Dr. Anya…"},
		{30, "Reaction 1 of 4 · Dr. Anya…"},
		{22, "Reaction 1 of 4 · Dr.…"},
		{21, "Reaction 1 of 4"},
		{15, "Reaction 1 of 4"},
		{12, "Reaction 1…"},
		{1, "…"},
		{0, ""},
		{-3, ""},
	}
	for _, tt := range tests {
		if got := fitStatus(tt.width, head, name, cards); got != tt.want {
			t.Errorf("fitStatus(%d) = %q, want %q", tt.width, got, tt.want)
		}
	}
	if got := fitStatus(10, "No reactions", "", ""); got != "No reacti…" {
		t.Errorf("fitStatus(10, No reactions) = %q", got)
	}
}

func TestPanel_StatusIsCutWithAMark(t *testing.T) {
	for _, a := range []*article.Article{seedArticle(), sevenArticle(), nineArticle()} {
		for w := 1; w <= 90; w++ {
			for _, h := range []int{10, 12, 24} {
				m := newPanel(a, w, h)
				for _, k := range []tea.Msg{nil, char('3'), char('0')} {
					if k != nil {
						m, _ = send(m, k)
					}
					full := fitStatus(1000, fmt.Sprintf("Reaction %d of %d", m.focus+1, len(a.Reactions)), a.Reactions[m.focus].Name, "")
					got := m.Status()
					if ansi.StringWidth(got) > w {
						t.Fatalf("%s %d×%d: status %q is wider than %d", a.ID, w, h, got, w)
					}
					// Either a whole part, or cut with the mark.
					if !strings.HasSuffix(got, "…") && !strings.HasPrefix(full, got) && !strings.HasPrefix(got, full+" · cards ") {
						t.Fatalf("%s %d×%d: status %q is not %q cut with a mark", a.ID, w, h, got, full)
					}
				}
			}
		}
	}
	if got, want := newPanel(seedArticle(), 40, 10).Status(), "Reaction 1 of 4 · Dr. Anya Petrova"; got != want {
		t.Errorf("40 columns: Status() = %q, want %q", got, want)
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

func TestPanel_DrawingMemoIsBounded(t *testing.T) {
	a := sevenArticle()
	a.Reactions[1].Quote = strings.Repeat(longQuote+" ", 20)
	m, _ := send(newPanel(a, 40, 12), char('2'))
	for range 2000 {
		m, _ = m.Update(char('j'))
		_ = m.View()
	}
	if n := len(m.memo.cards); n > maxMemoCards {
		t.Errorf("the memo keeps %d cards after scrolling, want at most %d", n, maxMemoCards)
	}
	if !strings.Contains(view(m), "↑") {
		t.Errorf("the long quote did not scroll:\n%s", view(m))
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

func TestRowBlank(t *testing.T) {
	tests := []struct {
		innerH, rows, longest int
		want                  bool
	}{
		{14, 4, 9, true},  // room to spare
		{7, 4, 9, true},   // three lines left for the quote
		{6, 4, 9, false},  // two lines: both for the quote
		{5, 3, 1, true},   // two lines, a one-line quote: the blank is free
		{5, 3, 2, false},  // two lines, a longer quote
		{4, 4, 3, false},  // the header leaves one line
		{10, 0, 5, false}, // no header to separate
		{3, 1, 1, true},   // header, blank and a one-line quote fill three lines
	}
	for _, tt := range tests {
		if got := rowBlank(tt.innerH, tt.rows, tt.longest); got != tt.want {
			t.Errorf("rowBlank(%d, %d, %d) = %v, want %v", tt.innerH, tt.rows, tt.longest, got, tt.want)
		}
	}
}
