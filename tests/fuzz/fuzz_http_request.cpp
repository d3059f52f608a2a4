// Fuzz target: raw request bytes -> Beast's request parser (the server's limits) ->
// http::Api::Handle on a real in-process Roster (SQLite store, use cases, router, handlers) ->
// the response. Properties of every response:
//   - Handle completes and never throws;
//   - the status is 100..599 and never 500 (a 500 is a bug: some input reached an exception the
//     code did not map to a problem);
//   - application/problem+json and application/json bodies are JSON (problem documents carry
//     their status and code); Content-Length matches the body; the response serializes.
//
// The database is a temporary SQLite file seeded once per process: an organization "Fuzz Org"
// with its ADMIN (session, CSRF token, API token), an active USER member (session), a personal
// user (session) and a pending invitation. Placeholders in the input are replaced by the live
// values before parsing, so the seed corpus reaches authenticated routes:
//   $SESSION $CSRF (admin)  $MSESSION $MCSRF (member)  $PSESSION $PCSRF (personal user)
//   $BEARER (admin API token)  $ORG  $ADMIN $MEMBER (user ids)  $INVITE (pending invitation id)
//   $TOKEN (its link token)  $MCURSOR $ICURSOR $ACURSOR (valid member/invitation/audit cursors)
//   and the OpenID Connect provider's clients, code and tokens (oidc_world.hpp)
// One input may hold several pipelined requests (handled in order, like one connection). After
// an input that sent a state-changing method the database is restored from the seeded copy, so
// every input starts from the same state and a crash reproduces from its input alone.
// Deterministic clock and randomness; a cheap password hasher instead of argon2id (64 MiB and
// ~100 ms per hash would make fuzzing useless); no mail worker (messages stay in the outbox).
// ROSTER_FUZZ_TRACE=1 prints each request line and the status it got (e.g. to check a corpus).
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

#include "app/accounts.hpp"
#include "app/invitations.hpp"
#include "app/organizations.hpp"
#include "app/rate_limiter.hpp"
#include "app/security.hpp"
#include "fuzz_check.hpp"
#include "oidc_world.hpp"
#include "http/api.hpp"
#include "http/offload.hpp"
#include "store/open_store.hpp"

namespace {

namespace asio = boost::asio;
namespace beast_http = boost::beast::http;
namespace fs = std::filesystem;
using namespace roster;

// 2025-01-01T00:00:00Z: every input sees the same "now".
const app::Timestamp kNow = domain::FromMillis(1735689600000);

class FixedClock final : public app::Clock {
 public:
  app::Timestamp Now() const override { return kNow; }
};

// splitmix64: the same ids and tokens in every run.
class DeterministicRandom final : public app::Random {
 public:
  std::string Bytes(std::size_t count) override {
    std::lock_guard lock(mutex_);
    std::string out;
    while (out.size() < count) {
      std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
      z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
      z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
      z ^= z >> 31;
      for (int i = 0; i < 8 && out.size() < count; ++i) out.push_back(static_cast<char>(z >> (8 * i)));
    }
    return out;
  }
  std::uint64_t state() const { return state_; }
  void set_state(std::uint64_t s) { state_ = s; }

 private:
  std::mutex mutex_;
  std::uint64_t state_ = 0x526F73746572ULL;
};

class FastHasher final : public app::PasswordHasher {
 public:
  std::string Hash(std::string_view password) override {
    return "fuzz$" + app::HashToken(password);
  }
  bool Verify(std::string_view hash, std::string_view password) override {
    return app::SecureEquals(hash, Hash(password));
  }
};

// One Roster over one database file: what cmd::Instance builds, minus the server and the mail
// worker.
struct World {
  std::unique_ptr<app::Store> store;
  std::unique_ptr<app::MemoryLimitStore> limits;  // starts empty with each world
  std::unique_ptr<app::AppContext> context;
  std::unique_ptr<app::Accounts> accounts;
  std::unique_ptr<app::Organizations> organizations;
  std::unique_ptr<app::Invitations> invitations;
  std::unique_ptr<app::AccountLinks> account_links;
  std::unique_ptr<app::Sessions> sessions;
  std::unique_ptr<fuzz::OidcParts> oidc;
  std::unique_ptr<http::Api> api;
};

class Harness {
 public:
  Harness();
  ~Harness();
  void RunOne(std::string_view input);

 private:
  void Open();
  void Close();
  void Restore();
  void Seed();
  std::string Substitute(std::string_view input) const;
  http::Response Handle(const http::Request& request);

