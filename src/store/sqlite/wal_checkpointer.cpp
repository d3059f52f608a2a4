#include "store/sqlite/wal_checkpointer.hpp"

#include <spdlog/spdlog.h>

namespace roster::store {

WalCheckpointer::WalCheckpointer(const std::string& path, sqlite::Connection& writer)
    : connection_(path), writer_(writer) {
  sqlite3_wal_hook(writer_.handle(), &WalCheckpointer::OnCommit, this);
  thread_ = std::thread([this] { Loop(); });
}

WalCheckpointer::~WalCheckpointer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
  sqlite3_wal_hook(writer_.handle(), nullptr, nullptr);
}

// Runs on the writer's thread right after each commit, with the write lock still held.
int WalCheckpointer::OnCommit(void* self, sqlite3* db, const char* schema, int wal_pages) {
  auto& checkpointer = *static_cast<WalCheckpointer*>(self);
  if (wal_pages >= kWriterFinishesPages) {
    sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  } else if (wal_pages >= kThresholdPages) {
    {
      std::lock_guard lock(checkpointer.mutex_);
      checkpointer.due_ = true;
    }
    checkpointer.wake_.notify_one();
  }
  return SQLITE_OK;
}

void WalCheckpointer::Loop() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return due_ || stopping_; });
    const bool last = stopping_;
    due_ = false;
    lock.unlock();
    int wal_pages = 0;
    int copied = 0;
    const int rc = sqlite3_wal_checkpoint_v2(connection_.handle(), nullptr,
                                             SQLITE_CHECKPOINT_PASSIVE, &wal_pages, &copied);
    if (rc != SQLITE_OK && rc != SQLITE_BUSY) {
      spdlog::warn("sqlite: WAL checkpoint failed: {}", sqlite3_errstr(rc));
    }
    lock.lock();
    if (last) return;
  }
}

}  // namespace roster::store
