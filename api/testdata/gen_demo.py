#!/usr/bin/env python3
"""Builds api/demo.json: one realistic Intercom conversation (GET /conversations/{id}, 2.11 shape
plus the part and statistics fields later versions add). The statistics are derived from the parts,
so edit the story here and regenerate rather than editing the JSON by hand:

    python3 api/testdata/gen_demo.py > api/demo.json && go test ./api/
"""
import datetime as dt
import json
import statistics as st
import sys

UTC = dt.timezone.utc


def ts(day, hms):
    h, m, s = map(int, hms.split(":"))
    return int(dt.datetime(2026, 11, day, h, m, s, tzinfo=UTC).timestamp())


OPERATOR = {"id": "7299001", "type": "bot", "name": "Operator", "email": "operator+ledgerly@intercom.io"}
FIN = {"id": "7299002", "type": "bot", "name": "Fin", "email": "operator+ledgerly@intercom.io"}
SIOBHAN = {"id": "7301145", "type": "admin", "name": "Siobhán O&#39;Neill", "email": "siobhan@ledgerly.io"}
DIMITRIS = {"id": "7301188", "type": "admin", "name": "Dimitris Papadopoulos", "email": "dimitris@ledgerly.io"}
MARCUS = {"id": "7300021", "type": "admin", "name": "Marcus Webb", "email": "marcus@ledgerly.io"}
LENA = {"id": "674d2a91c3e8b1f0a5d34e21", "type": "user", "name": "Lena Schäfer",
        "email": "lena.schaefer@nordlicht-kaffee.de"}
MISAKI = {"id": "674d2b07c3e8b1f0a5d34e9c", "type": "user", "name": "佐藤 美咲",
          "email": "misaki.sato@nordlicht-kaffee.de"}
LENA_EXT, MISAKI_EXT = "nordlicht-0042", "nordlicht-0057"
TIER1 = ("6120001", "Tier 1 Support")
ENG = ("6120002", "Support Engineering")

TAGS = {
    "VIP": "8120031",
    "csv-export": "8120455",
    "bug": "8120002",
    "fix-shipped": "8120978",
}

CDN = "https://downloads.intercomcdn.com/i/o/ledgerly"
HELP = "https://help.ledgerly.io/en/articles"
QR_YES, QR_NO = "0b6c8f0e-5a43-4c61-9d0c-2f7e1a4b9c21", "7d2e4a19-3f60-4b8e-a1c5-96e0b7d3f842"


def author(a, fin_answer=False):
    d = dict(a)
    d["from_ai_agent"] = a is FIN
    d["is_ai_answer"] = fin_answer
    return d


def upload(name, ctype, size, path, w=None, h=None):
    return {"type": "upload", "name": name,
            "url": f"{CDN}/{path}/{name}?expires=1795608000&signature=3b1f09c2d4e8a7f6",
            "content_type": ctype, "filesize": size, "width": w, "height": h}


parts = []
state = "open"


def part(day, hms, ptype, who, body=None, *, assigned_to=None, attachments=(), tags=(), event=None,
         app=None, metadata=None, fin_answer=False, new_state=None):
    global state
    if new_state:
        state = new_state
    t = ts(day, hms)
    parts.append({
        "type": "conversation_part",
        "id": str(29184730144 + 7 * len(parts) + (len(parts) * len(parts)) % 5),
        "part_type": ptype,
        "body": body,
        "created_at": t,
        "updated_at": t,
        "notified_at": t,
        "assigned_to": assigned_to,
        "author": author(who, fin_answer),
        "attachments": list(attachments),
        "external_id": None,
        "redacted": False,
        "email_message_metadata": None,
        "metadata": metadata,
        "state": state,
        "tags": [{"type": "tag", "id": TAGS[n], "name": n} for n in tags],
        "event_details": event,
        "app_package_code": app,
    })
    return t


def tagged(day, hms, who, name):
    return part(day, hms, "conversation_tags_updated", who, tags=[name],
                event={"tags_added": [name], "tags_removed": []})


