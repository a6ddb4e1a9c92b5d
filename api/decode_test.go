package api

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"
)

// mustDecode decodes a body that must be accepted.
func mustDecode(t *testing.T, body string) *Conversation {
	t.Helper()
	c, err := DecodeBytes([]byte(body))
	if err != nil {
		t.Fatalf("want it decoded, got error %v", err)
	}
	return c
}

// withParts wraps part objects into a minimal conversation.
func withParts(parts ...string) string {
	return `{"type":"conversation","id":"1","conversation_parts":{"type":"conversation_part.list","conversation_parts":[` +
		strings.Join(parts, ",") + `],"total_count":` + fmt.Sprint(len(parts)) + `}}`
}

func TestDecodeTolerates(t *testing.T) {
	tests := []struct {
		name  string
		body  string
		check func(t *testing.T, c *Conversation)
	}{
		{
			name: "unknown part types",
			body: withParts(`{"type":"conversation_part","id":"1","part_type":"language_detection_details","body":null}`,
				`{"type":"conversation_part","id":"2","part_type":"made_up_by_a_later_version","body":"<p>x</p>","event_details":{"a":[1,{"b":null}]}}`),
			check: func(t *testing.T, c *Conversation) {
				p := c.ConversationParts.Parts
				if len(p) != 2 || p[0].PartType != "language_detection_details" || p[1].PartType != "made_up_by_a_later_version" {
					t.Fatalf("want both unknown part types kept, got %+v", p)
				}
				if string(p[1].EventDetails) != `{"a":[1,{"b":null}]}` {
					t.Errorf("event_details: want the raw object, got %s", p[1].EventDetails)
				}
			},
		},
		{
			name: "null objects",
			body: `{"type":"conversation","id":"1","title":null,"source":null,"contacts":null,"teammates":null,
				"tags":null,"statistics":null,"ai_agent":null,"sla_applied":null,"conversation_rating":null,
				"first_contact_reply":null,"linked_objects":null,"custom_attributes":null,"ticket":null,
				"admin_assignee_id":null,"team_assignee_id":null,"waiting_since":null,"conversation_parts":null}`,
			check: func(t *testing.T, c *Conversation) {
				if c.Statistics != nil || c.AIAgent != nil || c.SLAApplied != nil || c.ConversationRating != nil ||
					c.FirstContactReply != nil || c.Ticket != nil {
					t.Errorf("want every nullable object nil, got %+v", c)
				}
				if c.Source.Body != "" || c.Title != "" || c.AdminAssigneeID.Set() || c.TeamAssigneeID.Set() || !c.WaitingSince.IsZero() {
					t.Errorf("want empty source, title, assignees and waiting_since, got %+v", c)
				}
			},
		},
		{
			name: "null part fields",
			body: withParts(`{"type":"conversation_part","id":null,"part_type":"comment","body":null,"author":null,
				"attachments":null,"assigned_to":null,"tags":null,"metadata":null,"event_details":null,"created_at":null}`),
			check: func(t *testing.T, c *Conversation) {
				p := c.ConversationParts.Parts[0]
				if p.Body != "" || p.Metadata != nil || p.AssignedTo != nil || !p.CreatedAt.IsZero() {
					t.Errorf("want empty fields, got %+v", p)
				}
			},
		},
		{
			name: "numbers as strings",
			body: `{"type":"conversation","id":"1","created_at":"1719492825","admin_assignee_id":"991267715",
				"team_assignee_id":"5017691","statistics":{"time_to_admin_reply":"120","count_reopens":"2",
				"count_assignments":3,"first_close_at":"1719499999"}}`,
			check: func(t *testing.T, c *Conversation) {
				if c.CreatedAt != 1719492825 || c.AdminAssigneeID != "991267715" || c.TeamAssigneeID != "5017691" {
					t.Errorf("want created_at 1719492825, assignees 991267715/5017691; got %d %q %q", c.CreatedAt, c.AdminAssigneeID, c.TeamAssigneeID)
				}
				s := c.Statistics
				if s == nil || s.TimeToAdminReply == nil || *s.TimeToAdminReply != 120 || s.FirstCloseAt != 1719499999 {
					t.Fatalf("want time_to_admin_reply 120 and first_close_at read, got %+v", s)
				}
				// A plain int given a string is skipped, and decoding goes on.
				if s.CountReopens != 0 || s.CountAssignments != 3 {
					t.Errorf("want count_reopens skipped (0) and count_assignments 3, got %d %d", s.CountReopens, s.CountAssignments)
				}
			},
		},
		{
			name: "strings as numbers",
			body: `{"type":"conversation","id":367,"title":42,"team_assignee_id":5017691,"priority":1,
				"contacts":{"type":"contact.list","contacts":[{"type":"contact","id":9,"external_id":70}]},
				"conversation_parts":{"conversation_parts":[{"id":12,"part_type":"comment","body":5}],"total_count":"1"},
				"state":"open"}`,
			check: func(t *testing.T, c *Conversation) {
				if c.ID != "367" || c.TeamAssigneeID != "5017691" || c.Title != "" || c.State != "open" {
					t.Errorf("want id 367, team 5017691, title skipped, state open; got %q %q %q %q", c.ID, c.TeamAssigneeID, c.Title, c.State)
				}
				if ct := c.Contacts.Contacts; len(ct) != 1 || ct[0].ID != "9" || ct[0].ExternalID != "" {
					t.Errorf("want contact 9 with external_id skipped, got %+v", ct)
				}
				if p := c.ConversationParts.Parts; len(p) != 1 || p[0].ID != "12" || p[0].Body != "" {
					t.Errorf("want part 12 with body skipped, got %+v", p)
				}
			},
		},
		{
			name: "objects where scalars belong",
			body: `{"type":"conversation","id":"1","created_at":{"x":1},"title":["a"],"custom_attributes":[],
				"tags":"none","priority":"high","statistics":{"time_to_assignment":{"seconds":5},"median_time_to_reply":"n/a",
				"time_to_first_close":null,"handling_time":90.7,"count_assignments":2}}`,
			check: func(t *testing.T, c *Conversation) {
				s := c.Statistics
				if !c.CreatedAt.IsZero() || c.Title != "" || c.CustomAttributes != nil || c.Priority != "high" {
					t.Errorf("want odd values skipped and priority kept, got %+v", c)
				}
				if s == nil || s.TimeToAssignment != nil || s.MedianTimeToReply != nil || s.TimeToFirstClose != nil {
					t.Fatalf("want non-numeric durations nil (not zero), got %+v", s)
				}
				if s.HandlingTime == nil || *s.HandlingTime != 90 || s.CountAssignments != 2 {
					t.Errorf("want handling_time 90 and count_assignments 2, got %v %d", s.HandlingTime, s.CountAssignments)
				}
			},
		},
		{
			name: "teammates under admins",
			body: `{"type":"conversation","id":"1","teammates":{"type":"admin.list","admins":[{"type":"admin","id":"5025932"}]}}`,
			check: func(t *testing.T, c *Conversation) {
				if tm := c.Teammates.Teammates; len(tm) != 1 || tm[0].ID != "5025932" || c.Teammates.Type != "admin.list" {
					t.Errorf("want teammate 5025932, got %+v", c.Teammates)
				}
			},
		},
		{
			name: "teammates under teammates",
			body: `{"type":"conversation","id":"1","teammates":{"type":"admin.list","teammates":[{"type":"admin","id":"7"},{"type":"admin","id":8}]}}`,
			check: func(t *testing.T, c *Conversation) {
				if tm := c.Teammates.Teammates; len(tm) != 2 || tm[0].ID != "7" || tm[1].ID != "8" {
					t.Errorf("want teammates 7 and 8, got %+v", tm)
				}
			},
		},
		{
			name: "teammates of the wrong shape",
			body: `{"type":"conversation","id":"1","teammates":"nobody","state":"open"}`,
			check: func(t *testing.T, c *Conversation) {
				if len(c.Teammates.Teammates) != 0 || c.State != "open" {
					t.Errorf("want no teammates and the rest decoded, got %+v %q", c.Teammates, c.State)
				}
			},
		},
		{
			name: "entity-encoded names are decoded, bodies keep their markup",
			body: `{"type":"conversation","id":"1","title":"Tom &amp; Jerry","source":{"body":"<p>a &lt;b&gt; &amp;#27;[2Jc</p>","author":{"type":"admin","name":"Siobh&aacute;n O&#39;Neill"}}}`,
			check: func(t *testing.T, c *Conversation) {
				if c.Source.Author.Name != "Siobhán O'Neill" || c.Title != "Tom & Jerry" {
					t.Errorf("want names decoded, got %q and %q", c.Source.Author.Name, c.Title)
				}
				if want := "<p>a &lt;b&gt; c</p>"; c.Source.Body != want {
					t.Errorf("body: want %q, got %q", want, c.Source.Body)
				}
			},
		},
		{
			name: "team response times as a list",
			body: `{"type":"conversation","id":"1","statistics":{"assigned_team_first_response_time":[{"team_id":6120001,"team_name":"Tier 1","response_time":4263}],
				"assigned_team_first_response_time_in_office_hours":[{"team_id":"6120002","team_name":"Eng","response_time":null}]}}`,
			check: func(t *testing.T, c *Conversation) {
				s := c.Statistics
				if s.AssignedTeamFirstResponseTime != nil {
					t.Errorf("want no scalar team response time, got %d", *s.AssignedTeamFirstResponseTime)
				}
				bt := s.AssignedTeamFirstResponseTimeByTeam
				if len(bt) != 1 || bt[0].TeamID != "6120001" || bt[0].ResponseTime == nil || *bt[0].ResponseTime != 4263 {
					t.Errorf("want team 6120001 at 4263s, got %+v", bt)
				}
				oh := s.AssignedTeamFirstResponseTimeInOfficeHours
				if len(oh) != 1 || oh[0].TeamID != "6120002" || oh[0].ResponseTime != nil {
					t.Errorf("want team 6120002 with no response time, got %+v", oh)
				}
			},
		},
		{
			name: "team response time as a number",
			body: `{"type":"conversation","id":"1","statistics":{"assigned_team_first_response_time":2310,
				"assigned_team_first_response_time_by_team":[{"team_id":1,"team_name":"A","response_time":"2310"}]}}`,
			check: func(t *testing.T, c *Conversation) {
				s := c.Statistics
				if s.AssignedTeamFirstResponseTime == nil || *s.AssignedTeamFirstResponseTime != 2310 {
					t.Errorf("want 2310, got %v", s.AssignedTeamFirstResponseTime)
				}
				if bt := s.AssignedTeamFirstResponseTimeByTeam; len(bt) != 1 || *bt[0].ResponseTime != 2310 {
					t.Errorf("want by_team read, got %+v", bt)
				}
			},
		},
		{
			name: "byte order mark",
			body: "\uFEFF" + `{"type":"conversation","id":"1"}`,
			check: func(t *testing.T, c *Conversation) {
				if c.ID != "1" {
					t.Errorf("want id 1, got %q", c.ID)
				}
			},
		},
		{
			name: "source wins over conversation_message",
			body: `{"type":"conversation","id":"1","source":{"body":"<p>new</p>"},"conversation_message":{"body":"<p>old</p>"}}`,
			check: func(t *testing.T, c *Conversation) {
				if c.Source.Body != "<p>new</p>" {
					t.Errorf("want <p>new</p>, got %q", c.Source.Body)
				}
			},
		},
		{
			name: "later ticket_state object is read",
			body: `{"type":"conversation","id":"1","ticket":{"type":"ticket","id":"9","ticket_id":"22","ticket_state":{"id":"3"},
				"ticket_type":{"type":"ticket_type","id":"79","name":"Bug"},"ticket_attributes":{"_default_title_":"Export"}}}`,
			check: func(t *testing.T, c *Conversation) {
				tk := c.Ticket
				if tk == nil || tk.TicketID != "22" || tk.TicketState != (TicketState{ID: "3"}) || tk.TicketType == nil || tk.TicketType.Name != "Bug" {
					t.Fatalf("want ticket 22 of type Bug in state 3, got %+v", tk)
				}
				if string(tk.TicketAttributes["_default_title_"]) != `"Export"` {
					t.Errorf("want ticket attribute kept, got %s", tk.TicketAttributes["_default_title_"])
				}
			},
		},
	}
	for _, priority := range []string{"priority", "not_priority", "none", "low", "medium", "high", "urgent"} {
		tests = append(tests, struct {
			name  string
			body  string
			check func(t *testing.T, c *Conversation)
		}{
			name: "priority " + priority,
			body: `{"type":"conversation","id":"1","priority":"` + priority + `"}`,
			check: func(t *testing.T, c *Conversation) {
				if c.Priority != priority {
					t.Errorf("want priority %q, got %q", priority, c.Priority)
				}
			},
		})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.check(t, mustDecode(t, tt.body))
		})
	}
}

