package tmuxtest

import (
	"strings"
	"testing"
)

func TestSession_ReportsScreenEnvAndExitStatus(t *testing.T) {
	s := Start(t, 40, 5, `printf 'hello %s\n' "$GREETING"; read line; printf 'got %s\n' "$line"; read line; exit 3`, "GREETING=tmux")
	s.WaitText(t, "hello tmux")
	s.Send(t, "abc", "Enter")
	screen := s.WaitText(t, "got abc")
	s.Send(t, "Enter")
	if code := s.WaitExit(t); code != 3 {
		t.Fatalf("exit status = %d, want 3; screen:\n%s", code, screen)
	}
	if rows := Rows(screen); len(rows) > 5 || !strings.HasPrefix(rows[0], "hello tmux") {
		t.Fatalf("rows = %q, want at most 5 starting with the greeting", rows)
	}
}

// A Watch sees what Session.Screen sees (a line like the end of its
// client's answers included), and its client leaves the pane its size.
func TestWatch_SeesTheScreenAsCapturePaneDoes(t *testing.T) {
	s := Start(t, 40, 5, `printf 'one\n%s\n' '%end 1 2 3'; read line; echo "got $line $(tput cols)x$(tput lines)"; read line`)
	s.WaitText(t, "%end 1 2 3")
	w := s.Watch(t)
	if got, want := w.Screen(t), s.Screen(t); got != want {
		t.Fatalf("watch saw %q, capture-pane %q", got, want)
	}
	s.Send(t, "abc", "Enter")
	screen := s.WaitText(t, "got abc")
	if got := w.Screen(t); got != screen {
		t.Fatalf("watch saw %q, capture-pane %q", got, screen)
	}
	if !strings.Contains(screen, "got abc 40x5") {
		t.Fatalf("screen %q, want the pane 40×5 with the watch attached", screen)
	}
}
