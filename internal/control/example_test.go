package control_test

import (
	"fmt"

	"github.com/sitrep-dev/sitrep/internal/control"
	"github.com/sitrep-dev/sitrep/internal/record"
)

func ExampleBuild() {
	day := "2019-03-05"
	at := &record.Location{Name: "Bir Salem", GeonameID: 42, Precision: "town"}
	by := "the brigade"
	evs := []record.Event{{
		ID: "ev-1", SubEventType: "Government regains territory", Date: &day, DateEnd: &day, Location: at,
		Actor1: &record.Actor{Name: "Army"},
		Reports: []record.Report{
			{Doc: "wire", Text: "Soldiers seized control of Bir Salem on Tuesday.", Date: &day},
			{Doc: "channel", Text: "The brigade said it still holds the old town of Bir Salem.", ClaimedBy: &by, Date: &day},
		},
	}}
	for _, tl := range control.Build(evs, control.Options{}) {
		for _, e := range tl.Entries {
			fmt.Println(tl.Place, e.From, e.Kind, e.Holder, e.Disputed)
		}
		fmt.Println("disputes:", len(tl.Disputes))
	}
	// Output:
	// Bir Salem 2019-03-05 captured Army true
	// Bir Salem 2019-03-05 claims to hold the brigade true
	// disputes: 1
}
