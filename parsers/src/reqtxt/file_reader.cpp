#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include "pinreqs/parsers/reqtxt/requirements_file.hpp"

namespace pinreqs::reqtxt {
namespace {

bool is_url(const std::string& location) {
  const auto colon = location.find("://");
  if (colon == std::string::npos || colon == 0) return false;
  for (std::size_t i = 0; i < colon; ++i) {
    const char c = location[i];
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.')) return false;
  }
  return true;
}

std::string normalize(const std::string& location) {
  if (is_url(location)) return location;
  std::string n = std::filesystem::path(location).lexically_normal().generic_string();
  return n.empty() ? location : n;
}

}  // namespace

Result<ReadResult> DiskFileReader::read(const std::string& location) {
  std::string path = location;
  if (location.rfind("file://", 0) == 0) {
    path = location.substr(7);
  } else if (is_url(location)) {
    return fail(ErrorKind::Offline, "remote requirements files are not supported offline: `" + location + "`");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int err = errno;
    return fail(ErrorKind::NotFound, std::string("cannot open `") + path + "`: " + std::strerror(err));
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return fail(ErrorKind::Io, "cannot read `" + path + "`");
  return ReadResult{ss.str()};
}

bool DiskFileReader::exists(const std::string& location) {
  if (is_url(location)) return false;
  std::error_code ec;
  return std::filesystem::exists(location, ec);
}

bool MemoryFileReader::exists(const std::string& location) {
  const std::string key = normalize(location);
  for (const auto& [loc, data] : files_) {
    if (loc == key || (loc.size() > key.size() && loc.compare(0, key.size(), key) == 0 && loc[key.size()] == '/'))
      return true;
  }
  return false;
}

void MemoryFileReader::add(std::string location, std::string bytes) {
  location = normalize(location);
  for (auto& [loc, data] : files_) {
    if (loc == location) {
      data = std::move(bytes);
      return;
    }
  }
  files_.emplace_back(std::move(location), std::move(bytes));
}

Result<ReadResult> MemoryFileReader::read(const std::string& location) {
  const std::string key = normalize(location);
  for (const auto& [loc, data] : files_) {
    if (loc == key) return ReadResult{data};
  }
  return fail(ErrorKind::NotFound, "no such file: `" + location + "`");
}

}  // namespace pinreqs::reqtxt
