package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/convo-cli/convo/api"
	"go.yaml.in/yaml/v3"
)

// openAPIVersions are the Intercom descriptions in the shared fixtures.
var openAPIVersions = []string{"2.11", "2.12", "2.13", "2.14", "2.15", "2.16", "unstable"}

// openAPIDoc parses one description; a missing file fails the test, since
// skipping would pass with nothing checked.
func openAPIDoc(t *testing.T, version string) map[string]any {
	t.Helper()
	path := filepath.Join(fixtureDir, "openapi-"+version+".yaml")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v: the shared fixtures must sit beside the clone", err)
	}
	var doc map[string]any
	if err := yaml.Unmarshal(b, &doc); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return doc
}

// example is one documented response that is a conversation.
type example struct {
	name string // where it sits: path, method, status, example
	body []byte
}

// responseConversations finds every response example under paths that is
// a conversation, or holds them (a list's conversations), wherever they sit.
func responseConversations(t *testing.T, doc map[string]any) []example {
	t.Helper()
	var out []example
	for _, path := range sortedKeys(doc["paths"]) {
		op := field(doc["paths"], path)
		for _, method := range sortedKeys(op) {
			responses := field(field(op, method), "responses")
			for _, status := range sortedKeys(responses) {
				content := field(field(responses, status), "content")
				for _, media := range sortedKeys(content) {
					at := strings.Join([]string{path, method, status}, " ")
					m := field(content, media)
					if ex := field(m, "example"); ex != nil {
						out = append(out, conversationsIn(t, at+" example", ex)...)
					}
					for _, name := range sortedKeys(field(m, "examples")) {
						out = append(out, conversationsIn(t, at+" "+name, field(field(field(m, "examples"), name), "value"))...)
					}
				}
			}
		}
	}
	return out
}

// conversationsIn finds the conversations in v; a conversation's own
// objects (its linked conversations) are not more of them.
func conversationsIn(t *testing.T, at string, v any) []example {
	switch v := v.(type) {
	case map[string]any:
		if v["type"] == "conversation" {
			b, err := json.Marshal(v)
			if err != nil {
				t.Fatalf("%s: %v", at, err)
			}
			return []example{{at, b}}
		}
		var out []example
		for _, k := range sortedKeys(v) {
			out = append(out, conversationsIn(t, at+"."+k, v[k])...)
		}
		return out
	case []any:
		var out []example
		for i, e := range v {
			out = append(out, conversationsIn(t, fmt.Sprintf("%s[%d]", at, i), e)...)
		}
		return out
	}
	return nil
}

// field is m[key] when m is an object.
func field(m any, key string) any {
	if o, ok := m.(map[string]any); ok {
		return o[key]
	}
	return nil
}

