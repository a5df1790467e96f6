#!/usr/bin/env python3
"""Generate the format fixtures of package corpus with real tools.

This script is NOT run by the tests or by CI: its outputs are committed next
to it. Run it again only to change a fixture, then update the expectations in
corpus/*_test.go from the source text below (the text in this script is the
truth the tests assert, not what the Go readers happen to return).

Needs (Debian 12):
    apt-get install -y python3-docx python3-openpyxl \
        libreoffice-writer-nogui libreoffice-calc-nogui
Run from this folder with the system Python:
    /usr/bin/python3 make_fixtures.py

It writes:
    interview.docx   python-docx: speaker paragraphs, a soft line break, a tab,
                     a table, a header and footer, a comment, a tracked
                     insertion and a tracked deletion (the last three written as
                     raw WordprocessingML, python-docx 0.8 has no API for them)
    interview.odt    LibreOffice: `soffice --headless --convert-to odt` of
                     interview.docx
    transcript.xlsx  openpyxl: a first sheet without a usable header, then a
                     sheet with columns Spreker/Tekst/Tijd (time cells typed as
                     times with format hh:mm:ss), and an empty-text row
    transcript.csv   Python csv (Excel dialect) with ';' in Windows-1252, CRLF
    voices.vtt       WebVTT with <v> voice tags, NOTE, styling tags, entities
    zoom.vtt         WebVTT as Zoom writes it: UTF-8 BOM, CRLF, "Name: text"
    interview.srt    SubRip with "NAME:" prefixes, <i> tags, a multi-line cue
"""

import copy
import csv
import datetime
import os
import shutil
import subprocess
import tempfile

import docx
import openpyxl
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

HERE = os.path.dirname(os.path.abspath(__file__))
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def make_docx(path):
    d = docx.Document()
    sec = d.sections[0]
    sec.header.paragraphs[0].text = "VERTROUWELIJK koptekst"
    sec.footer.paragraphs[0].text = "Pagina voettekst"

    d.add_heading("Interview gezin 07, wijk Noord", level=1)
    d.add_paragraph("I: Hoe gaat het met de kinderen op school?")

    # A paragraph with a comment anchored on "voetbalclub".
    p = d.add_paragraph("Moeder: Goed. Mijn zoon gaat graag naar de ")
    p._p.append(parse_xml('<w:commentRangeStart %s w:id="0"/>' % nsdecls("w")))
    p.add_run("voetbalclub")
    p._p.append(parse_xml('<w:commentRangeEnd %s w:id="0"/>' % nsdecls("w")))
    p._p.append(parse_xml(
        '<w:r %s><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr>'
        '<w:commentReference w:id="0"/></w:r>' % nsdecls("w")))
    p.add_run(".")
    comments_xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<w:comments xmlns:w="%s"><w:comment w:id="0" w:author="Onderzoeker" '
        'w:date="2024-03-01T10:00:00Z" w:initials="O"><w:p><w:r>'
        '<w:t>OPMERKING controleer naam club</w:t></w:r></w:p></w:comment>'
        '</w:comments>' % W_NS).encode("utf-8")
    part = Part(PackURI("/word/comments.xml"),
                "application/vnd.openxmlformats-officedocument."
                "wordprocessingml.comments+xml",
                comments_xml, d.part.package)
    d.part.relate_to(part, RT.COMMENTS)

    d.add_paragraph("I: En wie helpt u als het druk is?")

    # A soft line break (Shift+Enter in Word): <w:br/> inside the paragraph.
    p = d.add_paragraph()
    r = p.add_run("Moeder: Mijn zus woont om de hoek.")
    r.add_break()
    p.add_run("Zij haalt de kinderen soms van school.")

    # Tracked changes: an insertion that counts and a deletion that does not.
    p = d.add_paragraph("Moeder: De buurvrouw ")
    p._p.append(parse_xml(
        '<w:ins %s w:id="1" w:author="Onderzoeker" w:date="2024-03-01T10:00:00Z">'
        '<w:r><w:t>past ook op</w:t></w:r></w:ins>' % nsdecls("w")))
    p._p.append(parse_xml(
        '<w:del %s w:id="2" w:author="Onderzoeker" w:date="2024-03-01T10:00:00Z">'
        '<w:r><w:delText xml:space="preserve"> VERWIJDERDE TEKST</w:delText></w:r>'
        '</w:del>' % nsdecls("w")))
    p.add_run(" als ik moet werken.")

    # A tab inside a run.
    p = d.add_paragraph()
    r = p.add_run("Vader:")
    r.add_tab()
    p.add_run("We gaan elke week naar het buurthuis in de wijk.")

    d.add_paragraph(
        "Moeder: Het consultatiebureau was prettig, de verpleegkundige was "
        "heel geïnteresseerd in onze financiële zorgen.")

    t = d.add_table(rows=3, cols=3)
    cells = [["Plek", "Wie", "Hoe vaak"],
             ["Bibliotheek", "Kinderen", "Wekelijks"],
             ["Café de Hoek", "Oma", "Dagelijks"]]
    for i, row in enumerate(cells):
        for j, text in enumerate(row):
            t.cell(i, j).text = text

    d.add_paragraph("I: Dank u wel.")
    d.save(path)


