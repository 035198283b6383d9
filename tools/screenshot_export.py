"""Export the bundled seeds to HTML and screenshot them in headless Chromium (not run in CI).

Usage::

    python tools/screenshot_export.py [--model NAME_OR_PATH] [--out /tmp/newslens-shots]

For each bundled theme it exports the two seed articles (compare mode, the
most mentioned person selected) with ``newslens export`` and takes a wide
(1600 px) and a narrow (600 px) screenshot of the page. Install Chromium with
``apt-get install -y chromium`` if it is missing. The PNGs go to ``--out``,
never into the repository.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WIDTHS = {"wide": (1600, 1400), "narrow": (600, 2400)}
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--hide-scrollbars",
)


def newslens(*args: str) -> subprocess.CompletedProcess:
    """Run the CLI from this checkout."""
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], cwd=REPO, capture_output=True, text=True)


def most_mentioned_person(model: str | None) -> str | None:
    """Id of the person with the most mentions in the seeds (to select in the export)."""
    result = newslens("entities", "--format", "json", *(["--model", model] if model else []), "--label", "PERSON")
    if result.returncode != 0:
        sys.exit(result.stderr)
    people = json.loads(result.stdout)
    return max(people, key=lambda e: e["mentions"])["id"] if people else None


def screenshot(chromium: str, page: Path, png: Path, size: tuple[int, int]) -> None:
    """One PNG of ``page`` at ``size`` (width, height)."""
    with tempfile.TemporaryDirectory(prefix="newslens-chromium-") as profile:
        subprocess.run(
            [
                chromium,
                *CHROMIUM_FLAGS,
                f"--user-data-dir={profile}",
                f"--window-size={size[0]},{size[1]}",
                f"--screenshot={png}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )


def main() -> int:
    """Export every bundled theme and screenshot it."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: the shipped model)")
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "newslens-shots")
    args = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        sys.exit("chromium not found: apt-get update && apt-get install -y chromium")
    args.out.mkdir(parents=True, exist_ok=True)
    model = ["--model", args.model] if args.model else []
    person = most_mentioned_person(args.model)
    for theme in sorted(path.stem for path in (REPO / "themes").glob("*.toml")):
        page = args.out / f"{theme}.html"
        options = ["--compare", "--theme", theme, *(["--entity", person] if person else [])]
        result = newslens("export", *model, *options, "-o", str(page), "--force")
        if result.returncode != 0:
            sys.exit(result.stderr)
        for name, size in WIDTHS.items():
            png = args.out / f"{theme}-{name}.png"
            screenshot(chromium, page, png, size)
            print(png)
    return 0


if __name__ == "__main__":
    sys.exit(main())
