package reports

import (
	"fmt"
	"strings"

	"github.com/pbasis/pbasis/analysis"
	"github.com/pbasis/pbasis/corpus"
)

// Lang is the language of the reports.
type Lang string

// The report languages. Dutch is the default.
const (
	LangNL Lang = "nl"
	LangEN Lang = "en"
)

// Langs lists the report languages, default first.
func Langs() []Lang { return []Lang{LangNL, LangEN} }

// ParseLang returns the Lang named by s ("nl", "en", any case; "" is the
// default, Dutch); ok is false for anything else.
func ParseLang(s string) (Lang, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "nl", "":
		return LangNL, true
	case "en":
		return LangEN, true
	}
	return LangNL, false
}

// reportTexts holds every fixed text of the Markdown reports and figures in
// one language. Fields named ...F are fmt formats; their verbs are in the
// comment. Every field must be filled in every language (TestTextsComplete).
type reportTexts struct {
	// report.md
	ReportTitle      string
	ReportIntro      string
	CorpusHeading    string
	CorpusIntroF     string // %d cases, %d documents, %s words
	Item             string
	Number           string
	Cases            string
	Documents        string
	Words            string
	Segments         string
	SegmentsOfVoiceF string // %s voice
	CodingsOfVoiceF  string // %s voice
	KindCol          string
	CaseCol          string
	WijkCol          string
	WavesCol         string
	RolesCol         string
	CaseTableIntro   string

	MethodHeading string
	CodebookLineF string // %s title, %s id, %s version, %d codes
	CodebookHashF string // %s file, %s sha256
	// ReviewNoneF: %d codings, no review applied; ReviewF: %d auto, %d
	// accepted, %d changed, %d added, %d rejected, %d stale decisions.
	ReviewNoneF       string
	ReviewF           string
	CodebookUnknown   string
	SettingsHeading   string
	SegmentUnitF      string // %s unit
	WindowF           string // %d segments
	ConfigFileF       string // %s file, %s sha256
	ConfigDefaults    string
	InputF            string // %s source
	ToolF             string // %s name, %s version
	SkippedHeading    string
	SkippedNone       string
	SkippedIntroF     string // %d files
	LimitsHeading     string
	LimitAuto         string
	LimitCounts       string
	LimitVoices       string
	LimitNegation     string
	LimitCodebook     string
	LimitQuotes       string
	WarningsHeadingF  string // %d warnings
	CategoryIntroF    string // %s category plural (lower case)
	CodeCol           string
	FamiliesOwnCol    string
	MentionsCol       string
	NegatedCol        string
	NotMentioned      string
	MentionedByF      string // %d families, %d all families, %s list
	NoOwnQuotes       string
	MatrixHeading     string
	MatrixIntro       string
	MatrixNone        string
	BridgesHeading    string
	BridgesIntroF     string // %d window
	BridgesNone       string
	BridgeHeadingF    string // %s relation, %s case
	BridgeLinksF      string // %s list of places
	TogetherF         string // %d units
	QualitiesHeading  string
	QualitiesIntro    string
	QualitiesNone     string
	TargetCol         string
	QualityCol        string
	SegmentsCol       string
	NegatedSegCol     string
	HelpHeading       string
	HelpIntro         string
	FormalHelpHeading string
	StrainHeading     string
	HelpNone          string
	StrainNone        string
	OwnCol            string
	InterviewerCol    string
	NotesCol          string
	OtherCol          string
	EmergentHeading   string
	EmergentIntro     string
	EmergentNone      string
	EmergentMissing   string
	TermCol           string
	EmergentTerms     string
	EmergentMentions  string
	EmergentRankF     string // %s measure
	MentionCol        string
	KindCol2          string
	CueCol            string
	MentionPerson     string
	MentionPlace      string
	MentionName       string
	MeasureG2Rest     string
	MeasureG2Ref      string
	MeasureSpread     string
	MeasureCount      string
	CaseEmergent      string
	CaseEmergentIntro string
	CountCol          string
	ExampleCol        string
	PortraitsHeading  string
	PortraitsIntro    string
	FiguresHeading    string
	BarsCaption       string
	HeatmapCaption    string
	EcomapsIntro      string

	// families/<case>.md
	PortraitTitleF    string // %s case
	PortraitIntro     string
	PortraitFactsWijk string
	PortraitFactsWave string
	PortraitFactsDocs string
	PortraitFactsRole string
	OwnWordsHeading   string
	OwnWordsIntro     string
	OwnNoneF          string // %s category plural (lower case)
	QualitiesOwn      string
	AbsentHeading     string
	AbsentIntro       string
	AbsentNone        string
	AbsentLineF       string // %s label, %s count phrase
	MembersHeading    string
	MembersIntro      string
	MembersNone       string
	MembersOnlyOne    string
	RoleSpokeF        string // %s role, %d segments
	NotNamed          string
	WavesHeading      string
	WavesIntro        string
	WavesNone         string
	WavesOnlyOne      string
	WavePairF         string // %s from, %s to
	WaveAppearsF      string // %s label, %s count phrase in later wave
	WaveDisappearsF   string // %s label, %s count phrase in earlier wave
	WaveChangesF      string // %s label, %s share before, %s share after
	LinksHeading      string
	LinksIntro        string
	LinksNone         string
	EcomapHeading     string
	EcomapCaption     string
	EcomapAltF        string // %s case
	CaseHelpHeading   string
	CaseHelpIntro     string
	CaseHelpNone      string
	OutsideHeading    string
	OutsideIntro      string
	OutsideNone       string
	BackToReport      string

	// Quotes.
	QuoteNegated string
	Unknown      string

	// Counts.
	CountOne        string // "1 keer genoemd"
	CountManyF      string // %d
	NegatedOne      string // "waarvan 1 keer met ontkenning"
	NegatedManyF    string // %d
	AllNegatedOne   string
	AllNegatedManyF string // %d
	FamilyOne       string
	FamilyManyF     string // %d
	NotMentionedBy  string

	// Figures.
	EcomapTitleF       string // %s case
	EcomapEmpty        string
	EcomapLegendWidth  string
	EcomapLegendDashed string
	EcomapLegendLinks  string
	BarsTitle          string
	BarsNote           string
	HeatmapTitle       string
	HeatmapNoteF       string // %d window
	FigureEmpty        string

	// Names.
	CatRelation    string
	CatPlace       string
	CatFacility    string
	CatQuality     string
	CatFormalHelp  string
	CatStrain      string
	CatRelations   string
	CatPlaces      string
	CatFacilities  string
	CatQualities   string
	CatFormalHelps string
	CatStrains     string
	CatUncoded     string

	RoleParent       string
	RoleChild        string
	RoleYouth        string
	RoleFamily       string
	RoleInterviewer  string
	RoleProfessional string
	RoleOther        string
	RoleUnknown      string

	VoiceOwn         string
	VoiceInterviewer string
	VoiceNotes       string
	VoiceOther       string

	KindTranscript string
	KindNotes      string

	UnitSentence  string
	UnitTurn      string
	UnitParagraph string
}

