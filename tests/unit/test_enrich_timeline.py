"""Timeline resolution as a reader would check it: the right date for each dated phrase."""
import datetime as dt

import pytest

from tidings import enrich


def dates(text: str, published: dt.date | None) -> dict[str, str]:
    return {t.expression: t.date for t in enrich.analyse("Title", text, published).timeline}


WED = dt.date(2025, 2, 26)


@pytest.mark.parametrize("text, expected", [
    ("Diplomats will meet in Istanbul on Thursday.", "2025-02-27"),
    ("The minister said on Wednesday that talks had failed.", "2025-02-26"),
    ("The minister said on Monday that talks had failed.", "2025-02-24"),
    ("The two leaders will meet on Monday in Riyadh.", "2025-03-03"),
    ("The State Department said Thursday’s talks will not include Ukraine.", "2025-02-27"),
    ("Officials met last Thursday in Geneva.", "2025-02-20"),
    ("The talks resume next Wednesday, officials said.", "2025-03-05"),
])
def test_weekday_follows_tense(backend, text, expected):
    assert list(dates(text, WED).values()) == [expected]


@pytest.mark.parametrize("published, text, expected", [
    (dt.date(2024, 12, 30), "Leaders will gather in Brussels on January 15.", "2025-01-15"),
    (dt.date(2024, 12, 30), "A formal summit will follow in March.", "2025-03"),
    (dt.date(2025, 1, 3), "Inflation rose in December, the agency said.", "2024-12"),
    (dt.date(2024, 1, 2), "A smaller quake had shaken the area on Dec. 28.", "2023-12-28"),
    (dt.date(2023, 12, 31), "The minister will meet unions on January 8.", "2024-01-08"),
    (dt.date(2025, 3, 1), "The court ruled on February 29 that the law was void.", "2024-02-29"),
])
def test_dates_without_year_cross_new_year_both_ways(backend, published, text, expected):
    assert list(dates(text, published).values()) == [expected]


@pytest.mark.parametrize("published, phrase, expected", [
    (dt.date(2024, 12, 30), "next week", "2025-W02"),
    (dt.date(2024, 12, 30), "last week", "2024-W52"),
    (dt.date(2025, 1, 2), "this week", "2025-W01"),
    (dt.date(2021, 1, 4), "last week", "2020-W53"),
    (dt.date(2024, 3, 22), "two weeks ago", "2024-W10"),
    (dt.date(2024, 2, 29), "three days ago", "2024-02-26"),
    (dt.date(2024, 2, 29), "yesterday", "2024-02-28"),
    (dt.date(2024, 2, 29), "tomorrow", "2024-03-01"),
    (dt.date(2024, 1, 15), "last month", "2023-12"),
    (dt.date(2024, 1, 15), "earlier this month", "2024-01"),
    (dt.date(2024, 1, 15), "last year", "2023"),
    (dt.date(2024, 12, 31), "next year", "2025"),
])
def test_relative_periods(backend, published, phrase, expected):
    items = enrich.analyse("T", f"The agency reported the figures {phrase}.", published).timeline
    assert [(t.expression.lower().endswith(phrase.split()[-1]), t.date) for t in items] == [(True, expected)]


@pytest.mark.parametrize("text, expected", [
    ("Fighting raged over the weekend.", "2025-W08"),
    ("Talks will continue over the weekend.", "2025-W09"),
    ("Voters went to the polls this past weekend.", "2025-W08"),
    ("Two years ago, she won the vote.", "2023"),
    ("A decade ago, he left the party.", "2015"),
    ("Shipments resume end-March.", "2025-03"),
    ("The law takes effect early next month.", "2025-03"),
])
def test_more_relative_expressions(backend, text, expected):
    assert list(dates(text, WED).values()) == [expected]


