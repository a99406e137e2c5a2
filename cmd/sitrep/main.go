// Command sitrep turns news articles into sourced, dated, geolocated event
// data. See README.md, or run `sitrep help`.
package main

import (
	"context"
	"os"
	"os/signal"
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
	code := cli.Run(ctx, os.Args[1:], env)
	stop()
	os.Exit(code)
}

func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
