package library

import "path/filepath"

// records is what the library holds for path, as a fileData whose
// summaries are fresh copies (published ones are never changed).
func (l *Library) records(path string) (*fileData, bool) {
	l.editMu.Lock()
	defer l.editMu.Unlock()
	r, ok := l.files[path]
	if !ok {
		return nil, false
	}
	d := &fileData{path: path, name: path, id: r.id, size: r.size, mtime: r.mtime, version: r.version, probs: r.probs, file: -1, parsed: true}
	s := l.Snapshot()
	for i := range s.Len() {
		if a := s.At(i); a.Path == path {
			c := *a
			d.arts = append(d.arts, &c)
		}
	}
	return d, true
}

// clone is d with copies of its summaries.
func (d *fileData) clone() *fileData {
	c := *d
	c.arts = nil
	for _, a := range d.arts {
		x := *a
		c.arts = append(c.arts, &x)
	}
	return &c
}

// watches reports whether the watcher watches dir.
func (l *Library) watches(dir string) bool {
	lv := l.live.Load()
	if lv == nil {
		return false
	}
	lv.mu.Lock()
	defer lv.mu.Unlock()
	d := lv.dirs[filepath.Clean(dir)]
	return d != nil && d.watched
}
