package server

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"github.com/newsdesk/newsdesk/internal/tmuxtest"
)

var (
	load         = flag.Bool("load", false, "run TestLoad: many concurrent SSH readers against the real binary")
	loadSessions = flag.Int("load-sessions", 200, "TestLoad: concurrent sessions")
	loadDuration = flag.Duration("load-duration", 30*time.Second, "TestLoad: how long every session types")
	loadEvery    = flag.Duration("load-every", 100*time.Millisecond, "TestLoad: interval between key presses")
	loadOpen     = flag.String("load-open", "\r", "TestLoad: keys each session sends first (open the reader)")
	loadKeys     = flag.String("load-keys", "jk", "TestLoad: keys pressed in turn; each must change the screen")
	loadAligned  = flag.Bool("load-aligned", false, "TestLoad: every session presses its key at the same instant (the worst case) instead of at its own phase of the interval")
	loadLibrary  = flag.String("load-library", "", "TestLoad: the library the server reads (a directory, e.g. one made by go run ./internal/gencorpus); the bundled seed when empty")
	loadCache    = flag.String("load-cache", "", "TestLoad: the server's cache directory (XDG_CACHE_HOME), kept between runs: with the warm-start and search indexes of -load-library built by an earlier run (or the reader), the server starts warm and builds nothing meanwhile; a fresh one when empty")
)

// loadProbes is how many sessions TestLoad opens one after another to time
// a new session's first frame.
const loadProbes = 20

// TestMain removes the binary TestLoad builds.
func TestMain(m *testing.M) { os.Exit(tmuxtest.Main(m)) }

// TestLoad holds many sessions on the real binary over loopback, each
// typing a key every 100 ms, and reports the sessions held, the server's
// resident memory per session and the key-to-screen latency. It is not a
// pass/fail benchmark of the machine, but it fails when sessions are lost.
//
//	go test ./server -run TestLoad -load -v
//
// Each session dials from its own loopback address (127.0.0.2, .3, ...),
// so the per-IP limits and rate limit apply as they would to real users.
func TestLoad(t *testing.T) {
	if !*load {
		t.Skip("load test: run with go test ./server -run TestLoad -load -v")
	}
	n := *loadSessions
	args := []string{"--max-sessions", strconv.Itoa(n + 10)}
	if *loadLibrary != "" {
		args = append(args, *loadLibrary)
	}
	var env []string
	if *loadCache != "" {
		env = append(env, "XDG_CACHE_HOME="+*loadCache)
	}
	if *loadLibrary != "" {
		// With an empty cache the server reads every file before it
		// listens: 9 s and more for 100,000 of them.
		defer func(was time.Duration) { waitLimit = was }(waitLimit)
		waitLimit = 5 * time.Minute
	}
	srv := startBinaryEnv(t, env, args...)
	addr, key, logs := srv.addr, srv.key, srv.logs
	if *loadLibrary != "" {
		// Sessions are measured on a loaded library, not against its load.
		waitText(t, logs, 0, "library loaded")
		time.Sleep(2 * time.Second) // what the load leaves settles (TuneGC)
	}
	base := rssKiB(t, srv.cmd.Process.Pid)

	// A new session's cost, alone: memory and the time to its first
	// frame (the status bar's article count on screen), on a quiet
	// server, over probes one after another, each from its own address.
	first := rssKiB(t, srv.cmd.Process.Pid)
	var frames latencies
	for i := range loadProbes {
		d, err := firstFrame(addr, fmt.Sprintf("127.0.0.%d", 230+i), key)
		if err != nil {
			t.Fatal(err)
		}
		frames.add(d)
	}
	probe, err := openLoadSession(addr, "127.0.0.250", key)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(time.Second)
	one := rssKiB(t, srv.cmd.Process.Pid)
	_ = probe.conn.Close()
	f50, f90, fmax := frames.quantiles(0.5, 0.9, 1)
	t.Logf("one new session: first frame p50 %v, p90 %v, max %v over %d sessions; %+.2f MiB of server RSS",
		f50, f90, fmax, frames.count(), float64(one-first)/1024)

	// Open every session and wait for its first screen.
	sessions := make([]*loadSession, n)
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := openLoadSession(addr, fmt.Sprintf("127.0.%d.%d", 1+(i+1)/250, 2+(i+1)%250), key)
			if err != nil {
				errs <- fmt.Errorf("session %d: %w", i, err)
				return
			}
			sessions[i] = s
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if t.Failed() {
		t.Fatalf("server log:\n%s", logs)
	}
	time.Sleep(2 * time.Second) // let the first frames and GC settle before measuring idle memory
	idle := rssKiB(t, srv.cmd.Process.Pid)
	// What idle sessions cost the server's CPU: each program's frame
	// ticker wakes up even when nothing changed.
	cpu0, wall0 := cpuTicks(t, srv.cmd.Process.Pid), time.Now()
	time.Sleep(5 * time.Second)
	idleCPU := float64(cpuTicks(t, srv.cmd.Process.Pid)-cpu0) / clockTicks / time.Since(wall0).Seconds()

	// Type.
	start := time.Now()
	var lat latencies
	var missed atomic.Int64
	for i, s := range sessions {
		// People do not press keys in step: each session starts at its
		// own phase of the interval, spread evenly, unless -load-aligned
		// asks for all n presses at once every interval.
		phase := time.Duration(i) * *loadEvery / time.Duration(n)
		if *loadAligned {
			phase = 0
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			time.Sleep(phase)
			s.typeFor(*loadOpen, *loadKeys, *loadEvery, *loadDuration, &lat, &missed)
		}()
	}
	wg.Wait()
	busy := rssKiB(t, srv.cmd.Process.Pid)

	held := 0
	for _, s := range sessions {
		if !s.ended.Load() {
			held++
		}
		_ = s.conn.Close()
	}
	p50, p99, max := lat.percentiles()
	perSession := float64(idle-base) / float64(n) / 1024
	t.Logf("sessions held: %d of %d for %v (a key every %v each, aligned=%v)", held, n, time.Since(start).Round(time.Second), *loadEvery, *loadAligned)
	t.Logf("server RSS: %.1f MiB at start, %.1f MiB with %d idle sessions (%.2f MiB per session), %.1f MiB after typing",
		float64(base)/1024, float64(idle)/1024, n, perSession, float64(busy)/1024)
	t.Logf("server CPU with %d idle sessions: %.1f %% of one core", n, 100*idleCPU)
	t.Logf("key to screen update: p50 %v, p99 %v, max %v over %d presses; %d presses got no update within 1 s",
		p50, p99, max, lat.count(), missed.Load())
	if held < n {
		t.Errorf("only %d of %d sessions held", held, n)
	}
}

