package api

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// hostile is a payload of everything Clean must take out: escape
// sequences raw and entity-encoded, a BiDi override, a zero-width space,
// a C1 control, and the token spelt with entities.
var hostile = "a\x1b]0;x\x07b&#27;[2Jc\u202ed\u200be\u0085f " + entities(testToken) + " g"

// entities spells s with decimal character references.
func entities(s string) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteString("&#" + strconv.Itoa(int(r)) + ";")
	}
	return b.String()
}

// checkClean fails for every string v reaches that a terminal should not
// be sent: an escape sequence, a control other than newline and tab, a
// format character, an entity that still decodes, or the token.
func checkClean(t *testing.T, v any) {
	t.Helper()
	var walk func(path string, v reflect.Value)
	walk = func(path string, v reflect.Value) {
		switch v.Kind() {
		case reflect.String:
			checkString(t, path, v.String())
		case reflect.Pointer, reflect.Interface:
			if !v.IsNil() {
				walk(path, v.Elem())
			}
		case reflect.Struct:
			for i := range v.NumField() {
				if v.Type().Field(i).IsExported() {
					walk(path+"."+v.Type().Field(i).Name, v.Field(i))
				}
			}
		case reflect.Slice, reflect.Array:
			if v.Type() == rawMessage {
				var x any
				_ = json.Unmarshal(v.Bytes(), &x)
				walk(path, reflect.ValueOf(&x).Elem())
				return
			}
			for i := range v.Len() {
				walk(path+"["+strconv.Itoa(i)+"]", v.Index(i))
			}
		case reflect.Map:
			for _, k := range v.MapKeys() {
				walk(path+" key", k)
				walk(path+"["+k.String()+"]", v.MapIndex(k))
			}
		}
	}
	walk("", reflect.ValueOf(v))
}

func checkString(t *testing.T, path, s string) {
	t.Helper()
	for _, r := range s {
		if (unicode.IsControl(r) && r != '\n' && r != '\t') || unicode.Is(unicode.Cf, r) {
			t.Errorf("%s: %U left in %q", path, r, s)
			return
		}
	}
	if strings.Contains(Sanitize(s), testToken) || strings.Contains(s, testToken[:8]) {
		t.Errorf("%s: the token is left in %q", path, s)
	}
}

func TestCleanModes(t *testing.T) {
	var v struct {
		Line  string
		Text  string `clean:"text"`
		Body  string `clean:"html"`
		Raw   json.RawMessage
		Map   map[string]string
		Ptr   *struct{ S []string }
		Any   any
		Bytes []byte
		n     string
	}
	v.Line, v.Text, v.Body = "Tom &amp;\n Jerry\x1b[2J", "a\n\tb&#27;[0m", "<p>x &lt;y&gt; &amp;#27;[2Jz\u202e</p>"
	v.Raw = json.RawMessage(`{"k\u001b[1m":["v` + "\\u001b" + `]0;t\u0007w", 12345678901234567890]}`)
	v.Map = map[string]string{"a\u200bb": "c\u202ed", "ab": "first"}
	v.Ptr = &struct{ S []string }{S: []string{"\u009b31mx"}}
	v.Any = "y\x1bcz"
	v.Bytes, v.n = []byte("\x1b"), "\x1b"
	Clean(&v, NewScrubber(testToken))
	want := map[string]string{
		"Line": "Tom & Jerry", "Text": "a\n\tb", "Body": "<p>x &lt;y&gt; z</p>",
		"Raw": `{"k":["vw",12345678901234567890]}`, "Ptr": "x", "Any": "yz",
	}
	got := map[string]string{
		"Line": v.Line, "Text": v.Text, "Body": v.Body, "Raw": string(v.Raw), "Ptr": v.Ptr.S[0], "Any": v.Any.(string),
	}
	for k := range want {
		if got[k] != want[k] {
			t.Errorf("%s: want %q, got %q", k, want[k], got[k])
		}
	}
	if len(v.Map) != 1 || v.Map["ab"] != "first" {
		t.Errorf("map: want the first of the keys that clean alike, got %q", v.Map)
	}
	if string(v.Bytes) != "\x1b" || v.n != "\x1b" {
		t.Error("bytes and unexported fields are not text: want them as they were")
	}
}

