# skm-cloud: `make demo` and `make test` work on a fresh machine (see README).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

INFRA_VENV := .venv-infra

.PHONY: demo run test lint test-fast bench bench-10m install system-deps infra-tools package deploy rotate-secret clean

demo: install ## start the local stack, run the whole journey, leave PDFs in out/
	$(BIN)/skm demo

run: install ## keep the local stack up for a person to click through
	$(BIN)/skm run

test: install system-deps infra-tools lint ## lint, types, then the whole suite; starts and stops the emulators itself
	$(BIN)/pytest -q

lint: install ## ruff (lint and format) and mypy, configured in pyproject.toml
	$(BIN)/ruff check -q .
	$(BIN)/ruff format --check -q .
	$(BIN)/mypy

test-fast: install ## the pure and in-process tests (no emulators, no browser, no bundles): seconds
	$(BIN)/pytest -q -m "not stack and not browser" --ignore=tests/infra

bench: install ## performance benchmarks, printed as ratios (about half an hour on the emulators)
	$(BIN)/python -m bench

bench-10m: install ## 10 M responses in the raw table; the quarter, semester and year computed (not in make test)
	$(BIN)/python -c "from bench import aggregate; aggregate.run_ten_million()"

package: install ## one source bundle per function in build/functions/ (what Terraform deploys)
	$(BIN)/python -m skm.package $(if $(LOGO),--logo $(LOGO))

# Needs gcloud credentials and a project; never run in CI. See docs/deploy.md.
deploy: install ## make deploy PROJECT=my-project REGION_NAME="Pemerintah Kota Contoh"
	$(BIN)/python -m skm.deploy --project "$(PROJECT)" --region-name "$(REGION_NAME)"

rotate-secret: install ## make rotate-secret PROJECT=my-project SECRET=link (or submit)
	$(BIN)/python -m skm.deploy --project "$(PROJECT)" --region-name - --rotate-secret "$(SECRET)"

# checkov gets its own virtualenv: it pins an older `packaging` than google-cloud-bigquery needs.
infra-tools: $(INFRA_VENV)/.installed

$(INFRA_VENV)/.installed: constraints-infra.txt
	test -d $(INFRA_VENV) || $(PYTHON) -m venv $(INFRA_VENV)
	$(INFRA_VENV)/bin/pip install --quiet --disable-pip-version-check -r constraints-infra.txt
	touch $@

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11+ is required") if sys.version_info < (3, 11) else None'
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $@

# Chromium (browser tests) and poppler (PDF checks) come from Debian's packages.
system-deps:
	@missing=""; command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v pdftotext >/dev/null || missing="$$missing poppler-utils"; \
	command -v soffice >/dev/null || missing="$$missing libreoffice-writer-nogui"; \
	[ -d "$$(gcloud info --format='value(installation.sdk_root)')/platform/pubsub-emulator" ] || missing="$$missing google-cloud-cli-pubsub-emulator"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "please install:$$missing (sudo apt-get install$$missing)"; exit 1; fi; \
	fi

clean:
	rm -rf out build $(VENV) $(INFRA_VENV) *.egg-info
