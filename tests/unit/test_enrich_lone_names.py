"""Lone names (one word, no gazetteer entry) typed from the evidence a careful reader uses:
every mention of the name in the article, and what news writing does with people's names.
All sentences are invented for these tests."""
import datetime as dt

import pytest

from tidings import enrich
from tidings.enrich.context_labels import relabel
from tidings.enrich.found import Found
from tidings.enrich.gap_filling import add_missing


def labels(text: str, name: str, title: str = "Markets close mixed") -> set[str]:
    result = enrich.analyse(title, text, dt.date(2026, 3, 12))
    return {m.label for m in result.entities + result.title_entities if m.text == name}


def found_at(text: str, name: str, label: str, sure: bool = False, nth: int = 0) -> Found:
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    return Found(start, start + len(name), label, sure)


def test_a_sure_label_claims_the_mentions_the_backend_missed():
    text = ("Shares of Kessner fell 6% on Thursday. She said Kessner would keep cutting costs. "
            "Kessner will publish results in July, and Kessner will pay no dividend.")
    found = [found_at(text, "Kessner", "ORG", sure=True), found_at(text, "Kessner", "PERSON", nth=1)]
    added = [f for f in add_missing(text, found) if f not in found]
    assert [(text[f.start:f.end], f.label, f.sure) for f in added] == [("Kessner", "ORG", True)] * 2


def test_an_unsure_guess_does_not_make_the_missed_mentions_sure():
    text = "Kessner said on Monday that demand was weak. Kessner will publish results in July."
    added = add_missing(text, [found_at(text, "Kessner", "PERSON")])[1]
    assert (added.label, added.sure) == ("PERSON", False)


def test_one_cue_types_every_mention_of_a_name(backend):
    text = ("Shares of Kessner fell 6% in Oslo on Thursday. Kessner will present new targets in June, "
            "Kessner said, and the board proposed no change to the dividend.")
    assert labels(text, "Kessner", title="Kessner shares fall on weak orders") == {"ORG"}


def test_a_lone_word_no_full_name_introduced_is_not_a_person():
    text = "Analysts expect Varholt to cut its outlook. Varholt reports on Friday, and Brekke on Monday."
    found = [found_at(text, "Varholt", "PERSON"), found_at(text, "Varholt", "PERSON", nth=1),
             found_at(text, "Brekke", "PERSON")]
    assert {(text[f.start:f.end], f.label) for f in relabel(text, found, set())} == {
        ("Varholt", "ORG"), ("Brekke", "ORG")}


@pytest.mark.parametrize("text", [
    "Mr Varholt said on Monday that he would stay.",
    "The company's spokesman Varholt declined to comment.",
    "Varholt, 54, said he would stay.",
    "Varholt, who joined in 2019, said he would stay.",
])
def test_a_lone_word_with_a_title_a_role_or_an_age_stays_a_person(text):
    found = [found_at(text, "Varholt", "PERSON")]
    assert relabel(text, found, set())[0].label == "PERSON"


def test_a_surname_of_a_person_introduced_in_full_stays_a_person(backend):
    text = ("The striker Tomas Brekkemo scored twice on Sunday. Brekkemo, 24, said the team had played well, "
            "and Dr Halvard Quist said Quist would examine his knee.")
    assert labels(text, "Brekkemo") == {"PERSON"}
    assert labels(text, "Quist") == {"PERSON"}


@pytest.mark.parametrize("text, name, label", [
    ("The Dunmore Falcons said tickets for the final would go on sale on Monday.", "Dunmore Falcons", "ORG"),
    ("Crews cleared snow from the Brakstad Thruway overnight, police said.", "Brakstad Thruway", "FAC"),
    ("Fans marched along King Street to Orvik Field before the game.", "Orvik Field", "FAC"),
    ("The Kessner Highway was closed by floodwater south of the town.", "Kessner Highway", "FAC"),
])
def test_the_before_a_name_and_the_kind_of_road_or_ground_say_it_is_no_person(backend, text, name, label):
    assert labels(text, name) == {label}


def test_a_role_between_the_and_a_name_leaves_the_person(backend):
    text = "She toured with the pianist Tomas Brekkemo, and the singer Halvard Quist joined them in 1962."
    assert labels(text, "Tomas Brekkemo") == {"PERSON"}
    assert labels(text, "Halvard Quist") == {"PERSON"}


@pytest.mark.parametrize("text, teams", [
    ("Dunmore Kestrels beat Halvik Otters 2-1 on Saturday in front of 30,000 fans.", ["Dunmore Kestrels"]),
    ("The result leaves them behind leaders Orvik Herons, who drew 1-1 away on Friday.", ["Orvik Herons"]),
])
def test_a_name_ending_in_a_plural_that_scores_is_a_team(backend, text, teams):
    for team in teams:
        assert labels(text, team) == {"ORG"}


def test_a_player_named_in_full_who_wins_stays_a_person(backend):
    text = "Carla Mendes beat Anna Ruiz 6-3 6-4 in the final on Sunday."
    assert labels(text, "Carla Mendes") == {"PERSON"}


def test_a_role_before_a_full_name_outweighs_a_companys_phrase():
    text = '"We are confident," team boss Ada Mertens said in a statement on Monday.'
    found = [found_at(text, "Ada Mertens", "ORG")]
    assert relabel(text, found, set())[0].label == "PERSON"


def test_an_appositive_going_on_with_who_is_about_a_person():
    text = "Kiri Holloway, a software tester who rides the line every day, said fares were too high."
    found = [found_at(text, "Kiri Holloway", "ORG")]
    assert relabel(text, found, set())[0].label == "PERSON"


def test_a_full_name_listed_with_a_person_is_a_person():
    text = "Stewards examined the car of Jorund Waage and Kiri Holloway after the race."
    found = [found_at(text, "Jorund Waage", "PERSON"), found_at(text, "Kiri Holloway", "ORG")]
    assert [f.label for f in relabel(text, found, set())] == ["PERSON", "PERSON"]


def test_a_company_listed_with_a_person_stays_a_company():
    text = "The deal was signed by Carla Waage and Halvik Holdings on Friday."
    found = [found_at(text, "Carla Waage", "PERSON"), found_at(text, "Halvik Holdings", "ORG")]
    assert [f.label for f in relabel(text, found, set())] == ["PERSON", "ORG"]


