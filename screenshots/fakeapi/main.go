// Command fakeapi stands in for Intercom while make screenshots captures the
// loading and error screens: as an HTTPS proxy it holds every connection
// open without answering (convo keeps fetching, its spinner turning), and
// as an API base URL it answers every conversation with Intercom's 404.
//
//	fakeapi -addr 127.0.0.1:47474
package main

import (
	"flag"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
)

// notFound is the body Intercom sends for a conversation it does not have.
const notFound = `{"type":"error.list","request_id":"000ip8scqqm0nhcfg4a0","errors":[{"code":"not_found","message":"Resource Not Found"}]}`

func main() {
	addr := flag.String("addr", "127.0.0.1:47474", "where to listen")
	flag.Parse()
	err := http.ListenAndServe(*addr, http.HandlerFunc(serve))
	fmt.Fprintln(os.Stderr, "fakeapi:", err)
	os.Exit(1)
}

func serve(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodConnect {
		hold(w)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusNotFound)
	io.WriteString(w, notFound)
}

// hold takes the proxied connection and never answers it, until the client
// hangs up.
func hold(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		log.Print(err)
		return
	}
	defer conn.Close()
	io.Copy(io.Discard, conn)
}
