#include "logging.hpp"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <boost/json.hpp>

#include "domain/time.hpp"

namespace roster::cmd {
namespace {

class JsonFormatter final : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    const std::string_view payload(msg.payload.data(), msg.payload.size());
    const auto at = std::chrono::time_point_cast<std::chrono::milliseconds>(msg.time);
    const auto level = spdlog::level::to_string_view(msg.level);
    std::string line = "{\"ts\":\"" + domain::FormatRfc3339(at) + "\",\"level\":\"" +
                       std::string(level.data(), level.size()) + "\",";
    if (payload.size() > 1 && payload.front() == '{' && payload.back() == '}') {
      line.append(payload.substr(1));
    } else {
      line += "\"msg\":" + boost::json::serialize(boost::json::value(std::string(payload))) + "}";
    }
    line.push_back('\n');
    dest.append(line.data(), line.data() + line.size());
  }
  std::unique_ptr<spdlog::formatter> clone() const override {
    return std::make_unique<JsonFormatter>();
  }
};

}  // namespace

void SetupLogging(const std::string& format) {
  auto logger = spdlog::stdout_logger_mt("roster");
  if (format == "json") {
    logger->set_formatter(std::make_unique<JsonFormatter>());
  } else {
    logger->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %l %v", spdlog::pattern_time_type::utc);
  }
  logger->flush_on(spdlog::level::info);
  spdlog::set_default_logger(logger);
}

}  // namespace roster::cmd