func TestDecodeRefuses(t *testing.T) {
	full := string(readFixture(t, "conversation-2.11-get-found.json"))
	tests := []struct {
		name string
		body string
		want string // in the error
	}{
		{"empty", "", "empty input"},
		{"only whitespace", " \n\t ", "empty input"},
		{"an array", "[]", "not a JSON object"},
		{"a string", `"x"`, "not a JSON object"},
		{"a number", "42", "not a JSON object"},
		{"null", "null", "not a JSON object"},
		{"malformed", `{"id": }`, "malformed JSON"},
		{"trailing garbage", `{"type":"conversation","id":"1"} x`, "malformed JSON"},
		{"truncated", full[:len(full)/2], "malformed JSON"},
		{"truncated at the last brace", full[:strings.LastIndex(full, "}")], "malformed JSON"},
		{"another type", `{"type":"ticket","id":"1"}`, `its type is "ticket"`},
		{"no id", `{"type":"conversation"}`, "no id"},
		{"null id", `{"type":"conversation","id":null}`, "no id"},
		{"an empty object", `{}`, "no id"},
		{"an error list without errors", `{"type":"error.list","errors":[]}`, "Intercom error response"},
		{"an error without message", `{"type":"error.list","errors":[{"code":"server_error","message":null}]}`, "(server_error)"},
		{"an error with controls", `{"type":"error.list","errors":[{"code":"x\u001b[31m\u202e","message":"m"}]}`, "(x[31m: m)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := DecodeBytes([]byte(tt.body))
			if err == nil {
				t.Fatalf("want an error containing %q, got conversation %+v", tt.want, c)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("want an error containing %q, got %q", tt.want, err)
			}
			if c != nil {
				t.Errorf("want no conversation with the error, got %+v", c)
			}
		})
	}
}

