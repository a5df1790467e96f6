package corpus

// abbrevKind says how a Dutch abbreviation that is followed by a period
// behaves at a possible sentence end.
type abbrevKind uint8

const (
	// abbrevNone: not a known abbreviation.
	abbrevNone abbrevKind = iota
	// abbrevInner: an abbreviation that always announces more words
	// (titles before a name, "o.a.", "ca.", "nr."): its period never ends
	// a sentence on its own.
	abbrevInner
	// abbrevFinal: an abbreviation that can stand at the end of a sentence
	// ("enz.", "etc.", "a.s.", "jl."): its period ends the sentence only when
	// the next word starts with a capital letter.
	abbrevFinal
	// abbrevNumber: an abbreviation that usually precedes a number ("art. 5",
	// "tel. 020"): no boundary before a digit, otherwise an ordinary period.
	abbrevNumber
	// abbrevDate: a lower-case month or weekday abbreviation ("3 jan. 2024",
	// "ma. 5 mei"). It is matched case-sensitively, so that names such as
	// "Jan." are not taken for it, and behaves as abbrevNumber.
	abbrevDate
)

// dutchAbbrevs is the abbreviation table of the sentence segmenter, keyed by
// the lower-case form without the final period ("o.a" for "o.a.").
// It is general knowledge of written Dutch (Taalunie/Genootschap Onze Taal
// lists of common abbreviations), not derived from any test corpus.
// It is read-only.
var dutchAbbrevs = map[string]abbrevKind{
	// Titles and forms of address: always followed by a name.
	"mr": abbrevInner, "dr": abbrevInner, "drs": abbrevInner, "ir": abbrevInner,
	"ing": abbrevInner, "prof": abbrevInner, "dhr": abbrevInner, "hr": abbrevInner,
	"mevr": abbrevInner, "mw": abbrevInner, "mej": abbrevInner, "ds": abbrevInner,
	"mgr": abbrevInner, "jhr": abbrevInner, "jkvr": abbrevInner, "st": abbrevInner,
	"fam": abbrevInner, "gebr": abbrevInner, "burg": abbrevInner, "weth": abbrevInner,
	"bc": abbrevInner, "kand": abbrevInner, "lic": abbrevInner, "zr": abbrevInner,
	"th": abbrevInner, "chr": abbrevInner, "joh": abbrevInner, "wm": abbrevInner,
	"v": abbrevInner, "vd": abbrevInner, "v.d": abbrevInner,

	// Abbreviations that introduce what follows.
	"o.a": abbrevInner, "d.w.z": abbrevInner, "bijv": abbrevInner, "bv": abbrevInner,
	"bvb": abbrevInner, "m.b.t": abbrevInner, "i.p.v": abbrevInner, "t.a.v": abbrevInner,
	"t.o.v": abbrevInner, "i.v.m": abbrevInner, "n.a.v": abbrevInner, "m.a.w": abbrevInner,
	"o.b.v": abbrevInner, "a.d.h.v": abbrevInner, "m.u.v": abbrevInner, "t.b.v": abbrevInner,
	"o.l.v": abbrevInner, "i.s.m": abbrevInner, "i.o.m": abbrevInner, "m.m.v": abbrevInner,
	"v.w.b": abbrevInner, "m.n": abbrevInner, "o.m": abbrevInner, "t.w": abbrevInner,
	"t.g.v": abbrevInner, "d.m.v": abbrevInner, "i.h.a": abbrevInner, "i.t.t": abbrevInner,
	"i.c": abbrevInner, "a.h.w": abbrevInner, "m.i": abbrevInner, "o.i": abbrevInner,
	"z.i": abbrevInner, "e.e.a": abbrevInner, "c.q": abbrevInner, "d.d": abbrevInner,
	"d.i": abbrevInner, "o.v.v": abbrevInner, "t.e.m": abbrevInner, "p.a": abbrevInner,
	"nl": abbrevInner, "resp": abbrevInner, "vnl": abbrevInner, "vgl": abbrevInner,
	"zgn": abbrevInner, "zg": abbrevInner, "ca": abbrevInner, "ong": abbrevInner,
	"nr": abbrevInner, "nrs": abbrevInner, "blz": abbrevInner, "pag": abbrevInner,
	"p": abbrevInner, "pp": abbrevInner, "hfst": abbrevInner, "vs": abbrevInner,
	"incl": abbrevInner, "excl": abbrevInner, "evt": abbrevInner, "gem": abbrevInner,
	"afd": abbrevInner, "bijz": abbrevInner, "fl": abbrevInner, "cf": abbrevInner,
	"cfr": abbrevInner,

	// Abbreviations that can end a sentence.
	"enz": abbrevFinal, "etc": abbrevFinal, "e.d": abbrevFinal, "e.a": abbrevFinal,
	"e.v": abbrevFinal, "e.o": abbrevFinal, "c.s": abbrevFinal, "jl": abbrevFinal,
	"a.s": abbrevFinal, "z.g.a.n": abbrevFinal, "t.z.t": abbrevFinal, "z.s.m": abbrevFinal,
	"s.v.p": abbrevFinal, "a.u.b": abbrevFinal, "n.v.t": abbrevFinal, "v.chr": abbrevFinal,
	"n.chr": abbrevFinal, "b.v": abbrevFinal, "n.v": abbrevFinal, "v.o.f": abbrevFinal,
	"jr": abbrevFinal, "sr": abbrevFinal, "red": abbrevFinal, "mln": abbrevFinal,
	"mld": abbrevFinal, "mrd": abbrevFinal, "min": abbrevFinal, "sec": abbrevFinal,
	"max": abbrevFinal, "i.o": abbrevFinal, "a.i": abbrevFinal, "p.p": abbrevFinal,

	// Usually before a number.
	"art": abbrevNumber, "tel": abbrevNumber, "fig": abbrevNumber, "afb": abbrevNumber,
	"bijl": abbrevNumber, "hoofdst": abbrevNumber, "par": abbrevNumber, "vlg": abbrevNumber,
	"jg": abbrevNumber, "dl": abbrevNumber,

	// Months and weekdays, lower case only.
	"jan": abbrevDate, "feb": abbrevDate, "febr": abbrevDate, "mrt": abbrevDate,
	"apr": abbrevDate, "jun": abbrevDate, "jul": abbrevDate, "aug": abbrevDate,
	"sep": abbrevDate, "sept": abbrevDate, "okt": abbrevDate, "nov": abbrevDate,
	"dec": abbrevDate, "ma": abbrevDate, "di": abbrevDate, "wo": abbrevDate,
	"vr": abbrevDate, "za": abbrevDate,
}

