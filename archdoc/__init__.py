"""archdoc: architecture as code for AWS."""

import os as _os

__version__ = "0.1.0"

# archdoc uses no pydantic plugins; looking for them scans every installed package's metadata
# on import (a noticeable part of a small build)
_os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
