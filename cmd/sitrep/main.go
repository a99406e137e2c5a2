// Command sitrep turns news articles into sourced, dated, geolocated event
// data. See README.md, or run `sitrep help`.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"

	"github.com/sitrep-dev/sitrep/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	env := &cli.Env{
		Stdin:            os.Stdin,
		Stdout:           os.Stdout,
		Stderr:           os.Stderr,
		Getenv:           os.Getenv,
		StderrIsTerminal: isTerminal(os.Stderr),
	}
	stopProfile := startCPUProfile(os.Getenv("SITREP_CPUPROFILE"))
	code := cli.Run(ctx, os.Args[1:], env)
	stopProfile()
	stop()
	os.Exit(code)
}

// startCPUProfile writes a CPU profile of the whole run to path when it is
// set, so any command can be profiled as users run it, store and all,
// rather than only through a benchmark.
func startCPUProfile(path string) (stop func()) {
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err == nil {
		err = pprof.StartCPUProfile(f)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "sitrep: SITREP_CPUPROFILE: %v\n", err)
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}
}

func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
