package server

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"github.com/newsdesk/newsdesk/internal/tmuxtest"
)

// attack turns on the hostile-client measurements: they run the real
// binary and print figures (CPU, memory, fds) for the README and reviews;
// the behaviour they measure is asserted by the ordinary tests.
var attack = flag.Bool("attack", false, "run TestAttack_*: hostile-client measurements on the real binary")

// binServer is the real newsdesk binary serving on a loopback port.
type binServer struct {
	cmd  *exec.Cmd
	addr string
	logs *syncBuffer
	key  gossh.Signer
}

// startBinary runs "newsdesk serve" with one authorised key and extra flags.
func startBinary(t *testing.T, extra ...string) *binServer {
	t.Helper()
	return startBinaryEnv(t, nil, extra...)
}

// startBinaryEnv is startBinary with env ("KEY=value") added to the
// server's environment, after the isolated directories it would have.
func startBinaryEnv(t *testing.T, env []string, extra ...string) *binServer {
	t.Helper()
	bin := tmuxtest.Binary(t)
	dir := t.TempDir()
	key := newSigner(t)
	keys := filepath.Join(dir, "authorized_keys")
	if err := os.WriteFile(keys, gossh.MarshalAuthorizedKey(key.PublicKey()), 0o600); err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	_ = l.Close()
	logs := &syncBuffer{}
	args := append([]string{"serve", "--listen", addr, "--authorized-keys", keys, "--host-key", filepath.Join(dir, "hk")}, extra...)
	cmd := exec.Command(bin, args...)
	cmd.Env = append(append(os.Environ(), tmuxtest.Isolated(dir)...), env...)
	cmd.Stdout, cmd.Stderr = logs, logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	waitText(t, logs, 0, "listening")
	return &binServer{cmd: cmd, addr: addr, logs: logs, key: key}
}

// procFigures is what /proc says about a process.
type procFigures struct {
	cpu     time.Duration // user + system
	rssKiB  int64
	fds     int
	threads int
}

func (p procFigures) String() string {
	return fmt.Sprintf("cpu %v, rss %.1f MiB, fds %d, threads %d", p.cpu, float64(p.rssKiB)/1024, p.fds, p.threads)
}

// readProc reads a process's CPU time, RSS, open fds and threads.
func readProc(t *testing.T, pid int) procFigures {
	t.Helper()
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		t.Skipf("needs Linux /proc: %v", err)
	}
	// Fields after the command name, which is in parentheses and may
	// hold spaces: state is field 3, utime 14, stime 15, threads 20.
	f := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+2:]))
	ticks := func(i int) int64 { n, _ := strconv.ParseInt(f[i-3], 10, 64); return n }
	const clkTck = 100 // USER_HZ on Linux
	fds, _ := os.ReadDir(fmt.Sprintf("/proc/%d/fd", pid))
	return procFigures{
		cpu:     time.Duration(ticks(14)+ticks(15)) * time.Second / clkTck,
		rssKiB:  rssKiB(t, pid),
		fds:     len(fds),
		threads: int(ticks(20)),
	}
}

// quiet waits until the process has used no CPU for a while and returns
// its figures then.
func quiet(t *testing.T, pid int) procFigures {
	t.Helper()
	last := readProc(t, pid)
	for range 100 {
		time.Sleep(500 * time.Millisecond)
		now := readProc(t, pid)
		if now.cpu-last.cpu <= 10*time.Millisecond {
			return now
		}
		last = now
	}
	return last
}

var attackCycles = flag.Int("attack-cycles", 20, "TestAttack_WindowChangeFloodThenDrop: cycles")

