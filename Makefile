# Kehu — the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
GO ?= go
export GOPROXY ?= https://proxy.golang.org
export GOFLAGS ?= -buildvcs=false
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -s -w -X github.com/kehu-crm/kehu/internal/app.Version=$(VERSION)
export PG_BASE ?= postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable

.PHONY: run build web web-deps test lint test-go test-web test-e2e generate check-generated migration api-client clean bench

## run: build everything and start Kehu on the embedded SQLite database (./data/kehu.db)
run: build
	./bin/kehu serve

## build: the web UI, then the single binary bin/kehu with the UI embedded
build: web
	$(GO) build -ldflags '$(LDFLAGS)' -o bin/kehu ./cmd/kehu

web/node_modules/.package-lock.json: web/package-lock.json
	cd web && npm ci --no-audit --no-fund
web-deps: web/node_modules/.package-lock.json

web: web-deps
	cd web && npm run build

## test: every check and test — lint, Go tests (SQLite; PostgreSQL too when KEHU_TEST_POSTGRES is set),
## web typecheck and unit tests, browser end-to-end tests against the built binary
test: lint test-go test-web test-e2e

lint: check-generated
	@unformatted=$$(gofmt -l cmd internal web/embed.go); if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(GO) tool staticcheck ./...

test-go:
	$(GO) test -count=1 ./...

test-web: web-deps
	cd web && npm run typecheck && npm test

test-e2e: build
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$KEHU_REQUIRE_ALL" = "1" ]; then echo "chromium is missing: browser tests cannot run"; exit 1; fi; \
	  echo "SKIPPED browser tests: /usr/bin/chromium not installed (apt-get install chromium)"; exit 0; fi; \
	cd e2e && npm ci --no-audit --no-fund && npm test || exit 1; \
	if [ -n "$$KEHU_TEST_POSTGRES" ]; then \
	  db=kehu_e2e_$$$$; psql "$(PG_BASE)" -qc "CREATE DATABASE $$db" || exit 1; \
	  E2E_DATABASE_URL="$${PG_BASE%/*}/$$db?sslmode=disable" npm test; rc=$$?; \
	  psql "$(PG_BASE)" -qc "DROP DATABASE IF EXISTS $$db WITH (FORCE)"; exit $$rc; fi

## api-client: refresh the web UI's API types from the server's OpenAPI document
api-client: web-deps
	$(GO) run ./cmd/kehu openapi > web/src/api/openapi.json
	cd web && npm run gen:api

## generate: regenerate the ent client after a schema change
generate:
	$(GO) generate ./internal/ent

## migration name=…: write the next versioned migration for both databases (needs PostgreSQL)
migration:
	@test -n "$(name)" || (echo "usage: make migration name=add_something"; exit 2)
	$(GO) run ./internal/ent/migrations/gen $(name)

## check-generated: fail when the ent client or the migrations are out of date with the schema
check-generated:
	$(GO) generate ./internal/ent
	@git diff --quiet -- internal/ent || (echo "generated ent code is stale: run make generate and commit"; git --no-pager diff --stat -- internal/ent; exit 1)
	@$(GO) run ./cmd/kehu openapi | cmp -s - web/src/api/openapi.json || (echo "web/src/api/openapi.json is stale: run make api-client"; exit 1)
	@if psql "$(PG_BASE)" -qc 'select 1' >/dev/null 2>&1; then $(GO) run ./internal/ent/migrations/gen --check; \
	  elif [ "$$KEHU_REQUIRE_ALL" = "1" ]; then echo "PostgreSQL unreachable: cannot check migrations"; exit 1; \
	  else echo "SKIPPED migration check: PostgreSQL unreachable"; fi

clean:
	rm -rf bin

## bench: load scenarios through the HTTP API and as raw SQL on SQLite and PostgreSQL (PG_BASE), at
## SCALE accounts (default 1,000,000; `make bench SCALE=100000` for a quick run); see docs/PERFORMANCE.md
SCALE ?= 1000000
bench:
	$(GO) run ./bench -scale $(SCALE) $(BENCH_FLAGS)