@pytest.mark.parametrize("published, text, expected", [
    # A verb keeps the date right after it: "called" says nothing about Tuesday.
    (dt.date(2023, 12, 31), "Unions called on Sunday for a strike starting on Tuesday, threatening to disrupt travel.",
     {"Sunday": "2023-12-31", "Tuesday": "2024-01-02"}),
    # Coordinated dates share a tense.
    (dt.date(2024, 8, 1), "Inflation had fallen back to target in May and June, the governor said.",
     {"May": "2024-05", "June": "2024-06"}),
    # "until" after a past verb: the nearer side.
    (dt.date(2024, 12, 30), "She has cancelled her travel plans until mid-January.", {"mid-January": "2025-01"}),
    (dt.date(2024, 3, 22), "The bill funds the government through September 30.", {"September 30": "2024-09-30"}),
    # A past intention verb without "to" is a past verb.
    (dt.date(2026, 11, 26), "The ceasefire, agreed in October, is due to end on Sunday.",
     {"October": "2026-10", "Sunday": "2026-11-29"}),
    # A future verb reaches over a date to the next verb it governs; a past one does not.
    (dt.date(2026, 11, 26), "The minister will travel to Brussels on Sunday and meet her counterparts on Monday "
     "morning.", {"Sunday": "2026-11-29", "Monday morning": "2026-11-30"}),
])
def test_tense_is_read_per_expression(backend, published, text, expected):
    assert dates(text, published) == expected


def test_week_items_have_week_precision(backend):
    item = enrich.analyse("T", "They met last week.", WED).timeline[0]
    assert (item.date, item.precision) == ("2025-W08", "week")


@pytest.mark.parametrize("text, expected", [
    ("The call took place on February 12, 2024.", ("2024-02-12", "day")),
    ("The deal was signed on 12 February 2024.", ("2024-02-12", "day")),
    ("The vote was held on Feb. 12, 2024.", ("2024-02-12", "day")),
    ("Work starts in mid-March 2026.", ("2026-03", "month")),
    ("The plant closed at the end of June 2023.", ("2023-06", "month")),
    ("The country joined the bloc in 2004.", ("2004", "year")),
    ("Emissions must fall by 2030.", ("2030", "year")),
    ("Prices have risen since October 2022.", ("2022-10", "month")),
])
def test_absolute_dates_keep_their_precision(backend, text, expected):
    items = enrich.analyse("T", text, WED).timeline
    assert [(t.date, t.precision) for t in items] == [expected]


@pytest.mark.parametrize("text", [
    "The three-year war has killed thousands.",
    "The strike lasted nine days.",
    "After three years of war, both sides are exhausted.",
    "Talks continued for two weeks at 10:30 each morning.",
    "We may see a deal soon, and protesters March on the capital.",
    "Former prime minister Theresa May said the plan was flawed.",
    "The Sun reported that 2,000 troops had arrived.",
    "Shoppers queued for Black Friday deals and Super Tuesday results.",
    "Boris Johnson and May clashed over the plan.",
])
def test_durations_and_lookalikes_are_not_events(backend, text):
    assert dates(text, WED) == {}


def test_may_after_another_month_is_the_month(backend):
    assert dates("Prices fell between April and May.", dt.date(2019, 6, 14)) == {"April": "2019-04", "May": "2019-05"}


def test_a_named_weekday_picks_the_year(backend):
    # November 19 was a Tuesday in 2019, not in 2018: the weekday settles the year.
    assert dates("The report, released on Tuesday, November 19, was withdrawn.", dt.date(2019, 6, 14)) == {
        "Tuesday, November 19": "2019-11-19"}


def test_possessive_dates_count(backend):
    found = dates("Last year’s budget was cut. Thursday's vote will decide.", WED)
    assert found == {"Last year": "2024", "Thursday": "2025-02-27"}


def test_a_publication_timestamp_counts_by_its_day(backend):
    assert dates("Diplomats will meet on Thursday.", dt.datetime(2025, 2, 26, 18, 30)) == {"Thursday": "2025-02-27"}


def test_without_publication_date_only_absolute_dates(backend):
    found = dates("On Monday, ministers recalled the treaty signed on March 3, 2021, and met again last week.", None)
    assert found == {"March 3, 2021": "2021-03-03"}