func TestAttack_WindowChangeFloodThenDrop(t *testing.T) {
	if !*attack {
		t.Skip("measurement: go test ./server -run TestAttack -attack -v")
	}
	srv := startBinary(t)
	pid := srv.cmd.Process.Pid
	before := quiet(t, pid)
	for i := range *attackCycles {
		if i >= DefaultRateBurst {
			time.Sleep(time.Second) // the rate limit's pace, not synchronisation
		}
		r := openRawReader(t, srv.addr, srv.key, 80, 24)
		waitText(t, r.out, 0, seedHeadline)
		r.flood(2000)
		_ = r.raw.Close()
		if n := i + 1; n%20 == 0 {
			t.Logf("%d cycles of reader + 2,000 window changes + dropped TCP: %v (before: %v)", n, quiet(t, pid), before)
		}
	}
	r, err := dialRawReader(srv.addr, srv.key, 80, 24)
	if err != nil {
		t.Logf("a new reader from the same address afterwards: %v", err)
		return
	}
	defer r.raw.Close() //nolint:errcheck
	waitText(t, r.out, 0, seedHeadline)
	t.Logf("a new reader from the same address afterwards: got the reader")
}

func TestAttack_WindowChangeFloodCPU(t *testing.T) {
	if !*attack {
		t.Skip("measurement: go test ./server -run TestAttack -attack -v")
	}
	srv := startBinary(t)
	pid := srv.cmd.Process.Pid
	r := openRawReader(t, srv.addr, srv.key, 80, 24)
	waitText(t, r.out, 0, seedHeadline)
	before := quiet(t, pid)
	start := time.Now()
	r.flood(20000)
	sent := time.Since(start)
	after := quiet(t, pid)
	t.Logf("20,000 window changes sent in %v: server CPU %v (%v → %v)", sent.Round(time.Millisecond), after.cpu-before.cpu, before, after)
}

var attackChannels = flag.Int("attack-channels", 100000, "TestAttack_ManyChannels: session channels one connection opens")

func TestAttack_ManyChannels(t *testing.T) {
	if !*attack {
		t.Skip("measurement: go test ./server -run TestAttack -attack -v")
	}
	for _, flags := range [][]string{nil, {"--max-channels-per-connection", "0", "--max-sessions", "0"}} {
		t.Run(strings.Join(flags, " "), func(t *testing.T) {
			srv := startBinary(t, flags...)
			pid := srv.cmd.Process.Pid
			conn, err := dial(srv.addr, gossh.PublicKeys(srv.key))
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close() //nolint:errcheck
			before := quiet(t, pid)
			start := time.Now()
			opened, asked := 0, 0
			var end error
			for range *attackChannels {
				asked++
				_, err := conn.NewSession()
				var oc *gossh.OpenChannelError
				if err == nil {
					opened++
				} else if !errors.As(err, &oc) {
					end = err // the server hung up
					break
				}
			}
			took := time.Since(start)
			after := quiet(t, pid)
			t.Logf("%d session channels asked for on one connection in %v, %d opened, then: %v\n  before: %v\n  after:  %v",
				asked, took.Round(time.Millisecond), opened, end, before, after)
		})
	}
}

func TestAttack_KeysFileBecomesDevZero(t *testing.T) {
	if !*attack {
		t.Skip("measurement: go test ./server -run TestAttack -attack -v")
	}
	srv := startBinary(t)
	pid := srv.cmd.Process.Pid
	before := quiet(t, pid)
	keys := srv.cmd.Args[slices.Index(srv.cmd.Args, "--authorized-keys")+1]
	tmp := keys + ".link"
	if err := os.Symlink("/dev/zero", tmp); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, keys); err != nil {
		t.Fatal(err)
	}
	waitText(t, srv.logs, 0, "authorized keys not reloaded")
	time.Sleep(2 * time.Second) // what a read of /dev/zero would grow in 2 s
	after := readProc(t, pid)
	t.Logf("keys file a link to /dev/zero for 2 s:\n  before: %v\n  after:  %v", before, after)
}

