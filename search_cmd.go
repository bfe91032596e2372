package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"charm.land/log/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/newsdesk/newsdesk/article"
	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/library"
	"github.com/newsdesk/newsdesk/search"
)

// indexPath is the search index of the library at paths: search.DefaultPath
// for the default library (the one newsdesk reads with no PATH: defaults,
// from $NEWSDESK_LIBRARY or the config file, or the bundled one), else a
// file of its own beside it, named from a hash of the library's absolute
// paths. One index serves one library: a Sync removes what its library
// does not have, so two libraries sharing a file would rebuild each
// other's index every time.
func indexPath(paths, defaults []string) (string, error) {
	def, err := search.DefaultPath()
	if err != nil {
		return "", err
	}
	if len(paths) == 0 || slices.Equal(absPaths(paths), absPaths(defaults)) {
		return def, nil
	}
	h := sha256.New()
	for _, p := range absPaths(paths) {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return filepath.Join(filepath.Dir(def), "search-"+hex.EncodeToString(h.Sum(nil)[:8])+".db"), nil
}

// absPaths are paths made absolute, with symbolic links resolved where
// they can be: the same library named another way has the same index.
func absPaths(paths []string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		if a, err := filepath.Abs(p); err == nil {
			p = a
		}
		if r, err := filepath.EvalSymlinks(p); err == nil {
			p = r
		}
		out[i] = p
	}
	return out
}

// searchIndex is a process's one search index over its library, kept in
// step with it by search.Follow in the background.
type searchIndex struct {
	// index is nil when none could be opened; err says why.
	index    *search.Index
	err      error
	progress *search.Progress
	// stop ends Follow, waits for it, and closes the index.
	stop func()
}

// startSearchIndex opens the index of the library at args (lib) and
// follows lib with it until stop. note is told, once each, of a file set
// aside for a new index and of a Follow that failed; failed turns that
// failure into what the readers are shown (search is then off).
func startSearchIndex(ctx context.Context, lib *library.Library, paths, defaults []string, note func(error), failed func(error) error) *searchIndex {
	si := &searchIndex{progress: &search.Progress{}, stop: func() {}}
	path, err := indexPath(paths, defaults)
	if err == nil {
		si.index, err = search.Open(path, search.Options{OnRebuild: note, TuneGC: true})
	}
	if err != nil {
		si.err = err
		return si
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		err := si.index.Follow(ctx, lib, si.progress.Report)
		if ctx.Err() == nil && err != nil {
			note(err)
			si.progress.Fail(failed(err))
		}
	}()
	si.stop = func() {
		cancel()
		<-done
		si.index.Close()
	}
	return si
}

// notes collects messages for stderr while the reader draws the
// terminal: they are printed once it has ended.
type notes struct {
	mu   sync.Mutex
	msgs []string
}

func (n *notes) add(err error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.msgs = append(n.msgs, article.DisplayPath(err.Error()))
}

func (n *notes) print(w io.Writer) {
	n.mu.Lock()
	defer n.mu.Unlock()
	for _, m := range n.msgs {
		fmt.Fprintln(w, m)
	}
}

// searchOptions are search's flags.
type searchOptions struct {
	asJSON bool
	limit  int
}

func newSearchCmd() *cobra.Command {
	var o searchOptions
	cmd := &cobra.Command{
		Use:   "search [--json] QUERY [PATH...]",
		Short: "Search the articles' text: the best matches first, as a table or JSON Lines",
		Long: "search finds the articles whose text (headline, body, quotes, commentators' names and roles,\n" +
			"place, source, byline, tags) matches QUERY, best first, as the reader's search screen does:\n" +
			"words (all must match), \"a phrase\", prefix*, -word, name:\"Li Wei\", place:moscow, source:reuters.\n" +
			"The library's index is built or brought up to date first.",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return errors.New("search needs a QUERY: newsdesk search [--json] QUERY [PATH...]")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if o.limit < 1 || o.limit > search.MaxLimit {
				return &exitError{code: 2, err: fmt.Errorf("--limit must be from 1 to %d", search.MaxLimit)}
			}
			return runSearch(cmd, args[0], args[1:], o)
		},
	}
	f := cmd.Flags()
	f.BoolVar(&o.asJSON, "json", false, "print one JSON object per match (JSON Lines), best first")
	f.IntVar(&o.limit, "limit", search.DefaultLimit, fmt.Sprintf("most matches printed (at most %d)", search.MaxLimit))
	return cmd
}