@pytest.mark.parametrize("text, name", [
    ("The road was closed by floodwater south of Brora, and Highland Rail cancelled its evening trains.", "Brora"),
    ("The storm weakened as it moved inland towards Karumba on Sunday.", "Karumba"),
    ("The company won two blocks in the southern governorate of Dhamar on Monday.", "Dhamar"),
    ("The council will close the libraries in Morecambe and Brora next year.", "Brora"),
])
def test_small_towns_placed_by_the_words_around_them(backend, text, name):
    assert labels(text, name) <= {"GPE", "LOC"} and labels(text, name)


@pytest.mark.parametrize("text, name, label", [
    ("The suit was brought by Kvikko, Norway's largest grocery delivery company, in March.", "Kvikko", "ORG"),
    ("Trondvik, Norway's second city, will vote on the plan next week.", "Trondvik", "GPE"),
    ("Tove Brakstad, Kvikko's chief executive, said the ruling was fair.", "Tove Brakstad", "PERSON"),
    ('"Customers want a bank," Sara Lind, head of Varholt Norge, said in an interview.', "Varholt Norge", "ORG"),
    ("Velocar, the series organiser, said the hearing would begin on Monday.", "Velocar", "ORG"),
    ("Brakstad Ratings warned in March that prices could fall.", "Brakstad Ratings", "ORG"),
])
def test_appositions_with_a_possessive_and_heads_of_organisations(backend, text, name, label):
    assert labels(text, name) == {label}


@pytest.mark.parametrize("text, name", [
    ("The larger block went to a consortium, while Japan's Hokuden and a Saudi developer won the smaller one.",
     "Hokuden"),
    ("Estates run by Brandt & Lowe have moved their tea into branded packs.", "Brandt & Lowe"),
    ("Orlenvik Marine Salvage Engineering lodged a protest on Monday.", "Orlenvik Marine Salvage Engineering"),
])
def test_a_countrys_lone_name_an_ampersand_and_long_names_are_organisations(backend, text, name):
    assert labels(text, name) == {"ORG"}


def test_a_countrys_person_named_in_full_stays_a_person(backend):
    assert labels("Japan's Shinzo Abe met the president on Monday.", "Shinzo Abe") == {"PERSON"}


def test_what_a_person_named_in_full_owns_is_no_person(backend):
    text = "Varholt, the lender backed by Walter Brandt's Halvik Holmgard, won its licence on Tuesday."
    assert labels(text, "Halvik Holmgard") <= {"ORG"}
    assert labels(text, "Walter Brandt") == {"PERSON"}


def test_a_who_apposition_outweighs_a_town_in_the_name():
    text = "Orlando Vasquez, a software tester who rides the line every day, said fares were too high."
    found = [found_at(text, "Orlando Vasquez", "ORG")]
    assert relabel(text, found, set())[0].label == "PERSON"


def test_a_list_before_an_apposition_in_the_plural_is_of_that_kind(backend):
    text = ("Its accounts pay more than those offered by Brekke Norge, Kvalbank and Stordal, "
            "the three largest banks, which hold most deposits.")
    assert labels(text, "Stordal") == {"ORG"}
    assert labels(text, "Kvalbank") <= {"ORG"}
    assert labels(text, "Brekke Norge") <= {"ORG"}  # passed on along the list


def test_a_name_spelled_by_initials_in_brackets_is_no_person(backend):
    result = enrich.analyse("Aid", "Medecins Halvik Orvano (MHO) opened a clinic on Monday.", dt.date(2026, 3, 12))
    assert {m.canonical: m.label for m in result.entities}.get("MHO") == "ORG"


def test_a_teams_driver_after_the_teams_possessive_stays_a_person(backend):
    text = "Jorund Waage crossed the line ahead of Triple Nine's Kiri Holloway, giving the team its first win."
    assert labels(text, "Kiri Holloway") <= {"PERSON"}


def test_a_cue_at_one_mention_types_the_guessed_mentions_of_the_same_name():
    text = "Sara Lind, head of Kessner Norge, spoke on Monday. Kessner Norge met all the conditions."
    found = [found_at(text, "Sara Lind", "PERSON"), found_at(text, "Kessner Norge", "PERSON"),
             found_at(text, "Kessner Norge", "PERSON", nth=1)]
    assert [f.label for f in relabel(text, found, set())] == ["PERSON", "ORG", "ORG"]


@pytest.mark.parametrize("text, name, kinds", [
    ("Rain sent water racing down the Tolvar and Brekkan rivers, officials said. The Tolvar was still rising.",
     "Tolvar", {"LOC"}),
    ("Rain sent water racing down the Tolvar and Brekkan rivers, officials said.", "Brekkan", {"LOC"}),
    ("A second shipment for Orvano State, which borders the capital, is expected soon.", "Orvano State",
     {"GPE", "LOC"}),
    ("Frost swept through Vellmark's vineyards overnight, growers said.", "Vellmark", {"GPE", "LOC"}),
])
def test_rivers_listed_and_what_borders_or_has_vineyards_are_places(backend, text, name, kinds):
    found = labels(text, name)
    assert found and found <= kinds


def test_a_company_named_by_a_common_word_is_found_by_its_apposition(backend):
    text = "Something, the Oslo app maker founded in 2019, said sales doubled. Investors valued it at $1 billion."
    assert labels(text, "Something") == {"ORG"}


def test_the_club_a_player_joined_from_is_a_team(backend):
    text = "Moyo, who joined from Brekkan Rovers in Bulawayo in July, scored twice. Tendai Moyo is 24."
    assert labels(text, "Brekkan Rovers") == {"ORG"}
    text = "The striker Tendai Moyo, who joined from Tolvarians in July, scored twice."
    assert labels(text, "Tolvarians") <= {"ORG"}


def test_a_first_name_of_someone_named_in_full_stays_a_person():
    text = "My thanks go to Clifford Wolf for his tool. Although Clifford is busy, he merges my requests."
    found = [found_at(text, "Clifford Wolf", "PERSON"), found_at(text, "Clifford", "PERSON", nth=1)]
    assert [f.label for f in relabel(text, found, set())] == ["PERSON", "PERSON"]


@pytest.mark.parametrize("text", [
    "The orchestra played the music of Mahlberg on Sunday.",
    "Critics said Mahlberg's symphonies had never sounded better.",
    "Researchers now say Mahlberg was right about the mind.",
    "A budget adviser in the Mahlberg administration warned of deficits.",
])
def test_a_person_famous_enough_for_one_name_stays_a_person(text):
    found = [found_at(text, "Mahlberg", "PERSON")]
    assert relabel(text, found, set())[0].label == "PERSON"


