package article

import (
	"bytes"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// noBodyFuzzSeeds reach each way the head parse of wire text can differ
// from the whole one: blocks joined from several lines (in the buffer the
// next block overwrites), a dateline alone in its paragraph or in a
// joined one, a section heading in a joined block, no body at all, and
// '&' in the body (a paragraph the head parse keeps to sanitise it) with
// and without a character reference.
var noBodyFuzzSeeds = []string{
	"H\n\nPARIS, May 2 (AP) — First\nline.\n\nSecond\nparagraph.\n\n##\n**Reactions:**\n\nAnn Lee, Farmer: \"Q\nwrapped.\"\n\nA note\nin two lines.\n",
	"H\nBy A\nPARIS (AP) —\nReactions\nB, C: \"Q\"\n",
	"H\n\nLONDON, Jan. 5 —\n\n\nReactions\n",
	"H\n\nST. PAUL, Minn. — One\nblock &#x1b;[2J with a reference.\n\nCommentary\n\nNote.\n",
	"H\nBody AT&T.\n",
	"H\n\n\n",
	"H\nBy Jane\n\n  \nBody\n  \n",
}

// FuzzParse_NoBody checks that a read without the body gives exactly the
// whole read's articles without their paragraphs, in every format, and
// that they keep nothing of the bytes they were read from: the buffer is
// overwritten before they are compared. A borrowed read (ReadThen) gives
// the same articles while its bytes last, built in a scratch that another
// file's read has left its reactions and joined paragraphs in.
func FuzzParse_NoBody(f *testing.F) {
	for _, s := range noBodyFuzzSeeds {
		f.Add(s, uint8(0))
	}
	for _, s := range wireFuzzSeeds {
		f.Add(s, uint8(0))
	}
	for _, s := range markdownFuzzSeeds {
		f.Add(s, uint8(1))
	}
	for _, s := range jsonFuzzSeeds {
		f.Add(s, uint8(2))
	}
	if seed, err := os.ReadFile("../seeds/000_6b8f1c3f41772375.txt"); err == nil {
		f.Add(string(seed), uint8(0))
	}
	f.Fuzz(func(t *testing.T, text string, which uint8) {
		spec := formats[int(which)%len(formats)]
		want, wantProbs := parse("f", "f", []byte(text), spec, false, nil)
		for i := range want {
			want[i].Paragraphs = nil
		}
		// Borrowed (Entry.ReadThen): the same, while the bytes last.
		sc := new(scratch)
		parse("g", "g", []byte(noBodyFuzzSeeds[0]), wireFormat, true, sc)
		sc.reset()
		borrowed, borrowedProbs := parse("f", "f", []byte(text), spec, true, sc)
		if !reflect.DeepEqual(borrowed, want) || !reflect.DeepEqual(borrowedProbs, wantProbs) {
			t.Fatalf("%s %q:\nborrowed %+v %v\nwhole    %+v %v", spec.Name, text, borrowed, borrowedProbs, want, wantProbs)
		}
		data := []byte(text)
		got, gotProbs := parse("f", "f", data, spec, true, nil)
		for i := range data {
			data[i] = 'x'
		}
		if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gotProbs, wantProbs) {
			t.Fatalf("%s %q:\nno body %+v %v\nwhole   %+v %v", spec.Name, text, got, gotProbs, want, wantProbs)
		}
	})
}

func TestParse_NoBodyLeavesOnlyTheParagraphsOut(t *testing.T) {
	data, err := os.ReadFile("../seeds/000_6b8f1c3f41772375.txt")
	if err != nil {
		t.Fatal(err)
	}
	whole, _ := parse("s", "s", data, wireFormat, false, nil)
	head, _ := parse("s", "s", bytes.Clone(data), wireFormat, true, nil)
	if len(whole) != 1 || len(head) != 1 {
		t.Fatalf("%d and %d articles", len(whole), len(head))
	}
	if len(whole[0].Paragraphs) == 0 || head[0].Paragraphs != nil {
		t.Fatalf("whole read %d paragraphs, read without the body %d", len(whole[0].Paragraphs), len(head[0].Paragraphs))
	}
	if len(head[0].Reactions) == 0 || head[0].Place == "" {
		t.Fatalf("read without the body lost its head: %+v", head[0])
	}
}

// TestNFC_MakesNoAmpersand holds up the rule that lets the head parse
// leave out a paragraph with no '&' in it: a character reference starts with
// '&', and normalising to NFC makes no '&' of any other character (a
// composition makes a character that is not ASCII; only a singleton
// decomposition could, and none gives '&').
func TestNFC_MakesNoAmpersand(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if r == '&' || (r >= 0xd800 && r <= 0xdfff) {
			continue
		}
		if s := string(r); strings.Contains(norm.NFC.String(s), "&") || strings.Contains(norm.NFD.String(s), "&") {
			t.Fatalf("NFC or NFD of %U holds '&'", r)
		}
	}
}

func TestParseWire_JoinedParagraphsAreTheirOwn(t *testing.T) {
	text := "H\n\nFirst\nblock.\n\nSecond\nblock.\n\nThird.\n"
	a := parseWireText(t, text)
	want := []string{"First block.", "Second block.", "Third."}
	if !reflect.DeepEqual(a.Paragraphs, want) {
		t.Fatalf("paragraphs %q, want %q", a.Paragraphs, want)
	}
}

// A scratch that a file of thousands of reactions, or a file over 1 MiB,
// grew is not kept for the next reads: a hostile file cannot make every
// worker hold its size.
func TestScratch_LetsGoOfWhatALargeFileGrew(t *testing.T) {
	var b strings.Builder
	b.WriteString("Headline\n\nPARIS (AP) — Body\nwrapped.\n\nReactions\n\n")
	for i := range 2 * maxKeptReactions {
		fmt.Fprintf(&b, "Name %d, Analyst: \"A quote\nwrapped over %s.\"\n\n", i, strings.Repeat("lines ", 40))
	}
	sc := new(scratch)
	arts, _ := parse("f", "f", []byte(b.String()), wireFormat, true, sc)
	if len(arts) != 1 || len(arts[0].Reactions) != 2*maxKeptReactions {
		t.Fatalf("read %d articles, %d reactions", len(arts), len(arts[0].Reactions))
	}
	if cap(sc.reactions) <= maxKeptReactions || cap(sc.buf) <= maxKeptJoined {
		t.Fatalf("the read did not build in the scratch: %d reactions, %d bytes", cap(sc.reactions), cap(sc.buf))
	}
	sc.data = sc.readBuf(2 * maxKeptReadBuf)
	if cap(sc.data) < 2*maxKeptReadBuf {
		t.Fatalf("read buffer of %d bytes for a file of %d", cap(sc.data), 2*maxKeptReadBuf)
	}
	sc.reset()
	if cap(sc.reactions) > maxKeptReactions || cap(sc.buf) > maxKeptJoined || len(sc.arts) != 0 || cap(sc.data) > maxKeptReadBuf {
		t.Errorf("scratch kept %d reactions, %d joined bytes, %d articles, a read buffer of %d bytes",
			cap(sc.reactions), cap(sc.buf), len(sc.arts), cap(sc.data))
	}
	sc.data = sc.readBuf(100)
	if cap(sc.data) < minReadBuf {
		t.Errorf("a small file's buffer has %d bytes, want at least %d to serve the next files", cap(sc.data), minReadBuf)
	}
	if again := sc.readBuf(minReadBuf); &again[:1][0] != &sc.data[:1][0] {
		t.Errorf("the next file did not reuse the scratch's buffer")
	}
}
