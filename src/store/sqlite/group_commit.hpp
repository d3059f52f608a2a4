#pragma once
// Group commit on the one SQLite writer connection. Write transactions still run one at a time
// (so a guardrail check and its write never interleave), each inside a SAVEPOINT of an outer
// transaction. While more writers are queued the outer transaction stays open: a finished
// transaction releases its savepoint and waits, and the last one of the group commits them all
// at once — one WAL append in which the pages they share (table and index tails, counters) are
// written once — then wakes the others. Nobody is answered before their data is committed.
#include <atomic>
#include <condition_variable>
#include <exception>
#include <memory>
#include <mutex>

#include "store/sqlite/sqlite_db.hpp"

namespace roster::store {

class GroupCommit {
 public:
  explicit GroupCommit(sqlite::Connection& writer) : db_(writer) {}

  // Waits for the writer connection, opens the outer transaction if none is open, then this
  // transaction's savepoint. The returned lock is the right to use the connection.
  std::unique_lock<std::mutex> Enter();
  // Releases the savepoint; returns once the group holding it has committed. Throws (and
  // nothing of it is stored) if the group could not commit.
  void Commit(std::unique_lock<std::mutex> lock);
  // Undoes this transaction alone. Never throws.
  void Abort(std::unique_lock<std::mutex> lock) noexcept;

  // At most this many finished transactions wait for one commit (bounds their latency).
  static constexpr int kMaxGroupSize = 16;

 private:
  struct Group {
    int members = 0;  // finished transactions waiting for the outer COMMIT
    bool done = false;
    std::exception_ptr error;
  };
  // Commits (or rolls back) the outer transaction and tells the waiting members.
  void Finish(bool commit) noexcept;
  void Announce(const std::shared_ptr<Group>& group, std::exception_ptr error) noexcept;

  sqlite::Connection& db_;
  std::mutex writer_mutex_;
  std::atomic<int> queued_{0};     // threads waiting in Enter()
  std::shared_ptr<Group> group_;   // the open outer transaction (guarded by writer_mutex_)
  std::mutex outcome_mutex_;       // guards Group::done and Group::error
  std::condition_variable outcome_;
};

}  // namespace roster::store
