package render

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/convo-cli/convo/api"
)

// relatedSample is what --related found around the demo: two other
// conversations of more, and side conversations refused for a scope.
func relatedSample() *Related {
	return &Related{
		Conversations: &RelatedList[api.ConversationSummary]{Total: 5, Items: []api.ConversationSummary{
			{ID: "7002", Title: "Refund for order 1182", State: "closed", UpdatedAt: 1763900000},
			{ID: "7001", Snippet: "Hello, my invoice is wrong", State: "open", UpdatedAt: 1763800000},
		}},
		Sides: &RelatedList[api.SideConversation]{Err: &api.Error{Status: 403, Scope: api.ScopeReadConversations}},
	}
}

// TestGoldenRelated pins --related in every printed format.
func TestGoldenRelated(t *testing.T) {
	for _, f := range formats {
		name := "demo-related." + f.ext
		t.Run(name, func(t *testing.T) {
			o := testOptions()
			o.Related = relatedSample()
			var b bytes.Buffer
			if err := f.write(&b, api.Demo(), o); err != nil {
				t.Fatal(err)
			}
			compareGolden(t, filepath.Join("testdata", "golden", name), b.Bytes())
		})
	}
}

func TestRelatedJSON(t *testing.T) {
	tests := []struct {
		name    string
		related *Related
		want    []string
		wantNot []string
	}{
		{"not asked", nil, []string{`"related": null`}, nil},
		{"found", relatedSample(), []string{
			`"related": {`, `"linked": [`, `"kind": "ticket"`,
			`"id": "7002",` + "\n" + `          "title": "Refund for order 1182",`,
			`"title": "Hello, my invoice is wrong"`, `"total_count": 5`,
			`"missing_scope": "read_conversations"`,
		}, nil},
		{"another failure", &Related{Conversations: &RelatedList[api.ConversationSummary]{Err: errors.New("no answer\x1b[31m within 20s")}}, []string{
			`"conversations": {`, `"error": "no answer within 20s"`, `"side_conversations": null`,
		}, []string{"\x1b"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := testOptions()
			o.Related = tt.related
			var b bytes.Buffer
			if err := WriteJSON(&b, api.Demo(), o); err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(b.String(), w) {
					t.Errorf("json lacks %q", w)
				}
			}
			for _, w := range tt.wantNot {
				if strings.Contains(b.String(), w) {
					t.Errorf("json has %q", w)
				}
			}
		})
	}
	// The public view leaves it out: the customer's other conversations
	// are not theirs to forward.
	o := testOptions()
	o.Related, o.Public = relatedSample(), true
	var b bytes.Buffer
	if err := WriteJSON(&b, api.Demo(), o); err != nil || !strings.Contains(b.String(), `"related": null`) {
		t.Errorf("public json keeps related (%v)", err)
	}
}
