package web

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestHandlerServesThePageAndRevalidates(t *testing.T) {
	h, err := Handler()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, path, wantType, wantBody string
		status                         int
	}{
		{"the root is the page", "/", "text/html", `<div id="map"`, 200},
		{"the script is served as JavaScript", "/app.js", "javascript", "", 200},
		{"the styles are served as CSS", "/app.css", "text/css", "", 200},
		{"the basemap ships with the page", "/countries-50m.json", "application/json", `"Topology"`, 200},
		{"an unknown file is not found", "/nope.js", "", "", 404},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest("GET", tt.path, nil))
			if rec.Code != tt.status {
				t.Fatalf("status = %d, want %d", rec.Code, tt.status)
			}
			if tt.status != 200 {
				return
			}
			if ct := rec.Header().Get("Content-Type"); !strings.Contains(ct, tt.wantType) {
				t.Errorf("content type = %q, want %q", ct, tt.wantType)
			}
			if !strings.Contains(rec.Body.String(), tt.wantBody) {
				t.Errorf("body lacks %q", tt.wantBody)
			}
			etag := rec.Header().Get("ETag")
			req := httptest.NewRequest("GET", tt.path, nil)
			req.Header.Set("If-None-Match", etag)
			rec = httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if etag == "" || rec.Code != http.StatusNotModified {
				t.Errorf("revalidation with ETag %q: status %d, want 304", etag, rec.Code)
			}
		})
	}
}

func TestThePageLoadsNothingFromElsewhere(t *testing.T) {
	for _, name := range []string{"dist/index.html", "dist/app.css"} {
		b, err := dist.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, bad := range []string{"http://", "https://", "//unpkg", "//cdn"} {
			if strings.Contains(string(b), bad) {
				t.Errorf("%s refers to %q: the page must work offline", name, bad)
			}
		}
	}
}
