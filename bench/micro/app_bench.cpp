// App layer: page cursors (HMAC-signed, base64url) and tokens (libsodium).
#include <benchmark/benchmark.h>

#include <string>

#include "app/paging.hpp"
#include "app/security.hpp"
#include "domain/error.hpp"
#include "fixtures.hpp"

namespace {

using namespace roster;

const app::MemberCursor kMemberCursor{"member0000049", bench::HexId(1049)};
const app::InvitationCursor kInvitationCursor{bench::kNowMs + 49, bench::HexId(5049)};

void BM_Cursor_EncodeMember(benchmark::State& state) {
  const app::CursorCodec codec(bench::CursorKey());
  for (auto _ : state) {
    auto text = codec.Encode(kMemberCursor);
    benchmark::DoNotOptimize(text);
  }
}
BENCHMARK(BM_Cursor_EncodeMember);

void BM_Cursor_EncodeInvitation(benchmark::State& state) {
  const app::CursorCodec codec(bench::CursorKey());
  for (auto _ : state) {
    auto text = codec.Encode(kInvitationCursor);
    benchmark::DoNotOptimize(text);
  }
}
BENCHMARK(BM_Cursor_EncodeInvitation);

void BM_Cursor_DecodeMember_Valid(benchmark::State& state) {
  const app::CursorCodec codec(bench::CursorKey());
  const std::string text = codec.Encode(kMemberCursor);
  for (auto _ : state) {
    auto cursor = codec.DecodeMember(text);
    benchmark::DoNotOptimize(cursor);
  }
}
BENCHMARK(BM_Cursor_DecodeMember_Valid);

void BM_Cursor_DecodeInvitation_Valid(benchmark::State& state) {
  const app::CursorCodec codec(bench::CursorKey());
  const std::string text = codec.Encode(kInvitationCursor);
  for (auto _ : state) {
    auto cursor = codec.DecodeInvitation(text);
    benchmark::DoNotOptimize(cursor);
  }
}
BENCHMARK(BM_Cursor_DecodeInvitation_Valid);

// A well-formed cursor signed with another key: the MAC check fails and DecodeMember throws
// validation_failed (the cost includes building and catching the domain::Error).
void BM_Cursor_DecodeMember_Forged(benchmark::State& state) {
  const app::CursorCodec codec(bench::CursorKey());
  const std::string forged = app::CursorCodec(std::string(32, 'F')).Encode(kMemberCursor);
  for (auto _ : state) {
    try {
      auto cursor = codec.DecodeMember(forged);
      benchmark::DoNotOptimize(cursor);
    } catch (const domain::Error& error) {
      benchmark::DoNotOptimize(&error);
    }
  }
}
BENCHMARK(BM_Cursor_DecodeMember_Forged);

// What a bearer-token or session lookup hashes: a 43-character base64url token -> SHA-256 hex.
void BM_HashToken(benchmark::State& state) {
  app::SodiumRandom random;
  const std::string token = app::NewToken(random);
  for (auto _ : state) {
    auto hash = app::HashToken(token);
    benchmark::DoNotOptimize(hash);
  }
}
BENCHMARK(BM_HashToken);

// 32 random bytes -> base64url (sessions, CSRF tokens, invitation and API tokens).
void BM_NewToken(benchmark::State& state) {
  app::SodiumRandom random;
  for (auto _ : state) {
    auto token = app::NewToken(random);
    benchmark::DoNotOptimize(token);
  }
}
BENCHMARK(BM_NewToken);

// 16 random bytes -> lower-case hex (every stored row's id).
void BM_NewId(benchmark::State& state) {
  app::SodiumRandom random;
  for (auto _ : state) {
    auto id = app::NewId(random);
    benchmark::DoNotOptimize(id);
  }
}
BENCHMARK(BM_NewId);

// The CSRF double-submit check of every state-changing request: cookie vs header, 43 bytes.
void BM_SecureEquals_Token(benchmark::State& state) {
  app::SodiumRandom random;
  const std::string cookie = app::NewToken(random);
  const std::string header = cookie;
  for (auto _ : state) {
    bool same = app::SecureEquals(cookie, header);
    benchmark::DoNotOptimize(same);
  }
}
BENCHMARK(BM_SecureEquals_Token);

}  // namespace
