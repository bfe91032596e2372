package article

// STUB: owned by the wire/sanitize helper; replace the bodies.

// cleanRaw prepares a file's bytes for parsing: drops a UTF-8 BOM, turns each
// maximal run of invalid UTF-8 into one U+FFFD (warning), normalises CRLF to
// LF and removes terminal control (warning), as specified in issue 2.
func cleanRaw(data []byte) (string, []string) { return string(data), nil }

// sanitizeArticle cleans every text field of a parsed article (controls,
// bidi overrides, NFC, Unicode trimming) and adds one warning if control
// sequences were removed; it also dedupes warnings.
func sanitizeArticle(a *Article) {}
