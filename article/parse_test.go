package article

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"unsafe"
)

// within reports whether s's bytes lie inside text's.
func within(s, text string) bool {
	if s == "" {
		return false
	}
	p, lo := uintptr(unsafe.Pointer(unsafe.StringData(s))), uintptr(unsafe.Pointer(unsafe.StringData(text)))
	return p >= lo && p < lo+uintptr(len(text))
}

// TestOwn_ShortFieldsLeaveTheText: after own, no short field is a
// substring of the file's text; the long ones still are (not copied).
func TestOwn_ShortFieldsLeaveTheText(t *testing.T) {
	text := strings.Repeat("x", 100) + "Headline Byline Place Date Source Heading tag1 tag2 Name Role Location Quote Para Note"
	f := strings.Fields(text[100:])
	a := Article{Elem: 3, Headline: f[0], Byline: f[1], Place: f[2], Date: f[3], Source: f[4], ReactionsHeading: f[5],
		Tags: []string{f[6], f[7]}, Reactions: []Reaction{{Name: f[8], Role: f[9], Location: f[10], Quote: f[11]}},
		Paragraphs: []string{f[12]}, Notes: []Note{{Text: f[13]}}}
	want := a
	a.own("/srv/f.json", false)
	if a.ID != "/srv/f.json#3" {
		t.Errorf("ID %q", a.ID)
	}
	short := []string{a.Headline, a.Byline, a.Place, a.Date, a.Source, a.ReactionsHeading, a.Tags[0], a.Tags[1],
		a.Reactions[0].Name, a.Reactions[0].Role, a.Reactions[0].Location}
	wantShort := []string{want.Headline, want.Byline, want.Place, want.Date, want.Source, want.ReactionsHeading,
		want.Tags[0], want.Tags[1], want.Reactions[0].Name, want.Reactions[0].Role, want.Reactions[0].Location}
	for i, s := range short {
		if s != wantShort[i] || within(s, text) {
			t.Errorf("field %d: %q (want %q), within the text: %v", i, s, wantShort[i], within(s, text))
		}
	}
	for _, s := range []string{a.Paragraphs[0], a.Notes[0].Text, a.Reactions[0].Quote} {
		if !within(s, text) {
			t.Errorf("long field %q was copied", s)
		}
	}
}

// TestParse_KeepingShortFieldsFreesTheFiles: a consumer that keeps only
// the short fields of 200 articles of 64 KiB each does not keep the
// 12.5 MiB of their files alive.
func TestParse_KeepingShortFieldsFreesTheFiles(t *testing.T) {
	body := strings.Repeat("A long paragraph of the body. ", 64<<10/30)
	formats := []Format{FormatWire, FormatMarkdown, FormatJSON}
	files := make([][]byte, 200)
	for i := range files {
		switch formats[i%3] {
		case FormatWire:
			files[i] = fmt.Appendf(nil, "Headline %d\nBy Ann Lee\nPARIS, Feb 1 (AP) — %s\n", i, body)
		case FormatMarkdown:
			files[i] = fmt.Appendf(nil, "---\ntitle: Headline %d\nbyline: Ann\ntags: [a]\n---\n\n%s\n", i, body)
		default:
			files[i] = fmt.Appendf(nil, `{"headline":"Headline %d","byline":"Ann","tags":["a"],"body":%q}`, i, body)
		}
	}
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	var kept []string
	for i, data := range files {
		arts, _ := Parse("/srv/f", data, formats[i%3])
		for _, a := range arts {
			kept = append(kept, string(a.ID), a.Headline, a.Byline, a.Place, a.Date, a.Source)
			kept = append(kept, a.Tags...)
		}
	}
	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	t.Logf("grown %d KiB", (int64(after.HeapInuse)-int64(before.HeapInuse))>>10)
	if grown := int64(after.HeapInuse) - int64(before.HeapInuse); grown > 2<<20 {
		t.Errorf("keeping %d short fields holds %d KiB: the files' text is kept alive", len(kept), grown>>10)
	}
	runtime.KeepAlive(kept)
	runtime.KeepAlive(files)
}
