package config

import (
	"errors"
	"flag"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want Config
	}{
		{"demo", []string{"--demo"}, Config{Demo: true, Theme: "auto"}},
		{"id", []string{"12345"}, Config{Target: "12345", Theme: "auto"}},
		{"flags after the argument", []string{"12345", "--format", "json", "--width=90"},
			Config{Target: "12345", Format: "json", Width: 90, Theme: "auto"}},
		{"file from stdin", []string{"--file", "-", "--theme", "light"}, Config{File: "-", Theme: "light"}},
		{"single dash flags", []string{"-demo", "-format", "text"}, Config{Demo: true, Format: "text", Theme: "auto"}},
		{"double dash ends flags", []string{"--format", "text", "--", "--demo"}, Config{Target: "--demo", Format: "text", Theme: "auto"}},
		{"version needs nothing else", []string{"--version"}, Config{Version: true, Theme: "auto"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(tt.args)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.args, err)
			}
			if got != tt.want {
				t.Errorf("Parse(%q) = %+v, want %+v", tt.args, got, tt.want)
			}
		})
	}
}

func TestParseRefuses(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string // in the error
	}{
		{"nothing to show", nil, "name a conversation"},
		{"two sources", []string{"123", "--demo"}, "only one"},
		{"two ids", []string{"123", "456"}, "one conversation at a time"},
		{"unknown flag", []string{"--demo", "--colour"}, "flag provided but not defined: -colour"},
		{"missing value", []string{"--demo", "--format"}, "flag needs an argument"},
		{"unknown format", []string{"--demo", "--format", "html"}, `--format "html"`},
		{"unknown theme", []string{"--demo", "--theme", "sepia"}, `--theme "sepia"`},
		{"width too small", []string{"--demo", "--width", "10"}, "--width 10"},
		{"width not a number", []string{"--demo", "--width", "wide"}, "invalid value"},
		{"negative width", []string{"--demo", "--width", "-5"}, "--width -5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.args)
			var ue *UsageError
			if !errors.As(err, &ue) {
				t.Fatalf("Parse(%q) error %v, want a *UsageError", tt.args, err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Parse(%q) error %q, want it to say %q", tt.args, err, tt.want)
			}
		})
	}
}

func TestParseHelp(t *testing.T) {
	for _, arg := range []string{"-h", "--help", "-help"} {
		if _, err := Parse([]string{arg}); !errors.Is(err, flag.ErrHelp) {
			t.Errorf("Parse(%q) error %v, want flag.ErrHelp", arg, err)
		}
	}
}
