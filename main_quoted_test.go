package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// --quoted keeps the quoted email history that printed output otherwise
// folds to one line.
func TestRunQuoted(t *testing.T) {
	reply, err := os.ReadFile(filepath.Join("render", "testdata", "email", "gmail.html"))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := json.Marshal(string(reply))
	conv := `{"type":"conversation","id":"9","created_at":1795500000,"state":"open",
		"source":{"type":"email","id":"s1","body":"<p>Export stopped</p>","author":{"type":"user","id":"u1","name":"Maya"}},
		"conversation_parts":{"type":"conversation_part.list","total_count":1,"conversation_parts":[
		{"type":"conversation_part","id":"1","part_type":"comment","created_at":1795503600,"body":` + string(body) + `,
		"author":{"type":"user","id":"u1","name":"Maya"}}]}}`
	path := filepath.Join(t.TempDir(), "email.json")
	if err := os.WriteFile(path, []byte(conv), 0o600); err != nil {
		t.Fatal(err)
	}
	const history = "runs nightly at 02:00 UTC"
	for _, tt := range []struct {
		args       []string
		want, lack string
	}{
		{[]string{"--format", "text"}, "[quoted history: 10 lines]", history},
		{[]string{"--format", "text", "--quoted"}, history, "[quoted history"},
		{[]string{"--format", "markdown"}, "*[quoted history: 10 lines]*", history},
		{[]string{"--format", "json", "--quoted"}, history, "[quoted history"},
		{[]string{"--format", "json"}, `"quoted_lines": 10`, history},
	} {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if status := run(append([]string{"--file", path}, tt.args...), nil, &stdout, &stderr); status != 0 {
				t.Fatalf("status %d: %s", status, stderr.String())
			}
			out := stdout.String()
			if !strings.Contains(out, tt.want) || strings.Contains(out, tt.lack) {
				t.Errorf("output, want %q and no %q:\n%s", tt.want, tt.lack, out)
			}
		})
	}
}
