#!/usr/bin/env python3
# make-fixtures.py
# Writes the CSV fixtures of tests/test-csv.c byte for byte, the way Danish and
# Norwegian Excel and LibreOffice write them. Run from this folder; the files
# are committed, so the tests do not need Python.
#
# Copyright 2026 The Taskmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os

HERE = os.path.dirname(os.path.abspath(__file__))


def write(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


# Danish Excel, "CSV (semikolonsepareret)": Windows-1252, ';', CRLF, decimal
# commas, quotes only where a cell needs them, a blank row (row 5) that Excel
# writes as separators only.
DA_ROWS = [
    ["Opgave", "Beskrivelse", "Gruppe", "Kompetenceniveau", "Patientens kompleksitet",
     "Minutter", "Antal", "Pr.", "Vagter", "Udføres i dag af", "Bemærkninger"],
    ["Tømme urinkolber", "Tømme og skylle urinkolber på stuerne", "Patientnære opgaver",
     "A", "Lav", "12,5", "6", "dag", "dag, aften, nat",
     "Sygeplejerske 50 %, Social- og sundhedsassistent (SSA) 50 %",
     "Måles diuresen, gives besked til sygeplejersken. Kolber à 5 € pr. stk."],
    ["Servere mad & drikke", "Servere mad og drikke ved måltiderne; også til nye patienter",
     "Mad & køkken", "Administrative opgaver og forefaldende arbejde", "Moderat",
     "1.234,5", "3", "uge", "dag/aften", "Ufaglært medarbejder", ""],
    ["Vise nye patienter rundt", "", "Patientnære opgaver", "Afgrænset klinisk", "Høj",
     "", "", "dag", "weekend", "Sygeplejerske 70 %, Ufaglært medarbejder", "Endnu ikke tidsat"],
    ["", "", "", "", "", "", "", "", "", "", ""],
    ["Koordinere udskrivelser", "Aftale med kommunen, \"Klar til udskrivelse\"", "Øvrige opgaver",
     "C", "Afhænger af patientens kompleksitet", "20", "2,5", "dag",
     "dag, aften, nat, weekend", "Sygeplejerske", "Ønsker at flytte"],
]


def excel_cell(text, sep):
    if sep in text or '"' in text or "\n" in text or "\r" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


def excel_csv(rows, sep=";", eol="\r\n"):
    return "".join(sep.join(excel_cell(c, sep) for c in row) + eol for row in rows)


da = excel_csv(DA_ROWS)
write("excel-da-1252.csv", da.encode("cp1252"))
# Danish Excel, "CSV UTF-8 (kommasepareret)": the same with a BOM (in a
# Danish locale Excel still separates with ';').
write("excel-da-utf8-bom.csv", b"\xef\xbb\xbf" + da.encode("utf-8"))

# LibreOffice Calc, "Text CSV" with ',' and '"': LF line ends, quotes only
# where needed; cells with ';', ',', doubled quotes and line breaks.
LO_ROWS = [
    ["Title", "Description", "Group", "Competence level", "Complexity", "Minutes",
     "Times", "Per", "Shifts", "Performed by", "Notes"],
    ["Answer the ward phone", "Answer; escalate clinical calls, always", "Other tasks",
     "admin", "low", "2.5", "40", "day", "day, evening", "nurse + ssa",
     "She said \"not now\"\nand hung up"],
    ["Empty urine bottles", "Line one\nline two, with comma\nline \"three\"", "Patient-near tasks",
     "Bounded clinical", "Varies with the patient", "5", "", "week", "night",
     "Registered nurse 25 %/Unskilled staff 75 %", ""],
    ["Restock the linen room", "", "Restocking", "B", "Moderate", "15", "1", "per week",
     "", "unskilled", "'=not a formula"],
]
write("libreoffice-comma.csv", excel_csv(LO_ROWS, ",", "\n").encode("utf-8"))

# Tab-separated, as a text editor or a database export writes it.
TAB_ROWS = [
    ["Task", "Group", "Level", "Minutes", "Times", "Per"],
    ["Print the patient list", "In the morning", "Admin & incidental", "3", "1", "day"],
    ["Tidy the utility room", "Tidying", "A", "10,5", "2", "day"],
]
write("tab.tsv", excel_csv(TAB_ROWS, "\t", "\r\n").encode("utf-8"))
# Excel's "Unicode text" (Unicode-tekst): UTF-16LE with a BOM, tab-separated.
write("excel-unicode-text.txt", b"\xff\xfe" + excel_csv(TAB_ROWS, "\t", "\r\n").encode("utf-16-le"))

# Norwegian, nb headers, UTF-8 without BOM, LF, written by LibreOffice with ';'.
NB_ROWS = [
    ["Oppgave", "Beskrivelse", "Gruppe", "Kompetansenivå", "Pasientens kompleksitet",
     "Tid (min)", "Antall", "Per", "Vakter", "Utføres i dag av", "Merknader"],
    ["Tømme urinflasker", "Tømme og skylle på rommene", "Pasientnære oppgaver",
     "Avgrenset klinisk", "Høy", "7,5", "4", "døgn", "dag/kveld/natt/helg",
     "Helsefagarbeider 60 %, Sykepleier 40 %", "Måles diurese: gi beskjed"],
    ["Rydde skyllerommet", "", "Rydding", "Administrative oppgaver og forefallende arbeid",
     "Låg", "10", "1", "uke", "kveld", "Ufaglært medarbeider", ""],
    ["Koordinere utskrivning", "", "Andre oppgaver", "Koordinering",
     "Avhenger av pasientens kompleksitet", "", "", "", "", "Sykepleier", ""],
]
write("nb-utf8.csv", excel_csv(NB_ROWS, ";", "\n").encode("utf-8"))

# Old Mac Excel: CR line ends.
write("mac-cr.csv", excel_csv(TAB_ROWS[:2], ";", "\r").encode("cp1252"))

# Refusals, each with its own file.
write("unterminated-quote.csv", (
    "Titel;Beskrivelse;Minutter\r\n"
    "Tage telefonen;Svare;2\r\n"
    "Dele skemaer ud;\"Væskeskemaer til alle;3\r\n"
    "Rydde op;;5\r\n").encode("cp1252"))
write("bad-level.csv", (
    "Titel;Kompetenceniveau;Minutter\r\n"
    "Tage telefonen;A;2\r\n"
    "Dele skemaer ud;B;3\r\n"
    "Rydde op;D;5\r\n").encode("cp1252"))
write("negative-minutes.csv", (
    "Titel;Minutter;Antal\r\n"
    "Tage telefonen;-5;2\r\n").encode("cp1252"))
write("unknown-profession.csv", (
    "Titel;Udføres af\r\n"
    "Tage telefonen;Sygeplejerske\r\n"
    "Tjekke tænder;Tandlæge\r\n").encode("cp1252"))
write("no-title.csv", (
    "Titel;Minutter\r\n"
    "Tage telefonen;2\r\n"
    ";3\r\n").encode("cp1252"))
write("bad-share.csv", (
    "Titel;Udføres af\r\n"
    "Tage telefonen;Sygeplejerske 150 %\r\n").encode("cp1252"))
# A PNG header and some zero bytes: not a text file.
write("binary.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00" + bytes(range(256)))
write("empty.csv", b"")
write("300-columns.csv", (";".join("Kolonne %d" % i for i in range(300)) + "\r\n"
                          + ";".join(str(i) for i in range(300)) + "\r\n").encode("ascii"))
# A BOM that promises UTF-8, then a Windows-1252 'ø' on line 3.
write("bom-not-utf8.csv", b"\xef\xbb\xbfTitel;Minutter\r\nTage telefonen;2\r\nR\xf8dt lys;3\r\n")