@pytest.mark.parametrize("text, name", [
    ("Varholt raised $200 million last year in a round led by Brekke Ventures Norge.", "Brekke Ventures Norge"),
    ("Houses including Halvik, Tordal and Brekkan have cut their purchases.", "Tordal"),
    ("Kvikko raised $40 million in March, the company said.", "Kvikko"),
    ("Tordal, which is listed in Oslo, has risen 9% this year.", "Tordal"),
    ("Tordal is privately held, and its founders own most of it.", "Tordal"),
])
def test_what_only_companies_do(backend, text, name):
    assert labels(text, name) == {"ORG"}


def test_a_who_apposition_keeps_a_person_whose_name_holds_a_town(backend):
    text = ("The line runs through Orlando and Tampa.\n\nOrlando Vasquez, a software tester who rides the line "
            "every day, said fares were too high.")
    assert labels(text, "Orlando Vasquez") == {"PERSON"}


@pytest.mark.parametrize("text, name", [
    ("Talvik Mining, which is building a smelter in the north, and Orvana expect more output.", "Talvik Mining"),
    ("Brelwood, which is controlled by a Dutch family, will report next week.", "Brelwood"),
    ("His company, Kessaro Marine, said he died at home.", "Kessaro Marine"),
    ("Halvard's smaller rivals, Dunlow and Pretsby, usually follow within weeks.", "Dunlow"),
    ("Marrick economist Tilda Havers said the forecast was bold.", "Marrick"),
    ("Three former executives of Quarnet, the state-owned freight rail and ports company, pleaded not guilty.",
     "Quarnet"),
    ("Ostrava lead the table after a 4-0 win over Jukkala in Kemi on Friday.", "Jukkala"),
])
def test_a_company_or_team_told_by_the_words_around_it(backend, text, name):
    assert labels(text, name) == {"ORG"}


def typed_as(text: str, name: str, kind: str) -> bool:
    """The name is found, and only with labels of that kind ("place" or "org")."""
    found = labels(text, name)
    return bool(found) and found <= ({"GPE", "LOC", "FAC"} if kind == "place" else {"ORG"})


@pytest.mark.parametrize("text, name, kind", [
    ("Kessa Foods takes its name from Upper Brinmoor, the suburb where the family opened its first bakery.",
     "Upper Brinmoor", "place"),
    ("Neighbouring Holtvik, the region's other mill town, said it would appeal.", "Holtvik", "place"),
    ("The agency released water from the Dravnik reservoir on Sunday.", "Dravnik", "place"),
    ("Karvel Trucks halted production at its plant on Monday.", "Karvel Trucks", "org"),
    ("Shares of Brenmore Dairy rose after the forecast.", "Brenmore Dairy", "org"),
])
def test_place_appositions_and_company_words(backend, text, name, kind):
    assert typed_as(text, name, kind)


@pytest.mark.parametrize("text, name, kind", [
    ("The result was a blow to Leeds, the Montevideo club that lies fourth.", "Leeds", "org"),
    ("The City of Wallaroo Bay said it would open two shelters on Monday.", "City of Wallaroo Bay", "org"),
    ("The winter crew will sail on to Kelvath, the survey's largest base, in March.", "Kelvath", "place"),
    ("Dario Vance, who joined Portoro from Atlético Brenhas in January, scored twice.", "Atlético Brenhas", "org"),
])
def test_clubs_councils_and_bases_told_by_the_words_around_them(backend, text, name, kind):
    assert typed_as(text, name, kind)


@pytest.mark.parametrize("text, name", [
    ("The tram network is run by Travona under a contract that ends in 2030.", "Travona"),
    ("Pellora, a Swiss messaging app, and the cloud provider Wendermark have criticised the plan.", "Wendermark"),
    ("The deal was signed with Brassel One, a unit of the state nuclear company.", "Brassel One"),
    ("Karvoil, the venture led by Octane that runs the field, will double output.", "Karvoil"),
])
def test_what_runs_a_network_and_what_is_a_unit_or_venture_are_organisations(backend, text, name):
    assert labels(text, name) == {"ORG"}


@pytest.mark.parametrize("text, name", [
    ("Harlow beat Dunmore 2-1 at the Estadio Monte Alto on Saturday.", "Estadio Monte Alto"),
    ("The final will be played at the Kelton Cricket Ground next week.", "Kelton Cricket Ground"),
])
def test_a_venue_where_a_game_is_played_is_a_place(backend, text, name):
    assert labels(text, name) <= {"GPE", "LOC", "FAC"} and labels(text, name)


@pytest.mark.parametrize("text, teams", [
    ("Kgoro Hawks reached the final after beating Dithabeng Rangers 2-1 on Saturday. Hawks coach Sipho Dlamini "
     "praised his side, and Rangers coach Thabo Nkosi said his team had been unlucky.",
     ["Kgoro Hawks", "Dithabeng Rangers"]),
    ("Wellington beat Northern Owls by 40 runs on Sunday. The Owls, who play their home games in Hamilton, "
     "finished second.", ["Northern Owls"]),
])
def test_a_name_ending_in_a_plural_used_alone_as_a_team_is_a_team(backend, text, teams):
    for team in teams:
        assert labels(text, team) == {"ORG"}, team


@pytest.mark.parametrize("text", [
    "The new line will be built with Tarvesk, cutting the journey to 30 minutes.",
    "Tankers were chartered to Tarvesk for the winter.",
    "Farmers sold the crop to Tarvesk last year.",
])
def test_a_place_the_model_guessed_that_nothing_places_is_an_organisation(text):
    relabelled = relabel(text, [found_at(text, "Tarvesk", "GPE")], set())
    assert [(text[f.start:f.end], f.label, f.sure) for f in relabelled] == [("Tarvesk", "ORG", False)]


@pytest.mark.parametrize("text", [
    "Floods cut the roads in Tarvesk on Monday.",
    "The storm struck Tarvesk in July.",
    "Residents of the Tarvesk fled inland.",
    "Ratepayers in suburbs such as Nightcliff and Tarvesk will pay more.",
    "Flights from Lisbon, Oporto and Tarvesk were cancelled.",
    "The minister flew by helicopter to Tarvesk, where the river had burst its banks.",
    "Hundreds of residents were evacuated to Tarvesk overnight.",
])
def test_a_place_the_model_guessed_keeps_its_type_after_words_that_place_it(text):
    relabelled = relabel(text, [found_at(text, "Tarvesk", "GPE")], set())
    assert [(text[f.start:f.end], f.label) for f in relabelled if text[f.start:f.end] == "Tarvesk"] == [
        ("Tarvesk", "GPE")]