def test_offsets_and_sentences_point_into_the_text(backend):
    text = ("Russian and US diplomats will meet on Thursday. Both sides said so on Wednesday.\n\n"
            "A call between the leaders took place on February 12, followed by a meeting last week.")
    items = enrich.analyse("T", text, WED).timeline
    assert len(items) == 4
    assert [t.start for t in items] == sorted(t.start for t in items)
    for t in items:
        assert text[t.start:t.end] == t.expression
        assert text[t.sentence_start:t.sentence_end] == t.sentence
        assert t.sentence_start <= t.start < t.end <= t.sentence_end
    assert items[1].sentence == "Both sides said so on Wednesday."


SUN_29_NOV_2026 = dt.date(2026, 11, 29)


@pytest.mark.parametrize("text, expected", [
    # the weekday belongs to the clause "to stay home", not to "asked"
    ("Officials asked residents to stay home on Monday evening.", {"Monday evening": "2026-11-30"}),
    ("Police on Friday told drivers to avoid the bridge until Tuesday.", {"Friday": "2026-11-27", "Tuesday": "2026-12-01"}),
    ("The mayor said on Monday that the bridge had reopened.", {"Monday": "2026-11-23"}),
    ("She wrote to the minister on Monday.", {"Monday": "2026-11-23"}),
])
def test_weekday_takes_tense_of_its_own_clause(backend, text, expected):
    assert dates(text, SUN_29_NOV_2026) == expected


def test_weekday_naming_a_schedule_is_no_date(backend):
    assert dates("The council restored Sunday hours at three libraries on Tuesday.", SUN_29_NOV_2026) == {
        "Tuesday": "2026-11-24"}


THU_2_JUL_2026 = dt.date(2026, 7, 2)


@pytest.mark.parametrize("text, expected", [
    # a timetable in the present tense looks ahead, with or without a tagger
    ("The regional assembly sits on Tuesday to debate the levy.", {"Tuesday": "2026-07-07"}),
    ("The harvest festival opens on Saturday in the old market.", {"Saturday": "2026-07-04"}),
    ("The tribunal breaks for its summer recess in August.", {"August": "2026-08"}),
    ("The watchdog publishes its ruling on Wednesday.", {"Wednesday": "2026-07-08"}),
    # what is put off is put off to a later date, whatever the tense of the putting off
    ("The magistrate postponed the sentencing to September 14.", {"September 14": "2026-09-14"}),
    # "from" keeps the future a modal gives it
    ("The port said it would charge the new fees from Monday.", {"Monday": "2026-07-06"}),
])
def test_present_scheduling_and_deferrals_look_ahead(backend, text, expected):
    assert dates(text, THU_2_JUL_2026) == expected


@pytest.mark.parametrize("text, expected", [
    ("The ferry sank on Tuesday and divers reached it the following morning.",
     {"Tuesday": "2026-06-30", "the following morning": "2026-07-01"}),
    ("The vote was held on June 20. Results came the next day.", {"June 20": "2026-06-20", "the next day": "2026-06-21"}),
    ("The striker trained on Sunday; he had flown in the previous evening.",
     {"Sunday": "2026-06-28", "the previous evening": "2026-06-27"}),
    ("The agency will publish its figures by the end of the month.", {"the end of the month": "2026-07"}),
    ("Sea levels could rise by a metre by 2150.", {"2150": "2150"}),
])
def test_days_counted_from_the_last_date_and_current_periods(backend, text, expected):
    assert dates(text, THU_2_JUL_2026) == expected


def test_the_following_day_without_an_earlier_day_is_left_out(backend):
    assert dates("Rescuers returned the following day.", THU_2_JUL_2026) == {}


MON_5_OCT_2026 = dt.date(2026, 10, 5)


@pytest.mark.parametrize("text, expected", [
    # no tense word: the sentence's "next Sunday" gives the way
    ("Their rivals visit Hobart next Sunday, while Launceston host Devonport on Friday.",
     {"next Sunday": "2026-10-11", "Friday": "2026-10-09"}),
    # what someone expects or forecasts lies ahead; "than expected" tells nothing
    ("The chairman told shareholders he expected no new plants before the vote in December.",
     {"December": "2026-12"}),
    ("Sales in September were higher than expected.", {"September": "2026-09"}),
])
def test_direction_from_the_sentence_and_from_expectations(backend, text, expected):
    assert dates(text, MON_5_OCT_2026) == expected


