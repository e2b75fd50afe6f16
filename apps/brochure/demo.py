"""Demo data of the brochure: two published editions of the Benelux information brochure, in four languages.

The text explains the real rules (the Benelux Police Treaty signed on 23 July 2018, in force since 1 October 2023,
and what it kept of the earlier treaty); the telephone numbers and addresses are invented (``.example``). The first
edition dates from November 2023; the second (February 2026) rewrites the joint patrols and the ANPR exchange, adds
the EU answer deadlines (its German text is not ready yet, so German readers see the Dutch one with a marker),
drops the transition chapter and gives the Luxembourg control room a new number. Written through the services, as
the secretariat writes, so the audit history has it; a second run changes nothing.
"""

from datetime import date

from django.db import transaction

from apps.accounts.models import User

from . import services
from .models import Edition

LANGUAGES = ("nl", "fr", "de", "en")


def T(nl: str, fr: str, de: str, en: str) -> dict:  # noqa: N802 - reads as a table of the four languages
    return dict(zip(LANGUAGES, (nl, fr, de, en), strict=True))


TREATY = T(
    "Het Benelux-politieverdrag",
    "Le traité de police Benelux",
    "Der Benelux-Polizeivertrag",
    "The Benelux Police Treaty",
)
PURSUIT_CHAPTER = T(
    "Achtervolging en observatie over de grens",
    "Poursuite et observation transfrontalières",
    "Grenzüberschreitende Nacheile und Observation",
    "Hot pursuit and observation across the border",
)
PATROLS = T(
    "Gezamenlijke patrouilles en acties",
    "Patrouilles et actions communes",
    "Gemeinsame Streifen und Einsätze",
    "Joint patrols and operations",
)
ASSISTANCE = T(
    "Bijstand en bruikleen",
    "Assistance et prêt de moyens",
    "Unterstützung und Ausleihe",
    "Assistance and loans",
)
INFORMATION = T(
    "Informatie-uitwisseling",
    "Échange d'informations",
    "Informationsaustausch",
    "Information exchange",
)
CONTACTS = T(
    "Verbindingsofficieren en contactpunten",
    "Officiers de liaison et points de contact",
    "Verbindungsbeamte und Kontaktstellen",
    "Liaison officers and contact points",
)
TRANSITION = T(
    "Overgangsregeling",
    "Dispositions transitoires",
    "Übergangsregelung",
    "Transition",
)

# (section name, tags, countries, titles, bodies) ---------------------------------------------------------------

