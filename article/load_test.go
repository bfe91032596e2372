package article

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"testing/fstest"
	"time"
)

const goodWire = "Headline Here\nMOSCOW, Feb 1 (Reuters) — Body text.\n"

// writeTree creates files (path -> content) under dir; a content of "/"
// makes a directory.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if content == "/" {
			if err := os.MkdirAll(p, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// loadAll runs Load and returns the results in the order they arrived.
func loadAll(t *testing.T, paths []string, opt Options) []Result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var rs []Result
	for r := range Load(ctx, paths, opt) {
		rs = append(rs, r)
	}
	if ctx.Err() != nil {
		t.Fatal("load did not finish")
	}
	return rs
}

func resultPaths(rs []Result) []string {
	var ps []string
	for _, r := range rs {
		ps = append(ps, r.Path)
	}
	return ps
}

// errorsByPath maps each path with an error problem to its message.
func errorsByPath(rs []Result) map[string]string {
	m := map[string]string{}
	for _, r := range rs {
		for _, p := range r.Problems {
			if p.Severity == SeverityError {
				m[p.Path] = p.Message
			}
		}
	}
	return m
}

func TestLoad_StableOrder(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeTree(t, ".", map[string]string{
		"one/a.txt":     goodWire,
		"one/B.txt":     goodWire,
		"one/a/b.txt":   goodWire, // "one/a-c.txt" < "one/a.txt" < "one/a/b.txt" in bytes
		"one/a-c.txt":   goodWire,
		"one/z/y/x.txt": goodWire,
		"one/c.md":      "# Title\n\nBody.\n",
		"two/0.json":    `{"headline":"J"}`,
		"single.wire":   goodWire,
	})
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"directory in byte order", []string{"one"}, []string{
			"one/B.txt", "one/a-c.txt", "one/a.txt", "one/a/b.txt", "one/c.md", "one/z/y/x.txt",
		}},
		{"arguments as given", []string{"two", "single.wire", "one/z"}, []string{
			"two/0.json", "single.wire", "one/z/y/x.txt",
		}},
		{"path as named, joined with the walk", []string{"./two/"}, []string{"two/0.json"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, workers := range []int{1, 2, 8} {
				rs := loadAll(t, tt.args, Options{Workers: workers})
				if got := strings.Join(resultPaths(rs), " "); got != strings.Join(tt.want, " ") {
					t.Errorf("workers=%d: order\n got %s\nwant %s", workers, got, strings.Join(tt.want, " "))
				}
				for i, r := range rs {
					if r.Index != i {
						t.Errorf("workers=%d: result %d has Index %d", workers, i, r.Index)
					}
				}
			}
		})
	}
}

func TestLoad_SkipsHiddenAndOtherExtensions(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"a.txt":            goodWire,
		"b.MD":             "# B\n\nBody.\n",
		"c.Markdown":       "# C\n\nBody.\n",
		"d.JSON":           `{"headline":"D"}`,
		"e.TXT":            goodWire,
		".hidden.txt":      goodWire,
		".git/config.txt":  goodWire,
		"sub/.secret.json": `{}`,
		"notes.rst":        goodWire,
		"README":           goodWire,
		"image.png":        "\x89PNG\x00",
	})
	rs := loadAll(t, []string{dir}, Options{})
	var got []string
	for _, p := range resultPaths(rs) {
		got = append(got, filepath.Base(p))
	}
	want := "a.txt b.MD c.Markdown d.JSON e.TXT"
	if strings.Join(got, " ") != want {
		t.Errorf("loaded %v, want %s", got, want)
	}
}

func TestLoad_ExplicitFileAnyExtension(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"story.wire": goodWire, ".hidden": goodWire})
	rs := loadAll(t, []string{filepath.Join(dir, "story.wire"), filepath.Join(dir, ".hidden")}, Options{})
	if len(rs) != 2 {
		t.Fatalf("got %d results, want 2", len(rs))
	}
	for _, r := range rs {
		if len(r.Problems) != 0 || len(r.Articles) != 1 {
			t.Errorf("%s: articles %d, problems %v; want one article", r.Path, len(r.Articles), r.Problems)
		}
		if len(r.Articles) == 1 && r.Articles[0].Format != FormatWire {
			t.Errorf("%s: format %q, want wire", r.Path, r.Articles[0].Format)
		}
	}
}

