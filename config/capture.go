package config

import (
	"os"
	"time"
)

// capture collects what a command writes to one of its outputs, up to a
// limit. It hands the command a pipe of its own rather than letting os/exec
// copy: exec's Wait waits for its copies to end, so a child the command
// leaves in the background, holding the pipe, would keep convo waiting after
// the command itself has exited.
type capture struct {
	r, w   *os.File
	buf    []byte
	limit  int
	over   bool   // more than limit came
	onOver func() // called once when more than limit comes; reading then stops
	done   chan struct{}
}

// newCapture makes the pipe. Without onOver, what comes past limit is read
// and dropped, so a chatty command never blocks on a full pipe.
func newCapture(limit int, onOver func()) (*capture, error) {
	r, w, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	return &capture{r: r, w: w, limit: limit, onOver: onOver, done: make(chan struct{})}, nil
}

// start reads the pipe until it ends; call it once the command has started
// with the pipe's write end, which convo then closes.
func (c *capture) start() {
	c.w.Close()
	go func() {
		defer close(c.done)
		buf := make([]byte, 32<<10)
		for {
			n, err := c.r.Read(buf)
			if !c.add(buf[:n]) && c.onOver != nil {
				c.onOver()
				return
			}
			if err != nil {
				return
			}
		}
	}()
}

// add keeps what fits under the limit and reports whether all of b did.
func (c *capture) add(b []byte) bool {
	room := c.limit - len(c.buf)
	if len(b) > room {
		c.buf = append(c.buf, b[:max(room, 0)]...)
		c.over = true
		return false
	}
	c.buf = append(c.buf, b...)
	return true
}

// finish returns what came, once the command has exited. Everything the
// command wrote before it exited is already in the pipe: finish stops the
// reader, takes what is left without waiting for more, and closes the pipe,
// so a child still writing to it gets SIGPIPE.
func (c *capture) finish() []byte {
	defer c.r.Close()
	_ = c.r.SetReadDeadline(time.Now()) // wakes the reader if it waits
	<-c.done
	if c.over && c.onOver != nil {
		return c.buf
	}
	_ = c.r.SetReadDeadline(time.Time{})
	drain(c.r, c.add)
	return c.buf
}
