package queue_test

import (
	"fmt"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/queue"
)

// A job is identified by its raw text: the same article read from two
// paths is one job, which the stream queues once.
func ExampleJob_Hash() {
	text := "Protest in the port\n\nDock workers marched on Tuesday over unpaid wages.\n"
	a := queue.NewJob(&doc.Document{ID: "port", Origin: "inbox/port.txt", Format: "text", Raw: text})
	b := queue.NewJob(&doc.Document{ID: "port-copy", Origin: "mirror/port-copy.txt", Format: "text", Raw: text})
	fmt.Println(a.Hash() == b.Hash())
	fmt.Println(a.Document().Origin)
	// Output:
	// true
	// inbox/port.txt
}
