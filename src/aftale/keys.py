"""Every key of the format, declared once: how it is read, what it means, and what ``aftale ny`` writes.

One :class:`~aftale.kinds.Section` per mapping of the format (aftale.yaml, dialog.yaml, a round
and the mappings inside them), each a list of :class:`~aftale.kinds.Key` declarations in the order
the format documents them. :mod:`aftale.load` reads every file through these declarations,
:mod:`aftale.schema` builds the JSON Schema from them, and :mod:`aftale.commands.ny` writes the meeting's
keys from them. The descriptions are what an editor shows on hover: one Danish sentence each.

To add a key: declare it here, add its field to the model type the section fills (``model=``),
and use the field where documents show it.
"""

from __future__ import annotations

from aftale.choices import PDF_ENGINES, PDF_VARIANTS
from aftale.kinds import (
    Choice, Date, Email, Hours, Ident, Idents, Measurements, Names, Number, Paragraphs, Refs, Text, Texts, Theme, Url,
    Word, Year, YesNo,
)
from aftale.model import (
    STANDARD_THEMES, AgendaItem, Approval, FollowUp, Fra, Indicator, Measure, Meeting, Person, Point, ReportSettings,
    Round, Settings, Signatory, Signing, Status,
)
from aftale.sections import ByPointId, Key, Nested, Persons, Section, Sections

#: The statuses a meeting may write; ``erstattet`` follows from ``erstatter`` in a new point.
SETTABLE_STATUSES = tuple(s for s in Status if s is not Status.ERSTATTET)

REPORT = Section("redegørelse", "Kommunens redegørelse for styringsdialogen, som 'aftale redegørelse' laver.", (
    Key("indledning", Paragraphs(), "Kommunens egne indledende afsnit, som redegørelsen begynder med."),
), model=ReportSettings)

SETTINGS = Section("aftale.yaml", "Indstillinger for hele repositoriet: aftale.yaml.", (
    Key("afsender", Text(), "Afsenderen, som dokumenterne viser øverst, fx kommunens og centerets navn."),
    Key("afsender-e-mail", Email(), "Afsenderens e-mailadresse: den, der inviterer til møderne i 'aftale "
                                    "invitation', og som deltagerne svarer til."),
    Key("logo", Text(), "Stien til logoet, et PNG- eller JPEG-billede i repositoriet, regnet fra mappen med "
                        "aftale.yaml."),
    Key("tilgængelighedserklæring", Url(), "Webadressen på kommunens tilgængelighedserklæring, som hjemmesiden fra "
                                           "'aftale udgiv' linker til nederst på hver side."),
    Key("standardpunkter", Texts(), "De dagsordenspunkter, som 'aftale ny' skriver i hver ny runde."),
    Key("temaer", Texts(), "Egne temaer ud over styringsdialogens standardtemaer (" + ", ".join(STANDARD_THEMES)
                           + "); aftaledokumentet viser dem efter standardtemaerne."),
    Key("pdf-variant", Word(PDF_VARIANTS), "Hvilken slags PDF dokumenterne gemmes som; pdf/a-2a kan arkiveres "
                                           "og læses op af skærmlæsere."),
    Key("pdf-motor", Word(PDF_ENGINES), "Hvilket program der laver PDF'erne: typst (standard; kræver intet andet end "
                                        "aftale) eller weasyprint (HTML-skabelonerne og print.css; kræver Pango)."),
    Key("redegørelse", Nested(REPORT), "Indstillinger for redegørelsen, fx kommunens indledning."),
), definition="indstillinger", model=Settings)

SIGNATORY = Section("underskriver", "Den person, der underskriver aftaledokumentet for en part.", (
    Key("navn", Text(), "Underskriverens navn.", required=True),
    Key("titel", Text(), "Underskriverens titel, fx direktør eller borgmester."),
), model=Signatory)

SIGNATORIES = Section("underskrivere", "Hvem der underskriver aftaledokumentet for hver part.", (
    Key("kommune", Nested(SIGNATORY, "i 'underskrivere: {label}'"), "Den, der underskriver for kommunen."),
    Key("boligorganisation", Nested(SIGNATORY, "i 'underskrivere: {label}'"),
        "Den, der underskriver for boligorganisationen."),
))

