package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/tmuxtest"
)

// -measure-library names a library to measure the reader's start on (the
// README's figures: `go run ./internal/gencorpus -n 100000 DIR`); without
// it TestMeasure_ReaderStart is skipped. It measures, it does not judge:
// the figures depend on the machine and its load.
var (
	measureLibrary = flag.String("measure-library", "", "library to measure the real reader's cold and warm starts on (TestMeasure_ReaderStart)")
	measureCache   = flag.String("measure-cache", "", "TestMeasure_ReaderStart: the reader's cache directory, kept between runs; when it already holds the library's indexes every run is a warm start")
	measureBin     = flag.String("measure-bin", "", "TestMeasure_ReaderStart: the binary to measure instead of one built from this tree, to compare two builds run by turns on the same machine")
)

// firstArticles matches a status bar that counts articles, once there are
// some: the first paint says "loading… 0 articles".
var firstArticles = regexp.MustCompile(`\b[1-9][0-9]* articles?\b`)

// TestMeasure_ReaderStart runs the real binary in a 120×40 tmux pane on
// -measure-library three times with one cache directory: a cold start (no
// warm-start index), then two warm ones. For each it logs how long until
// the first paint, until the list shows articles, and until the status
// bar shows the final count
// (the screen looked at every 20 ms through one control-mode client,
// tmuxtest.Watch, which costs the reader nothing it could notice), and the
// reader's peak resident memory
// and its resident memory 2 s later. The cold start runs on until the
// search index is built, as a first start would, so that the warm starts
// find a library seen before, indexes and all.
func TestMeasure_ReaderStart(t *testing.T) {
	if *measureLibrary == "" {
		t.Skip("no -measure-library DIR")
	}
	bin := *measureBin
	if bin == "" {
		bin = tmuxtest.Binary(t)
	}
	home := t.TempDir()
	cache := filepath.Join(home, "cache")
	kinds := []string{"cold", "warm", "warm"}
	if *measureCache != "" {
		cache = *measureCache
		if entries, _ := os.ReadDir(cache); len(entries) > 0 {
			kinds = []string{"warm", "warm", "warm"}
		}
	}
	env := []string{"XDG_CACHE_HOME=" + cache, "XDG_STATE_HOME=" + filepath.Join(home, "state")}
	warmPageCache(t, *measureLibrary)
	for run, kind := range kinds {
		pidFile := filepath.Join(t.TempDir(), "pid")
		// sh -c so that $$ is the process that execs the reader.
		cmd := fmt.Sprintf(`sh -c 'echo $$ > %s; exec %s %s'`, pidFile, bin, *measureLibrary)
		start := time.Now()
		s := tmuxtest.Start(t, 120, 40, cmd, env...)
		w := s.Watch(t)
		var first, shown, final time.Duration
		for final == 0 {
			screen := w.Screen(t)
			if first == 0 && strings.Contains(screen, " article") {
				first = time.Since(start)
			}
			if shown == 0 && firstArticles.MatchString(screen) {
				shown = time.Since(start)
			}
			if shown != 0 && !strings.Contains(screen, "loading") {
				final = time.Since(start)
			}
			if time.Since(start) > 5*time.Minute {
				t.Fatalf("run %d: not loaded after 5 minutes:\n%s", run, screen)
			}
			time.Sleep(20 * time.Millisecond) // the polling interval of a measurement
		}
		pid := readPid(t, pidFile)
		peak := procStatus(t, pid, "VmHWM")
		time.Sleep(2 * time.Second) // what is resident once the start has settled
		settled := procStatus(t, pid, "VmRSS")
		t.Logf("%s start: first paint after %v, articles listed after %v, final count after %v; resident: peak %s, %s 2 s later",
			kind, first.Round(time.Millisecond), shown.Round(time.Millisecond), final.Round(time.Millisecond), peak, settled)
		if kind == "cold" {
			// A library seen before has its search index too: the first
			// start builds it in the background.
			for strings.Contains(s.Screen(t), "indexing") {
				if time.Since(start) > 10*time.Minute {
					t.Fatal("the search index not built after 10 minutes")
				}
				time.Sleep(time.Second)
			}
			t.Logf("cold start: search index built after %v; resident then %s, peak %s",
				time.Since(start).Round(time.Second), procStatus(t, pid, "VmRSS"), procStatus(t, pid, "VmHWM"))
		}
		s.Send(t, "q")
		s.WaitExit(t)
	}
}

// warmPageCache reads every file under dir once, so that the starts are
// measured with the library in the page cache, as the figures are given:
// this machine's kernel gives idle page cache back, and a cold start on
// files it had dropped took 7.4 s against 1.3 s.
func warmPageCache(t *testing.T, dir string) {
	t.Helper()
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		_, err = os.ReadFile(path)
		return err
	})
	if err != nil {
		t.Fatalf("reading the library once: %v", err)
	}
}

// readPid is the process ID written to path (waiting for it to be).
func readPid(t *testing.T, path string) int {
	t.Helper()
	var pid int
	if !tmuxtest.Until(func() bool {
		b, err := os.ReadFile(path)
		pid, _ = strconv.Atoi(strings.TrimSpace(string(b)))
		return err == nil && pid > 0
	}) {
		t.Fatal("no pid")
	}
	return pid
}

// procStatus is field of /proc/PID/status ("VmRSS": "162648 kB").
func procStatus(t *testing.T, pid int, field string) string {
	t.Helper()
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, field+":"); ok {
			return strings.TrimSpace(v)
		}
	}
	return "?"
}
