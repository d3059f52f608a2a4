#include "jose/cjose_jose.hpp"

#include <cjose/cjose.h>

#include <memory>
#include <stdexcept>

namespace roster::jose {
namespace {

struct JwkDeleter {
  void operator()(cjose_jwk_t* jwk) const { cjose_jwk_release(jwk); }
};
struct JwsDeleter {
  void operator()(cjose_jws_t* jws) const { cjose_jws_release(jws); }
};
struct HeaderDeleter {
  void operator()(cjose_header_t* header) const { cjose_header_release(header); }
};
using JwkPtr = std::unique_ptr<cjose_jwk_t, JwkDeleter>;
using JwsPtr = std::unique_ptr<cjose_jws_t, JwsDeleter>;
using HeaderPtr = std::unique_ptr<cjose_header_t, HeaderDeleter>;

[[noreturn]] void Fail(std::string_view what, const cjose_err& err) {
  throw std::runtime_error(std::string("cjose: ") + std::string(what) + ": " +
                           (err.message ? err.message : "unknown error"));
}

std::string ToJson(const cjose_jwk_t* jwk, bool with_private) {
  cjose_err err{};
  char* json = cjose_jwk_to_json(jwk, with_private, &err);
  if (!json) Fail("export key", err);
  std::string text(json);
  cjose_get_dealloc()(json);
  return text;
}

JwkPtr Import(std::string_view json) {
  cjose_err err{};
  return JwkPtr(cjose_jwk_import(json.data(), json.size(), &err));
}

// The signing key as last imported on this thread. Importing builds a fresh RSA object whose
// first signature also pays OpenSSL's Montgomery and blinding set-up; reusing it halves the cost
// of a token. Per thread because a cjose key's reference count is not atomic.
const cjose_jwk_t* ImportedSigningKey(const std::string& private_jwk) {
  thread_local std::string json;
  thread_local JwkPtr jwk;
  if (!jwk || json != private_jwk) {
    jwk = Import(private_jwk);
    if (!jwk) throw std::runtime_error("cjose: the signing key does not import");
    json = private_jwk;
  }
  return jwk.get();
}

}  // namespace

app::JwkPair CjoseJose::NewRsaKey(std::string_view kid) {
  static const uint8_t kExponent[] = {0x01, 0x00, 0x01};  // 65537
  cjose_err err{};
  // cjose generates the key with OpenSSL's RSA key generation.
  JwkPtr jwk(cjose_jwk_create_RSA_random(2048, kExponent, sizeof kExponent, &err));
  if (!jwk) Fail("generate key", err);
  if (!cjose_jwk_set_kid(jwk.get(), kid.data(), kid.size(), &err)) Fail("set kid", err);
  return {ToJson(jwk.get(), true), ToJson(jwk.get(), false)};
}

std::string CjoseJose::SignRs256(const std::string& private_jwk, std::string_view typ,
                                 std::string_view payload) {
  cjose_err err{};
  const cjose_jwk_t* jwk = ImportedSigningKey(private_jwk);
  HeaderPtr header(cjose_header_new(&err));
  if (!header) Fail("header", err);
  const std::string typ_text(typ);
  const char* kid = cjose_jwk_get_kid(jwk, &err);
  if (!cjose_header_set(header.get(), CJOSE_HDR_ALG, CJOSE_HDR_ALG_RS256, &err) ||
      !cjose_header_set(header.get(), "typ", typ_text.c_str(), &err) ||
      (kid && !cjose_header_set(header.get(), CJOSE_HDR_KID, kid, &err))) {
    Fail("header", err);
  }
  JwsPtr jws(cjose_jws_sign(jwk, header.get(),
                            reinterpret_cast<const uint8_t*>(payload.data()), payload.size(),
                            &err));
  if (!jws) Fail("sign", err);
  const char* compact = nullptr;
  if (!cjose_jws_export(jws.get(), &compact, &err)) Fail("export", err);
  return compact;
}

std::optional<app::VerifiedJws> CjoseJose::VerifyRs256(
    std::string_view text, const std::vector<std::string>& public_jwks) {
  cjose_err err{};
  if (text.empty() || text.size() > 16384) return std::nullopt;
  JwsPtr jws(cjose_jws_import(text.data(), text.size(), &err));
  if (!jws) return std::nullopt;
  cjose_header_t* header = cjose_jws_get_protected(jws.get());  // owned by jws
  const char* alg = header ? cjose_header_get(header, CJOSE_HDR_ALG, &err) : nullptr;
  const char* kid = header ? cjose_header_get(header, CJOSE_HDR_KID, &err) : nullptr;
  const char* typ = header ? cjose_header_get(header, "typ", &err) : nullptr;
  if (!alg || std::string_view(alg) != CJOSE_HDR_ALG_RS256 || !kid) return std::nullopt;
  for (const auto& public_jwk : public_jwks) {
    JwkPtr jwk = Import(public_jwk);
    if (!jwk) continue;
    const char* key_id = cjose_jwk_get_kid(jwk.get(), &err);
    if (!key_id || std::string_view(key_id) != kid) continue;
    if (!cjose_jws_verify(jws.get(), jwk.get(), &err)) return std::nullopt;
    uint8_t* plain = nullptr;
    size_t plain_len = 0;
    if (!cjose_jws_get_plaintext(jws.get(), &plain, &plain_len, &err)) return std::nullopt;
    return app::VerifiedJws{kid, typ ? typ : "", std::string(reinterpret_cast<const char*>(plain), plain_len)};
  }
  return std::nullopt;
}

}  // namespace roster::jose
