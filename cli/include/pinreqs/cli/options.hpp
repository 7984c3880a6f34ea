#pragma once
// Plain option structs for each command, filled by the CLI11 definitions in app.cpp (the only place that
// knows CLI11) and read by the command implementations.
#include <optional>
#include <string>
#include <vector>

namespace pinreqs::cli {

enum class ColorMode { Auto, Always, Never };
enum class OutputFormat { Text, Json, Github };

// Options every resolving command shares (index, cache, target, output).
struct CommonOptions {
  std::optional<std::string> python;        // --python / --python-version
  std::optional<std::string> platform;      // --platform / --python-platform
  std::vector<std::string> index_urls;      // --index-url (first) then --extra-index-url
  std::optional<std::string> index_url;
  std::vector<std::string> extra_index_urls;
  bool no_index = false;
  std::optional<std::string> cache_dir;
  bool no_cache = false;
  bool offline = false;
  bool refresh = false;
  std::optional<std::string> exclude_newer;  // YYYY-MM-DD or RFC 3339
  bool pre = false;
  std::vector<std::string> only_binary;      // ":all:", ":none:" or names
  std::string resolution = "highest";        // highest | lowest | lowest-direct
  std::optional<std::string> ca_bundle;
  int verbose = 0;
  bool quiet = false;
  ColorMode color = ColorMode::Auto;
  OutputFormat format = OutputFormat::Text;
};

struct PinOptions {
  CommonOptions common;
  std::vector<std::string> files;
  bool top_level_only = false;
  bool dry_run = false;   // print the diff, write nothing
  bool diff = false;      // same as dry_run
  std::optional<std::string> output;  // -o: write the result elsewhere (single input)
  bool upgrade = false;
  std::vector<std::string> upgrade_packages;
};

struct CompileOptions {
  CommonOptions common;
  std::vector<std::string> inputs;
  std::optional<std::string> output;   // -o; "-" or absent = stdout
  bool generate_hashes = false;
  bool all_platform_hashes = false;
  std::string annotation_style = "split";  // split | line
  bool annotate = true;
  bool header = true;
  bool strip_extras = false;
  std::string output_format = "requirements";  // requirements | pylock
  bool upgrade = false;
  std::vector<std::string> upgrade_packages;
  std::string command_line;  // for the header
};

struct CheckOptions {
  CommonOptions common;                  // common.python/platform unused: see pythons/platforms
  std::vector<std::string> files;        // requirements files (default: requirements.txt)
  std::vector<std::string> pythons;      // --python, repeatable (default: the deploy Python and the next newer)
  std::vector<std::string> platforms;    // --platform, repeatable (default: x86_64-manylinux_2_28)
  bool allow_sdist = false;              // sdist-only packages do not fail the check
  double heavy_mb = 50;                  // a platform-specific wheel above this is "heavy"
  std::optional<std::string> max_size;   // "500MB": a budget for the whole environment per target
  std::optional<std::string> app_dir;    // where the app's .py files are (default: the file's folder)
  bool no_imports = false;               // skip the unused/missing-import scan
  bool require_pinned = false;           // a requirement that is not `==version` fails the check
};

struct DoctorOptions {
  CommonOptions common;
  std::string dir = ".";
  std::string host = "github";           // github | gitlab | huggingface | bitbucket
  std::optional<double> max_file_mb;     // overrides the host's push limit
  bool require_hashes = false;
  bool no_wheel_check = false;           // skip the runtime-Python wheel check (no index access)
};

struct CacheOptions {
  std::optional<std::string> cache_dir;
  std::string action;  // dir | info | clean
  std::vector<std::string> packages;  // clean only these
};

}  // namespace pinreqs::cli
