"""Messages coming in: text that is not valid Unicode is repaired once, at the door."""

from __future__ import annotations

from bot.messages import ChannelRef, Incoming, UserRef, labels_only, person, show_people, well_formed
from tests.people import TENANT


def test_lone_surrogates_and_undecodable_bytes_become_replacement_characters() -> None:
    typed = b"caf\xe9 \xff ok".decode("utf-8", "surrogateescape")
    assert well_formed(typed) == "caf\ufffd \ufffd ok"
    assert well_formed("half a pair \ud83d here") == "half a pair \ufffd here"


def test_a_pair_split_into_halves_is_joined_and_valid_text_is_left_alone() -> None:
    assert well_formed("smile \ud83d\ude00") == "smile \U0001f600"
    assert well_formed("Zürich 北京 🙂") == "Zürich 北京 🙂"


def test_incoming_text_and_names_are_always_storable() -> None:
    user = UserRef(TENANT, "ada", "Ada \udcff")
    message = Incoming(user, ChannelRef(TENANT, "dm-ada", is_direct=True), "ideas add \ud800")
    assert message.text.encode("utf-8") == "ideas add \ufffd".encode()
    assert message.user.label == "Ada \ufffd"


def test_a_person_marker_shows_as_the_id_where_a_platform_has_no_mention_and_cannot_be_typed() -> None:
    text = f"{person('1500000000000000002')} is now a facilitator."
    assert labels_only(text) == "1500000000000000002 is now a facilitator."
    assert show_people(text, lambda uid: f"<@{uid}>") == "<@1500000000000000002> is now a facilitator."
    typed = Incoming(UserRef(TENANT, "ada"), ChannelRef(TENANT, "c"), text)
    assert show_people(typed.text, lambda uid: "PINGED") == labels_only(text)