IN_BRIEF = (
    "in-brief",
    ["legal"],
    ["BE", "NL", "LU"],
    T("Het verdrag in het kort", "Le traité en bref", "Der Vertrag in Kürze", "The treaty in brief"),
    T(
        "Het Benelux-politieverdrag werd op **23 juli 2018** in Brussel ondertekend en is sinds **1 oktober 2023** "
        "in werking. Het geeft agenten van België, Nederland en Luxemburg ruimere bevoegdheden om over de grens te "
        "werken:\n\n"
        "- achtervolging over de grens zonder drempels van strafbare feiten en zonder voorafgaande toestemming;\n"
        "- observatie op het grondgebied van de buurlanden;\n"
        "- sommige onderzoekshandelingen in het buurland, in aanwezigheid van een agent van dat land;\n"
        "- inzet van speciale interventie-eenheden bij een crisis en van gewapende eenheden bij evenementen met "
        "een hoog risico;\n"
        "- gewapende begeleiding die over de grens doorloopt;\n"
        "- hit/no-hit-toegang tot elkaars politiedatabanken en uitwisseling van ANPR-gegevens.\n\n"
        "Bijstand bij openbare orde en evenementen en de levering van middelen en materieel komen uit het eerdere "
        "Benelux-verdrag van Senningen (2004) en blijven zo geregeld.",
        "Le traité de police Benelux a été signé à Bruxelles le **23 juillet 2018** et est en vigueur depuis le "
        "**1er octobre 2023**. Il élargit les compétences des policiers belges, néerlandais et luxembourgeois pour "
        "agir au-delà de la frontière :\n\n"
        "- poursuite transfrontalière sans seuil d'infraction et sans autorisation préalable ;\n"
        "- observation sur le territoire des pays voisins ;\n"
        "- certains actes d'enquête dans le pays voisin, en présence d'un policier de ce pays ;\n"
        "- engagement d'unités spéciales d'intervention en cas de crise et d'unités armées lors d'événements à haut "
        "risque ;\n"
        "- escortes armées qui se poursuivent au-delà de la frontière ;\n"
        "- accès hit/no-hit aux banques de données policières des partenaires et échange de données ANPR.\n\n"
        "L'assistance pour l'ordre public et les événements ainsi que la fourniture de moyens et de matériel "
        "viennent du traité Benelux antérieur de Senningen (2004) et restent réglées ainsi.",
        "Der Benelux-Polizeivertrag wurde am **23. Juli 2018** in Brüssel unterzeichnet und ist seit dem "
        "**1. Oktober 2023** in Kraft. Er erweitert die Befugnisse belgischer, niederländischer und "
        "luxemburgischer Polizeibeamter für die Arbeit jenseits der Grenze:\n\n"
        "- grenzüberschreitende Nacheile ohne Straftatenschwelle und ohne vorherige Zustimmung;\n"
        "- Observation auf dem Gebiet der Nachbarländer;\n"
        "- bestimmte Ermittlungshandlungen im Nachbarland, im Beisein eines Beamten dieses Landes;\n"
        "- Einsatz von Spezialeinheiten in einer Krise und von bewaffneten Einheiten bei Veranstaltungen mit hohem "
        "Risiko;\n"
        "- bewaffnete Begleitungen, die über die Grenze hinweg fortgesetzt werden;\n"
        "- Hit/No-Hit-Zugriff auf die Polizeidatenbanken der Partner und Austausch von ANPR-Daten.\n\n"
        "Die Unterstützung bei öffentlicher Ordnung und Veranstaltungen sowie die Bereitstellung von Mitteln und "
        "Material stammen aus dem früheren Benelux-Vertrag von Senningen (2004) und bleiben so geregelt.",
        "The Benelux Police Treaty was signed in Brussels on **23 July 2018** and has been in force since "
        "**1 October 2023**. It widens what Belgian, Dutch and Luxembourg officers may do across the border:\n\n"
        "- cross-border hot pursuit without offence thresholds and without prior consent;\n"
        "- observation on the territory of the neighbouring countries;\n"
        "- some investigative acts in the neighbouring country, with an officer of that country present;\n"
        "- special intervention units in a crisis, and armed units at high-risk events;\n"
        "- armed escorts that continue across the border;\n"
        "- hit/no-hit access to each other's police databases, and the exchange of ANPR data.\n\n"
        "Assistance for public order and events and the supply of means and materials come from the earlier "
        "Benelux treaty of Senningen (2004) and stay as they were.",
    ),
)
HOST_LAW = (
    "host-law",
    ["legal"],
    ["BE", "NL", "LU"],
    T(
        "Het recht en het gezag van het gastland",
        "Le droit et l'autorité de l'État d'accueil",
        "Recht und Weisungsbefugnis des Gaststaats",
        "Host-state law and authority",
    ),
    T(
        "Wie over de grens optreedt, doet dat volgens het recht van het gastland en onder het gezag van de bevoegde "
        "autoriteiten daar. Een agent volgt hun aanwijzingen op en stopt zodra zij daarom vragen. Het uniform wordt "
        "gedragen of de agent is op een andere manier duidelijk herkenbaar; het dienstwapen mag alleen worden "
        "gebruikt in wettige verdediging, tenzij het gastland meer toestaat.\n\n"
        "Schade die een agent in het buurland veroorzaakt, wordt eerst door het gastland vergoed en daarna tussen "
        "de landen verrekend.",
        "Celui qui agit au-delà de la frontière le fait selon le droit de l'État d'accueil et sous l'autorité de "
        "ses autorités compétentes. Le policier suit leurs instructions et s'arrête dès qu'elles le demandent. Il "
        "porte l'uniforme ou est clairement reconnaissable d'une autre manière ; l'arme de service ne peut être "
        "utilisée qu'en légitime défense, sauf si l'État d'accueil permet davantage.\n\n"
        "Les dommages causés par un policier dans le pays voisin sont d'abord réparés par l'État d'accueil, puis "
        "réglés entre les États.",
        "Wer jenseits der Grenze handelt, tut dies nach dem Recht des Gaststaats und unter der Weisungsbefugnis "
        "der dort zuständigen Behörden. Der Beamte folgt ihren Anweisungen und bricht ab, sobald sie es verlangen. "
        "Er trägt Uniform oder ist auf andere Weise deutlich erkennbar; die Dienstwaffe darf nur in Notwehr "
        "gebraucht werden, es sei denn, der Gaststaat erlaubt mehr.\n\n"
        "Schäden, die ein Beamter im Nachbarland verursacht, ersetzt zunächst der Gaststaat; danach rechnen die "
        "Staaten untereinander ab.",
        "Whoever acts across the border does so under the law of the host state and under the authority of its "
        "competent authorities. Officers follow their instructions and stop as soon as they are asked to. They wear "
        "uniform or are otherwise clearly recognisable; the service weapon may only be used in self-defence, unless "
        "the host state allows more.\n\n"
        "Damage an officer causes in the neighbouring country is first made good by the host state and then settled "
        "between the states.",
    ),
)
PURSUIT = (
    "pursuit",
    ["pursuit"],
    ["BE", "NL", "LU"],
    T(
        "Achtervolging over de grens",
        "Poursuite transfrontalière",
        "Grenzüberschreitende Nacheile",
        "Cross-border hot pursuit",
    ),
    T(
        "Achtervolgingen mogen over de grens worden voortgezet, te land, te water en in de lucht, zonder drempel "
        "van strafbare feiten en zonder voorafgaande toestemming. Zo gauw mogelijk, en uiterlijk bij het "
        "overschrijden van de grens, verwittigt de achtervolgende eenheid de meldkamer van het gastland via de "
        "eigen meldkamer.\n\n"
        "1. Meld de positie, de richting, het voertuig en de reden van de achtervolging.\n"
        "2. Volg de aanwijzingen van de meldkamer van het gastland.\n"
        "3. Houd de verdachte staande en wacht op de politie van het gastland, die beslist over de aanhouding.",
        "Les poursuites peuvent se poursuivre au-delà de la frontière, par voie terrestre, maritime et aérienne, "
        "sans seuil d'infraction et sans autorisation préalable. Dès que possible, et au plus tard au passage de la "
        "frontière, l'unité qui poursuit avertit la salle de contrôle de l'État d'accueil par l'intermédiaire de sa "
        "propre salle de contrôle.\n\n"
        "1. Indiquez la position, la direction, le véhicule et le motif de la poursuite.\n"
        "2. Suivez les instructions de la salle de contrôle de l'État d'accueil.\n"
        "3. Interpellez le suspect et attendez la police de l'État d'accueil, qui décide de l'arrestation.",
        "Die Nacheile darf über die Grenze hinweg fortgesetzt werden, zu Land, zu Wasser und in der Luft, ohne "
        "Straftatenschwelle und ohne vorherige Zustimmung. So bald wie möglich, spätestens beim Grenzübertritt, "
        "verständigt die nacheilende Einheit über die eigene Leitstelle die Leitstelle des Gaststaats.\n\n"
        "1. Melden Sie Standort, Richtung, Fahrzeug und Grund der Nacheile.\n"
        "2. Folgen Sie den Anweisungen der Leitstelle des Gaststaats.\n"
        "3. Halten Sie den Verdächtigen fest und warten Sie auf die Polizei des Gaststaats, die über die "
        "Festnahme entscheidet.",
        "Hot pursuits may continue across the border, on land, on water and in the air, without an offence "
        "threshold and without prior consent. As soon as possible, and at the latest when crossing the border, the "
        "pursuing unit alerts the host country's control room through its own control room.\n\n"
        "1. Give the position, direction, vehicle and reason for the pursuit.\n"
        "2. Follow the instructions of the host country's control room.\n"
        "3. Stop the suspect and wait for the host country's police, who decide on the arrest.",
    ),
)
OBSERVATION = (
    "observation",
    ["observation"],
    ["BE", "NL", "LU"],
    T(
        "Observatie over de grens",
        "Observation transfrontalière",
        "Grenzüberschreitende Observation",
        "Observation across the border",
    ),
    T(
        "Een observatie die in het eigen land begon, mag in het buurland worden voortgezet. Vooraf wordt een "
        "verzoek ingediend bij de centrale autoriteit van het buurland; bij spoed mag de observatie de grens over "
        "zonder toestemming, als de meldkamer van het buurland meteen wordt ingelicht en het verzoek onverwijld "
        "volgt. Het buurland kan de observatie op elk moment laten beëindigen of overnemen.",
        "Une observation commencée dans son propre pays peut se poursuivre dans le pays voisin. Une demande est "
        "adressée au préalable à l'autorité centrale du pays voisin ; en cas d'urgence, l'observation peut franchir "
        "la frontière sans autorisation, si la salle de contrôle du pays voisin est informée immédiatement et que "
        "la demande suit sans délai. Le pays voisin peut à tout moment faire cesser ou reprendre l'observation.",
        "Eine im eigenen Land begonnene Observation darf im Nachbarland fortgesetzt werden. Vorab wird ein Ersuchen "
        "an die zentrale Behörde des Nachbarlands gerichtet; in Eilfällen darf die Observation ohne Zustimmung über "
        "die Grenze gehen, wenn die Leitstelle des Nachbarlands sofort unterrichtet wird und das Ersuchen "
        "unverzüglich folgt. Das Nachbarland kann die Observation jederzeit beenden lassen oder übernehmen.",
        "An observation that started at home may continue in the neighbouring country. A request goes to the "
        "neighbouring country's central authority beforehand; when it is urgent, the observation may cross the "
        "border without consent, provided the neighbouring country's control room is told at once and the request "
        "follows without delay. The neighbouring country may end or take over the observation at any time.",
    ),
)
INVESTIGATION = (
    "investigation",
    ["legal"],
    ["BE", "NL", "LU"],
    T(
        "Onderzoekshandelingen in het buurland",
        "Actes d'enquête dans le pays voisin",
        "Ermittlungshandlungen im Nachbarland",
        "Investigative acts abroad",
    ),
    T(
        "Sommige onderzoekshandelingen, zoals het verhoren van getuigen of het vaststellen van sporen, mogen in "
        "het buurland worden verricht, maar altijd in aanwezigheid van een agent van dat land en met instemming "
        "van de bevoegde autoriteit daar. Maak vooraf afspraken via de verbindingsofficier of het nationale "
        "contactpunt.",
        "Certains actes d'enquête, comme l'audition de témoins ou les constatations, peuvent être accomplis dans "
        "le pays voisin, mais toujours en présence d'un policier de ce pays et avec l'accord de son autorité "
        "compétente. Prenez contact au préalable par l'officier de liaison ou le point de contact national.",
        "Bestimmte Ermittlungshandlungen, etwa die Vernehmung von Zeugen oder die Spurensicherung, dürfen im "
        "Nachbarland vorgenommen werden, aber stets im Beisein eines Beamten dieses Landes und mit Zustimmung der "
        "dort zuständigen Behörde. Stimmen Sie sich vorher über den Verbindungsbeamten oder die nationale "
        "Kontaktstelle ab.",
        "Some investigative acts, such as hearing witnesses or securing traces, may be carried out in the "
        "neighbouring country, but always with an officer of that country present and with the consent of its "
        "competent authority. Arrange it beforehand through the liaison officer or the national contact point.",
    ),
)
JOINT_PATROLS_V1 = T(
    "Agenten van de drie landen mogen samen patrouilleren in gemengde ploegen, in uniform en onder het gezag van "
    "het gastland. Een buitenlandse agent mag in het gastland dezelfde bevoegdheden uitoefenen als een agent van "
    "dat land, voor zover het gastland dat toestaat.",
    "Les policiers des trois pays peuvent patrouiller ensemble en équipes mixtes, en uniforme et sous l'autorité "
    "de l'État d'accueil. Un policier étranger peut y exercer les mêmes compétences qu'un policier de ce pays, "
    "dans la mesure où l'État d'accueil le permet.",
    "Beamte der drei Länder dürfen in gemischten Streifen gemeinsam Dienst tun, in Uniform und unter der "
    "Weisungsbefugnis des Gaststaats. Ein ausländischer Beamter darf dort dieselben Befugnisse ausüben wie ein "
    "Beamter dieses Landes, soweit der Gaststaat es zulässt.",
    "Officers of the three countries may patrol together in mixed teams, in uniform and under the authority of the "
    "host state. A foreign officer may exercise there the same powers as an officer of that country, as far as the "
    "host state allows.",
)
JOINT_PATROLS_V2 = T(
    JOINT_PATROLS_V1["nl"] + "\n\n"
    "Voorbeeld: elke zomer patrouilleren Nederlandse en Belgische agenten samen in **Knokke-Heist**, waar veel "
    "Nederlandse toeristen verblijven. Sinds de zomer van 2025 rijden ook gemengde ploegen langs de kust tussen "
    "Sluis en Knokke.",
    JOINT_PATROLS_V1["fr"] + "\n\n"
    "Exemple : chaque été, des policiers néerlandais et belges patrouillent ensemble à **Knokke-Heist**, où "
    "séjournent de nombreux touristes néerlandais. Depuis l'été 2025, des équipes mixtes circulent aussi le long "
    "de la côte entre Sluis et Knokke.",
    JOINT_PATROLS_V1["de"] + "\n\n"
    "Beispiel: Jeden Sommer gehen niederländische und belgische Beamte in **Knokke-Heist** gemeinsam Streife, wo "
    "viele niederländische Urlauber sind. Seit dem Sommer 2025 fahren gemischte Streifen auch an der Küste "
    "zwischen Sluis und Knokke.",
    JOINT_PATROLS_V1["en"] + "\n\n"
    "For example, every summer Dutch and Belgian officers patrol together in **Knokke-Heist**, where many Dutch "
    "holidaymakers stay. Since the summer of 2025 mixed teams also drive along the coast between Sluis and Knokke.",
)
JOINT_TITLE = T("Gezamenlijke patrouilles", "Patrouilles communes", "Gemeinsame Streifen", "Joint patrols")
SPECIAL_UNITS = (
    "special-units",
    ["patrols", "legal"],
    ["BE", "NL", "LU"],
    T(
        "Speciale eenheden en gewapende begeleiding",
        "Unités spéciales et escortes armées",
        "Spezialeinheiten und bewaffnete Begleitung",
        "Special units and armed escorts",
    ),
    T(
        "Bij een crisis kan een land de speciale interventie-eenheden van een buurland vragen, en bij evenementen "
        "met een hoog risico gewapende eenheden. Gewapende begeleiding van personen of transporten mag over de "
        "grens doorlopen tot een afgesproken overdrachtspunt; meld de begeleiding vooraf aan bij de meldkamer van "
        "het gastland.",
        "En cas de crise, un pays peut demander les unités spéciales d'intervention d'un pays voisin, et des unités "
        "armées lors d'événements à haut risque. Les escortes armées de personnes ou de transports peuvent se "
        "poursuivre au-delà de la frontière jusqu'à un point de relais convenu ; annoncez l'escorte au préalable à "
        "la salle de contrôle de l'État d'accueil.",
        "In einer Krise kann ein Land die Spezialeinheiten eines Nachbarlands anfordern, bei Veranstaltungen mit "
        "hohem Risiko auch bewaffnete Einheiten. Bewaffnete Begleitungen von Personen oder Transporten dürfen über "
        "die Grenze bis zu einem vereinbarten Übergabepunkt fortgesetzt werden; melden Sie die Begleitung vorher "
        "bei der Leitstelle des Gaststaats an.",
        "In a crisis a country may ask for a neighbour's special intervention units, and for armed units at "
        "high-risk events. Armed escorts of persons or transports may continue across the border up to an agreed "
        "hand-over point; announce the escort beforehand to the host country's control room.",
    ),
)
EVENTS = (
    "events",
    ["assistance"],
    ["BE", "NL", "LU"],
    T(
        "Bijstand bij openbare orde en evenementen",
        "Assistance pour l'ordre public et les événements",
        "Unterstützung bei öffentlicher Ordnung und Veranstaltungen",
        "Assistance for public order and events",
    ),
    T(
        "Een land kan politiecapaciteit van een buurland vragen voor grote evenementen, zoals de Grote Prijs "
        "Formule 1 in Spa-Francorchamps, Koningsdag of boerenbetogingen in Brussel. De nationale meldkamer dient "
        "het verzoek in met het Benelux-formulier, in dit portaal onder *Bijstand en bruikleen*. Het gastland "
        "heeft het operationeel gezag; het zendende land behoudt het bevel over zijn eenheden.",
        "Un pays peut demander de la capacité policière à un pays voisin pour de grands événements, comme le Grand "
        "Prix de Formule 1 à Spa-Francorchamps, la Fête du Roi aux Pays-Bas ou des manifestations d'agriculteurs à "
        "Bruxelles. La salle de contrôle nationale introduit la demande avec le formulaire Benelux, dans ce portail "
        "sous *Assistance et prêts*. L'État d'accueil a l'autorité opérationnelle ; l'État d'envoi garde le "
        "commandement de ses unités.",
        "Ein Land kann bei einem Nachbarland Polizeikräfte für Großveranstaltungen anfordern, etwa für den Großen "
        "Preis der Formel 1 in Spa-Francorchamps, den Königstag oder Bauernproteste in Brüssel. Die nationale "
        "Leitstelle stellt das Ersuchen mit dem Benelux-Formular, in diesem Portal unter *Unterstützung und "
        "Ausleihe*. Der Gaststaat hat die operative Leitung; der entsendende Staat behält die Führung seiner "
        "Einheiten.",
        "A country may ask a neighbour for police capacity at large events, such as the Formula 1 Grand Prix at "
        "Spa-Francorchamps, King's Day or farmers' protests in Brussels. The national control room files the "
        "request on the Benelux form, in this portal under *Assistance and loans*. The host state has operational "
        "control; the sending state keeps command of its units.",
    ),
)
LOANS = (
    "loans",
    ["assistance"],
    ["BE", "NL", "LU"],
    T(
        "Bruikleen van middelen en materieel",
        "Prêt de moyens et de matériel",
        "Ausleihe von Mitteln und Material",
        "Loan of means and materials",
    ),
    T(
        "Waterkanonnen, gespecialiseerd materieel en getrainde politiehonden kunnen aan een buurland worden "
        "uitgeleend. Vermeld in het verzoek wat nodig is, hoeveel, waar en wanneer, en welke vervanging "
        "aanvaardbaar is. Het materieel wordt bij vertrek en terugkomst met zijn staat geregistreerd.",
        "Autopompes, matériel spécialisé et chiens policiers dressés peuvent être prêtés à un pays voisin. "
        "Indiquez dans la demande ce qui est nécessaire, en quelle quantité, où et quand, et quel remplacement est "
        "acceptable. Le matériel est enregistré avec son état au départ et au retour.",
        "Wasserwerfer, Spezialgerät und ausgebildete Polizeihunde können an ein Nachbarland ausgeliehen werden. "
        "Geben Sie im Ersuchen an, was gebraucht wird, wie viel, wo und wann, und welcher Ersatz annehmbar ist. Das "
        "Material wird bei Ausgabe und Rückgabe mit seinem Zustand erfasst.",
        "Water cannons, specialised equipment and trained police dogs may be lent to a neighbouring country. State "
        "in the request what is needed, how many, where and when, and which substitutes are acceptable. The "
        "material is logged out and back in with its condition.",
    ),
)
HIT_NO_HIT = (
    "hit-no-hit",
    ["information"],
    ["BE", "NL", "LU"],
    T(
        "Hit/no-hit in politiedatabanken",
        "Hit/no-hit dans les banques de données policières",
        "Hit/No-Hit in Polizeidatenbanken",
        "Hit/no-hit in police databases",
    ),
    T(
        "Agenten kunnen nagaan of een persoon of voertuig bekend is in de politiedatabanken van een buurland "
        "(hit/no-hit). Een hit geeft nog geen gegevens: vraag ze op via het nationale contactpunt, met vermelding "
        "van de behandelingscode.",
        "Les policiers peuvent vérifier si une personne ou un véhicule est connu dans les banques de données "
        "policières d'un pays voisin (hit/no-hit). Un hit ne donne pas encore de données : demandez-les par le point "
        "de contact national, en indiquant le code de traitement.",
        "Beamte können prüfen, ob eine Person oder ein Fahrzeug in den Polizeidatenbanken eines Nachbarlands "
        "bekannt ist (Hit/No-Hit). Ein Treffer liefert noch keine Daten: Fordern Sie sie über die nationale "
        "Kontaktstelle an, mit Angabe des Verarbeitungscodes.",
        "Officers may check whether a person or vehicle is known in a neighbouring country's police databases "
        "(hit/no-hit). A hit gives no data yet: ask for it through the national contact point, stating the "
        "handling code.",
    ),
)
ANPR_V1 = T(
    "Het verdrag maakt de uitwisseling van gegevens van automatische nummerplaatherkenning (ANPR) mogelijk. De "
    "technische koppeling tussen de drie landen wordt voorbereid; tot ze werkt, gaan verzoeken via het nationale "
    "contactpunt.",
    "Le traité permet l'échange des données de reconnaissance automatique des plaques d'immatriculation (ANPR). "
    "La liaison technique entre les trois pays est en préparation ; en attendant, les demandes passent par le "
    "point de contact national.",
    "Der Vertrag ermöglicht den Austausch von Daten der automatischen Kennzeichenerkennung (ANPR). Die technische "
    "Anbindung zwischen den drei Ländern wird vorbereitet; bis sie steht, laufen Ersuchen über die nationale "
    "Kontaktstelle.",
    "The treaty allows the exchange of automatic number plate recognition (ANPR) data. The technical link between "
    "the three countries is being prepared; until it works, requests go through the national contact point.",
)
ANPR_V2 = T(
    "Het verdrag maakt de uitwisseling van gegevens van automatische nummerplaatherkenning (ANPR) mogelijk. "
    "Camera's aan de grens melden gezochte voertuigen nu rechtstreeks aan de meldkamers van de buurlanden. "
    "Gegevens die geen treffer opleveren, worden niet bewaard.",
    "Le traité permet l'échange des données de reconnaissance automatique des plaques d'immatriculation (ANPR). "
    "Les caméras à la frontière signalent désormais les véhicules recherchés directement aux salles de contrôle "
    "des pays voisins. Les données qui ne donnent pas de résultat ne sont pas conservées.",
    "Der Vertrag ermöglicht den Austausch von Daten der automatischen Kennzeichenerkennung (ANPR). Kameras an der "
    "Grenze melden gesuchte Fahrzeuge nun direkt an die Leitstellen der Nachbarländer. Daten ohne Treffer werden "
    "nicht gespeichert.",
    "The treaty allows the exchange of automatic number plate recognition (ANPR) data. Cameras at the border now "
    "report wanted vehicles straight to the neighbouring countries' control rooms. Data that gives no hit is not "
    "kept.",
)
ANPR_TITLE = T(
    "Uitwisseling van ANPR-gegevens", "Échange de données ANPR", "Austausch von ANPR-Daten", "ANPR data exchange"
)
DEADLINES = (
    "deadlines",
    ["information", "legal"],
    ["BE", "NL", "LU"],
    T(
        "Behandelingscodes en antwoordtermijnen",
        "Codes de traitement et délais de réponse",
        "Verarbeitungscodes und Antwortfristen",
        "Handling codes and answer deadlines",
    ),
    T(
        "Elke informatie die tussen politiediensten wordt uitgewisseld, draagt een behandelingscode, zoals in "
        "SIENA van Europol:\n\n"
        "- **H0**: vrij te gebruiken voor politiedoeleinden;\n"
        "- **H1**: niet als bewijs gebruiken zonder toestemming van de afzender;\n"
        "- **H2**: niet verder verspreiden zonder toestemming van de afzender;\n"
        "- **H3**: andere beperkingen, in het bericht vermeld.\n\n"
        "Richtlijn (EU) 2023/977 legt termijnen op tussen de centrale contactpunten: **8 uur** voor dringende "
        "verzoeken om gegevens die rechtstreeks beschikbaar zijn, en **tot 7 dagen** in de andere gevallen.",
        "Toute information échangée entre services de police porte un code de traitement, comme dans SIENA "
        "d'Europol :\n\n"
        "- **H0** : utilisable librement à des fins policières ;\n"
        "- **H1** : ne pas utiliser comme preuve sans l'accord de l'expéditeur ;\n"
        "- **H2** : ne pas diffuser sans l'accord de l'expéditeur ;\n"
        "- **H3** : autres restrictions, indiquées dans le message.\n\n"
        "La directive (UE) 2023/977 fixe des délais entre les points de contact uniques : **8 heures** pour les "
        "demandes urgentes portant sur des informations directement accessibles, et **jusqu'à 7 jours** dans les "
        "autres cas.",
        "",
        "Every piece of information exchanged between police services carries a handling code, as in Europol's "
        "SIENA:\n\n"
        "- **H0**: free to use for police purposes;\n"
        "- **H1**: not to be used as evidence without the sender's consent;\n"
        "- **H2**: not to be passed on without the sender's consent;\n"
        "- **H3**: other restrictions, stated in the message.\n\n"
        "Directive (EU) 2023/977 sets deadlines between the single points of contact: **8 hours** for urgent "
        "requests for directly accessible information, and **up to 7 days** otherwise.",
    ),
)
LIAISON = (
    "liaison",
    ["contacts"],
    ["BE", "NL", "LU"],
    T(
        "Het Benelux-netwerk van verbindingsofficieren",
        "Le réseau Benelux des officiers de liaison",
        "Das Benelux-Netz der Verbindungsbeamten",
        "The Benelux liaison-officer network",
    ),
    T(
        "Belgische en Nederlandse verbindingsofficieren in het buitenland behandelen ook elkaars dossiers en "
        "werken voor Luxemburg, dat geen eigen netwerk heeft. In verschillende ambassades zijn er gezamenlijke "
        "Benelux-bureaus, en bij Europol zitten de verbindingsbureaus van de drie landen naast elkaar. Wie dekt "
        "welk land, staat in dit portaal onder *Verbindingsofficieren*.",
        "Les officiers de liaison belges et néerlandais à l'étranger traitent aussi les dossiers de l'autre pays et "
        "travaillent pour le Luxembourg, qui n'a pas de réseau propre. Plusieurs ambassades accueillent des bureaux "
        "Benelux communs, et à Europol les bureaux de liaison des trois pays sont voisins. Qui couvre quel pays : "
        "voir *Officiers de liaison* dans ce portail.",
        "Belgische und niederländische Verbindungsbeamte im Ausland bearbeiten auch die Fälle des anderen Landes "
        "und arbeiten für Luxemburg, das kein eigenes Netz hat. In mehreren Botschaften gibt es gemeinsame "
        "Benelux-Büros, und bei Europol liegen die Verbindungsbüros der drei Länder nebeneinander. Wer welches Land "
        "abdeckt, steht in diesem Portal unter *Verbindungsbeamte*.",
        "Belgian and Dutch liaison officers abroad also handle each other's files and work for Luxembourg, which has "
        "no network of its own. Several embassies host joint Benelux desks, and at Europol the three countries' "
        "liaison bureaus sit side by side. Who covers which country: see *Liaison officers* in this portal.",
    ),
)
CONTROL_ROOMS = (
    "control-rooms",
    ["contacts"],
    ["BE", "NL", "LU"],
    T("Nationale meldkamers", "Salles de contrôle nationales", "Nationale Leitstellen", "National control rooms"),
    T(
        "Voor achtervolgingen, observaties, bijstand en dringende vragen zijn de nationale meldkamers dag en nacht "
        "bereikbaar: de **DAO** van de Belgische federale politie, het **LOCC** van de Nederlandse politie en het "
        "**CIN** van de Groothertogelijke Politie. Hun nummers staan bij de contactpunten.",
        "Pour les poursuites, les observations, l'assistance et les questions urgentes, les salles de contrôle "
        "nationales sont joignables jour et nuit : la **DAO** de la police fédérale belge, le **LOCC** de la police "
        "néerlandaise et le **CIN** de la Police grand-ducale. Leurs numéros figurent parmi les points de contact.",
        "Für Nacheile, Observationen, Unterstützung und dringende Fragen sind die nationalen Leitstellen Tag und "
        "Nacht erreichbar: die **DAO** der belgischen Föderalen Polizei, das **LOCC** der niederländischen Polizei "
        "und das **CIN** der Großherzoglichen Polizei. Ihre Nummern stehen bei den Kontaktstellen.",
        "For pursuits, observations, assistance and urgent questions the national control rooms answer day and "
        "night: the **DAO** of the Belgian Federal Police, the **LOCC** of the Dutch National Police and the **CIN** "
        "of the Grand-Ducal Police. Their numbers are among the contact points.",
    ),
)
TRANSITION_SECTION = (
    "transition",
    ["legal"],
    ["BE", "NL", "LU"],
    T(
        "Van het verdrag van 2004 naar dat van 2018",
        "Du traité de 2004 à celui de 2018",
        "Vom Vertrag von 2004 zu dem von 2018",
        "From the 2004 treaty to the 2018 treaty",
    ),
    T(
        "Tot 1 oktober 2023 gold het verdrag van Senningen van 2004. Lopende afspraken en verzoeken van vóór die "
        "datum blijven geldig; nieuwe verzoeken verwijzen naar het verdrag van 2018.",
        "Jusqu'au 1er octobre 2023, le traité de Senningen de 2004 s'appliquait. Les accords et demandes en cours "
        "d'avant cette date restent valables ; les nouvelles demandes se réfèrent au traité de 2018.",
        "Bis zum 1. Oktober 2023 galt der Vertrag von Senningen von 2004. Laufende Absprachen und Ersuchen von vor "
        "diesem Datum bleiben gültig; neue Ersuchen beziehen sich auf den Vertrag von 2018.",
        "Until 1 October 2023 the Senningen treaty of 2004 applied. Arrangements and requests made before that date "
        "remain valid; new requests refer to the 2018 treaty.",
    ),
)

