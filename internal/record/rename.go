package record

// WithDocIDs returns ev with every document reference renamed through
// rename. The input is not modified: it belongs to the caller.
func (ev Event) WithDocIDs(rename map[string]string) Event {
	to := func(id string) string {
		if n, ok := rename[id]; ok {
			return n
		}
		return id
	}
	if len(ev.Reports) > 0 {
		reps := make([]Report, len(ev.Reports))
		copy(reps, ev.Reports)
		for i := range reps {
			reps[i].Doc = to(reps[i].Doc)
		}
		ev.Reports = reps
	}
	if ev.Location != nil && ev.Location.Doc != "" {
		loc := *ev.Location
		loc.Doc = to(loc.Doc)
		ev.Location = &loc
	}
	for _, a := range []**Actor{&ev.Actor1, &ev.Actor2} {
		if *a != nil && (*a).Doc != "" {
			c := **a
			c.Doc = to(c.Doc)
			*a = &c
		}
	}
	if len(ev.Disputes) > 0 {
		ds := make([]Dispute, len(ev.Disputes))
		for i, d := range ev.Disputes {
			ds[i] = d
			ds[i].Claims = make([]Claim, len(d.Claims))
			for j, c := range d.Claims {
				c.Doc = to(c.Doc)
				ds[i].Claims[j] = c
			}
		}
		ev.Disputes = ds
	}
	return ev
}
