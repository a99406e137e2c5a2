package api

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep-dev/sitrep/internal/export"
	"github.com/sitrep-dev/sitrep/internal/record"
	"github.com/sitrep-dev/sitrep/internal/store"
)

// ParseQuery reads the event filters of GET /api/events (and of `sitrep
// export`, which takes the same names as flags): from, to, bbox, type,
// sub_type, actor, place, modality, disputed, q, doc. Errors name the
// parameter at fault.
func ParseQuery(v url.Values) (store.EventQuery, error) {
	var q store.EventQuery
	var err error
	day := func(name string) time.Time {
		s := v.Get(name)
		if s == "" || err != nil {
			return time.Time{}
		}
		t, perr := time.Parse(time.DateOnly, s)
		if perr != nil {
			err = fmt.Errorf("%s %q is not a date YYYY-MM-DD", name, s)
		}
		return t
	}
	q.From, q.To = day("from"), day("to")
	if err != nil {
		return q, err
	}
	if s := v.Get("bbox"); s != "" {
		if q.BBox, err = ParseBBox(s); err != nil {
			return q, err
		}
	}
	q.EventType, q.SubEventType = v.Get("type"), v.Get("sub_type")
	q.Actor, q.Place, q.Modality = v.Get("actor"), v.Get("place"), v.Get("modality")
	q.Text, q.Doc = v.Get("q"), v.Get("doc")
	switch s := v.Get("disputed"); s {
	case "", "false", "0":
	case "true", "1":
		q.Disputed = true
	default:
		return q, fmt.Errorf("disputed %q is not true or false", s)
	}
	return q, nil
}

// ParseBBox reads minLon,minLat,maxLon,maxLat.
func ParseBBox(s string) (*store.BBox, error) {
	parts := strings.Split(s, ",")
	if len(parts) != 4 {
		return nil, fmt.Errorf("bbox %q is not minLon,minLat,maxLon,maxLat", s)
	}
	var f [4]float64
	for i, p := range parts {
		x, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil {
			return nil, fmt.Errorf("bbox %q is not minLon,minLat,maxLon,maxLat", s)
		}
		f[i] = x
	}
	b := &store.BBox{MinLon: f[0], MinLat: f[1], MaxLon: f[2], MaxLat: f[3]}
	if b.MinLat > b.MaxLat || b.MinLat < -90 || b.MaxLat > 90 || b.MinLon < -180 || b.MaxLon > 180 || b.MaxLon < -180 || b.MinLon > 180 {
		return nil, fmt.Errorf("bbox %q is out of range or has minLat > maxLat", s)
	}
	return b, nil
}

// encodeCursor makes the opaque "next" value; decodeCursor reads it back.
func encodeCursor(c store.Cursor) string {
	b, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeCursor(s string) (*store.Cursor, error) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	var c store.Cursor
	if err == nil {
		err = json.Unmarshal(b, &c)
	}
	if err != nil || c.ID == "" {
		return nil, fmt.Errorf("cursor %q is not one this server gave", s)
	}
	return &c, nil
}

// eventPage is the default JSON answer of GET /api/events.
type eventPage struct {
	Events []record.Event `json:"events"`
	// Next is the cursor of the following page; null on the last.
	Next *string `json:"next"`
}

func (s *server) listEvents(w http.ResponseWriter, r *http.Request) error {
	v := r.URL.Query()
	q, err := ParseQuery(v)
	if err != nil {
		return errorf(http.StatusBadRequest, "%v", err)
	}
	limit := s.opts.DefaultLimit
	if l := v.Get("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n < 1 || n > s.opts.MaxLimit {
			return errorf(http.StatusBadRequest, "limit %q is not a number from 1 to %d", l, s.opts.MaxLimit)
		}
		limit = n
	}
	if c := v.Get("cursor"); c != "" {
		if q.After, err = decodeCursor(c); err != nil {
			return errorf(http.StatusBadRequest, "%v", err)
		}
	}
	format := v.Get("format")
	switch format {
	case "", "json", "geojson", "csv":
	default:
		return errorf(http.StatusBadRequest, "format %q is not json, geojson or csv", format)
	}
	// One more than the page: whether it exists says if there is a next
	// page, without a second query.
	q.Limit = limit + 1
	return s.serveComputed(w, r, func(ctx context.Context, buf *bytes.Buffer) (*answer, error) {
		if rl, ok := s.st.(store.RawEventLister); ok && (format == "" || format == "json") {
			return rawPage(ctx, rl, q, limit, buf)
		}
		page := eventPage{Events: make([]record.Event, 0, min(limit, 256))}
		if err := s.st.Events(ctx, q, func(ev record.Event) error {
			page.Events = append(page.Events, ev)
			return nil
		}); err != nil {
			return nil, err
		}
		if len(page.Events) > limit {
			page.Events = page.Events[:limit]
			next := encodeCursor(store.CursorOf(page.Events[limit-1]))
			page.Next = &next
		}
		switch format {
		case "geojson":
			g := export.NewGeoJSON(buf)
			g.SetForeignMembers(map[string]any{"next": page.Next})
			return &answer{contentType: "application/geo+json"}, writeAll(g, page.Events)
		case "csv":
			a := &answer{contentType: "text/csv; charset=utf-8",
				header: map[string]string{"Content-Disposition": `attachment; filename="sitrep-events.csv"`}}
			if page.Next != nil {
				// CSV has no room for it in the body.
				a.header["X-Next-Cursor"] = *page.Next
			}
			return a, writeAll(export.NewCSV(buf, export.Options{Source: s.sourceOf(ctx)}), page.Events)
		}
		if err := json.NewEncoder(buf).Encode(page); err != nil {
			return nil, fmt.Errorf("encode events: %w", err)
		}
		return &answer{contentType: jsonType}, nil
	})
}

