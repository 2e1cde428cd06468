"""Word lists that tell names apart from ordinary capitalised words."""
from __future__ import annotations

ORG_WORDS = frozenset("""Ministry Department Council Party Bank University Agency Commission Committee Union
Organisation Organization Company Corporation Corp Corp. Inc Inc. Ltd Ltd. Group Court Parliament Assembly Army Navy
Force Forces Police Service Services Office Institute Foundation Association Federation League Board Bureau Authority
Fund Programme Program Guard Guards Congress Senate Cabinet Government Administration Airlines Airways Times Post
News Network Press Club FC Museum School College Hospital Church Embassy Alliance Coalition Front Movement Brigade
Command Centre Center Exchange Reserve Treasury Trust Partners Holdings Technologies Motors Energy Systems Labs Media
Society Secretariat Directorate Unit Corps Council Tribunal Chamber Institution Bloc Network Broadcasting Railways
Journal Electronics Robotics Semiconductor Semiconductors
Industries Community Pharmaceuticals Democrats Republicans Socialists Greens Panel Centres Centers Power Electric Steel Airline Bancorp Commissions Councils Ministries Petroleum Oil Gas Mining Bancorp Capital Securities Insurance Telecom Group Records Schools Elementary Events
Materials Ratings Racing Rail Care Zoo Studios Pictures Entertainment Foods Brands Logistics Shipping Therapeutics Biosciences
Healthcare
Instituto Institut Istituto Universidad Universidade Università Universität Universite Université Fundación Fundação
Fondazione Stiftung Ministerio Ministério Museo Museu Musée Hospital Hôpital Clínica Banco Banca Compañía Companhia
Sociedad Société Gesellschaft United Athletic Rovers Wanderers Albion Gallery Library Theatre Theater Orchestra
Laboratory Laboratories Lab Initiative Academy Consortium Cooperative Co-operative Syndicate Conservatory Conservatoire
Polytechnic Collection Transit Observatory Trucks Dairy Maritime Architects Computer Products Mines Technology Aerospace Research Shipyard
Shipyards Software Analytics Ventures Investments Chemicals Minerals Resources Biotech Telecommunications Solutions
Holding Enterprises Nickel Copper Metals Air Tech Conference Water Éireann Municipality Superintendency
Superintendence Superintendencia Inspectorate Ombudsman Industrial Verft Værft Werft Varv Shimbun Zeitung Gazette Herald Tribune Chronicle Courier Telegraph""".split())

PLACE_WORDS = {
    **{w: "FAC" for w in "Wharf Quay Street Square Avenue Road Highway Thruway Freeway Motorway Expressway Boulevard Turnpike Field Airport Bridge Palace Station Stadium Arena Tower Building Hall Plaza Port Base Prison Plant Dam Mosque Cathedral Temple Camp Parkway Oval Place Terrace".split()},
    **{w: "LOC" for w in "River Mountain Mountains Lake Island Islands Sea Ocean Valley Desert Peninsula Gulf Bay Delta Strait Coast Canal Forest Basin Plateau Heights Hills Park Reserve Beach Glacier Fjord Lagoon Formation Pass"
                                 " Creek Range Ranges Falls Gorge Canyon Trail Trails Track Fork Reef Cove Cave Caves Wetlands Crater".split()},
    **{w: "GPE" for w in "Province Region County City District Oblast Governorate Prefecture Republic Kingdom Emirate Township Village Territory Territories".split()},
}

# Last words of places that no one's surname is, though organisations end in them too ("Dubai Financial
# Market", "Grosvenor Estates"): a name the model took for a person's that ends so is a place.
PLACE_NOT_PERSON_ENDS = {"Market": "FAC", "Mall": "FAC", "Estates": "GPE", "Estate": "GPE"}

