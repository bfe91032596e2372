// Command newsdesk is a terminal news reader: it reads articles stored on
// disk, offline, and can serve the same reader to others over SSH.
//
// This file is CLI wiring only: commands, each handing off to the article,
// ui and server packages with the Config that internal/config makes of the
// defaults, the config file, the environment and the flags.
package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"os/exec"
	"os/signal"
	"os/user"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/fang/v2"
	"charm.land/lipgloss/v2"
	"charm.land/log/v2"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/newsdesk/newsdesk/article"
	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/library"
	"github.com/newsdesk/newsdesk/seeds"
	"github.com/newsdesk/newsdesk/server"
	"github.com/newsdesk/newsdesk/state"
	"github.com/newsdesk/newsdesk/ui"
	"github.com/newsdesk/newsdesk/ui/render"
)

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
	err := execute(ctx, root, isTerminal(root.ErrOrStderr()))
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

// execute runs root through fang (styled help and usage, completions, man
// page, --version from the build information); errors are reported by
// reportError, styled when stderrTTY.
func execute(ctx context.Context, root *cobra.Command, stderrTTY bool) error {
	root.SetVersionTemplate("{{.Name}} {{.Version}}\n")
	info, ok := debug.ReadBuildInfo()
	if !ok {
		info = nil
	}
	return fang.Execute(ctx, root, fang.WithVersion(versionString(info)),
		fang.WithErrorHandler(func(w io.Writer, styles fang.Styles, err error) {
			reportError(w, styles, err, stderrTTY)
		}))
}

// reportError prints err unless it is a silent exitError, with its text
// exactly as written: paths, flags and style names keep their case. On a
// terminal it is fang's error box, less fang's title-casing of the first
// word (which made "lib/a.json" read "Lib/A.json"); elsewhere it is the
// bare message, which fang means to print but does not (it looks for a
// terminal in its own colour writer, which never is one).
func reportError(w io.Writer, styles fang.Styles, err error, tty bool) {
	var ee *exitError
	if errors.As(err, &ee) && ee.silent {
		return
	}
	if !tty {
		fmt.Fprintln(w, err)
		return
	}
	styles.ErrorText = styles.ErrorText.UnsetTransform()
	fang.DefaultErrorHandler(w, styles, err)
}

// versionString is the version --version prints after the program's name,
// from the build information (nil when there is none): the module version
// ("v1.2.3" for `go install …@v1.2.3`; a pseudo-version, or "(devel)", for
// a build in a checkout), then the VCS revision and whether the tree was
// modified, when the build recorded them and the version does not already
// say so.
func versionString(info *debug.BuildInfo) string {
	if info == nil {
		return "(unknown version: built without module information)"
	}
	v := info.Main.Version
	if v == "" {
		v = "(devel)"
	}
	var rev string
	var modified bool
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	// A pseudo-version (v0.0.0-20260101120000-82fbee695fcd+dirty) names
	// the revision and the modification already.
	if rev == "" || strings.Contains(v, rev[:min(len(rev), 12)]) {
		return v
	}
	v += " rev " + rev[:min(len(rev), 7)]
	if modified {
		v += ", modified"
	}
	return v
}

func newRootCmd() *cobra.Command {
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
			return runReader(cmd, args)
		},
	}
	// Persistent: --config, --style and --state may come before or after
	// the command name. --poll is the reader's own (and serve's).
	config.AddRootFlags(root.PersistentFlags())
	config.AddReaderFlags(root.Flags())
	root.AddCommand(newListCmd(), newShowCmd(), newCheckCmd(), newSearchCmd(), newServeCmd(), newConfigCmd())
	return root
}

// loadConfig is the Config of cmd, run with the PATH arguments args: a
// bad config file or flag value is a usage error (status 2).
func loadConfig(cmd *cobra.Command, args []string) (*config.Config, error) {
	cfg, err := config.Load(cmd.Flags(), args)
	if err != nil {
		return nil, &exitError{code: 2, err: err}
	}
	return cfg, nil
}

