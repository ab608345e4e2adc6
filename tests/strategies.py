"""Hypothesis strategies for whole blueprints: every lane setup, any size, nasty text.

Shared by the file-format, layout and rendering tests.
"""

from __future__ import annotations

import string

import attrs
from hypothesis import strategies as st

from blueprint_render.model import (
    STANDARD_LANES,
    Blueprint,
    Card,
    Flow,
    Lane,
    MeasureKind,
    Owner,
    Phase,
    Side,
    Step,
    ValueChain,
)
from blueprint_render.model.lanes import LANE_FIELDS

__all__ = ["blueprints", "ids", "lane_setups", "nasty_text", "plain_text"]

NASTY_WORDS = (
    # very long words
    "Pneumonoultramicroscopicsilicovolcanoconiosis",
    "Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherung",
    "x" * 90,
    "https://example.invalid/a/very/long/path/that/does/not/break?with=query&and=more",
    # emoji, including ZWJ sequences, skin tones and flags
    "🙂",
    "👩‍💻",
    "👍🏽",
    "🇬🇧🇫🇷",
    "☎️",
    # right-to-left and other scripts
    "שלום",
    "العميل يتصل",
    "顧客が電話する",
    "고객",
    "Ελληνικά",
    "Кириллица",
    "e\u0301te\u0301",
    # markup and escaping
    "<script>alert(1)</script>",
    "&amp;",
    "&",
    '"quoted"',
    "'single'",
    "back\\slash",
    "]]>",
    "{{ x }}",
    "{% raw %}",
    "<!--",
    "-->",
    # what YAML 1.1 and TOML misread
    "no",
    "yes",
    "1.10",
    "12:30",
    "null",
    "~",
    "#",
    "- dash",
    ": colon",
    "@at",
    "%percent",
    "!tag",
    "*star",
    "0x1F",
    "1e3",
)

plain_text = st.text(
    alphabet=st.characters(
        codec="utf-8",
        exclude_categories=("Cs", "Cc", "Co", "Cn"),
    ),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip() != "")


@st.composite
def nasty_text(draw: st.DrawFn, max_words: int = 8) -> str:
    """One statement of 1 to ``max_words`` tokens: nasty words, plain words, arbitrary text."""
    token = st.one_of(
        st.sampled_from(NASTY_WORDS),
        st.text(alphabet=string.ascii_letters, min_size=1, max_size=12),
        plain_text,
    )
    words = draw(st.lists(token, min_size=1, max_size=max_words))
    separator = draw(st.sampled_from([" ", " ", " ", "  ", "\n", "\t"]))
    text = separator.join(words)
    if draw(st.booleans()) and len(text) < 200:
        text = draw(st.sampled_from(["", " ", "  "])) + text
    return text if text.strip() else "x"


ids = st.from_regex(r"\A[A-Za-z0-9][A-Za-z0-9_.:-]{0,15}\Z")
lane_keys = st.from_regex(r"\A[a-z][a-z0-9_-]{0,11}\Z").filter(
    lambda k: k not in LANE_FIELDS and k not in {"id", "title", "value_chain"}
)


@st.composite
def lane_setups(draw: st.DrawFn) -> tuple[Lane, ...] | None:
    """None (the default lanes), or lanes hidden, renamed, reordered within a side, and custom."""
    if draw(st.integers(0, 4)) == 0:
        return None
    customs = {
        key: draw(st.sampled_from(Side))
        for key in draw(st.lists(lane_keys, max_size=3, unique=True))
    }
    lanes: list[Lane] = []
    for side in Side:
        group = [lane for lane in STANDARD_LANES if lane.side is side]
        group = draw(st.permutations(group))
        group = group[: draw(st.integers(0, len(group)))]
        group = [
            attrs.evolve(
                lane,
                title=draw(st.one_of(st.just(lane.title), nasty_text(max_words=3))),
                hidden=draw(st.integers(0, 5)) == 0,
            )
            for lane in group
        ]
        for key in [key for key, custom_side in customs.items() if custom_side is side]:
            if draw(st.booleans()):
                custom = Lane(key, draw(nasty_text(max_words=3)), side)
                group.insert(draw(st.integers(0, len(group))), custom)
        lanes.extend(group)
    if not lanes:
        lanes.append(STANDARD_LANES[1])
    if all(lane.hidden for lane in lanes):
        lanes[0] = attrs.evolve(lanes[0], hidden=False)
    return tuple(lanes)


