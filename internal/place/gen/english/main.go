// Command english writes ../../data/english.txt: the common English words
// (the lower-case entries of an English word list) that fold like a word
// of some gazetteer name. The caseless mode of the place stage (see
// caseless.go) never takes such a word alone for a place in a document
// written all in lower case: "police" (Police, Poland), "mob", "case".
//
// The word list is Debian's wamerican (SCOWL, size 50, American spelling;
// `apt-get install wamerican` puts it at /usr/share/dict/american-english).
// SCOWL's licence allows copying and redistributing the lists and output
// made from them, with its copyright and permission notice, which the
// generated file carries. Only words that are all lower-case ASCII letters
// are read: capitalised entries are proper names (Delhi, Reading) and
// those are what the caseless mode looks for.
//
// Regenerate after changing the gazetteer's names or gazetteer.Fold:
//
//	go generate ./internal/place
package main

import (
	"bufio"
	"compress/gzip"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/sitrep-dev/sitrep/internal/place/gazetteer"
)

func main() {
	words := flag.String("words", "/usr/share/dict/american-english", "word list, one word a line")
	gaz := flag.String("gaz", "gazetteer/data", "directory of the gazetteer's data files")
	out := flag.String("out", "data/english.txt", "output file")
	flag.Parse()
	if err := run(*words, *gaz, *out); err != nil {
		fmt.Fprintln(os.Stderr, "english:", err)
		os.Exit(1)
	}
}

func run(wordsPath, gazDir, outPath string) error {
	keys, err := nameKeys(gazDir)
	if err != nil {
		return err
	}
	f, err := os.Open(wordsPath)
	if err != nil {
		return fmt.Errorf("open word list: %w", err)
	}
	defer f.Close()
	var kept []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		w := strings.TrimSpace(sc.Text())
		if len(w) < 2 || !lowerASCII(w) {
			continue
		}
		for _, k := range gazetteer.Fold(w) {
			if keys[k] {
				kept = append(kept, w)
				break
			}
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read word list: %w", err)
	}
	sort.Strings(kept)
	var b strings.Builder
	b.WriteString(header)
	for _, w := range kept {
		b.WriteString(w)
		b.WriteByte('\n')
	}
	if err := os.WriteFile(outPath, []byte(b.String()), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", outPath, err)
	}
	fmt.Fprintf(os.Stderr, "english: %d words\n", len(kept))
	return nil
}

// nameKeys returns the folded words of every gazetteer name: the keys of
// names.tsv.gz (already folded), the names of places.tsv.gz and the
// names and variants of countries.tsv and supplement.tsv.
func nameKeys(dir string) (map[string]bool, error) {
	keys := make(map[string]bool)
	add := func(name string) {
		for _, k := range gazetteer.Fold(name) {
			keys[k] = true
		}
	}
	err := eachLine(dir+"/names.tsv.gz", func(cols []string) {
		for _, k := range strings.Fields(cols[0]) {
			keys[k] = true
		}
	})
	if err == nil {
		err = eachLine(dir+"/places.tsv.gz", func(cols []string) {
			if len(cols) > 1 {
				add(cols[1])
			}
		})
	}
	for _, name := range []string{"countries.tsv", "supplement.tsv"} {
		if err != nil {
			break
		}
		err = eachLine(dir+"/"+name, func(cols []string) {
			if strings.HasPrefix(cols[0], "#") {
				return
			}
			for _, c := range cols[:min(len(cols), 3)] {
				for _, n := range strings.Split(c, "|") {
					add(n)
				}
			}
		})
	}
	return keys, err
}

// eachLine calls fn with the tab-separated columns of each line of a file,
// gunzipped when its name ends in .gz.
func eachLine(path string, fn func([]string)) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("open gazetteer data: %w", err)
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return fmt.Errorf("read %s: %w", path, err)
		}
		r = zr
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		fn(strings.Split(sc.Text(), "\t"))
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	return nil
}

func lowerASCII(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return true
}

const header = `# Common English words that fold like a word of some gazetteer name:
# the lower-case entries of Debian's wamerican word list (SCOWL) kept by
# internal/place/gen/english. Generated; do not edit (go generate
# ./internal/place). In a document written all in lower case, a word
# here is never a place on its own (see caseless.go).
#
# SCOWL (Spell Checker Oriented Word Lists), Copyright 2000-2011 by Kevin
# Atkinson. Permission to use, copy, modify, distribute and sell these
# word lists, the associated scripts, the output created from the
# scripts, and its documentation for any purpose is hereby granted
# without fee, provided that the above copyright notice appears in all
# copies and that both that copyright notice and this permission notice
# appear in supporting documentation. Kevin Atkinson makes no
# representations about the suitability of this array for any purpose.
# It is provided "as is" without express or implied warranty.
# (Parts of SCOWL carry further notices, all permissive; see
# /usr/share/doc/wamerican/copyright.)
`