var (
	attackSize     = flag.String("attack-size", "80x1,80x24", "TestAttack_SmallTerminal: terminal sizes to compare")
	attackSessions = flag.Int("attack-sessions", 20, "TestAttack_SmallTerminal, TestAttack_SessionMemory: sessions")
	attackFor      = flag.Duration("attack-for", 10*time.Second, "TestAttack_SmallTerminal: how long every session presses keys")
	attackOpen     = flag.String("attack-open", "", "TestAttack_SmallTerminal: keys every session sends first (\\r opens the reader)")
)

// openReaders opens n readers of width×height on srv (paced for the rate
// limit) and waits for each one's first screen.
func openReaders(t *testing.T, srv *binServer, n, width, height int) []*rawReader {
	t.Helper()
	var rs []*rawReader
	for i := range n {
		if i >= DefaultRateBurst {
			time.Sleep(time.Second) // the rate limit's pace, not synchronisation
		}
		rs = append(rs, openRawReader(t, srv.addr, srv.key, width, height))
	}
	for _, r := range rs {
		waitUntil(t, "a first screen", func() bool { return r.out.Len() > 0 })
	}
	return rs
}

// TestAttack_SmallTerminal compares the server's CPU, and what it writes,
// for sessions pressing j and k at each size.
func TestAttack_SmallTerminal(t *testing.T) {
	if !*attack {
		t.Skip("measurement: go test ./server -run TestAttack -attack -v")
	}
	for _, size := range strings.Split(*attackSize, ",") {
		var w, h int
		if _, err := fmt.Sscanf(size, "%dx%d", &w, &h); err != nil {
			t.Fatal(err)
		}
		t.Run(size, func(t *testing.T) {
			srv := startBinary(t, "--max-sessions-per-ip", "0")
			pid := srv.cmd.Process.Pid
			rs := openReaders(t, srv, *attackSessions, w, h)
			for _, r := range rs {
				_, _ = io.WriteString(r.in, *attackOpen)
			}
			before := quiet(t, pid)
			var out0 int
			for _, r := range rs {
				out0 += r.out.Len()
			}
			const every = 50 * time.Millisecond
			keys := 0
			tick := time.NewTicker(every)
			for end := time.Now().Add(*attackFor); time.Now().Before(end); keys++ {
				<-tick.C
				for _, r := range rs {
					_, _ = io.WriteString(r.in, string("jk"[keys%2]))
				}
			}
			tick.Stop()
			after := quiet(t, pid)
			var out1 int
			for _, r := range rs {
				out1 += r.out.Len()
			}
			presses := keys * len(rs)
			t.Logf("%s: %d sessions, %d presses: server CPU %v (%.0f µs a press), %d bytes written (%.0f a press)",
				size, len(rs), presses, after.cpu-before.cpu, float64((after.cpu-before.cpu).Microseconds())/float64(presses),
				out1-out0, float64(out1-out0)/float64(presses))
		})
	}
}

// TestAttack_SessionMemory measures the server's resident memory per
// session at each size, on the screen -attack-open leads to.
func TestAttack_SessionMemory(t *testing.T) {
	if !*attack {
		t.Skip("measurement: go test ./server -run TestAttack -attack -v")
	}
	for _, size := range strings.Split(*attackSize, ",") {
		var w, h int
		if _, err := fmt.Sscanf(size, "%dx%d", &w, &h); err != nil {
			t.Fatal(err)
		}
		t.Run(size, func(t *testing.T) {
			srv := startBinary(t, "--max-sessions-per-ip", "0", "--max-sessions", "0")
			pid := srv.cmd.Process.Pid
			before := quiet(t, pid)
			rs := openReaders(t, srv, *attackSessions, w, h)
			for _, r := range rs {
				_, _ = io.WriteString(r.in, *attackOpen)
			}
			for _, r := range rs {
				_, _ = io.WriteString(r.in, "j")
			}
			after := quiet(t, pid)
			t.Logf("%s, %d sessions after %q: %.1f MiB per session (%v → %v)", size, len(rs), *attackOpen,
				float64(after.rssKiB-before.rssKiB)/1024/float64(len(rs)), before, after)
		})
	}
}
