package record_test

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/record"
)

func ExampleFromDocument() {
	pub := time.Date(2024, 6, 14, 0, 0, 0, 0, time.UTC)
	// Offsets in records are code points: "Fāshir" has a two-byte "ā".
	d := &doc.Document{ID: "wire-1", Text: "Al Fāshir, June 14, 2024 — Shells hit the market.", Published: &pub,
		PublishedInferred: true, PublishedEvidence: doc.Span{Start: 12, End: 25}}
	b, _ := json.Marshal(record.FromDocument(d).PublishedEvidence)
	fmt.Println(string(b))
	// Output: {"start":11,"end":24,"text":"June 14, 2024"}
}