# --- Monday 23 November 2026 -------------------------------------------------------------
created = ts(23, "08:12:04")
source = {
    "type": "conversation",
    "id": "2918374651",
    "delivered_as": "customer_initiated",
    "subject": "CSV export of invoices keeps failing",
    "body": ("<p>Hi there,</p>"
             "<p>Since this morning the <b>Invoices → Export CSV</b> button fails for November. It spins for a "
             "while and then says <i>“Export failed. Please try again later.”</i> I've tried three times, in "
             "Chrome and in Firefox. Screenshot attached.</p>"
             "<p>We need this file for Wednesday's meeting with our accountant, so it's a bit urgent.</p>"
             "<p>Lena Schäfer<br>Operations, Kaffeerösterei Nordlicht GmbH<br>Hamburg</p>"),
    "author": author(LENA),
    "attachments": [upload("export-error.png", "image/png", 184332, "1048576001/9c1e4f2ab7d3", 1440, 900)],
    "url": "https://app.ledgerly.io/invoices?period=2026-11",
    "redacted": False,
}

part(23, "08:12:05", "language_detection_details", OPERATOR)
sla_at = part(23, "08:12:06", "conversation_sla_applied_by_rule", OPERATOR,
              event={"sla_name": "VIP 1h first response",
                     "sla_definition": {"first_reply_time": 3600, "next_reply_time": None,
                                        "resolution_time": None, "time_to_close": None}})
vip_at = tagged(23, "08:12:07", OPERATOR, "VIP")
part(23, "08:12:08", "comment", OPERATOR,
     "<p>Thanks for getting in touch! The team usually replies in under an hour.</p>"
     "<p>In case you leave before then, what's the best email to reach you at?</p>")
part(23, "08:12:44", "comment", LENA, "<p>lena.schaefer@nordlicht-kaffee.de</p>")
part(23, "08:12:45", "conversation_attribute_updated_by_workflow", OPERATOR,
     event={"workflow": {"name": "Inbound triage: billing and exports"},
            "attribute": {"name": "Product area"}, "value": {"name": "Exports"}})
fin_at = part(23, "08:12:52", "comment", FIN, fin_answer=True, body=(
    "<p>Sorry the export isn't working, Lena. A failed CSV export usually comes down to one of these:</p>"
    "<ol><li><b>Too many rows.</b> One export holds at most 50,000 rows; try a shorter date range.</li>"
    "<li><b>Another export is still running.</b> Only one export per account runs at a time, so wait a few "
    "minutes and try again.</li>"
    "<li><b>A browser extension</b> blocking the download. Try a private window.</li></ol>"
    f"<p>More in <a href=\"{HELP}/8812001-exporting-invoices-to-csv\">Exporting invoices to CSV</a> and "
    f"<a href=\"{HELP}/8812017-export-limits-and-large-reports\">Export limits and large reports</a>.</p>"))
part(23, "08:12:53", "quick_reply", FIN, "<p>Did that help?</p>",
     metadata={"quick_reply_options": [{"text": "Yes, that fixed it", "uuid": QR_YES},
                                       {"text": "No, talk to a person", "uuid": QR_NO}]})
part(23, "08:14:31", "comment", LENA, "<p>No, talk to a person</p>", metadata={"quick_reply_uuid": QR_NO})
part(23, "08:15:02", "comment", LENA,
     "<p>It's only about 2,300 invoices, nothing else is running, and a private window fails too.</p>")
fin_done = part(23, "08:15:09", "comment", FIN,
                "<p>Thanks for checking those. I'm passing you to our support team now; "
                "they'll pick it up from here.</p>")
first_assign = part(23, "08:15:10", "default_assignment", OPERATOR, assigned_to={"type": "team", "id": TIER1[0]})
csv_at = tagged(23, "08:15:11", OPERATOR, "csv-export")

part(23, "09:24:51", "assignment", SIOBHAN, assigned_to={"type": "admin", "id": SIOBHAN["id"]})
first_admin_reply = part(23, "09:26:13", "comment", SIOBHAN, (
    "<p>Hi Lena,</p>"
    "<p>Sorry for the wait, Monday mornings are busy here. Thanks for the screenshot and for trying those "
    "steps already.</p>"
    "<p>Could you help me narrow it down?</p>"
    "<ul><li>Does an export of <b>1–15 November</b> work?</li>"
    "<li>And <b>16–23 November</b> on its own?</li></ul>"
    "<p>That tells us whether it's the size of the export or something in particular invoices.</p>"))
