package ingest

import (
	"fmt"
	"hash/fnv"
	"net/url"
	"path"
	"strings"
)

// maxIDLen bounds IDs: long URLs are cut and given a hash suffix so two
// long URLs sharing a prefix still get distinct IDs.
const maxIDLen = 120

// sanitizeID keeps letters, digits, '.', '_' and '-', turning any other run
// into one '-', so an ID is safe in file names, URLs and logs.
func sanitizeID(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.TrimSpace(s) {
		ok := r == '.' || r == '_' || r == '-' ||
			('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z') || ('0' <= r && r <= '9')
		if ok {
			if r == '-' && (dash || b.Len() == 0) {
				continue
			}
			b.WriteRune(r)
			dash = r == '-'
			continue
		}
		if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	id := strings.Trim(b.String(), "-.")
	if len(id) > maxIDLen {
		h := fnv.New32a()
		h.Write([]byte(s))
		id = fmt.Sprintf("%s-%08x", strings.TrimRight(id[:maxIDLen-9], "-."), h.Sum32())
	}
	return id
}

func looksLikeURL(s string) bool {
	s = strings.ToLower(strings.TrimSpace(s))
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// urlID derives a readable ID from a URL: the host without "www." and the
// path without a page extension, e.g. "https://www.example.org/news/2024/
// raid-on-town.html" gives "example.org-news-2024-raid-on-town". A query is
// kept because some sites identify articles only by it ("?id=123").
func urlID(raw string) string {
	if !looksLikeURL(raw) {
		return ""
	}
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return ""
	}
	host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	p := strings.Trim(u.Path, "/")
	switch strings.ToLower(path.Ext(p)) {
	case ".html", ".htm", ".shtml", ".php", ".asp", ".aspx", ".jsp", ".cms":
		p = p[:len(p)-len(path.Ext(p))]
	}
	s := host
	if p != "" {
		s += "-" + p
	}
	if u.RawQuery != "" {
		s += "-" + u.RawQuery
	}
	return sanitizeID(s)
}
