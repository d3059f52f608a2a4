#pragma once
// Runs blocking work (database, password hashing) on a worker pool and resumes the calling
// coroutine on its own executor, so network threads never block.
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <exception>
#include <optional>
#include <type_traits>

namespace roster::http {

template <class F>
boost::asio::awaitable<std::invoke_result_t<F&>> Offload(boost::asio::thread_pool& pool, F f) {
  using R = std::invoke_result_t<F&>;
  std::exception_ptr error;
  if constexpr (std::is_void_v<R>) {
    co_await boost::asio::co_spawn(
        pool,
        [&]() -> boost::asio::awaitable<void> {
          try {
            f();
          } catch (...) {
            error = std::current_exception();
          }
          co_return;
        },
        boost::asio::use_awaitable);
    if (error) std::rethrow_exception(error);
  } else {
    std::optional<R> result;
    co_await boost::asio::co_spawn(
        pool,
        [&]() -> boost::asio::awaitable<void> {
          try {
            result.emplace(f());
          } catch (...) {
            error = std::current_exception();
          }
          co_return;
        },
        boost::asio::use_awaitable);
    if (error) std::rethrow_exception(error);
    co_return std::move(*result);
  }
}

}  // namespace roster::http