# country, organisation, service, telephone, secure e-mail, hours
CONTACT_POINTS = [
    (
        "BE",
        T(
            "Federale Politie – DAO",
            "Police fédérale – DAO",
            "Föderale Polizei – DAO",
            "Belgian Federal Police – DAO",
        ),
        T(
            "Permanentie, operationele coördinatie",
            "Permanence, coordination opérationnelle",
            "Bereitschaft, operative Koordinierung",
            "Duty desk, operational coordination",
        ),
        "+32 2 555 01 00",
        "dao.permanence@police-be.example",
    ),
    (
        "BE",
        T(
            "Federale Politie – SPOC internationale samenwerking",
            "Police fédérale – SPOC coopération internationale",
            "Föderale Polizei – SPOC internationale Zusammenarbeit",
            "Belgian Federal Police – SPOC international cooperation",
        ),
        T("Informatie-uitwisseling", "Échange d'informations", "Informationsaustausch", "Information exchange"),
        "+32 2 555 02 00",
        "spoc@police-be.example",
    ),
    (
        "NL",
        T(
            "Landelijk Operationeel Coördinatiecentrum (LOCC)",
            "Centre national de coordination opérationnelle (LOCC)",
            "Landesweites Operatives Koordinierungszentrum (LOCC)",
            "National Operational Coordination Centre (LOCC)",
        ),
        T("Meldkamer", "Salle de contrôle", "Leitstelle", "Control room"),
        "+31 79 555 03 00",
        "locc@politie-nl.example",
    ),
    (
        "NL",
        T(
            "Politie – Team Internationale Rechtshulp in Strafzaken",
            "Police – équipe d'entraide judiciaire internationale",
            "Polizei – Team internationale Rechtshilfe",
            "Police – international legal assistance team",
        ),
        T("Nationaal contactpunt", "Point de contact national", "Nationale Kontaktstelle", "National contact point"),
        "+31 79 555 04 00",
        "ircc@politie-nl.example",
    ),
    (
        "LU",
        T(
            "Groothertogelijke Politie – CIN",
            "Police grand-ducale – CIN",
            "Großherzogliche Polizei – CIN",
            "Grand-Ducal Police – CIN",
        ),
        T(
            "Nationaal interventiecentrum",
            "Centre d'intervention national",
            "Nationales Einsatzzentrum",
            "National intervention centre",
        ),
        "+352 555 05 00",
        "cin@police-lu.example",
    ),
]
CIN_PHONE_V2 = "+352 555 05 10"
HOURS = T("24/7", "24h/24, 7j/7", "rund um die Uhr", "24/7")

