#include "app/oidc/signing_keys.hpp"

#include <boost/json.hpp>
#include <stdexcept>

#include "app/security.hpp"

namespace roster::app {

SigningKeys::SigningKeys(Store& store, const Clock& clock, Random& random, Jose& jose,
                         domain::Duration token_lifetime)
    : store_(store),
      clock_(clock),
      random_(random),
      jose_(jose),
      keep_retired_(token_lifetime + 2 * kReload) {}

void SigningKeys::EnsureKey() {
  auto tx = store_.Begin(TxMode::kWrite);
  for (const auto& key : tx->Oidc().ListSigningKeys()) {
    if (!key.retired_at) return;
  }
  const auto kid = NewId(random_);
  auto pair = jose_.NewRsaKey(kid);
  tx->Oidc().InsertSigningKey({kid, pair.private_jwk, pair.public_jwk, clock_.Now(), {}});
  tx->Commit();
}

std::string SigningKeys::Rotate() {
  const auto now = clock_.Now();
  const auto kid = NewId(random_, now);
  auto pair = jose_.NewRsaKey(kid);
  auto tx = store_.Begin(TxMode::kWrite);
  auto& oidc = tx->Oidc();
  oidc.RetireSigningKeys(now);
  oidc.DeleteSigningKeysRetiredBefore(now - keep_retired_);
  oidc.InsertSigningKey({kid, pair.private_jwk, pair.public_jwk, now, {}});
  tx->Commit();
  std::lock_guard lock(mutex_);
  snapshot_.reset();
  return kid;
}

SigningKeys::Snapshot SigningKeys::Load() {
  std::vector<SigningKeyRecord> keys;
  {
    auto tx = store_.Begin(TxMode::kRead);
    keys = tx->Oidc().ListSigningKeys();
  }
  const auto now = clock_.Now();
  Snapshot snap;
  snap.loaded_at = now;
  boost::json::array published;
  for (const auto& key : keys) {
    if (key.retired_at && *key.retired_at < now - keep_retired_) continue;
    if (!key.retired_at && snap.current_private_jwk.empty()) {
      snap.current_private_jwk = key.private_jwk;
    }
    snap.public_jwks.push_back(key.public_jwk);
    auto jwk = boost::json::parse(key.public_jwk).as_object();
    jwk["use"] = "sig";
    jwk["alg"] = "RS256";
    published.push_back(std::move(jwk));
  }
  if (snap.current_private_jwk.empty()) throw std::runtime_error("no OIDC signing key");
  snap.jwks_json = boost::json::serialize(boost::json::object{{"keys", std::move(published)}});
  return snap;
}

std::shared_ptr<const SigningKeys::Snapshot> SigningKeys::Current() {
  std::lock_guard lock(mutex_);
  if (!snapshot_ || clock_.Now() - snapshot_->loaded_at >= kReload) {
    snapshot_ = std::make_shared<const Snapshot>(Load());
  }
  return snapshot_;
}

std::string SigningKeys::Sign(std::string_view typ, std::string_view payload) {
  return jose_.SignRs256(Current()->current_private_jwk, typ, payload);
}

std::string SigningKeys::JwksJson() { return Current()->jwks_json; }

std::vector<std::string> SigningKeys::PublicJwks() { return Current()->public_jwks; }

std::optional<VerifiedJws> SigningKeys::Verify(std::string_view jws) {
  return jose_.VerifyRs256(jws, Current()->public_jwks);
}

}  // namespace roster::app
