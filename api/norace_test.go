//go:build !race

package api_test

// raceEnabled says the race detector is on: tests of huge inputs make
// them smaller.
const raceEnabled = false
