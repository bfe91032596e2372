package article

import (
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

// wireFuzzSeeds are inputs that reach each branch of the wire parser and
// the sanitiser; the checked-in corpus in testdata/fuzz holds more.
var wireFuzzSeeds = []string{
	"Headline only\n",
	"H\r\nBy Jane Doe\r\nMOSCOW, Feb 1 (Reuters) — Body.\r\nReactions\r\nAnn Lee, Farmer (Laurel, Md.): \"Q.\"\r\n",
	"\n\nH\n\nST. PAUL, Minn. -- Wrapped\nbody.\n\n## **Analysis:**\n\n\"Q\" — Ann, Role\n\nA note.\n",
	"H\nKYIV, 4 May 2023 – Body.\nCommentary\nAnn Lee, Farmer: \"Unclosed\n",
	"\xef\xbb\xbf\x1b]0;t\x07H\x1b[31m\xff\xfe\u202e\u009b2J\nBy \x1bP\x1b\\X\n\x1b_\x1b^\x1bX\u0090\u009d",
	"H\ne\u0301\u00a0\n\x1b]8;;x",
	"&#x1b;]0;T&#7;\nBy &#155;A\nPARIS (&#X9D) — &#0000027[2J&#x1e\u0301.\nReactions\nA, B (&#x202e;): \"&#4294967323;\"\n",
}

func FuzzParseWire(f *testing.F) {
	for _, s := range wireFuzzSeeds {
		f.Add([]byte(s))
	}
	if seed, err := os.ReadFile("../seeds/000_6b8f1c3f41772375.txt"); err == nil {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		arts, _ := Parse("f.txt", data, FormatWire)
		for _, a := range arts {
			for _, s := range articleFields(a) {
				checkSafe(t, s)
			}
		}
	})
}

func FuzzSanitize(f *testing.F) {
	for _, s := range wireFuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Sanitize(s)
		checkSafe(t, out)
		if out != strings.TrimSpace(out) || Sanitize(out) != out {
			t.Errorf("Sanitize(%q) = %q: not trimmed or not idempotent", s, out)
		}
	})
}

// checkSafe fails unless s is valid UTF-8 free of every character the
// sanitiser removes (ESC, BEL and the other controls, C1, bidi) and of
// every character reference a renderer would decode into one.
func checkSafe(t *testing.T, s string) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Fatalf("invalid UTF-8 in field %q", s)
	}
	for _, r := range s {
		if isControl(r) || r == 0x1b {
			t.Fatalf("control %U in field %q", r, s)
		}
	}
	if decodesToControl(s) {
		t.Fatalf("character reference to a control in field %q", s)
	}
}
