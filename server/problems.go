package server

import (
	"path/filepath"
	"slices"
	"strings"

	"github.com/newsdesk/newsdesk/article"
)

// redact is a problem (or a read error) as sessions see it: with the
// server's own paths under --show-problems (as newsdesk check prints
// them), otherwise with every path relative to the library (the paths it
// reads) so that no path of the server's file system reaches a client.
// The UI calls it on every problem and error it shows (ui.Config.Redact).
func (s *Server) redact(p article.Problem) article.Problem {
	if s.cfg.ShowProblems {
		return p
	}
	roots := s.cfg.Library.Paths()
	p.Path = libraryPath(p.Path, roots)
	p.Message = hideRoots(p.Message, roots)
	return p
}

// libraryPath is path relative to the library loaded from roots: relative
// to the root it is under (the deepest, when roots nest), prefixed with
// that root's name when there are several roots; a root itself is its
// name. A path under no root is its file name: never a server path.
func libraryPath(path string, roots []string) string {
	path = filepath.Clean(path)
	best, rel := "", ""
	for _, root := range roots {
		root = filepath.Clean(root)
		r, err := filepath.Rel(root, path)
		if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
			continue
		}
		if len(root) > len(best) {
			best, rel = root, r
		}
	}
	switch {
	case best == "":
		return filepath.Base(path)
	case rel == ".":
		return rootName(best)
	case len(roots) > 1 && rootName(best) != "":
		return filepath.Join(rootName(best), rel)
	}
	return rel
}

// rootName is the name a root is shown by: its last element ("" for the
// current directory or the file-system root, which have none worth
// showing).
func rootName(root string) string {
	if b := filepath.Base(root); b != "." && b != string(filepath.Separator) {
		return b
	}
	return ""
}

// hideRoots rewrites every root (as given, and absolute) that msg names
// as a directory the way libraryPath shows it: a loader or parser message
// may quote a path.
func hideRoots(msg string, roots []string) string {
	type rewrite struct{ from, to string }
	var rw []rewrite
	for _, root := range roots {
		root = filepath.Clean(root)
		to := ""
		if len(roots) > 1 && rootName(root) != "" {
			to = rootName(root) + string(filepath.Separator)
		}
		forms := []string{root}
		if abs, err := filepath.Abs(root); err == nil && abs != root {
			forms = append(forms, abs)
		}
		for _, f := range forms {
			if f != "." && f != string(filepath.Separator) {
				rw = append(rw, rewrite{f + string(filepath.Separator), to})
			}
		}
	}
	// Longest first, so that a root inside another is rewritten as
	// itself.
	slices.SortFunc(rw, func(a, b rewrite) int { return len(b.from) - len(a.from) })
	for _, r := range rw {
		msg = strings.ReplaceAll(msg, r.from, r.to)
	}
	return msg
}
