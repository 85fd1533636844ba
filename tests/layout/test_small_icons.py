"""Icons drawn small come from small copies: faithful, made once, the same picture whether
they were made in this build or an earlier one, and never in the SVG."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageChops

from archdoc.layout import build_scene, figure_of, small_icons
from archdoc.layout.drawn import forget as forget_pictures
from archdoc.layout.graphviz import to_dot
from archdoc.layout.grid import grid_layout
from archdoc.layout.icons import icon_path
from archdoc.render.svg import self_contained_svg


@pytest.fixture
def icons_in(tmp_path, monkeypatch):
    """A fresh folder of copies (and no pictures kept from other tests)."""

    def use(setting: str) -> None:
        monkeypatch.setenv("ARCHDOC_DERIVED", setting)
        small_icons.forget()
        forget_pictures()

    use(str(tmp_path / "derived"))
    yield use
    small_icons.forget()
    forget_pictures()


def _figure(model, dpi: float = 96.0):
    return figure_of(build_scene(model), dpi=dpi)


def test_a_first_build_draws_what_every_later_one_draws(seed_model, tmp_path, icons_in):
    cold = _figure(seed_model)
    made = sorted(p.name for p in (tmp_path / "derived" / "icons").iterdir())
    assert len(made) >= 10  # the seed's icons, each copied once
    icons_in(str(tmp_path / "derived"))  # a new process: the copies found, not made
    warm = _figure(seed_model)
    assert sorted(p.name for p in (tmp_path / "derived" / "icons").iterdir()) == made
    assert (warm.png, warm.svg) == (cold.png, cold.svg)


def test_the_svg_embeds_the_originals_and_the_png_barely_differs(seed_model, icons_in):
    small = _figure(seed_model)
    icons_in("off")
    full = _figure(seed_model)
    assert self_contained_svg(small.svg) == self_contained_svg(full.svg)
    with Image.open(io.BytesIO(small.png)) as a, Image.open(io.BytesIO(full.png)) as b:
        assert a.size == b.size
        diff = ImageChops.difference(a.convert("RGB"), b.convert("RGB")).convert("L")
        changed = sum(1 for v in diff.get_flattened_data() if v > 32)
    assert changed < 0.002 * a.size[0] * a.size[1]  # an edge pixel of an icon here and there


def test_a_copy_is_the_icon_shrunk(seed_model, tmp_path, icons_in):
    """Each copy: a 64 px square with a transparent ground, close to Pillow's own shrinking
    of the original."""
    _figure(seed_model)
    originals = {small_icons.original(str(p)): p
                 for p in (tmp_path / "derived" / "icons").iterdir()}
    assert icon_path("ec2_instance") in originals
    for original, copy in originals.items():
        with Image.open(copy) as made, Image.open(original) as source:
            assert made.size == (64, 64) and made.mode == "RGBA"
            assert made.getpixel((0, 0))[3] == 0
            expected = source.convert("RGBA").resize((64, 64), Image.Resampling.BOX)
            diff = ImageChops.difference(made, expected).convert("L")
            assert sum(diff.get_flattened_data()) / (64 * 64) < 12, original


def test_large_icons_are_drawn_from_the_originals(seed_model, tmp_path, icons_in):
    scene = build_scene(seed_model)
    layout = grid_layout(scene)
    for dpi, small in (("36.0", True), ("96.0", True), ("192.0", False)):
        source = to_dot(scene, layout, dpi=dpi).source
        copy = small_icons.drawn(icon_path("ec2_instance"), 1.0)
        assert copy.startswith(str(tmp_path / "derived" / "icons"))
        assert (icon_path("ec2_instance") in source, copy in source) == (not small, small), dpi


def test_a_folder_that_cannot_be_written_leaves_the_originals(seed_model, tmp_path, icons_in):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    icons_in(str(blocker / "icons"))
    source = to_dot(build_scene(seed_model), grid_layout(build_scene(seed_model)),
                    dpi="96.0").source
    assert icon_path("ec2_instance") in source