def test_last_night_and_this_morning_are_days_around_publication(backend):
    assert dates("The gale struck last night and the ferries sailed again this morning.", THU_2_JUL_2026) == {
        "last night": "2026-07-01", "this morning": "2026-07-02"}


THU = dt.date(2026, 4, 30)


@pytest.mark.parametrize("text, expected", [
    # a day something is called, set or booked for lies ahead, whatever the tense of the calling
    ("Unions have called a rally outside the town hall for Monday.", {"Monday": "2026-05-04"}),
    ("The committee booked the main hall for Tuesday, its chairman said.", {"Tuesday": "2026-05-05"}),
    # the comma of "900,000" does not end the clause that holds "will"
    ("The city will begin vaccinating about 900,000 people from Monday after cases passed 2,000.",
     {"Monday": "2026-05-04"}),
])
def test_a_day_set_for_and_a_number_with_commas(backend, text, expected):
    assert dates(text, THU) == expected


@pytest.mark.parametrize("text, expected", [
    ("The mill closed in 2011 and reopened three years later under new owners.",
     {"2011": "2011", "three years later": "2014"}),
    ("She moved to Lisbon in 1987. A year later she opened her first studio.",
     {"1987": "1987", "A year later": "1988"}),
    ("Ridership reached 2 million in 2025, up 8% from the year before.", {"2025": "2025", "the year before": "2024"}),
    ("A storm struck in 2019. In October that year, the river burst its banks, and a flood the following month "
     "closed the bridge.", {"2019": "2019", "In October that year": "2019-10", "the following month": "2019-11"}),
])
def test_periods_counted_from_the_last_date_named(backend, text, expected):
    assert dates(text, THU) == expected


def test_the_year_before_a_clause_is_no_date_of_its_own(backend):
    text = "Sales were the highest since 2008, the year before prices crashed."
    assert dates(text, THU) == {"2008": "2008"}


@pytest.mark.parametrize("text, expected", [
    ("The survey team reached bedrock in January last year.", {"January last year": "2026-01"}),
    ("The comet was first seen on March 3 last year. The following night it was gone.",
     {"March 3 last year": "2026-03-03", "The following night": "2026-03-04"}),
    ("The new line opens in February next year, the operator said.", {"February next year": "2028-02"}),
])
def test_a_month_with_last_or_next_year_is_one_date(backend, text, expected):
    assert dates(text, dt.date(2027, 6, 1)) == expected


@pytest.mark.parametrize("text, expected", [
    ("Frost struck three weeks after an unusually warm March pushed the vines into early growth.",
     {"March": "2026-03"}),
    ("Farmers said it had been the wettest May anyone could remember.", {"May": "2025-05"}),
    ("Growers said the frost may return, and Theresa May agreed.", {}),
])
def test_a_described_march_or_may_is_the_month(backend, text, expected):
    assert dates(text, dt.date(2026, 4, 14)) == expected


SUN = dt.date(2025, 4, 13)  # a Sunday


@pytest.mark.parametrize("text, expected", [
    # a state after "stay"/"remain" is no past tense
    ("Libraries in the county will stay closed on Monday.", "2025-04-14"),
    ("The bridge will remain shut until Friday.", "2025-04-18"),
    # a final score tells of a game played
    ("Harlow beat Stevenage 3-1 at home on Saturday night.", "2025-04-12"),
    ("The loss leaves Harlow fourth after a 0-0 draw with Bexley on Friday.", "2025-04-11"),
    # "after" + -ing may lie before the main verb's time: the nearest day
    ("Harlow will play in the final after beating Stevenage by six points on Saturday.", "2025-04-12"),
])
def test_tense_marks_that_are_not_verbs(backend, text, expected):
    assert list(dates(text, SUN).values()) == [expected]


