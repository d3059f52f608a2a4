#pragma once
// What the OpenID Connect provider keeps in the store: signing keys, client applications,
// authorization codes and refresh tokens. Part of every Transaction (Transaction::Oidc()).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model.hpp"

namespace roster::app {

using domain::Timestamp;

struct SigningKeyRecord {
  std::string kid;
  std::string private_jwk;
  std::string public_jwk;
  Timestamp created_at;
  std::optional<Timestamp> retired_at;  // set when a newer key took over signing
};

// A relying party registered by an organization. Confidential clients hold a secret (only its
// hash is kept); public clients have none and must use PKCE.
struct ClientRecord {
  std::string id;
  std::string org_id;
  std::string name;
  std::vector<std::string> redirect_uris;
  std::optional<std::string> secret_hash;
  bool admins_only = false;
  Timestamp created_at;
  std::vector<std::string> post_logout_redirect_uris;
};

struct AuthCodeRecord {
  std::string code_hash;
  std::string client_id;
  std::string user_id;
  std::string org_id;
  std::string redirect_uri;
  std::string nonce;
  std::string code_challenge;  // S256, base64url; empty when the client sent none
  std::string scope;
  Timestamp auth_time;
  Timestamp expires_at;
  bool used = false;
};

struct RefreshTokenRecord {
  std::string token_hash;
  std::string family_id;  // every token rotated from one code shares it
  std::string client_id;
  std::string user_id;
  std::string org_id;
  std::string scope;
  std::string code_hash;  // the authorization code the family came from
  Timestamp auth_time;
  Timestamp created_at;
  Timestamp expires_at;
  bool used = false;
};

class OidcTables {
 public:
  virtual ~OidcTables() = default;

  virtual void InsertSigningKey(const SigningKeyRecord& key) = 0;
  // Every key kept, newest first.
  virtual std::vector<SigningKeyRecord> ListSigningKeys() = 0;
  virtual void RetireSigningKeys(Timestamp at) = 0;  // those not retired yet
  virtual void DeleteSigningKeysRetiredBefore(Timestamp before) = 0;

  virtual void InsertClient(const ClientRecord& client) = 0;
  virtual std::optional<ClientRecord> FindClient(std::string_view client_id) = 0;
  // The organization's clients, oldest first.
  virtual std::vector<ClientRecord> ListClientsOfOrg(std::string_view org_id) = 0;
  // Writes name, URIs, admins_only and secret_hash of the client `client.id`.
  virtual void UpdateClient(const ClientRecord& client) = 0;
  // Deletes the client with its authorization codes and refresh tokens.
  virtual void DeleteClient(std::string_view client_id) = 0;

  virtual void InsertAuthCode(const AuthCodeRecord& code) = 0;
  virtual std::optional<AuthCodeRecord> FindAuthCode(std::string_view code_hash) = 0;
  // Marks the code used; false when it already was (a replay).
  virtual bool MarkAuthCodeUsed(std::string_view code_hash) = 0;

  virtual void InsertRefreshToken(const RefreshTokenRecord& token) = 0;
  virtual std::optional<RefreshTokenRecord> FindRefreshToken(std::string_view token_hash) = 0;
  // Marks the token spent; false when it already was (a reuse).
  virtual bool MarkRefreshTokenUsed(std::string_view token_hash) = 0;
  virtual void DeleteRefreshFamily(std::string_view family_id) = 0;
  virtual void DeleteRefreshTokensOfCode(std::string_view code_hash) = 0;
};

}  // namespace roster::app