// endless is a reader of a conversation whose padding never ends, so the test
// needs no large allocation of its own. It counts what was read.
type endless struct {
	prefix string
	read   int64
}

// padding is what endless repeats after its prefix.
var padding = []byte(strings.Repeat("a", 32<<10))

func (e *endless) Read(p []byte) (int, error) {
	n := 0
	if e.read < int64(len(e.prefix)) {
		n = copy(p, e.prefix[e.read:])
	}
	for n < len(p) {
		n += copy(p[n:], padding)
	}
	e.read += int64(n)
	return n, nil
}

func TestDecodeRefusesOversizedBody(t *testing.T) {
	r := &endless{prefix: `{"type":"conversation","id":"1","padding":"`}
	c, err := Decode(r)
	if !errors.Is(err, ErrTooLarge) || c != nil {
		t.Fatalf("want ErrTooLarge and no conversation, got %v, %v", c, err)
	}
	if !strings.Contains(err.Error(), "64 MiB") {
		t.Errorf("want the limit named in %q", err)
	}
	// It stops reading just past the limit rather than draining the body.
	if r.read > MaxBody+1<<20 {
		t.Errorf("want reading to stop near %d bytes, read %d", MaxBody, r.read)
	}
}

func TestDecodeReportsReadErrors(t *testing.T) {
	boom := errors.New("connection reset")
	_, err := Decode(iotest.ErrReader(boom))
	if !errors.Is(err, boom) {
		t.Fatalf("want the read error wrapped, got %v", err)
	}
}

