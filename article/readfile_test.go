package article

import (
	"context"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"testing/iotest"
)

// TestReadFile_LoadersRules: for every kind of file, good or bad, ReadFile
// gives what Load gives for that file named on its own (articles with ID,
// Version and ModTime, or the same error), and never opens what is not a
// regular file.
func TestReadFile_LoadersRules(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"good.txt":    goodWire,
		"arr.json":    `[{"headline":"One"},{"headline":2},{"headline":"Three"}]`,
		"note.md":     "# H\n\nBody &#x1b;.\n",
		"any.ext":     goodWire,
		"folder.txt/": "/",
		"binary.txt":  "Headline\x00\x01",
		"empty.txt":   " \n",
		"large.txt":   goodWire + strings.Repeat("x", 2048),
	})
	mustSymlink(t, filepath.Join(dir, "missing.txt"), filepath.Join(dir, "dangling.txt"))
	mustSymlink(t, "good.txt", filepath.Join(dir, "link.txt"))
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.txt"), 0o644); err != nil {
		t.Fatal(err)
	}
	mustSymlink(t, "pipe.txt", filepath.Join(dir, "pipelink.txt"))
	var opened atomic.Int32
	orig := openFile
	openFile = func(p string) (fs.File, error) {
		if strings.Contains(p, "pipe") {
			opened.Add(1)
		}
		return orig(p)
	}
	t.Cleanup(func() { openFile = orig })

	opt := Options{MaxSize: 1024}
	tests := []struct {
		name string
		err  string // "" for a file that loads
	}{
		{"good.txt", ""}, {"arr.json", "article 2: field \"headline\": want string, got number"}, {"note.md", ""},
		{"any.ext", ""}, {"link.txt", ""},
		{"folder.txt", "is a directory"},
		{"binary.txt", "binary file"},
		{"empty.txt", "empty file"},
		{"large.txt", "file too large (3 KiB, limit 1 KiB)"},
		{"dangling.txt", "dangling symbolic link"},
		{"nope.txt", "no such file or directory"},
		{"pipe.txt", "not a regular file (named pipe)"},
		{"pipelink.txt", "not a regular file (named pipe)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(dir, tt.name)
			arts, probs := ReadFile(p, opt)
			if tt.err == "" && (len(arts) == 0 || len(probs) != 0) || tt.err != "" && (len(probs) != 1 || probs[0].Message != tt.err) {
				t.Fatalf("ReadFile: %d articles, problems %v; want error %q", len(arts), probs, tt.err)
			}
			if len(probs) > 0 && probs[0].Path != p {
				t.Errorf("problem for %q, want %q", probs[0].Path, p)
			}
			if tt.name == "folder.txt" {
				return // Load walks a directory; ReadFile refuses it
			}
			wantArts, wantProbs := Collect(Load(context.Background(), []string{p}, opt))
			if !reflect.DeepEqual(arts, wantArts) || !reflect.DeepEqual(probs, wantProbs) {
				t.Errorf("ReadFile =\n%+v %v\nLoad =\n%+v %v", arts, probs, wantArts, wantProbs)
			}
		})
	}
	if n := opened.Load(); n != 0 {
		t.Errorf("a FIFO was opened %d times", n)
	}
	arts, _ := ReadFile(filepath.Join(dir, "link.txt"), opt)
	good, _ := ReadFile(filepath.Join(dir, "good.txt"), opt)
	if len(arts) != 1 || arts[0].ID != good[0].ID || arts[0].Path != filepath.Join(dir, "link.txt") || arts[0].Version == 0 {
		t.Errorf("through a link: ID %q Path %q Version %x; want the target's ID %q", arts[0].ID, arts[0].Path, arts[0].Version, good[0].ID)
	}
}

// TestReadFile_SwappedForFIFOAfterStat: a file replaced by a FIFO between
// the look and the open is caught on the open file, as in Load.
func TestReadFile_SwappedForFIFOAfterStat(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.txt")
	writeTree(t, dir, map[string]string{"a.txt": goodWire})
	orig := openFile
	openFile = func(name string) (fs.File, error) {
		if err := os.Remove(name); err != nil {
			return nil, err
		}
		if err := syscall.Mkfifo(name, 0o644); err != nil {
			return nil, err
		}
		return orig(name)
	}
	t.Cleanup(func() { openFile = orig })
	arts, probs := ReadFile(p, Options{})
	if len(arts) != 0 || len(probs) != 1 || probs[0].Message != "not a regular file (named pipe)" {
		t.Fatalf("got %d articles, problems %v; want the FIFO refused", len(arts), probs)
	}
}