def _lane_detail(draw: st.DrawFn, lane: str) -> dict[str, object]:
    fields: dict[str, object] = {}
    for name in LANE_FIELDS.get(lane, ()):
        if draw(st.booleans()):
            continue
        if name == "kind":
            fields[name] = draw(st.sampled_from(MeasureKind))
        elif name == "data":
            fields[name] = tuple(draw(st.lists(nasty_text(max_words=2), min_size=1, max_size=3)))
        else:
            fields[name] = draw(nasty_text(max_words=4))
    return fields


@st.composite
def blueprints(
    draw: st.DrawFn,
    min_steps: int = 1,
    max_steps: int = 12,
    max_cards_per_cell: int = 4,
    max_flows: int = 30,
) -> Blueprint:
    """A valid blueprint: any lane setup, ``min_steps``-``max_steps`` steps, 0-4 cards a cell,
    flows of every shape (along a lane, across lanes, backwards, long jumps, handoffs)."""
    lanes = draw(lane_setups())
    lane_list = [lane.key for lane in (lanes if lanes is not None else STANDARD_LANES)]
    owners = tuple(
        Owner(key, draw(nasty_text(max_words=3)))
        for key in draw(st.lists(ids, max_size=4, unique=True))
    )
    step_ids = draw(st.lists(ids, min_size=min_steps, max_size=max_steps, unique=True))
    card_id_pool = iter(draw(st.lists(ids, min_size=0, max_size=80, unique=True)))
    used_ids: set[str] = set()
    steps = []
    for step_id in step_ids:
        cards = []
        for lane in lane_list:
            for _ in range(draw(st.integers(0, max_cards_per_cell))):
                card_id = next(card_id_pool, None) if draw(st.booleans()) else None
                if card_id is not None and card_id in used_ids:
                    card_id = None
                optional: dict[str, object] = {}
                if owners and draw(st.booleans()):
                    optional["owner"] = draw(st.sampled_from(owners)).id
                if draw(st.integers(0, 5)) == 0:
                    optional["fail"] = draw(nasty_text(max_words=5))
                if draw(st.integers(0, 5)) == 0:
                    optional["wait"] = draw(st.sampled_from(["4 min", "1 day", "2-3 days", "90 s"]))
                card = Card(
                    draw(nasty_text()),
                    lane,
                    id=card_id,
                    **optional,  # type: ignore[arg-type]
                    **_lane_detail(draw, lane),  # type: ignore[arg-type]
                )
                cards.append(card)
        step = Step(
            step_id,
            draw(nasty_text(max_words=4)),
            draw(st.none() | st.sampled_from(ValueChain)),
            cards=cards,
        )
        # derived ids may collide with given ones: drop the steps' cards that would
        step_card_ids = [c.id for c in step.cards]
        if any(cid in used_ids for cid in step_card_ids) or len(set(step_card_ids)) != len(
            step_card_ids
        ):
            step = attrs.evolve(step, cards=())
        used_ids.update(c.id for c in step.cards if c.id is not None)
        steps.append(step)
    all_ids = sorted(used_ids)
    flows: list[Flow] = []
    if len(all_ids) >= 2:
        pairs = draw(
            st.lists(
                st.tuples(st.sampled_from(all_ids), st.sampled_from(all_ids)).filter(
                    lambda p: p[0] != p[1]
                ),
                max_size=max_flows,
                unique=True,
            )
        )
        for source, target in pairs:
            label = draw(st.none() | nasty_text(max_words=3))
            flows.append(Flow(source, target, label))
    phases = []
    index = 0
    while index < len(steps) and draw(st.booleans()):
        length = draw(st.integers(1, len(steps) - index))
        if draw(st.booleans()):
            phases.append(
                Phase(
                    draw(nasty_text(max_words=3)),
                    tuple(s.id for s in steps[index : index + length]),
                )
            )
        index += length
    return Blueprint(
        draw(ids),
        draw(nasty_text(max_words=6)),
        steps,
        scenario=draw(st.none() | nasty_text()),
        service_owner=draw(st.none() | nasty_text(max_words=3)),
        version=draw(st.none() | st.sampled_from(["1", "1.10", "2026-11", "v2"])),
        owners=owners,
        lanes=lanes,
        phases=phases,
        flows=flows,
    )
