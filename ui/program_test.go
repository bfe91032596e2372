package ui

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/newsdesk/newsdesk/library"
	"github.com/newsdesk/newsdesk/seeds"
)

// waitScreen waits until what appears on tm's screen holds what (the
// renderer writes only the cells that change, so it must be new text).
func waitScreen(t *testing.T, tm *teatest.TestModel, what string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(what)) },
		teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
}

// TestProgram_LoadsSeedsReadsAndComparesReactions runs the reader in a
// real Bubble Tea program (teatest), loading the bundled seeds as `go run .`
// does, and walks list → reader → reactions panel → next commentator →
// quit, waiting at each step for what the user would see.
func TestProgram_LoadsSeedsReadsAndComparesReactions(t *testing.T) {
	lib := library.New(library.Options{FS: seeds.FS, FSPrefix: "seeds"})
	lib.Start(t.Context())
	m := New(Config{Context: t.Context(), Library: lib, Style: "dark"})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(120, 40),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	waitScreen(t, tm, "Russia Reaffirms Backing")
	tm.Send(press("enter"))
	waitScreen(t, tm, "Sergei Shoigu")
	tm.Send(press("r"))
	waitScreen(t, tm, "Dr. Anya Petrova")
	tm.Send(press("l"))
	tm.Send(press("q"))

	final := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(*Model)
	screen := ansi.Strip(final.View().Content)
	for _, want := range []string{"Reaction 2 of 4 · James Miller", "Mark Kovacs"} {
		if !strings.Contains(screen, want) {
			t.Errorf("final screen lacks %q:\n%s", want, screen)
		}
	}
	if final.View().WindowTitle != "Russia Reaffirms Backing for China's Taiwan Stance in High-Level Security Talks" {
		t.Errorf("window title %q, want the headline", final.View().WindowTitle)
	}
}

// TestProgram_NewSnapshotReachesARunningReader: a file added to the
// library and a reload show up in a reader that is already running,
// without any key.
func TestProgram_NewSnapshotReachesARunningReader(t *testing.T) {
	dir := t.TempDir()
	write := func(name, headline string) {
		t.Helper()
		body := fmt.Sprintf("%s\n\nPARIS, Feb 1 (AP) — Text.\n", headline)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.txt", "First Story Already There")
	lib := library.New(library.Options{Paths: []string{dir}})
	<-lib.Start(t.Context())
	m := New(Config{Context: t.Context(), Library: lib, Style: "dark"})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(100, 30),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	waitScreen(t, tm, "First Story Already There")
	write("b.txt", "Second Story Arrives Later")
	lib.Reload(t.Context())
	waitScreen(t, tm, "Second Story Arrives Later")
	tm.Send(press("q"))
	final := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(*Model)
	if s := ansi.Strip(final.View().Content); !strings.Contains(s, "2 articles") {
		t.Errorf("status after the reload:\n%s", s)
	}
}
