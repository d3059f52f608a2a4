#include "app/paging.hpp"

#include <gtest/gtest.h>

#include "app/rate_limiter.hpp"
#include "app/security.hpp"
#include "domain/error.hpp"
#include "domain/time.hpp"

namespace roster::app {
namespace {

using domain::ErrorCode;

ErrorCode CodeOfThrow(const std::function<void()>& f) {
  try {
    f();
  } catch (const domain::Error& e) {
    return e.code();
  }
  return ErrorCode::kInternal;
}

TEST(Cursor, RoundTrips) {
  const CursorCodec codec("test-key");
  const MemberCursor m{"ann.lee", std::string(32, 'a')};
  const auto decoded = codec.DecodeMember(codec.Encode(m));
  EXPECT_EQ(decoded.username_key, m.username_key);
  EXPECT_EQ(decoded.user_id, m.user_id);
  const InvitationCursor i{1764000000123, std::string(32, 'f')};
  const auto di = codec.DecodeInvitation(codec.Encode(i));
  EXPECT_EQ(di.created_at_ms, i.created_at_ms);
  EXPECT_EQ(di.id, i.id);
  EXPECT_EQ(codec.DecodeAudit(codec.EncodeAudit(77)), 77);
}

TEST(Cursor, CursorsTheServerDidNotIssueAreValidationErrors) {
  const CursorCodec codec("test-key");
  const std::string member = codec.Encode(MemberCursor{"ann", std::string(32, 'a')});
  // Well-formed but unsigned or signed with another key: forged.
  const std::string forged = Base64UrlEncode(std::string("m\x1F" "ann\x1F") + std::string(32, 'a') +
                                             std::string(16, '\0'));
  const std::string other_key = CursorCodec("other-key").Encode(MemberCursor{"ann", std::string(32, 'a')});
  std::string flipped = member;
  flipped[3] = flipped[3] == 'A' ? 'B' : 'A';
  for (const std::string& bad : {std::string("x"), std::string("!!!!"), member + "A", member.substr(1),
                                 forged, other_key, flipped, std::string(2000, 'A')}) {
    EXPECT_EQ(CodeOfThrow([&] { codec.DecodeMember(bad); }), ErrorCode::kValidationFailed) << bad;
  }
  // A cursor of another list does not fit this one.
  EXPECT_EQ(CodeOfThrow([&] { codec.DecodeInvitation(member); }), ErrorCode::kValidationFailed);
  EXPECT_EQ(CodeOfThrow([&] { codec.DecodeAudit(member); }), ErrorCode::kValidationFailed);
}

TEST(Limit, OneToTwoHundred) {
  EXPECT_EQ(CodeOfThrow([] { CheckLimit(0); }), ErrorCode::kValidationFailed);
  EXPECT_EQ(CodeOfThrow([] { CheckLimit(201); }), ErrorCode::kValidationFailed);
  EXPECT_NO_THROW(CheckLimit(1));
  EXPECT_NO_THROW(CheckLimit(200));
}

TEST(MemoryLimitStore, BlocksAfterMaxFailuresUntilTheWindowPasses) {
  MemoryLimitStore limiter;
  const RateLimit limit{3, std::chrono::minutes(15)};
  const auto t0 = domain::FromMillis(1'000'000'000);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(limiter.RetryAfterSeconds("k", limit, t0), 0);
    limiter.Record("k", limit, t0);
  }
  EXPECT_EQ(limiter.RetryAfterSeconds("k", limit, t0), 15 * 60);
  EXPECT_EQ(limiter.RetryAfterSeconds("other", limit, t0), 0);
  EXPECT_GT(limiter.RetryAfterSeconds("k", limit, t0 + std::chrono::minutes(14)), 0);
  EXPECT_EQ(limiter.RetryAfterSeconds("k", limit, t0 + std::chrono::minutes(15)), 0);
  limiter.Reset("k");
  EXPECT_EQ(limiter.RetryAfterSeconds("k", limit, t0), 0);
}

TEST(MemoryLimitStore, TryTakeAdmitsUpToTheLimitAndCountsNoRefusal) {
  MemoryLimitStore limiter;
  const RateLimit limit{2, std::chrono::hours(1)};
  const auto t0 = domain::FromMillis(1'000'000'000);
  EXPECT_EQ(limiter.TryTake("k", limit, t0), 0);
  EXPECT_EQ(limiter.TryTake("k", limit, t0 + std::chrono::minutes(10)), 0);
  EXPECT_EQ(limiter.TryTake("k", limit, t0 + std::chrono::minutes(20)), 40 * 60);
  EXPECT_EQ(limiter.TryTake("k", limit, t0 + std::chrono::minutes(60)), 0);  // the first left
  EXPECT_GT(limiter.TryTake("k", limit, t0 + std::chrono::minutes(61)), 0);
}

TEST(Tokens, RandomUrlSafeAndHashedForStorage) {
  InitCrypto();
  SodiumRandom random;
  const auto a = NewToken(random), b = NewToken(random);
  EXPECT_NE(a, b);
  EXPECT_EQ(a.size(), 43u);  // 32 bytes, base64url without padding
  EXPECT_EQ(a.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
            std::string::npos);
  EXPECT_EQ(HashToken(a), HashToken(a));
  EXPECT_NE(HashToken(a), a);
  EXPECT_EQ(HashToken(a).size(), 64u);
  EXPECT_EQ(NewId(random).size(), 32u);
}

TEST(Passwords, Argon2idHashesVerify) {
  InitCrypto();
  Argon2Hasher hasher;
  const auto hash = hasher.Hash("correct horse");
  EXPECT_TRUE(hash.starts_with("$argon2id$"));
  EXPECT_TRUE(hasher.Verify(hash, "correct horse"));
  EXPECT_FALSE(hasher.Verify(hash, "correct horsE"));
}

TEST(Time, DurationsAndRfc3339) {
  using namespace std::chrono;
  EXPECT_EQ(domain::ParseDuration("90s"), seconds(90));
  EXPECT_EQ(domain::ParseDuration("15m"), minutes(15));
  EXPECT_EQ(domain::ParseDuration("12h"), hours(12));
  EXPECT_EQ(domain::ParseDuration("7d"), hours(24 * 7));
  for (const char* bad : {"", "7", "d", "0d", "-1d", "7w", "1.5h", "7 d", "99999999999999d"}) {
    EXPECT_FALSE(domain::ParseDuration(bad).has_value()) << bad;
  }
  EXPECT_EQ(domain::FormatRfc3339(domain::FromMillis(1796551200999)), "2026-12-06T10:00:00Z");
}

}  // namespace
}  // namespace roster::app