part(23, "09:26:14", "conversation_sla_target_missed", OPERATOR,
     event={"sla_name": "VIP 1h first response", "sla_target_type": "first_reply_time",
            "current_sla_status": "missed",
            "sla_states": {"first_reply_time": {"status": "missed", "seconds_remaining": None}}})
part(23, "09:41:07", "comment", LENA, (
    "<p>1–15 November works (file attached). 16–23 November fails every time, same error:</p>"
    f"<div class=\"intercom-container\"><img src=\"{CDN}/1048576045/d41f9a07c2e1/pasted-image.png\"></div>"),
     attachments=[upload("invoices-2026-11-01_to_15.csv", "text/csv", 48213, "1048576044/2b7f0c11e9aa")])
part(23, "09:43:30", "comment", LENA,
     "<p>Also: most invoices after the 15th are for our Japanese wholesale customers. My colleague Misaki "
     "looks after those. Could you add her here? misaki.sato@nordlicht-kaffee.de</p>")
part(23, "09:44:55", "participant_added", SIOBHAN)
part(23, "09:47:20", "note", SIOBHAN,
     "<p>@Dimitris Papadopoulos could you look at this one? Account <b>48213</b> (Nordlicht, VIP). The invoice "
     "CSV export fails for 16–23 Nov only; 1–15 Nov works. The late-November invoices are mostly Japanese "
     "line items. Smells like an encoding problem?</p>")
part(23, "09:48:05", "comment", SIOBHAN,
     "<p>Thanks Lena, that narrows it down a lot. I've added Misaki, and I've asked one of our engineers to "
     "look at the export logs for your account. I'll be back within the hour.</p>")
part(23, "10:05:18", "comment", MISAKI,
     "<p>はじめまして、佐藤です。11月16日以降の請求書は、ほとんどが日本の卸先向けです。"
     "品名が長い日本語になっているものが多いです。関係ありますか？</p>")
part(23, "10:07:02", "comment", LENA,
     "<p>(Misaki says most invoices after the 16th are for our Japanese wholesale customers, and many of "
     "them have long Japanese product descriptions. Could that be it?)</p>")
part(23, "10:21:40", "note", DIMITRIS, (
    "<p>Found it. From the export worker:</p>"
    "<pre><code>2026-11-23T09:40:58Z export_id=exp_7f3a91 account=48213 rows=1106 status=failed\n"
    "error: csv: invalid UTF-8 in column \"description\" (row 412, offset 255)\n"
    "</code></pre>"
    "<p>We cut the description column at 255 <i>bytes</i>, not characters. Japanese characters are 3 bytes "
    "in UTF-8, so a long Japanese description gets cut in the middle of a character and the CSV writer "
    "refuses the row. It's our bug, not their data.</p>"
    "<p>@Siobhán the workaround is to export without descriptions. Filing it in Jira now.</p>"))
bug_at = tagged(23, "10:22:02", DIMITRIS, "bug")
part(23, "10:22:15", "custom_action_started", DIMITRIS, app="jira-cloud",
     event={"action": {"name": "Jira Create Issue"}})
part(23, "10:22:19", "conversation_attribute_updated_by_admin", OPERATOR,
     event={"attribute": {"name": "jira_issue_key"}, "value": {"name": "EXP-2291", "previous": None}})
part(23, "10:22:21", "custom_action_finished", DIMITRIS, app="jira-cloud",
     event={"action": {"name": "Jira Create Issue", "result": "success"}})
