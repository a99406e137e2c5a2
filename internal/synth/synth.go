// Package synth generates synthetic conflict reports for benchmarks: varied,
// realistic-looking articles built from templates, deterministic for a
// seed, so throughput figures can be reproduced anywhere without shipping a
// corpus. The sentences are sitrep's own templates, not real reporting.
package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// Article is one generated report.
type Article struct {
	ID        string
	Title     string
	Source    string
	Published time.Time
	Text      string
}

var (
	places = []string{"Khan Shaykhun", "Maarat al-Numan", "Ariha", "Saraqib", "Idlib", "Hama", "Aleppo",
		"El Fasher", "Nyala", "Omdurman", "Kharkiv", "Bakhmut", "Avdiivka", "Zaporizhzhia", "Mosul",
		"Kirkuk", "Taiz", "Hodeidah", "Marib", "Gao", "Timbuktu", "Mogadishu", "Kismayo", "Goma",
		"Bunia", "Kandahar", "Lashkar Gah", "Maiduguri", "Sittwe", "Mekelle"}
	regions = []string{"Idlib province", "Hama province", "North Darfur", "South Darfur", "Kharkiv region",
		"Donetsk region", "Nineveh", "Taiz governorate", "Mopti region", "Lower Shabelle", "North Kivu",
		"Helmand province", "Borno state", "Rakhine state", "Tigray"}
	actors = []string{"government forces", "the army", "rebel fighters", "Hayat Tahrir al-Sham",
		"the Rapid Support Forces", "Russian forces", "Ukrainian troops", "Islamic State militants",
		"al-Shabaab fighters", "the Houthis", "M23 rebels", "Taliban fighters", "Boko Haram",
		"pro-government militias", "unidentified gunmen", "security forces"}
	claimants = []string{"a war monitor said", "local officials said", "according to medics",
		"residents told reporters", "the health ministry said", "according to the United Nations",
		"a military spokesman said", "rescue workers said", "state media reported"}
	weekdays = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
	outlets  = []string{"Frontline Wire", "Regional Desk", "Daily Observer", "Conflict Monitor", "World Brief"}
)

type templateFn func(r *rand.Rand) string

var leads = []templateFn{
	func(r *rand.Rand) string {
		return fmt.Sprintf("Airstrikes hit a market in %s on %s, killing at least %d civilians and wounding %d others, %s.",
			pick(r, places), pick(r, weekdays), 3+r.IntN(60), 5+r.IntN(90), pick(r, claimants))
	},
	func(r *rand.Rand) string {
		return fmt.Sprintf("Heavy clashes between %s and %s near %s left %d fighters dead over the %s, %s.",
			pick(r, actors), pick(r, actors), pick(r, places), 4+r.IntN(40), pick(r, []string{"weekend", "past two days", "night"}), pick(r, claimants))
	},
	func(r *rand.Rand) string {
		return fmt.Sprintf("%s said on %s they had captured %s after a %d-day offensive in %s.",
			capitalise(pick(r, actors)), pick(r, weekdays), pick(r, places), 2+r.IntN(20), pick(r, regions))
	},
	func(r *rand.Rand) string {
		return fmt.Sprintf("Shelling of residential districts in %s killed %d people, including %d children, %s.",
			pick(r, places), 5+r.IntN(30), 1+r.IntN(5), pick(r, claimants))
	},
	func(r *rand.Rand) string {
		return fmt.Sprintf("A car bomb exploded at a checkpoint outside %s on %s morning, killing %s people.",
			pick(r, places), pick(r, weekdays), pick(r, []string{"six", "at least 12", "more than 20", "dozens of", "nine"}))
	},
}

var body = []templateFn{
	func(r *rand.Rand) string {
		return fmt.Sprintf("The attack came a day after %s announced a new push towards %s.", pick(r, actors), pick(r, places))
	},
	func(r *rand.Rand) string {
		return fmt.Sprintf("More than %d,000 people have fled %s since the fighting began in %s, according to aid agencies.",
			10+r.IntN(400), pick(r, regions), pick(r, []string{"January", "late April", "the spring", "2023", "February"}))
	},
	func(r *rand.Rand) string {
		return fmt.Sprintf("%s denied targeting civilians and said it had struck only military positions.", capitalise(pick(r, actors)))
	},
	func(r *rand.Rand) string {
		return fmt.Sprintf("Hospitals in %s were overwhelmed, %s, and several roads remained closed.", pick(r, places), pick(r, claimants))
	},
	func(r *rand.Rand) string {
		return fmt.Sprintf("The town lies about %d km west of %s on a key supply road.", 5+r.IntN(60), pick(r, places))
	},
	func(r *rand.Rand) string {
		return fmt.Sprintf("Witnesses described columns of smoke over %s and the sound of drones throughout the night.", pick(r, places))
	},
	func(r *rand.Rand) string {
		return fmt.Sprintf("The conflict has killed more than %d,000 people since %d.", 10+r.IntN(500), 2011+r.IntN(12))
	},
}

// Generate returns n articles for the seed. The same seed gives the same
// articles on every machine.
func Generate(seed uint64, n int) []Article {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	out := make([]Article, n)
	for i := range out {
		lead := pick(r, leads)(r)
		var b strings.Builder
		b.WriteString(lead)
		paras := 4 + r.IntN(6)
		for p := 0; p < paras; p++ {
			b.WriteString("\n\n")
			for s, k := 0, 1+r.IntN(3); s < k; s++ {
				if s > 0 {
					b.WriteByte(' ')
				}
				b.WriteString(pick(r, body)(r))
			}
		}
		title := strings.TrimSuffix(strings.SplitN(lead, ",", 2)[0], ".")
		out[i] = Article{
			ID:        fmt.Sprintf("synth-%d-%06d", seed, i),
			Title:     title,
			Source:    pick(r, outlets),
			Published: base.AddDate(0, 0, r.IntN(365)),
			Text:      b.String(),
		}
	}
	return out
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