@pytest.mark.parametrize("text, name", [
    ("Tarvesk, which owned the mine until 2021, sold it to the state for a nominal sum.", "Tarvesk"),
    ("Tarvesk, the state-owned rival that runs the grid in the north, reported a loss.", "Tarvesk"),
    ("Output rose at Holmvik. Brekka, a smaller rival based in Tromsø, reports next week.", "Brekka"),
    ("Payments failed for three hours. Tarvesk and Worlenta said they had not been affected.", "Tarvesk"),
])
def test_a_lone_name_that_owned_is_a_rival_or_speaks_in_a_list_is_an_organisation(backend, text, name):
    assert labels(text, name) == {"ORG"}


def test_places_listed_after_in_that_speak_stay_places(backend):
    text = "Passengers in Elgin and Forres said the early train was already full."
    assert labels(text, "Elgin") <= {"GPE", "LOC"} and labels(text, "Elgin")


def test_a_lawmaker_is_a_person_and_a_drugmaker_a_company(backend):
    text = ("Seo Ha-jin, a Democratic Party lawmaker, said the committee would meet. "
            "Halvrik, the Norwegian drugmaker, said sales rose.")
    assert labels(text, "Seo Ha-jin") == {"PERSON"} and labels(text, "Halvrik") == {"ORG"}


def test_a_full_name_between_commas_before_said_is_the_speaker_not_a_listed_place(backend):
    text = "The agency's operations manager in Dunedin, Bram Tolvik, said fishing rules would be reviewed."
    assert labels(text, "Bram Tolvik") == {"PERSON"}


@pytest.mark.parametrize("text, names", [
    ("Vaccination began on Sunday in the Tarvesk and Brekka refugee camps.", ["Tarvesk", "Brekka"]),
    ("The council extended the zone to the Tarvesk and Brekka districts.", ["Tarvesk", "Brekka"]),
])
def test_names_listed_before_a_kind_of_place_in_the_plural_are_places(backend, text, names):
    for name in names:
        assert labels(text, name) <= {"GPE", "LOC", "FAC"} and labels(text, name), name


@pytest.mark.parametrize("text, name, label", [
    ("Chief executive Samir bin Nasser al-Harbi said the company was on track.", "Samir bin Nasser al-Harbi", "PERSON"),
    ("The satellite was built by Halvern Aerospace and tested by Brekk Research.", "Halvern Aerospace", "ORG"),
    ("The satellite was built by Halvern Aerospace and tested by Brekk Research.", "Brekk Research", "ORG"),
    ("Sales in Egypt, where it makes juice through its Halvik venture with a local group, fell.", "Halvik", "ORG"),
    ("Torvane, the Canadian asset manager, walked away from talks last year.", "Torvane", "ORG"),
])
def test_family_names_industry_words_a_countrys_athlete_ventures_and_asset_managers(backend, text, name, label):
    assert labels(text, name) == {label}


@pytest.mark.parametrize("label", ["ORG", "GPE"])
def test_a_countrys_two_word_name_the_model_doubted_is_a_person(label):
    text = "She won in 2:14:31 to beat Ethiopia's Tigist Worku by 19 seconds."
    relabelled = relabel(text, [found_at(text, "Tigist Worku", label)], set())
    assert [(text[f.start:f.end], f.label) for f in relabelled] == [("Tigist Worku", "PERSON")]


@pytest.mark.parametrize("text, name, label", [
    ("Madurai Super Kings beat Brekka Royals in a super over on Saturday night.", "Madurai Super Kings", "ORG"),
    ("Rajasthan travel to Mullanpur to face Punjab Kings on Thursday.", "Punjab Kings", "ORG"),
    ("The Dolphins won 20-18 in Brisbane on Saturday, halfback Jarrah Voss kicking a field goal.", "Jarrah Voss",
     "PERSON"),
])
def test_a_towns_name_with_a_teams_nickname_is_a_team_and_a_halfback_a_person(backend, text, name, label):
    assert labels(text, name) == {label}


@pytest.mark.parametrize("text, name", [
    ("The court followed its 2016 ruling on the Tarva, the first river in the country to be given rights.", "Tarva"),
    ("Soldiers filled sandbags in the town, where the Tarva had burst its banks.", "Tarva"),
    ("New licences are frozen along the Tarva riverfront for two years.", "Tarva"),
    ("A red warning for the Tarva and the Brekka rivers stays in force.", "Brekka"),
    ("Officials reported a cluster of cases around Tarvesk, close to the border.", "Tarvesk"),
])
def test_rivers_and_places_named_by_what_they_do_or_what_is_around_them(text, name):
    found = relabel(text, [found_at(text, name, "ORG")], set())
    assert [(text[f.start:f.end], f.label) for f in found if text[f.start:f.end] == name][0][1] in ("GPE", "LOC", "FAC")


def test_a_team_before_a_players_role_after_off_stays_a_team():
    text = "Han lined a single to right field off Tarvesk closer Yoo Jae-min with two out."
    found = relabel(text, [found_at(text, "Tarvesk", "ORG")], set())
    assert [(text[f.start:f.end], f.label) for f in found] == [("Tarvesk", "ORG")]


@pytest.mark.parametrize("text, name, label", [
    ("Hotel owners in Tarvesk said the levy would push families away.", "Tarvesk", "GPE"),
    ("The line runs to a new depot in Tarvesk, officials said.", "Tarvesk", "GPE"),
    ("Frozen peas were sold under the label in Tarvesk supermarkets.", "Tarvesk", "ORG"),
    ("Shares in Tarvesk rose 4.2% in Amsterdam.", "Tarvesk", "ORG"),
])
def test_a_company_the_model_guessed_after_in_is_a_place_unless_a_noun_or_shares_say_otherwise(text, name, label):
    found = relabel(text, [found_at(text, name, "ORG")], set())
    assert [(text[f.start:f.end], f.label) for f in found] == [(name, label)]


