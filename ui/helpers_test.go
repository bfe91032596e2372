package ui

import (
	"fmt"
	"io/fs"
	"reflect"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/newsdesk/newsdesk/article"
	"github.com/newsdesk/newsdesk/library"
	"github.com/newsdesk/newsdesk/seeds"
)

// seedArticle is the bundled seed story, parsed by the real wire parser.
func seedArticle() article.Article {
	const name = "000_6b8f1c3f41772375.txt"
	b, err := fs.ReadFile(seeds.FS, name)
	if err != nil {
		panic(err)
	}
	arts, probs := article.Parse("seeds/"+name, b, article.FormatWire)
	if len(arts) != 1 || len(probs) != 0 || len(arts[0].Reactions) != 4 {
		panic(fmt.Sprintf("seed parsed as %d articles, problems %v", len(arts), probs))
	}
	return arts[0]
}

// chineseParagraph is a paragraph of Chinese without a single space.
const chineseParagraph = "中国外交部发言人周一表示，中方愿同各方一道，继续为推动地区和平稳定发挥建设性作用。发言人强调，台湾问题是中国内政，不容任何外部势力干涉。分析人士认为，这一表态再次显示出北京在核心利益问题上的坚定立场，同时也反映出中俄两国在国际事务中日益密切的协调与合作。"

// richArticle has 7 reactions, a 1,200-character quote, a Chinese
// paragraph without spaces and an emoji headline.
func richArticle() article.Article {
	long := strings.Repeat("The long view matters more than any single meeting. ", 24)[:1200]
	a := article.Article{
		ID:         "lib/rich.json#1",
		Path:       "lib/rich.json",
		Format:     article.FormatJSON,
		Headline:   "🚀 Lunar Launch 🌕 Draws Seven Very Different Verdicts From Around the World 🌍",
		Place:      "BEIJING",
		Date:       "2026-03-04",
		Source:     "Xinhua",
		Tags:       []string{"space", "science", "quasar"},
		Paragraphs: []string{"A rocket left the pad at dawn.", chineseParagraph, "Officials called it a success."},
		Notes:      []article.Note{{Text: "Reactions were gathered by phone."}},
	}
	names := []string{"Ada Lovelace", "Grace Hopper", "王小明", "Katherine Johnson", "Sally Ride", "Yuri Gagarin", "Mae Jemison"}
	for i, n := range names {
		q := fmt.Sprintf("Verdict number %d: remarkable.", i+1)
		if i == 1 {
			q = long
		}
		a.Reactions = append(a.Reactions, article.Reaction{Name: n, Role: "Commentator", Location: "Earth", Quote: q})
	}
	return a
}

// drive sends msg to m and runs every command it returns (expanding
// batches) until none is left, feeding each message back. Cursor blinks
// and spinner ticks are not fed back: they would tick for ever.
func drive(t testing.TB, m *Model, msgs ...tea.Msg) *Model {
	t.Helper()
	stopTimers(m)
	for _, msg := range msgs {
		_, cmd := m.Update(msg)
		run(t, m, cmd)
	}
	return m
}

// run runs cmd and everything it leads to, except the root's wait for
// the library's next snapshot (it returns only when one is published:
// tests that publish one send it themselves). A command that blocks
// anyway fails the test instead of hanging it.
func run(t testing.TB, m *Model, cmd tea.Cmd) *Model {
	t.Helper()
	stopTimers(m)
	queue := []tea.Cmd{cmd}
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 10000 {
			t.Fatal("commands never settle")
		}
		c := queue[0]
		queue = queue[1:]
		if c == nil || isWait(c) {
			continue
		}
		msg := runCmd(t, c)
		switch msg := msg.(type) {
		case nil:
			continue
		case tea.BatchMsg:
			queue = append(queue, msg...)
			continue
		case spinner.TickMsg:
			continue
		}
		if strings.HasPrefix(fmt.Sprintf("%T", msg), "cursor.") || fmt.Sprintf("%T", msg) == "tea.QuitMsg" {
			continue
		}
		_, next := m.Update(msg)
		queue = append(queue, next)
	}
	return m
}

// press is a key press as a terminal sends it.
func press(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "pgdown":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	case "pgup":
		return tea.KeyPressMsg{Code: tea.KeyPgUp}
	case "home":
		return tea.KeyPressMsg{Code: tea.KeyHome}
	case "end":
		return tea.KeyPressMsg{Code: tea.KeyEnd}
	case "ctrl+c":
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	case "G":
		return tea.KeyPressMsg{Code: 'g', ShiftedCode: 'G', Text: "G", Mod: tea.ModShift}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

func keys(ks ...string) []tea.Msg {
	out := make([]tea.Msg, len(ks))
	for i, k := range ks {
		out[i] = press(k)
	}
	return out
}

// newTest is a reader on arts at w×h with every command run.
func newTest(t testing.TB, w, h int, arts ...article.Article) *Model {
	t.Helper()
	m := New(Config{Library: library.NewStatic(arts, nil), Style: "dark"})
	t.Cleanup(m.Close)
	m = run(t, m, m.Init())
	return drive(t, m, tea.WindowSizeMsg{Width: w, Height: h})
}

// screen is the view without styling.
func screenOf(m *Model) string { return ansi.Strip(m.View().Content) }

// isQuit reports whether cmd (or a batch it returns) quits.
func isQuit(cmd tea.Cmd) bool {
	if cmd == nil {
		return false
	}
	switch msg := cmd().(type) {
	case tea.QuitMsg:
		return true
	case tea.BatchMsg:
		for _, c := range msg {
			if isQuit(c) {
				return true
			}
		}
	default:
		// tea.Sequence's message is an unexported slice of commands.
		if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeOf(tea.Cmd(nil)) {
			for i := range v.Len() {
				if isQuit(v.Index(i).Interface().(tea.Cmd)) {
					return true
				}
			}
		}
	}
	return false
}

// opened is the openedMsg among what cmd leads to at once (reading the
// article it opens), for tests that hold it back.
func opened(t testing.TB, cmd tea.Cmd) openedMsg {
	t.Helper()
	for _, msg := range collect(cmd) {
		if o, ok := msg.(openedMsg); ok {
			return o
		}
	}
	t.Fatal("no article was read")
	return openedMsg{}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }

func typeName(v any) string { return fmt.Sprintf("%T", v) }

// readerOf is the reader on top of m's stack.
func readerOf(t testing.TB, m *Model) *readerScreen {
	t.Helper()
	r, ok := m.top().(*readerScreen)
	if !ok {
		t.Fatalf("top screen is %T, not the reader", m.top())
	}
	return r
}

// isWait reports whether c is a root's wait for the next snapshot.
func isWait(c tea.Cmd) bool {
	return reflect.ValueOf(c).Pointer() == reflect.ValueOf(follower{}.wait).Pointer()
}

// runCmd runs c, failing the test if it has not returned within 20 s.
func runCmd(t testing.TB, c tea.Cmd) tea.Msg {
	t.Helper()
	done := make(chan tea.Msg, 1)
	go func() { done <- c() }()
	select {
	case msg := <-done:
		return msg
	case <-time.After(20 * time.Second):
		t.Fatal("a command blocked for 20 s")
		return nil
	}
}

// stopTimers makes m's timers (saving a resting cursor's place, retrying a
// failed write) never fire: driven by hand, a test sends their messages
// itself when it wants them.
func stopTimers(m *Model) {
	m.c.after = func(time.Duration, tea.Msg) tea.Cmd { return nil }
}