// listOptions are list's flags.
type listOptions struct {
	asJSON, withPath bool
	sort             sortFlag
}

func newListCmd() *cobra.Command {
	var o listOptions
	cmd := &cobra.Command{
		Use:   "list [--sort ORDER] [--path] [--json] [PATH...]",
		Short: "List articles as a table, or as JSON Lines with --json",
		RunE: func(cmd *cobra.Command, args []string) error {
			if o.asJSON && o.withPath {
				return &exitError{code: 2, err: errors.New(`--json and --path are exclusive (every JSON line has its "path")`)}
			}
			return runList(cmd, args, o)
		},
	}
	f := cmd.Flags()
	f.BoolVar(&o.asJSON, "json", false, "print one JSON object per article (JSON Lines), in load order unless --sort is given")
	f.BoolVar(&o.withPath, "path", false, "add a PATH column: what newsdesk show takes to print the article")
	f.Var(&o.sort, "sort", "order of the table: "+strings.Join(article.SortOrderNames(), ", ")+" (date: newest first)")
	_ = cmd.RegisterFlagCompletionFunc("sort", cobra.FixedCompletions(article.SortOrderNames(), cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// sortFlag is list's --sort: an order, and whether it was given (JSON
// Lines keep load order unless it is).
type sortFlag struct {
	order article.SortOrder
	set   bool
}

func (f *sortFlag) String() string { return f.order.String() }

// Type names the value in help texts.
func (f *sortFlag) Type() string { return "order" }

// Set takes an order's name, case-insensitively.
func (f *sortFlag) Set(s string) error {
	o, err := article.ParseSortOrder(s)
	if err != nil {
		return fmt.Errorf("want one of %s", strings.Join(article.SortOrderNames(), ", "))
	}
	f.order, f.set = o, true
	return nil
}

func newShowCmd() *cobra.Command {
	var asJSON, asMarkdown bool
	cmd := &cobra.Command{
		Use:   "show [--json|--markdown] FILE",
		Short: "Print one article: rendered, as Markdown, or as JSON",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if asJSON && asMarkdown {
				return &exitError{code: 2, err: errors.New("--json and --markdown are exclusive")}
			}
			return runShow(cmd, args[0], asJSON, asMarkdown)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the article as a JSON object")
	cmd.Flags().BoolVar(&asMarkdown, "markdown", false, "print the Markdown the reader renders")
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

// addPollFlag adds --poll to cmd (the reader and serve).
func addPollFlag(cmd *cobra.Command, poll *time.Duration) {
	cmd.Flags().DurationVar(poll, "poll", 0, "rescan the library every D instead of watching it for changes "+
		"(for network file systems and containers that send no change events; 0: watch)")
}

// checkPoll refuses a --poll that is not a positive duration (or 0).
func checkPoll(poll time.Duration) error {
	if poll < 0 {
		return &exitError{code: 2, err: fmt.Errorf("--poll %s: want a positive duration such as 30s, or 0 to watch", poll)}
	}
	return nil
}

func newServeCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "serve [PATH...]",
		Short: "Serve the reader over SSH",
		Long: "serve runs the reader as an SSH service: every client gets its own reader on the library,\n" +
			"loaded once at start. Choose who may connect: --authorized-keys FILE (reloaded when it changes)\n" +
			"or --public. Password authentication is never offered. Every flag is also a key of the\n" +
			"config file's [serve] table.",
		RunE: runServe,
	}
	config.AddServeFlags(cmd.Flags())
	return cmd
}

func newConfigCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Say where the config file is, or print an example of one",
		Long: "newsdesk reads newsdesk/config.toml in the config directory ($XDG_CONFIG_HOME, else ~/.config),\n" +
			"or the file --config names. Flags win over it, and it wins over the defaults.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return cmd.Help() },
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "path",
		Short: "Print where the config file is read from, and whether it exists",
		Args:  cobra.NoArgs,
		RunE:  runConfigPath,
	}, &cobra.Command{
		Use:   "example",
		Short: "Print a config file of every setting, commented out at its default",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := io.WriteString(cmd.OutOrStdout(), config.Example())
			return err
		},
	})
	return cmd
}

