"""The MkDocs plugin ``archdoc``: the architecture's pages inside your own docs site.

    plugins:
      - search
      - archdoc:
          model: arch.yaml         # relative to mkdocs.yml
          path: architecture       # where the pages go in the site

During ``mkdocs build`` and ``mkdocs serve`` it renders the same pages as ``output/site/``
(one renderer, ``archdoc.render.site``) and, while serving, rebuilds when the model changes.
An invalid model stops the build with archdoc's located messages.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files


class ArchdocConfig(base.Config):
    model = c.Type(str, default="arch.yaml")
    path = c.Type(str, default="architecture")


class ArchdocPlugin(BasePlugin[ArchdocConfig]):
    def _model_path(self, config: Any) -> Path:
        return (Path(config.config_file_path).parent / self.config.model).resolve()

    def on_config(self, config: Any) -> Any:
        """What the pages need of the site: attr_list (they give their headings ids) and the
        script that says search needs a served site on ``file://``."""
        if "attr_list" not in config.markdown_extensions:
            config.markdown_extensions.append("attr_list")
        prefix = self.config.path.strip("/")
        script = f"{prefix}/js/archdoc.js" if prefix else "js/archdoc.js"
        if script not in [str(s) for s in config.extra_javascript]:
            config.extra_javascript.append(script)
        return config

    def on_files(self, files: Files, /, *, config: Any) -> Files:
        from archdoc.checks import evaluate
        from archdoc.checks.claims import claim_statuses
        from archdoc.errors import ModelError
        from archdoc.project import load_model
        from archdoc.render import BuildContext
        from archdoc.render.site import site_pages

        try:
            model = load_model(self._model_path(config))
        except ModelError as exc:
            raise PluginError("archdoc: the model is invalid:\n" + "\n".join(
                str(d) for d in exc.diagnostics)) from None
        results = evaluate(model)
        ctx = BuildContext(model, {}, claims=claim_statuses(model, results), results=results)
        prefix = self.config.path.strip("/")
        for name, data in site_pages(ctx, directory_urls=config.use_directory_urls).items():
            files.append(File.generated(config, f"{prefix}/{name}" if prefix else name,
                                        content=data))
        return files

    def on_serve(self, server: Any, /, *, config: Any, builder: Any) -> Any:
        server.watch(str(self._model_path(config)))  # a change to arch.yaml rebuilds the site
        return server
