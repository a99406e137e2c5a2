package clean

import (
	"strings"
	"unicode/utf8"
)

// lineRule drops a whole line of page furniture. Rules only see one
// normalised line; each must leave every real sentence alone, which
// TestFurnitureRules checks with must-keep lines.
type lineRule struct {
	name string
	drop func(s string) bool
}

// lineRules run in order; the first that matches names the drop.
var lineRules = []lineRule{
	{"breadcrumb", isBreadcrumb},
	{"reading-time", isReadingTime},
	{"share", isShareLine},
	{"link-heading", isLinkHeading},
	{"read-more", isReadMore},
	{"advertisement", isAdvertisement},
	{"photo-credit", isPhotoCredit},
	{"separator", isSeparator},
	{"cookie", isCookiePrompt},
	{"newsletter", isNewsletterPrompt},
	{"garbage", isGarbage},
	{"comments", isCommentCount},
	{"section-label", isSectionLabel},
	{"bracketed-line", isBracketedLine},
}

// dropLinkLists removes the short lines listed under a link heading.
//
// Example: "Related Topics" followed by "Varno siege" and "Humanitarian
// aid": tags, not text. The list ends at the first line of more than
// eight words or ending like a sentence.
func dropLinkLists(lines []line, text string) {
	for i := range lines {
		if lines[i].rule != "link-heading" {
			continue
		}
		for j := i + 1; j < len(lines); j++ {
			if lines[j].rule != "" {
				continue
			}
			s := text[lines[j].text.Start:lines[j].text.End]
			if words(s) > 8 || strings.ContainsAny(s[len(s)-1:], ".!?\"”") {
				break
			}
			lines[j].rule = "link-list"
		}
	}
}

// removeFurniture trims bracketed furniture off the line's ends and drops
// it when a rule matches or nothing is left.
func removeFurniture(l *line, text string) {
	s := text[l.text.Start:l.text.End]
	a, b := trimBrackets(s)
	if a >= b {
		l.rule = "bracket"
		return
	}
	l.text.Start, l.text.End = l.text.Start+a, l.text.Start+b
	s = s[a:b]
	for _, r := range lineRules {
		if r.drop(s) {
			l.rule = r.name
			return
		}
	}
}

// trimBrackets strips bracketed furniture and the separators around it
// from both ends of s, returning the part to keep.
//
// Example: "[click to enlarge] | Smoke over the town" keeps "Smoke over the
// town"; "[click to enlarge] |" keeps nothing. "[sic]" or "[the army]" in a
// quote are not furniture and stay.
func trimBrackets(s string) (a, b int) {
	a, b = 0, len(s)
	removed := false
	for {
		i := skipSeparators(s, a, b)
		if i < b && (s[i] == '[' || s[i] == '(') {
			closer := byte(']')
			if s[i] == '(' {
				closer = ')'
			}
			k := strings.IndexByte(s[i:b], closer)
			if k > 0 && bracketFurniture(s[i+1:i+k]) {
				a, removed = i+k+1, true
				continue
			}
		}
		break
	}
	for {
		j := skipSeparatorsBack(s, a, b)
		if j > a && (s[j-1] == ']' || s[j-1] == ')') {
			opener := byte('[')
			if s[j-1] == ')' {
				opener = '('
			}
			k := strings.LastIndexByte(s[a:j-1], opener)
			if k >= 0 && bracketFurniture(s[a+k+1:j-1]) {
				b, removed = a+k, true
				continue
			}
		}
		break
	}
	if !removed {
		return 0, len(s)
	}
	// Separators left next to a removed bracket go too, but not a full stop:
	// "... on Saturday. (Photo credit: ...)" keeps its sentence end.
	a = skipSeparators(s, a, b)
	for b > a && (s[b-1] == ' ' || s[b-1] == '|' || s[b-1] == '-' || s[b-1] == '/') {
		b--
	}
	return a, b
}

func isSepByte(c byte) bool {
	return c == ' ' || c == '|' || c == '-' || c == '*' || c == '/'
}

func skipSeparators(s string, a, b int) int {
	for a < b {
		if isSepByte(s[a]) {
			a++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[a:b])
		if !isSepRune(r) {
			break
		}
		a += n
	}
	return a
}

func skipSeparatorsBack(s string, a, b int) int {
	for b > a {
		if isSepByte(s[b-1]) {
			b--
			continue
		}
		r, n := utf8.DecodeLastRuneInString(s[a:b])
		if !isSepRune(r) {
			break
		}
		b -= n
	}
	return b
}

