#include "http/problem_json.hpp"

#include <boost/json.hpp>

#include "domain/validation.hpp"

namespace roster::http {

Response ProblemResponse(const domain::Error& error, unsigned version, bool keep_alive) {
  const auto& spec = domain::Spec(error.code());
  const int status = spec.status;
  boost::json::object body;
  body["type"] = "about:blank";
  body["title"] = spec.title;
  body["status"] = status;
  // Details and messages may echo client input (a query value, say): keep the document JSON.
  if (!error.detail().empty()) body["detail"] = domain::ToValidUtf8(error.detail());
  body["code"] = spec.name;
  if (!error.fields().empty()) {
    boost::json::array fields;
    for (const auto& f : error.fields()) {
      fields.push_back({{"field", domain::ToValidUtf8(f.field)},
                        {"code", f.code},
                        {"message", domain::ToValidUtf8(f.message)}});
    }
    body["errors"] = std::move(fields);
  }
  Response res{static_cast<beast_http::status>(status), version};
  res.set(beast_http::field::content_type, "application/problem+json");
  if (error.retry_after_seconds() > 0) {
    res.set(beast_http::field::retry_after, std::to_string(error.retry_after_seconds()));
  }
  res.keep_alive(keep_alive);
  res.body() = boost::json::serialize(body);
  res.prepare_payload();
  return res;
}

}  // namespace roster::http
