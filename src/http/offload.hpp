#pragma once
// Runs blocking work (database, password hashing) on a worker pool and resumes the calling
// coroutine on its own executor, so network threads never block. Two posts per call: to the
// pool, and back to the coroutine's executor.
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <exception>
#include <optional>
#include <type_traits>
#include <variant>

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

}  // namespace roster::http
