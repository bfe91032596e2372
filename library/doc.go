// Package library is the loaded set of articles that every reader shares:
// the local reader, `newsdesk list`, and every SSH session of `newsdesk
// serve` read the same catalogue, built once.
//
// It exists because the catalogue is a concern of its own, between the
// files (package article) and the screens (package ui): a Library loads the
// paths with the article loader's rules and publishes immutable, versioned
// Snapshots. A Snapshot holds one small Summary per article (never its body
// or quotes), and what is computed once for everybody: the sort orders, the
// filter keys and the commentator index. A reader holds a Snapshot and is
// told when a newer one exists (Wait); it reads an article's full text when
// it opens it (Open), through a small bounded cache shared by all readers,
// with every rule of the loader and a check that the file is still the
// version that was indexed.
//
// # A live library
//
// With Options.Watch the library stays live after its first load: one
// watcher per Library (so one per process, whatever the number of SSH
// sessions) watches every directory, those made later included. A file
// added, changed, renamed or removed is read again (once it has had no
// write for Options.Quiet, or at once when it was renamed into place), and
// what changed is published as a new snapshot; bursts are gathered, so a
// thousand files make a few snapshots. A file that fails to parse right
// after a change is read once more before its error is published (a
// writer may not be done). At the system's watch limit the library says
// so once and rescans what it could not watch; Options.Poll rescans
// everything on a timer instead, for file systems without change events;
// Rescan rescans by hand.
//
// Every change, whatever found it, goes through one edit: the previous
// snapshot's summaries and orders are copied once and the changed ones
// placed by binary search, so one file changed in 100,000 articles costs
// milliseconds, never a sort. Each snapshot says what changed since the
// one before it (Changes, ChangesSince: articles added, changed,
// removed), so a reader can mark them without comparing snapshots.
//
// With Options.IndexPath a start on a library seen before publishes the
// library saved in the index at once, then checks every file against it
// with one stat each and parses only what changed (index.go).
//
// library imports article and nothing else of newsdesk.
package library