def test_plural_timetable_verb_points_ahead():
    assert list(dates("Bexley, who have lost twice, play Hythe in Dover on Thursday.", SUN).values()) == ["2025-04-17"]
    assert list(dates("The regional elections, which take place in May, were delayed.", dt.date(2025, 1, 10)
                      ).values())[0] == "2025-05"


def test_quotes_after_an_evening_game_count_from_the_game(backend):
    text = ("Harlow beat Stevenage 3-1 on Saturday night to go top of the table.\n\n"
            "\"We will enjoy tonight and rest tomorrow,\" the Harlow coach said. The team trains again on Tuesday.")
    assert list(dates(text, SUN).values()) == ["2025-04-12", "2025-04-12", "2025-04-13", "2025-04-15"]
    daytime = ("Thousands were evacuated from Lenham on Saturday after the river burst its banks.\n\n"
               "\"Tomorrow the first money will reach the town,\" the minister told reporters.")
    assert list(dates(daytime, SUN).values()) == ["2025-04-12", "2025-04-14"]


def test_a_date_takes_the_year_its_weekday_fixes_elsewhere(backend):
    text = ("The council voted on Friday to make buses free from September 1. "
            "The first free buses will run on Tuesday, September 1.")
    assert list(dates(text, dt.date(2026, 1, 31)).values()) == ["2026-01-30", "2026-09-01", "2026-09-01"]


@pytest.mark.parametrize("published, text, expected", [
    (dt.date(2026, 3, 3), "Her bill has risen by $20 since last spring.", [("last spring", "2025")]),
    (dt.date(2025, 10, 2), "The ferry will return next summer.", [("next summer", "2026")]),
    (dt.date(2026, 8, 12), "The grid faces a shortfall from the summer of 2027-28.", [("2027-28", "2027")]),
    (dt.date(2026, 8, 12), "The plan covered 2020-24 and 2015.", [("2015", "2015")]),
    (dt.date(2025, 5, 29), "The bank was founded in 1881 by wool merchants.", [("1881", "1881")]),
    (dt.date(2025, 12, 13), "Works will close the line on December 27 and 28, with buses instead.",
     [("December 27", "2025-12-27"), ("28", "2025-12-28")]),
    (dt.date(2025, 12, 13), "On March 3 and 12 people were hurt.", [("March 3", "2025-03-03")]),
])
def test_seasons_spans_of_years_old_years_and_second_days(backend, published, text, expected):
    assert [(t.expression, t.date) for t in enrich.analyse("T", text, published).timeline] == expected


@pytest.mark.parametrize("published, text, expected", [
    # a relative clause's verb ("that is") does not give its tense to a date outside its clause
    (dt.date(2026, 6, 10), "Divers mapped 30 wrecks off Umluj, the town that is home to the fleet, in March and April.",
     ["2026-03", "2026-04"]),
    # after "would", the past of an "as" or "if" clause is the future seen from the past
    (dt.date(2026, 2, 21), "Forecasters said the storm would stall and weaken as it drifted towards Ono on Sunday.",
     ["2026-02-22"]),
    (dt.date(2026, 2, 21), "The ferry company said it would sail to Kadavu, Koro and Gau on Monday if the swell "
     "eased.", ["2026-02-23"]),
    # a verb whose past is its bare form, before "its", is the past ("cut its rate"); "to cut its" is not
    (dt.date(2025, 11, 14), "The reserve bank cut its main rate in July and is expected to hold it.", ["2025-07"]),
    (dt.date(2025, 11, 14), "The lender plans to cut its fees in February.", ["2026-02"]),
    # a plural timetable verb tells the present ("go on sale"); a third person's verb in -s too
    (dt.date(2026, 3, 12), "Season passes go on sale on Monday, the club said.", ["2026-03-16"]),
    (dt.date(2026, 9, 15), "Its shares rose 4% in Oslo, and it reports annual results on November 3.", ["2026-11-03"]),
    # what is decided starts "from" a date that may lie on either side of the deciding
    (dt.date(2025, 7, 8), "The council approved a bylaw banning plastic straws in its markets from January 1.",
     ["2026-01-01"]),
    (dt.date(2026, 6, 10), "Scientists said last summer's drought had shrunk the lake by a third.", ["2025"]),
])
def test_relative_and_subordinate_clauses_bare_pasts_and_decisions(backend, published, text, expected):
    assert list(dates(text, published).values()) == expected


