# reprint: build, test and demo. `make help` lists the targets.
GO      ?= go
BIN     := bin/reprint
# The index's store (Pebble) is built as pure Go, as on a machine without a C
# compiler: the same binary everywhere, and a much quicker first build.
export CGO_ENABLED ?= 0

# The corpora make eval and make bench read (README: Data). CORPUS is article
# JSONL (id, title, text, optional category) the synthetic benchmarks are
# built from; REAL are corpora the passages' promises are measured on; PAIRS
# are labelled paragraph pairs (recycled or template) of one of them.
CORPUS  ?= ../shared/corpora/bbc/bbc.jsonl
REAL    ?= ../shared/corpora/bbc/bbc.jsonl ../shared/corpora/reuters/reuters.jsonl
PAIRS   ?= ../shared/corpora/reuters/dev-pairs.tsv

.PHONY: help build test browser-test demo eval bench bench-1g fuzz vet golden clean

help: ## list the targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

build: ## build bin/reprint (its --version is the commit's, when built in a git checkout)
	$(GO) build -buildvcs=auto -o $(BIN) ./cmd/reprint

test: ## gofmt and vet, then run every test (unit, golden, whole-command, fuzz seeds)
	@unformatted=$$("$$($(GO) env GOROOT)/bin/gofmt" -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$unformatted" ]; then echo "gofmt wants to rewrite: $$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(GO) test -count=1 ./...

browser-test: ## the HTML report in headless Chromium: the seeds', and the 10 MB benchmark's opened, searched and sorted (installs Debian's chromium when missing; needs root)
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }
	REPRINT_BROWSER_SCALE=1 $(GO) test -count=1 -v -run TestHTMLInBrowser ./report

demo: build ## scan the bundled seed articles
	./$(BIN) scan testdata/seeds

eval: ## accuracy: the synthetic benchmark built from CORPUS, the passages' promises on the REAL corpora, the labelled PAIRS of real wire copy; the sweep
	$(GO) run ./cmd/reprint-eval --corpus $(CORPUS) $(foreach r,$(REAL),--real $(r)) --pairs $(PAIRS)

bench: build ## speed: reprint end to end on 10 and 100 MB corpora built from CORPUS, beside the plain ekzhu pipeline; then the stage benchmarks
	$(GO) run ./cmd/reprint-bench --reprint $(BIN) --corpus $(CORPUS)
	$(GO) test -run '^$$' -bench . -benchmem ./...

bench-1g: build ## speed at archive scale: both jobs on 100 MB and 1 GB corpora built from CORPUS, one run each, without the ekzhu pipeline (not part of make test; needs about 12 GB of memory)
	$(GO) run ./cmd/reprint-bench --reprint $(BIN) --corpus $(CORPUS) --sizes 100,1000 --runs 1 --baseline=false

golden: ## rewrite the golden files after an intended change of output
	$(GO) test ./cmd/reprint -run TestGolden -update

FUZZTIME ?= 2m
fuzz: ## run every fuzz test in every package for FUZZTIME each (default 2m)
	@for pkg in $$($(GO) list ./...); do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "== $$pkg $$f"; $(GO) test $$pkg -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) || exit 1; \
	  done; \
	done

clean: ## remove build output
	rm -rf bin
