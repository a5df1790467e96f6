package reports

// xlsxTexts holds every fixed text of the workbook in one language: sheet
// names, column headers of the translated sheets, prompts and notes. It is
// a table parallel to reportTexts (whose shape, a struct, cannot be extended
// from another file). Fields named ...F are fmt formats; their verbs are in
// the comment. Every field must be filled in every language
// (TestXLSXTextsComplete).
//
// The headers of the review sheets (Codings, Segments) are NOT here: they
// are the language-neutral column names of codings.csv and segments.csv
// plus the review columns, so a reviewed workbook imports whatever its
// language (see XLSXCodingsHeader, XLSXSegmentsHeader).
type xlsxTexts struct {
	// Sheet names (valid as they are: at most 31 characters, none of
	// []:*?/\; sheetNames makes sure).
	SheetOverview      string
	SheetFramework     string
	SheetFrameworkRole string
	SheetCodings       string
	SheetSegments      string
	SheetCooccur       string
	SheetBridges       string
	SheetQualities     string
	SheetHelp          string
	SheetEmergent      string
	SheetCodebook      string
	SheetVariables     string
	SheetDocuments     string
	SheetLists         string

	// What each sheet holds (the legend on the overview).
	DescOverview      string
	DescFramework     string
	DescFrameworkRole string
	DescCodings       string
	DescSegments      string
	DescCooccurF      string // %d window
	DescBridges       string
	DescQualities     string
	DescHelp          string
	DescEmergent      string
	DescCodebook      string
	DescVariables     string
	DescDocuments     string
	DescLists         string

	// Overview.
	ColSection        string
	ColItem           string
	ColValue          string
	SecCorpus         string
	SecCodebook       string
	SecSettings       string
	SecSkipped        string
	SecWarnings       string
	SecSheets         string
	SecColumns        string
	SecNotes          string
	ItemTitle         string
	ItemID            string
	ItemVersion       string
	ItemFile          string
	ItemSHA           string
	ItemCodes         string
	ItemTool          string
	ItemConfig        string
	ItemInput         string
	ItemLanguage      string
	ItemUnit          string
	ItemWindow        string
	ItemQuotesPerCell string
	ItemDocsOfKindF   string // %s kind
	ItemCodingsTotal  string
	ItemOrphans       string
	ItemExitCode      string
	NoneSkipped       string
	Defaults          string
	ContinuedF        string // %s sheet, %s next sheet, %d rows
	FrameworkLeftOutF string // %d codes
	ColCodeLabel      string
	ColCategory       string
	ColOwnMentions    string
	ColOwnNegated     string
	ColOwnFamilies    string
	ChartCodesTitle   string
	ChartCatTitle     string
	ChartSeriesOwn    string

	// Review columns explained (the overview documents every column of the
	// Codings and Segments sheets).
	ColDocDesc      string
	ColCaseDesc     string
	ColSpeakerDesc  string
	ColRoleDesc     string
	ColVoiceDesc    string
	ColSegmentDesc  string
	ColStartDesc    string
	ColEndDesc      string
	ColCodeDesc     string
	ColCategoryDesc string
	ColTermDesc     string
	ColNegatedDesc  string
	ColSourceDesc   string
	ColTextDesc     string
	ColRuleDesc     string
	ColHowDesc      string
	ColNegCueDesc   string
	ColLineDesc     string
	ColTimeDesc     string
	ColQuoteDesc    string
	ColLocationDesc string
	ColDecisionDesc string
	ColNewCodeDesc  string
	ColCommentDesc  string
	ColAddCodeDesc  string

	// Review drop-downs.
	DecisionTitle   string
	DecisionPrompt  string
	DecisionError   string
	CodeListTitle   string
	CodeListPrompt  string
	CodeListError   string
	AddCodeTitle    string
	AddCodePrompt   string
	ListDecisions   string
	ListDecisionNLs string
	ListCodes       string

	// Texts in cells.
	TruncatedF    string // %s file that holds the full text
	Negated       string
	WholeCorpus   string
	Yes           string
	No            string
	KindTerm      string
	KindMention   string
	KindFormal    string
	KindStrain    string
	QuoteOfRoleF  string // %s role
	NoQuoteOfRole string

	// Column headers of the summary sheets.
	ColCase         string
	ColWijk         string
	ColWaves        string
	ColRole         string
	ColRoleSegments string
	ColDocuments    string
	ColDocCount     string
	ColRoles        string
	ColSegmentsOwn  string
	ColSegmentsAll  string
	ColWords        string
	ColDoc          string
	ColKind         string
	ColFormat       string
	ColWave         string
	ColDate         string
	ColTurns        string
	ColCodingsOwn   string
	ColCodingsAll   string
	ColCode         string
	ColCodeID       string
	ColUnits        string
	ColRelation     string
	ColRelationID   string
	ColBetweenness  string
	ColLinked       string
	ColLinkedID     string
	ColQuotes       string
	ColTarget       string
	ColTargetID     string
	ColQuality      string
	ColQualityID    string
	ColSegments     string
	ColNegatedSegs  string
	ColCases        string
	ColType         string
	ColMentions     string
	ColNegated      string
	ColOwn          string
	ColInterviewer  string
	ColNotes        string
	ColOther        string
	ColOwnQuotes    string
	ColOutQuotes    string
	ColTerm         string
	ColCue          string
	ColCount        string
	ColOtherCount   string
	ColKeyness      string
	ColMeasure      string
	ColExamples     string
	ColParent       string
	ColLabelNL      string
	ColLabelEN      string
	ColDefNL        string
	ColDefEN        string
	ColTerms        string
	ColExclude      string
	ColUnlessNear   string
	ColOnlyNear     string
	ColNearWindow   string
	ColColor        string
	ColInCodebook   string
	ColNA           string // co-occurrence: units with the code
}

