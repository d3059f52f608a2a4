#pragma once
// The JOSE port of the OpenID Connect provider: RSA signing keys as JWKs and RS256 compact JWS.
// Implemented on a library (src/jose/); the app never handles signature bytes itself.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace roster::app {

struct JwkPair {
  std::string private_jwk;  // JSON, kept in the database only
  std::string public_jwk;   // JSON, published in the JWKS
};

struct VerifiedJws {
  std::string kid;
  std::string typ;      // the header's, "" when absent
  std::string payload;  // JSON text of the claims
};

class Jose {
 public:
  virtual ~Jose() = default;
  // A new RSA 2048 key with this key id.
  virtual JwkPair NewRsaKey(std::string_view kid) = 0;
  // `payload` signed RS256 with the private JWK; the header carries its kid and `typ`.
  virtual std::string SignRs256(const std::string& private_jwk, std::string_view typ,
                                std::string_view payload) = 0;
  // The payload of an RS256 JWS signed by one of `public_jwks` (matched by kid); nullopt when
  // it is malformed, of another algorithm, or its signature does not verify.
  virtual std::optional<VerifiedJws> VerifyRs256(std::string_view jws,
                                                 const std::vector<std::string>& public_jwks) = 0;
};

}  // namespace roster::app