DIALOG = Section("dialog.yaml", "En dialog mellem en kommune og en boligorganisation, eller en fælles dialog med "
                                 "flere boligorganisationer ved samme bord: dialog.yaml.", (
    Key("kommune", Text(), "Kommunens navn, som dokumenterne skriver det.", required=True),
    Key("boligorganisation", Text(), "Boligorganisationens navn, som dokumenterne skriver det."),
    Key("fælles", Idents(), "En fælles dialog (fælles dialogmøde): de individuelle dialoger ved bordet, efter deres "
                            "mappenavn, fx [naestved-lejerbo, naestved-boligselskab]; står i stedet for "
                            "'boligorganisation'."),
    Key("titel", Text(), "En fælles dialogs navn i dokumenterne, fx Fælles styringsdialog."),
    Key("afdelinger", Names(), "Boligorganisationens afdelinger i kommunen; en aftale kan kun nævne afdelinger "
                               "herfra."),
    Key("underskrivere", Nested(SIGNATORIES), "Hvem der underskriver aftaledokumentet for kommunen og for "
                                              "boligorganisationen."),
), definition="dialog", one_of=("boligorganisation", "fælles"),
   one_of_hint="En dialog med én boligorganisation har 'boligorganisation: …'; en fælles dialog har i stedet "
               "'fælles: [dialog, …]' med de dialoger, der sidder med ved bordet.")

PERSON = Section("person", "En deltager: navn og, hvis det skal med, organisation, rolle og e-mail.", (
    Key("navn", Text(), "Personens navn.", required=True),
    Key("organisation", Text(), "Den organisation, personen kommer fra."),
    Key("rolle", Text(), "Personens rolle, fx formand eller direktør."),
    Key("e-mail", Email(), "Personens e-mailadresse, som 'aftale invitation' inviterer til mødet; dokumenterne viser "
                           "den ikke."),
), model=Person)

MEETING = Section("møde", "Mødets data: hvornår og hvor det holdes, og hvem der deltager.", (
    Key("dato", Date(), "Mødets dato; den må mangle, så længe den ikke er fastsat.",
        ny="ÅÅÅÅ-MM-DD, fx 2022-10-27"),
    Key("tid", Hours(), "Hvornår mødet begynder og slutter.", ny='fx "10:00–12:00"'),
    Key("sted", Text(), "Hvor mødet holdes, fx et mødelokale eller Microsoft Teams.", ny=""),
    Key("sagsnr", Text(), "Sagens nummer i kommunens journalsystem.", ny=""),
    Key("deltagere", Persons(PERSON), "Dem, der deltager: ét navn pr. linje, eller navn, organisation, rolle og "
                                      "e-mail.",
        ny="én pr. linje: - Navn"),
    Key("fraværende", Persons(PERSON), "Dem, der var inviteret, men har meldt afbud.", ny=""),
    Key("referent", Text(), "Den, der skriver referatet.", ny=""),
    Key("bemærkning", Text(), "En bemærkning, som vises under overskriften, fx at mødet er flyttet."),
), definition="møde", model=Meeting)

MEASURE = Section("måling", "En værdi for ét år: årstallet og tallet.", (
    Key("år", Year(), "Det år, værdien gælder for.", required=True),
    Key("værdi", Number(), "Værdien, et tal uden enhed; komma som decimaltegn er i orden, fx 12,5.", required=True),
), definition="måling", model=Measure)

INDICATOR = Section("indikator", "Et målbart mål: hvad der måles, udgangspunktet, målet og målingerne.", (
    Key("navn", Text(), "Hvad der måles, fx Fraflytningsprocent.", required=True),
    Key("enhed", Text(), "Enheden, som står efter tallene, fx % eller kr."),
    Key("udgangspunkt", Nested(MEASURE, "i 'indikator: {label}'"),
        "Værdien, man går ud fra: år og værdi, fx {år: 2016, værdi: 36}.", required=True),
    Key("mål", Nested(MEASURE, "i 'indikator: {label}'"),
        "Målet: det år, det skal være nået, og værdien, fx {år: 2022, værdi: 25}. Ligger målet under "
        "udgangspunktet, er lavere bedre; ellers er højere bedre.", required=True),
    Key("målinger", Measurements(), "Værdier, der allerede er målt, efter år, fx {2017: 34, 2018: 31}. Senere "
                                    "målinger skrives under 'opfølgning' med 'måling'."),
), definition="indikator", model=Indicator)

FOLLOW_UP = Section("opfølgning", "Hvordan mødet efterlod et tidligere punkt.", (
    Key("status", Choice(Status, SETTABLE_STATUSES),
        "Hvordan mødet efterlod punktet: " + ", ".join(s.value for s in SETTABLE_STATUSES) + "."),
    Key("referat", Paragraphs(), "Hvad der blev sagt om punktet på mødet."),
    Key("ansvarlig", Text(), "Hvem der er ansvarlig for punktet fra nu af, i stedet for den tidligere ansvarlige."),
    Key("frist", Date(), "Punktets nye frist, i stedet for den tidligere frist."),
    Key("måling", Nested(MEASURE, "i '{label}'"), "En ny værdi af punktets indikator: år og værdi, fx "
                                                  "{år: 2019, værdi: 29}."),
    Key("til", Ident(), "Med 'status: overført': den dialog, der følger punktet op fra nu af, efter dens mappenavn, "
                        "fx naestved-faelles."),
), model=FollowUp)

