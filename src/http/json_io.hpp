#pragma once
// JSON in and out: request bodies to typed fields, domain views to response documents. Members
// and invitations, the hot lists, are written by JsonWriter (json_writer.hpp) instead.
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "app/accounts.hpp"
#include "app/invitations.hpp"
#include "app/oidc/clients.hpp"
#include "domain/error.hpp"
#include "domain/model.hpp"

namespace roster::http {

// A request body as a JSON object. Malformed JSON throws invalid_json; a body that is not an
// object, or fields of the wrong type, throw validation_failed with errors[].
class JsonBody {
 public:
  // `allow_empty`: an empty body reads as {} (for endpoints whose body is optional).
  JsonBody(const std::string& text, bool allow_empty = false);

  // A string field; records "required" or "type" errors and returns "" then.
  std::string RequiredString(const char* name);
  std::string OptionalString(const char* name);
  // nullopt when the field is absent or null (PATCH: keep the value).
  std::optional<std::string> StringIfPresent(const char* name);
  std::optional<std::vector<std::string>> StringArrayIfPresent(const char* name);
  // Throws validation_failed if any field error was recorded.
  void ThrowIfInvalid();

 private:
  boost::json::object object_;
  std::vector<domain::FieldError> errors_;
};

boost::json::object ToJson(const domain::User& user);
boost::json::object ToJson(const app::MeView& me);
boost::json::object ToJson(const domain::Organization& org);
boost::json::object ToJson(const app::InvitationOffer& offer);
boost::json::object ToJson(const domain::AuditEvent& event);
boost::json::object ToJson(const app::ClientRecord& application);        // Application
boost::json::object ToJson(const app::CreatedClient& application);    // ApplicationWithSecret

template <class T>
boost::json::object PageJson(const app::Page<T>& page) {
  boost::json::array items;
  items.reserve(page.items.size());
  for (const auto& item : page.items) items.push_back(ToJson(item));
  boost::json::object out;
  out["items"] = std::move(items);
  out["next_cursor"] =
      page.next_cursor ? boost::json::value(*page.next_cursor) : boost::json::value(nullptr);
  return out;
}

}  // namespace roster::http