// texts returns the fixed texts in lang (Dutch for an unknown language).
// Each call returns a fresh value.
func texts(lang Lang) *reportTexts {
	if lang == LangEN {
		return textsEN()
	}
	return textsNL()
}

func textsNL() *reportTexts {
	return &reportTexts{
		ReportTitle: "De pedagogische basis in eigen woorden",
		ReportIntro: "Dit verslag beschrijft hoe gezinnen hun dagelijkse omgeving zelf beschrijven: de mensen om hen heen (pedagogische relaties), " +
			"de plekken waar kinderen opgroeien (leefomgevingen) en de voorzieningen die zij gebruiken (basisvoorzieningen). " +
			"Het beschrijft en beoordeelt geen gezin. Alle getallen zijn aantallen keren dat iets genoemd is: geen norm en geen score. " +
			"De woorden van de gezinnen zelf staan voorop; wat interviewers en professionals schrijven is een blik van buitenaf en staat apart.",
		CorpusHeading:    "Het materiaal",
		CorpusIntroF:     "%d gezinnen, %d documenten, %s woorden.",
		Item:             "Onderdeel",
		Number:           "Aantal",
		Cases:            "Gezinnen",
		Documents:        "Documenten",
		Words:            "Woorden",
		Segments:         "Fragmenten",
		SegmentsOfVoiceF: "Fragmenten: %s",
		CodingsOfVoiceF:  "Coderingen: %s",
		KindCol:          "Soort document",
		CaseCol:          "Gezin",
		WijkCol:          "Wijk",
		WavesCol:         "Rondes",
		RolesCol:         "Sprekers uit het gezin",
		CaseTableIntro:   "De gezinnen, op volgorde van hun code. De tabel beschrijft het materiaal; hij vergelijkt de gezinnen niet.",

		MethodHeading:   "Werkwijze",
		CodebookLineF:   "Codeboek: %s (id %s, versie %s, %d codes).",
		CodebookHashF:   "Codeboekbestand: %s, SHA-256 %s.",
		ReviewNoneF:     "Beoordeling: alle %d coderingen zijn automatisch; er zijn (nog) geen beoordelingen toegepast.",
		ReviewF:         "Beoordeling: %d coderingen automatisch, %d door een beoordelaar geaccepteerd, %d gewijzigd, %d toegevoegd; %d afgewezen (niet meer in de resultaten); %d beslissingen konden niet worden toegepast (zie run.json).",
		CodebookUnknown: "Codeboek: niet vastgelegd.",
		SettingsHeading: "Instellingen",
		SegmentUnitF:    "Eenheid van coderen: %s.",
		WindowF:         "Samen genoemd: binnen %d opeenvolgende fragmenten van één spreker.",
		ConfigFileF:     "Configuratie: %s (SHA-256 %s).",
		ConfigDefaults:  "Configuratie: de standaardinstellingen.",
		InputF:          "Invoer: %s.",
		ToolF:           "Gemaakt met %s %s.",
		SkippedHeading:  "Overgeslagen bestanden",
		SkippedNone:     "Er is geen bestand overgeslagen.",
		SkippedIntroF:   "%d bestand(en) konden niet worden gelezen en tellen niet mee:",
		LimitsHeading:   "Beperkingen",
		LimitAuto: "De codering is automatisch gemaakt met het codeboek. Ze is een eerste lezing die een onderzoeker moet nakijken " +
			"(zie codings.csv en de werkmap pbasis.xlsx); elke codering is terug te vinden in de bron.",
		LimitCounts: "Getallen tellen hoe vaak iets genoemd is. Ze zeggen niet hoe sterk of goed de pedagogische basis van een gezin is, " +
			"en wie meer praat, noemt meer. Ze zijn geen norm en geen score.",
		LimitVoices: "Wat gezinsleden zelf zeggen (eigen stem) is apart gehouden van wat de interviewer vraagt of zegt en wat professionals in sessienotities schrijven (blik van buitenaf). " +
			"Tellingen in eigen woorden bevatten alleen de eigen stem.",
		LimitNegation: "Ontkende vermeldingen (\"we kennen de buren niet\", \"er is geen speeltuin\") tellen mee als vermelding en blijven zichtbaar: afwezigheid is ook een bevinding.",
		LimitCodebook: "Een vaste lijst ziet niet alles wat voor een gezin telt. Het deel over termen buiten het codeboek laat zien wat de lijst niet kent.",
		LimitQuotes: "Citaten zijn letterlijk. Een citaat is ingekort tot de zin met de vermelding; [...] geeft aan waar tekst is weggelaten. " +
			"Regelafbrekingen binnen een citaat zijn als spatie weergegeven.",
		WarningsHeadingF: "Waarschuwingen bij het lezen (%d)",
		CategoryIntroF:   "Welke %s de gezinnen in hun eigen woorden noemen, en hoe vaak. Een code die niemand noemt, staat onderaan.",
		CodeCol:          "Code",
		FamiliesOwnCol:   "Gezinnen die het noemen",
		MentionsCol:      "Keer genoemd",
		NegatedCol:       "Waarvan met ontkenning",
		NotMentioned:     "Door geen gezin in eigen woorden genoemd:",
		MentionedByF:     "Genoemd in eigen woorden door %d van de %d gezinnen (%s).",
		NoOwnQuotes:      "Geen citaten in eigen woorden.",
		MatrixHeading:    "Gezinnen en codes",
		MatrixIntro: "Hoe vaak elk gezin een code in eigen woorden noemt (een rij per gezin, een kolom per code). " +
			"Tussen haakjes: hoe vaak daarvan met ontkenning. Een getal is een aantal vermeldingen, geen score.",
		MatrixNone:     "Geen vermeldingen in eigen woorden.",
		BridgesHeading: "Relaties die plekken verbinden",
		BridgesIntroF: "Mensen die gezinnen noemen samen met twee of meer plekken of voorzieningen: de relatie als brug tussen leefwerelden. " +
			"Samen genoemd betekent: binnen %d opeenvolgende fragmenten van één gezinslid.",
		BridgesNone:       "Geen relatie wordt in eigen woorden samen met twee of meer plekken of voorzieningen genoemd.",
		BridgeHeadingF:    "%s (gezin %s)",
		BridgeLinksF:      "Verbindt: %s.",
		TogetherF:         "%d keer samen genoemd",
		QualitiesHeading:  "Kwaliteiten van plekken en relaties",
		QualitiesIntro:    "Wat gezinnen in dezelfde zin zeggen over een plek, voorziening of relatie: veilig of onveilig, toegankelijk, uitnodigend, respect, gelijkwaardigheid. Ontkenningen blijven zichtbaar.",
		QualitiesNone:     "Geen kwaliteiten in dezelfde zin als een plek, voorziening of relatie genoemd.",
		TargetCol:         "Waarover",
		QualityCol:        "Kwaliteit",
		SegmentsCol:       "Fragmenten",
		NegatedSegCol:     "Waarvan met ontkenning",
		HelpHeading:       "Formele hulp en overbelasting",
		HelpIntro:         "Formele hulp is niet de pedagogische basis. Dit deel staat daarom apart: het is geen onderdeel van de basis en geen vervanging ervan. Overbelasting van het informele netwerk (te veel vragen van oma, een buurvrouw die het niet meer aankan) staat er ook apart.",
		FormalHelpHeading: "Formele hulp",
		StrainHeading:     "Overbelasting van het informele netwerk",
		HelpNone:          "Geen vermeldingen van formele hulp.",
		StrainNone:        "Geen vermeldingen van overbelasting.",
		OwnCol:            "Eigen woorden",
		InterviewerCol:    "Interviewer",
		NotesCol:          "Sessienotities",
		OtherCol:          "Overig",
		EmergentHeading:   "Wat het codeboek niet kent",
		EmergentIntro:     "Woorden en vermeldingen van personen of plekken in eigen woorden die geen code dekt. Ze helpen het codeboek uit te breiden; ze zijn zelf geen bevinding.",
		EmergentNone:      "Geen termen buiten het codeboek gevonden.",
		EmergentMissing:   "Termen buiten het codeboek zijn niet berekend voor dit verslag.",
		TermCol:           "Term",
		EmergentTerms:     "Woorden en woordparen",
		EmergentMentions:  "Personen en plekken zonder code",
		EmergentRankF:     "Volgorde: %s.",
		MentionCol:        "Vermelding",
		KindCol2:          "Soort",
		CueCol:            "Gevonden via",
		MentionPerson:     "persoon",
		MentionPlace:      "plek",
		MentionName:       "naam",
		MeasureG2Rest:     "hoe kenmerkend voor dit gezin tegenover de andere gezinnen (log-likelihood G2)",
		MeasureG2Ref:      "hoe kenmerkend tegenover een referentielijst van woordfrequenties (log-likelihood G2)",
		MeasureSpread:     "hoe vaak, en bij gelijke aantallen eerst wat weinig gezinnen gebruiken",
		MeasureCount:      "hoe vaak",
		CaseEmergent:      "Eigen woorden die het codeboek niet kent",
		CaseEmergentIntro: "Woorden en vermeldingen van personen of plekken die dit gezin gebruikt en die geen code dekt. Ze kunnen wijzen op wat voor dit gezin telt en wat het codeboek mist.",
		CountCol:          "Keer",
		ExampleCol:        "Voorbeeld",
		PortraitsHeading:  "Portretten van de gezinnen",
		PortraitsIntro:    "Per gezin: hun eigen woorden over relaties, plekken en voorzieningen, wat er niet is, verschillen tussen gezinsleden en tussen rondes, en apart de blik van buitenaf.",
		FiguresHeading:    "Figuren",
		BarsCaption:       "Codes per categorie: hoe vaak genoemd in eigen woorden, alle gezinnen samen.",
		HeatmapCaption:    "Welke codes gezinnen samen noemen (eigen woorden).",
		EcomapsIntro:      "Elk portret heeft een ecokaart van het gezin.",

		PortraitTitleF:    "Gezin %s",
		PortraitIntro:     "Dit portret laat zien hoe dit gezin zijn dagelijkse omgeving zelf beschrijft. Het beschrijft en beoordeelt niet. Getallen zeggen hoe vaak iets genoemd is.",
		PortraitFactsWijk: "Wijk",
		PortraitFactsWave: "Rondes",
		PortraitFactsDocs: "Documenten",
		PortraitFactsRole: "Sprekers uit het gezin",
		OwnWordsHeading:   "In hun eigen woorden",
		OwnWordsIntro:     "Wat gezinsleden zelf zeggen, letterlijk, met wie het zei en waar het staat.",
		OwnNoneF:          "Het gezin noemt in eigen woorden geen %s die het codeboek kent.",
		QualitiesOwn:      "Hoe zij plekken en mensen ervaren",
		AbsentHeading:     "Wat er niet is",
		AbsentIntro:       "Wat het gezin alleen noemt als iets dat er niet is of dat het niet heeft. Afwezigheid is ook een bevinding.",
		AbsentNone:        "Het gezin noemt niets alleen als afwezig.",
		AbsentLineF:       "%s: %s",
		MembersHeading:    "Wat verschillende gezinsleden zeggen",
		MembersIntro:      "Codes die het ene gezinslid noemt en het andere niet. Tussen haakjes: hoeveel fragmenten elk gezinslid sprak; wie minder sprak, noemt ook minder.",
		MembersNone:       "De gezinsleden noemen dezelfde codes.",
		MembersOnlyOne:    "In dit materiaal spreekt één rol uit het gezin.",
		RoleSpokeF:        "%s (%d fragmenten)",
		NotNamed:          "niet genoemd",
		WavesHeading:      "Verandering tussen rondes",
		WavesIntro:        "Wat in een latere ronde nieuw genoemd wordt, niet meer genoemd wordt, of een ander deel van het gesprek beslaat (eigen woorden).",
		WavesNone:         "Geen verschillen tussen de rondes boven de drempel.",
		WavesOnlyOne:      "Dit gezin is in één ronde gesproken.",
		WavePairF:         "Van ronde %s naar ronde %s",
		WaveAppearsF:      "%s: nieuw genoemd (%s)",
		WaveDisappearsF:   "%s: niet meer genoemd (eerder %s)",
		WaveChangesF:      "%s: in %s van de fragmenten, daarna in %s",
		LinksHeading:      "Mensen die plekken verbinden",
		LinksIntro:        "Mensen die het gezin samen noemt met twee of meer plekken of voorzieningen.",
		LinksNone:         "Het gezin noemt geen persoon samen met twee of meer plekken of voorzieningen.",
		EcomapHeading:     "Ecokaart",
		EcomapCaption:     "Het gezin in het midden; eromheen de relaties, plekken en voorzieningen die het in eigen woorden noemt. Hoe dikker de lijn, hoe vaker genoemd; gestippeld: alleen genoemd als afwezig.",
		EcomapAltF:        "Ecokaart van gezin %s",
		CaseHelpHeading:   "Formele hulp en overbelasting",
		CaseHelpIntro:     "Formele hulp is niet de pedagogische basis; dit deel staat daarom apart. Hier alleen wat het gezin zelf zegt.",
		CaseHelpNone:      "Het gezin noemt in eigen woorden geen formele hulp en geen overbelasting.",
		OutsideHeading:    "Blik van buitenaf: interviewer en sessienotities",
		OutsideIntro:      "Dit deel is niet de beschrijving van het gezin zelf. Het laat zien wat de interviewer zei en wat professionals in sessienotities schreven. Het telt nergens mee in de eigen woorden hierboven.",
		OutsideNone:       "Geen vermeldingen van buitenaf.",
		BackToReport:      "Terug naar het verslag",

		QuoteNegated: "met ontkenning",
		Unknown:      "onbekend",

		CountOne:        "1 keer genoemd",
		CountManyF:      "%d keer genoemd",
		NegatedOne:      "waarvan 1 keer met ontkenning",
		NegatedManyF:    "waarvan %d keer met ontkenning",
		AllNegatedOne:   "1 keer genoemd, met ontkenning",
		AllNegatedManyF: "%d keer genoemd, steeds met ontkenning",
		FamilyOne:       "1 gezin",
		FamilyManyF:     "%d gezinnen",
		NotMentionedBy:  "door niemand genoemd",

		EcomapTitleF:       "Ecokaart van gezin %s: in eigen woorden",
		EcomapEmpty:        "Geen relaties, plekken of voorzieningen genoemd in eigen woorden.",
		EcomapLegendWidth:  "lijndikte: hoe vaak genoemd (getal tussen haakjes)",
		EcomapLegendDashed: "gestippeld: alleen genoemd als afwezig (\"geen\", \"niet\")",
		EcomapLegendLinks:  "grijze boog: samen genoemd (een persoon en een plek)",
		BarsTitle:          "Codes per categorie",
		BarsNote:           "Keer genoemd in eigen woorden, alle gezinnen samen (een aantal vermeldingen, geen score).",
		HeatmapTitle:       "Samen genoemd",
		HeatmapNoteF:       "Aantal stukjes eigen woorden (tot %d fragmenten van één spreker) waarin beide codes voorkomen.",
		FigureEmpty:        "Geen vermeldingen.",

		CatRelation:    "Relatie",
		CatPlace:       "Plek",
		CatFacility:    "Voorziening",
		CatQuality:     "Kwaliteit",
		CatFormalHelp:  "Formele hulp",
		CatStrain:      "Overbelasting",
		CatRelations:   "Relaties",
		CatPlaces:      "Plekken (leefomgevingen)",
		CatFacilities:  "Voorzieningen",
		CatQualities:   "Kwaliteiten",
		CatFormalHelps: "Formele hulp",
		CatStrains:     "Overbelasting",
		CatUncoded:     "Overige codes",

		RoleParent:       "ouder",
		RoleChild:        "kind",
		RoleYouth:        "jongere",
		RoleFamily:       "gezinslid",
		RoleInterviewer:  "interviewer",
		RoleProfessional: "professional",
		RoleOther:        "andere spreker",
		RoleUnknown:      "onbekende spreker",

		VoiceOwn:         "eigen woorden (gezin)",
		VoiceInterviewer: "interviewer",
		VoiceNotes:       "sessienotities",
		VoiceOther:       "overige sprekers",

		KindTranscript: "interview",
		KindNotes:      "sessienotities",

		UnitSentence:  "zin binnen een beurt",
		UnitTurn:      "hele spreekbeurt",
		UnitParagraph: "alinea",
	}
}