// sortedKeys are an object's keys in order, so that runs agree.
func sortedKeys(m any) []string {
	o, _ := m.(map[string]any)
	keys := make([]string, 0, len(o))
	for k := range o {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// outputs are a conversation in every format: text, Markdown, JSON, the
// details rows and the screen's blocks.
type outputs struct {
	text, markdown, json, details string
}

// renderEverywhere renders c in every format at width, failing on an
// error, invalid JSON or a line of text or a block wider than width.
func renderEverywhere(t *testing.T, what string, c *api.Conversation, width int) outputs {
	t.Helper()
	o := testOptions()
	o.Width = width
	var out outputs
	for _, f := range []struct {
		into  *string
		write func(*bytes.Buffer) error
	}{
		{&out.text, func(b *bytes.Buffer) error { return WriteText(b, c, o) }},
		{&out.markdown, func(b *bytes.Buffer) error { return WriteMarkdown(b, c, o) }},
		{&out.json, func(b *bytes.Buffer) error { return WriteJSON(b, c, o) }},
	} {
		var b bytes.Buffer
		if err := f.write(&b); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		*f.into = b.String()
	}
	checkOutput(t, what+": text", strings.TrimSuffix(out.text, "\n"), width)
	if !json.Valid([]byte(out.json)) {
		t.Fatalf("%s: the JSON output does not parse", what)
	}
	var d strings.Builder
	for _, s := range Details(c, o) {
		for _, r := range s.Rows {
			fmt.Fprintf(&d, "%s · %s: %s\n", s.Title, r.Label, r.Value)
		}
	}
	out.details = d.String()
	r := newTestRenderer(t, width)
	for _, it := range Items(c, nil) {
		checkOutput(t, fmt.Sprintf("%s: block %d", what, it.Index), r.Block(it, o.Loc), width)
	}
	return out
}

// TestOpenAPIExamples decodes every conversation Intercom's descriptions
// give as a response example, in every version convo reads, and renders
// it in every format.
func TestOpenAPIExamples(t *testing.T) {
	for _, v := range openAPIVersions {
		t.Run(v, func(t *testing.T) {
			examples := responseConversations(t, openAPIDoc(t, v))
			t.Logf("openapi-%s.yaml: %d conversation examples", v, len(examples))
			if len(examples) == 0 {
				t.Fatalf("openapi-%s.yaml: no conversation examples found", v)
			}
			for _, ex := range examples {
				c, err := api.DecodeBytes(ex.body)
				if err != nil {
					t.Fatalf("%s: %v", ex.name, err)
				}
				for _, width := range []int{40, 80} {
					renderEverywhere(t, fmt.Sprintf("%s %s at %d", v, ex.name, width), c, width)
				}
			}
		})
	}
}

// TestOpenAPIExampleFieldsShown checks that the later fields the examples
// carry reach the output.
func TestOpenAPIExampleFieldsShown(t *testing.T) {
	tests := []struct {
		version, example string
		text, json       []string
	}{
		{"unstable", "/conversations/{id} get 200 email conversation with history found",
			[]string{"Channel: messenger", "To: testing-workspace@email.com", "Reply-To: Support Team <replies@example.com>"},
			[]string{`"initial": "messenger"`, `"email": "testing-workspace@email.com"`, `"name": "Support Team"`}},
		{"unstable", "/conversations/{id} get 200 with QA evaluations",
			[]string{"Scorecard: Standard QA Review · passed · score 0.85 · AI score 0.9", "Monitor: Customer complaint handling · flagged"},
			[]string{`"name": "Standard QA Review"`, `"result": "flagged"`, `"reasoning": "The agent acknowledged`}},
		{"2.16", "/conversations/{conversation_id} get 200 conversation found",
			[]string{"Priority: none"}, []string{`"priority_level": "none"`, `"priority": false`}},
	}
	for _, tt := range tests {
		t.Run(tt.version+" "+tt.example, func(t *testing.T) {
			var found *example
			for _, ex := range responseConversations(t, openAPIDoc(t, tt.version)) {
				if ex.name == tt.example {
					found = &ex
				}
			}
			if found == nil {
				t.Fatalf("no example %q", tt.example)
			}
			c, err := api.DecodeBytes(found.body)
			if err != nil {
				t.Fatal(err)
			}
			out := renderEverywhere(t, tt.example, c, 80)
			checkShown(t, "text", out.text, tt.text...)
			checkShown(t, "json", out.json, tt.json...)
		})
	}
}

// schemaExample builds a value from a schema's documented examples,
// following $ref and allOf: Intercom documents the company, the sales agent
// and others only there, in no response example.
func schemaExample(schemas map[string]any, s any, depth int) any {
	if depth > 12 { // deep enough for ai_topics → subtopics, and bounded for cycles
		return nil
	}
	if ref, ok := field(s, "$ref").(string); ok {
		return schemaExample(schemas, schemas[strings.TrimPrefix(ref, "#/components/schemas/")], depth+1)
	}
	if ex := field(s, "example"); ex != nil {
		return ex
	}
	if all, ok := field(s, "allOf").([]any); ok {
		merged := map[string]any{}
		for _, part := range all {
			if m, ok := schemaExample(schemas, part, depth+1).(map[string]any); ok {
				for k, v := range m {
					merged[k] = v
				}
			}
		}
		return merged
	}
	if items := field(s, "items"); items != nil {
		if e := schemaExample(schemas, items, depth+1); e != nil {
			return []any{e}
		}
		return []any{}
	}
	props := field(s, "properties")
	if props == nil {
		return nil
	}
	out := map[string]any{}
	for _, k := range sortedKeys(props) {
		if e := schemaExample(schemas, field(props, k), depth+1); e != nil {
			out[k] = e
		}
	}
	return out
}

// TestOpenAPISchemaFieldsShown renders, for each version, a conversation
// made of the conversation schema's own examples, and checks that what
// the version adds is shown in text and Markdown, and keyed in JSON.
func TestOpenAPISchemaFieldsShown(t *testing.T) {
	// Each version has what the earlier ones add, so a check applies from
	// its version on.
	checks := []struct {
		since    string
		text     []string
		jsonKeys []string
	}{
		{"2.14", []string{"AI agent · Started: "}, []string{"ai_agent.created_at", "rating.updated_at"}},
		{"2.15", []string{"Company · Name: Blue Sun", "Company · Plan: Pro", "Company · Website: https://www.intercom.com"},
			[]string{"company.name", "company.monthly_spend"}},
		{"2.16", []string{"Source · Channel: messenger", "Linked · External: Zendesk ticket 3633338", "Sales agent · Outcome: qualified",
			"Sales agent · company.name: Acme Inc", "Source · To: user@example.com", "Source · Reply-To: Support Team <replies@example.com>",
			"Conversation · Priority: high"},
			[]string{"channel.initial", "external_references", "sales_agent.collected_data", "source.recipients"}},
		{"unstable", []string{"Topics · Topic: Billing · Payment Issues"}, []string{"ai_topics"}},
	}
	for i, v := range openAPIVersions {
		t.Run(v, func(t *testing.T) {
			doc := openAPIDoc(t, v)
			schemas, _ := field(field(doc, "components"), "schemas").(map[string]any)
			conv, ok := schemaExample(schemas, schemas["conversation"], 0).(map[string]any)
			if !ok {
				t.Fatalf("openapi-%s.yaml: no conversation schema", v)
			}
			conv["type"], conv["id"] = "conversation", "1"
			body, err := json.Marshal(conv)
			if err != nil {
				t.Fatal(err)
			}
			c, err := api.DecodeBytes(body)
			if err != nil {
				t.Fatalf("decoding the schema's example: %v", err)
			}
			out := renderEverywhere(t, "schema example "+v, c, 80)
			for _, ck := range checks {
				if i < indexOf(openAPIVersions, ck.since) {
					continue
				}
				checkShown(t, "details", out.details, ck.text...)
				for _, s := range ck.text {
					value := s[strings.LastIndex(s, ": ")+2:]
					checkShown(t, "text", out.text, value)
					checkShown(t, "markdown", strings.ReplaceAll(out.markdown, `\`, ""), value)
				}
				for _, key := range ck.jsonKeys {
					if got := jsonAt(t, []byte(out.json), key); got == "null" || got == "[]" || got == "{}" {
						t.Errorf("json %s = %s, want the documented value", key, got)
					}
				}
			}
		})
	}
}

func indexOf(list []string, s string) int {
	for i, e := range list {
		if e == s {
			return i
		}
	}
	return -1
}
