package state

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/article"
)

// childEnv names what a re-executed test binary is to do; see TestChild.
const childEnv = "NEWSDESK_STATE_CHILD"

// TestChild is not a test: it is the body of a child process the tests
// below start by running their own binary again with childEnv set
// (see child: "writer", PATH, USER, N or "killed", PATH, USER, FROM).
func TestChild(t *testing.T) {
	spec := os.Getenv(childEnv)
	if spec == "" {
		t.Skip("runs only as a child process of the tests in process_test.go")
	}
	f := strings.Split(spec, "\t")
	var n int
	err := fmt.Errorf("bad child spec %q", spec)
	if len(f) == 4 {
		n, err = strconv.Atoi(f[3])
	}
	switch {
	case err != nil:
	case f[0] == "writer":
		err = childWriter(f[1], f[2], n)
	case f[0] == "killed":
		err = childKilled(f[1], f[2], n)
	default:
		err = fmt.Errorf("unknown child %q", spec)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "child:", err)
		os.Exit(3)
	}
	os.Exit(0)
}

// childWriter opens the store, says "ready", waits for a line on stdin so
// that both children write at the same time, then writes n marks for user,
// each its own transaction.
func childWriter(path, user string, n int) error {
	s, err := Open(path, Options{Limits: Limits{MaxMarks: -1}})
	if err != nil {
		return err
	}
	defer s.Close()
	fmt.Println("ready")
	if _, err := bufio.NewReader(os.Stdin).ReadString('\n'); err != nil {
		return err
	}
	ctx := context.Background()
	for i := range n {
		id := article.ID(fmt.Sprintf("%s-%d", user, i))
		if err := s.MarkRead(ctx, user, id); err != nil {
			return err
		}
		if i%10 == 0 {
			if err := s.SetBookmark(ctx, user, id, true); err != nil {
				return err
			}
		}
	}
	return nil
}

// childKilled writes forever, from mark number from on, each change its own
// transaction of a kind chosen by its number, and prints each one on
// stdout once committed. It is killed by its parent.
func childKilled(path, user string, from int) error {
	s, err := Open(path, Options{Limits: Limits{MaxMarks: -1}})
	if err != nil {
		return err
	}
	ctx := context.Background()
	out := bufio.NewWriter(os.Stdout)
	for i := from; ; i++ {
		id := article.ID(fmt.Sprintf("a%d", i))
		switch i % 4 {
		case 0, 1:
			err = s.MarkRead(ctx, user, id)
		case 2:
			err = s.SetBookmark(ctx, user, id, true)
		case 3:
			err = s.SetSeen(ctx, user, id, []ReactionKey{{Name: "n", Quote: uint64(i)}})
		}
		if err != nil {
			return err
		}
		// One write per line: the parent sees each as soon as committed.
		fmt.Fprintln(out, i)
		if err := out.Flush(); err != nil {
			return err
		}
	}
}

// child starts this test binary as a child process doing what, with the
// file at path, for user, with the number n.
func child(t *testing.T, what, path, user string, n int) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestChild$", "-test.count=1")
	// Tabs between the fields: a path may hold spaces.
	cmd.Env = append(os.Environ(), childEnv+"="+strings.Join([]string{what, path, user, strconv.Itoa(n)}, "\t"))
	cmd.Stderr = os.Stderr
	return cmd
}

// TestTwoProcessesWriteAtOnce: two processes create one new file at the
// same time and each writes its own user's marks, mark by mark, at the
// same time as the other; every mark of both is there afterwards.
func TestTwoProcessesWriteAtOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "newsdesk", "state.db")
	const n = 150
	users := []string{"SHA256:one", "SHA256:two"}
	type proc struct {
		cmd   *exec.Cmd
		stdin io.WriteCloser
		out   *bufio.Reader
	}
	var procs []proc
	for _, u := range users {
		cmd := child(t, "writer", path, u, n)
		stdin, err := cmd.StdinPipe()
		must(t, err)
		stdout, err := cmd.StdoutPipe()
		must(t, err)
		must(t, cmd.Start())
		t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
		procs = append(procs, proc{cmd, stdin, bufio.NewReader(stdout)})
	}
	// Both were started before either is waited for, so they open (and
	// create, and migrate) the file at the same time; then both write.
	for i, p := range procs {
		if line, err := p.out.ReadString('\n'); line != "ready\n" {
			t.Fatalf("child %s: %q, %v", users[i], line, err)
		}
	}
	for _, p := range procs {
		fmt.Fprintln(p.stdin)
		p.stdin.Close()
	}
	for i, p := range procs {
		if err := p.cmd.Wait(); err != nil {
			t.Fatalf("child %s: %v", users[i], err)
		}
	}
	s, err := Open(path, Options{})
	must(t, err)
	defer s.Close()
	for _, u := range users {
		st := mustLoad(t, s, u)
		for i := range n {
			id := article.ID(fmt.Sprintf("%s-%d", u, i))
			if !st.Read(id) || st.Bookmarked(id) != (i%10 == 0) {
				t.Fatalf("%s: mark %s lost", u, id)
			}
		}
		if len(st.Marks) != n {
			t.Fatalf("%s: %d marks, want %d", u, len(st.Marks), n)
		}
	}
}

