package article

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

func TestArticle_NameAddsTheArrayElement(t *testing.T) {
	tests := []struct {
		name string
		a    Article
		want string
	}{
		{"a single article", Article{ID: "lib/a.txt", Path: "lib/a.txt", Format: FormatWire}, "lib/a.txt"},
		{"a JSON object", Article{ID: "lib/a.json", Path: "lib/a.json", Format: FormatJSON}, "lib/a.json"},
		{"an array's third element", Article{ID: "lib/a.json#3", Path: "lib/a.json", Elem: 3, Format: FormatJSON}, "lib/a.json#3"},
		{"an ID made absolute keeps its element", Article{ID: "/home/u/lib/a.json#12", Path: "lib/a.json", Elem: 12, Format: FormatJSON}, "lib/a.json#12"},
		{"a wire file named like an element", Article{ID: "lib/x#2", Path: "lib/x#2", Format: FormatWire}, "lib/x#2"},
		{"not a number", Article{ID: "lib/a#b.json", Path: "lib/a#b.json", Format: FormatJSON}, "lib/a#b.json"},
		{"a sign is no element", Article{ID: "lib/a.json#+2", Path: "lib/a.json", Format: FormatJSON}, "lib/a.json"},
		{"a hash at the end", Article{ID: "lib/a.json#", Path: "lib/a.json", Format: FormatJSON}, "lib/a.json"},
	}
	for _, tt := range tests {
		if got := tt.a.Name(); got != tt.want {
			t.Errorf("%s: Name() = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestArticle_NameOfLoadedArray checks Name against what the loader really
// gives an array's elements, including after an element that failed.
func TestArticle_NameOfLoadedArray(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "arr.json")
	if err := os.WriteFile(file, []byte(`[{"headline":"One"}, {"headline":2}, {"headline":"Three"}]`), 0o644); err != nil {
		t.Fatal(err)
	}
	arts, _ := Collect(Load(context.Background(), []string{file}, Options{}))
	var got []string
	for _, a := range arts {
		got = append(got, a.Name())
	}
	if len(got) != 2 || got[0] != file+"#1" || got[1] != file+"#3" {
		t.Errorf("names %q, want %s#1 and %s#3", got, file, file)
	}
}

func TestEmptyLibraryMessage(t *testing.T) {
	const reads = ": newsdesk reads wire text (.txt), Markdown (.md, .markdown) and JSON (.json) files in the directories named and their subdirectories, skipping hidden ones"
	tests := []struct {
		paths []string
		want  string
	}{
		{nil, "no article found in the bundled library" + reads},
		{[]string{"lib/Empty"}, "no article found in lib/Empty" + reads},
		{[]string{"a", "b"}, "no article found in a and b" + reads},
		{[]string{"a", "b", "c\x1b[2J"}, "no article found in a, b and c?[2J" + reads},
	}
	for _, tt := range tests {
		if got := EmptyLibraryMessage(tt.paths); got != tt.want {
			t.Errorf("EmptyLibraryMessage(%q) =\n%q\nwant\n%q", tt.paths, got, tt.want)
		}
	}
}
