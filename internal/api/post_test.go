package api_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep/internal/api"
	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/record"
	"github.com/sitrep-dev/sitrep/internal/store"
	"github.com/sitrep-dev/sitrep/internal/store/sqlite"
	"github.com/sitrep-dev/sitrep/internal/store/storetest"
)

// storingAnalyzer stores each posted body as a document of its lines, with
// the URL it was fetched from, if any, so the handler's side of posting
// (auth, limits, forms, fetching, answers) is tested here; internal/cli
// tests the server wired to the real pipeline.
func storingAnalyzer(st store.Store) api.Analyzer {
	return func(ctx context.Context, up api.Upload) (api.AnalyzeResult, error) {
		b, err := io.ReadAll(up.Body)
		if err != nil {
			return api.AnalyzeResult{}, err
		}
		var lines []string
		for _, l := range strings.Split(string(b), "\n") {
			if l = strings.TrimSpace(l); l != "" {
				lines = append(lines, l)
			}
		}
		d := storetest.NewDocument("posted", lines...)
		d.URL = up.URL
		if up.URL != "" {
			d.Origin = "fetched:" + up.Requested
		}
		if _, err := st.SaveBatch(ctx, []*doc.Document{d}, nil); err != nil {
			return api.AnalyzeResult{}, err
		}
		return api.AnalyzeResult{Documents: []record.Document{record.FromDocument(d)}}, nil
	}
}

func newAnalyzingServer(t *testing.T, token string) (http.Handler, store.Store) {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "post.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return api.New(st, api.Options{Token: token, MaxUpload: 4096, Analyze: storingAnalyzer(st)}), st
}

func post(h http.Handler, token, contentType, body string) *httptest.ResponseRecorder {
	req := httptest.NewRequest("POST", "/api/documents", strings.NewReader(body))
	req.Header.Set("Content-Type", contentType)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

const article = "Shelling killed four people in Kharkiv on Monday, regional officials said.\n\nThe strike hit a market.\n"

func TestPostDocument(t *testing.T) {
	h, a := newAnalyzingServer(t, "s3cret")
	tests := []struct {
		name, token, contentType, body string
		status                         int
	}{
		{"no token is refused", "", "text/plain", article, http.StatusUnauthorized},
		{"a wrong token is refused", "guess", "text/plain", article, http.StatusUnauthorized},
		{"an empty body is a bad request", "s3cret", "text/plain", "  ", http.StatusBadRequest},
		{"a body over the limit is too large", "s3cret", "text/plain", strings.Repeat("word ", 2000), http.StatusRequestEntityTooLarge},
		{"a pasted article is analysed and stored", "s3cret", "text/plain", article, http.StatusCreated},
		{"a form field is analysed too", "s3cret", "application/x-www-form-urlencoded", "text=" + strings.ReplaceAll("Clashes broke out in Idlib on Tuesday.", " ", "+"), http.StatusCreated},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := post(h, tt.token, tt.contentType, tt.body)
			if rec.Code != tt.status {
				t.Fatalf("status = %d, want %d: %s", rec.Code, tt.status, rec.Body)
			}
			if tt.status != http.StatusCreated {
				return
			}
			var res api.AnalyzeResult
			if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil || len(res.Documents) != 1 {
				t.Fatalf("result %s: %v", rec.Body, err)
			}
			if _, err := a.Document(context.Background(), res.Documents[0].ID); err != nil {
				t.Errorf("posted document not stored: %v", err)
			}
		})
	}
}

func TestPostingIsOffWithoutAToken(t *testing.T) {
	h, _ := newAnalyzingServer(t, "")
	if rec := post(h, "anything", "text/plain", article); rec.Code != http.StatusForbidden {
		t.Errorf("status = %d, want 403", rec.Code)
	}
}

func TestAnalyzerErrorsAreTheClients(t *testing.T) {
	bad := func(ctx context.Context, up api.Upload) (api.AnalyzeResult, error) {
		b, _ := io.ReadAll(up.Body)
		return api.AnalyzeResult{}, errors.Join(api.ErrBadInput, errors.New("cannot read "+string(b[:3])))
	}
	h := api.New(nil, api.Options{Token: "t", Analyze: bad})
	if rec := post(h, "t", "text/plain", "\x00\x01\x02"); rec.Code != http.StatusUnprocessableEntity {
		t.Errorf("status = %d, want 422", rec.Code)
	}
}