func TestLoad_SymlinkLoopTerminates(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"lib/a.txt": goodWire, "lib/sub/b.txt": goodWire})
	for link, target := range map[string]string{"lib/sub/up": "..", "lib/self": ".", "lib/sub/abs": filepath.Join(dir, "lib")} {
		if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
			t.Fatal(err)
		}
	}
	rs := loadAll(t, []string{filepath.Join(dir, "lib")}, Options{})
	if got := len(rs); got != 2 {
		t.Errorf("got %d results %v, want the 2 files once each", got, resultPaths(rs))
	}
}

func TestLoad_FollowsSymlinks(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"real/a.txt": goodWire, "other/b.txt": goodWire, "lib/c.txt": goodWire})
	mustSymlink(t, filepath.Join(dir, "real"), filepath.Join(dir, "lib", "linked"))
	mustSymlink(t, filepath.Join(dir, "other", "b.txt"), filepath.Join(dir, "lib", "b.txt"))
	rs := loadAll(t, []string{filepath.Join(dir, "lib")}, Options{})
	var got []string
	for _, p := range resultPaths(rs) {
		rel, _ := filepath.Rel(dir, p)
		got = append(got, filepath.ToSlash(rel))
	}
	if want := "lib/b.txt lib/c.txt lib/linked/a.txt"; strings.Join(got, " ") != want {
		t.Errorf("got %v, want %s", got, want)
	}
}

func mustSymlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}

// TestLoad_BadPathsReported checks that each kind of bad path gets its own
// error and the good files still load.
func TestLoad_BadPathsReported(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"good.txt":     goodWire,
		"folder.txt/":  "/",
		"binary.txt":   "Headline\x00\x01\x02",
		"empty.txt":    "",
		"blank.md":     " \n\t\n",
		"zz-good.json": `{"headline":"Z"}`,
	})
	mustSymlink(t, filepath.Join(dir, "missing.txt"), filepath.Join(dir, "dangling.txt"))
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.txt"), 0o644); err != nil {
		t.Fatal(err)
	}
	big, err := os.Create(filepath.Join(dir, "huge.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if err := big.Truncate(200 << 20); err != nil { // sparse: no disk used
		t.Fatal(err)
	}
	big.Close()

	rs := loadAll(t, []string{dir, filepath.Join(dir, "nope")}, Options{})
	want := map[string]string{
		"folder.txt":   "is a directory",
		"binary.txt":   "binary file",
		"empty.txt":    "empty file",
		"blank.md":     "empty file",
		"dangling.txt": "dangling symbolic link",
		"pipe.txt":     "not a regular file (named pipe)",
		"huge.txt":     "file too large (200 MiB, limit 16 MiB)",
		"nope":         "no such file or directory",
	}
	got := errorsByPath(rs)
	for name, msg := range want {
		if g := got[filepath.Join(dir, name)]; g != msg {
			t.Errorf("%s: error %q, want %q", name, g, msg)
		}
	}
	if len(got) != len(want) {
		t.Errorf("got %d errors %v, want %d", len(got), got, len(want))
	}
	loaded := 0
	for _, r := range rs {
		loaded += len(r.Articles)
	}
	if loaded < 1 {
		t.Errorf("the good files did not load")
	}
}

// failOpen makes the loader's open fail with err for files whose base name
// is name, for the duration of the test.
func failOpen(t *testing.T, name string, err error) {
	t.Helper()
	orig := openFile
	openFile = func(p string) (fs.File, error) {
		if filepath.Base(p) == name {
			return nil, &fs.PathError{Op: "open", Path: p, Err: err}
		}
		return orig(p)
	}
	t.Cleanup(func() { openFile = orig })
}

func TestLoad_Unreadable(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"a.txt": goodWire, "locked.txt": goodWire, "z.txt": goodWire})
	failOpen(t, "locked.txt", syscall.EACCES)
	rs := loadAll(t, []string{dir}, Options{})
	if got := errorsByPath(rs)[filepath.Join(dir, "locked.txt")]; got != "permission denied" {
		t.Errorf("locked.txt: error %q, want permission denied", got)
	}
	if len(rs) != 3 || len(rs[0].Articles) != 1 || len(rs[2].Articles) != 1 {
		t.Errorf("the readable files did not load: %+v", rs)
	}
}

func TestLoad_UnreadableByMode(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root: chmod 000 does not stop reads (TestLoad_Unreadable covers this)")
	}
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"a.txt": goodWire, "locked.txt": goodWire})
	if err := os.Chmod(filepath.Join(dir, "locked.txt"), 0); err != nil {
		t.Fatal(err)
	}
	rs := loadAll(t, []string{dir}, Options{})
	if got := errorsByPath(rs)[filepath.Join(dir, "locked.txt")]; got != "permission denied" {
		t.Errorf("locked.txt: error %q, want permission denied", got)
	}
}

