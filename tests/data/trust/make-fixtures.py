#!/usr/bin/env python3
# make-fixtures.py
# Writes the spreadsheet fixtures of tests/test-trust.c byte for byte, the way
# users' Excel and LibreOffice write them: counts per week in a column whose
# header says so, and a column Taskmap does not import. Run from this folder;
# the files are committed, so the tests do not need Python.
#
# Copyright 2026 The Taskmap authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os

HERE = os.path.dirname(os.path.abspath(__file__))


def write(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


def cell(text, sep):
    if sep in text or '"' in text or "\n" in text or "\r" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


def csv(rows, sep, eol):
    return "".join(sep.join(cell(c, sep) for c in row) + eol for row in rows)


# Danish Excel, "CSV (semikolonsepareret)": Windows-1252, ';', CRLF, decimal
# commas. "Antal pr. uge" is the count and its period; "Ansvarlig" (who is
# responsible) is not a field of a task.
DA = [
    ["Opgave", "Gruppe", "Minutter", "Antal pr. uge", "Udføres i dag af", "Ansvarlig",
     "Bemærkninger"],
    ["Tømme urinkolber", "Patientnære opgaver", "12,5", "6", "Sygeplejerske", "Birgitte Ø.", ""],
    ["Bestille varer", "Administration", "30", "2", "Social- og sundhedsassistent (SSA)",
     "Jørgen", "Hver fredag"],
    ["Rydde skyllerum", "Øvrige opgaver", "", "3", "Ufaglært medarbejder", "", "Ikke tidsat"],
    ["Sortere vasketøj", "Øvrige opgaver", "45", "1,5", "Ufaglært medarbejder", "Åse", ""],
]
write("excel-da-per-week.csv", csv(DA, ";", "\r\n").encode("cp1252"))

# Norwegian LibreOffice Calc, "Tekst CSV" as UTF-8 with a BOM, ';' and LF;
# "Antall per uke" the count per week, "Ansvarlig person" not imported.
NB = [
    ["Oppgave", "Beskrivelse", "Minutter", "Antall per uke", "Utføres i dag av",
     "Ansvarlig person"],
    ["Tømme urinposer", "", "10", "14", "Helsefagarbeider", "Kari"],
    ["Bestille medisiner", "Fra apoteket; hver mandag", "20", "1", "Sykepleier", "Ola"],
    ["Sengeoppredning", "", "6", "21", "Helsefagarbeider", ""],
    ["Ringe pårørende", "", "", "", "Sykepleier", "Kari"],
]
write("libreoffice-nb-per-week.csv", b"\xef\xbb\xbf" + csv(NB, ";", "\n").encode("utf-8"))

# English, as a spreadsheet saved with commas: UTF-8 without a BOM, LF,
# decimal points, quotes where a cell holds a comma.
EN = [
    ["Task", "Minutes", "Times per week", "Performed by", "Responsible"],
    ["Answer the phone", "3", "40", "Registered nurse", "Ward clerk"],
    ["Restock supplies", "25", "2", "Unskilled staff", "Sam"],
    ["Order meals, weekends", "15", "1.5", "Registered nurse", ""],
    ["Escort patients", "", "5", "Hospital porter", "Sam"],
]
write("english-per-week.csv", csv(EN, ",", "\n").encode("utf-8"))

# A count and no period anywhere: Taskmap must ask (--per), never read it
# per day in silence.
NO_PERIOD = [
    ["Opgave", "Minutter", "Antal"],
    ["Tage telefonen", "3", "40"],
    ["Bestille varer", "25", "2"],
]
write("no-period.csv", csv(NO_PERIOD, ";", "\r\n").encode("cp1252"))

# The same headers, other tasks: the period chosen for the first file is
# remembered for the second.
NO_PERIOD_2 = [
    ["Opgave", "Minutter", "Antal"],
    ["Sortere post", "12", "5"],
]
write("no-period-2.csv", csv(NO_PERIOD_2, ";", "\r\n").encode("cp1252"))
