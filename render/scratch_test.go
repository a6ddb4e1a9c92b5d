package render

import (
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/convo-cli/convo/api"
)

func TestScratch(t *testing.T) {
	f := os.Getenv("FIX")
	b, _ := os.ReadFile(f)
	c, err := api.DecodeBytes(b)
	if err != nil {
		t.Fatal(err)
	}
	o := Options{Width: 60, Loc: time.UTC, Now: time.Date(2024, 7, 1, 12, 0, 0, 0, time.UTC)}
	WriteText(os.Stdout, c, o)
	fmt.Println("=========")
	WriteMarkdown(os.Stdout, c, o)
	fmt.Println("=========")
	WriteJSON(os.Stdout, c, o)
	r, _ := NewRenderer(60, PlainStyles())
	for _, it := range Items(c) {
		fmt.Printf("%q\n", r.Block(it, time.UTC))
	}
}
