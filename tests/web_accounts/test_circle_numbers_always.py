"""On a numbered chart (the influence circle: the page, the PDF and the deck number its dots alike) every dot shows
its number, and the list under the chart names it by that number. In a crowded ring of the deck, where not even
"[14]" found a free spot, one dot had no number at all and the list named it without one, so a reader could not
tell which dot it was (a reviewer's trial)."""

from __future__ import annotations

from battlemap.accounts.chart_labels import Dot, place_labels


def _crowded(n: int) -> list[Dot]:
    # n people on a short arc of one ring, each a long name: far more labels than the space beside them holds
    return [
        Dot(
            x=100 + (i % 6) * 9,
            y=100 + (i // 6) * 9,
            name=f"分管数字化副总经理{i}",
            kind="person",
            detail="",
            ring="ring2",
            number=i + 1,
            font=20,
        )
        for i in range(n)
    ]


def test_every_numbered_dot_shows_its_number_or_is_listed_by_it():
    for bounds in ((0, 0, 400, 400), (60, 60, 220, 220)):  # crowded, then with no room even for every number
        dots = _crowded(36)
        place_labels(dots, bounds)
        for d in dots:
            if d.show_label:
                assert d.text.startswith(f"[{d.number}]"), d.text
            assert not d.listed or d.listed.startswith(f"[{d.number}] "), d.listed
            assert d.show_label or d.listed  # no dot unnamed on both
        assert any(not d.show_label for d in dots)  # the test is about a ring too crowded for every number


def test_an_unnumbered_chart_still_lists_what_finds_no_room_unlabelled():
    dots = _crowded(36)
    for d in dots:
        d.number = 0
    place_labels(dots, (60, 60, 220, 220))
    hidden = [d for d in dots if not d.show_label]
    assert hidden and all(d.listed and not d.listed.startswith("[") for d in hidden)
