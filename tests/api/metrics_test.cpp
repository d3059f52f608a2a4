// GET /metrics: the Prometheus text exposition format, only for a bearer of ROSTER_METRICS_TOKEN;
// anyone else (and everyone when the token is unset) gets the answer of an unknown path. The
// scrape is read with a strict parser of the text format, and the counters must move with the
// requests the test makes.
#include <gtest/gtest.h>

#include <cctype>
#include <cmath>
#include <map>
#include <optional>
#include <set>

#include "harness.hpp"

namespace roster::testing {
namespace {

namespace json = boost::json;

constexpr const char* kToken = "metrics-token-0123456789abcdef";

// One scrape: sample value by "name{labels}" exactly as written (labels in the written order).
struct Scrape {
  std::map<std::string, double> samples;
  std::map<std::string, std::string> types;  // family -> counter | gauge | histogram
  double Value(const std::string& series) const {
    const auto it = samples.find(series);
    return it == samples.end() ? 0 : it->second;
  }
};

// The family a sample belongs to: histogram samples end in _bucket, _sum or _count.
std::string FamilyOf(const std::string& name, const std::map<std::string, std::string>& types) {
  for (const char* suffix : {"_bucket", "_sum", "_count"}) {
    const std::string s = suffix;
    if (name.size() > s.size() && name.ends_with(s)) {
      const auto base = name.substr(0, name.size() - s.size());
      if (types.contains(base) && types.at(base) == "histogram") return base;
    }
  }
  return name;
}

bool IsNameChar(char c, bool first) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == ':' ||
         (!first && std::isdigit(static_cast<unsigned char>(c)));
}

// Reads a metric (or label: no ':') name at `pos`; "" when there is none.
std::string ReadName(std::string_view line, std::size_t& pos, bool label) {
  const std::size_t begin = pos;
  while (pos < line.size() && IsNameChar(line[pos], pos == begin) && !(label && line[pos] == ':')) {
    ++pos;
  }
  return std::string(line.substr(begin, pos - begin));
}

// Reads {a="x",b="y"} at `pos` (escapes only \\, \" and \n); false when malformed.
bool ReadLabels(std::string_view line, std::size_t& pos) {
  if (pos >= line.size() || line[pos] != '{') return true;
  ++pos;
  std::set<std::string> names;
  while (true) {
    const std::string name = ReadName(line, pos, true);
    if (name.empty() || !names.insert(name).second) return false;
    if (line.substr(pos, 2) != "=\"") return false;
    pos += 2;
    while (pos < line.size() && line[pos] != '"') {
      if (line[pos] == '\\') {
        if (pos + 1 >= line.size() || std::string_view("\\\"n").find(line[pos + 1]) ==
                                          std::string_view::npos) {
          return false;
        }
        ++pos;
      }
      ++pos;
    }
    if (pos >= line.size()) return false;
    ++pos;  // the closing quote
    if (pos < line.size() && line[pos] == ',') {
      ++pos;
      continue;
    }
    if (pos < line.size() && line[pos] == '}') {
      ++pos;
      return true;
    }
    return false;
  }
}

// A sample value: a decimal number or +Inf; nullopt otherwise.
std::optional<double> ReadValue(std::string_view text) {
  if (text == "+Inf") return INFINITY;
  if (text.empty() || text.find_first_not_of("0123456789.e+-") != std::string_view::npos) {
    return std::nullopt;
  }
  std::size_t used = 0;
  const double value = std::stod(std::string(text), &used);
  if (used != text.size()) return std::nullopt;
  return value;
}

void ParseComment(std::string_view line, Scrape& scrape, std::set<std::string>& helps) {
  const bool help = line.starts_with("# HELP ");
  if (!help && !line.starts_with("# TYPE ")) {
    ADD_FAILURE() << "a comment that is neither HELP nor TYPE: " << line;
    return;
  }
  std::size_t pos = 7;
  const std::string name = ReadName(line, pos, false);
  const std::string_view rest = pos < line.size() && line[pos] == ' ' ? line.substr(pos + 1) : "";
  EXPECT_FALSE(name.empty() || rest.empty()) << "malformed: " << line;
  if (help) {
    EXPECT_TRUE(helps.insert(name).second) << "second HELP: " << line;
    return;
  }
  EXPECT_TRUE(helps.contains(name)) << "TYPE before HELP: " << line;
  EXPECT_TRUE(rest == "counter" || rest == "gauge" || rest == "histogram") << line;
  EXPECT_TRUE(scrape.types.emplace(name, std::string(rest)).second) << "second TYPE: " << line;
}

void ParseSample(std::string_view line, Scrape& scrape) {
  std::size_t pos = 0;
  const std::string name = ReadName(line, pos, false);
  const bool labels_ok = ReadLabels(line, pos);
  if (name.empty() || !labels_ok || pos >= line.size() || line[pos] != ' ') {
    ADD_FAILURE() << "not a sample line: '" << line << "'";
    return;
  }
  const auto value = ReadValue(line.substr(pos + 1));
  if (!value) {
    ADD_FAILURE() << "not a sample value: '" << line << "'";
    return;
  }
  const std::string family = FamilyOf(name, scrape.types);
  EXPECT_TRUE(scrape.types.contains(family)) << "sample before its TYPE: " << line;
  if (scrape.types[family] == "counter") {
    EXPECT_TRUE(family.ends_with("_total")) << "a counter is named *_total: " << line;
  }
  EXPECT_TRUE(scrape.samples.emplace(std::string(line.substr(0, pos)), *value).second)
      << "second sample: " << line;
}

// Parses the text format strictly; every violation is a test failure naming the line.
Scrape Parse(const std::string& body) {
  Scrape scrape;
  std::set<std::string> helps;
  EXPECT_TRUE(body.ends_with("\n")) << "the exposition ends with a newline";
  std::size_t start = 0;
  while (start < body.size()) {
    const auto end = body.find('\n', start);
    const std::string_view line =
        std::string_view(body).substr(start, end == std::string::npos ? end : end - start);
    start = end == std::string::npos ? body.size() : end + 1;
    if (line.starts_with("#")) {
      ParseComment(line, scrape, helps);
    } else {
      ParseSample(line, scrape);
    }
  }
  return scrape;
}

HttpResult GetMetrics(unsigned short port, const std::string& token) {
  Client client(port);
  client.bearer = token;
  return client.Get("/metrics");
}

// The answer must be the one an unknown path gets: same status, type and body.
void ExpectLikeAnUnknownPath(unsigned short port, const HttpResult& result) {
  Client client(port);
  const auto unknown = client.Get("/no-such-path");
  EXPECT_EQ(result.status, 404);
  EXPECT_EQ(result.status, unknown.status);
  EXPECT_EQ(result.headers.at("content-type"), unknown.headers.at("content-type"));
  EXPECT_EQ(result.body, unknown.body);
}

TEST(Metrics, WithoutTheTokenSetTheEndpointDoesNotExist) {
  TestServer server;
  ExpectLikeAnUnknownPath(server.port(), GetMetrics(server.port(), ""));
  ExpectLikeAnUnknownPath(server.port(), GetMetrics(server.port(), kToken));
}

TEST(Metrics, OnlyTheRightBearerTokenGetsThem) {
  TestServer server(TestServer::Options{.metrics_token = kToken});
  ExpectLikeAnUnknownPath(server.port(), GetMetrics(server.port(), ""));
  ExpectLikeAnUnknownPath(server.port(), GetMetrics(server.port(), "metrics-token-0123456789abcdeX"));
  ExpectLikeAnUnknownPath(server.port(), GetMetrics(server.port(), std::string(kToken) + "0"));
  Client cookie_only(server.port());
  cookie_only.set_cookie("roster_session", kToken);
  ExpectLikeAnUnknownPath(server.port(), cookie_only.Get("/metrics"));

  const auto ok = GetMetrics(server.port(), kToken);
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.headers.at("content-type"), "text/plain; version=0.0.4; charset=utf-8");
  const auto scrape = Parse(ok.body);
  for (const char* family :
       {"roster_http_requests_total", "roster_http_request_duration_seconds",
        "roster_rate_limited_total", "roster_hash_queue_depth", "roster_hash_shed_total",
        "roster_db_pool_waits_total", "roster_outbox_depth",
        "roster_mail_failed_deliveries_total"}) {
    EXPECT_TRUE(scrape.types.contains(family)) << family;
  }
}

