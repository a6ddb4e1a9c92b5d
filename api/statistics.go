package api

import (
	"bytes"
	"encoding/json"
	"strconv"
)

// UnmarshalJSON reads the statistics tolerantly. Plain decoding gets two things
// wrong: a duration that is not a number (an object, "n/a") would come out as
// a pointer to 0, claiming an instant reply; and
// assigned_team_first_response_time is a number in the 2.12 schema but a list
// per team in Unstable and in real responses.
func (s *Statistics) UnmarshalJSON(b []byte) error {
	type plain Statistics // the same fields without this method
	var raw struct {
		plain
		TeamFirstResponse json.RawMessage `json:"assigned_team_first_response_time"`
	}
	if err := json.Unmarshal(b, &raw); err != nil && !isTypeError(err) {
		return nil // cannot happen for valid JSON; leave the statistics empty
	}
	*s = Statistics(raw.plain)

	var fields map[string]json.RawMessage
	_ = json.Unmarshal(b, &fields) // not an object: no fields to correct
	for key, d := range s.durations() {
		if v, ok := fields[key]; ok {
			*d = durationOf(v)
		}
	}

	s.AssignedTeamFirstResponseTime = durationOf(raw.TeamFirstResponse)
	if len(s.AssignedTeamFirstResponseTimeByTeam) == 0 {
		var byTeam []TeamResponseTime
		if json.Unmarshal(raw.TeamFirstResponse, &byTeam) == nil {
			s.AssignedTeamFirstResponseTimeByTeam = byTeam
		}
	}
	return nil
}

// durations names the statistics' plain duration fields by their JSON key.
func (s *Statistics) durations() map[string]**Duration {
	return map[string]**Duration{
		"time_to_assignment":     &s.TimeToAssignment,
		"time_to_admin_reply":    &s.TimeToAdminReply,
		"time_to_first_close":    &s.TimeToFirstClose,
		"time_to_last_close":     &s.TimeToLastClose,
		"median_time_to_reply":   &s.MedianTimeToReply,
		"handling_time":          &s.HandlingTime,
		"adjusted_handling_time": &s.AdjustedHandlingTime,
	}
}

// UnmarshalJSON reads one team's response time; a response_time that is not a
// number is null, not zero.
func (t *TeamResponseTime) UnmarshalJSON(b []byte) error {
	var raw struct {
		TeamID       ID              `json:"team_id"`
		TeamName     string          `json:"team_name"`
		ResponseTime json.RawMessage `json:"response_time"`
	}
	_ = json.Unmarshal(b, &raw) // a wrong shape leaves what could be read
	*t = TeamResponseTime{TeamID: raw.TeamID, TeamName: raw.TeamName, ResponseTime: durationOf(raw.ResponseTime)}
	return nil
}

// durationOf reads a JSON number, or a string holding one, as a duration, and
// anything else (null, absent, objects, words) as no duration.
func durationOf(v json.RawMessage) *Duration {
	v = bytes.TrimSpace(v)
	if len(v) == 0 || v[0] == '{' || v[0] == '[' {
		return nil
	}
	s := string(v)
	if v[0] == '"' && json.Unmarshal(v, &s) != nil {
		return nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || !(f > -1e18 && f < 1e18) { // also refuses NaN and Inf
		return nil
	}
	d := Duration(number(v))
	return &d
}
