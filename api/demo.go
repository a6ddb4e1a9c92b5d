package api

import (
	_ "embed"
	"fmt"
)

// demoJSON is a made-up but realistic support case, shaped exactly like a
// GET /conversations/{id} response: see TestDemo for what it must contain.
//
//go:embed demo.json
var demoJSON []byte

// Demo returns the bundled demo conversation, freshly decoded so callers may
// change it. It panics only if the embedded bytes do not decode, which
// TestDemo rules out.
func Demo() *Conversation {
	c, err := DecodeBytes(demoJSON)
	if err != nil {
		panic(fmt.Sprintf("api: the embedded demo conversation does not decode: %v", err))
	}
	return c
}

// DemoJSON returns the demo conversation as the API would send it (a copy:
// the embedded bytes stay intact).
func DemoJSON() []byte {
	return append([]byte(nil), demoJSON...)
}
