#pragma once
// Internal helpers of the requirements-file parser: the option table, text utilities, and the per-file entry
// point the include logic recurses through.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pinreqs/parsers/reqtxt/requirements_file.hpp"

namespace pinreqs::reqtxt::detail {

enum class OptionScope {
  Requirement,     // -r
  Constraint,      // -c
  Editable,        // -e
  Global,          // index and format options
  Hash,            // --hash (per requirement)
  ConfigSettings,  // --config-settings (per requirement)
  GlobalOption,    // --global-option (per requirement)
};

struct OptionSpec {
  const char* long_name;  // "--index-url"
  char short_name;        // 'i', or 0
  bool takes_value;
  OptionScope scope;
};

const std::vector<OptionSpec>& option_table();

struct OptionMatch {
  enum class Kind { Found, NotAnOption, Unknown, Ambiguous };
  Kind kind = Kind::NotAnOption;
  const OptionSpec* spec = nullptr;
  std::optional<std::string_view> attached;  // `--name=value` / `-xvalue` (unquoted; views into the token)
  std::size_t attached_raw_len = 0;      // its length in the raw token
  std::vector<const OptionSpec*> candidates;  // for Ambiguous
};

// Matches an option token like optparse: exact long names, unique long prefixes, short options with attached
// values. `raw` is the token as written (for span arithmetic); `tok` its unquoted value.
OptionMatch match_option(std::string_view tok, std::string_view raw = {});
std::string describe_bad_option(const OptionMatch& m, std::string_view tok);

// pip's handle_mutual_excludes for --no-binary/--only-binary (and --all-releases/--only-final).
void apply_format_control(const std::string& value, std::vector<std::string>& target,
                          std::vector<std::string>& other);

// Length of the `[A-Z0-9_]+` prefix of `s`.
std::size_t env_name_length(std::string_view s) noexcept;
std::optional<std::string> getenv_lookup(std::string_view name);
// `scheme://...` with a valid scheme.
bool has_url_scheme(std::string_view s) noexcept;
// shlex (POSIX) unquoting of one token.
std::string shlex_unquote(std::string_view raw);
// Checks a URL's structure (scheme://host...). Paths without a scheme pass. `why` says what is wrong.
bool check_url(std::string_view url, std::string& why);
// The archive extension pip and uv recognise at the end of `path` ("" when none).
std::string_view archive_extension(std::string_view path) noexcept;

void parse_source(const ParseOptions& opts, ParsedRequirements& out, FileReader& reader,
                  std::vector<std::size_t>& stack, std::size_t file, std::string bytes, bool constraint);

}  // namespace pinreqs::reqtxt::detail
