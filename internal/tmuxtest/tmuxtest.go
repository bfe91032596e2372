// Package tmuxtest runs the real newsdesk binary in a real terminal for
// end-to-end tests: a detached tmux session of a fixed size, keys sent with
// send-keys and the screen read back with capture-pane.
//
// It is a package of its own because two test suites need it (the reader's
// and the SSH server's) and neither belongs to the other. Each Session has a
// private tmux server (its own socket and configuration), so tests never
// touch, or depend on, a tmux the machine's user is running.
package tmuxtest

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Timeout is how long WaitFor and WaitExit wait for a condition. It is
// generous because CI runs the suite under the race detector on two cores.
const Timeout = 20 * time.Second

// poll is the interval between two looks at the screen.
const poll = 40 * time.Millisecond

// config keeps the pane exactly the requested size (no status line), keeps
// a finished program's pane so its last screen can be read, and passes a
// lone ESC through at once.
const config = "set -g status off\nset -g remain-on-exit on\nset -sg escape-time 0\nset -g set-clipboard on\n"

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// Binary builds the newsdesk binary once per test process and returns its
// path. It fails the test if the build fails.
func Binary(t testing.TB) string {
	t.Helper()
	buildOnce.Do(func() {
		root, err := moduleRoot()
		if err != nil {
			buildErr = err
			return
		}
		dir, err := os.MkdirTemp("", "newsdesk-e2e-")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "newsdesk")
		cmd := exec.Command("go", "build", "-o", binPath, ".")
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatalf("building newsdesk: %v", buildErr)
	}
	return binPath
}

// Main runs a package's tests and then removes the binary Binary built, so
// test runs leave nothing behind in the temporary directory. Packages that
// call Binary use it as their TestMain:
//
//	func TestMain(m *testing.M) { os.Exit(tmuxtest.Main(m)) }
func Main(m *testing.M) int {
	code := m.Run()
	if binPath != "" {
		_ = os.RemoveAll(filepath.Dir(binPath))
	}
	return code
}

// moduleRoot is the directory holding go.mod, wherever the test runs from.
func moduleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %v", err)
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == os.DevNull {
		return "", fmt.Errorf("not inside the newsdesk module")
	}
	return filepath.Dir(gomod), nil
}

// Session is one program running in its own tmux server.
type Session struct {
	socket string
	name   string
	// status is the file the wrapper script writes the program's exit
	// status to once it has ended.
	status string
}

// Isolated is the environment that keeps a program under test to dir: its
// state, cache and config directories (the reading state, the indexes,
// the config file) are dir's, never the machine's. systemd's directory
// variables, which win over XDG's, are emptied (ignored).
func Isolated(dir string) []string {
	return []string{
		"XDG_STATE_HOME=" + filepath.Join(dir, "state"),
		"XDG_CACHE_HOME=" + filepath.Join(dir, "cache"),
		"XDG_CONFIG_HOME=" + filepath.Join(dir, "config"),
		"STATE_DIRECTORY=", "CACHE_DIRECTORY=", "CONFIGURATION_DIRECTORY=",
	}
}

// Start runs cmd (a shell command line) in a detached tmux session of
// width×height cells, with env ("KEY=value") added to its environment
// (after Isolated's, so the program keeps to the test's directory). It
// skips the test when tmux is not installed, and kills the session when the
// test ends.
func Start(t testing.TB, width, height int, cmd string, env ...string) *Session {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux not found: end-to-end terminal test skipped (install tmux; .ci/run does)")
	}
	dir := t.TempDir()
	conf := filepath.Join(dir, "tmux.conf")
	if err := os.WriteFile(conf, []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	s := &Session{socket: filepath.Join(dir, "tmux.sock"), name: "e2e", status: filepath.Join(dir, "status")}
	// tmux's own #{pane_dead_status} is not reliable: tmux 3.3a sometimes
	// marks the pane dead and never records the status (seen in CI and
	// here, about one run in three). So the program runs in a subshell of
	// a script that writes its status to a file, renamed into place so a
	// reader never sees half of it.
	script := filepath.Join(dir, "run.sh")
	body := fmt.Sprintf("(\n%s\n)\necho $? > '%s.tmp' && mv '%s.tmp' '%s'\n", cmd, s.status, s.status, s.status)
	if err := os.WriteFile(script, []byte(body), 0o700); err != nil {
		t.Fatal(err)
	}
	args := []string{"-S", s.socket, "-f", conf, "new-session", "-d", "-s", s.name,
		"-x", strconv.Itoa(width), "-y", strconv.Itoa(height)}
	for _, e := range append(Isolated(dir), env...) {
		args = append(args, "-e", e)
	}
	args = append(args, "/bin/sh "+script)
	if out, err := exec.Command("tmux", args...).CombinedOutput(); err != nil {
		t.Fatalf("tmux new-session: %v\n%s", err, out)
	}
	t.Cleanup(func() {
		_ = exec.Command("tmux", "-S", s.socket, "kill-server").Run()
	})
	return s
}

func (s *Session) tmux(args ...string) (string, error) {
	out, err := exec.Command("tmux", append([]string{"-S", s.socket}, args...)...).CombinedOutput()
	return string(out), err
}

// Send types keys, each a tmux key name ("Enter", "Escape", "Left") or
// literal text ("q", "3").
func (s *Session) Send(t testing.TB, keys ...string) {
	t.Helper()
	args := append([]string{"send-keys", "-t", s.name}, keys...)
	if out, err := s.tmux(args...); err != nil {
		t.Fatalf("tmux send-keys %q: %v\n%s", keys, err, out)
	}
}

