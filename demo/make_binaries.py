#!/usr/bin/env python3
"""Build the binary files of the pbasis demo corpus.

Writes, relative to this script's folder:
  files/G02/G02_interview_ouders.docx    (python-docx)
  files/G04/G04_jgz_huisbezoek.odt       (python-docx, then LibreOffice --convert-to odt)
  files/G05/G05_interview_vader.xlsx     (openpyxl; columns Spreker, Tijd, Tekst)

The texts are fiction written for pbasis. Tests do not run this script; it is
kept so the binary files can be rebuilt and reviewed as text.

Needs: python3-docx, python3-openpyxl (Debian) and LibreOffice Writer.
Run:   python3 demo/make_binaries.py
"""

import datetime
import os
import shutil
import subprocess
import sys
import tempfile

import docx
from docx.shared import Pt
import openpyxl
from openpyxl.styles import Font, Alignment

HERE = os.path.dirname(os.path.abspath(__file__))
FILES = os.path.join(HERE, "files")
# Fixed document dates, so rebuilt files carry the same properties.
STAMP = datetime.datetime(2024, 6, 10, 9, 0, 0)

G02_TITLE = "Interview gezin G02 – Ter Heide"
G02_INTRO = ("Interview met beide ouders, bij hen thuis, juni 2024. "
             "Namen in dit transcript zijn fictief.")