EDITION_1 = [
    (TREATY, [IN_BRIEF, HOST_LAW]),
    (PURSUIT_CHAPTER, [PURSUIT, OBSERVATION, INVESTIGATION]),
    (PATROLS, [("joint-patrols", ["patrols"], ["BE", "NL", "LU"], JOINT_TITLE, JOINT_PATROLS_V1), SPECIAL_UNITS]),
    (ASSISTANCE, [EVENTS, LOANS]),
    (INFORMATION, [HIT_NO_HIT, ("anpr", ["information"], ["BE", "NL", "LU"], ANPR_TITLE, ANPR_V1)]),
    (CONTACTS, [LIAISON, CONTROL_ROOMS]),
    (TRANSITION, [TRANSITION_SECTION]),
]
NOTES_1 = T(
    "Eerste digitale uitgave, bij de inwerkingtreding van het verdrag van 2018.",
    "Première édition numérique, à l'entrée en vigueur du traité de 2018.",
    "Erste digitale Ausgabe, zum Inkrafttreten des Vertrags von 2018.",
    "First digital edition, as the 2018 treaty enters into force.",
)
NOTES_2 = T(
    "Gemengde patrouilles aan de kust, ANPR-uitwisseling in werking, antwoordtermijnen van Richtlijn (EU) "
    "2023/977; de overgangsregeling is vervallen; nieuw nummer van het CIN.",
    "Patrouilles mixtes sur la côte, échange ANPR en service, délais de réponse de la directive (UE) 2023/977 ; "
    "les dispositions transitoires sont supprimées ; nouveau numéro du CIN.",
    "Gemischte Streifen an der Küste, ANPR-Austausch in Betrieb, Antwortfristen der Richtlinie (EU) 2023/977; die "
    "Übergangsregelung entfällt; neue Nummer des CIN.",
    "Mixed patrols on the coast, ANPR exchange in service, answer deadlines of Directive (EU) 2023/977; the "
    "transition chapter is gone; new number for the CIN.",
)


