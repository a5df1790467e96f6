package reports

import (
	"math/bits"
	"strings"
)

// The workbook's texts are mostly printable ASCII. The XML escaper and the
// line counter of row heights pass over such text eight bytes at a time:
// they load a 64-bit word and test all its bytes at once with the usual
// carry-free tricks. A test sets the high bit of the lowest byte of the
// word that is of the kind looked for, and maybe of bytes above it (a
// borrow carries into them), never of a byte below it. So a word whose
// test gives 0 holds no such byte, and otherwise the trailing zeros of the
// result count the bytes before the first such byte, which the caller
// passes over before it takes that byte as before. The results are the
// same as byte by byte.

const (
	lowBits  = 0x0101010101010101 // 0x01 in every byte
	highBits = 0x8080808080808080 // 0x80 in every byte
)

// load64 returns the eight bytes of s from i on as a little-endian word
// (which the compiler makes one load); i+8 must be at most len(s).
func load64[T string | []byte](s T, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// firstByte returns the index of the lowest byte marked in m, a test's
// result that is not 0.
func firstByte(m uint64) int { return bits.TrailingZeros64(m) >> 3 }

// xmlSpecial tests w for bytes that appendXMLText does not copy as they
// come: all but printable ASCII (0x20 to 0x7f) other than & < > and _
// (which may start an OOXML escape).
func xmlSpecial(w uint64) uint64 {
	// (x - 0x01..) &^ x marks a zero byte of x; w - 0x20.. | w a byte of
	// w that is 0x80 or more or, the bytes below 0x80, below 0x20.
	// < (0x3c) and > (0x3e) differ in bit 1 only: cleared, one test finds
	// both.
	amp, lt, us := w^(lowBits*'&'), (w^(lowBits*'<'))&^(lowBits*2), w^(lowBits*'_')
	return (w - lowBits*0x20 | w | (amp-lowBits)&^amp | (lt-lowBits)&^lt | (us-lowBits)&^us) & highBits
}

// lineSpecial tests w for bytes that textLines does not count as one code
// point of the current line: line feeds and all but ASCII.
func lineSpecial(w uint64) uint64 {
	nl := w ^ (lowBits * '\n')
	return (w | (nl-lowBits)&^nl) & highBits
}

// isASCII reports whether s is ASCII only: then its code points are its
// bytes, and a code-point offset is a byte offset.
func isASCII[T string | []byte](s T) bool {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if load64(s, i)&highBits != 0 {
			return false
		}
	}
	for ; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// joinASCII adds the ASCII text s to j, as j.add of each of its
// characters would, but copying each run of printable characters and
// single spaces between them at once, and all of s at once when it is
// such a run, but for a space at either end (spacedWords).
func joinASCII(j *spaceJoiner, s string) {
	if spacedWords(s) {
		joinSpaced(j, s)
		return
	}
	printable := func(c byte) bool { return c > ' ' && c != 0x7f }
	for i := 0; i < len(s); {
		c := s[i]
		if !printable(c) {
			switch c {
			case '\t', '\n', '\v', '\f', '\r', ' ': // unicode.IsSpace
				j.space = true
			} // other control characters are dropped
			i++
			continue
		}
		k := i + 1
		for k < len(s) && (printable(s[k]) || s[k] == ' ' && k+1 < len(s) && printable(s[k+1])) {
			k++
		}
		if j.space && len(j.b) > j.start {
			j.b = append(j.b, ' ')
		}
		j.space = false
		j.b = append(j.b, s[i:k]...)
		i = k
	}
}

// joinSpaced is joinASCII for s of spaced words (spacedWords): all of s
// at once, but for a space at either end.
func joinSpaced(j *spaceJoiner, s string) {
	if len(s) > 0 && s[0] == ' ' {
		j.space, s = true, s[1:]
	}
	trailing := len(s) > 0 && s[len(s)-1] == ' '
	if trailing {
		s = s[:len(s)-1]
	}
	if len(s) > 0 {
		if j.space && len(j.b) > j.start {
			j.b = append(j.b, ' ')
		}
		j.b, j.space = append(j.b, s...), false
	}
	j.space = j.space || trailing
}

// spacedWords reports whether s is printable ASCII (0x20 to 0x7e) with no
// two spaces together: words with a space between them, and maybe one
// at either end.
func spacedWords(s string) bool {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		// As in xmlSpecial: bytes below 0x20 or from 0x80, and 0x7f.
		w := load64(s, i)
		del := w ^ (lowBits * 0x7f)
		if (w-lowBits*0x20|w|(del-lowBits)&^del)&highBits != 0 {
			return false
		}
	}
	for ; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return false
		}
	}
	return !strings.Contains(s, "  ")
}

// appendJoined appends JoinSpace(s) to b.
func appendJoined(b []byte, s string) []byte {
	if !isASCII(s) {
		return appendJoinSpace(b, s)
	}
	j := spaceJoiner{b: b, start: len(b)}
	joinASCII(&j, s)
	return j.b
}
