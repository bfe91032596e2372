// Command newsdesk is a terminal news reader: it reads articles stored on
// disk, offline, and can serve the same reader to others over SSH.
//
// This file is CLI wiring only: flags and commands, each handing off to the
// article, ui and server packages.
package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/fang/v2"
	"charm.land/glamour/v2"
	"charm.land/lipgloss/v2"
	"charm.land/log/v2"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/newsdesk/newsdesk/article"
	"github.com/newsdesk/newsdesk/seeds"
	"github.com/newsdesk/newsdesk/server"
	"github.com/newsdesk/newsdesk/ui"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// exitError carries a process exit status through cobra: 1 when nothing
// could be done (no article loaded, a check found errors), 2 for usage.
type exitError struct {
	code int
	err  error
	// silent means the command has already said everything (check's
	// count line): nothing more is printed on stderr.
	silent bool
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
	err := fang.Execute(ctx, root, fang.WithVersion(version), fang.WithErrorHandler(reportError))
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

// reportError prints err the fang way unless it is a silent exitError.
func reportError(w io.Writer, styles fang.Styles, err error) {
	var ee *exitError
	if errors.As(err, &ee) && ee.silent {
		return
	}
	fang.DefaultErrorHandler(w, styles, err)
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
		// Any argument that is not a command is a path to read.
		Args:                       cobra.ArbitraryArgs,
		SuggestionsMinimumDistance: 2,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := mistypedCommand(cmd, args); err != nil {
				return err
			}
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

// runReader opens the terminal reader on the library; the model loads it in
// the background and shows articles as they arrive.
func runReader(cmd *cobra.Command, args []string, style string) error {
	model := ui.New(ui.Config{
		Load: func(ctx context.Context) <-chan article.Result {
			return loadLibrary(ctx, args)
		},
		Style:   style,
		NoColor: os.Getenv("NO_COLOR") != "",
	})
	p := tea.NewProgram(model, tea.WithContext(cmd.Context()))
	if _, err := p.Run(); err != nil && !errors.Is(err, tea.ErrProgramKilled) {
		return &exitError{code: 1, err: err}
	}
	return nil
}

// mistypedCommand turns `newsdesk lsit` into a usage error: a first
// argument that is no existing path but is close to a command name was
// meant as that command, not as a library to open.
func mistypedCommand(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	if _, err := os.Lstat(args[0]); !errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
		return &exitError{code: 2, err: fmt.Errorf("unknown command %q (did you mean %q?)", article.DisplayPath(args[0]), s[0])}
	}
	return nil
}

// libraryEnv names the environment variable holding the default library:
// a list of files and directories separated like PATH.
const libraryEnv = "NEWSDESK_LIBRARY"

// loadLibrary streams the library every command reads: the paths given;
// else the paths in $NEWSDESK_LIBRARY; else the bundled seeds.
func loadLibrary(ctx context.Context, args []string) <-chan article.Result {
	if len(args) == 0 {
		for _, p := range filepath.SplitList(os.Getenv(libraryEnv)) {
			if p != "" {
				args = append(args, p)
			}
		}
	}
	if len(args) > 0 {
		return article.Load(ctx, args, article.Options{})
	}
	return article.LoadFS(ctx, seeds.FS, "seeds", article.Options{})
}

// reportFailures prints each error problem as "PATH: reason" on w (path
// and reason made safe for the terminal).
func reportFailures(w io.Writer, probs []article.Problem) {
	for _, p := range probs {
		if p.Severity == article.SeverityError {
			// A parser's message may quote the file's text: neutralise it too.
			p.Path, p.Message = article.DisplayPath(p.Path), article.DisplayPath(p.Message)
			fmt.Fprintf(w, "%s: %s\n", p.Path, p.Message)
		}
	}
}

// errNoArticles is the exit status 1 of list when nothing loaded; the
// reasons are already on stderr.
var errNoArticles = errors.New("no article could be loaded")

// runList prints the library as a table or JSON Lines. JSON Lines are
// written as each file's articles arrive; the table needs every row to
// size its columns.
func runList(cmd *cobra.Command, args []string, asJSON bool) error {
	out := bufio.NewWriter(cmd.OutOrStdout())
	defer out.Flush()
	stderr := cmd.ErrOrStderr()
	var arts []article.Article
	n := 0
	for r := range loadLibrary(cmd.Context(), args) {
		reportFailures(stderr, r.Problems)
		n += len(r.Articles)
		if !asJSON {
			arts = append(arts, r.Articles...)
			continue
		}
		for _, a := range r.Articles {
			line, err := a.MarshalJSONLine()
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			out.Write(line)
		}
		if len(r.Problems) > 0 {
			out.Flush() // keep stdout and stderr in order on a terminal
		}
	}
	if cmd.Context().Err() != nil {
		return &exitError{code: 1, err: cmd.Context().Err()}
	}
	if !asJSON && n > 0 {
		out.WriteString(article.Table(arts, terminalWidth(cmd.OutOrStdout())))
	}
	if n == 0 {
		return &exitError{code: 1, err: errNoArticles}
	}
	return nil
}

// terminalWidth is w's width in cells when w is a terminal, else 0 (no
// limit: piped output is never cut).
func terminalWidth(w io.Writer) int {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(f.Fd()) {
		return 0
	}
	width, _, err := term.GetSize(f.Fd())
	if err != nil {
		return 0
	}
	return width
}

// runShow prints one article. FILE#N picks the Nth article (from 1) of a
// file holding several (a JSON array); without #N the first is shown and
// stderr says how many more there are.
func runShow(cmd *cobra.Command, file string, asJSON, asMarkdown bool, style string) error {
	stderr := cmd.ErrOrStderr()
	name, nth := splitNth(file)
	arts, probs := article.Collect(article.Load(cmd.Context(), []string{name}, article.Options{}))
	reportFailures(stderr, probs)
	if len(arts) == 0 {
		return &exitError{code: 1, err: fmt.Errorf("%s: no article to show", article.DisplayPath(name))}
	}
	a := arts[0]
	if nth > 0 {
		// A JSON array's articles are named by their place in the array
		// (FILE#3 is the third element even when the second failed).
		found := false
		for _, x := range arts {
			if x.Elem == nth {
				a, found = x, true
				break
			}
		}
		if !found {
			return &exitError{code: 1, err: fmt.Errorf("%s has no article %d (%s)",
				article.DisplayPath(name), nth, plural(len(arts), "article")+" loaded")}
		}
	} else if len(arts) > 1 {
		fmt.Fprintf(stderr, "%s holds %d articles: showing the first (%s#N shows the Nth)\n",
			article.DisplayPath(name), len(arts), article.DisplayPath(name))
	}
	out := cmd.OutOrStdout()
	switch {
	case asJSON:
		line, err := a.MarshalJSONLine()
		if err != nil {
			return &exitError{code: 1, err: err}
		}
		_, err = out.Write(line)
		return err
	case asMarkdown:
		_, err := io.WriteString(out, a.Markdown())
		return err
	}
	width := terminalWidth(out)
	if width == 0 {
		_, err := io.WriteString(out, a.Markdown())
		return err
	}
	rendered, err := renderMarkdown(a.Markdown(), glamourStyle(style), width)
	if err != nil {
		return &exitError{code: 1, err: err}
	}
	_, err = io.WriteString(out, rendered)
	return err
}

// renderMarkdown renders md with Glamour in the named style, wrapped to
// the terminal width but never wider than 100 columns of text.
func renderMarkdown(md, style string, width int) (string, error) {
	r, err := glamour.NewTermRenderer(
		glamour.WithStandardStyle(style),
		glamour.WithWordWrap(min(width, 100)),
	)
	if err != nil {
		return "", err
	}
	return r.Render(md)
}

// splitNth splits "FILE#N" into FILE and N (from 1) when N is a positive
// number and FILE#N itself is not an existing file; otherwise it returns
// file and 0.
func splitNth(file string) (string, int) {
	i := strings.LastIndexByte(file, '#')
	if i < 0 {
		return file, 0
	}
	n, err := strconv.Atoi(file[i+1:])
	if err != nil || n < 1 {
		return file, 0
	}
	if _, err := os.Stat(file); err == nil {
		return file, 0
	}
	return file[:i], n
}

// glamourStyle resolves --style for Glamour: "auto" is "notty" when
// NO_COLOR is set, else "dark" unless the terminal reports a light
// background.
func glamourStyle(style string) string {
	if style != "" && style != "auto" {
		return style
	}
	if os.Getenv("NO_COLOR") != "" {
		return "notty"
	}
	if !lipgloss.HasDarkBackground(os.Stdin, os.Stdout) {
		return "light"
	}
	return "dark"
}

// runCheck prints every problem of the library, errors and each article's
// warnings, then a count line; any error makes the exit status 1.
func runCheck(cmd *cobra.Command, args []string) error {
	out := bufio.NewWriter(cmd.OutOrStdout())
	defer out.Flush()
	var files, arts, errs, warns int
	for r := range loadLibrary(cmd.Context(), args) {
		files++
		arts += len(r.Articles)
		for _, p := range checkProblems(r) {
			if p.Severity == article.SeverityError {
				errs++
			} else {
				warns++
			}
			// A parser's message may quote the file's text: neutralise it too.
			p.Path, p.Message = article.DisplayPath(p.Path), article.DisplayPath(p.Message)
			fmt.Fprintln(out, p)
		}
	}
	if cmd.Context().Err() != nil {
		return &exitError{code: 1, err: cmd.Context().Err()}
	}
	fmt.Fprintf(out, "%s, %s, %s, %s\n", plural(files, "file"), plural(arts, "article"), plural(errs, "error"), plural(warns, "warning"))
	if errs > 0 {
		return &exitError{code: 1, err: fmt.Errorf("%s found", plural(errs, "error")), silent: true}
	}
	return nil
}

// checkProblems is every problem of one file: its Problems, then each
// article's warnings not already among them (a parser may report a
// warning both ways).
func checkProblems(r article.Result) []article.Problem {
	probs := slices.Clone(r.Problems)
	seen := make(map[string]bool)
	for _, p := range r.Problems {
		if p.Severity == article.SeverityWarning {
			seen[p.Message] = true
		}
	}
	for _, a := range r.Articles {
		path := a.Name()
		for _, w := range a.Warnings {
			if !seen[w] {
				probs = append(probs, article.Problem{Path: path, Severity: article.SeverityWarning, Message: w})
			}
		}
	}
	return probs
}

// plural writes "1 error", "2 errors".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

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

	// Loaded once, shared read-only by every session.
	cfg.Articles, cfg.Problems = article.Collect(loadLibrary(ctx, args))
	if ctx.Err() != nil {
		return nil // interrupted while loading: nothing was served
	}
	if len(cfg.Articles) == 0 {
		reportFailures(cmd.ErrOrStderr(), cfg.Problems)
		return &exitError{code: 1, err: errNoArticles}
	}
	if len(cfg.Problems) > 0 {
		logger.Warn("library has problems; newsdesk check lists them", "problems", len(cfg.Problems))
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
