package api_test

import (
	"fmt"

	"github.com/sitrep-dev/sitrep/internal/api"
)

func ExampleParseAllowList() {
	list, err := api.ParseAllowList("news.example.org, *.wire.example")
	if err != nil {
		panic(err)
	}
	for _, host := range []string{"news.example.org", "NEWS.EXAMPLE.ORG", "example.org", "eu.wire.example", "wire.example"} {
		fmt.Println(host, list.Allows(host))
	}
	_, err = api.ParseAllowList("https://example.org/news")
	fmt.Println(err)
	// Output:
	// news.example.org true
	// NEWS.EXAMPLE.ORG true
	// example.org false
	// eu.wire.example true
	// wire.example false
	// bad fetch allow-list entry "https://example.org/news": want a host name such as example.org or *.example.org
}
