package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/convo-cli/convo/config"
)

// shellOrSkip finds a shell; CI must have it (make deps installs it).
func shellOrSkip(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is missing; make deps installs it", name)
		}
		t.Skipf("%s is not installed (make deps installs it)", name)
	}
	return path
}

func TestCompletionScripts(t *testing.T) {
	for _, sh := range shells {
		t.Run(sh, func(t *testing.T) {
			var out, errOut bytes.Buffer
			if code := run([]string{"completion", sh}, nil, &out, &errOut); code != 0 {
				t.Fatalf("exit %d: %s", code, errOut.String())
			}
			for _, f := range config.FlagNames() {
				mention := "--" + f
				if sh == "fish" {
					mention = "-l " + f + " "
				}
				if !strings.Contains(out.String(), mention) {
					t.Errorf("the %s script lacks --%s", sh, f)
				}
				if flagHelp[f] == "" {
					t.Errorf("--%s has no description", f)
				}
			}
			script := filepath.Join(t.TempDir(), "convo."+sh)
			if err := os.WriteFile(script, out.Bytes(), 0o600); err != nil {
				t.Fatal(err)
			}
			// The shell itself checks the script; bash and fish also
			// complete a flag and a flag's value.
			var cmd *exec.Cmd
			var want []string
			switch sh {
			case "bash":
				cmd = exec.Command(shellOrSkip(t, "bash"), "-c", `source "$1"
					COMP_WORDS=(convo --for); COMP_CWORD=1; _convo; echo "${COMPREPLY[@]}"
					COMP_WORDS=(convo --region ""); COMP_CWORD=2; _convo; echo "${COMPREPLY[@]}"
					COMP_WORDS=(convo tic); COMP_CWORD=1; _convo; echo "${COMPREPLY[@]}"
					COMP_WORDS=(convo --rel); COMP_CWORD=1; _convo; echo "${COMPREPLY[@]}"
					COMP_WORDS=(convo --fol); COMP_CWORD=1; _convo; echo "${COMPREPLY[@]}"
					COMP_WORDS=(convo --inte); COMP_CWORD=1; _convo; echo "${COMPREPLY[@]}"`, "bash", script)
				want = []string{"--format\n", "us eu au\n", "ticket\n", "--related\n", "--follow\n", "--interval\n"}
			case "zsh":
				cmd = exec.Command(shellOrSkip(t, "zsh"), "-n", script)
				if !strings.Contains(out.String(), "(ticket)") {
					t.Errorf("the zsh script does not complete the word ticket")
				}
			case "fish":
				cmd = exec.Command(shellOrSkip(t, "fish"), "--no-config", "-c",
					`source $argv[1]; complete -C "convo --for"; complete -C "convo --theme "; complete -C "convo tic"; complete -C "convo --rel"; complete -C "convo --fol"; complete -C "convo --inte"`, script)
				want = []string{"--format\t", "auto\t", "dark\t", "light\t", "ticket\t", "--related\t", "--follow\t", "--interval\t"}
			}
			got, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("%s refused the script: %v\n%s", sh, err, got)
			}
			for _, w := range want {
				if !strings.Contains(string(got), w) {
					t.Errorf("%s completed %q, want %q in it", sh, got, w)
				}
			}
		})
	}
}

func TestCompletionRefuses(t *testing.T) {
	for _, args := range [][]string{{"completion"}, {"completion", "tcsh"}} {
		var out, errOut bytes.Buffer
		if code := run(args, nil, &out, &errOut); code != 2 || out.Len() != 0 || strings.Count(errOut.String(), "\n") != 1 {
			t.Errorf("run(%q) = %d, stdout %q, stderr %q; want exit 2 and one line", args, code, out.String(), errOut.String())
		}
	}
}

// bash completes --file to file names whole, spaces and all.
func TestBashCompletesFileNamesWithSpaces(t *testing.T) {
	bash := shellOrSkip(t, "bash")
	var out, errOut bytes.Buffer
	if code := run([]string{"completion", "bash"}, nil, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	dir := t.TempDir()
	script := filepath.Join(dir, "convo.bash")
	if err := os.WriteFile(script, out.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	files := filepath.Join(dir, "files")
	for _, name := range []string{"my case.json", "my  other case.json", "my*.json"} {
		if err := os.MkdirAll(files, 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(files, name), nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(bash, "-c", `source "$1"; cd "$2"
		COMP_WORDS=(convo --file my); COMP_CWORD=2; _convo; printf '<%s>\n' "${COMPREPLY[@]}"`, "bash", script, files)
	got, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("bash: %v\n%s", err, got)
	}
	lines := strings.Split(strings.TrimSpace(string(got)), "\n")
	slices.Sort(lines)
	if want := []string{"<my  other case.json>", "<my case.json>", "<my*.json>"}; !slices.Equal(lines, want) {
		t.Errorf("bash completed --file my to %q, want %q", lines, want)
	}
}
