package article

// STUB: owned by the Markdown/JSON helper.

// parseMarkdown parses Markdown with optional YAML front matter.
func parseMarkdown(text string) (Article, []Problem) { return Article{}, nil }
