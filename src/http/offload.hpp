#pragma once
// Runs blocking work (database, password hashing) on a worker pool and resumes the calling
// coroutine on its own executor, so network threads never block. Two posts per call: to the
// pool, and back to the coroutine's executor.
#include <atomic>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cstddef>
#include <exception>
#include <optional>
#include <type_traits>
#include <variant>

#include "domain/error.hpp"
#include "metrics/metrics.hpp"

namespace roster::http {

template <class F>
boost::asio::awaitable<std::invoke_result_t<F&>> Offload(boost::asio::thread_pool& pool, F f) {
  using R = std::invoke_result_t<F&>;
  using Stored = std::conditional_t<std::is_void_v<R>, std::monostate, R>;
  std::optional<Stored> result;
  std::exception_ptr error;
  co_await boost::asio::async_initiate<const boost::asio::use_awaitable_t<>&, void()>(
      [&](auto handler) {
        boost::asio::post(pool, [&, handler = std::move(handler)]() mutable {
          try {
            if constexpr (std::is_void_v<R>) {
              f();
              result.emplace();
            } else {
              result.emplace(f());
            }
          } catch (...) {
            error = std::current_exception();
          }
          const auto home = boost::asio::get_associated_executor(handler);
          boost::asio::post(home, std::move(handler));
        });
      },
      boost::asio::use_awaitable);
  if (error) std::rethrow_exception(error);
  if constexpr (!std::is_void_v<R>) co_return std::move(*result);
}

// A pool for costly work that callers reach without signing in (argon2id for signup, login and
// acceptance): at most `threads` jobs run and `max_waiting` wait; beyond that, Offload answers
// 503 service_unavailable with Retry-After at once instead of queueing without end.
class BoundedPool {
 public:
  BoundedPool(std::size_t threads, std::size_t max_waiting)
      : pool_(threads), threads_(threads), capacity_(threads + max_waiting) {}

  // Claims a place for one job (running or waiting); false when every place is taken.
  bool TryClaim() {
    std::size_t taken = in_flight_.load();
    do {
      if (taken >= capacity_) {
        metrics::Count(metrics::Event::kHashShed);
        return false;
      }
    } while (!in_flight_.compare_exchange_weak(taken, taken + 1));
    return true;
  }
  void Release() { --in_flight_; }
  // Runs `job` on the pool when a place is free (released when the job returns).
  template <class Job>
  bool TryPost(Job job) {
    if (!TryClaim()) return false;
    boost::asio::post(pool_, [this, job = std::move(job)]() mutable {
      job();
      Release();
    });
    return true;
  }
  // Claimed jobs beyond the running ones.
  std::size_t waiting() const {
    const std::size_t taken = in_flight_.load();
    return taken > threads_ ? taken - threads_ : 0;
  }
  boost::asio::thread_pool& pool() { return pool_; }
  void join() { pool_.join(); }

 private:
  boost::asio::thread_pool pool_;
  const std::size_t threads_;
  const std::size_t capacity_;
  std::atomic<std::size_t> in_flight_{0};
};

inline constexpr int kBusyRetryAfterSeconds = 1;

template <class F>
boost::asio::awaitable<std::invoke_result_t<F&>> Offload(BoundedPool& pool, F f) {
  if (!pool.TryClaim()) {
    throw domain::Error(domain::ErrorCode::kServiceUnavailable,
                        "The server is busy. Try again in a moment.")
        .RetryAfter(kBusyRetryAfterSeconds);
  }
  struct Release {
    BoundedPool& pool;
    ~Release() { pool.Release(); }
  };
  co_return co_await Offload(pool.pool(), [&pool, &f]() -> std::invoke_result_t<F&> {
    const Release release{pool};  // also when f throws
    return f();
  });
}

}  // namespace roster::http