// TestLoad_DoneWhenDirectory is issue 2's Done-when directory: one
// unreadable file, one binary file, one 200 MiB file and good articles.
func TestLoad_DoneWhenDirectory(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{"binary.txt": "\x7fELF\x00\x00\x00"}
	for i := range 20 {
		files[fmt.Sprintf("good%02d.txt", i)] = goodWire
	}
	writeTree(t, dir, files)
	writeTree(t, dir, map[string]string{"unreadable.txt": goodWire})
	failOpen(t, "unreadable.txt", syscall.EACCES)
	big, err := os.Create(filepath.Join(dir, "big.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if err := big.Truncate(200 << 20); err != nil {
		t.Fatal(err)
	}
	big.Close()

	arts, probs := Collect(Load(context.Background(), []string{dir}, Options{}))
	if len(arts) != 20 {
		t.Errorf("loaded %d articles, want the 20 good ones", len(arts))
	}
	got := map[string]string{}
	for _, p := range probs {
		got[filepath.Base(p.Path)] = p.Message
	}
	want := map[string]string{
		"binary.txt":     "binary file",
		"unreadable.txt": "permission denied",
		"big.txt":        "file too large (200 MiB, limit 16 MiB)",
	}
	for name, msg := range want {
		if got[name] != msg {
			t.Errorf("%s: %q, want %q", name, got[name], msg)
		}
	}
}

func TestLoad_MaxSize(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"fits.txt":  goodWire,
		"large.txt": goodWire + strings.Repeat("x", 2048),
	})
	rs := loadAll(t, []string{dir}, Options{MaxSize: 1024})
	if got := errorsByPath(rs)[filepath.Join(dir, "large.txt")]; got != "file too large (3 KiB, limit 1 KiB)" {
		t.Errorf("large.txt: %q", got)
	}
	if len(rs[0].Articles) != 1 {
		t.Errorf("fits.txt did not load: %+v", rs[0])
	}
}

// growingFile is a file whose Stat says it is small but which reads on
// and on, as a file being appended to would.
type growingFile struct{ fs.File }

func (growingFile) Stat() (fs.FileInfo, error) { return smallInfo{}, nil }
func (growingFile) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	return len(p), nil
}
func (growingFile) Close() error { return nil }

type smallInfo struct{ fs.FileInfo }

func (smallInfo) Size() int64       { return 10 }
func (smallInfo) Mode() fs.FileMode { return 0o644 }
func (smallInfo) ModTime() time.Time {
	return time.Time{}
}

func TestLoad_FileGrowingWhileRead(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"log.txt": "short"})
	orig := openFile
	openFile = func(string) (fs.File, error) { return growingFile{}, nil }
	t.Cleanup(func() { openFile = orig })
	rs := loadAll(t, []string{filepath.Join(dir, "log.txt")}, Options{MaxSize: 1 << 20})
	if got := errorsByPath(rs)[filepath.Join(dir, "log.txt")]; got != "file too large (2 MiB, limit 1 MiB)" {
		t.Errorf("error %q, want the limit to stop the read", got)
	}
}

func TestLoad_ModTime(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"a.txt": goodWire})
	when := time.Date(2024, 2, 1, 12, 0, 0, 0, time.UTC)
	if err := os.Chtimes(filepath.Join(dir, "a.txt"), when, when); err != nil {
		t.Fatal(err)
	}
	arts, _ := Collect(Load(context.Background(), []string{dir}, Options{}))
	if len(arts) != 1 || !arts[0].ModTime.Equal(when) {
		t.Errorf("ModTime not taken from the file: %+v", arts)
	}
}

// TestLoad_Streams checks that results are delivered while later files are
// still being read: the last file's open waits until the first result has
// been received.
func TestLoad_Streams(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"a.txt": goodWire, "b.txt": goodWire, "c.txt": goodWire})
	firstSeen := make(chan struct{})
	orig := openFile
	openFile = func(p string) (fs.File, error) {
		if filepath.Base(p) == "c.txt" {
			select {
			case <-firstSeen:
			case <-time.After(10 * time.Second):
				return nil, fmt.Errorf("first result never delivered")
			}
		}
		return orig(p)
	}
	t.Cleanup(func() { openFile = orig })
	ch := Load(context.Background(), []string{dir}, Options{Workers: 2})
	first := <-ch
	close(firstSeen)
	if first.Path != filepath.Join(dir, "a.txt") {
		t.Errorf("first result %s, want a.txt", first.Path)
	}
	rest := 0
	for r := range ch {
		rest++
		if len(r.Problems) > 0 {
			t.Errorf("%s: %v", r.Path, r.Problems)
		}
	}
	if rest != 2 {
		t.Errorf("got %d more results, want 2", rest)
	}
}