# First words of place names ("Cape Canaveral", "Lake Chad", "San Antonio").
PLACE_FIRST_WORDS = {**{w: "LOC" for w in "Cape Lake Mount Mt. Isle Gulf Bay River Isla Islas Playa Cerro Lago Laguna"
                                          " Bahía Ilha Praia Isola Lagoa Serra Ponta Cabo Jbel Jebel Djebel Wadi Oued".split()},
                     **{w: "GPE" for w in "Port Fort San Santa Los Las Saint St. Sankt Greater Barra Vila Puerto".split()},
                     # streets and squares named in their language ("Avenida Alberto Craveiro", "Rue de Rivoli")
                     **{w: "FAC" for w in "Avenida Rua Calle Carrer Viale Rue Praça Piazza Paseo Passeig Jalan Ulica Ascensor Funicular"
                                          " Avinguda Plac".split()}}


def street(parts: list[str]) -> bool:
    """Whether words opening with a street's head name the street: "Avenida Boyacá", "Rue de Rivoli", but
    not the actress "Rue McClanahan" ("Rue" is also a given name; French streets go on with a particle)."""
    return parts[0] != "Rue" or len(parts) > 2 or len(parts) == 2 and parts[1] in PARTICLES


# After these a "Name of Name" sequence stays one name ("Ministry of Foreign Affairs", "Gulf of Mexico").
JOINS_OF = ORG_WORDS | set(PLACE_WORDS) | set(PLACE_FIRST_WORDS) | {"States", "House"}

PARTICLES = frozenset("de da das do dos del della di du van von der den ter ten bin ibn bint al el la le y zu Ó Ní Nic Ua Uí"
                      .split())

# Capitalised at the start of a sentence without being a name.
SENTENCE_STARTERS = frozenset("""The A An And But Or So Yet Nor In On At By For From To With Without After Before During
Since Until As If When While Where Although Though Because However Meanwhile Also Still Even Only Earlier Later Then
Now This That These Those It Its He She They We I You His Her Their Our My Your There Here What Which Who Whom Whose
Why How Some Many Most More Much All Both Each Every No Not One Two Three Four Five Several Other Another Such
According Asked Under Over Despite Among Between Against Following Last Next Speaking Read Follow Comments Top Former
Senior Local Officials Delegations Instead Further Furthermore Moreover Indeed Yes Thus Hence Overall Nearly About
Around Almost Just Like Unlike Through Throughout Within Beyond Toward Towards Across Along Amid Upon Once Perhaps
Please Let Do Does Did Is Are Was Were Be Been Has Have Had Will Would Could Should Can May Might Must Shall
Sources Analysts Experts Critics Residents Witnesses Police Authorities Leaders Talks Negotiators Protesters Diplomats
Our Mine Ours Theirs Whatever Whoever Everyone Everybody Nobody Nothing Something Someone Anyone Few Fewer Less
Compared Given Including Excluding Regarding Concerning Based Separately Together Today Tomorrow Yesterday
Near Off Outside Inside Behind Above Below Beside""".split())

SPEECH_VERBS = frozenset("said says told added asked wrote argued insisted warned noted explained stated claimed "
                         "tweeted posted replied responded announced urged called admitted acknowledged".split())

# Lower-case nouns that, right after a name, say it is a place ("the Noto peninsula").
PLACE_AFTER = {"region": "LOC", "province": "GPE", "prefecture": "GPE", "peninsula": "LOC", "crossing": "FAC",
               "county": "GPE", "district": "GPE", "valley": "LOC", "river": "LOC", "island": "LOC", "airport": "FAC",
               "border": "LOC", "neighbourhood": "GPE", "neighborhood": "GPE", "suburb": "GPE", "municipality": "GPE",
               "governorate": "GPE", "oblast": "GPE", "state": "GPE", "city": "GPE", "area": "LOC", "mine": "FAC",
               "glacier": "LOC", "fjord": "LOC", "beach": "LOC", "lagoon": "LOC", "reef": "LOC", "volcano": "LOC",
               "estuary": "LOC", "wharf": "FAC", "quay": "FAC", "harbour": "FAC", "harbor": "FAC",
               "waterfront": "FAC", "riverfront": "FAC", "seafront": "FAC", "field": "LOC", "oilfield": "LOC", "basin": "LOC", "reservoir": "LOC", "market": "FAC", "motorway": "FAC",
               "expressway": "FAC", "freeway": "FAC"}
