"""``--model`` with a broken pipeline folder: one ModelError line, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.errors import ModelError
from core.pipeline import load_pipeline, pipeline_fingerprint

META = '{"lang": "de", "name": "kaputt", "version": "1.0.0"}'
BROKEN = {
    "bad-meta": {"meta.json": b"{bad"},
    "meta-not-object": {"meta.json": b"[1, 2]"},
    "binary-config": {"meta.json": META.encode(), "config.cfg": bytes(range(256))},
    "invalid-config": {"meta.json": META.encode(), "config.cfg": b"[nlp\nlang = \n"},
    "no-config": {"meta.json": META.encode()},
}


@pytest.mark.parametrize("files", BROKEN.values(), ids=BROKEN.keys())
def test_a_broken_model_folder_is_one_model_error(tmp_path: Path, files: dict[str, bytes]):
    for name, content in files.items():
        (tmp_path / name).write_bytes(content)
    with pytest.raises(ModelError) as caught:
        pipeline_fingerprint(str(tmp_path))
        load_pipeline(str(tmp_path))
    message = str(caught.value)
    assert str(tmp_path) in message and "\n" not in message
