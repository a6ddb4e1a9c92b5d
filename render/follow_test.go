package render

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/convo-cli/convo/api"
)

// Each part written alone is written as the whole document writes it: its
// text and Markdown are found in the document's, and JSON Lines' head and
// parts are the document's object less "parts", and its parts, in every
// view.
func TestItemsAloneAsInTheDocument(t *testing.T) {
	convs := append(fixtures(t), fixture{"demo", api.Demo()})
	views := map[string]func(*Options){
		"all":       func(*Options) {},
		"public":    func(o *Options) { o.Public = true },
		"no events": func(o *Options) { o.NoEvents = true },
		"narrow":    func(o *Options) { o.Width = 30 },
	}
	for _, f := range convs {
		for name, view := range views {
			o := testOptions()
			view(&o)
			items := Transcript(f.conv, o)
			if len(items) == 0 {
				continue
			}
			var text, md, doc bytes.Buffer
			if err := WriteText(&text, f.conv, o); err != nil {
				t.Fatal(err)
			}
			if err := WriteMarkdown(&md, f.conv, o); err != nil {
				t.Fatal(err)
			}
			if err := WriteJSON(&doc, f.conv, o); err != nil {
				t.Fatal(err)
			}
			for _, it := range items {
				var b bytes.Buffer
				if err := WriteTextItem(&b, it, o); err != nil {
					t.Fatal(err)
				}
				if b.Len() == 0 || !strings.Contains(text.String(), b.String()) {
					t.Errorf("%s, %s: part %s as text\n%s\nis not in the document's", f.name, name, it.ID, b.String())
				}
				b.Reset()
				if err := WriteMarkdownItem(&b, it, o); err != nil {
					t.Fatal(err)
				}
				if b.Len() == 0 || !strings.Contains(md.String(), b.String()) {
					t.Errorf("%s, %s: part %s as Markdown\n%s\nis not in the document's", f.name, name, it.ID, b.String())
				}
			}

			var whole map[string]any
			if err := json.Unmarshal(doc.Bytes(), &whole); err != nil {
				t.Fatal(err)
			}
			var lines bytes.Buffer
			if err := WriteJSONHead(&lines, f.conv, o); err != nil {
				t.Fatal(err)
			}
			for _, it := range items {
				if err := WriteJSONPart(&lines, it, o); err != nil {
					t.Fatal(err)
				}
			}
			rows := strings.Split(strings.TrimSuffix(lines.String(), "\n"), "\n")
			if len(rows) != len(items)+1 {
				t.Fatalf("%s, %s: %d lines for %d parts", f.name, name, len(rows), len(items))
			}
			var head map[string]any
			if err := json.Unmarshal([]byte(rows[0]), &head); err != nil {
				t.Fatal(err)
			}
			parts := whole["parts"].([]any)
			delete(whole, "parts")
			if !reflect.DeepEqual(head, whole) {
				t.Errorf("%s, %s: the head line\n%s\nis not the document less its parts", f.name, name, rows[0])
			}
			for i, row := range rows[1:] {
				var part any
				if err := json.Unmarshal([]byte(row), &part); err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(part, parts[i]) {
					t.Errorf("%s, %s: line %d\n%s\nis not the document's part %d", f.name, name, i+2, row, i)
				}
			}
		}
	}
}
