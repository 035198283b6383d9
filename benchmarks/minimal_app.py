"""The smallest Textual app, for comparing start-up times with the reader."""

from textual.app import App, ComposeResult
from textual.widgets import Footer, Static


class Minimal(App[None]):
    BINDINGS = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Static("minimal-ready")
        yield Footer()


if __name__ == "__main__":
    Minimal().run()