# One turn per line: "Label: text". Labels become bold runs in the docx.
G02_TURNS = """\
Interviewer: Dank u wel dat we hier mogen zitten. Ik zou graag beginnen met een vraag: als u denkt aan de mensen rond Lotte en Warre, wie komt er dan als eerste in u op?
Moeder: Ons moeke. Zonder twijfel. Mijn moeder dus. Die woont hier drie straten verder, in het huis waar ik ben opgegroeid. Op woensdagnamiddag, als er geen school is, haalt zij Lotte aan het schoolpoortje en dan gaan ze samen naar den bakker voor een koffiekoek. Dat is hun ding, dat is heilig.
Vader: Da's waar. Als ik Lotte op woensdag zou halen, zou ze kwaad zijn, denk ik.
Interviewer: En u, meneer, wie komt er bij u als eerste op?
Vader: Ja, bij mij is dat anders, hè. Ik ben hier niet van. Ik kom van de kust, mijn ouders wonen daar nog, dat is anderhalf uur rijden. Dus ik ben hier eigenlijk ingetrouwd, zeg maar. Voor mij zijn dat eerder de mensen van de voetbal van Lotte… nee, van de chiro, sorry. Ik haal dat altijd door elkaar.
Moeder: Lotte zit sinds september bij de chiro. De kabouters. Elke zondagnamiddag.
Vader: En daar sta ik dan, om vijf uur, aan het lokaal, met de andere papa's. Da's eigenlijk de enige plek waar ik hier mensen heb leren kennen. Gewoon, babbelen, wie haalt wie, "gaat gij mee op het kamp helpen koken?" Zoiets.
Interviewer: Hoe is dat, als het enige plek is?
Vader: Ja, allee, dat klinkt zielig. Zo bedoel ik het niet. Maar ik werk in Gent, ik vertrek om zeven uur, ik ben thuis om half zeven. Veel tijd om de buurt te leren kennen is er niet. Sofie kent iedereen, die is hier geboren.
Moeder: Iedereen, iedereen… Ik ken veel mensen van vroeger, ja. Maar de straat is wel veranderd. Vroeger speelden wij op straat tot het donker was, nu rijdt daar zoveel. De kinderen spelen op het speelpleintje aan de kerk, dat is het enige. Dat is klein, dat is een glijbaan en een schommel en een zandbak waar de katten in… ja.
Interviewer: Wat vindt u van dat speelpleintje?
Moeder: Het is oké voor Warre. Voor Lotte is het te kinderachtig, zegt ze. Er is geen echte speeltuin hier in Ter Heide. Als we naar een grote willen, moeten we met de auto, en dan is het zoeken naar een parkeerplaats. Dus dat doen we niet veel.
Interviewer: U had het over de buren. Hoe is het contact met de buren?
Moeder: Links van ons woont Jos. Da's ne goeie buur, echt waar. Hij is weduwnaar, hij is al in de zeventig. Hij zet onze vuilbak buiten als we het vergeten, hij heeft een keer Warre opgevangen toen ik met Lotte naar de spoed moest. Hij zit graag op zijn bankske voor de deur en dan babbelen de kinderen met hem. Lotte noemt hem nonkel Jos, terwijl hij geen familie is.
Vader: Rechts kennen we eigenlijk niet. Die zijn er nooit, die hebben geen kinderen. Dat is ook goed, hè, iedereen moet niet met iedereen bevriend zijn.
Interviewer: En Warre, hoe ziet zijn week eruit?
Moeder: Warre gaat drie dagen naar de crèche. Dat is de kinderopvang hier achter de hoek, bij de begeleidster Nele. Dat is een kleine, gezellige, met maar veertien kindjes. Nele kent elk kind, die weet dat Warre zijn knuffelkonijn nodig heeft om te slapen. Dat is heel belangrijk voor mij, dat ik hem daar met een gerust gevoel achterlaat. En op de andere dagen is hij bij ons moeke, of bij mij, ik werk vier vijfde.
Interviewer: Hoe gaat het met uw moeder, met al dat oppassen?
Moeder: Hm. Eerlijk? Ze wordt ouder. Ze is zeventig geworden. Ze zegt nooit nee, maar ik zie dat ze na een dag met Warre echt op is. Vorige maand heeft ze haar rug geforceerd, toen hij niet in zijn buggy wou. Dan denk ik: ik kan niet altijd bij haar aankloppen. Maar wat is het alternatief? De crèche vijf dagen is niet te betalen en er is een wachtlijst.
Vader: Ik zeg altijd: we moeten het haar niet te moeilijk maken. Maar ja, mijn ouders zijn te ver om in te springen.
Moeder: Ge zegt dat, maar gij zijt het niet die moet bellen om te vragen of ze nog eens wil.
Vader: Nee, da's waar.
Interviewer: Hoe gaat het op school met Lotte?
Moeder: Goed. Ze zit in het eerste leerjaar, bij juf Annelies. Die juf is super, heel rustig, ze stuurt elke vrijdag een berichtje met foto's via de app van de school. Er is ook een oudervereniging, daar zit ik in. We organiseren het schoolfeest en de koekjesverkoop. Dat is ook een manier om andere ouders te leren kennen, anders sta je daar maar aan het schoolpoortje met je gsm.
Vader: En de Facebookgroep, vergeet die niet.
Moeder: O ja, de Facebookgroep van Ter Heide. Daar staat alles in, van "kat gevonden" tot "wie heeft er nog een kinderfiets". Maar daar wordt ook veel gezaagd, over de jongeren aan het station en zo. Dat lees ik liever niet.
Interviewer: Zijn er in de buurt nog plekken waar u als gezin komt?
Vader: De bib. Op zaterdagvoormiddag. Lotte leert lezen en ze wil elke week vijf nieuwe boekjes. Dat is leuk, daar is ook een hoekje voor de kleintjes.
Moeder: En in de zomer de speelpleinwerking. Dan is Lotte daar twee weken, met monitoren van de chiro eigenlijk, dezelfde gasten. Dat is fijn, dat ze die kent. Voor de rest… er was hier vroeger een jeugdhuis, maar dat is gesloten. Er is hier niks meer voor de tieners. Dat is voor later een zorg.
Interviewer: Heeft u ooit hulp gezocht, van buiten de familie?
Moeder: Na de geboorte van Warre, ja. Ik had het zwaar, ik sliep niet, hij huilde veel. Toen is er een verpleegster van Kind en Gezin aan huis geweest, een paar keer. En mijn vriendin Katrien, die heeft mij toen echt opgevangen, die kwam elke dag even langs met soep. Dat heeft meer geholpen dan eender welke folder.
Vader: Ik was toen veel weg. Dat besef ik nu pas.
Interviewer: Als u de buurt één ding kon geven, wat zou dat zijn?
Vader: Een plek voor de papa's. Klinkt raar, hè. Maar alles is voor de mama's georganiseerd, de koffie na school, de babbel aan de crèche. Ik sta daar altijd een beetje aan de kant.
Moeder: Een echte speeltuin. En iemand die af en toe eens naar Jos kijkt. Hij doet zoveel voor ons, maar wie doet er iets voor hem?
"""

