#include "pinreqs/cli/python_detect.hpp"

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "pinreqs/parsers/pyproject.hpp"
#include "pinreqs/parsers/specifier.hpp"

namespace pinreqs::cli {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

std::string_view first_meaningful_line(std::string_view text) {
  while (!text.empty()) {
    const auto nl = text.find('\n');
    std::string_view line = trim(text.substr(0, nl));
    if (!line.empty() && line.front() != '#') return line;
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return {};
}

// "3", "3.11", "3.11.7" only: digits and dots, starting with 3.
std::optional<pep440::Version> plain_cpython_version(std::string_view s) {
  if (s.empty() || s.front() != '3') return std::nullopt;
  for (char c : s)
    if (!(c == '.' || (c >= '0' && c <= '9'))) return std::nullopt;
  auto v = pep440::Version::parse(s);
  if (!v || v->release_size() < 2) return std::nullopt;
  return *v;
}

std::optional<std::string> read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

std::optional<pep440::Version> parse_python_version_file(std::string_view text) {
  std::string_view line = first_meaningful_line(text);
  if (line.substr(0, 8) == "cpython-") line.remove_prefix(8);
  else if (line.substr(0, 7) == "python-") line.remove_prefix(7);
  else if (line.substr(0, 6) == "python") line.remove_prefix(6);
  // pyenv allows "3.11.7/envs/name" and uv "3.12+freethreaded"-like suffixes: keep the leading version.
  const auto end = line.find_first_not_of("0123456789.");
  if (end != std::string_view::npos) {
    const char c = line[end];
    if (c != '/' && c != '+' && c != '-' && c != 't') return std::nullopt;
    line = line.substr(0, end);
  }
  while (!line.empty() && line.back() == '.') line.remove_suffix(1);
  return plain_cpython_version(line);
}

std::optional<pep440::Version> parse_runtime_txt(std::string_view text) {
  std::string_view line = first_meaningful_line(text);
  if (line.substr(0, 7) != "python-") return std::nullopt;
  line.remove_prefix(7);
  return plain_cpython_version(line);
}

std::optional<pep440::Version> lowest_python_for(std::string_view requires_python) {
  auto spec = pep440::SpecifierSet::parse(requires_python);
  if (!spec) return std::nullopt;
  for (std::uint64_t minor = 8; minor <= 14; ++minor) {
    // A minor is admitted when its first release is (3.X.0), which is how uv reads requires-python.
    const auto v = pep440::Version::from_release({3, minor, 0});
    if (spec->contains(v, true)) return pep440::Version::from_release({3, minor});
  }
  return std::nullopt;
}

DetectedPython detect_python(const std::filesystem::path& start_dir, bool probe_interpreter) {
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::absolute(start_dir, ec);
  if (ec) dir = start_dir;
  while (true) {
    if (auto text = read_file(dir / ".python-version"))
      if (auto v = parse_python_version_file(*text)) return {*v, "from .python-version", dir / ".python-version"};
    if (auto text = read_file(dir / "runtime.txt"))
      if (auto v = parse_runtime_txt(*text)) return {*v, "from runtime.txt", dir / "runtime.txt"};
    if (auto text = read_file(dir / "pyproject.toml")) {
      const PyProject py = parse_pyproject(*text);
      if (py.requires_python)
        if (auto v = lowest_python_for(py.requires_python->value))
          return {*v, "as the lowest admitted by pyproject.toml requires-python `" + py.requires_python->value + "`",
                  dir / "pyproject.toml"};
    }
    if (std::filesystem::exists(dir / ".git", ec) || !dir.has_parent_path() || dir.parent_path() == dir) break;
    dir = dir.parent_path();
  }
  if (probe_interpreter) {
    // `python3 --version` prints "Python 3.11.7"; nothing of the project is executed.
    if (FILE* p = ::popen("python3 --version 2>&1", "r")) {
      std::array<char, 128> buf{};
      std::string out;
      while (std::fgets(buf.data(), static_cast<int>(buf.size()), p)) out += buf.data();
      ::pclose(p);
      std::string_view s = trim(out);
      if (s.substr(0, 7) == "Python ") {
        s.remove_prefix(7);
        if (auto v = plain_cpython_version(s)) {
          const auto minor = pep440::Version::from_release({v->release_at(0), v->release_at(1)});
          return {minor, "because python3 on PATH is " + std::string(s), {}};
        }
      }
    }
  }
  return {pep440::Version::from_release({3, 12}), "by default (nothing declares a Python version)", {}};
}

}  // namespace pinreqs::cli
