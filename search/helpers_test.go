package search

import (
	"compress/flate"
	"context"
	"path/filepath"
	"testing"

	"github.com/newsdesk/newsdesk/article"
	"github.com/newsdesk/newsdesk/library"
)

// openTemp opens a new index in a test's temporary directory.
func openTemp(t testing.TB, opt Options) *Index {
	t.Helper()
	x, err := Open(filepath.Join(t.TempDir(), "cache", FileName), opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { x.Close() })
	return x
}

// put indexes articles directly, without a library (as Sync would write
// them), committing every batchSize.
func put(t testing.TB, x *Index, arts ...*article.Article) {
	t.Helper()
	x.syncMu.Lock()
	defer x.syncMu.Unlock()
	x.mu.RLock()
	defer x.mu.RUnlock()
	zw, _ := flate.NewWriter(nil, flate.BestSpeed)
	for len(arts) > 0 {
		n := min(len(arts), batchSize)
		batch := make([]read, n)
		for i, a := range arts[:n] {
			batch[i] = read{s: &library.Summary{ID: a.ID, Version: a.Version}, p: prepareDoc(a, zw)}
		}
		if err := x.write(context.Background(), batch, nil); err != nil {
			t.Fatal(err)
		}
		arts = arts[n:]
	}
}