// xlsxTextsFor returns the workbook texts in lang (Dutch for an unknown
// language). Each call returns a fresh value.
func xlsxTextsFor(lang Lang) *xlsxTexts {
	if lang == LangEN {
		return xlsxTextsEN()
	}
	return xlsxTextsNL()
}

func xlsxTextsNL() *xlsxTexts {
	return &xlsxTexts{
		SheetOverview:      "Overzicht",
		SheetFramework:     "Raamwerk",
		SheetFrameworkRole: "Raamwerk per rol",
		SheetCodings:       "Coderingen",
		SheetSegments:      "Fragmenten",
		SheetCooccur:       "Samen genoemd",
		SheetBridges:       "Verbindende relaties",
		SheetQualities:     "Kwaliteiten",
		SheetHelp:          "Formele hulp en belasting",
		SheetEmergent:      "Termen buiten codeboek",
		SheetCodebook:      "Codeboek",
		SheetVariables:     "Variabelen",
		SheetDocuments:     "Documenten",
		SheetLists:         "Lijsten",

		DescOverview:      "Dit blad: het materiaal, het codeboek, de instellingen, overgeslagen bestanden, de uitleg van de werkbladen en kolommen, en twee grafieken (eigen woorden).",
		DescFramework:     "Raamwerkmethode: een rij per gezin, per code een kolom met wat het gezin in eigen woorden zegt (aantal en de meest sprekende citaten met vindplaats) en een kolom met het aantal.",
		DescFrameworkRole: "Als het raamwerk, maar een rij per gezin en sprekersrol (eigen woorden).",
		DescCodings:       "Een rij per codering (zoals codings.csv), met lege kolommen om na te kijken: decision (accept/reject/change), new_code en comment.",
		DescSegments:      "Elk fragment, gecodeerd of niet (zoals segments.csv), met add_code en comment om gemiste coderingen toe te voegen.",
		DescCooccurF:      "Hoe vaak twee codes samen genoemd worden in eigen woorden: binnen %d opeenvolgende fragmenten van één spreker. Hoe donkerder, hoe vaker.",
		DescBridges:       "Relaties die een gezin samen noemt met twee of meer plekken of voorzieningen: de relatie als brug tussen leefomgevingen.",
		DescQualities:     "Kwaliteiten (veilig, toegankelijk, uitnodigend, respect, gelijkwaardigheid en hun tegendeel) in één zin genoemd met een plek, voorziening of relatie.",
		DescHelp:          "Formele hulp en belasting van het informele netwerk, apart van de pedagogische basis en apart van elkaar.",
		DescEmergent:      "Woorden en vermeldingen van personen en plekken in eigen woorden die geen code dekt: om het codeboek aan te vullen.",
		DescCodebook:      "Het codeboek waarmee gecodeerd is: elke code met definitie, termen, uitsluitingen en nabijheidsregels.",
		DescVariables:     "De gezinnen met hun kenmerken: wijk, rondes, documenten en variabelen uit de metadata.",
		DescDocuments:     "De gelezen documenten met soort, wijk, ronde, datum en aantallen.",
		DescLists:         "Verborgen blad met de lijsten van de keuzelijsten (codes en beslissingen).",

		ColSection:        "Onderdeel",
		ColItem:           "Omschrijving",
		ColValue:          "Waarde",
		SecCorpus:         "Materiaal",
		SecCodebook:       "Codeboek",
		SecSettings:       "Instellingen",
		SecSkipped:        "Overgeslagen bestanden",
		SecWarnings:       "Waarschuwingen",
		SecSheets:         "Werkbladen",
		SecColumns:        "Kolommen om na te kijken",
		SecNotes:          "Let op",
		ItemTitle:         "Titel",
		ItemID:            "Id",
		ItemVersion:       "Versie",
		ItemFile:          "Bestand",
		ItemSHA:           "SHA-256",
		ItemCodes:         "Aantal codes",
		ItemTool:          "Gemaakt met",
		ItemConfig:        "Configuratie",
		ItemInput:         "Invoer",
		ItemLanguage:      "Taal",
		ItemUnit:          "Eenheid van coderen",
		ItemWindow:        "Venster samen genoemd (fragmenten)",
		ItemQuotesPerCell: "Citaten per cel",
		ItemDocsOfKindF:   "Documenten: %s",
		ItemCodingsTotal:  "Coderingen (alle stemmen)",
		ItemOrphans:       "Coderingen zonder bekend fragment",
		ItemExitCode:      "Afsluitcode",
		NoneSkipped:       "Er is geen bestand overgeslagen.",
		Defaults:          "standaardinstellingen",
		ContinuedF:        "Werkblad %s gaat verder in %s: een werkblad heeft hoogstens %d rijen.",
		FrameworkLeftOutF: "%d code(s) die geen gezin in eigen woorden noemt, staan niet in het raamwerk (wel in het codeboek en hieronder met 0).",
		ColCodeLabel:      "Code",
		ColCategory:       "Categorie",
		ColOwnMentions:    "Genoemd (eigen woorden)",
		ColOwnNegated:     "Waarvan ontkend",
		ColOwnFamilies:    "Gezinnen",
		ChartCodesTitle:   "Hoe vaak genoemd per code (eigen woorden)",
		ChartCatTitle:     "Hoe vaak genoemd per categorie (eigen woorden)",
		ChartSeriesOwn:    "Genoemd",

		ColDocDesc:      "document: pad ten opzichte van de invoermap",
		ColCaseDesc:     "gezin (case)",
		ColSpeakerDesc:  "spreker zoals geschreven",
		ColRoleDesc:     "rol van de spreker (parent, child, youth, interviewer, professional ...)",
		ColVoiceDesc:    "stem: own (gezin), interviewer, notes (sessienotities), other",
		ColSegmentDesc:  "id van het fragment",
		ColStartDesc:    "begin van de vindplaats (tekens in de genormaliseerde tekst)",
		ColEndDesc:      "einde van de vindplaats (tekens in de genormaliseerde tekst)",
		ColCodeDesc:     "code-id",
		ColCategoryDesc: "categorie van de code",
		ColTermDesc:     "het gevonden woord zoals geschreven",
		ColNegatedDesc:  "ontkend (WAAR/ONWAAR)",
		ColSourceDesc:   "herkomst: auto, manual of review",
		ColTextDesc:     "de tekst van het fragment",
		ColRuleDesc:     "de term uit het codeboek die paste",
		ColHowDesc:      "hoe: exact, inflection, stem, compound, phrase",
		ColNegCueDesc:   "het ontkennende woord",
		ColLineDesc:     "regel (of alinea, ondertitel, rij) in de bron",
		ColTimeDesc:     "tijd in de bron, als die er is",
		ColQuoteDesc:    "het gevonden woord tussen « » in zijn context",
		ColLocationDesc: "vindplaats: document:regel of document@tijd",
		ColDecisionDesc: "INVULLEN: accept (accepteren), reject (afwijzen) of change (wijzigen naar new_code)",
		ColNewCodeDesc:  "INVULLEN bij change: de juiste code-id",
		ColCommentDesc:  "INVULLEN naar keuze: opmerking",
		ColAddCodeDesc:  "INVULLEN (blad Fragmenten): code-id van een gemiste codering in dit fragment",

		DecisionTitle:   "Beslissing",
		DecisionPrompt:  "accept = accepteren, reject = afwijzen, change = wijzigen (vul new_code in)",
		DecisionError:   "Kies accept, reject of change.",
		CodeListTitle:   "Nieuwe code",
		CodeListPrompt:  "Kies een code-id uit het codeboek (bij decision = change).",
		CodeListError:   "Kies een code-id uit de lijst.",
		AddCodeTitle:    "Code toevoegen",
		AddCodePrompt:   "Kies de code-id van een codering die in dit fragment ontbreekt.",
		ListDecisions:   "decision",
		ListDecisionNLs: "betekenis",
		ListCodes:       "code",

		TruncatedF:    "… [afgekapt; volledige tekst in %s]",
		Negated:       "ontkend",
		WholeCorpus:   "(alle gezinnen)",
		Yes:           "ja",
		No:            "nee",
		KindTerm:      "woord",
		KindMention:   "vermelding",
		KindFormal:    "formele hulp",
		KindStrain:    "belasting",
		QuoteOfRoleF:  "citaten van %s",
		NoQuoteOfRole: "geen citaat van deze rol bij de gekozen citaten",

		ColCase:         "Gezin",
		ColWijk:         "Wijk",
		ColWaves:        "Rondes",
		ColRole:         "Rol",
		ColRoleSegments: "Fragmenten van de rol",
		ColDocuments:    "Documenten",
		ColDocCount:     "Aantal documenten",
		ColRoles:        "Sprekers uit het gezin",
		ColSegmentsOwn:  "Fragmenten (eigen woorden)",
		ColSegmentsAll:  "Fragmenten (alle)",
		ColWords:        "Woorden",
		ColDoc:          "Document",
		ColKind:         "Soort",
		ColFormat:       "Formaat",
		ColWave:         "Ronde",
		ColDate:         "Datum",
		ColTurns:        "Beurten",
		ColCodingsOwn:   "Coderingen (eigen woorden)",
		ColCodingsAll:   "Coderingen (alle)",
		ColCode:         "Code",
		ColCodeID:       "Code-id",
		ColUnits:        "Samen genoemd (keren)",
		ColRelation:     "Relatie",
		ColRelationID:   "Relatie-id",
		ColBetweenness:  "Tussenpositie (betweenness)",
		ColLinked:       "Plek of voorziening",
		ColLinkedID:     "Plek-id",
		ColQuotes:       "Citaten",
		ColTarget:       "Gezegd over",
		ColTargetID:     "Gezegd over (id)",
		ColQuality:      "Kwaliteit",
		ColQualityID:    "Kwaliteit-id",
		ColSegments:     "Fragmenten",
		ColNegatedSegs:  "Waarvan ontkend",
		ColCases:        "Gezinnen",
		ColType:         "Soort",
		ColMentions:     "Genoemd",
		ColNegated:      "Ontkend",
		ColOwn:          "Eigen woorden",
		ColInterviewer:  "Interviewer",
		ColNotes:        "Sessienotities",
		ColOther:        "Anderen",
		ColOwnQuotes:    "Citaten (eigen woorden)",
		ColOutQuotes:    "Citaten (van buitenaf)",
		ColTerm:         "Term",
		ColCue:          "Gevonden via",
		ColCount:        "Aantal",
		ColOtherCount:   "Aantal elders",
		ColKeyness:      "Onderscheidend (G2)",
		ColMeasure:      "Volgorde",
		ColExamples:     "Voorbeelden",
		ColParent:       "Bovenliggende code",
		ColLabelNL:      "Label (nl)",
		ColLabelEN:      "Label (en)",
		ColDefNL:        "Definitie (nl)",
		ColDefEN:        "Definitie (en)",
		ColTerms:        "Termen",
		ColExclude:      "Uitsluitingen",
		ColUnlessNear:   "Niet als in de buurt",
		ColOnlyNear:     "Alleen als in de buurt",
		ColNearWindow:   "Nabijheid (woorden)",
		ColColor:        "Kleur",
		ColInCodebook:   "In codeboek",
		ColNA:           "Keren genoemd (vensters)",
	}
}

