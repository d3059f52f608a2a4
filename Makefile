# The README's two commands, and a few helpers. Everything real lives in scripts/.
.PHONY: run test deps release debug e2e clean

run: deps release  ## build the release binary and serve on http://127.0.0.1:8080 (SQLite in ./data)
	mkdir -p data
	./build/release/roster serve

test:  ## install what is missing, build the test build, run every suite; non-zero on failure
	bash scripts/test.sh

deps:
	bash scripts/install-deps.sh

release: deps
	cmake --preset release
	cmake --build --preset release --target roster

debug: deps
	cmake --preset debug
	cmake --build --preset debug

e2e: debug
	bash tests/e2e/run.sh build/debug/roster

clean:
	rm -rf build

.PHONY: fuzz
fuzz:  ## build the libFuzzer targets (clang) and run each for 5 minutes; non-zero on a crash
	bash scripts/fuzz.sh 300
