package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
)

// Admin is a teammate of the workspace (schema admin), from GET /admins.
// Like every answer it is cleaned as it comes in (see Clean).
type Admin struct {
	Type             string `json:"type"`
	ID               ID     `json:"id"`
	Name             string `json:"name"`
	Email            string `json:"email"`
	JobTitle         string `json:"job_title"`
	AwayModeEnabled  bool   `json:"away_mode_enabled"`
	AwayModeReassign bool   `json:"away_mode_reassign"`
	HasInboxSeat     bool   `json:"has_inbox_seat"`
	TeamIDs          []ID   `json:"team_ids"`
}

// Team is a group of admins (schema team), from GET /teams.
type Team struct {
	Type     string `json:"type"`
	ID       ID     `json:"id"`
	Name     string `json:"name"`
	AdminIDs []ID   `json:"admin_ids"`
}

// Contact is a user or lead (schema contact), from GET /contacts/{id}: the
// fields that say who someone is.
type Contact struct {
	Type        string      `json:"type"`
	ID          ID          `json:"id"`
	WorkspaceID string      `json:"workspace_id"`
	ExternalID  ID          `json:"external_id"`
	Role        string      `json:"role"` // user or lead
	Name        string      `json:"name"`
	Email       string      `json:"email"`
	Phone       string      `json:"phone"`
	OwnerID     ID          `json:"owner_id"`
	Location    Location    `json:"location"`
	Companies   CompanyList `json:"companies"`
	CreatedAt   Time        `json:"created_at"`
	SignedUpAt  Time        `json:"signed_up_at"`
	LastSeenAt  Time        `json:"last_seen_at"`
}

// Location is where a contact was last seen; every field may be empty.
type Location struct {
	Type          string `json:"type"`
	City          string `json:"city"`
	Region        string `json:"region"`
	Country       string `json:"country"`
	CountryCode   string `json:"country_code"`
	ContinentCode string `json:"continent_code"`
}

// CompanyList is a contact's companies: up to ten, with TotalCount and
// HasMore telling of the rest. In 2.11 a contact names its companies by id
// only; GET /contacts/{id}/companies has their names.
type CompanyList struct {
	Type       string    `json:"type"`
	Data       []Company `json:"data"`
	URL        string    `json:"url"`
	TotalCount int       `json:"total_count"`
	HasMore    bool      `json:"has_more"`
}

// Company is a company a contact belongs to, or (2.15+) the one the
// conversation is with. Name is empty when only a reference came back.
type Company struct {
	Type         string `json:"type"`
	ID           ID     `json:"id"`
	CompanyID    ID     `json:"company_id"` // the workspace's own id for it
	Name         string `json:"name"`
	URL          string `json:"url"`
	Plan         *Plan  `json:"plan"`
	MonthlySpend Number `json:"monthly_spend"`
	UserCount    Number `json:"user_count"`
	Size         Number `json:"size"`
	Industry     string `json:"industry"`
	Website      string `json:"website"`
}

// Me is the admin the token belongs to, with its workspace, from GET /me.
type Me struct {
	Type  string `json:"type"`
	ID    ID     `json:"id"`
	Name  string `json:"name"`
	Email string `json:"email"`
	App   *App   `json:"app"`
}

// App is a workspace. IDCode is the id in its web inbox links.
type App struct {
	Type     string `json:"type"`
	IDCode   string `json:"id_code"`
	Name     string `json:"name"`
	Region   string `json:"region"` // US, EU or AU
	Timezone string `json:"timezone"`
}

// UnmarshalJSON reads the list as 2.x sends it ({"data": [...]}), under the
// key the companies endpoint's schema names ("companies"), or as a bare
// array, and never fails: a value of another shape is left empty.
func (l *CompanyList) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '[' {
		var data []Company
		_ = json.Unmarshal(b, &data) // elements of the wrong shape stay zero
		*l = CompanyList{Data: data, TotalCount: len(data)}
		return nil
	}
	var raw struct {
		Type       string    `json:"type"`
		Data       []Company `json:"data"`
		Companies  []Company `json:"companies"`
		URL        string    `json:"url"`
		TotalCount int       `json:"total_count"`
		HasMore    bool      `json:"has_more"`
	}
	if err := json.Unmarshal(b, &raw); err != nil && !isTypeError(err) {
		return nil
	}
	*l = CompanyList{Type: raw.Type, Data: append(raw.Data, raw.Companies...), URL: raw.URL, TotalCount: raw.TotalCount, HasMore: raw.HasMore}
	return nil
}