  fs::path dir_, db_, template_;
  FixedClock clock_;
  DeterministicRandom random_;
  std::uint64_t seeded_random_state_ = 0;
  FastHasher hasher_;
  asio::thread_pool db_pool_{1};
  http::BoundedPool hash_pool_{1, 64};
  asio::io_context io_;
  World world_;
  bool dirty_ = false;
  const bool trace_ = std::getenv("ROSTER_FUZZ_TRACE") != nullptr;  // print each exchange
  std::vector<std::pair<std::string, std::string>> placeholders_;  // longest name first
};

fs::path MakeTempDir() {
  const char* base = std::getenv("ROSTER_FUZZ_TMP");
  std::string root = base && *base ? base : (fs::is_directory("/dev/shm") ? "/dev/shm" : "/tmp");
  fs::create_directories(root);
  std::string pattern = root + "/roster-fuzz-XXXXXX";
  if (!::mkdtemp(pattern.data())) {
    std::perror("mkdtemp");
    std::abort();
  }
  return pattern;
}

Harness::Harness() : dir_(MakeTempDir()), db_(dir_ / "roster.db"), template_(dir_ / "seeded.db") {
  Open();
  Seed();
  Close();  // the last connection checkpoints the WAL into the main file
  fs::copy_file(db_, template_, fs::copy_options::overwrite_existing);
  seeded_random_state_ = random_.state();
  Restore();
}

Harness::~Harness() {
  Close();
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

void Harness::Open() {
  World w;
  w.store = store::OpenStore("sqlite:" + db_.string());
  w.limits = std::make_unique<app::MemoryLimitStore>();
  app::AppSettings settings;
  settings.public_url = "http://roster.fuzz";
  w.context = std::make_unique<app::AppContext>(app::AppContext{
      *w.store, clock_, random_, hasher_, nullptr, settings,
      app::CursorCodec(w.store->LoadOrCreateSecret("cursor_key", app::NewToken(random_))),
      *w.limits});
  w.accounts = std::make_unique<app::Accounts>(*w.context);
  w.organizations = std::make_unique<app::Organizations>(*w.context);
  w.invitations = std::make_unique<app::Invitations>(*w.context);
  w.account_links = std::make_unique<app::AccountLinks>(*w.context);
  w.sessions = std::make_unique<app::Sessions>(*w.context);
  http::ApiDeps deps{*w.accounts,      *w.organizations, *w.invitations, *w.account_links,
                     *w.sessions,      *w.store,         db_pool_,       hash_pool_};
  deps.public_url = "http://roster.fuzz";
  deps.return_hosts = *http::ReturnHosts::Parse("roster.fuzz, app.fuzz:8443");  // forward auth
  w.oidc = std::make_unique<fuzz::OidcParts>(*w.context);
  deps.oidc = &w.oidc->deps;
  deps.applications = &w.oidc->clients;
  w.api = std::make_unique<http::Api>(deps);
  world_ = std::move(w);
}

void Harness::Close() {
  world_.api.reset();
  world_.oidc.reset();
  world_.sessions.reset();
  world_.account_links.reset();
  world_.invitations.reset();
  world_.organizations.reset();
  world_.accounts.reset();
  world_.context.reset();
  world_.store.reset();
}

void Harness::Restore() {
  Close();
  for (const char* suffix : {"-wal", "-shm"}) fs::remove(db_.string() + suffix);
  fs::copy_file(template_, db_, fs::copy_options::overwrite_existing);
  random_.set_state(seeded_random_state_);
  Open();
  dirty_ = false;
}

void Harness::Seed() {
  auto& accounts = *world_.accounts;
  auto& invitations = *world_.invitations;
  const auto admin = accounts.Signup({"admin@fuzz.example", "admin", "admin password"});
  const auto admin_p = *accounts.AuthenticateSession(admin.session_token);
  const auto org = world_.organizations->Activate(admin_p, "Fuzz Org", "127.0.0.1");
  const auto admin_m =
      *accounts.AuthenticateSession(admin.session_token, /*with_membership=*/true)->membership;

  const auto member_inv = invitations.Create(admin_m, {"member@fuzz.example", "member", "USER"}, "");
  const std::string member_link = member_inv.invite_url.value();
  const auto member = invitations.Accept(member_link.substr(member_link.rfind('/') + 1),
                                         "member password", app::ClientInfo{});
  const auto pending = invitations.Create(admin_m, {"pending@fuzz.example", "pending", "ADMIN"}, "");
  const std::string link = pending.invite_url.value();
  const auto personal = accounts.Signup({"solo@fuzz.example", "solo", "solo password"});
  const auto api_token = accounts.CreateApiToken(admin_p, "fuzz");

  const auto& cursors = world_.context->cursors;
  placeholders_ = {
      {"$SESSION", admin.session_token},
      {"$CSRF", admin.csrf_token},
      {"$MSESSION", member.session_token},
      {"$MCSRF", member.csrf_token},
      {"$PSESSION", personal.session_token},
      {"$PCSRF", personal.csrf_token},
      {"$BEARER", api_token.token},
      {"$ORG", org.id},
      {"$ADMIN", admin.me.user.id},
      {"$MEMBER", member.me.user.id},
      {"$INVITE", pending.invitation.id},
      {"$TOKEN", link.substr(link.rfind('/') + 1)},
      {"$MCURSOR", cursors.Encode(app::MemberCursor{"admin", admin.me.user.id})},
      {"$ICURSOR", cursors.Encode(app::InvitationCursor{
                       domain::ToMillis(pending.invitation.created_at), pending.invitation.id})},
      {"$ACURSOR", cursors.EncodeAudit(3)},
  };
  for (auto& placeholder :
       fuzz::SeedOidc(*world_.context, accounts, *world_.oidc, "Fuzz Org", member.session_token)) {
    placeholders_.push_back(std::move(placeholder));
  }
  std::stable_sort(placeholders_.begin(), placeholders_.end(),
                   [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
}

std::string Harness::Substitute(std::string_view input) const {
  std::string out;
  out.reserve(input.size() + 64);
  for (std::size_t i = 0; i < input.size();) {
    bool replaced = false;
    if (input[i] == '$') {
      for (const auto& [name, value] : placeholders_) {
        if (input.substr(i, name.size()) == name) {
          out += value;
          i += name.size();
          replaced = true;
          break;
        }
      }
    }
    if (!replaced) out.push_back(input[i++]);
  }
  return out;
}

http::Response Harness::Handle(const http::Request& request) {
  std::string route;
  std::optional<http::Response> response;
  bool threw = false;
  asio::co_spawn(io_, world_.api->Handle(request, "192.0.2.1", "fuzz-1", route),
                 [&](std::exception_ptr error, http::Response r) {
                   if (error) threw = true;
                   else response = std::move(r);
                 });
  io_.run();
  io_.restart();
  FUZZ_CHECK(!threw, "Api::Handle threw");
  FUZZ_CHECK(response.has_value(), "Api::Handle did not complete");
  return std::move(*response);
}

void CheckResponse(const http::Request& request, http::Response& response) {
  const int status = response.result_int();
  FUZZ_CHECK(status >= 100 && status <= 599, std::to_string(status));
  FUZZ_CHECK(status != 500, "500 for a request (see the log line above): " + response.body());
  const auto content_type = response[beast_http::field::content_type];
  const bool head = request.method() == beast_http::verb::head;
  if (content_type == "application/problem+json") {
    roster::fuzz::CheckProblemBody(response.body(), status);
  } else if (content_type == "application/json" && !(head && response.body().empty())) {
    boost::json::error_code ec;
    boost::json::parse(response.body(), ec);
    FUZZ_CHECK(!ec, "application/json body is not JSON: " + response.body());
  }
  if (!head && response.has_content_length()) {
    FUZZ_CHECK(response[beast_http::field::content_length] ==
               std::to_string(response.body().size()));
  }
  FUZZ_CHECK(!response["X-Request-Id"].empty());
  std::ostringstream wire;
  wire << response;
  FUZZ_CHECK(wire.good() && wire.str().starts_with("HTTP/1."));
}

void Harness::RunOne(std::string_view input) {
  if (dirty_) Restore();
  const std::string bytes = Substitute(input);
  std::string_view rest = bytes;
  for (int n = 0; n < 8 && !rest.empty(); ++n) {
    // The server's parser settings (http/server.cpp).
    beast_http::request_parser<beast_http::string_body> parser;
    parser.header_limit(16 * 1024);
    parser.body_limit(1024 * 1024);
    parser.eager(true);
    boost::beast::error_code ec;
    while (!parser.is_done()) {
      if (rest.empty()) {
        parser.put_eof(ec);
        break;
      }
      const auto used = parser.put(asio::buffer(rest.data(), rest.size()), ec);
      rest.remove_prefix(used);
      if (ec == beast_http::error::need_more) {
        ec = {};
        if (used == 0) {
          parser.put_eof(ec);
          break;
        }
      } else if (ec) {
        break;
      }
    }
    if (ec || !parser.is_done()) return;  // the server answers 400/413 itself and closes
    const http::Request request = parser.release();
    const auto method = request.method();
    // Authorization requests write codes, and use the random source, even with GET.
    if ((method != beast_http::verb::get && method != beast_http::verb::head) ||
        request.target().starts_with("/oauth/")) {
      dirty_ = true;
    }
    auto response = Handle(request);
    if (trace_) {
      std::fprintf(stderr, "%s %s -> %d %s\n", std::string(request.method_string()).c_str(),
                   std::string(request.target()).c_str(), response.result_int(),
                   response.body().substr(0, 200).c_str());
    }
    CheckResponse(request, response);
    if (!response.keep_alive()) return;
  }
}

Harness* harness = nullptr;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  spdlog::set_level(spdlog::level::err);  // a 500 logs its cause at error level
  app::InitCrypto();
  harness = new Harness();
  std::atexit([] {
    delete harness;
    harness = nullptr;
  });
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  harness->RunOne(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
