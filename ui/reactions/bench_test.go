package reactions

import "testing"

// benchKeys presses keys round and round in a panel of a at w×h and
// draws it after each, as the root does for a key in the panel.
func benchKeys(b *testing.B, m Model, keys ...rune) {
	b.Helper()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		m, _ = m.Update(char(keys[i%len(keys)]))
		_ = m.View()
		i++
	}
}

func BenchmarkPanel_NextSeven120x40(b *testing.B) {
	benchKeys(b, newPanel(sevenArticle(), 120, 40), 'l')
}
func BenchmarkPanel_NextNine200x50(b *testing.B) { benchKeys(b, newPanel(nineArticle(), 200, 50), 'l') }
func BenchmarkPanel_NextSeed80x24(b *testing.B)  { benchKeys(b, newPanel(seedArticle(), 80, 24), 'l') }
func BenchmarkPanel_ScrollSeven120x40(b *testing.B) {
	benchKeys(b, newPanel(sevenArticle(), 120, 40), '2', 'j', 'j', 'j', 'k', 'k', 'k')
}
