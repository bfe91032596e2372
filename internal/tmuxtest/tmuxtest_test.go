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
