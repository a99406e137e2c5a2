package api

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep/internal/control"
	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/record"
	"github.com/sitrep-dev/sitrep/internal/store/storetest"
)

func TestPlaceControlBuildsTheTimelineOfThePlace(t *testing.T) {
	st := newStore(t)
	d := storetest.NewDocument("wire-t",
		"Government forces retook Dar Nakhla on Monday.",
		"The Northern Front captured Ain Dalfa after a week of fighting.")
	loc := func(name string, id int64) *record.Location {
		return &record.Location{Name: name, Lat: 35, Lon: 36, GeonameID: id, Precision: "town"}
	}
	retake := storetest.NewEvent("ev-retake", d, 0, "2024-03-04", "Strategic developments", "Government regains territory")
	retake.Location = loc("Dar Nakhla", 9000042)
	retake.Actor1 = &record.Actor{Name: "government forces"}
	other := storetest.NewEvent("ev-other", d, 1, "2024-03-05", "Battles", "Non-state actor overtakes territory")
	other.Location = loc("Ain Dalfa", 9000043)
	other.Actor1 = &record.Actor{Name: "Northern Front"}
	if _, err := st.SaveBatch(context.Background(), []*doc.Document{d}, []record.Event{retake, other}); err != nil {
		t.Fatal(err)
	}
	var asked []string
	h := New(st, Options{PlaceKeys: func(p string) ([]string, error) {
		asked = append(asked, p)
		if p == "Dar Nakhleh" { // another spelling, as a gazetteer folds it
			return []string{p, "9000042"}, nil
		}
		return []string{p}, nil
	}})
	for _, target := range []string{"/api/places/9000042/control", "/api/places/Dar%20Nakhla/control", "/api/places/Dar%20Nakhleh/control"} {
		rec := get(t, h, target)
		if rec.Code != http.StatusOK {
			t.Fatalf("%s: status %d: %s", target, rec.Code, rec.Body)
		}
		ans := decode[controlAnswer](t, rec)
		if len(ans.Timelines) != 1 || ans.Timelines[0].Place != "Dar Nakhla" || len(ans.Timelines[0].Entries) != 1 {
			t.Fatalf("%s: timelines = %+v, want Dar Nakhla's alone", target, ans.Timelines)
		}
		if ans.Timelines[0].Disputes == nil || !strings.Contains(rec.Body.String(), `"disputes":[]`) {
			t.Errorf("%s: disputes are %s, want an empty list, not null", target, rec.Body)
		}
		e := ans.Timelines[0].Entries[0]
		if e.Kind != control.Captured || e.Holder != "government forces" || e.From != "2024-03-04" || len(e.Sources) != 1 || e.Sources[0].Event != "ev-retake" {
			t.Errorf("%s: entry = %+v, want government forces capturing it on 2024-03-04 from ev-retake", target, e)
		}
	}
	rec := get(t, h, "/api/places/Nowhere/control")
	if ans := decode[controlAnswer](t, rec); rec.Code != 200 || ans.Timelines == nil || len(ans.Timelines) != 0 {
		t.Errorf("unknown place: status %d, %s; want 200 and no timelines", rec.Code, rec.Body)
	}
}
