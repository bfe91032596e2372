// Command newsdesk is a terminal news reader: it reads articles stored on
// disk, offline, and can serve the same reader to others over SSH.
//
// This file is CLI wiring only: flags and commands, each handing off to the
// article, ui and server packages.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"charm.land/fang/v2"
	"charm.land/log/v2"
	"github.com/spf13/cobra"

	"github.com/newsdesk/newsdesk/article"
	"github.com/newsdesk/newsdesk/seeds"
	"github.com/newsdesk/newsdesk/server"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// exitError carries a process exit status through cobra: 1 when nothing
// could be done (no article loaded, a check found errors), 2 for usage.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func main() {
	os.Exit(run(context.Background(), os.Args[1:]))
}

// run executes the CLI with args and returns the process exit status.
func run(ctx context.Context, args []string) int {
	root := newRootCmd()
	root.SetArgs(args)
	err := fang.Execute(ctx, root, fang.WithVersion(version))
	if err == nil {
		return 0
	}
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	// Anything cobra rejected before our code ran (unknown flag or
	// command, wrong argument count) is a usage error.
	return 2
}

func newRootCmd() *cobra.Command {
	var style string
	root := &cobra.Command{
		Use:   "newsdesk [PATH...]",
		Short: "Read news articles offline in your terminal",
		Long: "newsdesk reads news articles stored on disk (wire text, Markdown with front matter, JSON)\n" +
			"and shows them in a terminal reader, with the commentators' reactions side by side.\n" +
			"With no PATH it opens the bundled library.",
		SilenceUsage: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runReader(cmd, args, style)
		},
	}
	root.Flags().StringVar(&style, "style", "auto", "colour style: auto, dark, light, notty, ascii, dracula, tokyo-night, pink")
	root.AddCommand(newListCmd(), newShowCmd(), newCheckCmd(), newServeCmd())
	return root
}

func newListCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list [PATH...]",
		Short: "List articles as a table, or as JSON Lines with --json",
		RunE: func(cmd *cobra.Command, args []string) error {
			return runList(cmd, args, asJSON)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print one JSON object per article (JSON Lines)")
	return cmd
}

func newShowCmd() *cobra.Command {
	var asJSON, asMarkdown bool
	var style string
	cmd := &cobra.Command{
		Use:   "show [--json|--markdown] FILE",
		Short: "Print one article: rendered, as Markdown, or as JSON",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if asJSON && asMarkdown {
				return &exitError{code: 2, err: errors.New("--json and --markdown are exclusive")}
			}
			return runShow(cmd, args[0], asJSON, asMarkdown, style)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the article as a JSON object")
	cmd.Flags().BoolVar(&asMarkdown, "markdown", false, "print the Markdown the reader renders")
	cmd.Flags().StringVar(&style, "style", "auto", "Glamour style when rendering: auto, dark, light, notty, ...")
	return cmd
}

func newCheckCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "check [PATH...]",
		Short: "Report every problem in the articles, one per line",
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCheck(cmd, args)
		},
	}
}

func newServeCmd() *cobra.Command {
	var cfg server.Config
	cmd := &cobra.Command{
		Use:   "serve [PATH...]",
		Short: "Serve the reader over SSH",
		Long: "serve runs the reader as an SSH service: every client gets its own reader on the library,\n" +
			"loaded once at start. Choose who may connect: --authorized-keys FILE (reloaded when it changes)\n" +
			"or --public. Password authentication is never offered.",
		RunE: func(cmd *cobra.Command, args []string) error {
			return runServe(cmd, args, cfg)
		},
	}
	f := cmd.Flags()
	f.StringVar(&cfg.Listen, "listen", server.DefaultListen, "TCP address to listen on")
	f.StringVar(&cfg.HostKeyPath, "host-key", "", "host key file, generated when missing (default $XDG_DATA_HOME/newsdesk/ssh_host_ed25519_key)")
	f.StringVar(&cfg.AuthorizedKeysPath, "authorized-keys", "", "OpenSSH authorized_keys file: only these keys may connect")
	f.BoolVar(&cfg.Public, "public", false, "let anyone connect, with any key or none (read-only)")
	f.IntVar(&cfg.MaxSessions, "max-sessions", 100, "most readers open at once (0: no limit)")
	f.IntVar(&cfg.MaxSessionsPerIP, "max-sessions-per-ip", 10, "most readers open at once from one address (0: no limit)")
	f.DurationVar(&cfg.IdleTimeout, "idle-timeout", 30*time.Minute, "close a session after this long without input (0: never)")
	f.DurationVar(&cfg.MaxSessionLength, "max-session", 0, "close any session after this long (0: never)")
	return cmd
}

