package library

import "github.com/newsdesk/newsdesk/article"

// Lookup is the index (for At) of the article with id, through a map
// built once per snapshot, on the first Lookup, and shared by every reader
// of it (≈22 ms and 3.5 MB at 100,000 articles, on the 2-core machine
// under load): for callers that look up
// many IDs at once, such as a page of search results, where Find's scan
// (≈0.2 ms each) would add up.
func (s *Snapshot) Lookup(id article.ID) (int, bool) {
	s.ids.once.Do(func() {
		m := make(map[article.ID]int32, len(s.arts))
		for i, a := range s.arts {
			m[a.ID] = int32(i)
		}
		s.ids.m = m
	})
	i, ok := s.ids.m[id]
	return int(i), ok
}
