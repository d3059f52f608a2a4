#include "admin.hpp"

#include <iostream>

#include <spdlog/spdlog.h>

#include <boost/json.hpp>

#include "app/oidc/clients.hpp"
#include "app/oidc/signing_keys.hpp"
#include "app/operator.hpp"
#include "jose/cjose_jose.hpp"
#include "app/security.hpp"
#include "store/open_store.hpp"

namespace roster::cmd {
namespace {

void PrintOrganizations(app::Operator& op) {
  const auto summaries = op.Organizations();
  if (summaries.empty()) std::cout << "(no organizations)\n";
  for (const auto& s : summaries) {
    std::cout << s.organization.name << "\t" << s.organization.id << "\tadmins:";
    if (s.active_admins.empty()) std::cout << " (none)";
    for (std::size_t i = 0; i < s.active_admins.size(); ++i) {
      const auto& admin = s.active_admins[i];
      std::cout << (i ? ", " : " ") << admin.username << " <" << admin.email << ">";
    }
    std::cout << "\n";
  }
}

}  // namespace

int RunAdmin(const Config& config, const AdminOptions& options) {
  app::InitCrypto();
  // create-client prints one JSON object on stdout, where the log also goes: no info lines.
  if (options.command == "create-client") spdlog::set_level(spdlog::level::warn);
  app::SystemClock clock;
  app::SodiumRandom random;
  app::Argon2Hasher hasher;
  auto store = store::OpenStore(config.database_url);
  app::AppSettings settings;
  settings.public_url = config.public_url;
  settings.password_reset_ttl = config.reset_ttl;
  app::AppContext ctx{*store, clock, random, hasher, nullptr, settings,
                      app::CursorCodec(store->LoadOrCreateSecret("cursor_key",
                                                                 app::NewToken(random)))};
  app::Operator op(ctx);
  try {
    if (options.command == "promote") {
      const bool changed = op.Promote(options.org, options.email);
      std::cout << options.email << (changed ? " is now" : " already was") << " an ADMIN of "
                << options.org << "\n";
    } else if (options.command == "rotate-keys") {
      jose::CjoseJose jose;
      app::SigningKeys keys(*store, clock, random, jose, OidcSettingsOf(config).LongestSignedLifetime());
      std::cout << "signing with key " << keys.Rotate() << "\n";
    } else if (options.command == "create-client") {
      app::Clients clients(ctx);
      const auto created = clients.CreateForOrgName(
          options.org, {options.client_name, options.redirect_uris, options.post_logout_uris,
                        options.is_public, options.admins_only});
      boost::json::object out{{"client_id", created.client_id}, {"client_secret", nullptr}};
      if (created.client_secret) out["client_secret"] = *created.client_secret;
      std::cout << boost::json::serialize(out) << "\n";
    } else if (options.command == "reset-link") {
      std::cout << op.ResetLink(options.email) << "\n";
    } else {
      PrintOrganizations(op);
    }
    return 0;
  } catch (const domain::Error& e) {
    std::cerr << "roster admin " << options.command << ": " << e.detail() << "\n";
    return 1;
  }
}

}  // namespace roster::cmd