// maxAbbrevLen is the length of the longest key of dutchAbbrevs (at most
// 24): longer words need no lookup. It is read-only.
var maxAbbrevLen = func() int {
	n := 0
	for k := range dutchAbbrevs {
		n = max(n, len(k))
	}
	return min(n, 24)
}()

// abbrevLengths is a filter before dutchAbbrevs: per first two bytes of a
// key (a lower-case letter, then a letter, '.' or nothing), a bit per
// length the keys that start so have. A word whose bit is not set is not a
// key; one whose bit is set may be.
type abbrevLengths [26][28]uint32

// abbrevFilter is the filter of the keys of dutchAbbrevs. It is read-only.
var abbrevFilter = func() (f abbrevLengths) {
	for k := range dutchAbbrevs {
		i, j, ok := abbrevSlot(k)
		if !ok || len(k) >= 32 {
			panic("abbrev.go: key " + k + " does not fit the filter")
		}
		f[i][j] |= 1 << len(k)
	}
	return f
}()

// abbrevSlot returns the filter's slot for the first two bytes of w, and
// false when w cannot be a key (empty, or not starting with a lower-case
// letter followed by a letter or '.').
func abbrevSlot[S string | []byte](w S) (i, j int, ok bool) {
	if len(w) == 0 || w[0] < 'a' || w[0] > 'z' {
		return 0, 0, false
	}
	i = int(w[0] - 'a')
	switch {
	case len(w) == 1:
		j = 27
	case w[1] >= 'a' && w[1] <= 'z':
		j = int(w[1] - 'a')
	case w[1] == '.':
		j = 26
	default:
		return 0, 0, false
	}
	return i, j, true
}

// mayHold reports whether w (lower-case) may be a key of the table the
// filter was made of: false means it is not.
func (f *abbrevLengths) mayHold(w []byte) bool {
	i, j, ok := abbrevSlot(w)
	return ok && len(w) < 32 && f[i][j]&(1<<len(w)) != 0
}
