"""Highlights under real concurrency (rule F11): two offers put forward at once never take
a venue past its limit. The twin with the locks switched off shows the race breaking it."""

from functools import partial

from pass_culture import db
from services import highlights
from tests import factories
from tests.postgres.race import run_together, widened_race_window

IMAGE = "/demo/livres-1.svg"


def one_place_left():
    """A venue one highlight short of its limit, and two offers to put forward."""
    offerer = factories.make_offerer()
    pro = factories.make_pro(offerer)
    venue = factories.make_venue(offerer)
    for _ in range(highlights.MAX_PER_VENUE - 1):
        offer = factories.make_offer(venue, image_url=IMAGE)
        highlights.set_highlighted(pro.id, offer.id, True)
    two = [factories.make_offer(venue, image_url=IMAGE) for _ in range(2)]
    return pro, venue, two


def put_both_forward(pro, two):
    with widened_race_window():
        return run_together([partial(highlights.set_highlighted, pro.id, o.id, True) for o in two])


def highlighted(venue) -> int:
    with db.transaction(write=False) as session:
        return highlights.highlighted_count(session, venue.id)


def test_two_offers_put_forward_at_once_never_pass_the_limit(database):
    pro, venue, two = one_place_left()

    outcomes = put_both_forward(pro, two)

    assert sorted(o.code or "ok" for o in outcomes) == ["ok", "too_many_highlights"]
    assert highlighted(venue) == highlights.MAX_PER_VENUE


def test_without_locks_the_limit_is_passed(postgres):
    db.locking_enabled = False
    # On a loaded machine one thread may still start after the other has committed: the
    # race has to show in one of three tries.
    for _ in range(3):
        pro, venue, two = one_place_left()
        outcomes = put_both_forward(pro, two)
        if all(o.ok for o in outcomes):
            break

    assert all(o.ok for o in outcomes), [o.error for o in outcomes]
    assert highlighted(venue) == highlights.MAX_PER_VENUE + 1
