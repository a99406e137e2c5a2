package cli

import (
	"fmt"
	"time"

	"github.com/sitrep-dev/sitrep/internal/app"
)

// progress draws a one-line counter on stderr when stderr is a terminal,
// and nothing otherwise, so pipes and logs stay clean. The corpus is
// streamed, so there is no total to show a percentage of.
type progress struct {
	env       *Env
	start     time.Time
	last      time.Time
	docs, evs int
	bytes     int64
	drawn     bool
}

func newProgress(env *Env) *progress {
	return &progress{env: env, start: time.Now()}
}

func (p *progress) add(r app.Result) {
	p.docs++
	p.evs += len(r.Events)
	p.bytes += int64(len(r.Doc.Raw))
	if !p.env.StderrIsTerminal || time.Since(p.last) < 100*time.Millisecond {
		return
	}
	p.last = time.Now()
	secs := time.Since(p.start).Seconds()
	fmt.Fprintf(p.env.Stderr, "\r\033[Kanalyzing: %d documents, %.1f MB, %d events, %.0f docs/s",
		p.docs, float64(p.bytes)/1e6, p.evs, float64(p.docs)/max(secs, 1e-9))
	p.drawn = true
}

// clear erases the bar before a message is printed on its line.
func (p *progress) clear() {
	if p.drawn {
		fmt.Fprint(p.env.Stderr, "\r\033[K")
		p.drawn = false
	}
}

func (p *progress) done() { p.clear() }
