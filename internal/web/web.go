// Package web serves sitrep's page: a map, a timeline and an event panel,
// built from ui/ (plain ES modules, Leaflet and Natural Earth outlines from
// npm, bundled by esbuild) into dist/, which is committed and embedded so
// the binary needs neither Node nor the network. The page talks only to
// the API of the same server.
package web

//go:generate sh -c "cd ui && npm ci --no-audit --no-fund && npm run build"

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
)

//go:embed dist
var dist embed.FS

// asset is one embedded file with its validator.
type asset struct {
	body        []byte
	etag        string
	contentType string
}

// Handler serves the embedded page. Files are revalidated on every load
// (Cache-Control: no-cache with an ETag of their content), so a new binary
// never leaves a browser on a stale script, and an unchanged one costs a
// 304.
func Handler() (http.Handler, error) {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		return nil, fmt.Errorf("open embedded page: %w", err)
	}
	assets := map[string]asset{}
	err = fs.WalkDir(sub, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(sub, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		ct := mime.TypeByExtension(path.Ext(p))
		if ct == "" {
			ct = "application/octet-stream"
		}
		assets["/"+p] = asset{body: b, etag: `"` + hex.EncodeToString(sum[:8]) + `"`, contentType: ct}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read embedded page: %w", err)
	}
	if _, ok := assets["/index.html"]; !ok {
		return nil, fmt.Errorf("embedded page has no index.html: run go generate ./internal/web")
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		if p == "/" || p == "" {
			p = "/index.html"
		}
		a, ok := assets[p]
		if !ok {
			http.Error(w, "not found", http.StatusNotFound)
			return
		}
		h := w.Header()
		h.Set("Cache-Control", "no-cache")
		h.Set("ETag", a.etag)
		if match := r.Header.Get("If-None-Match"); match != "" && strings.Contains(match, a.etag) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		h.Set("Content-Type", a.contentType)
		w.Write(a.body)
	}), nil
}