eng_assign = part(23, "10:24:03", "assignment", SIOBHAN, assigned_to={"type": "team", "id": ENG[0]})
eng_reply = part(23, "10:31:45", "comment", SIOBHAN, (
    "<p>Hi Lena, hi Misaki,</p>"
    "<p>We found it, and it's a bug on our side. Thank you for the hint about the Japanese invoices, "
    "Misaki: that was exactly it.</p>"
    "<h2>What went wrong</h2>"
    "<p>The export shortens each line description to 255 <i>bytes</i>. Japanese characters take 3 bytes "
    "each, so a long Japanese description can be cut in the middle of a character, and then the whole "
    "export stops. Invoices with only Latin text never hit this, which is why 1–15 November worked.</p>"
    "<h2>Workaround for Wednesday</h2>"
    "<blockquote><p>We need this file for Wednesday's meeting with our accountant.</p></blockquote>"
    "<p>You can have a complete file today:</p>"
    "<ol><li>Go to <b>Invoices → Export</b>.</li>"
    "<li>Untick <b>Include line descriptions</b>.</li>"
    "<li>Export <b>1–23 November</b> as one file.</li></ol>"
    "<p>Every invoice is there with amounts, VAT and customer; only the description column is left out. "
    "The first rows will look like this:</p>"
    "<pre><code>invoice_no,date,customer,net_eur,vat_eur\n"
    "NL-2026-1184,2026-11-16,合同会社 山田珈琲,576.00,0.00\n"
    "NL-2026-1190,2026-11-17,Καφεκοπτείο Αθηνών,150.00,0.00\n"
    "NL-2026-1193,2026-11-18,مقهى الياسمين,252.00,0.00\n"
    "</code></pre>"
    "<h2>The fix</h2>"
    "<p>Our engineers are on it (EXP-2291), and I'll update you here as soon as it ships. More about the "
    f"options in <a href=\"{HELP}/8812020-export-options-explained\">Export options explained</a>.</p>"))
part(23, "10:58:12", "comment", LENA,
     "<p>That worked! One file for 1–23 November, 2,318 invoices, and Excel shows Misaki's Japanese "
     "customer names correctly 👍 That's all we need for Wednesday.</p>")
part(23, "10:58:50", "comment", MISAKI, "<p>ありがとうございます！とても助かりました。</p>")
part(23, "11:02:30", "comment", SIOBHAN,
     "<p>Great to hear! I'll snooze this until tomorrow afternoon and come back with news about the fix.</p>")
part(23, "11:02:41", "snoozed", SIOBHAN, new_state="snoozed",
     event={"until": "until tomorrow afternoon", "custom_until_time": "2026-11-24T13:00:00.000Z"})
part(23, "13:40:12", "note", DIMITRIS,
     "<p>Fix is up for review: cut descriptions by character instead of by byte, plus a test with Japanese, "
     "Greek and Arabic descriptions. @Marcus Webb could you review? I'd like it in tonight's 18:00 UTC "
     "release.</p>"
     "<p><a href=\"https://github.com/ledgerly/ledgerly/pull/4471\">ledgerly/ledgerly#4471</a></p>")
part(23, "14:05:10", "note", MARCUS,
     "<p>Reviewed and approved; it goes out at 18:00. @Siobhán please let Lena know tomorrow morning.</p>")
part(23, "18:22:40", "conversation_attribute_updated_by_admin", DIMITRIS,
     event={"attribute": {"name": "Fix status"}, "value": {"name": "Released", "previous": "In review"}})

# --- Tuesday 24 November 2026 ------------------------------------------------------------
part(24, "08:30:11", "open", SIOBHAN, new_state="open")
part(24, "08:31:40", "comment", SIOBHAN,
     "<p>Good morning Lena and Misaki,</p>"
     "<p>The fix went out last night. Exports with line descriptions now work for the whole of November, "
     "Japanese descriptions included. Could you give it a try when you have a moment? 🎉</p>")
part(24, "08:47:05", "comment", LENA,
     "<p>Just exported 1–23 November <i>with</i> descriptions: 2,318 rows, no error. File attached in case "
     "you want to check it. Thank you!</p>",
     attachments=[upload("invoices-2026-11-01_to_23.csv", "text/csv", 231877, "1048576102/e07b55d1a3c8")])
part(24, "08:48:30", "comment", MISAKI, "<p>確認しました。日本語の品名もすべて正しく表示されています。🎉</p>")
fixed_at = tagged(24, "08:49:10", SIOBHAN, "fix-shipped")
part(24, "08:52:00", "comment", SIOBHAN,
     "<p>Wonderful, thank you both! I'll close this now. If anything else comes up before Wednesday, just "
     "reply here.</p><p>Viel Erfolg am Mittwoch!</p>")
first_close = part(24, "08:52:10", "close", SIOBHAN, new_state="closed")
rated = part(24, "09:03:27", "conversation_rating_changed", LENA)
last_assign = part(24, "09:20:05", "assign_and_reopen", MARCUS, new_state="open",
                   assigned_to={"type": "admin", "id": DIMITRIS["id"]})