// STUBS below: runReader/runList/runShow/runCheck are filled in by the
// loader/CLI work, runServe (and serve's flags) by the server work.

func runReader(cmd *cobra.Command, args []string, style string) error {
	fmt.Fprintln(cmd.OutOrStdout(), "newsdesk: the reader is not built yet")
	return nil
}

func runList(cmd *cobra.Command, args []string, asJSON bool) error { return nil }

func runShow(cmd *cobra.Command, file string, asJSON, asMarkdown bool, style string) error {
	return nil
}

func runCheck(cmd *cobra.Command, args []string) error { return nil }

// runServe serves the reader over SSH until SIGINT or SIGTERM, then tells
// every session it is shutting down and exits 0 within 10 s. Without an
// access policy it refuses to start (status 2); a server that cannot start
// (port taken, bad key file) exits 1.
func runServe(cmd *cobra.Command, args []string, cfg server.Config) error {
	if !cfg.Public && cfg.AuthorizedKeysPath == "" {
		return &exitError{code: 2, err: server.ErrNoAccessPolicy}
	}
	if cfg.Public && cfg.AuthorizedKeysPath != "" {
		return &exitError{code: 2, err: server.ErrBothAccessPolicies}
	}
	logger := log.NewWithOptions(cmd.ErrOrStderr(), log.Options{ReportTimestamp: true, TimeFormat: time.RFC3339})
	cfg.Logger = logger
	if cfg.HostKeyPath == "" {
		p, err := server.DefaultHostKeyPath()
		if err != nil {
			return &exitError{code: 1, err: err}
		}
		cfg.HostKeyPath = p
	}

	// Signals first, so one arriving while the library loads still gets a
	// clean exit.
	ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	cfg.Articles, cfg.Problems = serveLibrary(ctx, args)
	if len(cfg.Problems) > 0 {
		logger.Warn("library has problems; run newsdesk check for the list", "problems", len(cfg.Problems))
	}
	if len(cfg.Articles) == 0 {
		logger.Warn("the library has no articles; readers will see an empty list")
	}

	srv, err := server.New(cfg)
	if err != nil {
		return &exitError{code: 1, err: err}
	}
	served := make(chan error, 1)
	go func() { served <- srv.ListenAndServe() }()
	select {
	case err := <-served:
		return &exitError{code: 1, err: err}
	case <-ctx.Done():
	}
	stop() // a second signal now ends the process at once
	logger.Info("signal received")
	sctx, cancel := context.WithTimeout(context.Background(), serveShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		logger.Error("shutdown", "err", err)
	}
	logger.Info("stopped")
	return nil
}

// serveShutdownTimeout bounds how long serve waits for sessions to say
// goodbye; with the final close it keeps the exit within 10 s.
const serveShutdownTimeout = 8 * time.Second

// serveLibrary loads the library serve shares with every session: the
// paths given, or the bundled seeds.
func serveLibrary(ctx context.Context, args []string) ([]article.Article, []article.Problem) {
	if len(args) > 0 {
		return article.Collect(article.Load(ctx, args, article.Options{}))
	}
	return article.Collect(article.LoadFS(ctx, seeds.FS, "seeds", article.Options{}))
}
