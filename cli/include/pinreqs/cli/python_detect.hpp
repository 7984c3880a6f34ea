#pragma once
// Which Python will the app run on? Read what the project declares, the way hosting platforms do.
#include <filesystem>
#include <optional>
#include <string>

#include "pinreqs/parsers/version.hpp"

namespace pinreqs::cli {

struct DetectedPython {
  pep440::Version version;  // e.g. 3.11 or 3.11.7
  std::string reason;       // "from .python-version", "default", ...
  std::filesystem::path file;  // the file that declared it, if any
};

// Parses a declaration; nullopt when the text names no CPython version.
//   .python-version: "3.11", "3.11.7", "cpython-3.11.7", "pypy3.10" (not CPython -> nullopt)
//   runtime.txt:     "python-3.11.7"
std::optional<pep440::Version> parse_python_version_file(std::string_view text);
std::optional<pep440::Version> parse_runtime_txt(std::string_view text);
// The lowest CPython minor (3.8 .. 3.14) that a requires-python specifier admits.
std::optional<pep440::Version> lowest_python_for(std::string_view requires_python);

// Looks next to `start_dir` and then in its parents up to the repository root (a folder with .git):
// .python-version, runtime.txt, pyproject.toml requires-python; then `python3 --version` on PATH when
// `probe_interpreter`; else 3.12.
DetectedPython detect_python(const std::filesystem::path& start_dir, bool probe_interpreter = true);

}  // namespace pinreqs::cli
