package cli

import (
	"context"
	"fmt"

	"github.com/sitrep-dev/sitrep/internal/place/gazetteer"
)

func runGazetteer(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 || args[0] != "import" {
		fmt.Fprintln(env.Stderr, "Usage: sitrep gazetteer import [--db PATH] FILE...")
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
			return nil
		}
		return errUsage
	}
	fs := newFlags(env, "gazetteer import", "[--db PATH] FILE...",
		`Imports GeoNames dump files into the gazetteer overlay of the database, so
later runs resolve the places they hold on top of the embedded gazetteer:
the 19-column geoname table (allCountries.txt, a country's SY.txt, or their
.zip), alternateNamesV2.txt and admin1CodesASCII.txt. Importing a file again
replaces its rows.`)
	db := fs.String("db", env.Getenv("SITREP_DB"), "database file (default $SITREP_DB, else sitrep.db)")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	if *db == "" {
		*db = "sitrep.db"
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errUsage
	}
	ov, err := gazetteer.OpenOverlay(ctx, *db)
	if err != nil {
		return err
	}
	defer ov.Close()
	failed := 0
	for _, path := range fs.Args() {
		st, err := ov.ImportFile(ctx, path)
		if err != nil {
			fmt.Fprintf(env.Stderr, "sitrep gazetteer import: %v\n", err)
			failed++
			continue
		}
		fmt.Fprintf(env.Stderr, "%s: %d places, %d alternate names, %d admin1 codes\n", path, st.Places, st.AltNames, st.Admin1)
	}
	if failed > 0 {
		return errInputs
	}
	return nil
}
