// Package api is convo's small client of Intercom's REST API: the
// Conversation model and its tolerant decoding, the look-ups that put names
// to ids (admins, teams, contacts, the workspace) with their cache, and the
// bundled demo conversation.
package api

import "encoding/json"

// Conversation mirrors Intercom's Conversation model (API version 2.11), with
// the fields later versions add that matter for reading one.
type Conversation struct {
	Type                string                     `json:"type"`
	ID                  ID                         `json:"id"`
	Title               string                     `json:"title"`
	CreatedAt           Time                       `json:"created_at"`
	UpdatedAt           Time                       `json:"updated_at"`
	WaitingSince        Time                       `json:"waiting_since"`
	SnoozedUntil        Time                       `json:"snoozed_until"`
	Open                bool                       `json:"open"`
	State               string                     `json:"state"`
	Read                bool                       `json:"read"`
	Priority            string                     `json:"priority"`
	AdminAssigneeID     ID                         `json:"admin_assignee_id"`
	TeamAssigneeID      ID                         `json:"team_assignee_id"`
	Tags                TagList                    `json:"tags"`
	ConversationRating  *Rating                    `json:"conversation_rating"`
	Source              Source                     `json:"source"`
	Contacts            ContactList                `json:"contacts"`
	Teammates           TeammateList               `json:"teammates"`
	CustomAttributes    map[string]json.RawMessage `json:"custom_attributes"`
	Topics              json.RawMessage            `json:"topics"`
	FirstContactReply   *FirstContactReply         `json:"first_contact_reply"`
	SLAApplied          *SLA                       `json:"sla_applied"`
	Statistics          *Statistics                `json:"statistics"`
	ConversationParts   PartList                   `json:"conversation_parts"`
	LinkedObjects       LinkedObjectList           `json:"linked_objects"`
	AIAgentParticipated bool                       `json:"ai_agent_participated"`
	AIAgent             *AIAgent                   `json:"ai_agent"`
	Ticket              *Ticket                    `json:"ticket"`
	// Fields of later versions (see later.go).
	Company                *Company            `json:"company"`
	Channel                *Channel            `json:"channel"`
	ExternalReferences     []ExternalReference `json:"external_references"`
	SalesAgentParticipated bool                `json:"sales_agent_participated"`
	SalesAgent             *SalesAgent         `json:"sales_agent"`
	Scorecards             []Scorecard         `json:"scorecards"`
	MonitorEvaluations     []MonitorEvaluation `json:"monitor_evaluations"`
	AITopics               *AITopics           `json:"ai_topics"`
}

// Ref is a reference to another object: an admin, contact, team or bot.
type Ref struct {
	Type       string `json:"type"`
	ID         ID     `json:"id"`
	ExternalID string `json:"external_id"`
}

// Source is the conversation's opening message; it is not one of the parts.
type Source struct {
	Type        string       `json:"type"`
	ID          ID           `json:"id"`
	DeliveredAs string       `json:"delivered_as"`
	Subject     string       `json:"subject"`
	Body        string       `json:"body" clean:"html"`
	Author      Author       `json:"author"`
	Attachments []Attachment `json:"attachments"`
	URL         string       `json:"url"`
	Redacted    bool         `json:"redacted"`
	Recipients  []Recipient  `json:"recipients"`
	// ReplyTo and EmailMessageMetadata come with email conversations (2.16+).
	ReplyTo              []Recipient          `json:"reply_to"`
	EmailMessageMetadata *SourceEmailMetadata `json:"email_message_metadata"`
}

// EmailMetadata is how a message sent as email was addressed (2.13+ on
// parts): its subject, its From, To, CC, BCC and Reply-To addresses, and
// its Message-ID header.
type EmailMetadata struct {
	Subject             string        `json:"subject"`
	EmailAddressHeaders []EmailHeader `json:"email_address_headers"`
	MessageID           string        `json:"message_id"`
}

// SourceEmailMetadata is the opening message's EmailMetadata (2.16+), with
// the quoted or forwarded mail that came with it.
type SourceEmailMetadata struct {
	EmailMetadata
	// History is the earlier mail quoted in the first inbound message, as
	// HTML.
	History string `json:"history" clean:"html"`
}

// EmailHeader is one address of an email: Type is from, to, cc, bcc or
// reply_to.
type EmailHeader struct {
	Type         string `json:"type"`
	EmailAddress string `json:"email_address"`
	Name         string `json:"name"`
}

// Recipient is one address of an email conversation (2.16+): a recipient
// (Type to, cc, bcc, with a DropReason when Intercom did not send to it)
// or a reply-to address (with a Name).
type Recipient struct {
	Type       string `json:"type"`
	Email      string `json:"email"`
	Name       string `json:"name"`
	DropReason string `json:"drop_reason"`
}

// Author wrote a message or caused an event. Type is admin, bot, user, lead,
// team or contact; Fin is a bot named "Fin", or (2.14+) FromAIAgent.
type Author struct {
	Type        string `json:"type"`
	ID          ID     `json:"id"`
	Name        string `json:"name"`
	Email       string `json:"email"`
	FromAIAgent bool   `json:"from_ai_agent"`
	IsAIAnswer  bool   `json:"is_ai_answer"`
}

