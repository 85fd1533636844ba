"""The build command: model -> every selected renderer -> files written atomically."""

from __future__ import annotations

from pathlib import Path

from archdoc.errors import UsageError
from archdoc.model import load_model
from archdoc.output import write_outputs
from archdoc.render import RENDERERS, BuildContext, load_renderer


def build(model_path: Path, out_dir: Path, only: list[str] | None = None,
          options: dict | None = None) -> list[Path]:
    """Validate the model, render the selected outputs, then write them all."""
    selected = only or list(RENDERERS)
    unknown = [name for name in selected if name not in RENDERERS]
    if unknown:
        raise UsageError(f"unknown output {', '.join(repr(u) for u in unknown)}; choose from "
                         f"{', '.join(RENDERERS)}")
    model = load_model(model_path)  # raises before anything is rendered or written
    ctx = BuildContext(model, options or {})
    files: dict[str, bytes] = {}
    for name in selected:
        files.update(load_renderer(name)(ctx))
    return write_outputs(out_dir, files)