@pytest.mark.parametrize("text, name", [
    ("Lindahl equalised, turning in a low cross from Tarvo Halsken.", "Tarvo Halsken"),
    ("Nacional had equalised through Brekko Varas early in the second half.", "Brekko Varas"),
    ("Those charged include former head of procurement Lerako Pulen.", "Lerako Pulen"),
    ("A second defendant, identified only as Sutrisvo, will be sentenced in May.", "Sutrisvo"),
])
def test_who_passes_scores_heads_a_department_or_is_identified_by_one_name_is_a_person(text, name):
    for label in ("ORG", "GPE"):
        found = relabel(text, [found_at(text, name, label)], set())
        assert [(text[f.start:f.end], f.label) for f in found] == [(name, "PERSON")], label


def test_a_miner_named_like_a_town_is_a_company(backend):
    text = ("Peruvian miner Buenaventura said on Thursday that profit doubled. "
            "Buenaventura, founded in 1953, has struggled with protests.")
    assert labels(text, "Buenaventura") == {"ORG"}


def test_a_towns_name_is_a_weaker_vote_than_a_company_cue_elsewhere():
    text = "Nokia will cut 300 jobs. Nokia, based in Espoo, said orders fell."
    found = relabel(text, [found_at(text, "Nokia", "PERSON"), found_at(text, "Nokia", "ORG", nth=1)], set())
    assert {f.label for f in found if text[f.start:f.end] == "Nokia"} == {"ORG"}


@pytest.mark.parametrize("text, name", [
    ("Growth slowed at the big lenders. Stanbic and Absvo both said loan growth had slowed.", "Absvo"),
    ("Growth slowed at the big lenders. Stanbic and Absvo both said loan growth had slowed.", "Stanbic"),
    ("The doses came from a stockpile held by Merkvo.", "Merkvo"),
    ("The bags will be paid for partly by Jollivo and the city.", "Jollivo"),
])
def test_lone_names_listed_before_both_said_and_the_agent_of_a_passive_are_companies(backend, text, name):
    assert labels(text, name) == {"ORG"}


def test_a_list_of_companies_goes_on_past_a_guess():
    text = "Larger rivals Samsung Electronics, Hynvo Semi and Micrvo shifted production to Asia."
    found = relabel(text, [found_at(text, "Samsung Electronics", "ORG", sure=True), found_at(text, "Hynvo Semi", "ORG"),
                           found_at(text, "Micrvo", "CANDIDATE")], set())
    assert {(text[f.start:f.end], f.label) for f in found} >= {("Hynvo Semi", "ORG"), ("Micrvo", "ORG")}


def test_towns_a_team_hosts_or_gets_past_in_a_report_with_scores_are_teams(backend):
    text = ("Veszprém beat Pick Szeged 31-29 in the final on Sunday. Veszprém had beaten Tatabánya 35-27 in the "
            "semi-finals, while Szeged needed extra time to get past Győr.")
    assert labels(text, "Tatabánya") == {"ORG"} and labels(text, "Győr") == {"ORG"}


def test_a_town_after_against_in_a_text_without_scores_stays_a_town(backend):
    text = "Residents protested against plans to close the hospital in Győr on Sunday."
    assert labels(text, "Győr") <= {"GPE", "LOC"} and labels(text, "Győr")


@pytest.mark.parametrize("text, name", [
    ("It competes with Russian marketplaces Wildvo and Ozvik, which have expanded since 2022.", "Wildvo"),
    ("It competes with Russian marketplaces Wildvo and Ozvik, which have expanded since 2022.", "Ozvik"),
    ("Shares rose in Oslo, while Saabvik gained 2% in Stockholm.", "Saabvik"),
    ("Shares rose in Oslo, and Rheinvo was flat in Frankfurt.", "Rheinvo"),
])
def test_marketplaces_named_in_a_list_and_share_prices_say_company(backend, text, name):
    assert labels(text, name) == {"ORG"}


def test_sales_and_revenue_opening_a_sentence_are_no_names(backend):
    text = "Sales rose 5% in the quarter. Revenue fell 3% in Europe."
    result = enrich.analyse("Results", text, dt.date(2025, 3, 1))
    assert not {m.text for m in result.entities} & {"Sales", "Revenue"}


@pytest.mark.parametrize("text, name, label", [
    ("Dallas Everly, the gravel-voiced country singer whose 1971 hit made him famous, died on Sunday.",
     "Dallas Everly", "PERSON"),
    ("A younger audience found him when Texas singer-songwriter Wade Abilene recorded an album.", "Wade Abilene",
     "PERSON"),
    ("He threw two touchdown passes, one of them to tight end Tyree Castillo.", "Tyree Castillo", "PERSON"),
    ("The board voted 6-3. Supervisor Kamal Haddad, who represents the district, voted against.", "Kamal Haddad",
     "PERSON"),
    ("Green Bay quarterback Ellis Brandt threw for 301 yards.", "Green Bay", "ORG"),
    ("Budget rival Wizz Air grounded two jets.", "Wizz Air", "ORG"),
])
def test_city_given_names_musicians_and_players_roles_and_teams_of_a_quarterback(backend, text, name, label):
    assert labels(text, name) == {label}


def test_a_two_word_countrys_athlete_is_a_person():
    text = "He holed a birdie putt on the third playoff hole to beat South Africa's Thabo Mokoena."
    found = relabel(text, [found_at(text, "Thabo Mokoena", "ORG")], set())
    assert [(text[f.start:f.end], f.label) for f in found] == [("Thabo Mokoena", "PERSON")]


@pytest.mark.parametrize("text, name, label", [
    ('"It is an industry problem," said Tarvo Yalmaz, an airline analyst at a broker in Istanbul.', "Tarvo Yalmaz",
     "PERSON"),
    ('"We cut our holiday short," said Nitvo Puran, a bank manager from Delhi.', "Nitvo Puran", "PERSON"),
    ('"That is 60 fares gone," said the association\'s chairman, Vuyo Mkhazi.', "Vuyo Mkhazi", "PERSON"),
    ("The artists are painter Awa Traorvo and photographer Chidvo Okonkvo.", "Chidvo Okonkvo", "PERSON"),
    ("Englishman Tom Worthvo finished second.", "Tom Worthvo", "PERSON"),
    ("Shelves emptied at Seicovo and Lawsvo convenience stores across the city.", "Seicovo", "ORG"),
    ("Shelves emptied at Seicovo and Lawsvo convenience stores across the city.", "Lawsvo", "ORG"),
    ("Franchisees run its stores under the Harvo Norm, Domavo and Joyvo Mayne brands.", "Domavo", "ORG"),
    ("Smaller operators Maxvo and Drivvo reported similar increases.", "Maxvo", "ORG"),
    ("London-listed Antofagasta said the ruling was unfair.", "Antofagasta", "ORG"),
])
def test_people_in_appositions_whose_head_is_a_role_and_companies_named_as_stores_brands_operators(backend, text, name,
                                                                                                  label):
    assert labels(text, name) == {label}


