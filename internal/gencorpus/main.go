// Command gencorpus writes a reproducible library of generated news
// articles, the one newsdesk's figures are measured on:
//
//	go run ./internal/gencorpus -n 100000 DIR
//
// DIR is created and must be empty. The same flags write the same bytes on
// every run and machine; package corpus (which tests and benchmarks call)
// says what the articles are like.
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/newsdesk/newsdesk/internal/gencorpus/corpus"
)

func main() {
	fs := flag.NewFlagSet("gencorpus", flag.ContinueOnError)
	n := fs.Int("n", 1000, "number of articles")
	seed := fs.Uint64("seed", 1, "seed: the same seed writes the same bytes")
	mix := fs.String("mix", corpus.DefaultMix.String(), "share of files per format, as weights")
	perDir := fs.Int("per-dir", 1000, "files per folder")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: gencorpus [-n N] [-seed S] [-mix wire=60,markdown=25,json=15] [-per-dir K] DIR")
		fs.PrintDefaults()
	}
	if err := fs.Parse(os.Args[1:]); err != nil {
		os.Exit(2)
	}
	if fs.NArg() != 1 || *n <= 0 || *perDir <= 0 {
		fs.Usage()
		os.Exit(2)
	}
	m, err := corpus.ParseMix(*mix)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(2)
	}
	start := time.Now()
	st, err := corpus.Write(fs.Arg(0), corpus.Options{N: *n, Seed: *seed, Mix: m, PerDir: *perDir})
	if err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
	fmt.Printf("%d articles (wire %d, markdown %d, json %d) in %d files, %.1f MB, in %s\n",
		st.Articles, st.ByFormat[corpus.Wire], st.ByFormat[corpus.Markdown], st.ByFormat[corpus.JSON],
		st.Files, float64(st.Bytes)/1e6, time.Since(start).Round(time.Millisecond))
}
