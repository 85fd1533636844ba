# The whole set-up on a fresh Debian machine: `make run` builds output/ from arch.yaml,
# `make test` runs the tests. Both create .venv and install what is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
MODEL ?= arch.yaml

.PHONY: run test quick bench fuzz catalogue system-deps pdf-deps browser-deps clean schema bytecode

run: $(VENV)/.installed system-deps bytecode
	$(BIN)/archdoc build $(MODEL) -o output

# Every test, on every core (pytest-xdist), with the type check beside them. One worker more
# than cores: many tests wait (a moto server, a child process, a retry's pause) and a core
# would idle meanwhile; idle workers take work from busy ones (worksteal).
WORKERS ?= $(shell echo $$(( $$(nproc 2>/dev/null || echo 2) + 1 )))
test: $(VENV)/.installed system-deps bytecode
	@$(BIN)/python -m mypy > .mypy.out 2>&1 & mypy=$$!; \
	$(BIN)/python -m pytest -q -n $(WORKERS) --dist worksteal; status=$$?; \
	wait $$mypy || status=1; cat .mypy.out; rm -f .mypy.out; exit $$status

# Between edits: the unit and data-driven tests, without the slow ones (under a minute).
quick: $(VENV)/.installed system-deps bytecode
	$(BIN)/python -m pytest -q -n $(WORKERS) --dist worksteal -m "not slow"

# The mutation fuzzer over the examples (MUTANTS, default 10,000), then many more generated
# valid models than `make test` builds (ARCHDOC_MODELS, default 20,000).
fuzz: $(VENV)/.installed system-deps bytecode
	$(BIN)/python -m tests.fuzz --mutants $${MUTANTS:-10000}
	ARCHDOC_MODELS=$${ARCHDOC_MODELS:-20000} $(BIN)/python -m pytest -q -n auto tests/test_properties.py

# Both benchmarks run even when the first misses a target; the exit status says if either did.
bench: $(VENV)/.installed system-deps bytecode
	@status=0; $(BIN)/python benchmarks/run.py || status=$$?; \
	$(BIN)/python benchmarks/drift.py || status=$$?; exit $$status

# archdoc's modules compiled to bytecode once, as pip does for an installed package: with
# PYTHONDONTWRITEBYTECODE set, every run (and every process a test starts) would compile them
# again, some 0.1 s each time. Only what changed is compiled again.
bytecode: $(VENV)/.installed
	@$(BIN)/python -m compileall -q archdoc

# Graphviz lays out and draws the diagram; Noto CJK gives it Korean glyphs.
system-deps:
	@if ! command -v dot >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -q "Noto Sans CJK"; then \
	  echo "installing Graphviz and a CJK font (apt-get)"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends \
	    graphviz fonts-noto-cjk fontconfig >/dev/null; \
	fi

# Optional: LibreOffice for `archdoc build --pdf` and the PDF test; poppler for pdftotext.
pdf-deps:
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq libreoffice-writer-nogui poppler-utils fonts-crosextra-carlito

# Optional: headless Chromium for the site's browser test (skipped, with the reason, without it).
browser-deps:
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends chromium

# (pip builds archdoc/layout/_search.c, the route search compiled, into the source tree)
$(VENV)/.installed: pyproject.toml archdoc/layout/_search.c
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

# Regenerate the committed JSON Schema and the field reference in docs/model.md.
schema: $(VENV)/.installed
	$(BIN)/archdoc schema > schema/arch.schema.json
	$(BIN)/python -m archdoc.schema docs/model.md
	$(BIN)/python -m archdoc.drift.docs docs/drift.md

# Regenerate archdoc/data/aws_types.json (every CloudFormation resource type, its properties,
# each service's name and icons) from cfn-lint's copy of the registry schemas, botocore, the
# diagrams icons and scripts/catalogue_overrides.yaml. Downloads cfn-lint from PyPI.
CFN_LINT_VERSION ?= 1.58.0
catalogue: $(VENV)/.installed
	rm -rf .cfn-lint && $(PYTHON) -m venv .cfn-lint
	.cfn-lint/bin/python -m pip install -q cfn-lint==$(CFN_LINT_VERSION)
	$(BIN)/python scripts/catalogue.py --cfn-lint .cfn-lint \
	  --cfn-lint-version $(CFN_LINT_VERSION) > archdoc/data/aws_types.json
	rm -rf .cfn-lint

clean:
	rm -rf output $(VENV) benchmarks/out
	rm -f archdoc/layout/_search.*.so
