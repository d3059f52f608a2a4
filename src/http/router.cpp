#include "http/router.hpp"

namespace roster::http {
namespace {

bool MatchPattern(std::string_view pattern, const std::vector<std::string_view>& segments,
                  std::unordered_map<std::string, std::string>& params) {
  const auto parts = SplitPath(pattern);
  if (parts.size() != segments.size()) return false;
  std::unordered_map<std::string, std::string> found;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const auto part = parts[i];
    if (part.size() > 2 && part.front() == '{' && part.back() == '}') {
      if (segments[i].empty()) return false;
      found.emplace(std::string(part.substr(1, part.size() - 2)), std::string(segments[i]));
    } else if (part != segments[i]) {
      return false;
    }
  }
  params = std::move(found);
  return true;
}

}  // namespace

std::vector<std::string_view> SplitPath(std::string_view path) {
  std::vector<std::string_view> out;
  while (!path.empty()) {
    if (path.front() == '/') path.remove_prefix(1);
    const auto slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash);
  }
  return out;
}

void Router::Add(beast_http::verb method, std::string pattern, Access access, Handler handler) {
  routes_.push_back(Route{method, std::move(pattern), access, std::move(handler), {}});
}

void Router::Add(beast_http::verb method, std::string pattern, Access access,
                 DbHandler handler) {
  routes_.push_back(Route{method, std::move(pattern), access, {}, std::move(handler)});
}

Router::Match Router::Find(beast_http::verb method, std::string_view path,
                           std::unordered_map<std::string, std::string>& params) const {
  const auto segments = SplitPath(path);
  Match match;
  for (const auto& route : routes_) {
    std::unordered_map<std::string, std::string> candidate;
    if (!MatchPattern(route.pattern, segments, candidate)) continue;
    match.path_known = true;
    if (route.method == method) {
      match.route = &route;
      params = std::move(candidate);
      return match;
    }
  }
  return match;
}

}  // namespace roster::http
