// roster_micro_bench: Google Benchmark's main, after libsodium is initialised as the server does.
#include <benchmark/benchmark.h>
#include <sodium.h>

#include "app/security.hpp"

int main(int argc, char** argv) {
  roster::app::InitCrypto();
  benchmark::AddCustomContext("libsodium", sodium_version_string());
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
