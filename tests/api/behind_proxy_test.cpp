// ROSTER_TRUSTED_PROXIES end to end: the address the access log (and the per-client login
// limit, which reads the same value) and the audit trail give a request that came through a proxy.
#include <gtest/gtest.h>
#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>

#include <algorithm>

#include "api_helpers.hpp"
#include "configured_server.hpp"
#include "harness.hpp"

namespace roster::testing {
namespace {

using namespace api;  // NOLINT(google-build-using-namespace)

// Collects the log lines of one test.
class LogCapture {
 public:
  LogCapture() : sink_(std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(1024)) {
    sink_->set_pattern("%v");
    spdlog::default_logger()->sinks().push_back(sink_);
  }
  ~LogCapture() {
    auto& sinks = spdlog::default_logger()->sinks();
    sinks.erase(std::remove(sinks.begin(), sinks.end(), sink_), sinks.end());
  }
  // The access-log line of the request with this X-Request-Id ("" if none).
  std::string AccessLine(const std::string& request_id) const {
    spdlog::default_logger()->flush();
    for (auto line : sink_->last_formatted()) {
      while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
      if (line.starts_with(request_id + " ")) return line;
    }
    return {};
  }

 private:
  std::shared_ptr<spdlog::sinks::ringbuffer_sink_mt> sink_;
};

// The client address the server logged for GET /healthz sent with these X-Forwarded-For values.
std::string LoggedClient(unsigned short port, const LogCapture& logs, const std::string& id,
                         const std::string& forwarded_for) {
  Client client(port);
  std::map<std::string, std::string> headers{{"X-Request-Id", id}};
  if (!forwarded_for.empty()) headers["X-Forwarded-For"] = forwarded_for;
  const auto result = client.Request("GET", "/healthz", std::nullopt, headers);
  if (result.status != 200) return "status " + std::to_string(result.status);
  // The line is written before the response: it is there once the answer arrived.
  const std::string line = logs.AccessLine(id);
  return line.substr(line.rfind(' ') + 1);
}

TEST(BehindProxy, FromATrustedPeerTheForwardedClientIsLogged) {
  LogCapture logs;
  ConfiguredServer server([](cmd::Config& c) { c.trusted_proxies = "127.0.0.1, ::1"; });
  EXPECT_EQ(LoggedClient(server.port(), logs, "xff-1", "198.51.100.7"), "198.51.100.7");
  // A client's own header is left of what the proxy appends: it cannot pick its address.
  EXPECT_EQ(LoggedClient(server.port(), logs, "xff-2", "127.0.0.9, 198.51.100.7"), "198.51.100.7");
  EXPECT_EQ(LoggedClient(server.port(), logs, "xff-3", "2001:db8::5"), "2001:db8::5");
  EXPECT_EQ(LoggedClient(server.port(), logs, "xff-4", "not-an-address"), "127.0.0.1");
  EXPECT_EQ(LoggedClient(server.port(), logs, "xff-5", ""), "127.0.0.1");
}

TEST(BehindProxy, FromAnUntrustedPeerTheHeaderIsIgnored) {
  LogCapture logs;
  ConfiguredServer server([](cmd::Config& c) { c.trusted_proxies = "10.0.0.0/8"; });
  EXPECT_EQ(LoggedClient(server.port(), logs, "xff-6", "198.51.100.7"), "127.0.0.1");
}

TEST(BehindProxy, ByDefaultNoPeerIsTrusted) {
  LogCapture logs;
  ConfiguredServer server([](cmd::Config&) {});
  EXPECT_EQ(LoggedClient(server.port(), logs, "xff-7", "198.51.100.7"), "127.0.0.1");
}

// The client address of each audit event, newest first: "action address" ("-" when absent).
std::vector<std::string> AuditedAddresses(Client& admin, const std::string& org_id) {
  const auto page = admin.Get(OrgPath(org_id, "/audit-events"));
  std::vector<std::string> out;
  for (const auto& event : page.json.at("items").as_array()) {
    const auto& e = event.as_object();
    const auto* address = e.if_contains("client_address");
    out.push_back(std::string(e.at("action").as_string()) + " " +
                  (address ? std::string(address->as_string()) : "-"));
  }
  return out;
}

TEST(BehindProxy, TheAuditTrailRecordsTheForwardedClient) {
  TestServer server(TestServer::Options{
      .shape = [](cmd::Config& c) { c.trusted_proxies = "127.0.0.1, ::1"; }});
  auto admin = AdminWithOrgOk(server, "proxyadmin", "Proxied");
  const std::map<std::string, std::string> via_proxy{{"X-Forwarded-For", "198.51.100.7"}};
  const auto invite = admin.client.Request(
      "POST", OrgPath(admin.org_id, "/invitations"),
      R"({"email":"pat@example.com","username":"pat","role":"USER"})", via_proxy);
  ASSERT_EQ(invite.status, 201) << invite.body;
  const std::string id = invite.str("id");
  const auto revoke = admin.client.Request(
      "POST", OrgPath(admin.org_id, "/invitations/" + id + "/revoke"), std::nullopt,
      {{"X-Forwarded-For", "127.0.0.5, 2001:db8::9"}});
  ASSERT_EQ(revoke.status, 200) << revoke.body;
  EXPECT_EQ(AuditedAddresses(admin.client, admin.org_id),
            (std::vector<std::string>{"invitation.revoked 2001:db8::9",
                                      "invitation.created 198.51.100.7",
                                      "organization.activated 127.0.0.1"}));
}

TEST(BehindProxy, ABadListIsOneLineNamingTheVariable) {
  for (const char* bad : {"10.0.0.0/33", "proxy.internal", "10.0.0.1,"}) {
    cmd::Config config;
    config.trusted_proxies = bad;
    const auto error = cmd::Validate(config);
    ASSERT_TRUE(error.has_value()) << bad;
    EXPECT_TRUE(error->starts_with("ROSTER_TRUSTED_PROXIES: ")) << *error;
    EXPECT_EQ(error->find('\n'), std::string::npos);
  }
  cmd::Config good;
  good.trusted_proxies = "10.0.0.1, 172.16.0.0/12, fd00::/8";
  EXPECT_FALSE(cmd::Validate(good).has_value());
}

}  // namespace
}  // namespace roster::testing
