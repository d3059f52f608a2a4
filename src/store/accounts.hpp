#pragma once
// Readers of the users, sessions and api_tokens columns that accounts.cpp selects, in that order.
#include "app/records.hpp"
#include "store/db.hpp"

namespace roster::store {

// id, email, username, created_at, email_key, password_hash, email_verified
app::UserRecord ReadUser(const Row& row);
// token_hash, user_id, created_at, last_seen_at, expires_at, id, user_agent, client_address
app::SessionRecord ReadSession(const Row& row);
// id, token_hash, user_id, name, created_at
app::ApiTokenRecord ReadApiToken(const Row& row);

}  // namespace roster::store