// Attachment is a file uploaded with a message.
type Attachment struct {
	Type        string `json:"type"`
	Name        string `json:"name"`
	URL         string `json:"url"`
	ContentType string `json:"content_type"`
	Filesize    int64  `json:"filesize"`
	Width       int    `json:"width"`
	Height      int    `json:"height"`
}

// ContactList holds references to the conversation's contacts.
type ContactList struct {
	Type     string `json:"type"`
	Contacts []Ref  `json:"contacts"`
}

// TeammateList holds the admins who wrote at least one part. Intercom sends the
// list under "teammates" (the 2.11 schema) or "admins" (real responses).
type TeammateList struct {
	Type      string `json:"type"`
	Teammates []Ref  `json:"teammates"`
}

// TagList holds the tags applied to the conversation.
type TagList struct {
	Type string `json:"type"`
	Tags []Tag  `json:"tags"`
}

// Tag is one tag; AppliedAt and AppliedBy are absent on tags inside parts.
type Tag struct {
	Type      string `json:"type"`
	ID        ID     `json:"id"`
	Name      string `json:"name"`
	AppliedAt Time   `json:"applied_at"`
	AppliedBy *Ref   `json:"applied_by"`
}

// Rating is the customer's rating of the conversation.
type Rating struct {
	Rating    int    `json:"rating"`
	Remark    string `json:"remark" clean:"text"`
	CreatedAt Time   `json:"created_at"`
	UpdatedAt Time   `json:"updated_at"`
	Contact   *Ref   `json:"contact"`
	Teammate  *Ref   `json:"teammate"`
}

// FirstContactReply is when and where the contact first replied.
type FirstContactReply struct {
	CreatedAt Time   `json:"created_at"`
	Type      string `json:"type"`
	URL       string `json:"url"`
}

// SLA is the service-level agreement applied to the conversation. Status is
// hit, missed, active or cancelled, and empty when Intercom sends null.
type SLA struct {
	Type   string `json:"type"`
	Name   string `json:"sla_name"`
	Status string `json:"sla_status"`
}

// Statistics are the conversation's timings and counts. Durations are in
// seconds; every field may be null, so durations are pointers, and a duration
// that is not a number is read as null (see UnmarshalJSON).
type Statistics struct {
	Type                          string    `json:"type"`
	TimeToAssignment              *Duration `json:"time_to_assignment"`
	TimeToAdminReply              *Duration `json:"time_to_admin_reply"`
	TimeToFirstClose              *Duration `json:"time_to_first_close"`
	TimeToLastClose               *Duration `json:"time_to_last_close"`
	MedianTimeToReply             *Duration `json:"median_time_to_reply"`
	FirstContactReplyAt           Time      `json:"first_contact_reply_at"`
	FirstAssignmentAt             Time      `json:"first_assignment_at"`
	FirstAdminReplyAt             Time      `json:"first_admin_reply_at"`
	FirstCloseAt                  Time      `json:"first_close_at"`
	LastAssignmentAt              Time      `json:"last_assignment_at"`
	LastAssignmentAdminReplyAt    Time      `json:"last_assignment_admin_reply_at"`
	LastContactReplyAt            Time      `json:"last_contact_reply_at"`
	LastAdminReplyAt              Time      `json:"last_admin_reply_at"`
	LastCloseAt                   Time      `json:"last_close_at"`
	LastClosedByID                ID        `json:"last_closed_by_id"`
	CountReopens                  int       `json:"count_reopens"`
	CountAssignments              int       `json:"count_assignments"`
	CountConversationParts        int       `json:"count_conversation_parts"`
	AssignedTeamFirstResponseTime *Duration `json:"assigned_team_first_response_time"`
	HandlingTime                  *Duration `json:"handling_time"`
	AdjustedHandlingTime          *Duration `json:"adjusted_handling_time"`
	// AssignedTeamFirstResponseTimeByTeam is the first response time per
	// assigned team. Real responses send it as the list form of
	// assigned_team_first_response_time; [NODE] names it ..._by_team.
	AssignedTeamFirstResponseTimeByTeam        []TeamResponseTime `json:"assigned_team_first_response_time_by_team"`
	AssignedTeamFirstResponseTimeInOfficeHours []TeamResponseTime `json:"assigned_team_first_response_time_in_office_hours"`
}

// TeamResponseTime is one assigned team's first response time.
type TeamResponseTime struct {
	TeamID       ID        `json:"team_id"`
	TeamName     string    `json:"team_name"`
	ResponseTime *Duration `json:"response_time"`
}

// PartList holds the conversation's parts, oldest first. At most the 500 most
// recent parts come back from Intercom, and Decode keeps at most the
// MaxParts newest of any response.
type PartList struct {
	Type       string `json:"type"`
	Parts      []Part `json:"conversation_parts"`
	TotalCount int    `json:"total_count"`
	// Dropped is how many older parts the response had besides the
	// MaxParts newest in Parts: read past, never decoded.
	Dropped int `json:"-"`
}

