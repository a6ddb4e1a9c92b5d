package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/convo-cli/convo/api"
)

// A saved response over 64 MiB is refused in the words of a file, not of
// an API response, whether it is a file or standard input.
func TestInputTooLarge(t *testing.T) {
	big := filepath.Join(t.TempDir(), "big.json")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(api.MaxBody + 1); err != nil { // sparse: nothing written
		t.Fatal(err)
	}
	f.Close()
	tests := []struct {
		name  string
		args  []string
		stdin io.Reader
		want  string
	}{
		{"a file", []string{"--file", big}, nil, "convo: " + big + ": the file is larger than 64 MiB\n"},
		{"standard input", []string{"--file", "-"}, io.LimitReader(zeros{}, api.MaxBody+1),
			"convo: standard input: the input is larger than 64 MiB\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if status := run(append(tt.args, "--format", "text"), tt.stdin, &stdout, &stderr); status != 1 {
				t.Errorf("exit status %d, want 1", status)
			}
			if stderr.String() != tt.want {
				t.Errorf("stderr %q, want %q", stderr.String(), tt.want)
			}
		})
	}
}

// zeros reads as endless zero bytes.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// A file's name is quoted in an error without its control or format
// characters: a BiDi override would make the line read otherwise.
func TestFileNameQuotedPrintably(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "case-\u202egnp.json\x1b[2J")
	var stdout, stderr bytes.Buffer
	if status := run([]string{"--file", name, "--format", "text"}, nil, &stdout, &stderr); status != 1 {
		t.Errorf("exit status %d, want 1", status)
	}
	got := stderr.String()
	if want := "convo: " + filepath.Join(dir, "case-gnp.json") + ": no such file\n"; got != want {
		t.Errorf("stderr %q, want %q", got, want)
	}
	if strings.ContainsFunc(strings.TrimSuffix(got, "\n"), func(r rune) bool { return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) }) {
		t.Errorf("stderr %q holds a control or format character", got)
	}
}
