// Package cli implements sitrep's command line: one file per subcommand,
// each a function that takes its arguments and an Env, so every command can
// be run from tests exactly as from a shell.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

// Exit statuses. They are part of the interface: scripts rely on them.
const (
	ExitOK = 0
	// ExitInputErrors means the command ran, but some inputs could not be
	// read or analysed; they were reported on stderr and every other input
	// was processed.
	ExitInputErrors = 1
	// ExitUsage means the command line was wrong.
	ExitUsage = 2
	// ExitFailure means the command could not run: the store could not be
	// opened, output could not be written, or it was interrupted.
	ExitFailure = 3
)

// Env is what a command may touch of the outside world.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// Getenv reads environment variables (os.Getenv in main).
	Getenv func(string) string
	// StderrIsTerminal enables the progress bar.
	StderrIsTerminal bool
}

// errUsage marks a command line error; the message has been printed.
var errUsage = errors.New("usage error")

// errInputs marks a run in which some inputs failed.
var errInputs = errors.New("some inputs failed")

type command struct {
	name    string
	summary string
	run     func(ctx context.Context, env *Env, args []string) error
}

// commands is the subcommand table, in the order `sitrep help` lists it.
func commands() []command {
	return []command{
		{"analyze", "ingest articles and print documents and events", runAnalyze},
		{"events", "list stored events", runEvents},
		{"docs", "list stored documents", runDocs},
		{"control", "show who held a place over time, with sources and disputes", runControl},
		{"bench", "measure the analysis pipeline's throughput", runBench},
		{"timex", "find and resolve date expressions in JSON Lines {id,dct,text}", runTimex},
		{"geoparse", "find and resolve place names in JSON Lines texts", runGeoparse},
		{"extract", "extract events from JSON Lines {id,text,published,source}", runExtract},
		{"gazetteer", "import GeoNames dumps into the gazetteer overlay", runGazetteer},
		{"serve", "serve the HTTP API and the map page", runServe},
		{"export", "write stored events as ACLED-style CSV, GeoJSON or JSON Lines", runExport},
		{"report", "write a situation report (Markdown or HTML) whose every number links to its sources", runReport},
		{"submit", "queue articles on NATS JetStream for sitrep worker", runSubmit},
		{"worker", "analyse queued articles into the shared store", runWorker},
	}
}

// Run runs sitrep with args (without the program name) and returns the
// exit status.
func Run(ctx context.Context, args []string, env *Env) int {
	if env.Getenv == nil {
		env.Getenv = os.Getenv
	}
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(env.Stdout)
		if len(args) == 0 {
			return ExitUsage
		}
		return ExitOK
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, env, args[1:])
		switch {
		case err == nil:
			return ExitOK
		case errors.Is(err, flag.ErrHelp):
			return ExitOK
		case errors.Is(err, errUsage):
			return ExitUsage
		case errors.Is(err, errInputs):
			return ExitInputErrors
		default:
			fmt.Fprintf(env.Stderr, "sitrep %s: %v\n", c.name, err)
			return ExitFailure
		}
	}
	fmt.Fprintf(env.Stderr, "sitrep: unknown command %q\n", args[0])
	usage(env.Stderr)
	return ExitUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "sitrep turns news articles into sourced, dated, geolocated event data.")
	fmt.Fprintln(w, "\nUsage: sitrep COMMAND [flags] [inputs]\n\nCommands:")
	cs := commands()
	width := 0
	for _, c := range cs {
		width = max(width, len(c.name))
	}
	for _, c := range cs {
		fmt.Fprintf(w, "  %-*s  %s\n", width, c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'sitrep COMMAND --help' for a command's flags.")
	fmt.Fprintln(w, "Exit status: 0 ok, 1 some inputs failed (reported on stderr), 2 usage error, 3 failure.")
}

// newFlags returns a flag set that prints its usage to env.Stderr and
// reports errors as usage errors.
func newFlags(env *Env, name, synopsis, about string) *flag.FlagSet {
	fs := flag.NewFlagSet("sitrep "+name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(env.Stderr, "Usage: sitrep %s %s\n\n%s\n\nFlags:\n", name, synopsis, about)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags, mapping errors to errUsage.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	return nil
}

// oneOf checks a flag value against its allowed values.
func oneOf(env *Env, flagName, v string, allowed ...string) error {
	i := sort.SearchStrings(allowed, v)
	if i < len(allowed) && allowed[i] == v {
		return nil
	}
	fmt.Fprintf(env.Stderr, "sitrep: --%s must be one of %s, not %q\n", flagName, strings.Join(allowed, ", "), v)
	return errUsage
}
