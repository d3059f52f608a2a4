// HTTP layer, JSON: response bodies of the two list endpoints and request bodies of the hot POSTs.
// The handlers produce a page body as json::serialize(PageJson(page)) (organization_handlers.cpp,
// invitation_handlers.cpp) and read a body with JsonBody (json_io.hpp); these call the same.
#include <benchmark/benchmark.h>

#include <boost/json.hpp>
#include <string>

#include "fixtures.hpp"
#include "http/json_io.hpp"
#include "http/json_writer.hpp"

namespace {

using namespace roster;
namespace json = boost::json;

template <class T>
void PageBody(benchmark::State& state, const app::Page<T>& page) {
  std::size_t bytes = 0;
  for (auto _ : state) {
    std::string body = json::serialize(http::PageJson(page));
    bytes = body.size();
    benchmark::DoNotOptimize(body);
  }
  state.counters["body_bytes"] = static_cast<double>(bytes);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
}

// The same bodies written directly (http::PageBody, what the handlers use since the profile);
// the json::serialize(PageJson(page)) rows below are the tree they replaced, kept to compare.
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

// GET /orgs/{org_id}/members?limit=50: 50 members -> the response body (the boost::json tree).
void BM_MembersPage50_Body(benchmark::State& state) { PageBody(state, bench::MembersPage(50)); }
BENCHMARK(BM_MembersPage50_Body);

// GET /orgs/{org_id}/invitations?limit=50: 50 invitations -> the response body.
void BM_InvitationsPage50_Body(benchmark::State& state) {
  PageBody(state, bench::InvitationsPage(50));
}
BENCHMARK(BM_InvitationsPage50_Body);

// The two halves of the members body: building the json::object tree, then serialising it.
void BM_MembersPage50_BuildTree(benchmark::State& state) {
  const auto page = bench::MembersPage(50);
  for (auto _ : state) {
    json::object tree = http::PageJson(page);
    benchmark::DoNotOptimize(tree);
  }
}
BENCHMARK(BM_MembersPage50_BuildTree);

void BM_MembersPage50_SerializeTree(benchmark::State& state) {
  const json::object tree = http::PageJson(bench::MembersPage(50));
  for (auto _ : state) {
    std::string body = json::serialize(tree);
    benchmark::DoNotOptimize(body);
  }
}
BENCHMARK(BM_MembersPage50_SerializeTree);

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