// TestKilledWriterLosesNothing kills a writing process with SIGKILL at
// random moments, killTimes times: while it starts, creates or migrates
// the file, or between and inside its transactions. After each kill the
// file must open and hold every change the child reported committed, in
// all the runs so far.
func TestKilledWriterLosesNothing(t *testing.T) {
	const killTimes = 60
	path := filepath.Join(t.TempDir(), "newsdesk", "state.db")
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 1))
	var reported []int // every change reported committed, all runs
	next := 0
	for run := range killTimes {
		cmd := child(t, "killed", path, "ana", next)
		stdout, err := cmd.StdoutPipe()
		must(t, err)
		must(t, cmd.Start())
		// lines carries the child's reports; it is closed when the child's
		// stdout ends.
		lines := make(chan int)
		go func() {
			defer close(lines)
			sc := bufio.NewScanner(stdout)
			for sc.Scan() {
				i, err := strconv.Atoi(sc.Text())
				if err != nil {
					t.Errorf("child wrote %q", sc.Text())
					continue
				}
				lines <- i
			}
		}()
		// Half the runs die after a random time from the start (often
		// before the first write); the others after a random number of
		// committed writes plus a random fraction of a write.
		var deadline <-chan time.Time
		want := -1
		if run%2 == 0 {
			deadline = time.After(time.Duration(rng.IntN(80)) * time.Millisecond)
		} else {
			want = 1 + rng.IntN(30)
		}
		var got []int
	wait:
		for {
			select {
			case i, ok := <-lines:
				if !ok {
					cmd.Wait()
					t.Fatalf("run %d: the child ended by itself: %v", run, cmd.ProcessState)
				}
				got = append(got, i)
				if len(got) == want {
					time.Sleep(time.Duration(rng.IntN(2000)) * time.Microsecond)
					break wait
				}
			case <-deadline:
				break wait
			}
		}
		must(t, cmd.Process.Signal(syscall.SIGKILL))
		// Lines already in the pipe were committed before the kill.
		for i := range lines {
			got = append(got, i)
		}
		cmd.Wait()
		if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || ws.Signal() != syscall.SIGKILL {
			t.Fatalf("run %d: the child was not killed but %v", run, cmd.ProcessState)
		}
		reported = append(reported, got...)
		if len(got) > 0 {
			next = got[len(got)-1] + 1
		}
		checkReported(t, path, run, reported)
	}
	if len(reported) < killTimes {
		t.Errorf("only %d changes in %d runs: the kills rarely fell among writes", len(reported), killTimes)
	}
	t.Logf("%d runs, %d changes reported and found", killTimes, len(reported))
}

// checkReported opens the file as a new process would and checks every
// reported change is in it, then that SQLite finds the file intact.
func checkReported(t *testing.T, path string, run int, reported []int) {
	t.Helper()
	s, err := Open(path, Options{Limits: Limits{MaxMarks: -1}})
	if err != nil {
		t.Fatalf("run %d: the file does not open after the kill: %v", run, err)
	}
	defer s.Close()
	st := mustLoad(t, s, "ana")
	for _, i := range reported {
		id := article.ID(fmt.Sprintf("a%d", i))
		m := st.Marks[id]
		var ok bool
		switch i % 4 {
		case 0, 1:
			ok = m.Read
		case 2:
			ok = m.Bookmarked
		case 3:
			ok = m.Seen.Has(ReactionKey{Name: "n", Quote: uint64(i)})
		}
		if !ok {
			t.Fatalf("run %d: change %d was reported committed and is lost", run, i)
		}
	}
	var check string
	must(t, s.h.QueryRowContext(context.Background(), "PRAGMA integrity_check").Scan(&check))
	if check != "ok" {
		t.Fatalf("run %d: integrity_check: %s", run, check)
	}
}

// TestConcurrentWriters: goroutines writing different users through one
// store and through a second store on the same file, with Loads in
// between, under the race detector; every write is kept.
func TestConcurrentWriters(t *testing.T) {
	a, path := openTest(t, Options{})
	b, err := Open(path, Options{})
	must(t, err)
	defer b.Close()
	ctx := context.Background()
	const users, n = 6, 40
	var wg sync.WaitGroup
	for u := range users {
		s := []*SQLite{a, b}[u%2]
		wg.Go(func() {
			user := fmt.Sprintf("user%d", u)
			for i := range n {
				id := article.ID(fmt.Sprintf("a%d", i))
				if err := s.MarkRead(ctx, user, id); err != nil {
					t.Error(err)
					return
				}
				if i%8 == 0 {
					if _, err := s.Load(ctx, user); err != nil {
						t.Error(err)
						return
					}
				}
			}
			if err := s.SetPosition(ctx, user, Position{Article: "a1", Scroll: u}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	for u := range users {
		st := mustLoad(t, a, fmt.Sprintf("user%d", u))
		if len(st.Marks) != n || st.Position.Scroll != u {
			t.Fatalf("user%d: %d marks, position %+v", u, len(st.Marks), st.Position)
		}
	}
}