TEST(Metrics, CountersMoveWithRequestsUnderTheRoutePattern) {
  TestServer server(TestServer::Options{.login_max_failures = 2, .metrics_token = kToken});
  const auto before = Parse(GetMetrics(server.port(), kToken).body);

  Client client(server.port());
  ASSERT_EQ(client.Get("/healthz").status, 200);
  const std::string invitation_token = "raw-token-that-must-not-become-a-label";
  EXPECT_EQ(client.Get("/api/v1/invitations/" + invitation_token).status, 404);
  const json::object login{{"email", "nobody@example.com"}, {"password", "wrong password 1"}};
  EXPECT_EQ(client.Post("/api/v1/auth/login", login).status, 401);
  EXPECT_EQ(client.Post("/api/v1/auth/login", login).status, 401);
  EXPECT_EQ(client.Post("/api/v1/auth/login", login).status, 429);

  const auto scrape = GetMetrics(server.port(), kToken);
  ASSERT_EQ(scrape.status, 200);
  EXPECT_EQ(scrape.body.find(invitation_token), std::string::npos) << "a raw path as a label";
  const auto after = Parse(scrape.body);
  const auto delta = [&](const std::string& series) {
    return after.Value(series) - before.Value(series);
  };
  EXPECT_EQ(delta(R"(roster_http_requests_total{method="GET",route="/healthz",status="200"})"), 1);
  EXPECT_EQ(delta(R"(roster_http_requests_total{method="GET",route="/api/v1/invitations/{token}",status="404"})"), 1);
  EXPECT_EQ(delta(R"(roster_http_requests_total{method="POST",route="/api/v1/auth/login",status="401"})"), 2);
  EXPECT_EQ(delta(R"(roster_http_requests_total{method="POST",route="/api/v1/auth/login",status="429"})"), 1);
  EXPECT_EQ(delta(R"(roster_http_requests_total{method="GET",route="/metrics",status="200"})"), 1);
  EXPECT_EQ(delta(R"(roster_rate_limited_total{limit="login_per_email"})"), 1);

  // The histogram: cumulative buckets, +Inf equal to the count, which counts the requests.
  const std::string labels = R"(method="POST",route="/api/v1/auth/login")";
  EXPECT_EQ(delta("roster_http_request_duration_seconds_count{" + labels + "}"), 3);
  double previous = 0;
  for (const char* le : {"0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5",
                         "10", "+Inf"}) {
    const double bucket = after.Value("roster_http_request_duration_seconds_bucket{" + labels +
                                      ",le=\"" + le + "\"}");
    EXPECT_GE(bucket, previous) << le;
    previous = bucket;
  }
  EXPECT_EQ(previous, after.Value("roster_http_request_duration_seconds_count{" + labels + "}"));
  EXPECT_GT(after.Value("roster_http_request_duration_seconds_sum{" + labels + "}"), 0);
}

TEST(Metrics, AShortOrBlankTokenIsAConfigurationError) {
  for (const char* bad : {"short", "sixteen chars 16", "tab\tinside-the-token"}) {
    cmd::Config config;
    config.metrics_token = bad;
    const auto error = cmd::Validate(config);
    ASSERT_TRUE(error.has_value()) << bad;
    EXPECT_TRUE(error->starts_with("ROSTER_METRICS_TOKEN:")) << *error;
  }
}

}  // namespace
}  // namespace roster::testing