G04_TITLE = "JGZ – verslag huisbezoek"
# Session notes: plain paragraphs, no speaker labels.
G04_NOTES = """\
Verslag huisbezoek JGZ, gezin G04 (Fenna, 4 mnd; broer Mees, 2 jr 6 mnd)
Huisbezoek op verzoek van moeder na het contactmoment van 3 maanden. Moeder had toen aangegeven dat ze "een beetje vastloopt". Vader aan het werk, niet aanwezig.
Fenna groeit goed langs de lijn, drinkt flesvoeding, 5 à 6 voedingen per dag. Slaapt 's nachts nog 2x wakker. Motoriek en contact passend bij leeftijd, lacht veel, volgt goed. Geen bijzonderheden lichamelijk.
Mees speelt tijdens het bezoek rustig met blokken. Spreekt losse woorden, weinig tweewoordzinnen. Begrip lijkt goed, volgt eenvoudige opdrachten op. Gehoor eerder getest, goed. Besproken met moeder dat een peuteropvang met VVE-programma zijn taal kan stimuleren. Moeder staat hier open voor, wel zorg of dit betekent "dat er iets mis is". Uitgelegd dat het om stimuleren gaat en niet om een diagnose. Aanmelding voorschool ('t Kikkertje) gedaan, start na de zomer, 2 dagdelen.
Moeder vertelt openhartig over eenzaamheid. Woont sinds anderhalf jaar in de wijk, kent weinig mensen. Eigen moeder woont ver weg, telefonisch veel contact. Schoonmoeder past één dag per week op, wat helpt maar ook spanning geeft over opvoedideeën. Partner betrokken maar veel weg door ploegendiensten. Moeder heeft een contact opgebouwd met een vader uit de buurt die ze in de speeltuin heeft leren kennen; zij spreken wekelijks af.
Moeder oogt moe, huilt even tijdens gesprek, geeft zelf aan dat het "geen depressie is maar gewoon heel veel". EPDS afgenomen, score onder afkappunt. Geen signalen van onveiligheid. Slaapgebrek lijkt grootste factor. Afgesproken dat partner in het weekend twee nachten de voedingen overneemt.
Informatie gegeven over de mama-ochtend in buurthuis De Waterhoek (donderdagochtend, vrijwilligers aanwezig, gratis). Moeder kent de Facebookgroep van de wijk al en gebruikt die vooral 's nachts.
Moeder geeft aan dat er in de directe omgeving geen speelplek is; het grasveld achter de woningen wordt door haar als vies ervaren (hondenpoep). Signaal doorgegeven aan de wijkcoördinator van de gemeente, die bezig is met inrichting openbare ruimte in Waterkant.
Vervolgafspraken zijn een contactmoment 6 maanden op het consultatiebureau, telefonisch contact over 4 weken om te horen hoe de mama-ochtend bevalt en of de nachten beter gaan. Indien moeder verder vastloopt: bespreken of ondersteuning via het wijkteam passend is. Moeder wil dat op dit moment niet; zij wil het eerst "zelf proberen, met de mensen om me heen". Dat is besproken en gerespecteerd.
Bij volgend contact aandacht voor taalontwikkeling Mees na start voorschool, slaap Fenna, welbevinden moeder.
Aanvulling na telefonisch contact, 4 weken later. Moeder is drie keer naar de mama-ochtend geweest. Vindt het fijn, "vooral de koffie en dat iemand de baby even vasthoudt". Heeft telefoonnummer uitgewisseld met een andere moeder uit de straat erachter. Partner neemt in het weekend nachtvoedingen over, moeder slaapt beter. Mees wijst nu meer aan en benoemt dieren. Geen nieuwe zorgen. Vervolg volgens planning.
"""