@pytest.mark.parametrize("text, name", [
    ("Shoppers queued outside Brixvo and Aldvo supermarkets on Saturday.", "Aldvo"),
    ("Rising rates squeezed Nordvo and Danvo lenders this year.", "Nordvo"),
    ("Discount grocers such as Lidvo expanded fast.", "Lidvo"),
    ("Chinese chipmakers Smivo and Huavo raised prices.", "Smivo"),
])
def test_one_list_of_company_kinds_around_names_in_every_position(backend, text, name):
    assert labels(text, name) == {"ORG"}


def test_a_describing_compound_before_a_kind_of_company_is_no_name(backend):
    text = "Quick-commerce companies have raced to open dark stores in smaller cities."
    assert not labels(text, "Quick-commerce") & {"ORG", "PERSON", "GPE", "LOC"}


@pytest.mark.parametrize("text, name, not_label", [
    ("Smith toured villages on Monday.", "Smith", "LOC"),
    ("Jane Doe, a fund manager at Aberdeen, said prices would fall.", "Jane Doe", "ORG"),
    ("Smythson, a 135-year-old stationer, said sales rose.", "Smythson", "PERSON"),
])
def test_a_verb_is_no_describing_word_a_fund_manager_named_in_full_and_a_companys_age(backend, text, name, not_label):
    assert not_label not in labels(text, name)


@pytest.mark.parametrize("text, name", [
    ("Tests at the Nordic Neutron Imaging Centre (NNIC) in Grenoble showed the fossil's teeth.", "Grenoble"),
    ("The vines grow on chalk slopes in the Aube, where growers picked early.", "Aube"),
])
def test_a_town_the_model_took_for_a_work_or_product_is_a_place(backend, text, name):
    assert labels(text, name) and labels(text, name) <= {"GPE", "LOC"}


@pytest.mark.parametrize("text, name", [
    # an appositive's kind is its head, not a noun after "for" or "of"
    ('"The ruling stands," said Torvald Hesk, a lawyer for the utility.', "Torvald Hesk"),
    ('"We will appeal," said Torvald Hesk, a lawyer for the city.', "Torvald Hesk"),
    # a full name followed by the body it belongs to, listed after an organisation
    ("The work was led by Amara Velt of the University of Tulmar and Oskar Brenvik of the Halden Natural History"
     " Museum.", "Oskar Brenvik"),
    # roles by their ending, and a guide, before a name set off by commas
    ("A park guide, Tiavo Randrianvo, first photographed the frog.", "Tiavo Randrianvo"),
    ("A local herpetologist, Mirvo Andrianvo, confirmed the find.", "Mirvo Andrianvo"),
])
def test_people_named_beside_organisations_their_roles_and_employers_stay_people(backend, text, name):
    assert labels(text, name) == {"PERSON"}


@pytest.mark.parametrize("text, name", [
    # a given name that is also a country's
    ("The rink of third Lena Dorvik, second Jordan Kesvo and lead Amos Pirk won the final.", "Jordan Kesvo"),
    # a rugby position before a name
    ("The side looked safe until lock Sipho Mabvo was sent off in the final minute.", "Sipho Mabvo"),
    # a birth name
    ("Kirinoumi, 28, was born Takumi Yasvo in Kushiro and turned professional at 15.", "Takumi Yasvo"),
])
def test_country_given_names_rugby_positions_and_birth_names_are_people(backend, text, name):
    assert labels(text, name) == {"PERSON"}


@pytest.mark.parametrize("text, name, label", [
    ("Georgia Power said rates would rise.", "Georgia Power", "ORG"),
    ("Farmers in the Jordan Valley protested.", "Jordan Valley", "LOC"),
])
def test_a_country_named_given_name_leaves_companies_and_valleys_alone(backend, text, name, label):
    assert labels(text, name) == {label}


@pytest.mark.parametrize("text, name, label", [
    # a town GeoNames knows before "-based" is a place, though no hand list holds it
    ("The Sundsvall-based paper maker said output would stop.", "Sundsvall", {"GPE"}),
    ("Two managers of Brescia-based cleaning firm Lumvo were jailed.", "Brescia", {"GPE"}),
    # streets and squares named in their own language
    ("Fans gathered on Avenida Tomás Pompeu before the derby.", "Avenida Tomás Pompeu", {"FAC"}),
    ("Cafés on Passeig de Sant Joan stayed shut.", "Passeig de Sant Joan", {"FAC"}),
])
def test_towns_before_based_and_streets_named_in_their_language_are_places(backend, text, name, label):
    assert labels(text, name) == label


def test_a_company_named_for_its_founder_stays_the_company_and_drops_the_models_lower_case_head(backend):
    text = ("A jury on Tuesday ordered carpet maker Harlvo to pay $48 million. Harlvo, a family-owned company "
            "founded in 1962 by Edwin Harlvo, said it would appeal.")
    result = enrich.analyse("Verdict", text, dt.date(2026, 3, 4))
    assert {(m.text, m.label) for m in result.entities if "Harlvo" in m.text} == {("Harlvo", "ORG"),
                                                                                   ("Edwin Harlvo", "PERSON")}


def test_an_investor_named_with_a_country_is_an_organisation(backend):
    text = "The round drew Kestvo Capital and investor Enterprise Ireland."
    assert labels(text, "Enterprise Ireland") == {"ORG"}


@pytest.mark.parametrize("name", ["Springboks", "Socceroos", "Black Ferns"])
def test_national_sides_known_by_their_nicknames_are_organisations(backend, name):
    text = f"Two of the squad were called up by the {name} in July."
    assert labels(text, name) == {"ORG"}


def test_a_sentence_opening_word_the_text_also_writes_in_lower_case_is_no_name(backend):
    text = ("Malaria cases rose in the north. Health workers said malaria and dengue were spreading. "
            "Farmers said the rains came late, and farmers in the south lost crops.")
    result = enrich.analyse("Outbreak", text, dt.date(2025, 9, 1))
    assert not {m.text for m in result.entities} & {"Malaria", "Farmers"}


