#pragma once
// The OpenID Connect provider of the HTTP fuzz target (fuzz_http_request.cpp): what
// cmd::Instance wires (cjose keys in the store, provider, tokens), a confidential and a public
// client of the seeded organization, and live values for the seed corpus:
//   $CLIENT $SECRET $BASIC (base64 "$CLIENT:$SECRET")  $PUBCLIENT  $VERIFIER $CHALLENGE (PKCE)
//   $CODE (an unused code of the member for $CLIENT, with $CHALLENGE)
//   $ACCESS $IDTOKEN $REFRESH (the member's tokens at $CLIENT)
// The redirect URI of both clients is https://rp.fuzz/cb.
#include <boost/beast/core/detail/base64.hpp>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "app/accounts.hpp"
#include "app/oidc/clients.hpp"
#include "app/oidc/provider.hpp"
#include "app/oidc/signing_keys.hpp"
#include "app/oidc/tokens.hpp"
#include "app/security.hpp"
#include "http/oidc_http.hpp"
#include "jose/cjose_jose.hpp"

namespace roster::fuzz {

inline constexpr const char* kOidcCallback = "https://rp.fuzz/cb";
inline constexpr const char* kOidcVerifier = "fuzz-verifier-fuzz-verifier-fuzz-verifier-0123";

struct OidcParts {
  explicit OidcParts(app::AppContext& ctx)
      : keys(ctx.store, ctx.clock, ctx.random, jose, settings.LongestSignedLifetime()),
        provider(ctx, settings),
        tokens(ctx, settings, keys),
        clients(ctx),
        deps{provider, tokens, keys, http::DiscoveryDocument(settings)} {}

  app::OidcSettings settings{"http://roster.fuzz"};
  jose::CjoseJose jose;
  app::SigningKeys keys;
  app::Provider provider;
  app::Tokens tokens;
  app::Clients clients;  // the applications API
  http::OidcDeps deps;
};

inline std::string Base64(const std::string& plain) {
  std::string out(boost::beast::detail::base64::encoded_size(plain.size()), '\0');
  out.resize(boost::beast::detail::base64::encode(out.data(), plain.data(), plain.size()));
  return out;
}

// Registers the clients, signs the member in to the confidential one; the placeholders.
inline std::vector<std::pair<std::string, std::string>> SeedOidc(
    app::AppContext& ctx, app::Accounts& accounts, OidcParts& oidc, const std::string& org_name,
    const std::string& member_session) {
  oidc.keys.EnsureKey();
  app::Clients clients(ctx);
  const auto confidential =
      clients.CreateForOrgName(org_name, {"Fuzz app", {kOidcCallback}, {kOidcCallback}, false, false});
  const auto pub = clients.CreateForOrgName(org_name, {"Fuzz spa", {kOidcCallback}, {}, true, false});
  const auto principal = *accounts.AuthenticateSession(member_session);
  const app::SessionCaller caller{principal.user_id, principal.session_token_hash};
  const std::string challenge = app::PkceS256(kOidcVerifier);
  auto code = [&] {
    const app::AuthorizeRequest request{confidential.client_id, kOidcCallback, "code",
                                        "openid offline_access", "st", "nn", challenge,
                                        "S256", "", {}, {}};
    return oidc.provider.Authorize(request, caller).code;
  };
  const auto exchanged = oidc.tokens.Exchange(
      {{confidential.client_id, confidential.client_secret, true}, "authorization_code", code(),
       kOidcCallback, kOidcVerifier, ""});
  const auto& secret = *confidential.client_secret;
  return {{"$CLIENT", confidential.client_id},
          {"$SECRET", secret},
          {"$BASIC", Base64(confidential.client_id + ":" + secret)},
          {"$PUBCLIENT", pub.client_id},
          {"$VERIFIER", kOidcVerifier},
          {"$CHALLENGE", challenge},
          {"$CODE", code()},
          {"$ACCESS", exchanged.access_token},
          {"$IDTOKEN", exchanged.id_token},
          {"$REFRESH", exchanged.refresh_token.value_or("")}};
}

}  // namespace roster::fuzz