def test_the_day_something_was_said_does_not_anchor_the_following_month(backend):
    text = ("The tour of Kenya begins in Mombasa on April 21. "
            "The board said on Tuesday that a one-day series would be played in Nairobi the following month.")
    assert dates(text, dt.date(2026, 3, 25))["the following month"] == "2026-05"


@pytest.mark.parametrize("published, text, expected", [
    (dt.date(2025, 9, 15), "The firm said it would refund users of its paid plans from October 1.", {"October 1": "2025-10-01"}),
    (dt.date(2025, 9, 15), "Officials said the closed road would reopen on October 3.", {"October 3": "2025-10-03"}),
    (dt.date(2025, 11, 20), "The next launch is scheduled for May, the agency said.", {"May": "2026-05"}),
    (dt.date(2025, 11, 20), "Voters chose May as their leader in 2016.", {"2016": "2016"}),
])
def test_a_participle_after_its_describes_and_scheduled_for_names_the_month(backend, published, text, expected):
    assert dates(text, published) == expected


@pytest.mark.parametrize("published, text, expected", [
    (dt.date(2026, 7, 12), "Tarvesk beat Holm by 87 runs at the Oval on Saturday to take a 2-0 lead.",
     {"Saturday": "2026-07-11"}),
    (dt.date(2025, 8, 6), "The race continues on Thursday with a flat stage, before a time trial on Saturday and the "
     "finale on Sunday.", {"Thursday": "2025-08-07", "Saturday": "2025-08-09", "Sunday": "2025-08-10"}),
    (dt.date(2024, 9, 1), "The county told schools and government offices to stay closed on Monday.",
     {"Monday": "2024-09-02"}),
    (dt.date(2026, 6, 2), "The second line, from Giza to 6th of October City, would open in December.",
     {"December": "2026-12"}),
])
def test_counted_nouns_a_timetables_later_days_long_requests_and_dates_inside_names(backend, published, text,
                                                                                     expected):
    assert dates(text, published) == expected


@pytest.mark.parametrize("published, text, expected", [
    (dt.date(2024, 9, 26), "It was the third outage this year, after shorter ones in March and April.",
     {"this year": "2024", "March": "2024-03", "April": "2024-04"}),
    (dt.date(2026, 1, 26), "The weather service forecast more snow on Wednesday and Thursday.",
     {"Wednesday": "2026-01-28", "Thursday": "2026-01-29"}),
    (dt.date(2025, 3, 11), "The processor cut its volume forecast in January, and rivals raised prices.",
     {"January": "2025-01"}),
])
def test_this_years_months_and_what_a_forecaster_forecasts(backend, published, text, expected):
    assert dates(text, published) == expected


@pytest.mark.parametrize("published, text, expected", [
    (dt.date(2026, 8, 23), "The probe was launched in November 2013 and reached Mars in September the following year.",
     {"November 2013": "2013-11", "in September the following year": "2014-09"}),
    (dt.date(2026, 5, 10), "The governor said she would tour damaged areas around Wellington on Monday.",
     {"Monday": "2026-05-11"}),
    (dt.date(2024, 2, 29), "It will open in London on April 12, 2025, and move to Stratford, Ontario, in August.",
     {"April 12, 2025": "2025-04-12", "August": "2025-08"}),
    (dt.date(2025, 7, 3), "In May the company signed a contract, and it is building a new line.", {"May": "2025-05"}),
])
def test_a_month_of_the_following_year_participles_after_would_a_years_later_months_and_may(backend, published,
                                                                                             text, expected):
    assert dates(text, published) == expected


