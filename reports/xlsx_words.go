package reports

// The workbook's texts are mostly printable ASCII. The XML escaper and the
// line counter of row heights pass over such text eight bytes at a time:
// they load a 64-bit word and test all its bytes at once with the usual
// carry-free tricks (each test below says, exactly, whether some byte of
// the word is of a kind; which one, it does not say). A word that fails a
// test is taken byte by byte as before, so the results are the same.

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

// anyZero is nonzero exactly when some byte of w is zero.
func anyZero(w uint64) uint64 { return (w - lowBits) &^ w & highBits }

// anyByte is nonzero exactly when some byte of w is c.
func anyByte(w uint64, c byte) uint64 { return anyZero(w ^ lowBits*uint64(c)) }

// plainXMLWord reports whether every byte of w is printable ASCII that
// XML character data holds as is and that starts no OOXML escape: 0x20 to
// 0x7f other than & < > and _ (so appendXMLText copies it unchanged).
func plainXMLWord(w uint64) bool {
	// A byte's high bit ends up set in (x - 0x01..) &^ x exactly when
	// some byte of x is zero (above the lowest such byte, maybe others
	// too), and in w - 0x20.. | w when some byte is 0x80 or more or, the
	// bytes below 0x80, some byte is below 0x20. < (0x3c) and > (0x3e)
	// differ in bit 1 only: cleared, they are found by one test.
	amp, lt, us := w^(lowBits*'&'), (w^(lowBits*'<'))&^(lowBits*2), w^(lowBits*'_')
	return (w-lowBits*0x20|w|(amp-lowBits)&^amp|(lt-lowBits)&^lt|(us-lowBits)&^us)&highBits == 0
}

// asciiLineWord reports whether w is eight ASCII bytes none of which is a
// line feed: eight code points of the same line, for textLines.
func asciiLineWord(w uint64) bool { return w&highBits|anyByte(w, '\n') == 0 }

// isASCII reports whether s is ASCII only: then its code points are its
// bytes, and a code-point offset is a byte offset.
func isASCII(s string) bool {
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
// single spaces between them at once.
func joinASCII(j *spaceJoiner, s string) {
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