# (speaker, time as written, text); time is text, as transcription tools export it.
G05_ROWS = [
    ('Interviewer', '00:00:04', 'Bedankt dat u tijd maakt. Uw vrouw en Noor heb ik vorige week gesproken. Ik ben benieuwd hoe u het ziet.'),
    ('Vader', '00:00:13', 'Ja, mijn vrouw zei al dat het een lang gesprek was, haha. Nou, vraag maar.'),
    ('Interviewer', '00:00:20', 'Als u denkt aan opvoeden hier in Zuiderhaven, waar denkt u dan aan?'),
    ('Vader', '00:00:27', "Eh… aan gedoe, eerlijk gezegd, het laatste jaar. Met Bram. Maar ook aan goede dingen hoor. Ik ben buschauffeur, ik rijd hier de hele dag rond, lijn 12. Ik ken de wijk van achter het stuur. Ik zie de kinderen 's ochtends naar school gaan, ik ken de moeders die altijd te laat bij de halte zijn. Dat is ook een soort buurt, de bus."),
    ('Interviewer', '00:00:55', 'Wat bedoelt u met gedoe?'),
    ('Vader', '00:00:58', "Bram is een goeie jongen, maar hij is meester in het ontlopen van alles wat moet. Huiswerk, afspraken, op tijd komen. En als hij boos wordt, dan wordt hij echt boos. Op de middelbare school werd dat niks. Die school is te groot, te druk, dertig kinderen in de klas, elk uur een andere leraar. Dan raakt zo'n jongen kwijt."),
    ('Interviewer', '00:01:23', 'Hoe ging het toen verder?'),
    ('Vader', '00:01:26', 'School belde, zeiden: meneer, dit kan zo niet. Toen kwam het wijkteam erbij. En eerlijk, ik was blij. Mijn vrouw vond het moeilijk, die voelde zich beoordeeld. Maar ik dacht: eindelijk iemand die meedenkt. De jeugdconsulent, een jonge jongen, die heeft een plek geregeld in een kleinere klas, en een jeugdhulpverlener die wekelijks met Bram praat. Dat loopt nu.'),
    ('Interviewer', '00:01:52', 'U zegt: eindelijk iemand die meedenkt. Wie dachten er daarvoor mee?'),
    ('Vader', '00:01:57', 'Niemand, eigenlijk. Ja, mijn broer. Die heeft zelf twee zonen, ook van die wilde. Die zei altijd: gewoon laten sporten, die energie moet eruit. Bram zat op voetbal, bij de club hier, maar daar is hij weggestuurd na een ruzie met een scheidsrechter. De trainer daar wilde hem nog wel houden, maar het bestuur niet. Dat vond ik zonde. Daar ging zijn hele vriendengroep.'),
    ('Interviewer', '00:02:25', 'En nu?'),
    ('Vader', '00:02:27', 'Nu boksen. Via mijn broer, die kende een boksschool in het oude fabrieksgebouw. Daar is een coach, Rachid, die zegt tegen Bram: hier is respect het eerste, en als je hier binnenkomt geef je iedereen een hand. Ook de kleine jongens. En Bram doet het. Bij mij doet hij het niet, bij Rachid wel. Ik vind dat niet erg hoor. Het maakt niet uit van wie hij het leert.'),
    ('Interviewer', '00:02:57', 'Hoe kijkt u naar de buren, de straat?'),
    ('Vader', '00:03:01', 'De straat is oké. Maar met de buren, met Ineke, is het nu wat stroef. Bram heeft een ruit kapotgegooid bij ruzie met haar zoon. We hebben het betaald, excuses gemaakt. Maar zij past nu niet meer op Noor. Dat snap ik. Al vind ik het jammer voor Noor, die kan daar niks aan doen. Aan de andere kant woont een Pools gezin, die kennen we niet echt, die zijn er net.'),
    ('Interviewer', '00:03:32', 'Zijn er plekken in de wijk waar u zelf mensen tegenkomt?'),
    ('Vader', '00:03:37', 'Bij de boksschool, de vaders die daar wachten. En ik zit in de app-groep van de straat, maar dat is vooral gemopper over hangjongeren en scooters. Daar word je niet vrolijk van. Soms denk ik: die jongens waar ze over klagen, dat kan Bram over twee jaar zijn. Er is hier niks voor ze. Het buurthuis is dicht sinds de bezuinigingen. Er is geen plek waar een jongen van vijftien heen kan, behalve de straat en het winkelcentrum, en daar worden ze weggejaagd.'),
    ('Interviewer', '00:04:13', 'En voor Noor?'),
    ('Vader', '00:04:15', 'Noor redt zich wel. Die heeft de speeltuin, de muziekschool, haar vriendinnetje. En mijn ouders, die zijn echt haar plek. Elk weekend gaat ze daarheen. Mijn vader neemt haar mee naar de kerk, niet dat wij zo gelovig zijn, maar ze vindt het gezellig, die koffie na de dienst. Iedereen kent haar daar.'),
    ('Interviewer', '00:04:38', 'Hoe gaat het met uw ouders, met het oppassen?'),
    ('Vader', '00:04:43', 'Goed. Ze zijn nog fit. Mijn moeder zegt wel eens: Bram, dat trek ik niet meer, die jongen is me te groot. Dus Bram gaat niet meer mee. Noor wel.'),
    ('Interviewer', '00:04:56', 'Wat zou u willen veranderen, hier?'),
    ('Vader', '00:04:59', 'Het buurthuis weer open. Een plek voor de jongens, met iemand erbij die ze serieus neemt. Zoals Rachid. Meer Rachids, zeg maar. En dat een club een jongen niet meteen wegstuurt. Een tweede kans.'),
    ('Interviewer', '00:05:14', 'Dank u wel.'),
    ('Vader', '00:05:17', 'Graag. Mag ik ook nog iets zeggen? Schrijf op dat het wijkteam goed werk doet. Dat hoor je nooit.'),
]