// runSearch searches the library at args for query: a query that cannot
// be searched is said at once (exit 1); otherwise the library is loaded,
// its index brought up to date (saying how far on stderr when that takes
// long), and the hits printed.
func runSearch(cmd *cobra.Command, query string, args []string, o searchOptions) error {
	if _, err := search.Parse(query); err != nil {
		return &exitError{code: 1, err: err}
	}
	ctx := cmd.Context()
	stderr := cmd.ErrOrStderr()
	cfg, err := loadConfig(cmd, args)
	if err != nil {
		return err
	}
	paths := cfg.Library
	lib := newLibrary(paths, liveOptions{once: true, logger: slog.New(log.NewWithOptions(stderr, log.Options{Level: log.WarnLevel}))})
	defer lib.Close()
	<-lib.Start(ctx)
	if err := ctx.Err(); err != nil {
		return &exitError{code: 1, err: err}
	}
	snap := lib.Snapshot()
	reportFailures(stderr, snap.Problems())
	if snap.Len() == 0 {
		return noArticles(paths, hasError(snap.Problems()))
	}
	path, err := indexPath(paths, defaultLibrary(cmd))
	if err != nil {
		return &exitError{code: 1, err: err}
	}
	x, err := search.Open(path, search.Options{OnRebuild: func(err error) { fmt.Fprintln(stderr, article.DisplayPath(err.Error())) }})
	if err != nil {
		return &exitError{code: 1, err: err}
	}
	defer x.Close()
	pr := newBuildReport(stderr, isTerminal(stderr), time.Now)
	err = x.Sync(ctx, lib, snap, pr.report)
	pr.end()
	if err != nil {
		return &exitError{code: 1, err: err}
	}
	hits, err := x.Search(ctx, query, o.limit)
	if err != nil {
		return &exitError{code: 1, err: err}
	}
	found := make([]foundHit, 0, len(hits))
	for _, h := range hits {
		if i, ok := snap.Lookup(h.ID); ok {
			found = append(found, foundHit{s: snap.At(i), h: h})
		}
	}
	if len(found) == 0 {
		return &exitError{code: 1, err: fmt.Errorf("no article matches %s", article.DisplayPath(query))}
	}
	out := cmd.OutOrStdout()
	if o.asJSON {
		return writeHitsJSON(out, found)
	}
	return writeHitsTable(out, found, terminalWidth(out))
}

// foundHit is a hit with the summary it was looked up as.
type foundHit struct {
	s *library.Summary
	h search.Hit
}

// The table's columns.
var hitColumns = []string{"HEADLINE", "PLACE", "DATE", "SOURCE", "MATCH", "PATH"}

const matchColumn = 4

// writeHitsTable writes hits as a table like list's, best first: the
// MATCH column is the snippet, cut around its matches when the terminal
// is narrow; PATH (what show takes) is never cut.
func writeHitsTable(w io.Writer, hits []foundHit, width int) error {
	cells := func(i int) []string {
		s, h := hits[i].s, hits[i].h
		return []string{article.DisplayPath(s.Headline), article.DisplayPath(s.Place), article.DisplayPath(s.Date),
			article.DisplayPath(s.Source), article.DisplayPath(h.Snippet.Text), article.DisplayPath(s.Name())}
	}
	fit := func(i, col, width int) string {
		if col == matchColumn {
			return article.DisplayPath(hits[i].h.Snippet.Fit(width).Text)
		}
		return ansi.Truncate(cells(i)[col], width, "…")
	}
	return article.Columns{Header: hitColumns, Rows: len(hits), Cells: cells, Width: width, Keep: 1, Fit: fit, Right: -1}.Write(w)
}

