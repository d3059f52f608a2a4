// HTTP layer, JSON: response bodies of the two list endpoints and request bodies of the hot POSTs.
// The handlers write a page body with PageBody (json_writer.hpp) and read a body with JsonBody
// (json_io.hpp); these call the same.
#include <benchmark/benchmark.h>

#include <string>

#include "fixtures.hpp"
#include "http/json_io.hpp"
#include "http/json_writer.hpp"

namespace {

using namespace roster;

// GET /orgs/{org_id}/members?limit=50 and GET /orgs/{org_id}/invitations?limit=50: 50 items ->
// the response body, as the handlers write it (http::PageBody).
template <class T>
void WriterBody(benchmark::State& state, const app::Page<T>& page) {
  std::size_t bytes = 0;
  for (auto _ : state) {
    std::string body = http::PageBody(page);
    bytes = body.size();
    benchmark::DoNotOptimize(body);
  }
  state.counters["body_bytes"] = static_cast<double>(bytes);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
}

void BM_MembersPage50_Writer(benchmark::State& state) { WriterBody(state, bench::MembersPage(50)); }
BENCHMARK(BM_MembersPage50_Writer);

void BM_InvitationsPage50_Writer(benchmark::State& state) {
  WriterBody(state, bench::InvitationsPage(50));
}
BENCHMARK(BM_InvitationsPage50_Writer);

// POST /auth/login: as the handler reads it (parse, two strings, error check).
void BM_ParseLoginBody(benchmark::State& state) {
  const std::string text = R"({"email":"member0000042@bench.test","password":"bench-password-1"})";
  for (auto _ : state) {
    http::JsonBody body(text);
    std::string email = body.RequiredString("email");
    std::string password = body.RequiredString("password");
    body.ThrowIfInvalid();
    benchmark::DoNotOptimize(email);
    benchmark::DoNotOptimize(password);
  }
}
BENCHMARK(BM_ParseLoginBody);

// POST /orgs/{org_id}/invitations: as the handler reads it (parse, three strings, error check).
void BM_ParseInvitationBody(benchmark::State& state) {
  const std::string text =
      R"({"email":"guest0000042@bench.test","username":"guest0000042","role":"USER"})";
  for (auto _ : state) {
    http::JsonBody body(text);
    app::InviteInput input{body.RequiredString("email"), body.RequiredString("username"),
                           body.RequiredString("role")};
    body.ThrowIfInvalid();
    benchmark::DoNotOptimize(input);
  }
}
BENCHMARK(BM_ParseInvitationBody);

// A body that is not JSON: JsonBody throws invalid_json (cost includes the throw and catch).
void BM_ParseBody_InvalidJson(benchmark::State& state) {
  const std::string text = R"({"email":"member0000042@bench.test","password":)";
  for (auto _ : state) {
    try {
      http::JsonBody body(text);
      benchmark::DoNotOptimize(body);
    } catch (const domain::Error& error) {
      benchmark::DoNotOptimize(&error);
    }
  }
}
BENCHMARK(BM_ParseBody_InvalidJson);

}  // namespace