def set_props(d, title):
    p = d.core_properties
    p.title = title
    p.author = "pbasis demo"
    p.last_modified_by = "pbasis demo"
    p.created = STAMP
    p.modified = STAMP
    p.language = "nl-NL"


def make_g02(path):
    d = docx.Document()
    set_props(d, G02_TITLE)
    d.styles["Normal"].font.name = "Calibri"
    d.styles["Normal"].font.size = Pt(11)
    d.add_heading(G02_TITLE, level=1)
    intro = d.add_paragraph()
    intro.add_run(G02_INTRO).italic = True
    for line in G02_TURNS.splitlines():
        if not line.strip():
            continue
        label, text = line.split(":", 1)
        p = d.add_paragraph()
        p.add_run(label + ":").bold = True
        p.add_run(" " + text.strip())
    d.save(path)


def make_g04(path):
    d = docx.Document()
    set_props(d, G04_TITLE)
    d.add_heading(G04_TITLE, level=1)
    lines = [l for l in G04_NOTES.splitlines() if l.strip()]
    d.add_paragraph().add_run(lines[0]).bold = True
    for line in lines[1:]:
        d.add_paragraph(line)
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, os.path.splitext(os.path.basename(path))[0] + ".docx")
        d.save(src)
        office = shutil.which("libreoffice") or shutil.which("soffice")
        if office is None:
            sys.exit("LibreOffice not found: install libreoffice-writer-nogui")
        subprocess.run([office, "--headless", "--convert-to", "odt", "--outdir", tmp, src],
                       check=True, stdout=subprocess.DEVNULL)
        shutil.move(os.path.splitext(src)[0] + ".odt", path)


def make_g05(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Transcript"
    ws.append(["Spreker", "Tijd", "Tekst"])
    for c in ws[1]:
        c.font = Font(bold=True)
    for row in G05_ROWS:
        ws.append(list(row))
    ws.column_dimensions["A"].width = 14
    ws.column_dimensions["B"].width = 10
    ws.column_dimensions["C"].width = 100
    for row in ws.iter_rows(min_row=2):
        row[2].alignment = Alignment(wrap_text=True, vertical="top")
    wb.properties.creator = "pbasis demo"
    wb.properties.created = STAMP
    wb.properties.modified = STAMP
    wb.save(path)


def main():
    make_g02(os.path.join(FILES, "G02", "G02_interview_ouders.docx"))
    make_g04(os.path.join(FILES, "G04", "G04_jgz_huisbezoek.odt"))
    make_g05(os.path.join(FILES, "G05", "G05_interview_vader.xlsx"))


if __name__ == "__main__":
    main()
