package render

import (
	"fmt"
	"slices"
	"strings"

	gansi "charm.land/glamour/v2/ansi"
	"charm.land/glamour/v2/styles"
	"github.com/charmbracelet/x/ansi"
)

// Auto is the style name that follows the terminal's background.
const Auto = "auto"

// styleNames are the values --style takes, in the order help lists them.
// Every name but Auto is one of Glamour's standard styles.
var styleNames = []string{
	Auto, styles.DarkStyle, styles.LightStyle, styles.NoTTYStyle, styles.AsciiStyle,
	styles.DraculaStyle, styles.TokyoNightStyle, styles.PinkStyle,
}

// StyleNames returns the style names --style accepts, "auto" first.
func StyleNames() []string { return slices.Clone(styleNames) }

// ParseStyle checks a style name as a user wrote it (any case) and
// returns it in lower case; an unknown name is an error that lists the
// valid ones.
func ParseStyle(name string) (string, error) {
	n := strings.ToLower(strings.TrimSpace(name))
	if slices.Contains(styleNames, n) {
		return n, nil
	}
	return "", fmt.Errorf("unknown style %q (valid styles: %s)", name, strings.Join(styleNames, ", "))
}

// Style is a resolved rendering style: one of Glamour's standard styles,
// with or without its colours (NO_COLOR). It is part of every cache key.
type Style string

// noColorSuffix marks a Style whose colours are dropped.
const noColorSuffix = "+nocolor"

// Resolve picks the style to render with: the named style (any case),
// or for "auto", "" and unknown names dark or light after the terminal's
// background. noColor keeps the style but drops its colours, so bold,
// italics and underline still show; notty and ascii have none to drop.
func Resolve(name string, isDark, noColor bool) Style {
	n, err := ParseStyle(name)
	if err != nil || n == Auto {
		n = styles.LightStyle
		if isDark {
			n = styles.DarkStyle
		}
	}
	if noColor && !colourless(n) {
		n += noColorSuffix
	}
	return Style(n)
}

// ForcedBackground reports whether the named style fixes the background
// (light or dark) and which; "auto", notty and ascii follow the terminal.
func ForcedBackground(name string) (isDark, ok bool) {
	switch n, _ := ParseStyle(name); n {
	case styles.LightStyle:
		return false, true
	case styles.DarkStyle, styles.DraculaStyle, styles.TokyoNightStyle, styles.PinkStyle:
		return true, true
	}
	return true, false
}

// ForcedNoColor reports whether the named style has no colour at all.
func ForcedNoColor(name string) bool {
	n, _ := ParseStyle(name)
	return colourless(n)
}

// colourless reports whether the Glamour style named n has no colours.
func colourless(n string) bool {
	return n == styles.NoTTYStyle || n == styles.AsciiStyle
}

// Valid reports whether s is a style Resolve can return.
func (s Style) Valid() bool {
	_, ok := styles.DefaultStyles[s.glamourName()]
	return ok
}

// NoColor reports whether s drops its colours.
func (s Style) NoColor() bool { return strings.HasSuffix(string(s), noColorSuffix) }

// glamourName is the Glamour style s renders with.
func (s Style) glamourName() string { return strings.TrimSuffix(string(s), noColorSuffix) }

// config is the Glamour style configuration for s: the standard one with
// its block quotes fixed so that their text wraps inside the bar.
//
// Glamour draws a quote's bar as Indent copies of IndentToken but takes
// only Indent cells off the text's width: the standard "│ " is two cells
// counted as one, so each line of a quote comes out one cell too wide and
// the document's own wrap then moves its last word onto a line of its own,
// outside the bar. A margin is drawn with the same token but counted
// twice (once per side), so one token of two cells counted as a margin of
// one takes exactly the cells it draws.
func (s Style) config() (gansi.StyleConfig, error) {
	std, ok := styles.DefaultStyles[s.glamourName()]
	if !ok {
		return gansi.StyleConfig{}, fmt.Errorf("unknown style %q", string(s))
	}
	cfg := *std // a copy: the standard configurations are shared
	bq := cfg.BlockQuote
	if bq.IndentToken != nil && bq.Indent != nil && bq.Margin == nil &&
		ansi.StringWidth(*bq.IndentToken) == 2 {
		indent, margin := uint(0), *bq.Indent
		bq.Indent, bq.Margin = &indent, &margin
		cfg.BlockQuote = bq
	}
	return cfg, nil
}
