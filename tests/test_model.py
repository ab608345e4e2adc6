"""The Python API of the model validates as the files do: problems with paths."""

from __future__ import annotations

import attrs
import pytest

from blueprint_render import (
    STANDARD_LANES,
    Blueprint,
    BlueprintError,
    Card,
    Flow,
    Lane,
    Owner,
    Phase,
    Side,
    Step,
    ValueChain,
)
from blueprint_render.model import derived_card_id


def steps() -> list[Step]:
    return [
        Step("call", "Call", cards=[Card("Customer calls.", "customer", id="c-call")]),
        Step("wait", "Wait", cards=[Card("Customer waits.", "customer", wait="4 min")]),
    ]


def paths(err: pytest.ExceptionInfo[BlueprintError]) -> list[str]:
    return [p.path for p in err.value.problems]


def test_a_flow_to_an_unknown_card_raises_naming_it() -> None:
    with pytest.raises(BlueprintError) as err:
        Blueprint("b", "B", steps(), flows=[Flow("c-call", "c-wiat")])
    assert paths(err) == ["flows[0].to"]
    assert "no card has the id `c-wiat`" in str(err.value)


def test_flows_may_be_given_as_pairs() -> None:
    bp = Blueprint("b", "B", steps(), flows=[("c-call", "wait.customer.1")])
    assert bp.flows == (Flow("c-call", "wait.customer.1"),)


def test_lanes_out_of_order_across_the_line_of_visibility() -> None:
    lanes = [STANDARD_LANES[1], STANDARD_LANES[3], STANDARD_LANES[2]]
    with pytest.raises(BlueprintError) as err:
        Blueprint("b", "B", steps(), lanes=lanes)
    assert paths(err) == ["lanes[2]"]
    assert "line of visibility" in str(err.value)


def test_a_custom_lane_must_say_its_side() -> None:
    with pytest.raises(ValueError, match="'sky' is not one of 'customer'"):
        Lane("emotions", "Emotions", "sky")  # type: ignore[arg-type]
    assert Lane("emotions", "Emotions", "Customer").side is Side.CUSTOMER  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("spelling", "member"),
    [
        ("Deliver & Support", ValueChain.DELIVER_AND_SUPPORT),
        ("deliver and support", ValueChain.DELIVER_AND_SUPPORT),
        ("obtain-build", ValueChain.OBTAIN_BUILD),
        ("Obtain/Build", ValueChain.OBTAIN_BUILD),
        ("DESIGN_AND_TRANSITION", ValueChain.DESIGN_AND_TRANSITION),
        ("Engage", ValueChain.ENGAGE),
    ],
)
def test_value_chain_spellings(spelling: str, member: ValueChain) -> None:
    assert Step("s", "S", spelling).value_chain is member  # type: ignore[arg-type]


def test_an_unknown_value_chain_lists_the_choices() -> None:
    with pytest.raises(BlueprintError, match="deliver and support"):
        Step("s", "S", "delivery")  # type: ignore[arg-type]


def test_derived_ids_count_cards_per_lane() -> None:
    step = Step(
        "call",
        "Call",
        cards=[
            Card("a", "customer"),
            Card("b", "frontstage"),
            Card("c", "customer", id="mine"),
            Card("d", "customer"),
        ],
    )
    assert [card.id for card in step.cards] == [
        "call.customer.1",
        "mine",
        "call.customer.3",
        "call.frontstage.1",
    ]
    assert derived_card_id("call", "customer", 1) == "call.customer.1"


def test_derived_ids_are_stable_under_evolve() -> None:
    step = Step("call", "Call", cards=[Card("a", "customer")])
    assert attrs.evolve(step, title="Calls").cards == step.cards


def test_duplicate_card_ids_across_steps() -> None:
    twice = [
        Step("a", "A", cards=[Card("x", "customer", id="dup")]),
        Step("b", "B", cards=[Card("y", "customer", id="dup")]),
    ]
    with pytest.raises(BlueprintError) as err:
        Blueprint("b", "B", twice)
    assert paths(err) == ["steps[1].customer[0].id"]


def test_an_owner_must_be_registered() -> None:
    cards = [Card("x", "customer", owner="opz")]
    with pytest.raises(BlueprintError) as err:
        Blueprint("b", "B", [Step("s", "S", cards=cards)], owners=[Owner("ops", "Operations")])
    assert paths(err) == ["steps[0].customer[0].owner"]
    assert "did you mean `ops`?" in str(err.value)


def test_phases_over_unknown_or_scattered_steps() -> None:
    three = [*steps(), Step("talk", "Talk")]
    with pytest.raises(BlueprintError) as err:
        Blueprint("b", "B", three, phases=[Phase("P", ("call", "talk")), Phase("Q", ("nope",))])
    assert paths(err) == ["phases[0].steps", "phases[1].steps[0]"]


def test_handoffs_are_derived_from_owners() -> None:
    cards = [Card("x", "customer", owner="a", id="x"), Card("y", "frontstage", owner="b", id="y")]
    bp = Blueprint(
        "b",
        "B",
        [Step("s", "S", cards=cards)],
        owners={"a": "A", "b": "B"},
        flows=[("x", "y")],
    )
    assert bp.is_handoff(bp.flows[0])


def test_lane_fields_belong_to_their_lane() -> None:
    with pytest.raises(BlueprintError, match="`channel` belongs on frontstage cards"):
        Card("x", "backstage", channel="Voice")


def test_unlisted_standard_lanes_are_hidden() -> None:
    bp = Blueprint("b", "B", steps(), lanes=["customer", "frontstage"])
    assert [lane.key for lane in bp.visible_lanes] == ["customer", "frontstage"]
    assert len(bp.lanes) == len(STANDARD_LANES)


def test_with_card_changes_one_card_and_rechecks() -> None:
    from blueprint_render import example_path, load

    bp = load(example_path())
    risky = bp.with_card("c-wait", fail="Callers hang up.")
    assert risky.card("c-wait").fail == "Callers hang up."
    assert bp.card("c-wait").fail is None
    assert [c.id for s in risky.steps for c in s.cards] == [c.id for s in bp.steps for c in s.cards]
    with pytest.raises(KeyError):
        bp.with_card("no-such-card", fail="x")
    with pytest.raises(BlueprintError, match="not in the registry"):
        bp.with_card("c-wait", owner="nobody")


def test_with_lanes_hidden_hides_and_shows_again() -> None:
    from blueprint_render import example_path, load

    bp = load(example_path())
    hidden = bp.with_lanes_hidden("measures", "evidence")
    assert [lane.key for lane in hidden.visible_lanes] == [
        "customer",
        "frontstage",
        "backstage",
        "systems",
        "policies",
    ]
    assert hidden.with_lanes_hidden("measures", "evidence", hidden=False) == bp
    with pytest.raises(KeyError, match="emotions"):
        bp.with_lanes_hidden("emotions")


def test_a_blueprint_shows_at_least_one_lane() -> None:
    from blueprint_render import example_path, load, loads

    bp = load(example_path())
    with pytest.raises(BlueprintError, match="lanes: every lane is hidden"):
        bp.with_lanes_hidden(*(lane.key for lane in bp.lanes))
    text = example_path().read_text(encoding="utf-8").replace("owners:", "lanes: []\nowners:", 1)
    with pytest.raises(BlueprintError) as caught:
        loads(text, filename="x.yaml")
    (problem,) = caught.value.problems
    assert (problem.path, problem.line) == ("lanes", 10)
