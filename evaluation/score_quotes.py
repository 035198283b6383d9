"""Score quotation detection and speaker attribution against the gold files.

    python -m evaluation.score_quotes [--split dev|test|all] [--model NAME_OR_PATH] [--errors]

Detection: a system quotation matches a gold one when their character spans
overlap by at least half of the shorter one (one-to-one, greedy); precision,
recall and F1 are given for all speech, direct and indirect quotations, and
for telling non-speech (titles, scare quotes) apart. Speaker accuracy is over
matched speech quotations: correct when the system speaker entity maps to the
gold speaker entity (system ids are mapped to gold slugs by mention overlap),
or when both have no entity and both name a speaker (or neither does).
"""

from __future__ import annotations

import re

from evaluation.gold import entity_mapping, load_gold, prf, run_scorer, run_system

MIN_OVERLAP = 0.5
_DETERMINER = re.compile(r"^(der|die|das|den|dem|des|ein|eine|einer|eines|einem|einen)\s+", re.IGNORECASE)


def overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    shared = min(a[1], b[1]) - max(a[0], b[0])
    return shared / min(a[1] - a[0], b[1] - b[0]) if shared > 0 else 0.0


def match(gold: list[dict], system: list) -> list[tuple[dict, object]]:
    """Greedy one-to-one matching by overlap."""
    pairs = sorted(
        (
            (overlap((g["start"], g["end"]), (s.start, s.end)), gi, si)
            for gi, g in enumerate(gold)
            for si, s in enumerate(system)
        ),
        reverse=True,
    )
    used_g, used_s, matched = set(), set(), []
    for score, gi, si in pairs:
        if score < MIN_OVERLAP or gi in used_g or si in used_s:
            continue
        used_g.add(gi)
        used_s.add(si)
        matched.append((gold[gi], system[si]))
    return matched


def speaker_correct(truth: dict, quote, mapping: dict[str, str]) -> bool:
    if truth["speaker_entity"] is not None:
        return quote.speaker_entity is not None and mapping.get(quote.speaker_entity) == truth["speaker_entity"]
    if quote.speaker_entity is not None and mapping.get(quote.speaker_entity):
        return False
    return (truth["speaker"] is None) == (quote.speaker is None)


def score(splits: list[str], model: str | None, show_errors: bool) -> dict:
    gold = load_gold(splits)
    system = run_system(gold, model)
    mapping = entity_mapping(gold, system)
    counts = {key: [0, 0, 0] for key in ("speech", "direct", "indirect", "non-speech")}
    speakers = {"all": [0, 0], "named": [0, 0]}
    for g, s in zip(gold, system, strict=True):
        for key in counts:
            if key == "non-speech":
                truth = [q for q in g.quotes if not q["speech"]]
                guess = [q for q in s.quotes if not q.speech]
            else:
                truth = [q for q in g.quotes if q["speech"] and key in ("speech", q["kind"])]
                guess = [q for q in s.quotes if q.speech and key in ("speech", q.kind)]
            matched = match(truth, guess)
            counts[key][0] += len(matched)
            counts[key][1] += len(guess) - len(matched)
            counts[key][2] += len(truth) - len(matched)
            if key != "speech":
                continue
            for truth_quote, quote in matched:
                ok = speaker_correct(truth_quote, quote, mapping)
                speakers["all"][0] += ok
                speakers["all"][1] += 1
                if truth_quote["speaker_entity"] is not None:
                    speakers["named"][0] += ok
                    speakers["named"][1] += 1
                if show_errors and not ok:
                    print(f"  {g.id}: gold {truth_quote['speaker']!r}/{truth_quote['speaker_entity']} "
                          f"system {quote.speaker!r}/{quote.speaker_entity}: {quote.text[:70]!r}")  # fmt: skip
            if show_errors:
                for truth_quote in truth:
                    if not any(truth_quote is t for t, _ in matched):
                        print(f"  {g.id}: missed {truth_quote['kind']} {truth_quote['text'][:80]!r}")
                for quote in guess:
                    if not any(quote is q for _, q in matched):
                        print(f"  {g.id}: spurious {quote.kind} {quote.text[:80]!r}")
    result = {key: dict(zip(("p", "r", "f"), (round(x, 3) for x in prf(*c)), strict=True)) | {"gold": c[0] + c[2]}
              for key, c in counts.items()}  # fmt: skip
    result["speaker_accuracy"] = round(speakers["all"][0] / max(1, speakers["all"][1]), 3)
    result["speaker_accuracy_named"] = round(speakers["named"][0] / max(1, speakers["named"][1]), 3)
    result["matched_speech_quotes"] = speakers["all"][1]
    return result


def main() -> None:
    keys = ("speech", "direct", "indirect", "non-speech")
    result = run_scorer(__doc__, score, "print every miss and wrong speaker", "quotations", keys)
    if result is not None:
        accuracy, matched = result["speaker_accuracy"], result["matched_speech_quotes"]
        print(f"  speaker accuracy {accuracy:.3f} over {matched} matched quotations"
              f" ({result['speaker_accuracy_named']:.3f} where gold names an entity)")  # fmt: skip


if __name__ == "__main__":
    main()