// jsonHit is one line of `search --json`: the hit's fields, with the
// article's path (what show takes) and dateline.
type jsonHit struct {
	ID       string      `json:"id"`
	Path     string      `json:"path"`
	Version  string      `json:"version"`
	Score    float64     `json:"score"`
	Headline jsonSnippet `json:"headline"`
	Place    string      `json:"place"`
	Date     string      `json:"date"`
	Source   string      `json:"source"`
	Field    string      `json:"field"`
	Part     int         `json:"part"`
	Snippet  jsonSnippet `json:"snippet"`
	Matched  []string    `json:"matched"`
}

// jsonSnippet is a snippet and its matches, as byte offsets [start, end)
// into its UTF-8 text.
type jsonSnippet struct {
	Text    string   `json:"text"`
	Matches [][2]int `json:"matches"`
}

func snippetJSON(s search.Snippet) jsonSnippet {
	out := jsonSnippet{Text: s.Text, Matches: [][2]int{}}
	for _, m := range s.Matches {
		out.Matches = append(out.Matches, [2]int{m.Start, m.End})
	}
	return out
}

// writeHitsJSON writes hits as JSON Lines, best first.
func writeHitsJSON(w io.Writer, hits []foundHit) error {
	enc := json.NewEncoder(w)
	for _, f := range hits {
		h := f.h
		line := jsonHit{
			ID: string(h.ID), Path: f.s.Name(), Version: fmt.Sprintf("%016x", uint64(h.Version)), Score: h.Score,
			Headline: snippetJSON(h.Headline), Place: f.s.Place, Date: f.s.Date, Source: f.s.Source,
			Field: h.Field.String(), Part: h.Part, Snippet: snippetJSON(h.Snippet), Matched: []string{},
		}
		for fl := search.FieldHeadline; fl <= search.FieldTag; fl++ {
			if h.Matched.Has(fl) {
				line.Matched = append(line.Matched, fl.String())
			}
		}
		if err := enc.Encode(line); err != nil {
			return err
		}
	}
	return nil
}

// buildReport says on stderr how far an index build is, once it has
// taken longer than buildQuiet: "indexing 12,000 of 100,000…", rewritten
// in place on a terminal, a line every buildEvery elsewhere, and what it
// did once it ends.
type buildReport struct {
	w   io.Writer
	tty bool
	now func() time.Time

	mu          sync.Mutex
	start, last time.Time
	done, total int
	shown       bool
}

// How long a build is quiet, and how often it speaks then.
const (
	buildQuiet = time.Second
	buildEvery = 5 * time.Second
)

func newBuildReport(w io.Writer, tty bool, now func() time.Time) *buildReport {
	return &buildReport{w: w, tty: tty, now: now, start: now()}
}

var numbers = message.NewPrinter(language.English)

// report is Sync's progress func.
func (b *buildReport) report(done, total int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.done, b.total = done, total
	t := b.now()
	if done >= total || t.Sub(b.start) < buildQuiet || (!b.tty && b.shown && t.Sub(b.last) < buildEvery) {
		return
	}
	b.last, b.shown = t, true
	line := numbers.Sprintf("indexing %d of %d…", done, total)
	if b.tty {
		fmt.Fprintf(b.w, "\r%s", line)
		return
	}
	fmt.Fprintln(b.w, line)
}

// end says what the build did, if it said anything while it ran.
func (b *buildReport) end() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.shown {
		return
	}
	line := numbers.Sprintf("indexed %d articles in %s", b.done, b.now().Sub(b.start).Round(time.Second))
	if b.tty {
		// Over the progress line, which is never longer than this one
		// plus a few cells.
		line = "\r" + line + strings.Repeat(" ", 12)
	}
	fmt.Fprintln(b.w, line)
}

// errSearchFailed is what the SSH sessions are told when the index stops
// following the library: the reason, which names the server's files, is
// in the log.
var errSearchFailed = errors.New("the search index failed (the server's log says why)")

// defaultLibrary is the library newsdesk reads when no PATH is given
// ($NEWSDESK_LIBRARY, the config file's, or none for the bundled one).
func defaultLibrary(cmd *cobra.Command) []string {
	cfg, err := config.Load(cmd.Flags(), nil)
	if err != nil {
		return nil
	}
	return cfg.Library
}
