package reports

import (
	"regexp"
	"testing"
)

// The regular expressions typedValue used before isISODate and
// isPlainNumber replaced them (compiling them cost a run at 10M words
// 0.4 s): the reference the two are checked against.
var (
	refISODate     = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?)?$`)
	refPlainNumber = regexp.MustCompile(`^-?(0|[1-9]\d{0,14})(\.\d+)?$`)
)

func checkTypedMatchers(t *testing.T, s string) {
	t.Helper()
	if got, want := isISODate(s), refISODate.MatchString(s); got != want {
		t.Errorf("isISODate(%q) = %v, the regular expression says %v", s, got, want)
	}
	if got, want := isPlainNumber(s), refPlainNumber.MatchString(s); got != want {
		t.Errorf("isPlainNumber(%q) = %v, the regular expression says %v", s, got, want)
	}
}

func TestTypedMatchersAgreeWithRegexp(t *testing.T) {
	for _, s := range []string{
		"", "-", "--1", "0", "-0", "00", "01", "1", "-12", "1.", ".5", "1.5", "-1.50", "0.0", "00.1",
		"123456789012345", "1234567890123456", "-123456789012345.123", "1e5", "1,5", "١٢", "1.5.5", " 1",
		"2024-03-05", "2024-3-05", "2024-03-05T10:11", "2024-03-05 10:11", "2024-03-05T10:11:12",
		"2024-03-05 10:11:12", "2024-03-05T10:11:1", "2024-03-05X10:11", "2024-03-05T10:11:", "2024-03-05T",
		"2024/03/05", "20240305", "2024-03-055", "２０２４-03-05", "2024-13-40", "0000-00-00 00:00",
	} {
		checkTypedMatchers(t, s)
	}
}

func FuzzTypedMatchers(f *testing.F) {
	for _, s := range []string{"2024-03-05T10:11:12", "-12.5", "0612", "1234 AB"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkTypedMatchers(t, s) })
}