// firstFrame opens a session from local and reports the time from dialling
// until the screen shows the status bar's article count; the terminal set-up
// the program writes before its first frame does not count.
func firstFrame(addr, local string, key gossh.Signer) (time.Duration, error) {
	start := time.Now()
	conn, _, out, err := startLoadShell(addr, local, key)
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	got := make(chan time.Duration, 1)
	go func() {
		var screen []byte
		buf := make([]byte, 32*1024)
		for {
			n, err := out.Read(buf)
			screen = append(screen, buf[:n]...)
			if strings.Contains(string(screen), " article") {
				got <- time.Since(start)
				return
			}
			if err != nil {
				close(got)
				return
			}
		}
	}()
	select {
	case d, ok := <-got:
		if !ok {
			return 0, fmt.Errorf("session ended before its first frame")
		}
		return d, nil
	case <-time.After(waitTimeout):
		return 0, fmt.Errorf("no first frame within %v", waitTimeout)
	}
}

// clockTicks is the unit of /proc's CPU times (USER_HZ, 100 on Linux).
const clockTicks = 100

// cpuTicks reads the CPU time (user and system, in clockTicks) a process
// has used from /proc.
func cpuTicks(t *testing.T, pid int) int64 {
	t.Helper()
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		t.Skipf("cannot read process CPU time (needs Linux /proc): %v", err)
	}
	// The command name may hold spaces: the fields after it are fixed.
	_, rest, ok := strings.Cut(string(data), ") ")
	f := strings.Fields(rest)
	if !ok || len(f) < 13 {
		t.Fatalf("unexpected /proc stat %q", data)
	}
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	return utime + stime
}

// loadSession is one typing client.
type loadSession struct {
	conn  *gossh.Client
	in    io.Writer
	got   chan time.Time // a timestamp per read of screen output
	ended atomic.Bool
}

