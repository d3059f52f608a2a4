#include "response_log.hpp"

#include <unistd.h>

#include <boost/json.hpp>
#include <cstdio>
#include <cstdlib>
#include <mutex>

namespace roster::testing {

namespace {

// One file per test process (ctest runs each test case in its own process), lines appended.
std::FILE* RecordFile() {
  static std::FILE* file = [] () -> std::FILE* {
    const char* dir = std::getenv("ROSTER_API_RECORD_DIR");
    if (!dir || !*dir) return nullptr;
    const std::string path = std::string(dir) + "/api-" + std::to_string(::getpid()) + ".jsonl";
    return std::fopen(path.c_str(), "a");
  }();
  return file;
}

}  // namespace

void RecordExchange(const std::string& method, const std::string& target,
                    const HttpResult& result) {
  std::FILE* file = RecordFile();
  if (!file) return;
  auto header = [&](const char* name) {
    auto it = result.headers.find(name);
    return it == result.headers.end() ? std::string() : it->second;
  };
  boost::json::object line{{"method", method},
                           {"target", target},
                           {"status", result.status},
                           {"content_type", header("content-type")},
                           {"body", result.body}};
  const std::string text = boost::json::serialize(line) + "\n";
  static std::mutex mutex;
  std::lock_guard lock(mutex);
  std::fwrite(text.data(), 1, text.size(), file);
  std::fflush(file);
}

}  // namespace roster::testing
