#include "store/sqlite/group_commit.hpp"

#include <spdlog/spdlog.h>

#include <stdexcept>

#include "metrics/metrics.hpp"

namespace roster::store {

std::unique_lock<std::mutex> GroupCommit::Enter() {
  queued_.fetch_add(1);
  std::unique_lock lock(writer_mutex_, std::try_to_lock);
  if (!lock.owns_lock()) {  // another write transaction has the one writer connection
    metrics::Count(metrics::Event::kDbPoolWait);
    lock.lock();
  }
  queued_.fetch_sub(1);
  if (!group_) {
    db_.Prepare("BEGIN IMMEDIATE").Run();
    group_ = std::make_shared<Group>();
  }
  try {
    db_.Prepare("SAVEPOINT tx").Run();
  } catch (...) {
    if (queued_.load() == 0) Finish(group_->members > 0);
    throw;
  }
  return lock;
}

void GroupCommit::Commit(std::unique_lock<std::mutex> lock) {
  try {
    db_.Prepare("RELEASE tx").Run();
  } catch (...) {
    Abort(std::move(lock));
    throw;
  }
  auto group = group_;
  ++group->members;
  if (queued_.load() > 0 && group->members < kMaxGroupSize) {
    lock.unlock();  // the next writer goes on in the same outer transaction
  } else {
    Finish(true);
    lock.unlock();
  }
  std::unique_lock wait(outcome_mutex_);
  outcome_.wait(wait, [&] { return group->done; });
  if (group->error) std::rethrow_exception(group->error);
}

void GroupCommit::Abort(std::unique_lock<std::mutex> lock) noexcept {
  try {
    // An I/O or memory error may have made SQLite roll back the outer transaction itself.
    if (sqlite3_get_autocommit(db_.handle())) {
      Announce(group_, std::make_exception_ptr(std::runtime_error(
                           "sqlite: the transaction group was rolled back by an earlier error")));
      group_.reset();
      return;
    }
    db_.Prepare("ROLLBACK TO tx").Run();
    db_.Prepare("RELEASE tx").Run();
  } catch (const std::exception& e) {
    spdlog::error("sqlite: undoing a transaction failed: {}", e.what());
    Finish(false);
    return;
  }
  if (queued_.load() == 0) Finish(group_->members > 0);
  (void)lock;  // released on return
}

void GroupCommit::Finish(bool commit) noexcept {
  auto group = std::move(group_);
  std::exception_ptr error;
  try {
    db_.Prepare(commit ? "COMMIT" : "ROLLBACK").Run();
  } catch (...) {
    error = std::current_exception();
    if (!sqlite3_get_autocommit(db_.handle())) {
      try {
        db_.Prepare("ROLLBACK").Run();
      } catch (const std::exception& e) {
        spdlog::error("sqlite: rollback after a failed commit failed: {}", e.what());
      }
    }
  }
  if (!commit && group && group->members > 0 && !error) {
    error = std::make_exception_ptr(std::runtime_error("sqlite: the transaction group failed"));
  }
  Announce(group, error);
}

void GroupCommit::Announce(const std::shared_ptr<Group>& group, std::exception_ptr error) noexcept {
  if (!group) return;
  {
    std::lock_guard lock(outcome_mutex_);
    group->done = true;
    group->error = error;
  }
  outcome_.notify_all();
}

}  // namespace roster::store