const jsonType = "application/json; charset=utf-8"

// rawPage writes a page of events as {"events": [...], "next": ...} from
// the stored records, copied byte for byte: decoding and encoding them
// again was most of a request's CPU.
func rawPage(ctx context.Context, rl store.RawEventLister, q store.EventQuery, limit int, buf *bytes.Buffer) (*answer, error) {
	buf.WriteString(`{"events":[`)
	n := 0
	var last store.Cursor
	more := false
	if err := rl.EventsRaw(ctx, q, func(pos store.Cursor, raw []byte) error {
		if n == limit {
			more = true
			return nil
		}
		if n > 0 {
			buf.WriteByte(',')
		}
		buf.Write(raw)
		last = pos
		n++
		return nil
	}); err != nil {
		return nil, err
	}
	buf.WriteString(`],"next":`)
	if more {
		buf.WriteByte('"')
		buf.WriteString(encodeCursor(last))
		buf.WriteByte('"')
	} else {
		buf.WriteString("null")
	}
	buf.WriteString("}\n")
	return &answer{contentType: jsonType}, nil
}

func writeAll(w export.Writer, evs []record.Event) error {
	for _, ev := range evs {
		if err := w.Write(ev); err != nil {
			return err
		}
	}
	return w.Close()
}

// sourceOf names a document's outlet, looking each document up once.
func (s *server) sourceOf(ctx context.Context) func(string) string {
	cache := map[string]string{}
	return func(id string) string {
		if src, ok := cache[id]; ok {
			return src
		}
		src := ""
		if d, err := s.st.Document(ctx, id); err == nil && d.Source != nil {
			src = *d.Source
		}
		cache[id] = src
		return src
	}
}

// docSummary names a document an event's reports come from.
type docSummary struct {
	ID        string  `json:"id"`
	Title     *string `json:"title"`
	Source    *string `json:"source"`
	URL       *string `json:"url"`
	Published *string `json:"published"`
}

// eventDetail is the answer of GET /api/events/{id}: the event record
// (every report with its sentence, span, claimant and modality, and the
// disputes) and the documents its reports cite.
type eventDetail struct {
	record.Event
	Documents map[string]docSummary `json:"documents"`
}

func (s *server) getEvent(w http.ResponseWriter, r *http.Request) error {
	release, err := s.acquire(w, r)
	if err != nil {
		return err
	}
	defer release()
	ev, err := s.st.Event(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	det := eventDetail{Event: ev, Documents: map[string]docSummary{}}
	for _, rep := range ev.Reports {
		if _, ok := det.Documents[rep.Doc]; ok {
			continue
		}
		d, err := s.st.Document(r.Context(), rep.Doc)
		if err != nil {
			return fmt.Errorf("get document %q of event %q: %w", rep.Doc, ev.ID, err)
		}
		det.Documents[rep.Doc] = docSummary{ID: d.ID, Title: d.Title, Source: d.Source, URL: d.URL, Published: d.Published}
	}
	return writeJSON(w, http.StatusOK, det)
}

// Highlight is a span of a document's text to mark: a sentence that
// reports an event. Offsets are code points into the text.
type Highlight struct {
	Start     int     `json:"start"`
	End       int     `json:"end"`
	EventID   string  `json:"event_id"`
	EventType string  `json:"event_type"`
	Modality  string  `json:"modality"`
	ClaimedBy *string `json:"claimed_by"`
}

// documentDetail is the answer of GET /api/documents/{id}.
type documentDetail struct {
	store.StoredDocument
	Highlights []Highlight `json:"highlights"`
}

func (s *server) getDocument(w http.ResponseWriter, r *http.Request) error {
	release, err := s.acquire(w, r)
	if err != nil {
		return err
	}
	defer release()
	id := r.PathValue("id")
	d, err := s.st.Document(r.Context(), id)
	if err != nil {
		return err
	}
	det := documentDetail{StoredDocument: d, Highlights: []Highlight{}}
	if err := s.st.Events(r.Context(), store.EventQuery{Doc: id, Limit: 10000}, func(ev record.Event) error {
		for _, rep := range ev.Reports {
			if rep.Doc == id {
				det.Highlights = append(det.Highlights, Highlight{
					Start: rep.Start, End: rep.End, EventID: ev.ID, EventType: ev.EventType,
					Modality: rep.Modality, ClaimedBy: rep.ClaimedBy,
				})
			}
		}
		return nil
	}); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, det)
}

