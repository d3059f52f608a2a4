#include "http/json_io.hpp"

namespace roster::http {

namespace json = boost::json;
using domain::Error;
using domain::ErrorCode;
using domain::FormatRfc3339;

JsonBody::JsonBody(const std::string& text, bool allow_empty) {
  if (text.empty() && allow_empty) return;
  json::error_code ec;
  json::value value = json::parse(text, ec);
  if (ec) throw Error(ErrorCode::kInvalidJson, "The request body is not valid JSON.");
  if (!value.is_object()) {
    throw Error(ErrorCode::kValidationFailed, "The request body must be a JSON object.",
                {{"", "type", "Expected a JSON object"}});
  }
  object_ = std::move(value.as_object());
}

std::string JsonBody::RequiredString(const char* name) {
  const auto* value = object_.if_contains(name);
  if (!value || value->is_null()) {
    errors_.push_back({name, "required", std::string(name) + " is required"});
    return {};
  }
  if (!value->is_string()) {
    errors_.push_back({name, "type", std::string(name) + " must be a string"});
    return {};
  }
  return std::string(value->as_string());
}

std::string JsonBody::OptionalString(const char* name) {
  const auto* value = object_.if_contains(name);
  if (!value || value->is_null()) return {};
  if (!value->is_string()) {
    errors_.push_back({name, "type", std::string(name) + " must be a string"});
    return {};
  }
  return std::string(value->as_string());
}

std::optional<std::string> JsonBody::StringIfPresent(const char* name) {
  const auto* value = object_.if_contains(name);
  if (!value || value->is_null()) return std::nullopt;
  return OptionalString(name);
}

std::optional<std::vector<std::string>> JsonBody::StringArrayIfPresent(const char* name) {
  const auto* value = object_.if_contains(name);
  if (!value || value->is_null()) return std::nullopt;
  std::vector<std::string> items;
  const auto* array = value->if_array();
  for (std::size_t i = 0; array && i < array->size(); ++i) {
    if (!(*array)[i].is_string()) array = nullptr;
    else items.emplace_back((*array)[i].as_string());
  }
  if (!array) errors_.push_back({name, "type", std::string(name) + " must be an array of strings"});
  return items;
}

void JsonBody::ThrowIfInvalid() {
  if (!errors_.empty()) {
    throw Error(ErrorCode::kValidationFailed, "Some fields are invalid.", std::move(errors_));
  }
}

json::object ToJson(const domain::User& user) {
  return {{"id", user.id},
          {"email", user.email},
          {"username", user.username},
          {"created_at", FormatRfc3339(user.created_at)},
          {"email_verified", user.email_verified}};
}

json::object ToJson(const app::MeView& me) {
  json::object out;
  out["user"] = ToJson(me.user);
  if (me.organization) {
    out["mode"] = "organization";
    out["organization"] = {{"id", me.organization->id},
                           {"name", me.organization->name},
                           {"role", ToString(me.role)}};
  } else {
    out["mode"] = "personal";
    out["organization"] = nullptr;
  }
  return out;
}

json::object ToJson(const domain::Organization& org) {
  return {{"id", org.id}, {"name", org.name}, {"created_at", FormatRfc3339(org.created_at)}};
}

json::object ToJson(const app::InvitationOffer& offer) {
  return {{"organization", {{"name", offer.organization_name}}},
          {"email", offer.email},
          {"username", offer.username},
          {"role", ToString(offer.role)},
          {"status", ToString(offer.status)},
          {"expires_at", FormatRfc3339(offer.expires_at)}};
}

json::object ToJson(const domain::AuditEvent& e) {
  json::object out{{"id", e.id},
                   {"at", FormatRfc3339(e.at)},
                   {"actor", {{"user_id", e.actor_user_id}, {"username", e.actor_username}}},
                   {"action", e.action},
                   {"target", {{"type", e.target_type}, {"id", e.target_id}}}};
  if (!e.target_label.empty()) out["target"].as_object()["label"] = e.target_label;
  if (!e.client_address.empty()) out["client_address"] = e.client_address;
  json::error_code ec;
  auto details = json::parse(e.details_json, ec);
  out["details"] = (!ec && details.is_object()) ? details : json::object();
  return out;
}


json::object ToJson(const app::ClientRecord& c) {
  json::array roles;
  if (!c.admins_only) roles.emplace_back("USER");
  roles.emplace_back("ADMIN");
  return {{"client_id", c.id},
          {"name", c.name},
          {"type", c.secret_hash ? "confidential" : "public"},
          {"redirect_uris", json::value_from(c.redirect_uris)},
          {"post_logout_redirect_uris", json::value_from(c.post_logout_redirect_uris)},
          {"allowed_roles", std::move(roles)},
          {"created_at", FormatRfc3339(c.created_at)}};
}

json::object ToJson(const app::CreatedClient& created) {
  auto out = ToJson(created.client);
  out["client_secret"] = created.client_secret ? json::value(*created.client_secret) : nullptr;
  return out;
}

}  // namespace roster::http
