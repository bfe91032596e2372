package config

import (
	"strconv"
	"strings"
	"testing"
)

// hostileKeys is a config file as large as Load reads (maxFileSize) of
// keys newsdesk does not know: the most keys a file can hold.
func hostileKeys() []byte {
	var b strings.Builder
	for i := 0; b.Len() < maxFileSize-32; i++ {
		b.WriteString("k" + strconv.Itoa(i) + " = 1\n")
	}
	return []byte(b.String())
}

// BenchmarkParse_Example is a start's cost of the config file: the
// example with every setting uncommented.
func BenchmarkParse_Example(b *testing.B) {
	text := []byte(settingLine.ReplaceAllString(Example(), "$1 = "))
	for b.Loop() {
		if _, err := Parse(cfgPath, text); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParse_HostileKeys is the cost of the largest file of unknown
// keys (about 6,500).
func BenchmarkParse_HostileKeys(b *testing.B) {
	text := hostileKeys()
	for b.Loop() {
		if _, err := Parse(cfgPath, text); err == nil {
			b.Fatal("no error")
		}
	}
}