func textsEN() *reportTexts {
	return &reportTexts{
		ReportTitle: "The pedagogical basis in families' own words",
		ReportIntro: "This report describes how families themselves describe their everyday world: the people around them (pedagogical relations), " +
			"the places where children grow up (living environments) and the facilities they use (basic facilities). " +
			"It describes and does not judge any family. Every number is a count of how often something was mentioned: not a norm and not a score. " +
			"The families' own words come first; what interviewers and professionals say or write is an outside view and is kept apart.",
		CorpusHeading:    "The material",
		CorpusIntroF:     "%d families, %d documents, %s words.",
		Item:             "Item",
		Number:           "Number",
		Cases:            "Families",
		Documents:        "Documents",
		Words:            "Words",
		Segments:         "Segments",
		SegmentsOfVoiceF: "Segments: %s",
		CodingsOfVoiceF:  "Codings: %s",
		KindCol:          "Kind of document",
		CaseCol:          "Family",
		WijkCol:          "Neighbourhood",
		WavesCol:         "Waves",
		RolesCol:         "Family speakers",
		CaseTableIntro:   "The families, in the order of their IDs. The table describes the material; it does not compare the families.",

		MethodHeading:   "Method",
		CodebookLineF:   "Codebook: %s (id %s, version %s, %d codes).",
		CodebookHashF:   "Codebook file: %s, SHA-256 %s.",
		ReviewNoneF:     "Review: all %d codings are automatic; no review decisions have been applied (yet).",
		ReviewF:         "Review: %d codings automatic, %d accepted by a reviewer, %d changed, %d added; %d rejected (no longer in the results); %d decisions could not be applied (see run.json).",
		CodebookUnknown: "Codebook: not recorded.",
		SettingsHeading: "Settings",
		SegmentUnitF:    "Unit of coding: %s.",
		WindowF:         "Mentioned together: within %d consecutive segments of one speaker.",
		ConfigFileF:     "Configuration: %s (SHA-256 %s).",
		ConfigDefaults:  "Configuration: the defaults.",
		InputF:          "Input: %s.",
		ToolF:           "Made with %s %s.",
		SkippedHeading:  "Skipped files",
		SkippedNone:     "No file was skipped.",
		SkippedIntroF:   "%d file(s) could not be read and are not counted:",
		LimitsHeading:   "Limitations",
		LimitAuto: "The coding was made automatically with the codebook. It is a first reading that a researcher must review " +
			"(see codings.csv and the workbook pbasis.xlsx); every coding can be traced to its source.",
		LimitCounts: "Numbers count how often something was mentioned. They do not say how strong or good a family's pedagogical basis is, " +
			"and whoever talks more mentions more. They are not a norm and not a score.",
		LimitVoices: "What family members say themselves (own voice) is kept apart from what the interviewer asks or says and what professionals write in session notes (outside view). " +
			"Counts in own words hold the own voice only.",
		LimitNegation: "Negated mentions (\"we don't know the neighbours\", \"there is no playground\") count as mentions and stay visible: absence is a finding too.",
		LimitCodebook: "A fixed list cannot see everything that matters to a family. The section on terms outside the codebook shows what the list does not know.",
		LimitQuotes: "Quotes are verbatim. A quote is cut to the sentence with the mention; [...] marks where text was left out. " +
			"Line breaks inside a quote are shown as a space.",
		WarningsHeadingF: "Warnings while reading (%d)",
		CategoryIntroF:   "Which %s the families mention in their own words, and how often. Codes no family mentions are listed at the end.",
		CodeCol:          "Code",
		FamiliesOwnCol:   "Families mentioning it",
		MentionsCol:      "Times mentioned",
		NegatedCol:       "Of which negated",
		NotMentioned:     "Not mentioned by any family in own words:",
		MentionedByF:     "Mentioned in own words by %d of the %d families (%s).",
		NoOwnQuotes:      "No quotes in own words.",
		MatrixHeading:    "Families and codes",
		MatrixIntro: "How often each family mentions a code in its own words (a row per family, a column per code). " +
			"In brackets: how many of those were negated. A number is a count of mentions, not a score.",
		MatrixNone:     "No mentions in own words.",
		BridgesHeading: "Relations that link places",
		BridgesIntroF: "People that families mention together with two or more places or facilities: the relation as a bridge between living environments. " +
			"Mentioned together means: within %d consecutive segments of one family member.",
		BridgesNone:       "No relation is mentioned in own words together with two or more places or facilities.",
		BridgeHeadingF:    "%s (family %s)",
		BridgeLinksF:      "Links: %s.",
		TogetherF:         "mentioned together %d times",
		QualitiesHeading:  "Qualities of places and relations",
		QualitiesIntro:    "What families say in the same sentence about a place, facility or relation: safe or unsafe, accessible, inviting, respect, equality. Negations stay visible.",
		QualitiesNone:     "No qualities mentioned in the same sentence as a place, facility or relation.",
		TargetCol:         "Said of",
		QualityCol:        "Quality",
		SegmentsCol:       "Segments",
		NegatedSegCol:     "Of which negated",
		HelpHeading:       "Formal help and strain",
		HelpIntro:         "Formal help is not the pedagogical basis. This section is therefore kept apart: it is no part of the basis and no substitute for it. Strain on the informal network (too much asked of a grandmother, a neighbour who can't do it any more) is kept apart too.",
		FormalHelpHeading: "Formal help",
		StrainHeading:     "Strain on the informal network",
		HelpNone:          "No mentions of formal help.",
		StrainNone:        "No mentions of strain.",
		OwnCol:            "Own words",
		InterviewerCol:    "Interviewer",
		NotesCol:          "Session notes",
		OtherCol:          "Other",
		EmergentHeading:   "What the codebook does not know",
		EmergentIntro:     "Words, and mentions of people or places, in own words that no code covers. They help to extend the codebook; they are not findings in themselves.",
		EmergentNone:      "No terms outside the codebook found.",
		EmergentMissing:   "Terms outside the codebook were not computed for this report.",
		TermCol:           "Term",
		EmergentTerms:     "Words and word pairs",
		EmergentMentions:  "People and places without a code",
		EmergentRankF:     "Order: %s.",
		MentionCol:        "Mention",
		KindCol2:          "Kind",
		CueCol:            "Found by",
		MentionPerson:     "person",
		MentionPlace:      "place",
		MentionName:       "name",
		MeasureG2Rest:     "how distinctive for this family compared with the other families (log-likelihood G2)",
		MeasureG2Ref:      "how distinctive compared with a reference word-frequency list (log-likelihood G2)",
		MeasureSpread:     "how often, and among equal counts first what few families use",
		MeasureCount:      "how often",
		CaseEmergent:      "Own words the codebook does not know",
		CaseEmergentIntro: "Words, and mentions of people or places, that this family uses and that no code covers. They may point to what matters to this family and what the codebook misses.",
		CountCol:          "Times",
		ExampleCol:        "Example",
		PortraitsHeading:  "Family portraits",
		PortraitsIntro:    "Per family: their own words about relations, places and facilities, what is not there, differences between family members and between waves, and, kept apart, the outside view.",
		FiguresHeading:    "Figures",
		BarsCaption:       "Codes per category: times mentioned in own words, all families together.",
		HeatmapCaption:    "Which codes families mention together (own words).",
		EcomapsIntro:      "Each portrait has an ecomap of the family.",

		PortraitTitleF:    "Family %s",
		PortraitIntro:     "This portrait shows how this family describes its everyday world in its own words. It describes and does not judge. Numbers say how often something was mentioned.",
		PortraitFactsWijk: "Neighbourhood",
		PortraitFactsWave: "Waves",
		PortraitFactsDocs: "Documents",
		PortraitFactsRole: "Family speakers",
		OwnWordsHeading:   "In their own words",
		OwnWordsIntro:     "What family members say themselves, verbatim, with who said it and where it is.",
		OwnNoneF:          "The family mentions no %s that the codebook knows in its own words.",
		QualitiesOwn:      "How they experience places and people",
		AbsentHeading:     "What is not there",
		AbsentIntro:       "What the family mentions only as something that is not there or that it does not have. Absence is a finding too.",
		AbsentNone:        "The family mentions nothing only as absent.",
		AbsentLineF:       "%s: %s",
		MembersHeading:    "What different family members say",
		MembersIntro:      "Codes that one family member mentions and another does not. In brackets: how many segments each spoke; who spoke less also mentions less.",
		MembersNone:       "The family members mention the same codes.",
		MembersOnlyOne:    "In this material one family role speaks.",
		RoleSpokeF:        "%s (%d segments)",
		NotNamed:          "not mentioned",
		WavesHeading:      "Change between waves",
		WavesIntro:        "What is newly mentioned in a later wave, no longer mentioned, or takes a different part of the conversation (own words).",
		WavesNone:         "No differences between the waves above the threshold.",
		WavesOnlyOne:      "This family was interviewed in one wave.",
		WavePairF:         "From wave %s to wave %s",
		WaveAppearsF:      "%s: newly mentioned (%s)",
		WaveDisappearsF:   "%s: no longer mentioned (before: %s)",
		WaveChangesF:      "%s: in %s of the segments, then in %s",
		LinksHeading:      "People who link places",
		LinksIntro:        "People the family mentions together with two or more places or facilities.",
		LinksNone:         "The family mentions no person together with two or more places or facilities.",
		EcomapHeading:     "Ecomap",
		EcomapCaption:     "The family in the middle; around it the relations, places and facilities it mentions in its own words. The thicker the line, the more often mentioned; dashed: only mentioned as absent.",
		EcomapAltF:        "Ecomap of family %s",
		CaseHelpHeading:   "Formal help and strain",
		CaseHelpIntro:     "Formal help is not the pedagogical basis; this section is therefore kept apart. Only what the family says itself.",
		CaseHelpNone:      "The family mentions no formal help and no strain in its own words.",
		OutsideHeading:    "Outside view: interviewer and session notes",
		OutsideIntro:      "This section is not the family's own description. It shows what the interviewer said and what professionals wrote in session notes. It counts nowhere in the own words above.",
		OutsideNone:       "No mentions from outside.",
		BackToReport:      "Back to the report",

		QuoteNegated: "negated",
		Unknown:      "unknown",

		CountOne:        "mentioned once",
		CountManyF:      "mentioned %d times",
		NegatedOne:      "of which once negated",
		NegatedManyF:    "of which %d times negated",
		AllNegatedOne:   "mentioned once, negated",
		AllNegatedManyF: "mentioned %d times, always negated",
		FamilyOne:       "1 family",
		FamilyManyF:     "%d families",
		NotMentionedBy:  "mentioned by no one",

		EcomapTitleF:       "Ecomap of family %s: in own words",
		EcomapEmpty:        "No relations, places or facilities mentioned in own words.",
		EcomapLegendWidth:  "line width: how often mentioned (number in brackets)",
		EcomapLegendDashed: "dashed: only mentioned as absent (\"no\", \"not\")",
		EcomapLegendLinks:  "grey arc: mentioned together (a person and a place)",
		BarsTitle:          "Codes per category",
		BarsNote:           "Times mentioned in own words, all families together (a count of mentions, not a score).",
		HeatmapTitle:       "Mentioned together",
		HeatmapNoteF:       "Number of stretches of own words (up to %d segments of one speaker) in which both codes occur.",
		FigureEmpty:        "No mentions.",

		CatRelation:    "Relation",
		CatPlace:       "Place",
		CatFacility:    "Facility",
		CatQuality:     "Quality",
		CatFormalHelp:  "Formal help",
		CatStrain:      "Strain",
		CatRelations:   "Relations",
		CatPlaces:      "Places (living environments)",
		CatFacilities:  "Facilities",
		CatQualities:   "Qualities",
		CatFormalHelps: "Formal help",
		CatStrains:     "Strain",
		CatUncoded:     "Other codes",

		RoleParent:       "parent",
		RoleChild:        "child",
		RoleYouth:        "young person",
		RoleFamily:       "family member",
		RoleInterviewer:  "interviewer",
		RoleProfessional: "professional",
		RoleOther:        "other speaker",
		RoleUnknown:      "unknown speaker",

		VoiceOwn:         "own words (family)",
		VoiceInterviewer: "interviewer",
		VoiceNotes:       "session notes",
		VoiceOther:       "other speakers",

		KindTranscript: "interview",
		KindNotes:      "session notes",

		UnitSentence:  "sentence within a turn",
		UnitTurn:      "whole speaker turn",
		UnitParagraph: "paragraph",
	}
}