// startLoadShell dials addr from the local address, authenticates with
// key and starts a shell on an 80×24 PTY: the client, the shell's input
// and its output.
func startLoadShell(addr, local string, key gossh.Signer) (*gossh.Client, io.Writer, io.Reader, error) {
	d := net.Dialer{Timeout: waitTimeout, LocalAddr: &net.TCPAddr{IP: net.ParseIP(local)}}
	raw, err := d.Dial("tcp", addr)
	if err != nil {
		return nil, nil, nil, err
	}
	c, chans, reqs, err := gossh.NewClientConn(raw, addr, &gossh.ClientConfig{
		User: "load", Auth: []gossh.AuthMethod{gossh.PublicKeys(key)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), //nolint:gosec // a test server's fresh key
	})
	if err != nil {
		raw.Close()
		return nil, nil, nil, err
	}
	conn := gossh.NewClient(c, chans, reqs)
	fail := func(err error) (*gossh.Client, io.Writer, io.Reader, error) {
		conn.Close()
		return nil, nil, nil, err
	}
	sess, err := conn.NewSession()
	if err != nil {
		return fail(err)
	}
	in, err := sess.StdinPipe()
	if err != nil {
		return fail(err)
	}
	out, err := sess.StdoutPipe()
	if err != nil {
		return fail(err)
	}
	if err := sess.RequestPty("xterm-256color", 24, 80, nil); err != nil {
		return fail(err)
	}
	if err := sess.Shell(); err != nil {
		return fail(err)
	}
	return conn, in, out, nil
}

func openLoadSession(addr, local string, key gossh.Signer) (*loadSession, error) {
	conn, in, out, err := startLoadShell(addr, local, key)
	if err != nil {
		return nil, err
	}
	s := &loadSession{conn: conn, in: in, got: make(chan time.Time, 1)}
	go func() {
		r := bufio.NewReader(out)
		buf := make([]byte, 32*1024)
		for {
			if _, err := r.Read(buf); err != nil {
				s.ended.Store(true)
				return
			}
			select {
			case s.got <- time.Now():
			default: // the waiter only needs the first read after a key
			}
		}
	}()
	select {
	case <-s.got:
	case <-time.After(waitTimeout):
		return nil, fmt.Errorf("no first screen within %v", waitTimeout)
	}
	return s, nil
}

// typeFor sends open, then keys in turn every interval for d, timing each
// press until the next output arrives.
func (s *loadSession) typeFor(open, keys string, every, d time.Duration, lat *latencies, missed *atomic.Int64) {
	if open != "" {
		_, _ = io.WriteString(s.in, open)
		time.Sleep(every)
	}
	tick := time.NewTicker(every)
	defer tick.Stop()
	end := time.Now().Add(d)
	for i := 0; time.Now().Before(end); i++ {
		<-tick.C
		drain(s.got)
		sent := time.Now()
		if _, err := io.WriteString(s.in, string(keys[i%len(keys)])); err != nil {
			return
		}
		select {
		case at := <-s.got:
			lat.add(at.Sub(sent))
		case <-time.After(time.Second):
			missed.Add(1)
		}
	}
}

func drain(c chan time.Time) {
	for {
		select {
		case <-c:
		default:
			return
		}
	}
}

// latencies collects durations from many goroutines.
type latencies struct {
	mu sync.Mutex
	d  []time.Duration
}

func (l *latencies) add(d time.Duration) {
	l.mu.Lock()
	l.d = append(l.d, d)
	l.mu.Unlock()
}

func (l *latencies) count() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.d)
}

func (l *latencies) percentiles() (p50, p99, max time.Duration) {
	return l.quantiles(0.5, 0.99, 1)
}

// quantiles reports the durations at the fractions a, b and c of the
// sorted samples (1 is the slowest), to 0.1 ms.
func (l *latencies) quantiles(a, b, c float64) (qa, qb, qc time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.d) == 0 {
		return 0, 0, 0
	}
	slices.Sort(l.d)
	at := func(q float64) time.Duration {
		return l.d[min(len(l.d)-1, int(q*float64(len(l.d))))].Round(100 * time.Microsecond)
	}
	return at(a), at(b), at(c)
}

// rssKiB reads a process's resident set size from /proc.
func rssKiB(t *testing.T, pid int) int64 {
	t.Helper()
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Skipf("cannot read process memory (needs Linux /proc): %v", err)
	}
	for line := range strings.SplitSeq(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			if err != nil {
				t.Fatalf("VmRSS %q: %v", rest, err)
			}
			return kb
		}
	}
	t.Fatal("no VmRSS in /proc status")
	return 0
}