# "the town of X", "the port city of X".
PLACE_BEFORE = frozenset("city town village port capital region province state district county island suburb "
                         "governorate prefecture emirate canton borough parish township hamlet "
                         "municipality towns cities villages regions provinces states islands outskirts residents "
                         "streets suburbs inhabitants".split())
# Organisation words that name a field, not a body ("Institute for Zoo and Wildlife Research", "Ministry of
# Energy and Mineral Resources"): after "and" they go on the name before it, where "Halden University" is a
# second body ("University of Tulmar and Halden University").
FIELD_WORDS = frozenset("Research Development Resources Technology Technologies Science Sciences Studies Innovation "
                        "Prevention Engineering Affairs Welfare Planning Management Culture Tourism Trade Industry "
                        "Industries Energy Health Education Environment Transport Infrastructure Security Policy "
                        "Conservation Heritage Sport Sports Media Communications Minerals Mines Fisheries Forestry "
                        "Agriculture Housing Labour Employment Justice Police Defence Finance Water".split())
# What a company's officers are in charge of ("Finance chief Ana Ruiz"): no organisation's name.
BUSINESS_FUNCTIONS = frozenset("Finance Marketing Sales Operations Technology Security Strategy Investment Risk "
                               "Communications Compliance Legal Production Procurement Engineering Design".split())
# Lower-case nouns that, right after a name, say it is an organisation ("Bernstein analysts").
ORG_AFTER = frozenset("analysts economists strategists shares shareholders executives employees staff workers "
                      "spokesman spokeswoman spokesperson stock subsidiary unit division chief ceo co-ceo chairman "
                      "chairwoman founder co-founder boss coach union party economist analyst strategist venture".split())
# Lower-case nouns naming a kind of organisation, in appositions ("Gavi, the vaccine alliance").
ORG_KINDS = frozenset("alliance agency company firm group organisation organization charity foundation bank lender "
                      "insurer airline broadcaster newspaper party union association federation club team "
                      "coalition consortium regulator watchdog institute university network manufacturer maker "
                      "conglomerate retailer operator developer startup start-up utility app platform website miner "
                      "chipmaker carmaker drugmaker service distributor producer exporter refiner publisher "
                      "chain store brand carrier body grocer supermarket automaker shipowner organiser organizer arm "
                      "unit subsidiary division venture provider supplier cooperative co-operative co-op wholesaler "
                      "lessor shipbuilder builder contractor fund studio magazine channel exchange marketplace "
                      "laboratory hospital school college authority ministry museum orchestra side programme "
                      "program initiative"
                      .split()) | {"asset manager", "fund manager", "investment manager", "wealth manager"}
# Lower-case nouns that, right before a name, say it is an organisation ("wind turbine unit Siemens Gamesa").
ORG_BEFORE = frozenset("unit subsidiary company firm group developer operator rival rivals maker carmaker bank lender "
                       "insurer airline broker retailer startup start-up conglomerate manufacturer supplier "
                       "broadcaster newspaper agency utility producer exporter refiner distributor publisher "
                       "app platform brand chain carrier provider miner grocer supermarket shipowner shipper "
                       "automaker chipmaker drugmaker steelmaker planemaker explorer".split())

# Capitalised abbreviations that are not organisations.
NOT_ORG_ACRONYMS = frozenset("CEO CFO COO CTO GDP AI TV PM AM OK EV EVs IPO VAT LNG UAV MP MPs MEP MEPs HIV AIDS "
                             "COVID DNA CO2 UN-backed PhD NGO NGOs PR ID IT".split())

NOT_NAMES = frozenset("""Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May
June July August September October November December Mr Mrs Ms Dr Also I I'm I’m I've I’ve
Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec""".split())

# Common nouns that start sentences capitalised ("Operator Hokuriku Electric Power said ...").
COMMON_NOUNS = (ORG_BEFORE | ORG_KINDS | PLACE_BEFORE | {w.lower() for w in ORG_WORDS | set(PLACE_WORDS)
                                                          if not w.isupper()}  # "FC Porto" keeps "FC"
                | set("sales revenue revenues profit profits earnings exports imports output stocks inflation bonds "
                      "yields orders volumes costs deliveries bookings "
                      "head operator regulator officials police firefighters rescuers protesters voters shares markets "
                      "prices services trains flights schools hospitals rivals competitors peers investors lawmakers "
                      "legislators senators ministers leaders residents analysts economists traders workers "
                      "employees customers users fans forecaster manager co-founder founder organisers organizers "
                      "dockworkers passengers superintendent meteorologist scientist".split()))

