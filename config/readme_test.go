package config

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"testing"
)

// The README's example config file is a valid file, and shows every
// setting (some commented out, as alternatives).
func TestReadmeExampleConfig(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)## Configuration\n.*?```toml\n(.*?)```").FindSubmatch(readme)
	if m == nil {
		t.Fatal("README.md's Configuration section has no toml example")
	}
	example := string(m[1])
	path := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(path, []byte(example), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := readFile(path, "--config"); err != nil {
		t.Errorf("the README's example config is refused: %v", err)
	}
	fields := reflect.TypeFor[fileConfig]()
	for i := range fields.NumField() {
		name := fields.Field(i).Tag.Get("toml")
		shown := regexp.MustCompile(`(?m)^(# )?` + regexp.QuoteMeta(name) + ` +=`)
		if name == "keys" {
			shown = regexp.MustCompile(`(?m)^\[keys\]`)
		}
		if !shown.MatchString(example) {
			t.Errorf("the README's example config does not show %s", name)
		}
	}
}