def _fields(name: str, values: dict) -> dict:
    return {f"{name}_{code}": value for code, value in values.items()}


def _section_fields(section) -> dict:
    _name, tags, countries, titles, bodies = section
    return {**_fields("title", titles), **_fields("body", bodies), "tags": tags, "countries": countries}


@transaction.atomic
def load() -> None:
    if Edition.objects.exists():
        return  # the brochure is there (the demo's, or the secretariat's own): leave it
    actor = User.objects.get(username="secretariat")

    draft = services.edition_start_draft(actor=actor)
    services.edition_update(actor=actor, edition=draft, **_fields("notes", NOTES_1))
    for chapter_titles, sections in EDITION_1:
        chapter = services.chapter_create(actor=actor, edition=draft, **_fields("title", chapter_titles))
        for section in sections:
            services.section_create(actor=actor, chapter=chapter, **_section_fields(section))
    for country, organisation, service, phone, email in CONTACT_POINTS:
        services.contact_create(
            actor=actor,
            edition=draft,
            country=country,
            phone=phone,
            secure_email=email,
            **_fields("organisation", organisation),
            **_fields("service", service),
            **_fields("hours", HOURS),
        )
    services.edition_publish(actor=actor, edition=draft, published_on=date(2023, 11, 6))

    draft = services.edition_start_draft(actor=actor)
    services.edition_update(actor=actor, edition=draft, **_fields("notes", NOTES_2))
    sections = {section.title_en: section for section in draft.sections.select_related("chapter")}
    services.section_update(actor=actor, section=sections["Joint patrols"], **_fields("body", JOINT_PATROLS_V2))
    anpr = sections["ANPR data exchange"]
    services.section_update(actor=actor, section=anpr, **_fields("body", ANPR_V2))
    services.section_create(actor=actor, chapter=anpr.chapter, **_section_fields(DEADLINES))
    transition = draft.chapters.get(title_en=TRANSITION["en"])
    services.chapter_delete(actor=actor, chapter=transition)
    cin = draft.contacts.get(phone=CONTACT_POINTS[-1][3])
    services.contact_update(actor=actor, contact=cin, phone=CIN_PHONE_V2)
    services.edition_publish(actor=actor, edition=draft, published_on=date(2026, 2, 2))
