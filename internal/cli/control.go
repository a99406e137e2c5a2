package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/sitrep-dev/sitrep/internal/app"
	"github.com/sitrep-dev/sitrep/internal/control"
	"github.com/sitrep-dev/sitrep/internal/place/gazetteer"
	"github.com/sitrep-dev/sitrep/internal/record"
	"github.com/sitrep-dev/sitrep/internal/store"
)

func runControl(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "control", "[flags] PLACE",
		"Prints who held PLACE over time: captures, withdrawals, entries, \"held since\" and claims to\n"+
			"still hold it, from the stored events, with their sources and the periods sources dispute.\n"+
			"PLACE is a name, matched through the gazetteer's spelling folding (Khan Sheikhoun finds\n"+
			"Khan Shaykhun), or a GeoNames id.")
	db := fs.String("db", "", "store: a file path or sqlite://PATH (default $SITREP_DB or "+app.DefaultDBPath(env.Getenv)+")")
	format := fs.String("format", "table", "output format: table or jsonl")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := oneOf(env, "format", *format, "jsonl", "table"); err != nil {
		return err
	}
	if fs.NArg() != 1 || strings.TrimSpace(fs.Arg(0)) == "" {
		fmt.Fprintln(env.Stderr, "sitrep control: give one PLACE (a name or a GeoNames id)")
		return errUsage
	}
	placeArg := strings.TrimSpace(fs.Arg(0))
	keys, err := placeKeys(placeArg)
	if err != nil {
		return err
	}
	st, err := app.OpenStore(ctx, dbPath(env, *db))
	if err != nil {
		return err
	}
	defer st.Close()
	seen := map[string]bool{}
	var events []record.Event
	for _, k := range keys {
		err := st.Events(ctx, store.EventQuery{Place: k}, func(e record.Event) error {
			if !seen[e.ID] {
				seen[e.ID] = true
				events = append(events, e)
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("list events at %s: %w", k, err)
		}
	}
	tls := control.Build(events, control.Options{})
	w := bufio.NewWriter(env.Stdout)
	if *format == "jsonl" {
		err = writeControlJSONL(w, tls)
	} else {
		writeControlTable(w, placeArg, tls)
	}
	if err != nil {
		return err
	}
	return w.Flush()
}

// placeKeys are the store place filters PLACE stands for: a GeoNames id
// as given; a name as given, and the ids of the gazetteer's places of
// that name once folded (stored locations carry the gazetteer's spelling
// and id, users type any transliteration).
func placeKeys(place string) ([]string, error) {
	if id, err := strconv.ParseInt(place, 10, 64); err == nil && id > 0 {
		return []string{place}, nil
	}
	keys := []string{place}
	gaz, err := gazetteer.Load()
	if err != nil {
		return nil, fmt.Errorf("load gazetteer: %w", err)
	}
	for _, c := range gaz.Lookup(place) {
		if c.Demonym {
			continue
		}
		if e := gaz.Entry(c.Entry); e.ID != 0 {
			keys = append(keys, strconv.FormatInt(e.ID, 10))
		}
	}
	return keys, nil
}

func writeControlJSONL(w *bufio.Writer, tls []control.Timeline) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, tl := range tls {
		for _, e := range tl.Entries {
			if err := enc.Encode(struct {
				Record string `json:"record"`
				control.Entry
			}{"control", e}); err != nil {
				return fmt.Errorf("write control entry: %w", err)
			}
		}
		for _, d := range tl.Disputes {
			if err := enc.Encode(struct {
				Record string `json:"record"`
				control.Dispute
			}{"control_dispute", d}); err != nil {
				return fmt.Errorf("write control dispute: %w", err)
			}
		}
	}
	return nil
}

func writeControlTable(w *bufio.Writer, place string, tls []control.Timeline) {
	if len(tls) == 0 {
		fmt.Fprintf(w, "no control statements about %s in the store\n", place)
		return
	}
	for i, tl := range tls {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "%s", tl.Place)
		if tl.GeonameID != 0 {
			fmt.Fprintf(w, " (GeoNames %d)", tl.GeonameID)
		}
		fmt.Fprintln(w)
		for _, e := range tl.Entries {
			when := e.From
			if when == "" {
				when = "undated"
			} else if e.To != e.From {
				when += ".." + e.To
			}
			mark := " "
			if e.Disputed {
				mark = "!"
			}
			holder := e.Holder
			if holder == "" {
				holder = "?"
			}
			fmt.Fprintf(w, "%s %-22s %-15s %-30s %s\n", mark, when, e.Kind, holder, sourceList(e.Sources))
		}
		for _, d := range tl.Disputes {
			fmt.Fprintf(w, "  disputed %s..%s:\n", d.From, d.To)
			for _, c := range d.Claims {
				fmt.Fprintf(w, "    %-13s %-15s %s\n", c.Stance, c.Kind, sourceList([]control.Source{c.Source}))
			}
		}
	}
}

func sourceList(ss []control.Source) string {
	var parts []string
	for _, s := range ss {
		p := s.Doc
		if s.ClaimedBy != nil {
			p += " (" + *s.ClaimedBy + ")"
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, ", ")
}
