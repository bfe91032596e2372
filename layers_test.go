package main

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// module is this module's path, the prefix of its packages' imports.
const module = "github.com/newsdesk/newsdesk"

// TestLayers_TheArrowsBetweenPackagesHold checks the design's arrows on
// every package's own (non-test) files: article imports no other newsdesk
// package; library only article (and internal/xdg, where its warm-start
// index goes); state only article (and internal/xdg); search only article
// and library (and internal/xdg); ui never server.
func TestLayers_TheArrowsBetweenPackagesHold(t *testing.T) {
	allowed := map[string][]string{
		"article": {},
		"library": {"article", "internal/xdg"},
		"state":   {"article", "internal/xdg"},
		"search":  {"article", "library", "internal/xdg"},
		"seeds":   {},
	}
	never := map[string][]string{
		"ui":     {"server"},
		"server": {},
	}
	imports := map[string][]string{}
	err := filepath.WalkDir(".", func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") && path != "." {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		pkg := filepath.ToSlash(filepath.Dir(path))
		for _, imp := range f.Imports {
			p := strings.Trim(imp.Path.Value, `"`)
			if rest, ok := strings.CutPrefix(p, module+"/"); ok && !slices.Contains(imports[pkg], rest) {
				imports[pkg] = append(imports[pkg], rest)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(imports) == 0 {
		t.Fatal("no imports found: the test reads the wrong directory")
	}
	for pkg, deps := range imports {
		if ok, listed := allowed[pkg]; listed {
			for _, d := range deps {
				if !slices.Contains(ok, d) {
					t.Errorf("%s imports %s; it may import only %v of newsdesk", pkg, d, ok)
				}
			}
		}
		top := strings.SplitN(pkg, "/", 2)[0]
		for _, d := range deps {
			if slices.Contains(never[top], strings.SplitN(d, "/", 2)[0]) {
				t.Errorf("%s imports %s, which it must never do", pkg, d)
			}
		}
	}
	for _, pkg := range []string{"article", "library", "state", "ui", "server"} {
		if _, ok := imports[pkg]; !ok && pkg != "article" {
			t.Errorf("package %s was not found", pkg)
		}
	}
}