@pytest.mark.parametrize("published, text, expected", [
    (dt.date(2025, 7, 23), "The ministry said it had summoned the firm's executives to a meeting on Friday.",
     {"Friday": "2025-07-25"}),
    (dt.date(2025, 8, 29), "Wesfarmers, the owner of Bunnings, reports its results on Thursday.", {"Thursday": "2025-09-04"}),
    (dt.date(2025, 8, 29), "The board declared a final dividend of 17 cents a share, payable on November 17.",
     {"November 17": "2025-11-17"}),
    (dt.date(2025, 5, 8), "The board recommended a dividend, to be paid after the meeting on August 7.",
     {"August 7": "2025-08-07"}),
    (dt.date(2024, 12, 15), "Play on Saturday was suspended for three hours because of lightning.",
     {"Saturday": "2024-12-14"}),
    (dt.date(2024, 12, 15), "The win lifts him to fourth and earns him a start at Royal Portrush in July.",
     {"July": "2025-07"}),
    (dt.date(2025, 5, 8), "Apollo said in February it would raise prices by 2% from April 1.",
     {"February": "2025-02", "April 1": "2025-04-01"}),
    (dt.date(2026, 10, 29), "He would start Okada, who beat the Tigers in game one on Saturday.",
     {"Saturday": "2026-10-24"}),
])
def test_meetings_summoned_to_results_dividends_sentence_nouns_objects_and_the_future_of_a_past_telling(
        backend, published, text, expected):
    assert dates(text, published) == expected


def test_a_past_date_that_tells_nothing_leaves_a_future_date_to_publication(backend):
    text = "Cars registered before September 2015 will pay £9 a day from April 6."
    assert dates(text, dt.date(2025, 9, 19)) == {"September 2015": "2015-09", "April 6": "2026-04-06"}


@pytest.mark.parametrize("text, expected", [
    ("The suspect was later found to be carrying a knife on Monday.", {"Monday": "2025-03-10"}),
    ("The crowd surged towards them on Saturday.", {"Saturday": "2025-03-08"}),
    ("She told reporters she went to a meeting on Friday.", {"Friday": "2025-03-07"}),
    ("On Saturday City beat Arsenal 2-1.", {"Saturday": "2025-03-08"}),
])
def test_found_to_be_towards_them_told_to_a_meeting_and_a_weekday_before_a_clubs_name(backend, text, expected):
    assert dates(text, dt.date(2025, 3, 12)) == expected


@pytest.mark.parametrize("published, text, expected", [
    # a bare past after a singular name ("cut", not "cuts")
    (dt.date(2026, 1, 14), "The Reserve Bank of Vorland cut interest rates to 2.5% in November and next meets on "
     "March 3.", {"November": "2025-11", "March 3": "2026-03-03"}),
    # weekdays joined by "and" follow each other
    (dt.date(2025, 10, 11), "Dancers walked out on Friday after pay talks broke down, forcing the ballet to cancel"
     " shows on Saturday and Sunday.",
     {"Friday": "2025-10-10", "Saturday": "2025-10-11", "Sunday": "2025-10-12"}),
    (dt.date(2025, 10, 15), "Talks were held on Monday and Tuesday.", {"Monday": "2025-10-13", "Tuesday": "2025-10-14"}),
    # what is cancelled or kept "until" a day runs on to it
    (dt.date(2026, 4, 18), "The district cancelled lessons until Wednesday.", {"Wednesday": "2026-04-22"}),
    # what "is likely" lies ahead, a likely past participle does not
    (dt.date(2026, 4, 18), "Forecasters said more storms were likely across the plains on Monday.",
     {"Monday": "2026-04-20"}),
    (dt.date(2026, 4, 18), "The blaze was likely started by a cigarette on Monday.", {"Monday": "2026-04-13"}),
    # a closing price lies behind; a participle after "any" describes a noun
    (dt.date(2026, 2, 11), "The bid is a 30% premium to the miner's closing price on Monday.", {"Monday": "2026-02-09"}),
    (dt.date(2026, 2, 11), "Investors would vote on any agreed offer at a meeting in May.", {"May": "2026-05"}),
])
def test_bare_pasts_weekday_pairs_until_likely_closing_prices_and_any_agreed(backend, published, text, expected):
    assert dates(text, published) == expected


