#pragma once
// app::Jose on cjose (Debian libcjose, on OpenSSL; the library mod_auth_openidc uses).
#include "app/oidc/jose.hpp"

namespace roster::jose {

class CjoseJose final : public app::Jose {
 public:
  app::JwkPair NewRsaKey(std::string_view kid) override;
  std::string SignRs256(const std::string& private_jwk, std::string_view typ,
                        std::string_view payload) override;
  std::optional<app::VerifiedJws> VerifyRs256(std::string_view jws,
                                              const std::vector<std::string>& public_jwks) override;
};

}  // namespace roster::jose
