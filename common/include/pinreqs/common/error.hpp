#pragma once
// Infrastructure errors (network, HTTP, SQLite, I/O, corrupt data): one small type with a kind, a message,
// and context added on the way up ("while fetching `numpy`"). Exceptions do not cross module edges.
#include <string>
#include <utility>
#include <vector>

#include <tl/expected.hpp>

namespace pinreqs {

enum class ErrorKind {
  Io,          // file system
  Network,     // transport failure, timeout
  Http,        // an unexpected HTTP status
  Parse,       // malformed data from an index or cache (not user input)
  Cache,       // SQLite
  NotFound,    // a project or file that does not exist
  Offline,     // needed data is not cached and --offline was given
  Input,       // the user's input is invalid
  Internal,
};

struct Error {
  ErrorKind kind = ErrorKind::Internal;
  std::string message;
  std::vector<std::string> context;  // innermost first

  Error() = default;
  Error(ErrorKind k, std::string msg) : kind(k), message(std::move(msg)) {}

  Error& with_context(std::string c) & {
    context.push_back(std::move(c));
    return *this;
  }
  Error&& with_context(std::string c) && {
    context.push_back(std::move(c));
    return std::move(*this);
  }
  // "message (while a, while b)"
  [[nodiscard]] std::string describe() const;
};

template <class T>
using Result = tl::expected<T, Error>;

inline tl::unexpected<Error> fail(ErrorKind k, std::string msg) {
  return tl::unexpected<Error>(Error(k, std::move(msg)));
}

const char* to_string(ErrorKind k) noexcept;

}  // namespace pinreqs