// runConfigPath prints the config file's path on stdout and, on stderr,
// whether it is there (and, when not, how to make one).
func runConfigPath(cmd *cobra.Command, _ []string) error {
	path, explicit, err := config.Path(cmd.Flags())
	if err != nil {
		return &exitError{code: 1, err: err}
	}
	fmt.Fprintln(cmd.OutOrStdout(), article.DisplayPath(path))
	var note string
	switch fi, err := os.Stat(path); {
	case err == nil && fi.IsDir():
		note = "that is a directory, not a file"
	case err == nil:
		note = "the file exists"
	case errors.Is(err, fs.ErrNotExist) && explicit:
		note = "no file there: --config must name one that exists"
	case errors.Is(err, fs.ErrNotExist):
		note = "no file there: newsdesk runs on its defaults (newsdesk config example prints one to start from)"
	default:
		note = "cannot tell whether the file exists: " + article.DisplayPath(err.Error())
	}
	fmt.Fprintln(cmd.ErrOrStderr(), note)
	return nil
}

// runReader opens the terminal reader on the library; the model loads it in
// the background and shows articles as they arrive.
func runReader(cmd *cobra.Command, args []string) error {
	cfg, err := loadConfig(cmd, args)
	if err != nil {
		return err
	}
	in, err := readerInput(os.Stdin, os.Stdout, openTTY)
	if err != nil {
		return &exitError{code: 1, err: err}
	}
	if in != os.Stdin {
		defer in.Close()
	}
	// The library's warnings (the watch limit reached, a damaged index)
	// are kept while the reader has the terminal, and printed after.
	var libLog boundedBuffer
	logger := log.NewWithOptions(&libLog, log.Options{Level: log.WarnLevel})
	lib := newLibrary(cfg.Library, liveOptions{poll: cfg.Poll, logger: slog.New(logger)})
	defer func() {
		lib.Close()
		cmd.ErrOrStderr().Write(libLog.Bytes())
	}()
	lib.Start(cmd.Context())
	// The user's own marks, unbounded: it is their disk and their library.
	store, storeErr := openState(cfg, state.Limits{MaxMarks: -1, MaxIdle: -1, MaxUsers: -1})
	defer store.Close()
	// The search index, built and kept up to date in the background
	// while the reader is used; what it has to say waits for the end.
	var later notes
	defer later.print(cmd.ErrOrStderr())
	si := startSearchIndex(cmd.Context(), lib, cfg.Library, defaultLibrary(cmd), later.add, func(err error) error { return err })
	defer si.stop()
	model := ui.New(ui.Config{
		Context:      cmd.Context(),
		Library:      lib,
		Style:        cfg.Style,
		NoColor:      os.Getenv("NO_COLOR") != "",
		Keys:         cfg.KeyMap(),
		SplitWidth:   cfg.SplitWidth,
		Store:        store,
		User:         localUser(),
		StoreProblem: storeErr,
		NoMouse:      cfg.NoMouse,
		OpenURL:      browser(os.Getenv("BROWSER")),
		Index:        si.index,
		IndexProblem: si.err,
		Indexing:     si.progress,
	})
	p := tea.NewProgram(model, tea.WithContext(cmd.Context()), tea.WithInput(in))
	if _, err := p.Run(); err != nil && !errors.Is(err, tea.ErrProgramKilled) {
		return &exitError{code: 1, err: err}
	}
	return nil
}

