#include "pinreqs/common/error.hpp"

namespace pinreqs {

std::string Error::describe() const {
  std::string out = message;
  for (const auto& c : context) {
    // Context reads "while <doing>"; callers may pass the phrase with or without the word.
    out += c.rfind("while ", 0) == 0 ? "\n  " : "\n  while ";
    out += c;
  }
  return out;
}

const char* to_string(ErrorKind k) noexcept {
  switch (k) {
    case ErrorKind::Io: return "io";
    case ErrorKind::Network: return "network";
    case ErrorKind::Http: return "http";
    case ErrorKind::Parse: return "parse";
    case ErrorKind::Cache: return "cache";
    case ErrorKind::NotFound: return "not-found";
    case ErrorKind::Offline: return "offline";
    case ErrorKind::Input: return "input";
    case ErrorKind::Internal: return "internal";
  }
  return "internal";
}

}  // namespace pinreqs
