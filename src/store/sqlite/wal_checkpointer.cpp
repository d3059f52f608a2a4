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
  auto& c = *static_cast<WalCheckpointer*>(self);
  if (wal_pages < c.last_wal_pages_) {  // the WAL started over
    c.next_pass_pages_ = kThresholdPages;
    c.passed_at_pages_ = 0;
    c.final_pass_asked_ = false;
  }
  c.last_wal_pages_ = wal_pages;
  if (wal_pages >= kWriterFinishesPages) {
    if (c.passed_at_pages_.load() < kWriterFinishesPages) {
      if (!c.final_pass_asked_) c.Wake();  // one more pass first: little is left for the writer
      c.final_pass_asked_ = true;
      return SQLITE_OK;
    }
    const int rc = sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    if (rc == SQLITE_BUSY) return SQLITE_OK;  // the thread is copying: again after the next commit
    ++c.checkpoints_;
    // Done, and the next write starts the WAL over; unless readers kept the copy from the end,
    // in which case the thread passes again before the writer tries again.
    c.passed_at_pages_ = 0;
    c.final_pass_asked_ = false;
  } else if (wal_pages >= c.next_pass_pages_) {
    c.next_pass_pages_ = wal_pages + kThresholdPages;
    c.Wake();
  }
  return SQLITE_OK;
}

void WalCheckpointer::Wake() {
  {
    std::lock_guard lock(mutex_);
    due_ = true;
  }
  wake_.notify_one();
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
    if (rc != SQLITE_BUSY) ++checkpoints_;
    if (rc == SQLITE_OK) passed_at_pages_ = wal_pages;
    if (rc != SQLITE_OK && rc != SQLITE_BUSY) {
      spdlog::warn("sqlite: WAL checkpoint failed: {}", sqlite3_errstr(rc));
    }
    lock.lock();
    if (last) return;
  }
}

}  // namespace roster::store
