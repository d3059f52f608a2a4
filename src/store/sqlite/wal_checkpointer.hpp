#pragma once
// Moves WAL checkpoints off the commit path. SQLite's automatic checkpoint runs inside the
// COMMIT that crosses the threshold and fsyncs while that writer holds the one write lock, so
// every other write waits on the disk. Here the writer only signals; a thread of its own copies
// the WAL back (PASSIVE: it never blocks writers or readers) on its own connection.
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "store/sqlite/sqlite_db.hpp"

namespace roster::store {

class WalCheckpointer {
 public:
  // Takes over `writer`'s WAL hook (which disables its automatic checkpoint).
  WalCheckpointer(const std::string& path, sqlite::Connection& writer);
  ~WalCheckpointer();  // stops the thread after a last checkpoint
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;

  // WAL size (pages) from which the thread checkpoints. Under a steady stream of commits its
  // copy never reaches the WAL's end, and only a WAL copied to its end can start over; so from
  // kWriterFinishesPages the writer finishes the copy itself (little is left by then) under
  // the write lock, which keeps the WAL file around kWriterFinishesPages.
  static constexpr int kThresholdPages = 1000;
  static constexpr int kWriterFinishesPages = 4000;

 private:
  static int OnCommit(void* self, sqlite3* db, const char* schema, int wal_pages);
  void Loop();

  sqlite::Connection connection_;
  sqlite::Connection& writer_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool due_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace roster::store