// count says how often something was mentioned ("3 keer genoemd").
func (t *reportTexts) count(n int) string {
	if n == 1 {
		return t.CountOne
	}
	return fmt.Sprintf(t.CountManyF, n)
}

// countNegMemo keeps the texts of reportTexts.countNeg by {n, neg}, for
// writers whose lines repeat the same few counts. The zero value is ready;
// a memo starts again when asked with other texts.
type countNegMemo struct {
	tx   *reportTexts
	seen map[[2]int]string
}

// countNeg returns tx.countNeg(n, neg), kept for the next time.
func (m *countNegMemo) countNeg(tx *reportTexts, n, neg int) string {
	if m.tx != tx || m.seen == nil {
		m.tx, m.seen = tx, map[[2]int]string{}
	}
	k := [2]int{n, neg}
	t, ok := m.seen[k]
	if !ok {
		t = tx.countNeg(n, neg)
		m.seen[k] = t
	}
	return t
}

// countNeg says how often something was mentioned and how often negated:
// "3 keer genoemd, waarvan 1 keer met ontkenning", or "2 keer genoemd,
// steeds met ontkenning" when all were.
func (t *reportTexts) countNeg(n, neg int) string {
	switch {
	case neg <= 0:
		return t.count(n)
	case neg >= n && n == 1:
		return t.AllNegatedOne
	case neg >= n:
		return fmt.Sprintf(t.AllNegatedManyF, n)
	case neg == 1:
		return t.count(n) + ", " + t.NegatedOne
	}
	return t.count(n) + ", " + fmt.Sprintf(t.NegatedManyF, neg)
}

