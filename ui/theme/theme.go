// Package theme is the one palette of newsdesk's terminal interface: the
// few colours every screen draws with (the list, the reader, the reactions
// panel), for a dark or a light background. It exists so that the screens
// in package ui and the panel in package ui/reactions, which cannot import
// each other both ways, take their colours from one definition instead of
// repeating them.
package theme

import (
	"image/color"

	"charm.land/lipgloss/v2"
)

// Palette is the interface's colours for one background.
type Palette struct {
	// Accent marks what has the focus: the selected row, the focused
	// card, headings.
	Accent color.Color
	// Text is body text; Subtle is secondary text (metadata, roles,
	// status, notes).
	Text   color.Color
	Subtle color.Color
	// Border is the lines of cards and rules.
	Border color.Color
	// Warn is the problem count.
	Warn color.Color
	// OnAccent is text drawn on an Accent background.
	OnAccent color.Color
}

// For is the palette for a dark or light background. Every colour has a
// close ANSI 256 equivalent, so it reads the same when a terminal (or an
// SSH client without COLORTERM) gets it downsampled.
func For(isDark bool) Palette {
	ld := lipgloss.LightDark(isDark)
	return Palette{
		Accent:   ld(lipgloss.Color("#5A3FD6"), lipgloss.Color("#B8A6FF")),
		Text:     ld(lipgloss.Color("#1C1C1C"), lipgloss.Color("#DDDDDD")),
		Subtle:   ld(lipgloss.Color("#6B6B6B"), lipgloss.Color("#9A9A9A")),
		Border:   ld(lipgloss.Color("#B5B5B5"), lipgloss.Color("#4E4E4E")),
		Warn:     ld(lipgloss.Color("#B4530A"), lipgloss.Color("#F5A623")),
		OnAccent: ld(lipgloss.Color("#FFFFFF"), lipgloss.Color("#1A1A1A")),
	}
}

// None is the palette without colour (NO_COLOR, the notty and ascii
// styles): the screens still show focus and emphasis by bold, faint and
// border shapes.
func None() Palette {
	n := lipgloss.NoColor{}
	return Palette{Accent: n, Text: n, Subtle: n, Border: n, Warn: n, OnAccent: n}
}
