package migration

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestLoad(t *testing.T) {
	tests := []struct {
		name    string
		files   []string
		want    string
		wantErr string
	}{
		{"steps come in version order", []string{"0002_b.sql", "0001_a.sql"}, "1:0001_a.sql 2:0002_b.sql", ""},
		{"a gap in the numbering is refused", []string{"0001_a.sql", "0003_c.sql"}, "", "gap or a repeat"},
		{"a repeated version is refused", []string{"0001_a.sql", "0001_b.sql"}, "", "gap or a repeat"},
		{"a name without a number is refused", []string{"init.sql"}, "", "positive number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for _, f := range tt.files {
				fsys["migrations/"+f] = &fstest.MapFile{Data: []byte("SELECT 1;")}
			}
			ms, err := Load(fsys)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, m := range ms {
				got = append(got, strings.Join([]string{string(rune('0' + m.Version)), m.Name}, ":"))
			}
			if strings.Join(got, " ") != tt.want {
				t.Errorf("got %v, want %s", got, tt.want)
			}
		})
	}
}