# Possessive words that belong inside names ("People's Liberation Army", "Moody's").
POSSESSIVE_IN_NAMES = frozenset(w.replace("'", q) for w in """People's Women's Children's Men's Workers' Farmers'
Veterans' Lloyd's McDonald's Sotheby's Christie's Macy's Moody's Sainsbury's Kellogg's Hershey's Domino's Wendy's
Nation's Saint's Sheriff's General's Queen's King's Prince's Governor's Mayor's Coroner's Teachers' Nurses' Miners'
Doctors' Journalists' Employers' Pilots' Seafarers' Dockers' Writers' Musicians' Actors' Artists' Fishermen's
Growers' Producers'""".split() for q in "'’")

# Nouns naming what a person is, in appositions ("Novak Djokovic, the 24-time champion").
PERSON_ROLES = frozenset("""champion player star singer actor actress coach manager president minister leader
founder chairman chairwoman chief executive spokesman spokeswoman spokesperson lawyer judge senator governor mayor
ambassador envoy economist analyst professor author writer director general commander activist journalist
candidate lawmaker politician businessman businesswoman billionaire entrepreneur investor striker goalkeeper
midfielder defender captain rapper musician artist son daughter wife husband father mother widow councillor
councilman councilwoman pianist composer novelist poet scientist researcher teacher nurse doctor surgeon
officer detective prosecutor attorney accountant engineer farmer resident pupil student veteran guide ranger pilot
priest imam rabbi pastor bishop soldier worker miner fisherman trader banker broker consultant adviser advisor curator
architect designer photographer painter sculptor dancer chef volunteer survivor witness neighbour neighbor
grandmother grandfather secretary deputy official inspector technician mechanic lecturer historian chemist astronomer
forecaster paramedic midwife pharmacist dentist veterinarian investigator""".split())


def role_pattern(words: frozenset[str] = PERSON_ROLES) -> str:
    """A regex of person roles: the listed words, and roles by their ending ("herpetologist", "physician")."""
    return r"(?:" + "|".join(sorted(words)) + r"|[a-z]+(?:ologist|ician|ographer|ometrist))"


PERSON_ROLE = role_pattern()

# Words that describe a name and begin sentences capitalised ("Rival Adyen said", "Neighbouring Roseville
# installed"): never the first word of the name itself.
DESCRIBING_WORDS = frozenset("""rival rivals neighbouring neighboring nearby fellow compatriot defending reigning
incoming outgoing visiting struggling embattled beleaguered troubled ailing loss-making cash-strapped state-owned
state-run""".split())

# "Houston-based X", "London-listed X": a place, then its company.
COMPANY_SEATS = "based|listed|headquartered|registered"
# Players' positions that are no other word ("halfback Kodi Marsden"; not "forward", "guard", "lock").
PLAYER_POSITIONS = frozenset("halfback fullback five-eighth hooker prop flanker scrum-half fly-half goaltender netminder "
                             "defenceman defenseman linebacker shortstop outfielder lock wing substitute debutant"
                             .split()) | {"number eight"}
# A people's word for one of them, before a name ("Englishman Tom Worthing").
DEMONYM_NOUNS = frozenset("Englishman Englishwoman Frenchman Frenchwoman Irishman Irishwoman Scotsman Scotswoman "
                          "Welshman Welshwoman Dutchman Dutchwoman Countryman Compatriot Spaniard Swede Briton "
                          "Kiwi Aussie".split())
# "Quarterback Tyrell Brandon threw ...": a role capitalised at the start of a sentence is not part of the name.
COMMON_NOUNS = COMMON_NOUNS | PERSON_ROLES | DESCRIBING_WORDS | frozenset(
    "quarterback kicker pitcher batter bowler opener spinner rider driver jockey sprinter forward guard centre center "
    "winger defender midfielder lock co-author councilmember "
    "councilmembers councillors supervisor photographer painter sculptor designer architect dancer choreographer "
    "amateur closer rookie indigenous".split()) | {w.lower() for w in DEMONYM_NOUNS} | PLAYER_POSITIONS