@pytest.mark.parametrize("published, text, expected", [
    (dt.date(2025, 10, 16), "Rivals Harvo and Stenvik, which report results on October 22, both slipped.",
     {"October 22": "2025-10-22"}),
    (dt.date(2025, 10, 14), "A singer who helped take the old songs to halls around the world, died on Sunday at home.",
     {"Sunday": "2025-10-12"}),
])
def test_the_plural_of_reports_and_short_pasts_in_ed(backend, published, text, expected):
    assert dates(text, published) == expected


@pytest.mark.parametrize("text, expected", [
    ("Officials said on Friday, Thursday's storm killed two people.",
     {"Friday": "2026-02-27", "Thursday": "2026-02-26"}),
    ("Will the Bank of Vorland cut rates in December?", {"December": "2026-12"}),
    ("The deal will let Ryanvo cut fares in June.", {"June": "2026-06"}),
    ("She kept the title until Sunday, when she lost to Mira Kovac.", {"Sunday": "2026-03-01"}),
    ("The bridge was closed until Monday, when crews reopened it.", {"Monday": "2026-03-02"}),
    ("Turnout was likely higher on Sunday than in the last vote.", {"Sunday": "2026-03-01"}),
    ("The price will be set at the closing price on Friday.", {"Friday": "2026-03-06"}),
])
def test_the_limits_of_weekday_pairs_bare_pasts_until_likely_and_closing_prices(backend, text, expected):
    assert dates(text, dt.date(2026, 3, 4)) == expected


def test_a_premium_to_a_companys_closing_price_looks_back_after_a_future(backend):
    text = "Ardvo will pay 410 pence a share, a 38% premium to Caldvo's closing price on Friday."
    assert dates(text, dt.date(2025, 6, 3)) == {"Friday": "2025-05-30"}


def test_a_capitalised_word_inside_a_sentence_is_no_verb(backend):
    text = "Vargo said a knee problem had troubled him since the Pacific Open in January."
    assert dates(text, dt.date(2026, 2, 16)) == {"January": "2026-01"}


@pytest.mark.parametrize("published, text, expected", [
    (dt.date(2026, 3, 30), "The airlines would keep both brands until at least 2028.", {"2028": "2028"}),
    (dt.date(2026, 3, 30), "They ran the scheme from at least 2019 until 2024.", {"2019": "2019", "2024": "2024"}),
    (dt.date(2026, 3, 30), "At least 2000 people marched.", {}),
    (dt.date(2026, 1, 27), "The service issued a red rain warning for the district until 6 p.m. on Wednesday.",
     {"Wednesday": "2026-01-28"}),
])
def test_years_after_at_least_and_a_warning_issued_until_a_day(backend, published, text, expected):
    assert dates(text, published) == expected


@pytest.mark.parametrize("text, expected", [
    ("Forecasters said more thunderstorms were possible on Wednesday in the valley.", {"Wednesday": "2026-07-08"}),
    ("Rescue was possible only after the river fell on Saturday.", {"Saturday": "2026-07-04"}),
])
def test_what_is_possible_on_a_day_lies_ahead(backend, text, expected):
    assert dates(text, dt.date(2026, 7, 6)) == expected


def test_what_someone_expects_to_do_lies_ahead_after_a_past_clause(backend):
    text = "Growers are spraying the vines, which have suffered in past years, and expect to finish in March."
    assert dates(text, dt.date(2025, 10, 9)) == {"March": "2026-03"}


@pytest.mark.parametrize("published, text, expected", [
    (dt.date(2025, 12, 28), "The rider died on Christmas Eve at his ranch.", {"Christmas Eve": "2025-12-24"}),
    (dt.date(2025, 12, 28), "The shops will open again on New Year's Day.", {"New Year's Day": "2026-01-01"}),
    (dt.date(2025, 5, 31), "Banks must comply with rules that take effect in January.", {"January": "2026-01"}),
    (dt.date(2025, 5, 31), "The ban, which comes into force in March, was approved.", {"March": "2026-03"}),
])
def test_holidays_with_a_fixed_day_and_rules_that_take_effect(backend, published, text, expected):
    assert dates(text, published) == expected
