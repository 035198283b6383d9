"""Build the spaCy pipeline newslens annotates with, once per process.

The pipeline is: the German tokenizer, a statistical NER (the model shipped in
core/ner_model, or any installed spaCy pipeline given as ``--model``), then
the rule components of :mod:`core.components`. spaCy is imported only when a
pipeline is actually built; :func:`pipeline_fingerprint` needs no spaCy, so a
warm start from the cache never loads it.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from core import __version__
from core.errors import ModelError
from core.resources import data_dir, model_dir
from core.textclean import printable

if TYPE_CHECKING:
    from spacy.language import Language

#: Rule components added after the statistical NER, in this order.
RULE_COMPONENTS = (
    "newslens_weapons",
    "newslens_gazetteer",
    "newslens_place_rules",
    "newslens_org_rules",
    "newslens_person_rules",
    "newslens_propagate",
    "newslens_noun_filter",
    "newslens_quotes",
)
#: Components of another pipeline that NER needs; the rest are disabled for speed.
NER_DEPENDENCIES = {"tok2vec", "transformer", "ner", "entity_ruler", "span_ruler"}
SHIPPED = "newslens"


def _is_shipped(model: str | None) -> bool:
    return model in (None, "", SHIPPED)


def _shipped_meta() -> dict:
    path = model_dir() / "meta.json"
    if not path.exists():
        raise ModelError(f"the shipped NER model is missing ({model_dir()}); rebuild it with: python training/train.py")
    return json.loads(path.read_text(encoding="utf-8"))


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return printable(text.splitlines()[0] if text else type(error).__name__)[:200]


def _foreign_identity(model: str) -> str:
    """Name and version of another pipeline, read without importing spaCy."""
    path = Path(model)
    meta_path = path / "meta.json"
    if meta_path.exists():
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            if not isinstance(meta, dict):
                raise ValueError("expected a JSON object")
            config = (path / "config.cfg").read_bytes() if (path / "config.cfg").exists() else b""
        except (OSError, ValueError) as error:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
            shown = printable(str(meta_path))
            raise ModelError(f"{shown}: not a spaCy pipeline's meta.json: {_first_line(error)}") from None
        return f"{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}-{hashlib.sha256(config).hexdigest()[:8]}"
    try:
        return f"{model}-{metadata.version(model)}"
    except metadata.PackageNotFoundError:
        raise ModelError(
            f"cannot find spaCy pipeline {model!r}: give an installed package name "
            "(e.g. de_core_news_lg) or the folder of a saved pipeline"
        ) from None


@cache
def _rules_digest() -> str:
    """Hash of the rule data files and of core's code (components, linking, names …): a change to
    any of them must not be hidden by annotations or linked corpora cached before it."""
    digest = hashlib.sha256()
    code = Path(__file__).resolve().parent
    for path in sorted([*data_dir().rglob("*"), *code.rglob("*.py")]):
        if path.is_file() and path.suffix in (".py", ".txt", ".json", ".jsonl"):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def pipeline_fingerprint(model: str | None = None) -> str:
    """Identify the pipeline (model, rules, newslens version) without loading it."""
    model_part = f"{SHIPPED}-{_shipped_meta()['fingerprint']}" if _is_shipped(model) else _foreign_identity(model)
    return f"{model_part}+rules-{_rules_digest()}+newslens-{__version__}"


def model_description(model: str | None = None) -> str:
    """A short human description of the statistical model in use."""
    if _is_shipped(model):
        meta = _shipped_meta()
        return f"{meta['name']} {meta['version']} ({meta['fingerprint']})"
    return _foreign_identity(model)


def _load_statistical(model: str | None) -> Language:
    import spacy

    if _is_shipped(model):
        _shipped_meta()
        return spacy.load(model_dir())
    try:
        nlp = spacy.load(model)
    except Exception as error:  # a broken folder fails in many ways (config, weights, registry): one line each
        raise ModelError(f"cannot load spaCy pipeline {printable(model)!r}: {_first_line(error)}") from None
    if "ner" not in nlp.pipe_names:
        raise ModelError(f"spaCy pipeline {model!r} has no 'ner' component")
    for name in nlp.pipe_names:
        if name not in NER_DEPENDENCIES:
            nlp.disable_pipe(name)
    nlp.add_pipe("newslens_label_map", after="ner")
    return nlp


@cache
def load_pipeline(model: str | None = None) -> Language:
    """The full newslens pipeline (statistical NER plus rules), built once."""
    import core.components  # noqa: F401  (registers the factories)

    nlp = _load_statistical(model)
    nlp.add_pipe("sentencizer", name="newslens_sentencizer", first=True)
    for name in RULE_COMPONENTS:
        nlp.add_pipe(name)
    return nlp