// TestLoad_WindowBoundsReadAhead checks that a slow first file stops the
// loader from reading more than its window ahead, so memory stays bounded.
func TestLoad_WindowBoundsReadAhead(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{}
	for i := range 100 {
		files[fmt.Sprintf("%03d.txt", i)] = goodWire
	}
	writeTree(t, dir, files)
	release := make(chan struct{})
	var opened atomic.Int32
	orig := openFile
	openFile = func(p string) (fs.File, error) {
		if filepath.Base(p) == "000.txt" {
			<-release
		}
		opened.Add(1)
		return orig(p)
	}
	t.Cleanup(func() { openFile = orig })
	opt := Options{Workers: 2}
	ch := Load(context.Background(), []string{dir}, opt)
	window := int32(opt.withDefaults().window())
	deadline := time.Now().Add(5 * time.Second)
	for opened.Load() < window-1 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond) // waiting for the workers to run ahead
	}
	if got := opened.Load(); got > window-1 {
		t.Errorf("opened %d files while the first was blocked; window is %d", got, window)
	}
	close(release)
	n := 0
	for range ch {
		n++
	}
	if n != 100 {
		t.Errorf("got %d results, want 100", n)
	}
}

// TestLoad_ByteBudgetBoundsReadAhead checks that large files in flight are
// bounded by bytes, not only by count: with 4 MiB files and a blocked
// first one, fewer than byteBudget/4 MiB files are opened.
func TestLoad_ByteBudgetBoundsReadAhead(t *testing.T) {
	dir := t.TempDir()
	const size = 4 << 20
	for i := range 20 {
		f, err := os.Create(filepath.Join(dir, fmt.Sprintf("%02d.txt", i)))
		if err != nil {
			t.Fatal(err)
		}
		if err := f.Truncate(size); err != nil { // sparse
			t.Fatal(err)
		}
		f.Close()
	}
	release := make(chan struct{})
	var opened atomic.Int32
	orig := openFile
	openFile = func(p string) (fs.File, error) {
		if filepath.Base(p) == "00.txt" {
			<-release
		}
		opened.Add(1)
		return orig(p)
	}
	t.Cleanup(func() { openFile = orig })
	ch := Load(context.Background(), []string{dir}, Options{Workers: 8})
	limit := int32(byteBudget/size - 1)
	deadline := time.Now().Add(5 * time.Second)
	for opened.Load() < limit && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond) // waiting for the workers to run ahead
	}
	time.Sleep(50 * time.Millisecond) // give a wrongly unbounded loader the chance to open more
	if got := opened.Load(); got > limit {
		t.Errorf("opened %d files of 4 MiB while the first was blocked; budget allows %d", got, limit)
	}
	close(release)
	n := 0
	for r := range ch {
		n++
		if len(r.Problems) != 1 || r.Problems[0].Message != "binary file" {
			t.Errorf("%s: %v, want binary file", r.Path, r.Problems)
		}
	}
	if n != 20 {
		t.Errorf("got %d results, want 20", n)
	}
}