part(24, "09:21:10", "note", MARCUS,
     "<p>@Dimitris Papadopoulos Lena asks in her rating whether their October export is complete. Can you "
     "answer her directly? Siobhán is in training until 12.</p>"
     "<p>Noting the SLA miss on this one too: the VIP rule fired, but Tier 1 was short-staffed on Monday "
     "morning.</p>")
last_assign_reply = part(24, "09:38:33", "comment", DIMITRIS,
                         "<p>Hi Lena, Dimitris from the exports team here. I saw your question in your rating: "
                         "yes, your October export is complete.</p>"
                         "<p>The bug never produced a partial file: an export either failed with that error or "
                         "contained every row. To double-check, compare the number of rows in the file with "
                         "<b>Invoices → Filters → October 2026</b>; they should match.</p>"
                         "<p>Ευχαριστώ για την υπομονή σας, thanks for your patience!</p>")
part(24, "09:52:18", "comment", LENA, "<p>Checked: 1,907 in both. Perfect, that's all we needed.</p>")
last_admin_reply = part(24, "09:53:02", "comment", DIMITRIS,
                        "<p>Great, glad it adds up. I'll close this again.</p>")
last_close = part(24, "09:53:10", "close", DIMITRIS, new_state="closed")
last_contact = part(24, "10:26:12", "comment", LENA, "<p>Thanks again, both of you! 👍</p>", new_state="open")

# --- The conversation --------------------------------------------------------------------
times = [p["created_at"] for p in parts]
assert all(a < b for a, b in zip(times, times[1:])), "parts must be in strict time order"
assert created < times[0] and all(ts(23, "00:00:00") <= t < ts(25, "00:00:00") for t in times)
assert 45 <= len(parts) <= 60, len(parts)

# Reply times: from a customer's first unanswered message to the next teammate comment.
waits, waiting = [], created
for p in parts:
    if p["author"]["type"] == "user" and waiting is None:
        waiting = p["created_at"]
    elif p["author"]["type"] == "admin" and p["part_type"] == "comment" and waiting is not None:
        waits.append(p["created_at"] - waiting)
        waiting = None

OVERNIGHT = ts(24, "08:00:00") - ts(23, "18:00:00")  # office hours are 08:00-18:00 UTC
rating_remark = ("Quick fix once the right people saw it, but the first reply took over an hour. "
                 "Also: is our October export complete?")

