package quantity

import (
	"math"
	"strconv"
	"strings"
)

// maxCount bounds what the parser accepts as a count of people; anything
// larger is a sum of money or a misread and is ignored.
const maxCount = 100_000_000

var unitWords = map[string]int{
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
	"seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
	"thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
	"seventeen": 17, "eighteen": 18, "nineteen": 19,
}

var tensWords = map[string]int{
	"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
	"seventy": 70, "eighty": 80, "ninety": 90,
}

var scaleWords = map[string]int{"hundred": 100, "thousand": 1000, "million": 1_000_000}

// vagueWords are plural number words read as an open lower bound: "dozens"
// is at least 24 (two dozen), "scores" at least 40, "hundreds" at least
// 200. "tens of thousands" is handled by the "of" rule in parseNumber.
var vagueWords = map[string]int{
	"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000,
	"millions": 2_000_000, "tens": 20,
}

// number is a parsed count before qualifiers: exact (Min == Max) or open
// (Max < 0).
type number struct {
	min, max int // max < 0: open
	end      int // index of the first word after the number
}

// parseNumber reads a number starting at ws[i]: digits ("1,200", "1.2
// million"), words up to 999,999 ("twenty-four", "one hundred and five",
// "a dozen") or a vague plural ("dozens", "tens of thousands").
func parseNumber(ws []word, i int) (number, bool) {
	w := ws[i]
	if w.num {
		v, ok := parseDigits(w.key)
		j := i + 1
		if j < len(ws) {
			if s, isScale := scaleWords[ws[j].key]; isScale {
				v *= float64(s)
				j++
			}
		}
		if !ok || v != math.Trunc(v) || v > maxCount {
			return number{}, false
		}
		return number{min: int(v), max: int(v), end: j}, true
	}
	if v, ok := vagueWords[w.key]; ok {
		j := i + 1
		// "tens of thousands", "hundreds of thousands"
		if j+1 < len(ws) && ws[j].key == "of" {
			if s, ok := vagueWords[ws[j+1].key]; ok && s > v {
				return number{min: v * s / 2, max: -1, end: j + 2}, true
			}
		}
		return number{min: v, max: -1, end: j}, true
	}
	// Word numbers: last is the kind of the previous word, which decides
	// what may follow ("twenty four" but not "four twenty").
	const (
		none = iota
		unit
		tens
		hundred
		scale
		dozen
	)
	total, cur, j, last := 0, 0, i, none
loop:
	for j < len(ws) {
		k := ws[j].key
		switch {
		case (k == "a" || k == "an") && j == i:
			if j+1 < len(ws) && (scaleWords[ws[j+1].key] > 0 || ws[j+1].key == "dozen") {
				cur = 1
				last = unit
				j++
				continue
			}
			return number{}, false
		case unitWords[k] > 0 || k == "zero":
			if last == unit || last == dozen || (last == hundred && cur%100 != 0) {
				break loop
			}
			cur += unitWords[k]
			last = unit
		case tensWords[k] > 0:
			if last == unit || last == tens || last == dozen || cur%100 != 0 {
				break loop
			}
			cur += tensWords[k]
			last = tens
			// "twenty-four"
			if j+2 < len(ws) && ws[j+1].key == "-" && unitWords[ws[j+2].key] > 0 {
				cur += unitWords[ws[j+2].key]
				last = unit
				j += 2
			}
		case k == "hundred":
			if cur >= 100 || last == hundred || last == dozen {
				break loop
			}
			cur = max(cur, 1) * 100
			last = hundred
		case k == "thousand" || k == "million":
			s := scaleWords[k]
			// Only a larger scale may precede: "two million five thousand".
			if total != 0 && total < s*1000 || last == scale {
				break loop
			}
			total += max(cur, 1) * s
			cur = 0
			last = scale
		case k == "dozen":
			if last == dozen || last == hundred || last == scale {
				break loop
			}
			cur = max(cur, 1) * 12
			last = dozen
		case k == "and" && (last == hundred || last == scale) && j+1 < len(ws) &&
			(unitWords[ws[j+1].key] > 0 || tensWords[ws[j+1].key] > 0):
			// "one hundred and five"
		default:
			break loop
		}
		j++
	}
	if last == none {
		return number{}, false
	}
	v := total + cur
	if v > maxCount {
		return number{}, false
	}
	return number{min: v, max: v, end: j}, true
}

func parseDigits(s string) (float64, bool) {
	// "1,200" groups thousands; "1.2" is a decimal; "1.200" (European
	// grouping) is read as a decimal too, which the integer check rejects.
	s = strings.ReplaceAll(s, ",", "")
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, false
	}
	return v, true
}
