#pragma once
// For use-case tests on a real store: a temporary SQLite database, the real clock, randomness
// and in-memory limits, and an AppContext over them. The database files go with the object.
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <system_error>

#include "app/context.hpp"
#include "app/rate_limiter.hpp"
#include "app/security.hpp"
#include "store/open_store.hpp"

namespace roster::app {

class TempAppContext {
 public:
  // `name` starts the database file's name, e.g. "roster-backlog".
  explicit TempAppContext(const std::string& name) {
    InitCrypto();
    path_ = std::filesystem::temp_directory_path() /
            (name + "-" + std::to_string(std::random_device{}()) + ".db");
    store_ = store::OpenStore("sqlite:" + path_.string());
  }
  TempAppContext(const TempAppContext&) = delete;
  TempAppContext& operator=(const TempAppContext&) = delete;
  ~TempAppContext() {
    context_.reset();
    store_.reset();
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm"}) {
      std::filesystem::remove(path_.string() + suffix, ec);
    }
  }

  // The database's own store.
  Store& store() { return *store_; }
  // Makes the context over `store` (this database's, or a double that forwards to it).
  AppContext& Open(Store& store, PasswordHasher& hasher) {
    context_ = std::make_unique<AppContext>(
        AppContext{store, clock, random, hasher, nullptr, AppSettings{}, CursorCodec("k"), limits});
    return *context_;
  }

  SystemClock clock;
  SodiumRandom random;
  MemoryLimitStore limits;

 private:
  std::filesystem::path path_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<AppContext> context_;
};

}  // namespace roster::app