// TestCleanReachesLaterFields adds fields to a copy of the Conversation,
// as a later API version would, and proves that Clean cleans them with no
// change to it.
func TestCleanReachesLaterFields(t *testing.T) {
	type company struct {
		Name  string
		Plan  *struct{ Name string }
		Users []struct{ Email string }
	}
	type later struct {
		Conversation
		Company   company
		Channel   map[string]string
		Subjects  [2]string
		Reference any
	}
	var v later
	body := strings.ReplaceAll(`{"type":"conversation","id":"1","title":"H","source":{"body":"<p>H</p>","author":{"name":"H"}},
		"conversation_parts":{"conversation_parts":[{"part_type":"H","body":"H","author":{"name":"H","email":"H"},"tags":[{"name":"H"}],
		"event_details":{"H":["H"]},"translations":{"H":"H"}}]},"custom_attributes":{"H":"H"},
		"Company":{"Name":"H","Plan":{"Name":"H"},"Users":[{"Email":"H"}]},"Channel":{"H":"H"},"Subjects":["H","H"],"Reference":{"H":"H"}}`,
		"H", strings.ReplaceAll(strings.ReplaceAll(hostile, `\`, `\\`), `"`, `\"`))
	body = strings.NewReplacer("\x1b", `\u001b`, "\x07", `\u0007`).Replace(body)
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		t.Fatal(err)
	}
	if v.Company.Plan == nil || !strings.Contains(v.Company.Plan.Name, "\x1b") {
		t.Fatalf("the payload did not arrive: %+v", v.Company)
	}
	Clean(&v, NewScrubber(testToken))
	checkClean(t, &v)
	if v.Company.Users[0].Email != "abcdef [token] g" {
		t.Errorf("want the payload cleaned to %q, got %q", "abcdef [token] g", v.Company.Users[0].Email)
	}
}

// TestClientCleansAnswers has a server echo the token, disguised, in
// every answer, as a hostile proxy or workspace might: in a 401's message,
// the conversation's title, bodies and names, and the admins' and teams'
// names. No error, value or cache file holds it.
func TestClientCleansAnswers(t *testing.T) {
	disguised := "dG9r\u200bOnNlY3JldC0xMjM0NTY3ODkw+/=="
	if !strings.HasPrefix(testToken, "dG9rOnNlY3JldC0xMjM0NTY3ODkw") {
		t.Fatal("the disguise is made for testToken")
	}
	q := func(s string) string { b, _ := json.Marshal(s); return string(b) }
	conv := `{"type":"conversation","id":"1","title":` + q(entities(testToken)) + `,"admin_assignee_id":"991267397","team_assignee_id":"814865",
		"source":{"body":` + q("<p>dG9r<b>OnNlY3Jl</b>dC0xMjM0NTY3ODkw+/==</p>") + `,"author":{"type":"user","id":"u","name":` + q(disguised) + `}},
		"conversation_parts":{"conversation_parts":[{"part_type":"comment","body":` + q("<p>"+entities(testToken)+"</p>") + `,"author":{"type":"admin","id":"991267397","name":"tok&amp;#101;n"}}]}}`
	ws := newWorkspace(t, map[string]answer{
		"/conversations/1": jsonAnswer(200, conv),
		"/conversations/2": jsonAnswer(401, `{"type":"error.list","errors":[{"code":"unauthorized","message":`+q("Access Token "+disguised+" is invalid")+`}]}`),
		"/conversations/3": jsonAnswer(401, `{"type":"error.list","errors":[{"code":"unauthorized","message":`+q("token "+entities(testToken))+`}]}`),
		"/admins":          jsonAnswer(200, `{"type":"admin.list","admins":[{"type":"admin","id":"991267397","name":`+q(disguised)+`,"email":`+q(entities(testToken))+`}]}`),
		"/teams":           jsonAnswer(200, `{"type":"team.list","teams":[{"type":"team","id":"814865","name":`+q("dG9rOnNlY3JldC0xMjM0NTY3ODkw\x01+/==")+`}]}`),
		"/me":              jsonAnswer(200, `{"type":"admin","id":"1","app":{"type":"app","id_code":"abc","name":`+q(disguised)+`}}`),
	})
	dir := t.TempDir()
	d := ws.directory(filepath.Join(dir, "convo"), nil)
	ctx := context.Background()

	c, err := d.Client.Conversation(ctx, "1")
	if err != nil {
		t.Fatal(err)
	}
	checkClean(t, c)
	if c.Title != Redacted || c.Source.Author.Name != Redacted {
		t.Errorf("want the title and the author as %q, got %q and %q", Redacted, c.Title, c.Source.Author.Name)
	}
	for _, id := range []string{"2", "3"} {
		_, err := d.Client.Conversation(ctx, id)
		var ae *Error
		if !errors.As(err, &ae) || ae.Status != 401 {
			t.Fatalf("conversation %s: want a 401, got %v", id, err)
		}
		checkString(t, "the error of conversation "+id, err.Error())
		checkClean(t, ae)
	}
	var lookups []Lookup
	<-d.Resolve(ctx, c, func(l Lookup) { lookups = append(lookups, l) })
	if len(lookups) == 0 {
		t.Fatal("no look-ups")
	}
	checkClean(t, lookups)
	files, _ := filepath.Glob(filepath.Join(dir, "convo", "*"))
	if len(files) == 0 {
		t.Fatal("nothing was cached")
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var x any
		if err := json.Unmarshal(b, &x); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		checkClean(t, x)
	}
}

// TestCacheStoreScrubs checks the last step before the disk on its own: a
// value that reaches the cache with the token in it is written without.
func TestCacheStoreScrubs(t *testing.T) {
	c := &Cache{Dir: filepath.Join(t.TempDir(), "convo")}
	if err := c.store(cacheTeams, "scope", []Team{{ID: "1", Name: "team " + testToken}}, NewScrubber(testToken)); err != nil {
		t.Fatal(err)
	}
	var teams []Team
	if ok, _ := c.load(cacheTeams, "scope", &teams); !ok || len(teams) != 1 || teams[0].Name != "team "+Redacted {
		t.Errorf("want the team stored as %q, got %+v", "team "+Redacted, teams)
	}
}
