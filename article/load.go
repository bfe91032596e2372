package article

import (
	"context"
	"io/fs"
)

// STUB: owned by the loader/CLI helper.

// Options tunes a load. The zero value is ready to use.
type Options struct {
	// Workers bounds how many files are read and parsed at once
	// (default: GOMAXPROCS).
	Workers int
	// MaxSize is the largest file read (default 16 MiB).
	MaxSize int64
}

// Result is what one file gave: its articles in file order and its
// problems. Results arrive in the stable order: arguments as given, files
// of a directory in byte order of their path.
type Result struct {
	// Index is the file's position in the stable order, from 0.
	Index    int
	Path     string
	Articles []Article
	Problems []Problem
}

// Load reads paths (files and directories) with a bounded worker pool and
// streams one Result per file, in the stable order, closing the channel when
// done or when ctx is cancelled.
func Load(ctx context.Context, paths []string, opt Options) <-chan Result {
	ch := make(chan Result)
	close(ch)
	return ch
}

// LoadFS is Load over every article file of fsys (the embedded seeds),
// naming each "prefix/PATH".
func LoadFS(ctx context.Context, fsys fs.FS, prefix string, opt Options) <-chan Result {
	ch := make(chan Result)
	close(ch)
	return ch
}

// Collect drains a load into all its articles and problems, in order.
func Collect(ch <-chan Result) ([]Article, []Problem) {
	var arts []Article
	var probs []Problem
	for r := range ch {
		arts = append(arts, r.Articles...)
		probs = append(probs, r.Problems...)
	}
	return arts, probs
}