func TestLoad_CancelClosesChannel(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{}
	for i := range 50 {
		files[fmt.Sprintf("%03d.txt", i)] = goodWire
	}
	writeTree(t, dir, files)
	block := make(chan struct{})
	defer close(block)
	var once sync.Once
	orig := openFile
	openFile = func(p string) (fs.File, error) {
		if filepath.Base(p) == "010.txt" {
			once.Do(func() { <-block })
		}
		return orig(p)
	}
	t.Cleanup(func() { openFile = orig })
	ctx, cancel := context.WithCancel(context.Background())
	ch := Load(ctx, []string{dir}, Options{Workers: 2})
	<-ch
	cancel()
	done := make(chan int)
	go func() {
		n := 0
		for range ch {
			n++
		}
		done <- n
	}()
	select {
	case n := <-done:
		if n >= 49 {
			t.Errorf("got all %d remaining results after cancel", n)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("channel not closed after cancel")
	}
}

func TestLoad_JSONArrayKeepsOrder(t *testing.T) {
	if arts, _ := Parse("x.json", []byte(`[{"headline":"a"},{"headline":"b"}]`), FormatJSON); len(arts) != 2 {
		t.Skip("TODO(loader): remove once the JSON parser lands")
	}
	dir := t.TempDir()
	var elems []string
	for i := range 30 {
		elems = append(elems, fmt.Sprintf(`{"headline":"Story %02d","body":"Text."}`, i))
	}
	writeTree(t, dir, map[string]string{"a.json": "[" + strings.Join(elems, ",") + "]", "b.txt": goodWire})
	arts, probs := Collect(Load(context.Background(), []string{dir}, Options{}))
	if len(probs) != 0 {
		t.Fatalf("problems: %v", probs)
	}
	if len(arts) != 31 {
		t.Fatalf("got %d articles, want 31", len(arts))
	}
	resolved, err := filepath.EvalSymlinks(dir)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 30 {
		if want := fmt.Sprintf("Story %02d", i); arts[i].Headline != want {
			t.Errorf("article %d: %q, want %q", i, arts[i].Headline, want)
		}
		if want := fmt.Sprintf("%s#%d", filepath.Join(resolved, "a.json"), i+1); string(arts[i].ID) != want {
			t.Errorf("article %d: ID %q, want %q", i, arts[i].ID, want)
		}
	}
	if arts[30].Path != filepath.Join(dir, "b.txt") {
		t.Errorf("last article from %s, want b.txt", arts[30].Path)
	}
}

func TestLoadFS_NamesWithPrefix(t *testing.T) {
	fsys := fstest.MapFS{
		"b.txt":       {Data: []byte(goodWire)},
		"A.txt":       {Data: []byte(goodWire)},
		"sub/c.md":    {Data: []byte("# C\n\nBody.\n")},
		".hidden.txt": {Data: []byte(goodWire)},
		"skip.go":     {Data: []byte("package x")},
		"bin.json":    {Data: []byte("\x00")},
	}
	var paths []string
	var probs []string
	for r := range LoadFS(context.Background(), fsys, "seeds", Options{}) {
		paths = append(paths, r.Path)
		for _, p := range r.Problems {
			probs = append(probs, p.String())
		}
	}
	if got, want := strings.Join(paths, " "), "seeds/A.txt seeds/b.txt seeds/bin.json seeds/sub/c.md"; got != want {
		t.Errorf("paths %s, want %s", got, want)
	}
	if got, want := strings.Join(probs, "|"), "seeds/bin.json: error: binary file"; got != want {
		t.Errorf("problems %s, want %s", got, want)
	}
}

// BenchmarkLoad_1000Files loads a directory of 1,000 wire articles (the
// seed's size) and reports files per second.
func BenchmarkLoad_1000Files(b *testing.B) {
	seed, err := os.ReadFile("../seeds/000_6b8f1c3f41772375.txt")
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	for i := range 1000 {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%04d.txt", i)), seed, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	for b.Loop() {
		arts, probs := Collect(Load(context.Background(), []string{dir}, Options{}))
		if len(arts) != 1000 || len(probs) != 0 {
			b.Fatalf("%d articles, %d problems", len(arts), len(probs))
		}
	}
	b.ReportMetric(float64(1000*b.N)/b.Elapsed().Seconds(), "files/s")
}

// countingFS counts the Info calls on the entries its directories list.
type countingFS struct {
	fstest.MapFS
	infos *atomic.Int32
}

type countingEntry struct {
	fs.DirEntry
	infos *atomic.Int32
}

func (e countingEntry) Info() (fs.FileInfo, error) {
	e.infos.Add(1)
	return e.DirEntry.Info()
}

func (c countingFS) ReadDir(name string) ([]fs.DirEntry, error) {
	des, err := c.MapFS.ReadDir(name)
	for i, de := range des {
		des[i] = countingEntry{de, c.infos}
	}
	return des, err
}

// TestLoad_OtherFilesAreNotLookedAt: a directory walk asks for the file
// information (an lstat) only of what it may read: article files and
// directories, never the images and logs beside them.
func TestLoad_OtherFilesAreNotLookedAt(t *testing.T) {
	fsys := countingFS{fstest.MapFS{"a.txt": {Data: []byte(goodWire)}, "sub/b.md": {Data: []byte("# B\n\nBody.\n")}}, new(atomic.Int32)}
	for i := range 50 {
		fsys.MapFS[fmt.Sprintf("img%02d.jpg", i)] = &fstest.MapFile{Data: []byte("\xff\xd8")}
	}
	arts, probs := Collect(LoadFS(context.Background(), fsys, "seeds", Options{}))
	if len(arts) != 2 || len(probs) != 0 {
		t.Fatalf("%d articles, problems %v", len(arts), probs)
	}
	if n := fsys.infos.Load(); n != 3 { // a.txt, sub, sub/b.md
		t.Errorf("%d entries looked at, want 3", n)
	}
}