conversation = {
    "type": "conversation",
    "id": "215472881029384",
    "created_at": created,
    "updated_at": last_contact,
    "waiting_since": last_contact,
    "snoozed_until": None,
    "source": source,
    "contacts": {"type": "contact.list", "contacts": [
        {"type": "contact", "id": LENA["id"], "external_id": LENA_EXT},
        {"type": "contact", "id": MISAKI["id"], "external_id": MISAKI_EXT},
    ]},
    "first_contact_reply": {"created_at": created, "type": "conversation",
                            "url": "https://app.ledgerly.io/invoices?period=2026-11"},
    "admin_assignee_id": int(DIMITRIS["id"]),
    "team_assignee_id": int(ENG[0]),
    "open": True,
    "state": "open",
    "read": True,
    "tags": {"type": "tag.list", "tags": [
        {"type": "tag", "id": TAGS["VIP"], "name": "VIP", "applied_at": vip_at,
         "applied_by": {"type": "admin", "id": OPERATOR["id"]}},
        {"type": "tag", "id": TAGS["csv-export"], "name": "csv-export", "applied_at": csv_at,
         "applied_by": {"type": "admin", "id": OPERATOR["id"]}},
        {"type": "tag", "id": TAGS["bug"], "name": "bug", "applied_at": bug_at,
         "applied_by": {"type": "admin", "id": DIMITRIS["id"]}},
        {"type": "tag", "id": TAGS["fix-shipped"], "name": "fix-shipped", "applied_at": fixed_at,
         "applied_by": {"type": "admin", "id": SIOBHAN["id"]}},
    ]},
    "priority": "priority",
    "sla_applied": {"type": "conversation_sla_summary", "sla_name": "VIP 1h first response",
                    "sla_status": "missed"},
    "statistics": {
        "type": "conversation_statistics",
        "time_to_assignment": first_assign - created,
        "time_to_admin_reply": first_admin_reply - created,
        "time_to_first_close": first_close - created - OVERNIGHT,
        "time_to_last_close": last_close - created - OVERNIGHT,
        "median_time_to_reply": int(st.median(waits)),
        "first_contact_reply_at": created,
        "first_assignment_at": first_assign,
        "first_admin_reply_at": first_admin_reply,
        "first_close_at": first_close,
        "last_assignment_at": last_assign,
        "last_assignment_admin_reply_at": last_assign_reply,
        "last_contact_reply_at": last_contact,
        "last_admin_reply_at": last_admin_reply,
        "last_close_at": last_close,
        "last_closed_by_id": DIMITRIS["id"],
        "count_reopens": 2,
        "count_assignments": sum(p["part_type"] in ("default_assignment", "assignment", "assign_and_reopen")
                                 for p in parts),
        "count_conversation_parts": len(parts),
        "assigned_team_first_response_time": [
            {"team_id": int(TIER1[0]), "team_name": TIER1[1], "response_time": first_admin_reply - first_assign},
            {"team_id": int(ENG[0]), "team_name": ENG[1], "response_time": eng_reply - eng_assign},
        ],
        "assigned_team_first_response_time_in_office_hours": [
            {"team_id": int(TIER1[0]), "team_name": TIER1[1], "response_time": first_admin_reply - first_assign},
            {"team_id": int(ENG[0]), "team_name": ENG[1], "response_time": eng_reply - eng_assign},
        ],
        "handling_time": first_close - first_assign - OVERNIGHT,
        "adjusted_handling_time": 5640,
    },
    "conversation_rating": {
        "rating": 4,
        "remark": rating_remark,
        "created_at": rated,
        "updated_at": rated,
        "contact": {"type": "contact", "id": LENA["id"], "external_id": LENA_EXT},
        "teammate": {"type": "admin", "id": SIOBHAN["id"]},
    },
    "teammates": {"type": "admin.list", "teammates": [
        {"type": "admin", "id": SIOBHAN["id"]},
        {"type": "admin", "id": DIMITRIS["id"]},
        {"type": "admin", "id": MARCUS["id"]},
    ]},
    "title": "CSV export fails for late-November invoices",
    "custom_attributes": {
        "Product area": "Exports",
        "Plan": "Growth",
        "Seats": 8,
        "MRR (EUR)": 349.5,
        "Month-end close": True,
        "Churn risk": None,
        "jira_issue_key": "EXP-2291",
        "Fix status": "Released",
        "account": {"type": "Account.list", "instances": [{
            "id": "48213",
            "external_id": "acct-48213",
            "external_created_at": 1717236000,
            "external_updated_at": 1795420800,
            "custom_attributes": {"name": "Kaffeerösterei Nordlicht GmbH", "country": "DE", "seats": 8},
            "type": "Account",
        }]},
    },
    "topics": {},
    "ticket": None,
    "linked_objects": {"type": "list", "data": [
        {"type": "ticket", "id": "1184", "category": "Tracker"},
        {"type": "conversation", "id": "215469380263515", "category": None},
    ], "total_count": 2, "has_more": False},
    "ai_agent": {
        "source_type": "workflow",
        "source_title": "Fin for billing and exports",
        "last_answer_type": "ai_answer",
        "resolution_state": "routed_to_team",
        "rating": 3,
        "rating_remark": "The tips didn't help, but it passed me on quickly.",
        "content_sources": {"type": "content_source.list", "total_count": 3, "content_sources": [
            {"content_type": "article", "url": "/fin-ai-agent/content?content=article&id=8812001&locale=en",
             "title": "Exporting invoices to CSV", "locale": "en"},
            {"content_type": "article", "url": "/fin-ai-agent/content?content=article&id=8812017&locale=en",
             "title": "Export limits and large reports", "locale": "en"},
            {"content_type": "article", "url": "/fin-ai-agent/content?content=article&id=8812020&locale=en",
             "title": "Export options explained", "locale": "en"},
        ]},
        "created_at": fin_at,
        "updated_at": fin_done,
    },
    "ai_agent_participated": True,
    "conversation_parts": {"type": "conversation_part.list", "conversation_parts": parts,
                           "total_count": len(parts)},
}

json.dump(conversation, sys.stdout, ensure_ascii=False, indent=2)
sys.stdout.write("\n")
