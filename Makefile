# celltwin convenience targets. `make demo` and `make test` work on a fresh Debian 12 machine:
# they install the Debian packages, configure, build, then run the demo or the tests.
BUILD ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=Release

.PHONY: all deps configure build demo test fuzz sanitize bench clean

all: build

deps:
	./scripts/install-deps

configure: deps
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS)

build: configure
	cmake --build $(BUILD) -j $(JOBS)

# The main job on the bundled sample: robot description, forward and inverse kinematics.
demo: build
	./scripts/demo $(BUILD)

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS) --timeout 900

# libFuzzer targets under ASan/UBSan (clang), FUZZ_SECONDS each.
FUZZ_SECONDS ?= 60
fuzz: deps
	./scripts/run-fuzz $(FUZZ_SECONDS)

# Everything under AddressSanitizer + UBSan.
sanitize: deps
	cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCT_SANITIZE=ON
	cmake --build build-asan -j $(JOBS)
	cd build-asan && ctest --output-on-failure -j $(JOBS) --timeout 1800

bench: build
	./$(BUILD)/app/celltwin bench kinematics

clean:
	rm -rf $(BUILD) build-asan build-fuzz
