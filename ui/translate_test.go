package ui

import (
	"context"
	"strings"
	"testing"

	"github.com/convo-cli/convo/api"
)

// translatedDemo is the demo whose last part, the customer's thanks (on
// screen when it opens), has French and German translations.
func translatedDemo() Options {
	o := demoAt()
	o.Load = func(context.Context, func(api.Wait)) (*api.Conversation, error) {
		c := api.Demo()
		parts := c.ConversationParts.Parts
		parts[len(parts)-1].Translations = map[string]string{
			"original": "en",
			"fr":       "<p>Merci encore à vous deux</p>",
			"de":       "<p>Nochmals danke euch beiden</p>",
		}
		return c, nil
	}
	return o
}

func TestTranslateKeySwitchesBodies(t *testing.T) {
	const original, german, french = "Thanks again, both of you!", "Nochmals danke euch beiden", "Merci encore à vous deux"
	tests := []struct {
		name string
		lang string // $LANG
		want string // the body T shows
		not  string
	}{
		{"first in sorted order without a locale", "", german, french},
		{"the locale's language", "fr_CA.UTF-8", french, german},
		{"first in sorted order for a locale with none", "ja_JP.UTF-8", german, french},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newDriver(t, translatedDemo())
			d.m.env = func(name string) string {
				if name == "LANG" {
					return tt.lang
				}
				return ""
			}
			d.size(120, 40)
			s := d.screen()
			if !strings.Contains(s, original) || !strings.Contains(s, "translations: de, fr") || strings.Contains(s, tt.want) {
				t.Fatalf("before T the screen should show the original and name the translations:\n%s", s)
			}
			d.keys("T")
			s = d.screen()
			if !strings.Contains(s, tt.want) || strings.Contains(s, original) || strings.Contains(s, tt.not) {
				t.Errorf("after T the screen should show %q alone:\n%s", tt.want, s)
			}
			lang := map[string]string{german: "de", french: "fr"}[tt.want]
			if !strings.Contains(s, "translation ("+lang+") from en") {
				t.Errorf("after T the block should say it is a translation from en:\n%s", s)
			}
			if !strings.Contains(d.footer(), "showing translations") {
				t.Errorf("footer after T = %q, want it to say translations show", d.footer())
			}
			d.elapse()
			if f := d.footer(); !strings.Contains(f, "translated ·") {
				t.Errorf("footer once the status is gone = %q, want it to keep saying translations show", f)
			}
			d.keys("T")
			if s = d.screen(); !strings.Contains(s, original) || strings.Contains(s, tt.want) {
				t.Errorf("after T T the screen should show the original again:\n%s", s)
			}
			if f := d.footer(); !strings.Contains(f, "showing the originals") {
				t.Errorf("footer after T T = %q", f)
			}
		})
	}
}

func TestTranslateRendersOnceAndNotOnScroll(t *testing.T) {
	d := newDriver(t, translatedDemo())
	d.size(120, 40)
	d.keys("T")
	made := d.made
	d.keys("k", "k", "j", "]", "[")
	if d.made != made {
		t.Errorf("scrolling with translations shown rendered %d blocks, want none", d.made-made)
	}
	cmd := d.press("T")
	if d.m.blk.of().translated || d.m.blk.rendering() {
		t.Error("switching back to the originals rendered again instead of using the cache")
	}
	d.run(cmd)
	cmd = d.press("T")
	if !d.m.blk.of().translated || d.m.blk.rendering() {
		t.Error("switching to translations again rendered again instead of using the cache")
	}
	d.run(cmd)
	if d.made != made {
		t.Errorf("switching back and forth rendered %d blocks, want none", d.made-made)
	}
}

func TestTranslateWithoutTranslations(t *testing.T) {
	d := newDriver(t, convOptions(emailConv(t, "<p>No translation here.</p>")))
	d.size(120, 40)
	made := d.made
	d.keys("T")
	if d.m.translate || d.made != made {
		t.Error("T without translations switched and rendered")
	}
	if f := d.footer(); !strings.Contains(f, "no translations") {
		t.Errorf("footer = %q, want it to say there are none", f)
	}
}
