package warc_test

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/sitrep-dev/sitrep/internal/ingest/warc"
)

func ExampleReader_Next() {
	body := "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>Clashes in Marib.</p>"
	archive := "WARC/1.1\r\n" +
		"WARC-Type: response\r\n" +
		"WARC-Target-URI: https://news.example/marib\r\n" +
		"WARC-Date: 2024-03-02T10:00:00Z\r\n" +
		"Content-Type: application/http; msgtype=response\r\n" +
		fmt.Sprintf("Content-Length: %d\r\n\r\n", len(body)) + body + "\r\n\r\n"
	r, err := warc.NewReader(strings.NewReader(archive))
	if err != nil {
		fmt.Println(err)
		return
	}
	for {
		rec, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(rec.Type, rec.TargetURI, rec.Date.Format("2006-01-02"))
	}
	// Output: response https://news.example/marib 2024-03-02
}