// families says "1 gezin" or "3 gezinnen".
func (t *reportTexts) families(n int) string {
	if n == 1 {
		return t.FamilyOne
	}
	return fmt.Sprintf(t.FamilyManyF, n)
}

// category returns the singular name of a category.
func (t *reportTexts) category(c analysis.Category) string {
	switch c {
	case analysis.CatRelation:
		return t.CatRelation
	case analysis.CatPlace:
		return t.CatPlace
	case analysis.CatFacility:
		return t.CatFacility
	case analysis.CatQuality:
		return t.CatQuality
	case analysis.CatFormalHelp:
		return t.CatFormalHelp
	case analysis.CatStrain:
		return t.CatStrain
	}
	return t.CatUncoded
}

// categoryPlural returns the heading name of a category.
func (t *reportTexts) categoryPlural(c analysis.Category) string {
	switch c {
	case analysis.CatRelation:
		return t.CatRelations
	case analysis.CatPlace:
		return t.CatPlaces
	case analysis.CatFacility:
		return t.CatFacilities
	case analysis.CatQuality:
		return t.CatQualities
	case analysis.CatFormalHelp:
		return t.CatFormalHelps
	case analysis.CatStrain:
		return t.CatStrains
	}
	return t.CatUncoded
}

// role names a speaker role; an unknown role comes back as written.
func (t *reportTexts) role(r string) string {
	switch r {
	case corpus.RoleParent:
		return t.RoleParent
	case corpus.RoleChild:
		return t.RoleChild
	case corpus.RoleYouth:
		return t.RoleYouth
	case corpus.RoleFamily:
		return t.RoleFamily
	case corpus.RoleInterviewer:
		return t.RoleInterviewer
	case corpus.RoleProfessional:
		return t.RoleProfessional
	case corpus.RoleOther:
		return t.RoleOther
	case corpus.RoleUnknown, "":
		return t.RoleUnknown
	}
	return r
}