func TestReadFileFS_Seeds(t *testing.T) {
	fsys := os.DirFS("../seeds")
	const name = "000_6b8f1c3f41772375.txt"
	arts, probs := ReadFileFS(fsys, "seeds", name, Options{})
	if len(arts) != 1 || len(probs) != 0 || arts[0].ID != "seeds/"+name || arts[0].Path != "seeds/"+name || arts[0].Version == 0 {
		t.Fatalf("got %+v, %v", arts, probs)
	}
	loaded, _ := Collect(LoadFS(context.Background(), fsys, "seeds", Options{}))
	if len(loaded) != 1 || !reflect.DeepEqual(loaded[0], arts[0]) {
		t.Errorf("ReadFileFS differs from LoadFS:\n%+v\n%+v", arts[0], loaded)
	}
	if _, probs := ReadFileFS(fsys, "seeds", "missing.txt", Options{}); len(probs) != 1 || probs[0].Message != "no such file or directory" {
		t.Errorf("missing seed: %v", probs)
	}
}

func BenchmarkReadFile_Seed(b *testing.B) {
	data, err := os.ReadFile("../seeds/000_6b8f1c3f41772375.txt")
	if err != nil {
		b.Fatal(err)
	}
	p := filepath.Join(b.TempDir(), "seed.txt")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if arts, probs := ReadFile(p, Options{}); len(arts) != 1 || len(probs) != 0 {
			b.Fatal(probs)
		}
	}
}

// The buffer a file is read into serves the next file: nothing an
// article holds may be part of it. An article read first keeps its text
// while other files (shorter, longer, in every format) are read after it,
// and a shorter file read into a longer one's buffer gives only its own.
func TestReadFile_ArticlesOutliveTheReadBuffer(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"long.txt":  "A long headline about the harbour\n\nOSLO, March 3, 2026 (AP) — " + strings.Repeat("Word ", 400) + "\n",
		"short.txt": "Short\n\nOne line.\n",
		"doc.md":    "---\ntitle: Markdown over it\n---\n\n" + strings.Repeat("Overwrite ", 500) + "\n",
		"arr.json":  `[{"headline":"JSON over it","body":"` + strings.Repeat("zz ", 600) + `"}]`,
	})
	first, probs := ReadFile(filepath.Join(dir, "long.txt"), Options{})
	if len(first) != 1 || len(probs) != 0 {
		t.Fatalf("long.txt: %d articles, %v", len(first), probs)
	}
	want := first[0].Headline + "|" + strings.Join(first[0].Paragraphs, "|")
	for range 3 {
		for _, name := range []string{"short.txt", "doc.md", "arr.json"} {
			if _, probs := ReadFile(filepath.Join(dir, name), Options{}); len(probs) != 0 {
				t.Fatalf("%s: %v", name, probs)
			}
		}
	}
	if got := first[0].Headline + "|" + strings.Join(first[0].Paragraphs, "|"); got != want {
		t.Errorf("the first article changed as other files were read:\n%.200s\nwant\n%.200s", got, want)
	}
	short, _ := ReadFile(filepath.Join(dir, "short.txt"), Options{})
	if len(short) != 1 || short[0].Headline != "Short" || strings.Join(short[0].Paragraphs, "|") != "One line." {
		t.Errorf("short.txt read after longer files: %+v", short)
	}
}

// countingReader counts the reads made of r.
type countingReader struct {
	r     io.Reader
	reads int
}

func (c *countingReader) Read(b []byte) (int, error) {
	c.reads++
	return c.r.Read(b)
}

// TestReadAll_EndsAtTheStatSize: a file read whole in one read is not read
// again only to hear it ended; a file handed over in pieces shorter than
// asked (as some file systems do) is still read to its stat size, and one
// that grew since its stat to the end the read finds.
func TestReadAll_EndsAtTheStatSize(t *testing.T) {
	const text = "a file of forty bytes, more or less ....."
	for _, tc := range []struct {
		name      string
		r         func() io.Reader
		size      int64
		want      string
		wantReads int
	}{
		{"whole in one read", func() io.Reader { return strings.NewReader(text) }, int64(len(text)), text, 1},
		{"in short pieces", func() io.Reader { return iotest.HalfReader(strings.NewReader(text)) }, int64(len(text)), text, 2},
		{"grown since its stat", func() io.Reader { return strings.NewReader(text) }, 10, text, 1},
		{"shrunk since its stat", func() io.Reader { return strings.NewReader(text[:10]) }, int64(len(text)), text[:10], 2},
		{"empty", func() io.Reader { return strings.NewReader("") }, 0, "", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := &countingReader{r: tc.r()}
			got, err := readAll(c, make([]byte, 0, 64), tc.size)
			if err != nil || string(got) != tc.want {
				t.Fatalf("readAll = %q, %v; want %q", got, err, tc.want)
			}
			if c.reads != tc.wantReads {
				t.Errorf("%d reads, want %d", c.reads, tc.wantReads)
			}
		})
	}
}