func TestDecodeFromReader(t *testing.T) {
	c, err := Decode(io.MultiReader(strings.NewReader(`{"type":"conversation",`), strings.NewReader(`"id":"9"}`)))
	if err != nil || c.ID != "9" {
		t.Fatalf("want conversation 9, got %v, %v", c, err)
	}
}

func TestPartsTotal(t *testing.T) {
	tests := []struct {
		name      string
		parts     int
		total     int
		stats     int // statistics.count_conversation_parts; -1 for null statistics
		wantTotal int
		wantTrunc bool
	}{
		{"empty", 0, 0, -1, 0, false},
		{"all returned", 3, 3, -1, 3, false},
		{"no total_count", 4, 0, -1, 4, false},
		{"total_count above the parts", 2, 5, -1, 5, true},
		{"at the limit, statistics know more", PartLimit, PartLimit, 812, 812, true},
		{"at the limit, no statistics", PartLimit, PartLimit, -1, PartLimit, false},
		{"at the limit, statistics agree", PartLimit, PartLimit, PartLimit, PartLimit, false},
		{"under the limit, statistics ignored", 10, 10, 812, 10, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := mustDecode(t, manyParts(tt.parts, tt.total, tt.stats))
			if got := len(c.ConversationParts.Parts); got != tt.parts {
				t.Fatalf("want %d parts decoded, got %d", tt.parts, got)
			}
			if got := c.PartsTotal(); got != tt.wantTotal {
				t.Errorf("PartsTotal: want %d, got %d", tt.wantTotal, got)
			}
			if got := c.Truncated(); got != tt.wantTrunc {
				t.Errorf("Truncated: want %v, got %v", tt.wantTrunc, got)
			}
		})
	}
}