// Admins lists the workspace's admins (GET /admins). Errors are as
// Conversation's.
func (c *Client) Admins(ctx context.Context) ([]Admin, error) {
	var list struct {
		Admins []Admin `json:"admins"`
	}
	if err := c.fetch(ctx, "/admins", "", "the admins", object(&list, "admin.list", c.scrubber())); err != nil {
		return nil, err
	}
	admins := list.Admins[:0]
	for _, a := range list.Admins {
		if a.ID != "" {
			admins = append(admins, a)
		}
	}
	return admins, nil
}

// Teams lists the workspace's teams (GET /teams).
func (c *Client) Teams(ctx context.Context) ([]Team, error) {
	var list struct {
		Teams []Team `json:"teams"`
	}
	if err := c.fetch(ctx, "/teams", "", "the teams", object(&list, "team.list", c.scrubber())); err != nil {
		return nil, err
	}
	teams := list.Teams[:0]
	for _, t := range list.Teams {
		if t.ID != "" {
			teams = append(teams, t)
		}
	}
	return teams, nil
}

// Contact fetches one contact by id (GET /contacts/{id}). A merged contact
// is a 404 under its old id.
func (c *Client) Contact(ctx context.Context, id string) (*Contact, error) {
	if id == "" {
		return nil, errors.New("no contact id")
	}
	var contact Contact
	if err := c.fetch(ctx, "/contacts/"+url.PathEscape(id), "", "the contact", object(&contact, "contact", c.scrubber())); err != nil {
		return nil, err
	}
	if contact.ID == "" {
		return nil, errors.New("not a contact: it has no id")
	}
	return &contact, nil
}

// ContactCompanies lists the companies a contact belongs to, with their
// names (GET /contacts/{id}/companies, its first page).
func (c *Client) ContactCompanies(ctx context.Context, id string) ([]Company, error) {
	if id == "" {
		return nil, errors.New("no contact id")
	}
	var list CompanyList
	if err := c.fetch(ctx, "/contacts/"+url.PathEscape(id)+"/companies", "", "the contact's companies", object(&list, "list", c.scrubber())); err != nil {
		return nil, err
	}
	return list.Data, nil
}

// Me fetches the admin the token belongs to and its workspace (GET /me).
func (c *Client) Me(ctx context.Context) (*Me, error) {
	var me Me
	if err := c.fetch(ctx, "/me", "", "the token's admin", object(&me, "admin", c.scrubber())); err != nil {
		return nil, err
	}
	return &me, nil
}

// object returns a reader of a response body into v, an object whose type,
// when it has one, is want, cleaned with sc (see Clean). Like Decode it reads at most MaxBody, skips
// fields of the wrong type and refuses malformed JSON, another JSON value,
// an Intercom error body and an object of another type.
func object(v any, want string, sc *Scrubber) func(io.Reader) error {
	return func(r io.Reader) error {
		body, err := readBody(r)
		if err != nil {
			return err
		}
		body = bytes.TrimSpace(body)
		if len(body) == 0 {
			return fmt.Errorf("empty response, not %s", want)
		}
		if body[0] != '{' {
			return fmt.Errorf("not a JSON object, not %s", want)
		}
		if err := json.Unmarshal(body, v); err != nil && !isTypeError(err) {
			return fmt.Errorf("malformed JSON: %w", err)
		}
		var head struct {
			Type   string `json:"type"`
			Errors []struct {
				Code    string `json:"code"`
				Message string `json:"message"`
			} `json:"errors"`
		}
		_ = json.Unmarshal(body, &head) // a field of the wrong type stays empty
		switch {
		case head.Type == "error.list" && len(head.Errors) > 0:
			why := clip(head.Errors[0].Code)
			if msg := clip(head.Errors[0].Message); msg != "" {
				why += ": " + msg
			}
			return fmt.Errorf("not %s: an Intercom error response (%s)", want, why)
		case head.Type != "" && head.Type != want:
			return fmt.Errorf("not %s: its type is %q", want, clip(head.Type))
		}
		Clean(v, sc)
		return nil
	}
}
