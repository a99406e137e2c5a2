package storetest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/record"
)

// NewDocument builds an analysed document from its sentences: the text is
// the sentences joined by spaces, with one paragraph, the sentence spans,
// and the content hash set as the pipeline would.
func NewDocument(id string, sentences ...string) *doc.Document {
	d := &doc.Document{ID: id, Origin: id + ".txt", Format: "text"}
	var b strings.Builder
	for i, s := range sentences {
		if i > 0 {
			b.WriteByte(' ')
		}
		start := b.Len()
		b.WriteString(s)
		d.Sentences = append(d.Sentences, doc.Span{Start: start, End: b.Len()})
	}
	d.Text = b.String()
	d.Raw = d.Text
	d.Paragraphs = []doc.Span{{Start: 0, End: len(d.Text)}}
	h := sha256.Sum256([]byte(d.Text))
	d.Hash = hex.EncodeToString(h[:])
	return d
}

// Day returns the calendar day s (YYYY-MM-DD), panicking on a typo in a
// test's fixture.
func Day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// NewEvent builds an event record reported by sentence i of d. date may be
// "" for an undated event.
func NewEvent(id string, d *doc.Document, i int, date, eventType, subEventType string) record.Event {
	sp := d.Sentences[i]
	ev := record.Event{
		Record:       "event",
		ID:           id,
		EventType:    eventType,
		SubEventType: subEventType,
		Modality:     doc.Reported,
		Reports: []record.Report{{
			Doc:      d.ID,
			Text:     d.Text[sp.Start:sp.End],
			Start:    utf8.RuneCountInString(d.Text[:sp.Start]),
			End:      utf8.RuneCountInString(d.Text[:sp.End]),
			Modality: doc.Reported,
		}},
		Disputes: []record.Dispute{},
	}
	if date != "" {
		ev.Date, ev.DateEnd = &date, &date
	}
	return ev
}

// Towns and groups for generated texts; all invented.
var (
	towns  = []string{"Kfar Tala", "Bir Zahra", "Tell Maqam", "Wadi Sarin", "Ain Dalfa", "Qasr Abyad", "Jisr Hamra", "Dar Nakhla"}
	groups = []string{"the Northern Front", "the Coastal Brigade", "government forces", "the River Guard", "local militias"}
	acts   = []string{"shelled", "raided", "took control of", "withdrew from", "launched drones at", "besieged"}
)

// GeneratedDocument builds document n of a synthetic corpus: about size
// bytes of invented news prose, unique per n, so benchmarks and crash tests
// can make as much distinct input as they need.
func GeneratedDocument(n, size int) *doc.Document {
	var sents []string
	total := 0
	for i := 0; total < size; i++ {
		k := n*7 + i
		s := fmt.Sprintf("On day %d of the campaign, %s %s %s, and witnesses counted %d dead and %d wounded near the market, report %d-%d said.",
			i+1, groups[k%len(groups)], acts[(k/3)%len(acts)], towns[(k/5)%len(towns)], k%17, k%29, n, i)
		if i == 0 {
			s = strings.ToUpper(s[:1]) + s[1:]
		}
		sents = append(sents, s)
		total += len(s) + 1
	}
	d := NewDocument(fmt.Sprintf("gen-%06d", n), sents...)
	published := Day("2024-01-01").AddDate(0, 0, n%365)
	d.Published = &published
	d.Title = fmt.Sprintf("Fighting around %s, report %d", towns[n%len(towns)], n)
	d.Source = "Invented Wire"
	d.Fingerprint = uint64(n)*0x9e3779b97f4a7c15 | 1
	return d
}

// GeneratedEvents builds k events reported by the first k sentences of d,
// dated from its publication date.
func GeneratedEvents(d *doc.Document, k int) []record.Event {
	evs := make([]record.Event, 0, k)
	types := [][2]string{
		{"Explosions/Remote violence", "Shelling/artillery/missile attack"},
		{"Battles", "Armed clash"},
		{"Battles", "Non-state actor overtakes territory"},
	}
	for i := 0; i < k && i < len(d.Sentences); i++ {
		date := ""
		if d.Published != nil {
			date = d.Published.AddDate(0, 0, -i).Format(time.DateOnly)
		}
		t := types[i%len(types)]
		evs = append(evs, NewEvent(fmt.Sprintf("%s-e%d", d.ID, i), d, i, date, t[0], t[1]))
	}
	return evs
}
