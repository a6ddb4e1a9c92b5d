package render

import (
	"reflect"
	"testing"
)

func TestLinksListsAttachmentsThenBodyLinksOnce(t *testing.T) {
	it := Item{
		HTML: `<p>See <a href="https://example.com/docs">the <b>docs</b></a> and https://example.com/plain.
<img src="https://cdn.example.com/shots/screen%20one.png" alt="screen"> <a href="javascript:alert(1)">bad</a>
<a href="https://example.com/docs">again</a> <a href="mailto:a@b.c"></a> <a href="https://x.test/a&#x202e;b">bidi &#x1b;[2Jlabel</a></p>`,
		Attachments: []Attachment{
			{Name: "report\u202e.pdf", URL: "https://downloads.intercomcdn.com/i/o/1/report.pdf?expires=1&sig=abc", Size: 2048},
			{Name: "mail", URL: "mailto:x@y.z"},
		},
		Translations: map[string]string{"fr": `<a href="https://example.fr/">fr</a> <a href="https://example.com/docs">docs</a>`},
	}
	want := []Link{
		{Label: "report.pdf", URL: "https://downloads.intercomcdn.com/i/o/1/report.pdf?expires=1&sig=abc", Size: 2048, File: "report\u202e.pdf"},
		{Label: "mail", URL: "mailto:x@y.z"},
		{Label: "the docs", URL: "https://example.com/docs"},
		{Label: "https://example.com/plain", URL: "https://example.com/plain"},
		{Label: "image: screen", URL: "https://cdn.example.com/shots/screen%20one.png", File: "screen one.png"},
		{Label: "mailto:a@b.c", URL: "mailto:a@b.c"},
		{Label: "bidi label", URL: "https://x.test/a%E2%80%AEb"},
		{Label: "fr", URL: "https://example.fr/"},
	}
	got := Links(it)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Links:\n got %#v\nwant %#v", got, want)
	}
}

func TestLinksOfARedactedPartAreItsAttachmentsAlone(t *testing.T) {
	it := Item{Redacted: true, HTML: `<a href="https://example.com/">x</a>`}
	if got := Links(it); len(got) != 0 {
		t.Errorf("Links of a redacted part = %v, want none", got)
	}
}
