"""Outlook's contacts export (File › Open and Export › Export to a file › Comma Separated Values) in a German or
French Outlook writes its headers in that language, in Windows-1252, every cell quoted, CRLF line ends — Vorname,
Nachname, Firma, Abteilung, Position, Telefon geschäftlich, Mobiltelefon, E-Mail-Adresse, Name des/der
Vorgesetzten; Prénom, Nom, Société, Service, Titre (twice: the honorific first, then the job title), Téléphone
(bureau), Tél. mobile, Adresse de messagerie. No column held the names, and the French file was refused as an
encoding that cannot be told ("Deuxième" or Windows-1250's "Deuxičme"). They map with the one header table, the
French file is read as Windows-1252 (its header names Outlook's columns only so), and importing again changes
nothing."""

from __future__ import annotations

import csv
import io

import pytest

from battlemap.io.tabular.services import people_import
from battlemap.people.models import Person
from tests import factories as f

pytestmark = pytest.mark.django_db

GERMAN = [
    ["Anrede", "Vorname", "Weitere Vornamen", "Nachname", "Suffix", "Firma", "Abteilung", "Position"]
    + [
        "Straße geschäftlich",
        "Telefon geschäftlich",
        "Telefon geschäftlich 2",
        "Telefon Firma",
        "Telefon privat",
    ]
    + ["Mobiltelefon", "E-Mail-Adresse", "E-Mail-Typ", "E-Mail: Angezeigter Name", "E-Mail 2: Adresse"]
    + ["Geburtstag", "Name des/der Vorgesetzten", "Notizen", "Kategorien"],
    ["Herr", "Jürgen", "", "Müller", "", "Contoso Ltd", "Einkauf", "Leiter Einkauf", "Hauptstr. 1"]
    + ["+49 40 1234567", "", "+49 40 1234500", "+49 40 999999", "+49 171 2345678"]
    + ["juergen.mueller@contoso.example", "SMTP", "Jürgen Müller (juergen.mueller@contoso.example)", ""]
    + ["0.0.00", "", "Messe Hannover", "Geschäftlich"],
    ["Frau", "Björn", "", "Schäfer", "", "Contoso Ltd", "IT", "IT-Leiterin", ""]
    + ["+49 40 1234568", "", "", "", ""]
    + ["", "", "", "bjoern.schaefer@contoso.example"]
    + ["0.0.00", "Jürgen Müller", "", ""],
]
FRENCH = [
    ["Titre", "Prénom", "Deuxième prénom", "Nom", "Suffixe", "Société", "Service", "Titre", "Rue (bureau)"]
    + [
        "Téléphone (bureau)",
        "Téléphone 2 (bureau)",
        "Téléphone société",
        "Téléphone (domicile)",
        "Tél. mobile",
    ]
    + ["Adresse de messagerie", "Type de messagerie", "Nom complet de l'adresse de messagerie", "Notes"],
    ["M.", "François", "", "Lefèvre", "", "Contoso Ltd", "Achats", "Directeur des achats", "1 rue de la Paix"]
    + ["+33 1 42 68 53 00", "", "+33 1 42 68 50 00", "", "+33 6 12 34 56 78"]
    + ["francois.lefevre@contoso.example", "SMTP", "François Lefèvre (francois.lefevre@contoso.example)", ""],
    ["Mme", "Hélène", "", "Dubois", "", "Contoso Ltd", "Informatique", "DSI", ""]
    + ["+33 1 42 68 53 01", "", "", "", ""]
    + ["helene.dubois@contoso.example", "SMTP", "", ""],
]


def _outlook_csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode("cp1252")


@pytest.fixture
def account(db):
    return f.account(owner=f.user("ops"), slug="contoso", name="Contoso Ltd")


def _people(account) -> list[tuple]:
    people = Person.objects.filter(account=account).select_related("org_unit", "reports_to").order_by("pk")
    return [
        (p.name, p.title, p.org_unit.name, p.email, p.phone, p.reports_to.name if p.reports_to else None)
        for p in people
    ]


def test_a_german_outlook_export_maps_without_the_column_menu(account):
    data = _outlook_csv(GERMAN)
    result = people_import(account=account, data=data, filename="Kontakte.CSV")
    assert (result.created, result.source) == (2, "outlook")
    assert _people(account) == [
        ("Jürgen Müller", "Leiter Einkauf", "Einkauf", "juergen.mueller@contoso.example")
        + (
            "+49 40 1234567 / +49 171 2345678",
            None,
        ),  # the switchboard (Telefon Firma) and home phone not his
        (
            "Björn Schäfer",
            "IT-Leiterin",
            "IT",
            "bjoern.schaefer@contoso.example",
            "+49 40 1234568",
            "Jürgen Müller",
        ),
    ]
    again = people_import(account=account, data=data, filename="Kontakte.CSV")
    assert (again.created, again.updated) == (0, 0)


def test_a_french_outlook_export_reads_its_second_titre_as_the_job_title(account):
    data = _outlook_csv(FRENCH)
    result = people_import(account=account, data=data, filename="Contacts.CSV")
    assert (result.created, result.source, result.encoding) == (2, "outlook", "Windows-1252")
    assert _people(account) == [
        ("François Lefèvre", "Directeur des achats", "Achats", "francois.lefevre@contoso.example")
        + ("+33 1 42 68 53 00 / +33 6 12 34 56 78", None),
        ("Hélène Dubois", "DSI", "Informatique", "helene.dubois@contoso.example", "+33 1 42 68 53 01", None),
    ]
    again = people_import(account=account, data=data, filename="Contacts.CSV")
    assert (again.created, again.updated) == (0, 0)
