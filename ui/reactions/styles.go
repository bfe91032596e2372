package reactions

import (
	"charm.land/lipgloss/v2"

	"github.com/newsdesk/newsdesk/ui/theme"
)

// Styles are the panel's Lip Gloss styles. Each panel carries its own
// (an SSH server runs many panels, each for its own terminal).
type Styles struct {
	// Border and FocusedBorder are the shapes of a card's border. The
	// focused card has a different shape as well as colour, so the focus
	// shows without colour too (NO_COLOR).
	Border        lipgloss.Border
	FocusedBorder lipgloss.Border
	// BorderColor and FocusedBorderColor colour the border's lines.
	BorderColor        lipgloss.Style
	FocusedBorderColor lipgloss.Style
	// Number and FocusedNumber are the card's number in its top border
	// (the number the 1–9 keys use).
	Number        lipgloss.Style
	FocusedNumber lipgloss.Style
	Name          lipgloss.Style
	Role          lipgloss.Style
	Location      lipgloss.Style
	Quote         lipgloss.Style
	// More is the "more to scroll" indication inside a card.
	More lipgloss.Style
	// Note is a note of the reactions section, NoteMark its leading mark.
	Note     lipgloss.Style
	NoteMark lipgloss.Style
	// Headline and Dateline are the story's, above the cards; Heading is
	// the reactions section's heading and Rule the line it sits on.
	Headline lipgloss.Style
	Dateline lipgloss.Style
	Heading  lipgloss.Style
	Rule     lipgloss.Style
	// Message is for "No reactions to this article." and similar.
	Message lipgloss.Style
}

// DefaultStyles returns the panel's styles for a dark or light background,
// in the interface's one palette.
func DefaultStyles(isDark bool) Styles { return NewStyles(theme.For(isDark)) }

// NewStyles returns the panel's styles in palette p.
func NewStyles(p theme.Palette) Styles {
	accent, border, subtle, text := p.Accent, p.Border, p.Subtle, p.Text
	return Styles{
		Border:             lipgloss.RoundedBorder(),
		FocusedBorder:      lipgloss.ThickBorder(),
		BorderColor:        lipgloss.NewStyle().Foreground(border),
		FocusedBorderColor: lipgloss.NewStyle().Foreground(accent),
		Number:             lipgloss.NewStyle().Foreground(subtle),
		FocusedNumber:      lipgloss.NewStyle().Foreground(accent).Bold(true),
		Name:               lipgloss.NewStyle().Bold(true).Foreground(text),
		Role:               lipgloss.NewStyle().Foreground(subtle),
		Location:           lipgloss.NewStyle().Foreground(subtle).Italic(true),
		Quote:              lipgloss.NewStyle().Foreground(text),
		More:               lipgloss.NewStyle().Foreground(accent).Faint(true),
		Note:               lipgloss.NewStyle().Foreground(subtle).Faint(true).Italic(true),
		NoteMark:           lipgloss.NewStyle().Foreground(subtle).Bold(true),
		Headline:           lipgloss.NewStyle().Bold(true).Foreground(text),
		Dateline:           lipgloss.NewStyle().Foreground(subtle),
		Heading:            lipgloss.NewStyle().Bold(true).Foreground(accent),
		Rule:               lipgloss.NewStyle().Foreground(border),
		Message:            lipgloss.NewStyle().Foreground(subtle),
	}
}