// Screen returns the pane's visible text, one line per row, without
// colours or other escape sequences.
func (s *Session) Screen(t testing.TB) string {
	t.Helper()
	out, err := s.tmux("capture-pane", "-p", "-t", s.name)
	if err != nil {
		t.Fatalf("tmux capture-pane: %v\n%s", err, out)
	}
	return out
}

// Watch is a view of a Session's screen through one tmux client in
// control mode, for a test that looks at it often (a measurement): each
// Session.Screen runs a tmux process, and looking every 20 ms ran 50 a
// second on the two processors the program measured has too, which
// showed a cold start's final count 0.1–0.25 s later than an unobserved
// start. A Watch asks the client it keeps; it ends with the test.
type Watch struct {
	name string
	cmd  *exec.Cmd
	in   io.WriteCloser
	out  *bufio.Reader
}

// Watch attaches a control-mode client to s, without the pane's output
// (only the answers to what it asks).
func (s *Session) Watch(t testing.TB) *Watch {
	t.Helper()
	cmd := exec.Command("tmux", "-S", s.socket, "-C", "attach-session", "-f", "no-output", "-t", s.name)
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("tmux -C attach-session: %v", err)
	}
	w := &Watch{name: s.name, cmd: cmd, in: in, out: bufio.NewReader(out)}
	t.Cleanup(w.close)
	// The attach's own answer comes first.
	if _, err := w.answer(); err != nil {
		t.Fatalf("tmux -C attach-session: %v", err)
	}
	return w
}

// Screen returns the pane's visible text, as Session.Screen does.
func (w *Watch) Screen(t testing.TB) string {
	t.Helper()
	if _, err := fmt.Fprintf(w.in, "capture-pane -p -t %s\n", w.name); err != nil {
		t.Fatalf("tmux -C capture-pane: %v", err)
	}
	screen, err := w.answer()
	if err != nil {
		t.Fatalf("tmux -C capture-pane: %v", err)
	}
	return screen
}

// answer reads the client's next answer: the lines between a "%begin"
// line and the "%end" (or "%error") line with the same time, number and
// flags, past the notifications ("%session-changed …") before it.
func (w *Watch) answer() (string, error) {
	var tag string
	for tag == "" {
		line, err := w.out.ReadString('\n')
		if err != nil {
			return "", err
		}
		if rest, ok := strings.CutPrefix(line, "%begin "); ok {
			tag = rest
		}
	}
	var b strings.Builder
	for {
		line, err := w.out.ReadString('\n')
		if err != nil {
			return "", err
		}
		switch line {
		case "%end " + tag:
			return b.String(), nil
		case "%error " + tag:
			return "", fmt.Errorf("%s", strings.TrimSpace(b.String()))
		}
		b.WriteString(line)
	}
}

// close detaches the client.
func (w *Watch) close() {
	w.in.Close()
	_ = w.cmd.Wait()
}

// WaitFor polls the screen until cond holds and returns that screen. After
// Timeout it fails the test, naming what it waited for and showing the last
// screen it saw.
func (s *Session) WaitFor(t testing.TB, cond func(screen string) bool, what string) string {
	t.Helper()
	var screen string
	if !Until(func() bool { screen = s.Screen(t); return cond(screen) }) {
		t.Fatalf("timed out after %v waiting for %s; the screen was:\n%s", Timeout, what, screen)
	}
	return screen
}

// Until calls cond every poll interval until it holds or Timeout has
// passed, and reports whether it held. Every wait of the end-to-end tests
// is one, so they share one deadline and one interval.
func Until(cond func() bool) bool {
	deadline := time.Now().Add(Timeout)
	for !cond() {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(poll)
	}
	return true
}

// WaitText waits until the screen contains text.
func (s *Session) WaitText(t testing.TB, text string) string {
	t.Helper()
	return s.WaitFor(t, func(screen string) bool { return strings.Contains(screen, text) },
		fmt.Sprintf("%q on the screen", text))
}

// WaitExit waits until the program in the pane has exited and returns its
// exit status. It fails the test if the program is still running after
// Timeout.
func (s *Session) WaitExit(t testing.TB) int {
	t.Helper()
	var status []byte
	exited := Until(func() bool {
		b, err := os.ReadFile(s.status)
		if err != nil && !os.IsNotExist(err) {
			t.Fatalf("reading the exit status: %v", err)
		}
		status = b
		return err == nil
	})
	if !exited {
		t.Fatalf("program still running after %v; the screen was:\n%s", Timeout, s.Screen(t))
	}
	code, err := strconv.Atoi(strings.TrimSpace(string(status)))
	if err != nil {
		t.Fatalf("unreadable exit status %q", status)
	}
	return code
}

// Rows returns the screen's lines with trailing blanks removed.
func Rows(screen string) []string {
	lines := strings.Split(strings.TrimRight(screen, "\n"), "\n")
	for i, l := range lines {
		lines[i] = string(bytes.TrimRight([]byte(l), " "))
	}
	return lines
}

// Buffer is tmux's newest paste buffer: what a program copied with OSC 52
// (the session's tmux has set-clipboard on), "" when there is none.
func (s *Session) Buffer(t testing.TB) string {
	t.Helper()
	out, err := exec.Command("tmux", "-S", s.socket, "show-buffer").Output()
	if err != nil {
		return ""
	}
	return string(out)
}

// WaitBuffer waits until the paste buffer holds want.
func (s *Session) WaitBuffer(t testing.TB, want string) {
	t.Helper()
	if !Until(func() bool { return strings.Contains(s.Buffer(t), want) }) {
		t.Fatalf("the paste buffer never held %q; it holds %q", want, s.Buffer(t))
	}
}
