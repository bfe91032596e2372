// Package library is the loaded set of articles that every reader shares:
// the local reader, `newsdesk list`, and every SSH session of `newsdesk
// serve` read the same catalogue, built once.
//
// It exists because the catalogue is a concern of its own, between the
// files (package article) and the screens (package ui): a Library loads the
// paths with the article loader and publishes immutable, versioned
// Snapshots. A Snapshot holds one small Summary per article (never its body
// or quotes), and what is computed once for everybody: the sort orders, the
// filter keys and the commentator index. A reader holds a Snapshot and is
// told when a newer one exists (Wait); it reads an article's full text when
// it opens it (Open), through a small bounded cache shared by all readers,
// with every rule of the loader and a check that the file is still the
// version that was indexed.
//
// library imports article and nothing else of newsdesk.
package library