func xlsxTextsEN() *xlsxTexts {
	return &xlsxTexts{
		SheetOverview:      "Overview",
		SheetFramework:     "Framework matrix",
		SheetFrameworkRole: "Framework by role",
		SheetCodings:       "Codings",
		SheetSegments:      "Segments",
		SheetCooccur:       "Co-occurrence",
		SheetBridges:       "Bridging relations",
		SheetQualities:     "Qualities by place",
		SheetHelp:          "Formal help and strain",
		SheetEmergent:      "Emergent terms",
		SheetCodebook:      "Codebook",
		SheetVariables:     "Variables",
		SheetDocuments:     "Documents",
		SheetLists:         "Lists",

		DescOverview:      "This sheet: the material, the codebook, the settings, skipped files, what the sheets and columns hold, and two charts (own words).",
		DescFramework:     "Framework method: a row per family; per code one column with what the family says in its own words (count and the most telling quotes with their location) and one column with the count.",
		DescFrameworkRole: "Like the framework matrix, with a row per family and speaker role (own words).",
		DescCodings:       "One row per coding (as codings.csv), with empty review columns: decision (accept/reject/change), new_code and comment.",
		DescSegments:      "Every segment, coded or not (as segments.csv), with add_code and comment to add missed codings.",
		DescCooccurF:      "How often two codes are mentioned together in own words: within %d consecutive segments of one speaker. The darker, the more often.",
		DescBridges:       "Relations a family mentions together with two or more places or facilities: the relation as a bridge between living environments.",
		DescQualities:     "Qualities (safe, accessible, inviting, respect, equality and their opposites) mentioned in one sentence with a place, facility or relation.",
		DescHelp:          "Formal help and strain on the informal network, apart from the pedagogical basis and from each other.",
		DescEmergent:      "Words, and mentions of people and places, in own words that no code covers: to extend the codebook.",
		DescCodebook:      "The codebook used for coding: every code with definition, terms, exclusions and near rules.",
		DescVariables:     "The families with their characteristics: neighbourhood, waves, documents and variables from the metadata.",
		DescDocuments:     "The documents read, with kind, neighbourhood, wave, date and counts.",
		DescLists:         "Hidden sheet with the lists of the drop-downs (codes and decisions).",

		ColSection:        "Part",
		ColItem:           "Item",
		ColValue:          "Value",
		SecCorpus:         "Material",
		SecCodebook:       "Codebook",
		SecSettings:       "Settings",
		SecSkipped:        "Skipped files",
		SecWarnings:       "Warnings",
		SecSheets:         "Sheets",
		SecColumns:        "Review columns",
		SecNotes:          "Note",
		ItemTitle:         "Title",
		ItemID:            "ID",
		ItemVersion:       "Version",
		ItemFile:          "File",
		ItemSHA:           "SHA-256",
		ItemCodes:         "Number of codes",
		ItemTool:          "Made with",
		ItemConfig:        "Configuration",
		ItemInput:         "Input",
		ItemLanguage:      "Language",
		ItemUnit:          "Unit of coding",
		ItemWindow:        "Co-occurrence window (segments)",
		ItemQuotesPerCell: "Quotes per cell",
		ItemDocsOfKindF:   "Documents: %s",
		ItemCodingsTotal:  "Codings (all voices)",
		ItemOrphans:       "Codings without a known segment",
		ItemExitCode:      "Exit code",
		NoneSkipped:       "No file was skipped.",
		Defaults:          "defaults",
		ContinuedF:        "Sheet %s continues in %s: a sheet holds at most %d rows.",
		FrameworkLeftOutF: "%d code(s) no family mentions in own words are left out of the framework matrix (they are in the codebook, and below with 0).",
		ColCodeLabel:      "Code",
		ColCategory:       "Category",
		ColOwnMentions:    "Mentioned (own words)",
		ColOwnNegated:     "Of which negated",
		ColOwnFamilies:    "Families",
		ChartCodesTitle:   "Times mentioned per code (own words)",
		ChartCatTitle:     "Times mentioned per category (own words)",
		ChartSeriesOwn:    "Mentioned",

		ColDocDesc:      "document: path relative to the input folder",
		ColCaseDesc:     "family (case)",
		ColSpeakerDesc:  "speaker as written",
		ColRoleDesc:     "speaker role (parent, child, youth, interviewer, professional ...)",
		ColVoiceDesc:    "voice: own (family), interviewer, notes (session notes), other",
		ColSegmentDesc:  "segment ID",
		ColStartDesc:    "start of the evidence (code points in the normalised text)",
		ColEndDesc:      "end of the evidence (code points in the normalised text)",
		ColCodeDesc:     "code ID",
		ColCategoryDesc: "the code's category",
		ColTermDesc:     "the evidence as written",
		ColNegatedDesc:  "negated (TRUE/FALSE)",
		ColSourceDesc:   "source: auto, manual or review",
		ColTextDesc:     "the segment's text",
		ColRuleDesc:     "the codebook term that matched",
		ColHowDesc:      "how: exact, inflection, stem, compound, phrase",
		ColNegCueDesc:   "the negation word",
		ColLineDesc:     "line (or paragraph, cue, row) in the source",
		ColTimeDesc:     "time in the source, when it has one",
		ColQuoteDesc:    "the evidence between « » in its context",
		ColLocationDesc: "location: document:line or document@time",
		ColDecisionDesc: "FILL IN: accept, reject or change (to new_code)",
		ColNewCodeDesc:  "FILL IN with change: the right code ID",
		ColCommentDesc:  "FILL IN if you like: a comment",
		ColAddCodeDesc:  "FILL IN (Segments sheet): code ID of a coding missing in this segment",

		DecisionTitle:   "Decision",
		DecisionPrompt:  "accept, reject, or change (fill in new_code)",
		DecisionError:   "Choose accept, reject or change.",
		CodeListTitle:   "New code",
		CodeListPrompt:  "Choose a code ID of the codebook (with decision = change).",
		CodeListError:   "Choose a code ID from the list.",
		AddCodeTitle:    "Add a code",
		AddCodePrompt:   "Choose the code ID of a coding missing in this segment.",
		ListDecisions:   "decision",
		ListDecisionNLs: "meaning",
		ListCodes:       "code",

		TruncatedF:    "… [cut; full text in %s]",
		Negated:       "negated",
		WholeCorpus:   "(all families)",
		Yes:           "yes",
		No:            "no",
		KindTerm:      "word",
		KindMention:   "mention",
		KindFormal:    "formal help",
		KindStrain:    "strain",
		QuoteOfRoleF:  "quotes of %s",
		NoQuoteOfRole: "no quote of this role among the chosen quotes",

		ColCase:         "Family",
		ColWijk:         "Neighbourhood",
		ColWaves:        "Waves",
		ColRole:         "Role",
		ColRoleSegments: "Segments of the role",
		ColDocuments:    "Documents",
		ColDocCount:     "Number of documents",
		ColRoles:        "Family speakers",
		ColSegmentsOwn:  "Segments (own words)",
		ColSegmentsAll:  "Segments (all)",
		ColWords:        "Words",
		ColDoc:          "Document",
		ColKind:         "Kind",
		ColFormat:       "Format",
		ColWave:         "Wave",
		ColDate:         "Date",
		ColTurns:        "Turns",
		ColCodingsOwn:   "Codings (own words)",
		ColCodingsAll:   "Codings (all)",
		ColCode:         "Code",
		ColCodeID:       "Code ID",
		ColUnits:        "Mentioned together (times)",
		ColRelation:     "Relation",
		ColRelationID:   "Relation ID",
		ColBetweenness:  "Betweenness",
		ColLinked:       "Place or facility",
		ColLinkedID:     "Place ID",
		ColQuotes:       "Quotes",
		ColTarget:       "Said of",
		ColTargetID:     "Said of (ID)",
		ColQuality:      "Quality",
		ColQualityID:    "Quality ID",
		ColSegments:     "Segments",
		ColNegatedSegs:  "Of which negated",
		ColCases:        "Families",
		ColType:         "Type",
		ColMentions:     "Mentioned",
		ColNegated:      "Negated",
		ColOwn:          "Own words",
		ColInterviewer:  "Interviewer",
		ColNotes:        "Session notes",
		ColOther:        "Others",
		ColOwnQuotes:    "Quotes (own words)",
		ColOutQuotes:    "Quotes (outside view)",
		ColTerm:         "Term",
		ColCue:          "Found by",
		ColCount:        "Count",
		ColOtherCount:   "Count elsewhere",
		ColKeyness:      "Distinctive (G2)",
		ColMeasure:      "Order",
		ColExamples:     "Examples",
		ColParent:       "Parent code",
		ColLabelNL:      "Label (nl)",
		ColLabelEN:      "Label (en)",
		ColDefNL:        "Definition (nl)",
		ColDefEN:        "Definition (en)",
		ColTerms:        "Terms",
		ColExclude:      "Exclusions",
		ColUnlessNear:   "Not when near",
		ColOnlyNear:     "Only when near",
		ColNearWindow:   "Near window (words)",
		ColColor:        "Colour",
		ColInCodebook:   "In codebook",
		ColNA:           "Times mentioned (windows)",
	}
}
