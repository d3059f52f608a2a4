// Domain layer: the input validators of signup, invitations and organization creation.
#include <benchmark/benchmark.h>

#include <string>

#include "domain/time.hpp"
#include "domain/validation.hpp"

namespace {

using namespace roster::domain;

// Each validator gets the kind of value it sees most (valid) and one it must reject. The input
// passes through DoNotOptimize so the compiler cannot fold the call on a constant.

void BM_ValidateEmail_Valid(benchmark::State& state) {
  std::string email = "member0000042@bench.test";
  for (auto _ : state) {
    benchmark::DoNotOptimize(email);
    auto error = ValidateEmail(email);
    benchmark::DoNotOptimize(error);
  }
}
BENCHMARK(BM_ValidateEmail_Valid);

void BM_ValidateEmail_LongValid(benchmark::State& state) {
  std::string email = "firstname.middlename.lastname+roster-invites@mail.engineering.example.co.uk";
  for (auto _ : state) {
    benchmark::DoNotOptimize(email);
    auto error = ValidateEmail(email);
    benchmark::DoNotOptimize(error);
  }
}
BENCHMARK(BM_ValidateEmail_LongValid);

void BM_ValidateEmail_Invalid(benchmark::State& state) {
  std::string email = "member..0042@bench";  // double dot and a one-label domain
  for (auto _ : state) {
    benchmark::DoNotOptimize(email);
    auto error = ValidateEmail(email);  // builds a FieldError (three strings)
    benchmark::DoNotOptimize(error);
  }
}
BENCHMARK(BM_ValidateEmail_Invalid);

void BM_ValidateUsername_Valid(benchmark::State& state) {
  std::string username = "member0000042";
  for (auto _ : state) {
    benchmark::DoNotOptimize(username);
    auto error = ValidateUsername(username);
    benchmark::DoNotOptimize(error);
  }
}
BENCHMARK(BM_ValidateUsername_Valid);

void BM_ValidateUsername_Invalid(benchmark::State& state) {
  std::string username = "-member 42";
  for (auto _ : state) {
    benchmark::DoNotOptimize(username);
    auto error = ValidateUsername(username);
    benchmark::DoNotOptimize(error);
  }
}
BENCHMARK(BM_ValidateUsername_Invalid);

void BM_ValidateOrganizationName_Valid(benchmark::State& state) {
  std::string name = "Acme Corporation — Zürich";  // UTF-8: counted in code points
  for (auto _ : state) {
    benchmark::DoNotOptimize(name);
    auto error = ValidateOrganizationName(name);
    benchmark::DoNotOptimize(error);
  }
}
BENCHMARK(BM_ValidateOrganizationName_Valid);

// What POST /organizations does with the raw name: trim, validate, then the uniqueness key.
void BM_OrganizationName_TrimValidateKey(benchmark::State& state) {
  std::string raw = "  Acme   Corporation  ";
  for (auto _ : state) {
    benchmark::DoNotOptimize(raw);
    const std::string trimmed = Trim(raw);
    auto error = ValidateOrganizationName(trimmed);
    benchmark::DoNotOptimize(error);
    auto key = OrganizationNameKey(trimmed);
    benchmark::DoNotOptimize(key);
  }
}
BENCHMARK(BM_OrganizationName_TrimValidateKey);

// Every timestamp of a response body goes through this (1 per member, 2 to 4 per invitation).
void BM_FormatRfc3339(benchmark::State& state) {
  Timestamp t = FromMillis(1795939200123);
  for (auto _ : state) {
    benchmark::DoNotOptimize(t);
    auto text = FormatRfc3339(t);
    benchmark::DoNotOptimize(text);
  }
}
BENCHMARK(BM_FormatRfc3339);

}  // namespace
