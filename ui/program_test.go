package ui

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/newsdesk/newsdesk/article"
	"github.com/newsdesk/newsdesk/seeds"
)

// TestProgram_LoadsSeedsReadsAndComparesReactions runs the reader in a
// real Bubble Tea program (teatest), loading the bundled seeds as `go run .`
// does, and walks list → reader → reactions panel → next commentator →
// quit, waiting at each step for what the user would see.
func TestProgram_LoadsSeedsReadsAndComparesReactions(t *testing.T) {
	m := New(Config{
		Load: func(ctx context.Context) <-chan article.Result {
			return article.LoadFS(ctx, seeds.FS, "seeds", article.Options{})
		},
		Style: "dark",
	})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(120, 40),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	// The renderer writes only the cells that change, so each wait is for
	// text that appears on the screen for the first time.
	waitFor := func(what string) {
		t.Helper()
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(what)) },
			teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
	}
	waitFor("Russia Reaffirms Backing")
	tm.Send(press("enter"))
	waitFor("Sergei Shoigu")
	tm.Send(press("r"))
	waitFor("Dr. Anya Petrova")
	tm.Send(press("l"))
	tm.Send(press("q"))

	final := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(Model)
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
