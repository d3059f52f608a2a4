// HTTP layer, routing: Router::Find over the API's route table (paths after /api/v1).
#include <benchmark/benchmark.h>

#include <string>
#include <unordered_map>

#include "fixtures.hpp"
#include "http/router.hpp"

namespace {

using namespace roster::http;
using roster::bench::HexId;
using beast_http::verb;

// The same 17 patterns in the same order as Api::Api registers them (AddAccountRoutes,
// AddOrganizationRoutes, AddInvitationRoutes). Find scans them in order, so the position of the
// matched route matters. The handlers are never called here.
Router ApiRouteTable() {
  Router router;
  const auto add = [&](verb method, const char* pattern) {
    router.Add(method, pattern, Access::kSignedIn, Handler{});
  };
  add(verb::post, "/auth/signup");
  add(verb::post, "/auth/login");
  add(verb::post, "/auth/logout");
  add(verb::get, "/me");
  add(verb::post, "/me/tokens");
  add(verb::post, "/organizations");
  add(verb::get, "/orgs/{org_id}");
  add(verb::get, "/orgs/{org_id}/members");
  add(verb::patch, "/orgs/{org_id}/members/{user_id}");
  add(verb::delete_, "/orgs/{org_id}/members/{user_id}");
  add(verb::get, "/orgs/{org_id}/audit-events");
  add(verb::get, "/orgs/{org_id}/invitations");
  add(verb::post, "/orgs/{org_id}/invitations");
  add(verb::post, "/orgs/{org_id}/invitations/{invitation_id}/resend");
  add(verb::post, "/orgs/{org_id}/invitations/{invitation_id}/revoke");
  add(verb::get, "/invitations/{token}");
  add(verb::post, "/invitations/{token}/accept");
  return router;
}

void FindRoute(benchmark::State& state, verb method, std::string path) {
  const Router router = ApiRouteTable();
  for (auto _ : state) {
    benchmark::DoNotOptimize(path);
    std::unordered_map<std::string, std::string> params;  // fresh per request, as in Api
    auto match = router.Find(method, path, params);
    benchmark::DoNotOptimize(match);
    benchmark::DoNotOptimize(params);
  }
}

// 9th route, two parameters.
void BM_Router_PatchMember(benchmark::State& state) {
  FindRoute(state, verb::patch, "/orgs/" + HexId(1) + "/members/" + HexId(1042));
}
BENCHMARK(BM_Router_PatchMember);

// 8th route, one parameter.
void BM_Router_GetMembers(benchmark::State& state) {
  FindRoute(state, verb::get, "/orgs/" + HexId(1) + "/members");
}
BENCHMARK(BM_Router_GetMembers);

// 4th route, no parameter.
void BM_Router_GetMe(benchmark::State& state) { FindRoute(state, verb::get, "/me"); }
BENCHMARK(BM_Router_GetMe);

// Last (17th) route, a 43-character token parameter.
void BM_Router_AcceptInvitation(benchmark::State& state) {
  FindRoute(state, verb::post, "/invitations/q3Jt1n5dVb0cX8yZkLmNoPqRsTuVwXyZa0b1c2d3e4f/accept");
}
BENCHMARK(BM_Router_AcceptInvitation);

// No route: every pattern is tried (the 404 path).
void BM_Router_NotFound(benchmark::State& state) {
  FindRoute(state, verb::get, "/orgs/" + HexId(1) + "/unknown/" + HexId(7));
}
BENCHMARK(BM_Router_NotFound);

void BM_SplitPath(benchmark::State& state) {
  std::string path = "/orgs/" + HexId(1) + "/members/" + HexId(1042);
  for (auto _ : state) {
    benchmark::DoNotOptimize(path);
    auto segments = SplitPath(path);
    benchmark::DoNotOptimize(segments);
  }
}
BENCHMARK(BM_SplitPath);

}  // namespace