func isSepRune(r rune) bool {
	switch r {
	case '|', '-', '*', '/', '\\', '_', '=', '~', '#', '.', '>', '<', '+', ' ',
		'•', '·', '–', '—', '»', '«', '›', '‹', '¦', '│', '◆', '■', '●', '▪':
		return true
	}
	return false
}

// bracketFurniture reports whether the inside of a bracket is a page
// control or credit ("click to enlarge", "Photo: AFP", "embedded content")
// rather than text.
func bracketFurniture(inner string) bool {
	if len(inner) == 0 || len(inner) > 60 {
		return false
	}
	l := strings.ToLower(inner)
	for _, w := range []string{"click", "enlarge", "photo", "image", "video", "embed", "getty", "advert", "caption", "gallery", "graphic", "audio", "listen", "watch", "credit", "expand", "zoom"} {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// words counts space-separated words; lines are normalised, so single spaces.
func words(s string) int {
	if s == "" {
		return 0
	}
	return strings.Count(s, " ") + 1
}

// containsFold reports whether s contains the lower-case ASCII word sub,
// ignoring ASCII case in its first skip letters. It finds the rest of the
// word with strings.Index, which is fast enough to run on every line when
// the rest starts with a rare letter ("coo"+"kie", "new"+"sletter");
// all-capital prompts are left alone.
func containsFold(s, sub string, skip int) bool {
	for off := 0; ; {
		i := strings.Index(s[off:], sub[skip:])
		if i < 0 {
			return false
		}
		i += off
		if i >= skip && strings.EqualFold(s[i-skip:i], sub[:skip]) {
			return true
		}
		off = i + 1
	}
}

// prefixSet matches a line against case-insensitive prefixes, looking at
// the list only when the line's first byte starts one of them.
type prefixSet struct {
	first [256]bool
	list  []string
}

func newPrefixSet(list ...string) *prefixSet {
	p := &prefixSet{list: list}
	for _, s := range list {
		p.first[s[0]] = true
		p.first[strings.ToUpper(s[:1])[0]] = true
	}
	return p
}

func (p *prefixSet) match(s string) bool {
	if s == "" || !p.first[s[0]] {
		return false
	}
	for _, q := range p.list {
		if hasPrefixFold(s, q) {
			return true
		}
	}
	return false
}

// hasPrefixFold is strings.HasPrefix ignoring ASCII case.
func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// isBreadcrumb: the word "Breadcrumb" left by a screen-reader label, or a
// trail such as "Home > News > Middle East".
func isBreadcrumb(s string) bool {
	if strings.EqualFold(s, "breadcrumb") || strings.EqualFold(s, "breadcrumbs") || strings.EqualFold(s, "you are here") {
		return true
	}
	if len(s) > 200 || !hasPrefixFold(s, "home") {
		return false
	}
	rest := strings.TrimLeft(s[4:], " ")
	for _, sep := range []string{">", "/", "|", "»", "›"} {
		if strings.HasPrefix(rest, sep) {
			return true
		}
	}
	return false
}

// isReadingTime: "3 min read", "5 minute read", "Reading time: 4 minutes",
// "2 min listen". A sentence ("it took 3 minutes to read the statement")
// has more words than that.
func isReadingTime(s string) bool {
	if len(s) > 40 {
		return false
	}
	l := strings.ToLower(s)
	prefixed := false
	for _, p := range []string{"estimated reading time:", "reading time:", "read time:", "estimated reading time", "reading time"} {
		if strings.HasPrefix(l, p) {
			l, prefixed = strings.TrimSpace(l[len(p):]), true
			break
		}
	}
	i := 0
	for i < len(l) && l[i] >= '0' && l[i] <= '9' {
		i++
	}
	if i == 0 || i > 3 {
		return false
	}
	l = strings.TrimLeft(l[i:], " ")
	for _, unit := range []string{"minutes", "minute", "mins", "min"} {
		if strings.HasPrefix(l, unit) {
			l = strings.TrimLeft(l[len(unit):], " .")
			switch l {
			case "read", "listen", "watch", "read time":
				return true
			case "":
				return prefixed
			}
			return false
		}
	}
	return false
}

// shareWords are the words of share bars: "Share this article",
// "Facebook Twitter Email", "Copy link".
var shareWords = map[string]bool{
	"share": true, "this": true, "article": true, "story": true, "page": true, "on": true,
	"via": true, "facebook": true, "twitter": true, "x": true, "whatsapp": true, "email": true,
	"e-mail": true, "print": true, "copy": true, "link": true, "linkedin": true, "reddit": true,
	"telegram": true, "tweet": true, "pinterest": true, "messenger": true, "comments": true,
	"comment": true, "save": true, "bluesky": true, "flipboard": true,
}

var sharePrefixes = newPrefixSet("follow us", "like us on", "join us on", "subscribe to our", "subscribe now", "click here to subscribe")

var socialNames = []string{"twitter", "facebook", "instagram", "telegram", "youtube", "tiktok", "whatsapp", "bluesky", "linkedin", "@"}

// isShareLine: share bars ("Share this article", "Share on Facebook"),
// follow prompts ("Follow us on Twitter: @x", "Like us on Facebook") and
// subscribe prompts. "Share prices fell" and "Follow-up strikes hit the
// hospital" are sentences: they contain words no share bar uses and name
// no social network.
func isShareLine(s string) bool {
	if len(s) > 150 {
		return false
	}
	n := words(s)
	if n <= 6 {
		all := true
		for _, f := range strings.Fields(strings.ToLower(s)) {
			if !shareWords[strings.Trim(f, ":|,.")] {
				all = false
				break
			}
		}
		if all {
			return true
		}
	}
	if n > 15 {
		return false
	}
	if sharePrefixes.match(s) || strings.EqualFold(s, "subscribe") {
		return true
	}
	if hasPrefixFold(s, "follow ") || hasPrefixFold(s, "find us on") {
		l := strings.ToLower(s)
		for _, w := range socialNames {
			if strings.Contains(l, w) {
				return true
			}
		}
	}
	return false
}

// readMorePrefixes introduce links to other articles: "Read more: Rebels
// retake ...". They need the colon: "Related fighting spread to Idlib" is
// a sentence.
var readMorePrefixes = newPrefixSet("read more:", "read more -", "read also:", "also read:", "see also:", "related:", "recommended:", "more:", "watch:", "listen:", "read:", "explainer:")

// readMoreLines are whole-line headings of link lists.
var readMoreLines = []string{"read more", "related", "related articles", "related stories", "related content", "related topics", "related news", "more on this story", "more stories", "most read", "most popular", "you may also like", "you might also like", "top stories", "recommended", "trending", "latest news", "more from this author"}

// isReadMore: links to other articles ("Read more: ...", "Related: ...").
func isReadMore(s string) bool {
	return len(s) <= 300 && readMorePrefixes.match(s)
}

// isLinkHeading: the heading of a list of links or tags ("Most read",
// "Related Topics"); dropLinkLists removes the list under it.
func isLinkHeading(s string) bool {
	if len(s) > 40 {
		return false
	}
	t := strings.TrimRight(s, " :")
	for _, p := range readMoreLines {
		if strings.EqualFold(t, p) {
			return true
		}
	}
	return false
}

var adLines = []string{"advertisement", "advertisements", "advertising", "sponsored", "sponsored content", "ad", "story continues below advertisement", "article continues below advertisement", "story continues below", "article continues below", "continue reading below", "scroll to continue", "advertisement - scroll to continue", "skip advert", "skip advertisement", "continue reading the main story", "continue reading"}

// isAdvertisement: ad slot labels, "Advertisement", "- Advertisement -",
// "Story continues below advertisement".
func isAdvertisement(s string) bool {
	if len(s) > 50 {
		return false
	}
	t := strings.TrimFunc(s, func(r rune) bool { return isSepRune(r) })
	for _, p := range adLines {
		if strings.EqualFold(t, p) {
			return true
		}
	}
	return false
}

var creditPrefixes = newPrefixSet("photo:", "photos:", "photo credit", "photograph:", "photographs:", "photo by", "image:", "image source", "image caption", "image copyright", "media caption", "picture:", "pictures:", "top photo:", "main photo:", "file photo:", "featured image", "credit:", "(photo", "(image", "(credit", "(picture", "video:")

// captionPrefixes label a caption rather than a credit.
var captionPrefixes = newPrefixSet("top photo:", "main photo:", "file photo:")

var creditAgencies = []string{"getty images", "shutterstock", "via getty", "/afp", "afp/", "/reuters", "reuters/", "/ap", "ap photo", "epa-efe", "/anadolu", "anadolu agency via"}

// isPhotoCredit: credits and caption labels ("Photo: AFP", "(Photo credit
// should read ...)", "TOP PHOTO: ...", "Smoke over Hama. Getty Images").
// "Photo evidence was verified" has no colon; a sentence quoting Reuters
// has no slash credit and is longer than a credit line.
func isPhotoCredit(s string) bool {
	if len(s) > 400 {
		return false
	}
	if creditPrefixes.match(s) {
		// A caption label followed by a described scene ("TOP PHOTO: Smoke
		// rises over the old market, May 3, 2018") is content, not a
		// credit: it dates and places the story. A label with a name or
		// agency only ("Photo: AFP") is a credit.
		return !(captionPrefixes.match(s) && words(s) >= 8)
	}
	if len(s) > 150 || words(s) > 12 {
		return false
	}
	l := strings.ToLower(s)
	for _, a := range creditAgencies {
		if strings.Contains(l, a) {
			return true
		}
	}
	return false
}

// isSeparator: a line of nothing but separators ("|", "---", "***", "•").
func isSeparator(s string) bool {
	for _, r := range s {
		if !isSepRune(r) {
			return false
		}
	}
	return true
}

var cookieSignals = []string{"we use", "uses cookies", "accept all", "accept cookies", "cookie policy", "cookie settings", "cookie preferences", "consent", "manage cookies", "privacy policy"}

// isCookiePrompt: "We use cookies to improve your experience. Accept all".
// A report about cookies handed out at a checkpoint names none of the
// consent words.
func isCookiePrompt(s string) bool {
	if words(s) > 60 || !containsFold(s, "cookie", 3) {
		return false
	}
	l := strings.ToLower(s)
	for _, w := range cookieSignals {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// isNewsletterPrompt: "Sign up for our daily newsletter", "Get the latest
// updates in your inbox". "Sign up for military service" names no
// newsletter, inbox or email.
func isNewsletterPrompt(s string) bool {
	if words(s) > 30 {
		return false
	}
	if containsFold(s, "newsletter", 3) {
		l := strings.ToLower(s)
		for _, w := range []string{"sign up", "subscribe", "our newsletter", "get ", "email", "inbox"} {
			if strings.Contains(l, w) {
				return true
			}
		}
		return false
	}
	for _, p := range []string{"sign up", "subscribe", "get the latest", "get our", "enter your email", "receive our", "receive the latest"} {
		if hasPrefixFold(s, p) {
			l := strings.ToLower(s)
			return strings.Contains(l, "inbox") || strings.Contains(l, "email") || strings.Contains(l, "alerts") || strings.Contains(l, "updates")
		}
	}
	return false
}

// isGarbage: a line of a few stray Latin-1 characters, the remains of an
// encoding accident such as the "Ìý" some pages end with. A real line has
// ASCII letters, digits or a script's letters beyond Latin-1.
func isGarbage(s string) bool {
	if len(s) > 8 || utf8.RuneCountInString(s) > 4 {
		return false
	}
	for _, r := range s {
		if r < 0x80 {
			return false
		}
		if _, ok := mojibakeByte(r); !ok {
			return false
		}
	}
	return true
}

// isCommentCount: comment counters such as "941 comments", "Comments (12)"
// or "12 Comments". "Comments by the minister drew criticism" has more
// words.
func isCommentCount(s string) bool {
	if len(s) > 20 {
		return false
	}
	t := strings.Trim(strings.ToLower(s), "() ")
	t = strings.TrimRight(strings.TrimLeft(t, "0123456789 "), "0123456789 ()")
	return (t == "comments" || t == "comment") && strings.ContainsAny(s, "0123456789")
}

// isSectionLabel: a site's section label, "From the section US & Canada".
func isSectionLabel(s string) bool {
	const p = "from the section "
	return len(s) < 60 && len(s) > len(p) && hasPrefixFold(s, p) && isUpperASCII(s[len(p)])
}

func isUpperASCII(c byte) bool { return c >= 'A' && c <= 'Z' }

// isBracketedLine: a whole line in square brackets is an editor's link or
// note ("[Read: Tunisia sends most foreign fighters to ...]"); a sentence
// with a bracketed insertion ("[The army] will not stop, he said") does
// not both start and end with a bracket.
func isBracketedLine(s string) bool {
	return len(s) > 2 && s[0] == '[' && s[len(s)-1] == ']' && strings.IndexAny(s[1:len(s)-1], "[]") < 0
}
