package reactions

import "charm.land/lipgloss/v2"

// Styles are the panel's Lip Gloss styles. Each panel carries its own
// (an SSH server runs many panels, each for its own terminal).
type Styles struct {
	// Card and FocusedCard draw a card's border and padding. The focused
	// card uses a different border shape as well as colour, so the focus
	// shows without colour too (NO_COLOR).
	Card        lipgloss.Style
	FocusedCard lipgloss.Style
	Name        lipgloss.Style
	Role        lipgloss.Style
	Location    lipgloss.Style
	Quote       lipgloss.Style
	// More is the "more to scroll" indication inside a card.
	More lipgloss.Style
	// Notes are the article's notes above the cards.
	Notes lipgloss.Style
	// Message is for "No reactions to this article." and similar.
	Message lipgloss.Style
}

// DefaultStyles returns the panel's styles for a dark or light background.
func DefaultStyles(isDark bool) Styles {
	ld := lipgloss.LightDark(isDark)
	accent := ld(lipgloss.Color("#5A3FD6"), lipgloss.Color("#B8A6FF"))
	border := ld(lipgloss.Color("#B5B5B5"), lipgloss.Color("#4E4E4E"))
	subtle := ld(lipgloss.Color("#6B6B6B"), lipgloss.Color("#9A9A9A"))
	text := ld(lipgloss.Color("#1C1C1C"), lipgloss.Color("#DDDDDD"))
	card := lipgloss.NewStyle().Padding(0, 1)
	return Styles{
		Card:        card.Border(lipgloss.RoundedBorder()).BorderForeground(border),
		FocusedCard: card.Border(lipgloss.ThickBorder()).BorderForeground(accent),
		Name:        lipgloss.NewStyle().Bold(true).Foreground(text),
		Role:        lipgloss.NewStyle().Foreground(subtle),
		Location:    lipgloss.NewStyle().Foreground(subtle).Italic(true),
		Quote:       lipgloss.NewStyle().Foreground(text),
		More:        lipgloss.NewStyle().Foreground(accent).Faint(true),
		Notes:       lipgloss.NewStyle().Foreground(subtle).Italic(true),
		Message:     lipgloss.NewStyle().Foreground(subtle),
	}
}