ITEM = Section("punkt", "Et af rundens egne dagsordenspunkter.", (
    Key("titel", Text(), "Punktets overskrift på dagsordenen.", required=True),
    Key("fra", Choice(Fra), "Hvem der har bragt punktet på dagsordenen: kommunen eller boligorganisationen."),
    Key("lukket", YesNo(), "ja, når punktet er lukket: den offentlige udgave viser kun 'Lukket punkt'."),
    Key("sagsnr", Text(), "Punktets sagsnummer, som i kommunale dagsordener."),
    Key("resumé", Paragraphs(), "Et kort resumé af punktet."),
    Key("sagsfremstilling", Paragraphs(), "Baggrunden for punktet, skrevet før mødet."),
    Key("indstilling", Paragraphs(), "Indstillingen: det, der foreslås besluttet."),
    Key("referat", Paragraphs(), "Hvad der blev sagt om punktet på mødet."),
    Key("beslutning", Paragraphs(), "Hvad mødet besluttede."),
    Key("bilag", Names(), "Navnene på punktets bilag, fx Helhedsplan Manøvej.pdf."),
), definition="punkt", model=AgendaItem)

POINT = Section("aftale", "Et punkt, som parterne aftaler i denne runde.", (
    Key("id", Ident(), "Punktets id: entydigt i hele dialogens historie, og det bruges aldrig igen.",
        required=True),
    Key("titel", Text(), "Aftalens overskrift.", required=True),
    Key("beskrivelse", Paragraphs(), "Hvad der er aftalt."),
    Key("mål", Paragraphs(), "Hvornår aftalen er opfyldt, sagt med ord."),
    Key("ansvarlig", Text(), "Hvem der er ansvarlig for aftalen."),
    Key("frist", Date(), "Hvornår aftalen skal være opfyldt."),
    Key("afdelinger", Names(), "De afdelinger, aftalen gælder; navnene skal stå under 'afdelinger' i "
                               "dialog.yaml."),
    Key("erstatter", Refs(), "Tidligere åbne punkter, som denne aftale tager over fra, efter deres id."),
    Key("tema", Theme(), "Det tema i styringsdialogen, som aftalen hører under i aftaledokumentet."),
    Key("indikator", Nested(INDICATOR), "Et målbart mål for aftalen: navn, enhed, udgangspunkt, mål og målinger; "
                                        "aftaledokumentet viser det som tabel og graf."),
    Key("gælder", Idents(), "Kun i en fælles dialog: de dialoger ved bordet, aftalen binder, efter deres mappenavn; "
                            "uden 'gælder' binder den alle ved bordet."),
), definition="aftale", model=Point)

SIGNING = Section("underskrevet", "Hvornår hver part underskrev aftaledokumentet.", (
    Key("kommune", Date(), "Den dag, kommunen underskrev aftaledokumentet."),
    Key("boligorganisation", Date(), "Den dag, boligorganisationen underskrev aftaledokumentet."),
), model=Signing)

APPROVAL = Section("godkendt", "Hvad parterne har godkendt efter mødet; udfyldes, når det er sket.", (
    Key("referat", Date(), "Den dag, begge parter havde godkendt referatet; indtil da er referatet et udkast."),
    Key("aftaledokument", Nested(SIGNING, "i 'godkendt: {label}'"),
        "Hvornår hver part underskrev aftaledokumentet; indtil begge har skrevet under, er det et udkast."),
), model=Approval)

ROUND = Section("runde", "Én runde af styringsdialogen: <ÅR>.yaml.", (
    Key("møde", Nested(MEETING), "Mødets data: dato, tid, sted og deltagere."),
    Key("opfølgning", ByPointId(FOLLOW_UP, "opfølgning", "Tidligere punkter efter deres id, som mødet efterlod "
                                                         "dem."),
        "Tidligere aftalte punkter, som mødet følger op på, efter deres id."),
    Key("punkter", Sections(ITEM, "i et punkt under 'punkter'"), "Rundens egne dagsordenspunkter, i rækkefølge."),
    Key("aftaler", Sections(POINT, "i en aftale under 'aftaler'"),
        "De punkter, parterne aftaler i denne runde; de bliver det nye aftaledokument."),
    Key("eventuelt", Paragraphs(), "Referatet af punktet Eventuelt."),
    Key("godkendt", Nested(APPROVAL), "Hvornår referatet blev godkendt og aftaledokumentet underskrevet."),
), model=Round)

#: The mappings that are whole files, by the name ``aftale skema`` knows them by.
FILES = {"runde": ROUND, "dialog": DIALOG, "indstillinger": SETTINGS}
