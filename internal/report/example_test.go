package report_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/record"
	"github.com/sitrep-dev/sitrep/internal/report"
	"github.com/sitrep-dev/sitrep/internal/store/sqlite"
	"github.com/sitrep-dev/sitrep/internal/store/storetest"
)

func ExampleReport_Markdown() {
	dir, _ := os.MkdirTemp("", "report-example-")
	defer os.RemoveAll(dir)
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(dir, "example.db"))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer st.Close()
	d := storetest.NewDocument("wire-a", "Shelling killed four people in Kfar Tala on Monday, medics said.")
	ev := storetest.NewEvent("ev-1", d, 0, "2024-03-04", "Explosions/Remote violence", "Shelling/artillery/missile attack")
	ev.Location = &record.Location{Name: "Kfar Tala", Lat: 35.2, Lon: 36.1, Precision: "town"}
	four := 4
	ev.Fatalities = &record.Figure{Min: &four, Max: &four}
	ev.Reports[0].Fatalities = ev.Fatalities
	if _, err := st.SaveBatch(ctx, []*doc.Document{d}, []record.Event{ev}); err != nil {
		fmt.Println(err)
		return
	}
	r, err := report.Build(ctx, st, report.Options{From: storetest.Day("2024-03-01"), To: storetest.Day("2024-03-31"), Title: "Kfar Tala, March"})
	if err != nil {
		fmt.Println(err)
		return
	}
	r.Markdown(os.Stdout)
	// Output:
	// # Kfar Tala, March
	//
	// 1[^1] event reported in 1[^2] document, 2024-03-01 to 2024-03-31. Fatalities: 4[^3].
	//
	// ## Events by type
	//
	// | Type | Events | Sub-types | Fatalities |
	// | --- | --- | --- | --- |
	// | Explosions/Remote violence | 1[^4] | Shelling/artillery/missile attack 1[^5] | 4[^6] |
	//
	// ## Events by place
	//
	// | Place | Events | Fatalities |
	// | --- | --- | --- |
	// | Kfar Tala | 1[^7] | 4[^8] |
	//
	// ## Main events
	//
	// - 2024-03-04: Explosions/Remote violence (Shelling/artillery/missile attack) at Kfar Tala; killed 4[^9]; 1[^10] report (reported) from wire-a
	//
	// ## Figures
	//
	// Each event's figure and what each report said; the range runs from the lowest to the highest.
	//
	// | Event | Fatalities | Reported | Wounded |
	// | --- | --- | --- | --- |
	// | 2024-03-04 Shelling/artillery/missile attack at Kfar Tala | 4[^11] | 4[^12] (wire-a) |  |
	//
	// ## Sentences
	//
	// - <a id="s1"></a>**S1** wire-a, characters 0–64: “Shelling killed four people in Kfar Tala on Monday, medics said.”
	//
	// [^1]: all events in the report: [S1](#s1)
	// [^2]: every document reporting them: [S1](#s1)
	// [^3]: fatalities of all events: [S1](#s1)
	// [^4]: Explosions/Remote violence events: [S1](#s1)
	// [^5]: Explosions/Remote violence: Shelling/artillery/missile attack: [S1](#s1)
	// [^6]: fatalities of Explosions/Remote violence events: [S1](#s1)
	// [^7]: events at Kfar Tala: [S1](#s1)
	// [^8]: fatalities at Kfar Tala: [S1](#s1)
	// [^9]: fatalities of ev-1: [S1](#s1)
	// [^10]: reports of ev-1: [S1](#s1)
	// [^11]: fatalities of ev-1: [S1](#s1)
	// [^12]: fatalities in one report of ev-1: [S1](#s1)
}
