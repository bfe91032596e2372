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

	"charm.land/fang/v2"
	"github.com/spf13/cobra"
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
	return &cobra.Command{
		Use:   "serve [PATH...]",
		Short: "Serve the reader over SSH",
		RunE: func(cmd *cobra.Command, args []string) error {
			return runServe(cmd, args)
		},
	}
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

func runServe(cmd *cobra.Command, args []string) error { return nil }
