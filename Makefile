# Trackwire — the operator's and developer's entry points. `make help` lists them.
SHELL := /bin/bash
SWIFT ?= swift
BIN_DEBUG := .build/debug
BIN_RELEASE := .build/release
PROTO_DIR := protocol
GEN_DIR := Sources/TrackwireProtocol/Generated
export TW_FIXTURES ?= $(abspath ../shared/fixtures/device-captures.jsonl)
# Swift Testing records a backtrace for every thrown error; the robustness tests throw millions.
export SWT_SWIFT_ERROR_BACKTRACING_ENABLED ?= false

.PHONY: help deps build release lint test validate-deploy run up down status smoke chaos chaos-quick multihost multihost-quick proto golden generated bench bench-e2e fuzz fuzz-api screenshot clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-15s %s\n", $$1, $$2}'

deps: ## Install missing system and Python packages (apt, pip)
	@scripts/install-deps.sh

build: deps ## Debug build of every executable
	$(SWIFT) build

release: deps ## Optimised build of every executable
	$(SWIFT) build -c release

lint: ## The tree holds no artefacts or links under Sources/; Swift code follows .swift-format's rules (no build needed)
	scripts/check-tree.sh
	scripts/lint-swift.sh

test: deps ## Check the tree, validate deploy/, build everything and run the whole test suite
	scripts/check-tree.sh
	scripts/validate-deploy.sh
	$(SWIFT) build --build-tests
	scripts/validate-deploy.sh --examples
	$(SWIFT) build --product protoc-gen-swift
	$(SWIFT) test --skip-build --no-parallel

validate-deploy: deps ## Check deploy/ (compose, Dockerfile, systemd, Kubernetes, env) by parsing
	scripts/validate-deploy.sh

run: release ## Start the whole pipeline with simulated devices and print where to look (Ctrl-C stops it)
	@BIN=$(BIN_RELEASE) scripts/pipeline.sh run

up: release ## Same as run, in the background (logs under ./run/); DECODERS= GEOFENCES= STORAGES= DEVICES= scale it
	@BIN=$(BIN_RELEASE) scripts/pipeline.sh up

down: ## Stop what make up started, gracefully (producers first, the bus last)
	@BIN=$(BIN_RELEASE) scripts/pipeline.sh down

status: ## tw status: the live stage instances, from their heartbeats
	@BIN=$(BIN_RELEASE) scripts/pipeline.sh status

smoke: release ## From scratch: every simulated device reaches storage and the push stream within 30 s; 3 decoders and 2 geofence shards all work, no event doubled
	@BIN=$(BIN_RELEASE) DECODERS=$${DECODERS:-3} GEOFENCES=$${GEOFENCES:-2} scripts/pipeline.sh smoke

chaos: release ## Every fault scenario under tw sim load (500 devices): acked vs stored, lost must be 0; writes docs/reliability.md
	scripts/chaos.py --report docs/reliability.md

chaos-quick: release ## CI's short chaos run: seven scenarios, 200 devices
	scripts/chaos.py --quick

multihost: release ## Five hosts in network namespaces, two buses, PostgreSQL, CURVE: one fault at a time (bus, storage writer, shard, link, reshard); root; BIN= picks the binaries
	BIN=$(BIN_RELEASE) scripts/multihost.py --report docs/benchmarks/multihost.md

multihost-quick: ## The same, short (60 devices, 10 s faults), for CI; on make test's debug binaries unless BIN= says otherwise
	BIN=$${BIN:-$(BIN_DEBUG)} scripts/multihost.py --quick

proto: ## Regenerate the Swift code from protocol/*.proto
	$(SWIFT) build --product protoc-gen-swift
	protoc --plugin=protoc-gen-swift=$(BIN_DEBUG)/protoc-gen-swift \
	  --swift_opt=Visibility=Public --swift_opt=FileNaming=DropPath \
	  --swift_out=$(GEN_DIR) -I $(PROTO_DIR) $(PROTO_DIR)/trackwire/v1/*.proto

golden: ## Rewrite the codecs' golden files from their current output (PROTOCOLS=gt06,h02 for some); review the diff
	$(SWIFT) build --build-tests
	TW_WRITE_GOLDEN=$${PROTOCOLS:-all} $(SWIFT) test --skip-build --filter GoldenOutputTests

generated: ## Rewrite the protocol lists in deploy/ and docs/ from the codecs' descriptors
	$(SWIFT) build --build-tests
	TW_WRITE_GENERATED=1 $(SWIFT) test --skip-build --filter GeneratedBlocksTests

bench: release ## Benchmarks: bus, decode, geofence, storage (SQLite, PostgreSQL with 1, 2, 4 writers) and push, each against a baseline measured in the same run
	$(BIN_RELEASE)/tw bench bus --curve
	$(BIN_RELEASE)/tw bench decode
	$(BIN_RELEASE)/tw bench geofence
	$(BIN_RELEASE)/tw bench storage --rows 100000 --temporary-postgres --writers 2,4
	$(BIN_RELEASE)/tw bench push

bench-e2e: release ## The whole pipeline under tw sim at increasing rates; report in docs/benchmarks/e2e/
	$(BIN_RELEASE)/tw bench e2e --report docs/benchmarks/e2e

screenshot: ## The live map's browser test on a real pipeline (tw sim's fleet, the demo fences); saves its screenshots to docs/
	$(SWIFT) build --build-tests
	TW_SCREENSHOTS=$(abspath docs) $(SWIFT) test --skip-build --filter LiveMapTests

fuzz: deps ## Robustness: every codec's framer and decoder on far more random/mutated input; schemathesis on the storage API
	$(SWIFT) build --build-tests -c release -Xswiftc -enable-testing
	TW_FUZZ_CASES=$${TW_FUZZ_CASES:-2000000} $(SWIFT) test -c release -Xswiftc -enable-testing --skip-build --filter Robustness
	BIN=$(BIN_RELEASE) MAX_EXAMPLES=$${MAX_EXAMPLES:-500} scripts/api-fuzz.sh

fuzz-api: ## schemathesis against the storage API's /api/openapi.json (debug build; MAX_EXAMPLES=10 is CI's short run)
	$(SWIFT) build
	MAX_EXAMPLES=$${MAX_EXAMPLES:-100} scripts/api-fuzz.sh

clean: ## Remove build products and local run state
	rm -rf .build run