def make_odt(docx_path, out_dir):
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            ["soffice", "-env:UserInstallation=file://" + profile, "--headless",
             "--convert-to", "odt", "--outdir", out_dir, docx_path],
            check=True)


def make_xlsx(path):
    wb = openpyxl.Workbook()
    info = wb.active
    info.title = "Info"
    info.append(["Project", "Pedagogische basis"])
    info.append(["Gezin", "07"])
    ws = wb.create_sheet("Transcript")
    ws.append(["Spreker", "Tekst", "Tijd"])
    rows = [
        ("Interviewer", "Waar spelen de kinderen na school?", datetime.time(0, 0, 5)),
        ("Moeder", "Meestal in het park achter de flat.", datetime.time(0, 1, 23)),
        ("Moeder", "", datetime.time(0, 1, 30)),
        ("Vader", "Op zaterdag gaan ze naar de scouting.\nDat vinden ze geweldig.",
         datetime.time(1, 2, 3)),
        ("Kind", "Ik ga het liefst naar de sporthal.", "00:03:10"),
    ]
    for sp, text, tm in rows:
        ws.append([sp, text if text else None, tm])
    for row in ws.iter_rows(min_row=2, min_col=3, max_col=3):
        for c in row:
            if isinstance(c.value, datetime.time):
                c.number_format = "hh:mm:ss"
    wb.save(path)


def make_csv(path):
    rows = [
        ["Spreker", "Tekst", "Tijd"],
        ["I", "Wat betekent het buurthuis voor u?", "00:00:05"],
        ["Moeder", "We gaan naar het café; daar zijn de financiële spreekuren.", "00:00:12"],
        ["Moeder", "", "00:00:20"],
        ["Vader", "De juf is erg geïnteresseerd.\nZe belt ons soms op.", "00:00:31"],
        ["I", "Dank u, dat is duidelijk.", ""],
    ]
    with open(path, "w", encoding="cp1252", newline="") as f:
        w = csv.writer(f, delimiter=";", lineterminator="\r\n")
        w.writerows(rows)


VOICES_VTT = """WEBVTT
Kind: captions
Language: nl

NOTE Dit is een opmerking
die genegeerd moet worden.

1
00:00:01.000 --> 00:00:04.500
<v Interviewer>Hoe gaat het met de kinderen?

2
00:00:05.000 --> 00:00:09.250 align:start position:10%
<v Moeder>Goed. Ze spelen vaak in de <i>speeltuin</i>
bij de <b>bibliotheek</b>.

00:01:02.003 --> 00:01:05.000
<v.luid Vader>We gaan naar <c.geel>het buurthuis</c> &amp; de sportclub.

01:10.000 --> 01:12.000
<v Moeder>Ja, dat klopt.
<v Interviewer>Dank u <00:01:11.500>wel.
"""

ZOOM_VTT = ("WEBVTT\r\n\r\n"
            "1\r\n00:00:02.120 --> 00:00:06.480\r\n"
            "Interviewer: Kunt u iets vertellen over de buurt?\r\n\r\n"
            "2\r\n00:00:07.000 --> 00:00:12.900\r\n"
            "Fatima El Amrani: Ja. De moskee en het buurthuis zijn belangrijk voor ons.\r\n\r\n"
            "3\r\n00:00:13.000 --> 00:00:15.000\r\n"
            "Fatima El Amrani: Mijn schoonmoeder past op de kinderen.\r\n")

INTERVIEW_SRT = """1
00:00:01,000 --> 00:00:03,500
INTERVIEWER: Heeft u contact met de buren?

2
00:00:04,000 --> 00:00:08,000
<i>MOEDER:</i> Ja, met de buurvrouw.
Ze is erg behulpzaam.

3
00:00:09,250 --> 00:00:11,000
Het is een rustige straat.

4
00:00:12,000 --> 00:00:14,000
{\\an8}VADER: Behalve op vrijdag.
"""


def main():
    docx_path = os.path.join(HERE, "interview.docx")
    make_docx(docx_path)
    with tempfile.TemporaryDirectory() as tmp:
        make_odt(docx_path, tmp)
        shutil.move(os.path.join(tmp, "interview.odt"),
                    os.path.join(HERE, "interview.odt"))
    make_xlsx(os.path.join(HERE, "transcript.xlsx"))
    make_csv(os.path.join(HERE, "transcript.csv"))
    with open(os.path.join(HERE, "voices.vtt"), "w", encoding="utf-8", newline="\n") as f:
        f.write(VOICES_VTT)
    with open(os.path.join(HERE, "zoom.vtt"), "w", encoding="utf-8-sig", newline="") as f:
        f.write(ZOOM_VTT)
    with open(os.path.join(HERE, "interview.srt"), "w", encoding="utf-8", newline="\r\n") as f:
        f.write(INTERVIEW_SRT)


if __name__ == "__main__":
    main()
