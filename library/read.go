package library

import (
	"context"
	"fmt"
	"strings"

	"github.com/newsdesk/newsdesk/article"
)

// ReadFile reads every article of the file s came from, at once, with
// every rule of the loader, past the cache that Open fills: it is for
// work that goes through the whole library (building the search index),
// which must neither push out of the shared cache the articles readers
// have open nor read a JSON array of n articles n times, as n Opens
// would. The articles are the file's as it is now, in file order: like
// Open, a file that has changed since s was made is read as it is and a
// snapshot with its new summaries is published, so s's own article may
// be missing or of a newer Version. A file that gives no article at all
// is an error: the loader's reason (a file removed since, now a FIFO…),
// or one wrapping ErrNotFound.
func (l *Library) ReadFile(ctx context.Context, s *Summary) ([]article.Article, error) {
	if l.static != nil {
		arts := l.staticFiles[s.Path]
		if len(arts) == 0 {
			return nil, fmt.Errorf("%s: %w", s.Path, ErrNotFound)
		}
		return arts, nil
	}
	r := l.readFile(s)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if found := foundIn(r, s); found == nil || found.Version != s.Version {
		// The file is not what was indexed: index it again.
		l.reindex(s, r)
	}
	if len(r.Articles) == 0 {
		return nil, l.fileError(s, r)
	}
	return r.Articles, nil
}

// foundIn is s's article in r, the file s came from as read again, or nil.
func foundIn(r article.Result, s *Summary) *article.Article {
	for i := range r.Articles {
		if r.Articles[i].ID == s.ID {
			return &r.Articles[i]
		}
	}
	return nil
}

// fileError is why r, s's file read again, does not hold s's article: the
// loader's error for the file (or its element), "(removed)" wrapping
// ErrNotFound when the file is gone, else ErrNotFound.
func (l *Library) fileError(s *Summary, r article.Result) error {
	for _, p := range r.Problems {
		if p.Severity == article.SeverityError && (p.Path == s.Path || strings.HasPrefix(p.Path, s.Path+"#")) {
			if l.gone(s) {
				return fmt.Errorf("%s: %w (removed)", s.Path, ErrNotFound)
			}
			return fmt.Errorf("%s: %s", p.Path, p.Message)
		}
	}
	return fmt.Errorf("%s: %w", s.Path, ErrNotFound)
}
