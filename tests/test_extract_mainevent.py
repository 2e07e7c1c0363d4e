"""Where the frame's main-event rules must not reach: news told beside a disaster, a belief
denied or about what is to come, a purpose, a second reporting verb, a body's place."""

from __future__ import annotations

from typing import Any

from tests.test_extract_frame_rules import frame, text


def test_a_deliberate_act_after_a_disaster_is_news_of_its_own(parser: Any) -> None:
    f = frame(parser, "The minister resigned on Monday after a fire killed 20 people in a club.")
    assert (text(f.what) or "").startswith("resigned")
    assert text(f.when) == "Monday"
    f = frame(parser, "The mayor declared an emergency on Tuesday after floods swept the town.")
    assert (text(f.what) or "").startswith("declared")
    assert text(f.when) == "Tuesday"
    f = frame(parser, "Thousands fled their homes after a quake struck the coast on Sunday.")
    assert "quake struck" in (text(f.what) or "")  # an aftermath still gives way


def test_a_time_of_a_backdrop_dates_the_event_it_frames(parser: Any) -> None:
    f = frame(parser, "The mood was tense on Friday when police arrived at the square.")
    assert text(f.when) == "Friday"


def test_a_belief_denied_or_about_the_future_is_no_event(parser: Any) -> None:
    f = frame(parser, "Police do not believe the man shot his neighbour on Friday.")
    assert "shot" not in (text(f.what) or "")
    f = frame(parser, "Police no longer suspect arson caused the fire.")
    assert "caused" not in (text(f.what) or "")
    f = frame(parser, "Analysts think the bank will cut rates next week.")
    assert "cut rates" not in (text(f.what) or "")
    assert text(f.who) != "the bank"


def test_a_purpose_is_no_outcome_and_a_second_reporting_verb_no_act(parser: Any) -> None:
    f = frame(parser, "Police raided the house on Friday to search for weapons.")
    assert "search" not in (text(f.what) or "")
    assert text(f.why) == "to search for weapons"
    f = frame(parser, "The company reported a loss on Monday and said it would cut jobs.")
    assert not (text(f.what) or "").endswith("said")
    f = frame(parser, "The striker scored twice on Saturday to break the club record.")
    assert "to break the club record" in (text(f.what) or "")
    assert f.why is None  # the outcome is in what, not a purpose as well


def test_a_body_in_a_place_places_the_event_though_an_outlet_does_not(parser: Any) -> None:
    f = frame(parser, "Authorities in Chile said a miner was killed on Monday.")
    assert text(f.where) == "Chile"
    f = frame(parser, "A radio station in Peru reported that a miner was killed on Monday.")
    assert f.where is None


def test_what_is_to_come_gives_way_to_the_act_done_before_it(parser: Any) -> None:
    # a modal clause tells a prospect; the act in its clause of "after" is the news
    f = frame(parser, "The team will play in the final after beating its rival on Sunday.")
    assert (text(f.what) or "").startswith("beating")
    assert text(f.who) == "The team"
    assert text(f.when) == "Sunday"
    f = frame(
        parser,
        "The pupils will study in a sports hall this week after a storm wrecked their school "
        "on Saturday.",
    )
    assert "wrecked" in (text(f.what) or "")
    assert text(f.when) == "Saturday"
    # without a modal the main clause keeps its event
    f = frame(parser, "The team played in the final after beating its rival.")
    assert (text(f.what) or "").startswith("played")


def test_a_contests_final_score_is_its_act_beside_a_players_feat(parser: Any) -> None:
    f = frame(
        parser,
        "Mara Quell scored 31 points to become the school's leading scorer and the Harbor Hawks "
        "beat the Pine Valley Owls 78 - 64 on Saturday.",
    )
    assert "78 - 64" in (text(f.what) or "")
    assert text(f.who) == "Mara Quell"
    f = frame(
        parser,
        "Tom Brevik ran for 140 yards, and his late touchdown gave the Riverton Foxes a 27-20 "
        "win over the Lakeside Bears on Sunday.",
    )
    assert "27-20 win" in (text(f.what) or "")
    assert text(f.when) == "Sunday"


def test_a_score_of_another_event_or_of_the_act_itself_leaves_the_act(parser: Any) -> None:
    f = frame(parser, "The Foxes fired coach Lena Ostrova on Monday after a 31-24 loss.")
    assert (text(f.what) or "").startswith("fired")
    f = frame(
        parser,
        "Striker Ivo Marek, who scored twice in a 3-1 win last week, was arrested on Monday.",
    )
    assert "arrested" in (text(f.what) or "")
    f = frame(parser, "The Riverton Foxes beat the Lakeside Bears 27-20 on Sunday.")
    assert (text(f.what) or "").startswith("beat")


def test_a_present_progressive_opening_the_lead_is_its_news(parser: Any) -> None:
    f = frame(
        parser,
        "Senator Alma Ruiz is endorsing Governor Teo Pell's campaign, the latest turn in a long "
        "feud. In a letter posted Friday, Ruiz said she has had differences with Pell.",
    )
    assert (text(f.what) or "").startswith("is endorsing")
    f = frame(
        parser,
        "General Ada Voss is speaking out about the state of the army. In an interview, Voss "
        "made it clear on Monday that she backs the plan.",
    )
    assert (text(f.what) or "").startswith("is speaking")


def test_a_progressive_negated_or_of_no_one_is_no_opening_news(parser: Any) -> None:
    f = frame(
        parser,
        "Governor Teo Pell isn't saying much about the budget. On Friday, Pell vetoed the "
        "transit bill.",
    )
    assert (text(f.what) or "").startswith("vetoed")
    f = frame(
        parser, "Prices are rising across the valley. On Friday, the bank raised its main rate."
    )
    assert (text(f.what) or "").startswith("raised")
