#pragma once
// Files are rewritten atomically: a temporary file in the same folder, flushed to disk, given the original's
// permissions, then renamed over the original. On any failure the original is untouched and the
// temporary file is removed.
#include <filesystem>
#include <functional>
#include <string_view>

#include "pinreqs/common/error.hpp"

namespace pinreqs::cli {

struct AtomicWriteHooks {
  // Called after the temporary file is complete and before the rename; returning false aborts
  // (tests use it to simulate a crash at the worst moment).
  std::function<bool(const std::filesystem::path& temp)> before_rename;
};

Result<void> write_file_atomically(const std::filesystem::path& path, std::string_view content,
                                   const AtomicWriteHooks& hooks = {});

Result<std::string> read_file(const std::filesystem::path& path);

}  // namespace pinreqs::cli
