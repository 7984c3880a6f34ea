#pragma once
// What every resolving command does first: choose the target (and say why), choose the indexes (command
// line, the requirements file, PIP_INDEX_URL, pip.conf, the default), open the index client.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "console.hpp"
#include "pinreqs/cli/options.hpp"
#include "pinreqs/common/error.hpp"
#include "pinreqs/index/index_client.hpp"
#include "pinreqs/parsers/reqtxt/requirements_file.hpp"
#include "pinreqs/parsers/target.hpp"
#include "pinreqs/resolver/python/options.hpp"

namespace pinreqs::cli {

inline constexpr const char* kDefaultPlatform = "x86_64-manylinux_2_28";
inline constexpr const char* kDefaultIndex = "https://pypi.org/pypi";

struct TargetChoice {
  wheel::Target target;
  std::string python_reason;    // "--python", "from .python-version", ...
  std::string platform_reason;  // "--platform", "default: a typical Linux deploy"
  std::string platform_name;    // as given / default
  [[nodiscard]] std::string describe() const;  // "CPython 3.11 on manylinux_2_28 x86_64"
  [[nodiscard]] std::string why() const;       // "Python 3.11 from .python-version; platform ..."
};

// Errors are ErrorKind::Input with a message naming the bad value.
Result<TargetChoice> choose_target(const CommonOptions& o, const std::filesystem::path& project_dir);
Result<TargetChoice> make_target(std::string_view python, std::string_view platform);

struct IndexChoice {
  std::vector<std::string> urls;  // primary first
  std::string source;             // "--index-url", "requirements file", "PIP_INDEX_URL", "pip.conf", "default"
};
IndexChoice choose_indexes(const CommonOptions& o, const reqtxt::IndexOptions* from_file);

// "2024-06-01" (midnight UTC) or RFC 3339 "2024-06-01T12:00:00Z" / "+02:00" -> Unix seconds.
std::optional<std::int64_t> parse_exclude_newer(std::string_view text);

// The index client for these options (cache dir, offline, refresh, CA bundle).
Result<std::unique_ptr<index::IndexClient>> open_index(const CommonOptions& o, const IndexChoice& indexes);

// Resolver options from the common options (target, prereleases, strategy, binary policy, exclude-newer).
Result<resolver::python::ResolverOptions> resolver_options(const CommonOptions& o, const TargetChoice& target,
                                                           const reqtxt::IndexOptions* from_file);

}  // namespace pinreqs::cli
