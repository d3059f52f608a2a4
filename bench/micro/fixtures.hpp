#pragma once
// Sample data for the micro-benchmarks, shaped like what `roster dev seed` stores for the HTTP
// benchmarks (bench/run.sh): member0000042@bench.test, guest0000042@bench.test, 32-hex ids.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

#include "app/invitations.hpp"
#include "app/paging.hpp"
#include "domain/model.hpp"

namespace roster::bench {

inline constexpr std::int64_t kNowMs = 1795939200000;  // 2026-11-29T00:00:00Z

// A fixed 32-byte cursor key (the server loads a random one from the store).
inline std::string CursorKey() { return std::string(32, '\x5A'); }

// A deterministic 32-hex id that looks random (splitmix64 of n).
inline std::string HexId(std::uint64_t n) {
  auto mix = [](std::uint64_t z) {
    z += 0x9E3779B97F4A7C15ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  };
  char out[33];
  std::snprintf(out, sizeof out, "%016llx%016llx", static_cast<unsigned long long>(mix(n)),
                static_cast<unsigned long long>(mix(n ^ 0xFFFFULL)));
  return out;
}

inline std::string Numbered(const char* prefix, int i) {
  char name[32];
  std::snprintf(name, sizeof name, "%s%07d", prefix, i);
  return name;
}

// A full first page of the members list: `count` ACTIVE USER members and a next_cursor.
inline app::Page<domain::Member> MembersPage(int count = 50) {
  const std::string org_id = HexId(1);
  app::Page<domain::Member> page;
  for (int i = 0; i < count; ++i) {
    domain::Member m;
    m.org_id = org_id;
    m.user_id = HexId(1000 + i);
    m.username = Numbered("member", i);
    m.email = m.username + "@bench.test";
    m.joined_at = domain::FromMillis(kNowMs + i);
    page.items.push_back(std::move(m));
  }
  const auto& last = page.items.back();
  page.next_cursor = app::CursorCodec(CursorKey()).Encode(app::MemberCursor{last.username, last.user_id});
  return page;
}

// A full first page of the invitations list: `count` PENDING invitations, email QUEUED (so no
// invite_url), and a next_cursor.
inline app::Page<app::InvitationView> InvitationsPage(int count = 50) {
  const std::string org_id = HexId(1);
  const std::string admin_id = HexId(2);
  app::Page<app::InvitationView> page;
  for (int i = 0; i < count; ++i) {
    app::InvitationView view;
    auto& inv = view.invitation;
    inv.id = HexId(5000 + i);
    inv.org_id = org_id;
    inv.username = Numbered("guest", i);
    inv.email = inv.username + "@bench.test";
    inv.created_at = domain::FromMillis(kNowMs + i);
    inv.expires_at = inv.created_at + std::chrono::hours(24 * 7);
    inv.invited_by_user_id = admin_id;
    inv.invited_by_username = "admin";
    inv.token_hash = HexId(9000 + i) + HexId(9500 + i);
    view.status = domain::InvitationStatus::kPending;
    page.items.push_back(std::move(view));
  }
  const auto& last = page.items.back().invitation;
  page.next_cursor = app::CursorCodec(CursorKey())
                         .Encode(app::InvitationCursor{domain::ToMillis(last.created_at), last.id});
  return page;
}

}  // namespace roster::bench