// voice names a voice.
func (t *reportTexts) voice(v corpus.Voice) string {
	switch v {
	case corpus.VoiceOwn:
		return t.VoiceOwn
	case corpus.VoiceInterviewer:
		return t.VoiceInterviewer
	case corpus.VoiceNotes:
		return t.VoiceNotes
	}
	return t.VoiceOther
}

// kind names a document kind; an unknown kind comes back as written.
func (t *reportTexts) kind(k corpus.Kind) string {
	switch k {
	case corpus.KindTranscript:
		return t.KindTranscript
	case corpus.KindNotes:
		return t.KindNotes
	}
	return string(k)
}

// measure explains how emergent keywords are ordered.
func (t *reportTexts) measure(m string) string {
	switch m {
	case analysis.MeasureG2Rest:
		return t.MeasureG2Rest
	case analysis.MeasureG2Reference:
		return t.MeasureG2Ref
	case analysis.MeasureSpread:
		return t.MeasureSpread
	}
	return t.MeasureCount
}

// mentionKind names the kind of an uncoded mention.
func (t *reportTexts) mentionKind(k string) string {
	switch k {
	case analysis.MentionPerson:
		return t.MentionPerson
	case analysis.MentionPlace:
		return t.MentionPlace
	case analysis.MentionName:
		return t.MentionName
	}
	return k
}

// unit names a segment unit; an unknown unit comes back as written.
func (t *reportTexts) unit(u string) string {
	switch u {
	case corpus.UnitSentence:
		return t.UnitSentence
	case corpus.UnitTurn:
		return t.UnitTurn
	case corpus.UnitParagraph:
		return t.UnitParagraph
	}
	return u
}