@pytest.mark.parametrize("text, name, label", [
    ("The council elected Sipho Dlamvo of the Civic Movement (CM) as mayor on Thursday.", "Sipho Dlamvo", "PERSON"),
    ("The row began after Kgosi Mabvo of ActionVo resigned last month.", "Kgosi Mabvo", "PERSON"),
    ("Regulators said smaller carriers such as Vidvo and Eastvo must comply.", "Eastvo", "ORG"),
    ("In 1986 she and her partner Milan Hrovat made the first ascent.", "Milan Hrovat", "PERSON"),
])
def test_people_of_their_party_carriers_and_milan_as_a_given_name(backend, text, name, label):
    assert labels(text, name) == {label}


@pytest.mark.parametrize("text, name, label", [
    # roles companies have as often as people
    ("The company's broker, Numvo, and its adviser, Lazvo, declined to comment.", "Numvo", "ORG"),
    ("The world's biggest trader, Gunvik, said so.", "Gunvik", "ORG"),
    ("Georgia Tech said the results were robust.", "Georgia Tech", "ORG"),
])
def test_company_roles_before_a_comma_and_a_universitys_short_name(backend, text, name, label):
    assert label in labels(text, name) and "PERSON" not in labels(text, name)


def test_a_verb_before_a_kind_of_company_is_no_describing_word(backend):
    text = "Narendra Modi met startups in Bengaluru. Modi hit companies with new rules on Friday."
    assert labels(text, "Modi") <= {"PERSON"}


@pytest.mark.parametrize("text, name, label", [
    ("Kamala Harrvo lost. Her rival Harrvo was named on Monday.", "Harrvo", {"PERSON"}),
    ("Acmevo, a for-profit company, was sold.", "Acmevo", {"ORG"}),
    ("Tavolvo, the largest of the islands, was hit by the storm.", "Tavolvo", {"LOC"}),
    ("Rue McClanahan starred in the show.", "Rue McClanahan", {"PERSON"}),
])
def test_review_cases_a_rivals_surname_hyphenated_describers_superlatives_and_a_street_heads_namesake(
        backend, text, name, label):
    assert labels(text, name) == label


def test_a_town_before_based_needs_a_kind_of_organisation_after_it(backend):
    text = "They played a Unity-based game while the York-based company watched."
    found = {m.text for m in enrich.analyse("Games", text, dt.date(2025, 9, 1)).entities}
    assert "York" in found and "Unity" not in found


@pytest.mark.parametrize("text, name, label", [
    ("The crews rowed past the River Caldvo, which runs through the city.", "River Caldvo", {"LOC"}),
    ("Aas won by 0.41 seconds ahead of Austria's Florian Grubvo, with Frenchman Théo Marchvo third.",
     "Florian Grubvo", {"PERSON"}),
    ("Aas won by 0.41 seconds ahead of Austria's Florian Grubvo, with Frenchman Théo Marchvo third.",
     "Théo Marchvo", {"PERSON"}),
])
def test_a_rivers_clause_a_given_name_the_model_took_for_a_people_and_a_demonym_noun_inside(backend, text, name,
                                                                                             label):
    assert labels(text, name) == label


@pytest.mark.parametrize("text, name", [
    ("They play the Crusvoers in Christchurch on March 27, then face the Brumvies at home.", "Brumvies"),
    ("Vorland Water said the findings did not affect tap water.", "Vorland Water"),
    ("The Lough Tulmar Fishermen's Co-operative said catches fell.", "Lough Tulmar Fishermen's Co-operative"),
])
def test_sides_met_by_their_nicknames_water_utilities_and_a_fishermens_cooperative(backend, text, name):
    assert labels(text, name) == {"ORG"}


def test_a_place_the_model_named_in_a_places_slot_is_sure_of_it():
    text = "Aas won the giant slalom in Adelvo on Saturday after the leader crashed."
    found = relabel(text, [found_at(text, "Adelvo", "GPE")], set())
    assert [(text[f.start:f.end], f.label, f.sure) for f in found] == [("Adelvo", "GPE", True)]


@pytest.mark.parametrize("text, name, label", [
    ("A man was hurt in Tulvo when part of a roof collapsed.", "Tulvo", {"GPE"}),
    ("Met Éireann issued a warning and Bus Éireann cancelled services.", "Bus Éireann", {"ORG"}),
])
def test_a_town_before_when_and_irish_state_bodies(backend, text, name, label):
    assert labels(text, name) == label


def test_a_participle_after_a_town_near_which_something_stands_is_the_things(backend):
    text = "The chain is moving orders to a new centre near Doncaster run by logistics group Wincvo."
    assert labels(text, "Doncaster") <= {"GPE", "LOC"} and labels(text, "Doncaster")


@pytest.mark.parametrize("text, name", [
    ("Hollmann, the Austrian car parts supplier, said it would cut 300 jobs. It was founded by Otto Hollmann.",
     "Hollmann"),
    ("Agrovia, the Navarre-based cooperative, said its mills were full.", "Agrovia"),
    ("Kestrel, the Dublin aircraft lessor, raised its forecast.", "Kestrel"),
    ("Brightwell, the Premiership side, signed two players.", "Brightwell"),
])
def test_suppliers_cooperatives_lessors_and_sides_in_appositions(backend, text, name):
    found = {(m.text, m.label) for m in enrich.analyse("Title", text, dt.date(2025, 9, 15)).entities}
    assert (name, "ORG") in found, found


@pytest.mark.parametrize("text, names", [
    ("Users can link it to Paystack and Chipper Cash accounts.", {"Paystack", "Chipper Cash"}),
    ("Engine checks grounded dozens of Avianca and Viva Air jets.", {"Avianca", "Viva Air"}),
    ("Callers can use the Telkom, Mascom or Orange networks.", {"Telkom", "Mascom"}),
    ("Freshway competes with Checkers, Usave and Spar for shoppers.", {"Checkers", "Usave", "Spar"}),
    ("It bought 40 buses from Scania and Marcopolo last year.", {"Scania", "Marcopolo"}),
])
def test_companies_by_what_they_own_sell_or_compete_with(backend, text, names):
    found = {(m.text, m.label) for m in enrich.analyse("Title", text, dt.date(2025, 9, 15)).entities}
    assert {(n, "ORG") for n in names} <= found, found


def test_a_list_of_names_before_counties_is_of_places(backend):
    text = "The governor declared an emergency for Tazewell, Brantley and Wyoming counties."
    found = {(m.text, m.label) for m in enrich.analyse("Title", text, dt.date(2025, 9, 15)).entities}
    assert {("Tazewell", "LOC"), ("Brantley", "LOC")} <= found, found