// openState opens the reading state at cfg's place (--state, the file's
// state, else the default); a file that cannot be used is left as it is,
// and the store returned keeps the marks in memory for this run (the
// error says why, for the one message the user sees).
func openState(cfg *config.Config, limits state.Limits) (state.Store, error) {
	path, err := cfg.StatePath()
	if err != nil {
		return state.NewMemory(state.Options{Limits: limits}), err
	}
	return state.OpenOrMemory(path, state.Options{Limits: limits})
}

// browser is how the reader opens a link: the first command of $BROWSER
// (a list separated like PATH, each command with %s for the URL or taking
// it as its last argument), run without a shell; nil when $BROWSER is
// unset, and links are then only copied. The reader passes only links it
// has checked (http, https, mailto of printable ASCII).
func browser(env string) func(string) error {
	cmdLine := strings.TrimSpace(strings.Split(env, string(filepath.ListSeparator))[0])
	if cmdLine == "" {
		return nil
	}
	return func(url string) error {
		args := strings.Fields(cmdLine)
		placed := false
		for i, a := range args {
			if strings.Contains(a, "%s") {
				args[i], placed = strings.ReplaceAll(a, "%s", url), true
			}
		}
		if !placed {
			args = append(args, url)
		}
		c := exec.Command(args[0], args[1:]...)
		if err := c.Start(); err != nil {
			return err
		}
		go c.Wait() // reap it; the browser outlives nothing of ours
		return nil
	}
}

// localUser is whose marks the local reader keeps: the operating system's
// user name ($USER when it cannot be looked up).
func localUser() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	if u := os.Getenv("USER"); u != "" {
		return u
	}
	return "local"
}

// The reasons the reader cannot start, said plainly (Bubble Tea's own
// error names /dev/tty, which exists even where it cannot be opened).
var (
	errNoTerminalOut = errors.New("the reader needs a terminal, and stdout is not one: newsdesk list and newsdesk show print articles anywhere")
	errNoTerminalIn  = errors.New("the reader needs a terminal to read keys from, and stdin is not one (nor is there a controlling terminal)")
)

// openTTY opens the controlling terminal, as Bubble Tea does when stdin is
// redirected.
func openTTY() (*os.File, error) {
	in, _, err := tea.OpenTTY() // one file for both ways
	return in, err
}

// readerInput is where the reader reads its keys: stdin when it is a
// terminal, else the controlling terminal (open, from open). The reader
// draws on stdout, so that must be a terminal.
func readerInput(stdin, stdout *os.File, open func() (*os.File, error)) (*os.File, error) {
	if !isTerminal(stdout) {
		return nil, errNoTerminalOut
	}
	if isTerminal(stdin) {
		return stdin, nil
	}
	in, err := open()
	if err != nil {
		return nil, errNoTerminalIn
	}
	return in, nil
}

// isTerminal says whether w is a terminal.
func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(f.Fd())
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

// liveOptions are how the reader and serve keep their library live.
type liveOptions struct {
	// poll rescans the library every poll instead of watching it.
	poll time.Duration
	// minRescan is the shortest time between two rescans asked for by
	// readers (the R key).
	minRescan time.Duration
	logger    *slog.Logger
	// once is for a command that reads the library once and exits
	// (newsdesk search): not watched.
	once bool
}

// newLibrary is the catalogue of the library at paths (Config.Library):
// those files and directories, or the bundled seeds when there is none;
// kept live (watched, or rescanned every poll) and started from the
// warm-start index when it knows the library.
func newLibrary(paths []string, live liveOptions) *library.Library {
	opt := library.Options{Paths: paths, FS: seeds.FS, FSPrefix: "seeds",
		Watch: !live.once, Poll: live.poll, MinRescan: live.minRescan, Logger: live.logger, TuneGC: !live.once, PrepareCommentators: !live.once}
	if p, err := library.DefaultIndexPath(); err == nil {
		opt.IndexPath = p
	}
	return library.New(opt)
}

// boundedBuffer keeps what is written to it, up to 64 KiB.
type boundedBuffer struct {
	mu  sync.Mutex
	buf []byte
}

