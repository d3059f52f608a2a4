#pragma once
// The provider's RS256 signing keys: made at first start, kept in the database (every instance
// signs with the same key), rotated by `roster admin rotate-keys`. A retired key stays in the
// JWKS until what it signed has expired. Served from memory, re-read at most every kReload.
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "app/oidc/jose.hpp"
#include "app/oidc/oidc_store.hpp"
#include "app/ports.hpp"

namespace roster::app {

class SigningKeys {
 public:
  // How long an instance may sign with, and publish, what it read last.
  static constexpr domain::Duration kReload = std::chrono::seconds(5);

  // `token_lifetime`: the longest lifetime of a token these keys sign.
  SigningKeys(Store& store, const Clock& clock, Random& random, Jose& jose,
              domain::Duration token_lifetime);

  // Makes the first key when the database has none.
  void EnsureKey();
  // A new key signs from now on; keys retired long enough ago are dropped. Returns its kid.
  std::string Rotate();

  // A compact JWS of `payload` with the current key.
  std::string Sign(std::string_view typ, std::string_view payload);
  // {"keys":[...]} with every key still published.
  std::string JwksJson();
  std::vector<std::string> PublicJwks();
  // A JWS one of the published keys signed, or nullopt.
  std::optional<VerifiedJws> Verify(std::string_view jws);

 private:
  struct Snapshot {
    std::string current_private_jwk;
    std::vector<std::string> public_jwks;
    std::string jwks_json;
    Timestamp loaded_at;
  };
  std::shared_ptr<const Snapshot> Current();
  Snapshot Load();

  Store& store_;
  const Clock& clock_;
  Random& random_;
  Jose& jose_;
  domain::Duration keep_retired_;
  std::mutex mutex_;
  std::shared_ptr<const Snapshot> snapshot_;
};

}  // namespace roster::app
