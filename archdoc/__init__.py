"""archdoc: architecture as code for AWS."""

__version__ = "0.1.0"