// Write implements io.Writer; what is past the bound is dropped.
func (b *boundedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf = append(b.buf, p[:min(len(p), max(0, 64<<10-len(b.buf)))]...)
	return len(p), nil
}

// Bytes is what was kept.
func (b *boundedBuffer) Bytes() []byte {
	b.mu.Lock()
	defer b.mu.Unlock()
	return slices.Clone(b.buf)
}

// loadLibrary streams the library at paths (Config.Library): those
// files and directories, or the bundled seeds when there is none. With
// noBody the articles have no paragraphs (article.Options.NoBody), for a
// command that does not print them.
func loadLibrary(ctx context.Context, paths []string, noBody bool) <-chan article.Result {
	opt := article.Options{NoBody: noBody}
	if len(paths) > 0 {
		return article.Load(ctx, paths, opt)
	}
	return article.LoadFS(ctx, seeds.FS, "seeds", opt)
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

// noArticles is the error of a library at paths that gave no article:
// errNoArticles when some file failed (its reason is on stderr already),
// else the message that says where newsdesk looked and what it reads.
func noArticles(paths []string, failed bool) error {
	if failed {
		return &exitError{code: 1, err: errNoArticles}
	}
	return &exitError{code: 1, err: errors.New(article.EmptyLibraryMessage(paths))}
}

// hasError says whether one of probs is an error.
func hasError(probs []article.Problem) bool {
	return slices.ContainsFunc(probs, func(p article.Problem) bool { return p.Severity == article.SeverityError })
}

// runList prints the library as a table or JSON Lines. The table keeps a
// Row per article (its cells, not the article) to size and sort its
// columns; JSON Lines are written as each file's articles arrive, or, with
// --sort, spooled and written in order at the end.
func runList(cmd *cobra.Command, args []string, o listOptions) error {
	cfg, err := loadConfig(cmd, args)
	if err != nil {
		return err
	}
	paths := cfg.Library
	stdout := cmd.OutOrStdout()
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	stderr := cmd.ErrOrStderr()
	var rows []article.Row
	var spool *jsonSpool
	if o.asJSON && o.sort.set {
		var err error
		if spool, err = newJSONSpool(); err != nil {
			return &exitError{code: 1, err: err}
		}
		defer spool.Close()
	}
	now := time.Now()
	n, failed := 0, false
	for r := range loadLibrary(cmd.Context(), paths, !o.asJSON) {
		reportFailures(stderr, r.Problems)
		failed = failed || hasError(r.Problems)
		for i := range r.Articles {
			a := &r.Articles[i]
			switch {
			case !o.asJSON:
				rows = append(rows, article.NewRow(a, n, now))
			case spool != nil:
				if err := spool.Add(a, n, now); err != nil {
					return &exitError{code: 1, err: err}
				}
			default:
				line, err := a.MarshalJSONLine()
				if err != nil {
					return &exitError{code: 1, err: err}
				}
				out.Write(line)
			}
			n++
		}
		if len(r.Problems) > 0 {
			out.Flush() // keep stdout and stderr in order on a terminal
		}
	}
	if cmd.Context().Err() != nil {
		return &exitError{code: 1, err: cmd.Context().Err()}
	}
	if n == 0 {
		return noArticles(paths, failed)
	}
	switch {
	case !o.asJSON:
		slices.SortFunc(rows, func(a, b article.Row) int { return article.Compare(o.sort.order, a.Key, b.Key) })
		err = article.Table(out, rows, terminalWidth(stdout), o.withPath)
	case spool != nil:
		err = spool.WriteSorted(out, o.sort.order)
	}
	if err != nil {
		return &exitError{code: 1, err: err}
	}
	return nil
}

// jsonSpool holds the JSON lines of `list --json --sort` until every
// article is read: the lines in a temporary file, removed at once, and
// only their sort keys in memory, so a sorted listing of a large library
// costs little more memory than its table.
type jsonSpool struct {
	f     *os.File
	w     *bufio.Writer
	size  int64
	lines []spooledLine
}

// spooledLine is where one article's line is in the spool.
type spooledLine struct {
	key article.SortKey
	off int64
	n   int
}

func newJSONSpool() (*jsonSpool, error) {
	f, err := os.CreateTemp("", "newsdesk-list-*.jsonl")
	if err != nil {
		return nil, fmt.Errorf("list --json --sort needs a temporary file: %w", err)
	}
	// Unlinked while open where the system allows it (Unix), so nothing is
	// left behind even if newsdesk is killed; Close removes it elsewhere.
	_ = os.Remove(f.Name())
	return &jsonSpool{f: f, w: bufio.NewWriter(f)}, nil
}

// Add spools a's line; seq and now as for Article.SortKey.
func (s *jsonSpool) Add(a *article.Article, seq int, now time.Time) error {
	line, err := a.MarshalJSONLine()
	if err != nil {
		return err
	}
	if _, err := s.w.Write(line); err != nil {
		return err
	}
	k := a.SortKey(seq, now)
	// The key outlives the article: its strings must not pin the file's text.
	k.Headline, k.Path = strings.Clone(k.Headline), strings.Clone(k.Path)
	s.lines = append(s.lines, spooledLine{key: k, off: s.size, n: len(line)})
	s.size += int64(len(line))
	return nil
}

// WriteSorted writes every spooled line to w in order o.
func (s *jsonSpool) WriteSorted(w io.Writer, o article.SortOrder) error {
	if err := s.w.Flush(); err != nil {
		return err
	}
	slices.SortFunc(s.lines, func(a, b spooledLine) int { return article.Compare(o, a.key, b.key) })
	var buf []byte
	for _, l := range s.lines {
		buf = slices.Grow(buf[:0], l.n)[:l.n]
		if _, err := s.f.ReadAt(buf, l.off); err != nil {
			return err
		}
		if _, err := w.Write(buf); err != nil {
			return err
		}
	}
	return nil
}

// Close closes and removes the spool's file.
func (s *jsonSpool) Close() error {
	err := s.f.Close()
	_ = os.Remove(s.f.Name())
	return err
}

// terminalWidth is w's width in cells when w is a terminal, else 0 (no
// limit: piped output is never cut). A terminal that does not know its
// size (script(1) run without one, a serial console) is $COLUMNS wide,
// else 80 columns, as less and man take it: it is still a terminal, and
// gets what a terminal gets.
func terminalWidth(w io.Writer) int {
	if !isTerminal(w) {
		return 0
	}
	if width, _, err := term.GetSize(w.(*os.File).Fd()); err == nil && width > 0 {
		return width
	}
	if c, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && c > 0 {
		return c
	}
	return 80
}

// runShow prints one article. FILE#N picks the Nth article (from 1) of a
// file holding several (a JSON array); without #N the first is shown and
// stderr says how many more there are.
func runShow(cmd *cobra.Command, file string, asJSON, asMarkdown bool) error {
	// FILE is no library: the config's library is not read.
	cfg, err := loadConfig(cmd, nil)
	if err != nil {
		return err
	}
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
			if x.Element() == nth {
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
	// The reader's renderer, with the headline and dateline (the reader
	// shows those in its own header and footer).
	rendered, err := render.Article(cmd.Context(), &a, min(width, render.MaxWidth), showStyle(cfg.Style), render.Full)
	if err != nil {
		return &exitError{code: 1, err: err}
	}
	_, err = io.WriteString(out, rendered+"\n")
	return err
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

// showStyle resolves --style for show on a terminal: "auto" asks the
// terminal for its background (dark when it does not answer); NO_COLOR
// keeps the style and drops its colours.
func showStyle(style string) render.Style {
	isDark := true
	if style == render.Auto {
		isDark = lipgloss.HasDarkBackground(os.Stdin, os.Stdout)
	}
	return render.Resolve(style, isDark, os.Getenv("NO_COLOR") != "")
}

// runCheck prints every problem of the library, errors and each article's
// warnings, then a count line; any error makes the exit status 1.
func runCheck(cmd *cobra.Command, args []string) error {
	cfg, err := loadConfig(cmd, args)
	if err != nil {
		return err
	}
	paths := cfg.Library
	out := bufio.NewWriter(cmd.OutOrStdout())
	defer out.Flush()
	var files, arts, errs, warns int
	for r := range loadLibrary(cmd.Context(), paths, true) {
		files++
		arts += len(r.Articles)
		for _, p := range checkProblems(r) {
			if p.Severity == article.SeverityError {
				errs++
			} else {
				warns++
			}
			fmt.Fprintln(out, p.DisplayString())
		}
	}
	if cmd.Context().Err() != nil {
		return &exitError{code: 1, err: cmd.Context().Err()}
	}
	if arts == 0 && errs == 0 {
		// Nothing wrong, and nothing there: say where newsdesk looked.
		fmt.Fprintln(cmd.ErrOrStderr(), article.EmptyLibraryMessage(paths))
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
func runServe(cmd *cobra.Command, args []string) error {
	conf, err := loadConfig(cmd, args)
	if err != nil {
		return err
	}
	cfg, err := conf.ServerConfig()
	if err != nil {
		return &exitError{code: 1, err: err}
	}
	if !cfg.Public && cfg.AuthorizedKeysPath == "" {
		return &exitError{code: 2, err: server.ErrNoAccessPolicy}
	}
	if cfg.Public && cfg.AuthorizedKeysPath != "" {
		return &exitError{code: 2, err: server.ErrBothAccessPolicies}
	}
	logger := log.NewWithOptions(cmd.ErrOrStderr(), log.Options{ReportTimestamp: true, TimeFormat: time.RFC3339})
	cfg.Logger = logger

	// Signals first, so one arriving while the library loads still gets a
	// clean exit.
	ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	// Loaded once, shared read-only by every session, and kept live; a
	// rescan by hand at most every 30 s for the whole server, so that no
	// client can make it rescan in a loop.
	paths := conf.Library
	cfg.Library = newLibrary(paths, liveOptions{poll: conf.Poll, minRescan: serveMinRescan, logger: slog.New(logger)})
	defer cfg.Library.Close()
	<-cfg.Library.Start(ctx)
	if ctx.Err() != nil {
		return nil // interrupted while loading: nothing was served
	}
	snap := cfg.Library.Snapshot()
	if snap.Len() == 0 {
		reportFailures(cmd.ErrOrStderr(), snap.Problems())
		return noArticles(paths, hasError(snap.Problems()))
	}
	if n := len(snap.Problems()); n > 0 {
		logger.Warn("library has problems; newsdesk check lists them", "problems", n)
	}

	// One search index for every session, built in the background and
	// kept in step with the library.
	si := startSearchIndex(ctx, cfg.Library, paths, defaultLibrary(cmd),
		func(err error) { logger.Warn("search index", "err", err) },
		func(error) error { return errSearchFailed })
	defer si.stop()
	if si.err != nil {
		logger.Warn("search is off: the index could not be opened", "err", si.err)
	}
	cfg.Index, cfg.Indexing = si.index, si.progress

	// Every keyed reader's marks, bounded (state's defaults): a public
	// server must not fill its disk with throwaway keys.
	store, storeErr := openState(conf, state.Limits{})
	defer store.Close()
	if storeErr != nil {
		logger.Warn("readers' marks will not be saved this time", "err", storeErr)
	}
	cfg.Store = store

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

// serveMinRescan is the shortest time between two rescans that readers of
// serve ask for (the R key), whoever asks.
const serveMinRescan = 30 * time.Second

// serveShutdownTimeout bounds how long serve waits for sessions to say
// goodbye; with the final close it keeps the exit within 10 s.
const serveShutdownTimeout = 8 * time.Second
