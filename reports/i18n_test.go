package reports

import (
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestTextsComplete checks that every fixed text exists in every language,
// that the two languages differ where they should, and that formats take
// the same verbs in the same order.
func TestTextsComplete(t *testing.T) {
	verbs := regexp.MustCompile(`%[-+# 0]*[0-9]*[a-zA-Z%]`)
	nl, en := reflect.ValueOf(*texts(LangNL)), reflect.ValueOf(*texts(LangEN))
	typ := nl.Type()
	same := 0
	for i := 0; i < typ.NumField(); i++ {
		name := typ.Field(i).Name
		a, b := nl.Field(i).String(), en.Field(i).String()
		if strings.TrimSpace(a) == "" {
			t.Errorf("%s: no Dutch text", name)
		}
		if strings.TrimSpace(b) == "" {
			t.Errorf("%s: no English text", name)
		}
		if a == b {
			same++
		}
		va, vb := verbs.FindAllString(a, -1), verbs.FindAllString(b, -1)
		if !slices.Equal(va, vb) {
			t.Errorf("%s: verbs %v in Dutch, %v in English", name, va, vb)
		}
		if strings.HasSuffix(name, "F") != (len(va) > 0) && name != "CountOne" {
			t.Errorf("%s: a format field must end in F and take verbs (verbs %v)", name, va)
		}
	}
	// Words that are the same in both languages (Interviewer, School...)
	// are few; many equal fields would mean English was not filled in.
	if same > 8 {
		t.Errorf("%d texts are the same in Dutch and English", same)
	}
}

func TestParseLang(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Lang
		ok   bool
	}{{"nl", LangNL, true}, {"EN", LangEN, true}, {"", LangNL, true}, {" en ", LangEN, true}, {"de", LangNL, false}} {
		got, ok := ParseLang(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("ParseLang(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestCounts(t *testing.T) {
	nl, en := texts(LangNL), texts(LangEN)
	for _, tc := range []struct {
		tx     *reportTexts
		n, neg int
		want   string
	}{
		{nl, 1, 0, "1 keer genoemd"},
		{nl, 3, 0, "3 keer genoemd"},
		{nl, 3, 1, "3 keer genoemd, waarvan 1 keer met ontkenning"},
		{nl, 3, 2, "3 keer genoemd, waarvan 2 keer met ontkenning"},
		{nl, 2, 2, "2 keer genoemd, steeds met ontkenning"},
		{nl, 1, 1, "1 keer genoemd, met ontkenning"},
		{en, 1, 0, "mentioned once"},
		{en, 4, 1, "mentioned 4 times, of which once negated"},
	} {
		if got := tc.tx.countNeg(tc.n, tc.neg); got != tc.want {
			t.Errorf("countNeg(%d, %d) = %q, want %q", tc.n, tc.neg, got, tc.want)
		}
	}
}
