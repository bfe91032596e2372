package config

import (
	"slices"
	"strings"

	"github.com/spf13/pflag"

	"github.com/newsdesk/newsdesk/ui"
)

// AddRootFlags defines the flags every command takes: --config, --style
// and --state. They belong in the root's persistent flags, so they may
// come before or after the command's name.
func AddRootFlags(fs *pflag.FlagSet) {
	fs.String(ConfigFlag, "", "config file (default $XDG_CONFIG_HOME/newsdesk/"+FileName+"; newsdesk config path says where)")
	addFlags(fs, everyCommand)
}

// AddReaderFlags defines the flags of the reader (the root command's own):
// --poll and --no-mouse.
func AddReaderFlags(fs *pflag.FlagSet) { addFlags(fs, liveCommands, readerCommand) }

// AddServeFlags defines serve's flags: --poll, and one per key of [serve].
func AddServeFlags(fs *pflag.FlagSet) { addFlags(fs, liveCommands, serveCommand) }

// addFlags defines the flags of the settings of the scopes.
func addFlags(fs *pflag.FlagSet, scopes ...scope) {
	def := Default()
	for _, s := range settings {
		if slices.Contains(scopes, s.scope()) {
			s.addFlag(fs, &def)
		}
	}
}

// exampleWidth is the width the example's comments are wrapped to.
const exampleWidth = 76

// Example is a config file that says every setting and action, each
// commented out at its default: it parses to Default, and so does every
// setting line uncommented. `newsdesk config example` prints it.
func Example() string {
	def := Default()
	var b strings.Builder
	comment(&b, "newsdesk's config file: "+FileName+" in newsdesk's config directory (newsdesk config path says where; "+
		"--config PATH reads another). Every setting is shown at its default, commented out: uncomment a line to change it. "+
		"A flag given on the command line wins over this file, and $"+LibraryEnv+" over its library. "+
		`In paths, "~/" is the home directory, a relative path is relative to this file's directory, and "" is the default place.`)
	section := ""
	for _, s := range settings {
		if s.section() != section {
			section = s.section()
			b.WriteString("\n[" + section + "]\n")
		} else {
			b.WriteString("\n")
		}
		help := s.usage()
		help = strings.ToUpper(help[:1]) + help[1:]
		if s.flagName() != "" {
			help += " (--" + s.flagName() + ")"
		}
		comment(&b, help)
		b.WriteString("# " + s.name() + " = " + s.literal(&def) + "\n")
	}
	b.WriteString("\n")
	comment(&b, "Key bindings: an action's keys, in place of its default ones, as a key (\"x\") or a list of keys "+
		`(["x", "ctrl+x"]). Keys are named as Bubble Tea names them: "a", "A", "ctrl+a", "alt+a", "enter", "esc", `+
		`"space", "tab", "up", "pgdown", "home", "f1"… Two actions that work on the same screen cannot share a key.`)
	b.WriteString("[" + keys + "]\n")
	km := def.KeyMap()
	for _, a := range km.Actions() {
		line := "# " + a.Name + " = " + stringList(a.Binding.Keys())
		if d := a.Binding.Help().Desc; d != "" {
			line += "  # " + d + " (" + modeList(a.Modes) + ")"
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}

// modeList names modes for the example: where an action works.
func modeList(ms []ui.Mode) string {
	names := make([]string, len(ms))
	for i, m := range ms {
		names[i] = string(m)
	}
	return strings.Join(names, ", ")
}

// comment writes text to b as "# " lines wrapped at exampleWidth.
func comment(b *strings.Builder, text string) {
	line := "#"
	for _, w := range strings.Fields(text) {
		if len(line)+1+len(w) > exampleWidth && line != "#" {
			b.WriteString(line + "\n")
			line = "#"
		}
		line += " " + w
	}
	b.WriteString(line + "\n")
}