// manyParts builds a conversation body with n comment parts.
func manyParts(n, total, stats int) string {
	var b strings.Builder
	b.WriteString(`{"type":"conversation","id":"215469380263515",`)
	if stats >= 0 {
		fmt.Fprintf(&b, `"statistics":{"type":"conversation_statistics","count_conversation_parts":%d},`, stats)
	} else {
		b.WriteString(`"statistics":null,`)
	}
	b.WriteString(`"conversation_parts":{"type":"conversation_part.list","conversation_parts":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"type":"conversation_part","id":"%d","part_type":"comment","body":"<p>reply %d</p>","created_at":%d,`+
			`"author":{"type":"admin","id":"7","name":"A"}}`, 1000+i, i, 1795421524+i)
	}
	fmt.Fprintf(&b, `],"total_count":%d}}`, total)
	return b.String()
}

func TestClip(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "not_found", "not_found"},
		{"controls and BiDi removed", "a\x1b[2J\u202eb\u2066c\u0085d\x00", "a[2Jbcd"},
		{"invalid UTF-8 replaced", "a\xffb", "a\uFFFDb"},
		{"long text cut at a rune", strings.Repeat("語", 70), strings.Repeat("語", 60) + "…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := clip(tt.in)
			if got != tt.want {
				t.Errorf("want %q, got %q", tt.want, got)
			}
			if !utf8.ValidString(got) {
				t.Errorf("want valid UTF-8, got %q", got)
			}
		})
	}
}

// BenchmarkDecode decodes the 500-part response (testdata/conv500.json).
func BenchmarkDecode(b *testing.B) {
	body, err := os.ReadFile(conv500Path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := DecodeBytes(body); err != nil {
			b.Fatal(err)
		}
	}
}