@pytest.mark.parametrize("text, expected", [
    ("Charges would apply at busy spots including Trevone, Porthcothan and Crantock from May.",
     {("Trevone", "GPE"), ("Porthcothan", "GPE"), ("Crantock", "GPE")}),
    ("Officials closed schools in wards of Pandikkad and Edavanna panchayats.",
     {("Pandikkad", "GPE"), ("Edavanna", "GPE")}),
    ('"We will fight this," said Ralf Weiland, the union\'s regional head.', {("Ralf Weiland", "PERSON")}),
])
def test_spots_and_panchayats_are_places_and_a_role_after_a_bodys_possessive_a_person(backend, text, expected):
    found = {(m.text, "GPE" if m.label in ("GPE", "LOC") else m.label)
             for m in enrich.analyse("Title", text, dt.date(2025, 9, 15)).entities}
    assert expected <= found, found


@pytest.mark.parametrize("text, expected", [
    ("He ran the loans desk at Prairie Valley Credit Union, where he worked from 2009.",
     ("Prairie Valley Credit Union", "ORG")),
    ("She taught at Halden Conservatory, where she trained a generation of pianists.", ("Halden Conservatory", "ORG")),
    ("Crews reached Ostrava, where rivers had burst their banks.", ("Ostrava", "GPE")),
])
def test_where_after_an_organisations_name_is_a_workplace_not_a_town(backend, text, expected):
    assert expected in {(m.text, m.label) for m in enrich.analyse("Title", text, dt.date(2025, 9, 15)).entities}


def test_a_town_name_before_accounts_is_a_company_and_so_is_the_full_name_after_and(backend):
    text = "Traders can link the app to Wave and Orange Money accounts to pay their suppliers."
    found = {(m.text, m.label) for m in enrich.analyse("Title", text, dt.date(2025, 9, 15)).entities}
    assert {("Wave", "ORG"), ("Orange Money", "ORG")} <= found, found


def test_a_name_with_n_between_its_words_stays_whole_and_passes_its_list_on(backend):
    text = "Freshway competes with Checkers, Pick n Pay, Boxer and Spar for shoppers."
    found = {(m.text, m.label) for m in enrich.analyse("Title", text, dt.date(2025, 9, 15)).entities}
    assert {("Pick n Pay", "ORG"), ("Boxer", "ORG"), ("Spar", "ORG")} <= found, found


def test_sides_a_team_travels_to_is_held_by_or_is_ahead_of_in_a_match_report(backend):
    text = ("Ballyhale beat Carrow 2-1 on Saturday to go four points clear of Drumcliffe, who were held 1-1 by "
            "Brackenmoor on Friday. Ballyhale travel to Oakfield Rangers next, while Carrow host Kilbrack.")
    found = {(m.text, m.label) for m in enrich.analyse("Title", text, dt.date(2025, 9, 15)).entities}
    assert {("Brackenmoor", "ORG"), ("Kilbrack", "ORG")} <= found, found


@pytest.mark.parametrize("text, expected", [
    ("Ballyhale won 2-1 on Saturday, with substitute Ciaran Mulvey scoring the winner late on.",
     ("Ciaran Mulvey", "PERSON")),
    ("Van Dijk, who grew up in nearby Oudehaske, trains with the club.", ("Oudehaske", "GPE")),
    ("The app was tested by traders at Kermel market in Dakar.", ("Kermel", "FAC")),
])
def test_substitutes_towns_nearby_and_markets(backend, text, expected):
    assert expected in {(m.text, m.label) for m in enrich.analyse("Title", text, dt.date(2025, 9, 15)).entities}


def test_a_companys_market_value_is_no_market_place(backend):
    found = {(m.text, m.label) for m in enrich.analyse("Title", "Investors cut Harvo market value by a third.",
                                                       dt.date(2025, 9, 15)).entities}
    assert ("Harvo", "FAC") not in found


@pytest.mark.parametrize("text, absent, expected", [
    ("Finance chief Maeve Dolan said the lessor had raised its forecast.", "Finance", ("Maeve Dolan", "PERSON")),
    ("It used data from Vaani, the government's speech data programme.", None, ("Vaani", "ORG")),
])
def test_a_business_function_before_its_chief_and_a_programme_in_an_apposition(backend, text, absent, expected):
    found = {(m.text, m.label) for m in enrich.analyse("Title", text, dt.date(2025, 9, 15)).entities}
    assert expected in found and absent not in {name for name, _ in found}, found


def test_a_club_named_after_its_city_stays_a_club_in_a_list_with_a_city(backend):
    text = "Valdivia Basket will face either Real Madrid or Barcelona in the final, which starts on Thursday."
    found = {(m.text, m.label) for m in enrich.analyse("Title", text, dt.date(2025, 9, 15)).entities}
    assert ("Real Madrid", "ORG") in found, found


@pytest.mark.parametrize("text, expected", [
    ("Barnstow City came from a goal down to beat Leek Town at home on Saturday. The manager said the league "
     "season was long and relegation was still possible.", {("Leek Town", "ORG")}),
    ("Fans in Mexico City watched the match. The coach said the league season and the goals mattered.",
     {("Mexico City", "GPE")}),
])
def test_a_town_and_city_town_or_county_is_its_club_in_a_sports_report(backend, text, expected):
    found = {(m.text, m.label) for m in enrich.analyse("Title", text, dt.date(2025, 9, 15)).entities}
    assert expected <= found, found


@pytest.mark.parametrize("text, expected", [
    ("Sinn Féin councillor Aoife Brannock said the plan was rushed.", ("Sinn Féin", "ORG")),
    ("It ordered two ferries from Norway's Havbris Verft for 900 million crowns.", ("Havbris Verft", "ORG")),
    ("The fire spread towards the coast at Kato Almyri overnight.", ("Kato Almyri", "GPE")),
    ("Police closed part of the Moreas Odos motorway for three hours.", ("Moreas Odos", "FAC")),
])
def test_parties_before_members_shipyards_coasts_and_motorways(backend, text, expected):
    assert expected in {(m.text, m.label) for m in enrich.analyse("Title", text, dt.date(2025, 9, 15)).entities}


def test_a_portfolio_before_a_councillor_is_no_party(backend):
    found = {m.text for m in enrich.analyse("Title", "Housing councillor Thandi Mokoena said talks would resume.",
                                            dt.date(2025, 9, 15)).entities}
    assert "Housing" not in found, found