// Part is one message, note or event after the opening message.
// Translations (Unstable) are its body in other languages, HTML by locale;
// their key "original" holds the locale of Body instead.
type Part struct {
	Type         string          `json:"type"`
	ID           ID              `json:"id"`
	PartType     string          `json:"part_type"`
	Body         string          `json:"body" clean:"html"`
	CreatedAt    Time            `json:"created_at"`
	UpdatedAt    Time            `json:"updated_at"`
	NotifiedAt   Time            `json:"notified_at"`
	AssignedTo   *Ref            `json:"assigned_to"`
	Author       Author          `json:"author"`
	Attachments  []Attachment    `json:"attachments"`
	ExternalID   string          `json:"external_id"`
	Redacted     bool            `json:"redacted"`
	State        string          `json:"state"`
	Tags         []Tag           `json:"tags"`
	EventDetails json.RawMessage `json:"event_details"`
	// A ticket part's state change (GET /tickets/{id}); a conversation's
	// parts leave them empty.
	TicketState          string            `json:"ticket_state"`
	PreviousTicketState  string            `json:"previous_ticket_state"`
	AppPackageCode       string            `json:"app_package_code"`
	EmailMessageMetadata *EmailMetadata    `json:"email_message_metadata"`
	Metadata             *PartMetadata     `json:"metadata"`
	Translations         map[string]string `json:"translations" clean:"html"`
}

// PartMetadata carries a quick reply's options (2.14+).
type PartMetadata struct {
	QuickReplyOptions []QuickReplyOption `json:"quick_reply_options"`
	QuickReplyUUID    string             `json:"quick_reply_uuid"`
}

// QuickReplyOption is one button of a quick reply.
type QuickReplyOption struct {
	Text string `json:"text"`
	UUID string `json:"uuid"`
}

// LinkedObjectList holds the tickets and conversations linked to this one.
type LinkedObjectList struct {
	Type       string         `json:"type"`
	TotalCount int            `json:"total_count"`
	HasMore    bool           `json:"has_more"`
	Data       []LinkedObject `json:"data"`
}

// LinkedObject is a linked ticket or conversation.
type LinkedObject struct {
	Type     string `json:"type"`
	ID       ID     `json:"id"`
	Category string `json:"category"`
}

// AIAgent describes the AI agent's (Fin's) part in the conversation.
type AIAgent struct {
	SourceType      string            `json:"source_type"`
	SourceTitle     string            `json:"source_title"`
	LastAnswerType  string            `json:"last_answer_type"`
	ResolutionState string            `json:"resolution_state"`
	Rating          *int              `json:"rating"`
	RatingRemark    string            `json:"rating_remark" clean:"text"`
	ContentSources  ContentSourceList `json:"content_sources"`
	CreatedAt       Time              `json:"created_at"`
	UpdatedAt       Time              `json:"updated_at"`
}

// ContentSourceList holds the content the AI agent answered from.
type ContentSourceList struct {
	Type           string          `json:"type"`
	TotalCount     int             `json:"total_count"`
	ContentSources []ContentSource `json:"content_sources"`
}

// ContentSource is one article, snippet or file the AI agent used.
type ContentSource struct {
	ContentType string `json:"content_type"`
	URL         string `json:"url"`
	Title       string `json:"title"`
	Locale      string `json:"locale"`
}

// Ticket is the ticket a conversation belongs to, when it is one.
type Ticket struct {
	Type     string `json:"type"`
	ID       ID     `json:"id"`
	TicketID ID     `json:"ticket_id"`
	Category string `json:"category"`
	// TicketState is a string in 2.11 (submitted, in_progress, ...), with
	// the labels beside it; later versions send an object (see State).
	TicketState              TicketState                `json:"ticket_state"`
	TicketStateInternalLabel string                     `json:"ticket_state_internal_label"`
	TicketStateExternalLabel string                     `json:"ticket_state_external_label"`
	TicketType               *TicketType                `json:"ticket_type"`
	TicketAttributes         map[string]json.RawMessage `json:"ticket_attributes"`
	// What GET /tickets/{id} adds (see Client.Ticket); a conversation's
	// ticket leaves them empty.
	TicketParts     TicketPartList   `json:"ticket_parts"`
	Contacts        ContactList      `json:"contacts"`
	AdminAssigneeID ID               `json:"admin_assignee_id"`
	TeamAssigneeID  ID               `json:"team_assignee_id"`
	LinkedObjects   LinkedObjectList `json:"linked_objects"`
	CreatedAt       Time             `json:"created_at"`
	UpdatedAt       Time             `json:"updated_at"`
	Open            bool             `json:"open"`
	IsShared        bool             `json:"is_shared"`
}

// TicketPartList holds a ticket's notes and events, oldest first; at most
// 500 come back.
type TicketPartList struct {
	Type       string `json:"type"`
	Parts      []Part `json:"ticket_parts"`
	TotalCount int    `json:"total_count"`
}

// TicketType is the kind of ticket, as the workspace defines it.
type TicketType struct {
	Type     string `json:"type"`
	ID       ID     `json:"id"`
	Name     string `json:"name"`
	Category string `json:"category"`
}
