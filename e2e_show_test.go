package main

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/creack/pty"

	"github.com/newsdesk/newsdesk/internal/tmuxtest"
)

// ownSequences are the escape sequences newsdesk itself writes when it
// renders an article: SGR styling and OSC 8 hyperlinks to a printable URL.
var ownSequences = regexp.MustCompile(`\x1b\[[0-9;:]*m|\x1b\]8;;[!-~]*\x07`)

// showOnTerminal runs the real binary's `show` on a pseudo-terminal of 80
// columns, as a user runs it, and returns every byte it wrote.
func showOnTerminal(t *testing.T, args ...string) []byte {
	t.Helper()
	return showOnSizedTerminal(t, &pty.Winsize{Rows: 24, Cols: 80}, args...)
}

// showOnSizedTerminal is showOnTerminal on a terminal of size ws (0×0: one
// that does not know its size, as script(1) makes without one).
func showOnSizedTerminal(t *testing.T, ws *pty.Winsize, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(tmuxtest.Binary(t), append([]string{"show"}, args...)...)
	cmd.Env = append(append(os.Environ(), tmuxtest.Isolated(t.TempDir())...), "TERM=xterm-256color", "COLUMNS=")
	f, err := pty.StartWithSize(cmd, ws)
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	defer f.Close()
	var out bytes.Buffer
	_, _ = io.Copy(&out, f) // ends with EIO once the program exits
	if err := cmd.Wait(); err != nil {
		t.Fatalf("show %q: %v\n%s", args, err, out.String())
	}
	return out.Bytes()
}

// TestE2E_ShowOnTerminalWritesNoArticleEscapes is issue 7's reproduction:
// character references in an article that decode to ESC and BEL (an OSC
// 0 window title, an OSC 52 clipboard write) must not reach the terminal,
// nor any other escape than newsdesk's own styling.
func TestE2E_ShowOnTerminalWritesNoArticleEscapes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "e.md")
	md := "---\ntitle: T\n---\n\nHi &#x1b;]0;PWNED&#x7; &#x1b;]52;c;UFdORUQ=&#x7; end &#X1B;P$qm&#27;\\ [x](http://a.example/&#x1b;) &amp; \\& done.\n"
	if err := os.WriteFile(path, []byte(md), 0o644); err != nil {
		t.Fatal(err)
	}
	out := showOnTerminal(t, "--style", "dark", path)
	rest := ownSequences.ReplaceAll(out, nil)
	for i, c := range rest {
		if (c < 0x20 && c != '\n' && c != '\r') || c == 0x7f {
			t.Fatalf("show wrote control byte %#x at %d: %q", c, i, rest[max(i-20, 0):min(i+20, len(rest))])
		}
	}
	text := ansi.Strip(string(out))
	for _, want := range []string{"Hi", "end", "& &", "done."} {
		if !strings.Contains(text, want) {
			t.Errorf("the article's text %q is not shown:\n%s", want, text)
		}
	}
	if bytes.Contains(out, []byte("\x1b[")) == false {
		t.Error("show on a terminal wrote no styling at all")
	}
}

// TestE2E_ShowOnTerminalIsTheReadersRendering: show on a terminal wraps
// quotes inside their bar and shows & without its escape, in any case of
// style name (issue 8: `show --style Dark` failed; `Former Diplomat \&
// Commentator`; quote words outside the bar at 80 columns).
func TestE2E_ShowOnTerminalIsTheReadersRendering(t *testing.T) {
	out := ansi.Strip(string(showOnTerminal(t, "--style", "Dark", seedPath)))
	lines := strings.Split(strings.ReplaceAll(out, "\r\n", "\n"), "\n")
	if !strings.Contains(out, "Former Diplomat & Commentator") || strings.Contains(out, `\&`) {
		t.Errorf("the last attribution is not as the file says:\n%s", out)
	}
	if strings.Count(out, "Russia Reaffirms Backing") != 1 || strings.Count(out, "MOSCOW · Feb 1 · Reuters") != 1 {
		t.Errorf("show must keep the headline and the dateline, once each:\n%s", out)
	}
	for i, l := range lines {
		l = strings.TrimSpace(l)
		if i > 0 && strings.HasPrefix(strings.TrimSpace(lines[i-1]), "│") && l != "" && !strings.HasPrefix(l, "│") {
			t.Errorf("line %d %q follows a quote's line without its bar:\n%s", i, l, out)
		}
	}
}

// TestE2E_ShowOnATerminalOfUnknownSizeRenders: a terminal that does not
// know its size (script(1) without one) still gets the rendering, at 80
// columns, never the Markdown a pipe gets.
func TestE2E_ShowOnATerminalOfUnknownSizeRenders(t *testing.T) {
	out := ansi.Strip(string(showOnSizedTerminal(t, &pty.Winsize{}, "--style", "dark", seedPath)))
	if strings.Contains(out, "**MOSCOW**") || strings.Contains(out, `\&`) || !strings.Contains(out, "Former Diplomat & Commentator") {
		t.Errorf("show on a terminal of unknown size wrote Markdown:\n%s", out)
	}
	for _, l := range strings.Split(strings.ReplaceAll(out, "\r\n", "\n"), "\n") {
		if w := ansi.StringWidth(l); w > 80 {
			t.Errorf("a line %d cells wide, want at most 80: %q", w, l)
		}
	}
}
