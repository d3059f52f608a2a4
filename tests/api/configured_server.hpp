#pragma once
// A real Roster on a loopback port (temporary SQLite database) built from a Config the test
// shapes itself: settings TestServer::Options does not carry (trusted proxies, hash queue).
#include <filesystem>
#include <functional>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>

#include "config.hpp"
#include "instance.hpp"

namespace roster::testing {

class ConfiguredServer {
 public:
  explicit ConfiguredServer(const std::function<void(cmd::Config&)>& shape) {
    db_path_ = std::filesystem::temp_directory_path() /
               ("roster-configured-" + std::to_string(std::random_device{}()) + ".db");
    cmd::Config config;
    config.listen = "127.0.0.1:0";
    config.database_url = "sqlite:" + db_path_.string();
    config.public_url = "http://roster.test";
    shape(config);
    if (auto error = cmd::Validate(config)) throw std::runtime_error(*error);
    instance_ = std::make_unique<cmd::Instance>(config);
    port_ = instance_->Listen();
    thread_ = std::thread([this] { instance_->Run(); });
  }
  ~ConfiguredServer() {
    instance_->Stop();
    thread_.join();
    instance_.reset();
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm"}) {
      std::filesystem::remove(db_path_.string() + suffix, ec);
    }
  }
  ConfiguredServer(const ConfiguredServer&) = delete;
  ConfiguredServer& operator=(const ConfiguredServer&) = delete;

  unsigned short port() const { return port_; }
  cmd::Instance& instance() { return *instance_; }

 private:
  std::filesystem::path db_path_;
  std::unique_ptr<cmd::Instance> instance_;
  std::thread thread_;
  unsigned short port_ = 0;
};

}  // namespace roster::testing
