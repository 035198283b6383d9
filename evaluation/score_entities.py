"""Score mentions, weapon tagging and cross-article linking against the gold files.

    python -m evaluation.score_entities [--split dev|test|all] [--model NAME_OR_PATH] [--errors]

Mentions: exact character spans and labels, per label (PERSON, PLACE, ORG,
WEAPON) and for named/generic weapons (span, label and kind must agree). Parts
of compounds (``Kreml`` in ``Kreml-Sprecher``) are scored separately. A gold
genitive apostrophe (``Merz'``) may be missing from the system span.

Linking over the mentions found with the right span: *accuracy* is the share
whose system entity maps to the gold entity (each system entity maps to the
gold entity most of its mentions carry); B-cubed precision and recall compare
the clusters themselves, across all articles.
"""

from __future__ import annotations

from collections import defaultdict

from evaluation.gold import entity_mapping, load_gold, prf, run_scorer, run_system

LABELS = ("PERSON", "PLACE", "ORG", "WEAPON")


def _key(start: int, end: int, text: str) -> tuple[int, int]:
    """Span key, tolerant of a trailing genitive apostrophe."""
    if text.endswith(("'", "’")):
        end -= 1
    return (start, end)


def b_cubed(pairs: list[tuple[str, str]]) -> tuple[float, float]:
    """B-cubed precision and recall of system clusters against gold clusters."""
    by_gold, by_system = defaultdict(set), defaultdict(set)
    for index, (gold, system) in enumerate(pairs):
        by_gold[gold].add(index)
        by_system[system].add(index)
    precision = recall = 0.0
    for gold, system in pairs:
        shared = len(by_gold[gold] & by_system[system])
        precision += shared / len(by_system[system])
        recall += shared / len(by_gold[gold])
    count = max(1, len(pairs))
    return precision / count, recall / count


def score(splits: list[str], model: str | None, show_errors: bool) -> dict:
    gold = load_gold(splits)
    system = run_system(gold, model)
    mapping = entity_mapping(gold, system)
    counts = {key: [0, 0, 0] for key in (*LABELS, "ALL", "WEAPON named", "WEAPON generic", "parts")}
    linked: list[tuple[str, str]] = []
    correct_links = 0
    for g, s in zip(gold, system, strict=True):
        truth_all = {_key(m["start"], m["end"], m["text"]): m for m in g.mentions}
        guess_all = {_key(m.start, m.end, m.text): m for m in s.mentions}
        for key in counts:
            label = key.split()[0]
            parts = key == "parts"

            def wanted(m, gold_side: bool, label=label, key=key, parts=parts) -> bool:
                is_part = m["part"] if gold_side else False
                if parts:
                    return is_part
                if gold_side and is_part:
                    return False
                m_label = m["label"] if gold_side else m.label
                m_kind = m["kind"] if gold_side else m.kind
                if label not in ("ALL", m_label):
                    return False
                return " " not in key or key.split()[1] == m_kind

            truth = {k: m for k, m in truth_all.items() if wanted(m, True)}
            # a system mention right before a hyphen is a part of a compound ("Kreml" in "Kreml-Sprecher")
            is_part = {k: g.text[k[1] : k[1] + 1] == "-" and m.label != "WEAPON" for k, m in guess_all.items()}
            if parts:
                guess = {k: m for k, m in guess_all.items() if is_part[k]}
            else:
                guess = {k: m for k, m in guess_all.items() if wanted(m, False) and not is_part[k]}
            hits = [k for k in truth if k in guess and (parts or guess[k].label == truth[k]["label"])]
            counts[key][0] += len(hits)
            counts[key][1] += len(guess) - len(hits)
            counts[key][2] += len(truth) - len(hits)
            if key == "ALL":
                for k in hits:
                    entity = guess[k].entity or f"unlinked:{g.id}:{k}"
                    linked.append((truth[k]["entity"], entity))
                    correct_links += mapping.get(entity) == truth[k]["entity"]
                if show_errors:
                    for k in sorted(set(truth) - set(hits)):
                        print(f"  {g.id}: missed {truth[k]['label']} {truth[k]['text']!r}")
                    for k in sorted(set(guess) - set(hits)):
                        print(f"  {g.id}: spurious {guess[k].label} {guess[k].text!r}")
    result = {key: dict(zip(("p", "r", "f"), (round(x, 3) for x in prf(*c)), strict=True)) | {"gold": c[0] + c[2]}
              for key, c in counts.items()}  # fmt: skip
    precision, recall = b_cubed(linked)
    result["linking"] = {
        "accuracy": round(correct_links / max(1, len(linked)), 3),
        "b3_p": round(precision, 3),
        "b3_r": round(recall, 3),
        "b3_f": round(2 * precision * recall / (precision + recall), 3) if precision + recall else 0.0,
        "mentions": len(linked),
    }
    return result


def main() -> None:
    keys = (*LABELS, "WEAPON named", "WEAPON generic", "ALL", "parts")
    result = run_scorer(__doc__, score, "print every missed and spurious mention", "mentions (exact spans)", keys)
    if result is not None:
        link = result["linking"]
        print(f"linking over {link['mentions']} correctly found mentions: accuracy {link['accuracy']:.3f}, "
              f"B3 P {link['b3_p']:.3f} R {link['b3_r']:.3f} F1 {link['b3_f']:.3f}")  # fmt: skip


if __name__ == "__main__":
    main()
