package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/convo-cli/convo/config"
)

// Shells convo writes completion scripts for.
var shells = []string{"bash", "zsh", "fish"}

// flagValues are the words a flag's value completes to; "FILE" completes
// file names, "" nothing.
func flagValues(name string) string {
	switch name {
	case "format":
		return strings.Join(config.Formats, " ")
	case "theme":
		return strings.Join(config.Themes, " ")
	case "region":
		return "us eu au"
	case "file", "config":
		return "FILE"
	}
	return ""
}

// flagHelp is each flag's description for zsh and fish.
var flagHelp = map[string]string{
	"file":        "show a saved API response",
	"demo":        "show the demo conversation",
	"format":      "output format",
	"theme":       "colour theme",
	"width":       "wrap width for text",
	"quoted":      "keep quoted email history in printed bodies",
	"version":     "print the version",
	"region":      "API region",
	"api-url":     "any API base URL",
	"api-version": "Intercom-Version header",
	"plaintext":   "ask for plain-text bodies",
	"timeout":     "time limit of one API request",
	"config":      "config file",
	"no-notes":    "leave out internal notes",
	"no-events":   "leave out events",
	"public":      "only what the customer saw",
	"tz":          "time zone, an IANA name",
	"related":     "json lists linked, earlier and side conversations",
	"follow":      "keep fetching and show new parts as they come",
	"interval":    "time between two fetches while following",
}

// boolFlags take no value.
var boolFlags = map[string]bool{
	"demo": true, "version": true, "plaintext": true, "quoted": true,
	"no-notes":  true,
	"no-events": true,
	"public":    true,
	"related":   true,
	"follow":    true,
}

// writeCompletion writes the completion script for shell, made from the
// flags config declares, so the two cannot drift apart.
func writeCompletion(w io.Writer, shell string) error {
	flags := config.FlagNames()
	var b strings.Builder
	switch shell {
	case "bash":
		b.WriteString("# bash completion for convo: source <(convo completion bash)\n_convo() {\n")
		b.WriteString("  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}\n  case $prev in\n")
		for _, f := range flags {
			switch v := flagValues(f); v {
			case "FILE":
				// One name a line, read whole: $(...) would split it at
				// spaces and expand * in it. compopt -o filenames has bash
				// quote the name as it inserts it (bash 4; quiet on 3).
				fmt.Fprintf(&b, "    --%s) local f; COMPREPLY=(); while IFS= read -r f; do COMPREPLY+=(\"$f\"); done < <(compgen -f -- \"$cur\"); compopt -o filenames 2>/dev/null; return 0;;\n", f)
			case "":
			default:
				fmt.Fprintf(&b, "    --%s) COMPREPLY=($(compgen -W %q -- \"$cur\")); return;;\n", f, v)
			}
		}
		b.WriteString("  esac\n")
		fmt.Fprintf(&b, "  COMPREPLY=($(compgen -W %q -- \"$cur\"))\n}\ncomplete -F _convo convo\n",
			"--"+strings.Join(flags, " --")+" --help completion ticket")
	case "zsh":
		b.WriteString("#compdef convo\n# zsh completion for convo: convo completion zsh > \"${fpath[1]}/_convo\"\n_arguments \\\n")
		for _, f := range flags {
			switch v := flagValues(f); {
			case boolFlags[f]:
				fmt.Fprintf(&b, "  '--%s[%s]' \\\n", f, flagHelp[f])
			case v == "FILE":
				fmt.Fprintf(&b, "  '--%s=[%s]:file:_files' \\\n", f, flagHelp[f])
			case v != "":
				fmt.Fprintf(&b, "  '--%s=[%s]:%s:(%s)' \\\n", f, flagHelp[f], f, v)
			default:
				fmt.Fprintf(&b, "  '--%s=[%s]:%s:' \\\n", f, flagHelp[f], f)
			}
		}
		b.WriteString("  '(-h --help)'{-h,--help}'[show help]' \\\n  '1:conversation id or link, or ticket:(ticket)'\n")
	case "fish":
		b.WriteString("# fish completion for convo: convo completion fish > ~/.config/fish/completions/convo.fish\n")
		for _, f := range flags {
			switch v := flagValues(f); {
			case boolFlags[f]:
				fmt.Fprintf(&b, "complete -c convo -l %s -d '%s'\n", f, flagHelp[f])
			case v == "FILE":
				fmt.Fprintf(&b, "complete -c convo -l %s -r -F -d '%s'\n", f, flagHelp[f])
			case v != "":
				fmt.Fprintf(&b, "complete -c convo -l %s -x -a '%s' -d '%s'\n", f, v, flagHelp[f])
			default:
				fmt.Fprintf(&b, "complete -c convo -l %s -x -d '%s'\n", f, flagHelp[f])
			}
		}
		b.WriteString("complete -c convo -s h -l help\n")
		b.WriteString("complete -c convo -n __fish_use_subcommand -f -a ticket -d 'open a ticket by its id or link'\n")
	default:
		return fmt.Errorf("completion %q: use one of %s", shell, strings.Join(shells, ", "))
	}
	_, err := io.WriteString(w, b.String())
	return err
}