# A regnal number ends a ruler's name ("Charles III", "Osei Tutu II"); it is no acronym.
REGNAL_NUMBERS = frozenset("II III IV V VI VII VIII IX X XI XII XIII XIV XV XVI".split())
# Words before a Roman number that make it a sequel, a war or a model, not a ruler.
NOT_RULERS = frozenset("War Vatican Phase Part Mark Type Episode Stage Level Title Chapter Act Round Class Series "
                       "Generation Gen League Division Tier Grade Category Super Bowl Apollo Vol Volume".split())

# "-maker" words for people ("a Democratic Party lawmaker"), unlike the companies' ("chipmaker").
PERSON_MAKERS = frozenset("lawmaker policymaker filmmaker moviemaker playmaker peacemaker kingmaker troublemaker "
                          "dressmaker homemaker".split())
# A regex for the companies' "-maker" words ("drugmaker", "carmaker"), the people's left out.
COMPANY_MAKER = r"(?!(?:" + "|".join(sorted(m[:-5] for m in PERSON_MAKERS)) + r")maker)[a-z]+maker"


def company_maker(word: str) -> bool:
    """True for "chipmaker", "drugmaker"; false for "lawmaker"."""
    return word.endswith("maker") and word.lower() not in PERSON_MAKERS

# Plural nicknames sports teams take after their town ("Punjab Kings", "Cape Town Stormers"): no
# person's surname and no kind of place.
TEAM_NICKNAMES = frozenset("""Kings Royals Giants Warriors Swans Chiefs Pirates Sharks Bulls Lions Tigers Eagles Hawks
Rangers Raiders Titans Knights Stormers Blues Reds Saints Dolphins Panthers Broncos Cowboys Bears Capitals Sixers
Jaguars Leopards Cheetahs Rhinos Wolves Falcons Ravens Seahawks Steelers Packers Patriots Chargers Dragons Storm
Roosters Rabbitohs Bulldogs Tykes Magpies Crusaders Highlanders Hurricanes Chargers Strikers Heat Thunder
Kangaroos Wallabies Rockets Jets Oilers Flames Canucks Senators Leafs Canadiens Bruins Penguins Flyers Sabres
Islanders Devils Predators Lightning Stars Blackhawks Avalanche Mariners Dodgers Yankees Mets Cubs Braves Padres
Orioles Twins Athletics Astros Phillies Nationals Brewers Reds Rockies Diamondbacks Tides Tigers Zebras Gunners
Spurs Hornets Blazers Celtics Lakers Clippers Knicks Nets Pistons Pacers Bucks Cavaliers Raptors Grizzlies Pelicans
Mavericks Nuggets Timberwolves Suns Kings Wizards Hammers Owls Foxes Toffees Canaries Hatters Potters Seagulls
Royals Superkings Sunrisers Riders Indians Capitals Titans Daredevils Challengers Renegades Scorchers Sixers
Thunder Hurricanes Heat Strikers Stags Bats Tuskers Vipers Cobras Mustangs""".split())

# Kinds of company in the plural, around a list of their names ("retailers such as X", "Nordic banks X and
# Y", "the X and Y convenience stores").
COMPANY_KINDS_PLURAL = frozenset("companies firms banks lenders retailers brands chains stores supermarkets grocers "
                                 "carmakers chipmakers drugmakers airlines insurers marketplaces miners operators "
                                 "startups start-ups brokers chocolatiers confectioners apps newspapers broadcasters "
                                 "carriers telcos utilities networks accounts jets aircraft planes handsets outlets "
                                 "dealerships".split())

# Kinds of place in the plural that close a list of places' names ("the Surma and Kushiyara rivers",
# "the Zaatari and Azraq refugee camps").
PLACE_KINDS_PLURAL = frozenset("rivers islands lakes mountains valleys peninsulas districts suburbs neighbourhoods "
                               "neighborhoods villages towns camps provinces regions counties municipalities panchayats wards "
                               "parishes boroughs cantons".split())