func (s *server) postDocument(w http.ResponseWriter, r *http.Request) error {
	if s.opts.Token == "" || s.opts.Analyze == nil {
		return errorf(http.StatusForbidden, "posting documents is disabled: start the server with --token or SITREP_TOKEN")
	}
	if !s.authorized(r) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="sitrep"`)
		return errorf(http.StatusUnauthorized, "missing or wrong bearer token")
	}
	r.Body = http.MaxBytesReader(w, r.Body, s.opts.MaxUpload)
	body, fetchURL, err := readUpload(r)
	if err != nil {
		return err
	}
	up := Upload{Body: bytes.NewReader(body)}
	if fetchURL != "" {
		if s.opts.FetchAllow.Empty() {
			return errorf(http.StatusForbidden, "fetching URLs is disabled: start the server with --fetch-allow HOSTS (a comma-separated list of the hosts it may fetch from)")
		}
		// Fetched before taking the analysis lock: a slow upstream must
		// not hold up other clients' analyses.
		f, err := s.fetch(r.Context(), fetchURL)
		if err != nil {
			return err
		}
		s.opts.Log.Info("api: fetched", "url", f.url, "requested", fetchURL, "bytes", len(f.body), "content_type", f.contentType)
		body = f.body
		up = Upload{Body: bytes.NewReader(body), URL: f.url, Requested: fetchURL, ContentType: f.contentType}
	}
	if len(bytes.TrimSpace(body)) == 0 {
		if fetchURL != "" {
			return errorf(http.StatusUnprocessableEntity, "the fetched page is empty")
		}
		return errorf(http.StatusBadRequest, "empty document")
	}
	s.analyzing.Lock()
	defer s.analyzing.Unlock()
	res, err := s.opts.Analyze(r.Context(), up)
	if err != nil {
		return err
	}
	if res.Documents == nil {
		res.Documents = []record.Document{}
	}
	if res.Events == nil {
		res.Events = []record.Event{}
	}
	return writeJSON(w, http.StatusCreated, res)
}

// readUpload returns the posted input: the raw body, or from a form the
// "file" part or the "text" field; or, when the form has a "url" field
// instead, that URL to fetch.
func readUpload(r *http.Request) (body []byte, fetchURL string, err error) {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch mt {
	case "multipart/form-data":
		mr, err := r.MultipartReader()
		if err != nil {
			return nil, "", errorf(http.StatusBadRequest, "read form: %v", err)
		}
		for {
			p, err := mr.NextPart()
			if err == io.EOF {
				return nil, "", errorf(http.StatusBadRequest, `form has no "file", "text" or "url" part`)
			}
			if err != nil {
				return nil, "", fmt.Errorf("read form: %w", err)
			}
			switch p.FormName() {
			case "file", "text":
				b, err := io.ReadAll(p)
				return b, "", err
			case "url":
				// A URL longer than this is no article's.
				b, err := io.ReadAll(io.LimitReader(p, 8<<10))
				if err != nil {
					return nil, "", err
				}
				return nil, strings.TrimSpace(string(b)), requireURL(string(b))
			}
		}
	case "application/x-www-form-urlencoded":
		if err := r.ParseForm(); err != nil {
			return nil, "", fmt.Errorf("read form: %w", err)
		}
		text, u := r.PostForm.Get("text"), r.PostForm.Get("url")
		if r.PostForm.Has("url") {
			if text != "" {
				return nil, "", errorf(http.StatusBadRequest, `send either "text" or "url", not both`)
			}
			return nil, strings.TrimSpace(u), requireURL(u)
		}
		return []byte(text), "", nil
	}
	b, err := io.ReadAll(r.Body)
	return b, "", err
}

// requireURL refuses an empty "url" field, which would otherwise read as
// an empty document.
func requireURL(u string) error {
	if strings.TrimSpace(u) == "" {
		return errorf(http.StatusBadRequest, `empty "url"`)
	}
	return nil
}
