#pragma once
// Test support for the doctor (preflight) tests: throw-away folders, real git repositories made with the git
// CLI in an isolated environment (own HOME, no system config), and a PackageSource over the bundled demo index.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>

#include "pinreqs/analysis/preflight.hpp"
#include "pinreqs/index/index_client.hpp"

namespace doctor_test {

namespace fs = std::filesystem;

inline std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// A fresh folder removed at the end of the test. The first one also isolates git: HOME points into a temp
// folder and the system config is ignored, so the machine's git configuration cannot change the results.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "pinreqs-doctor-XXXXXX").string();
    char* made = mkdtemp(tmpl.data());
    if (!made) throw std::runtime_error("mkdtemp failed");
    path_ = made;
    static const bool isolated = [] {
      std::string home_tmpl = (fs::temp_directory_path() / "pinreqs-doctor-home-XXXXXX").string();
      char* home = mkdtemp(home_tmpl.data());
      if (home) setenv("HOME", home, 1);
      setenv("XDG_CONFIG_HOME", home ? home : "/nonexistent", 1);
      setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
      setenv("GIT_AUTHOR_NAME", "Doctor Test", 1);
      setenv("GIT_AUTHOR_EMAIL", "doctor@example.com", 1);
      setenv("GIT_COMMITTER_NAME", "Doctor Test", 1);
      setenv("GIT_COMMITTER_EMAIL", "doctor@example.com", 1);
      return true;
    }();
    (void)isolated;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

inline void write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

// A file of `bytes` bytes that takes no disk space (ftruncate).
inline void sparse(const fs::path& p, std::uintmax_t bytes) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary).close();
  fs::resize_file(p, bytes);
}

// Runs a shell command in `dir`; fails the test when it exits non-zero.
inline void sh(const fs::path& dir, const std::string& cmd) {
  const std::string full = "cd " + quote(dir.string()) + " && (" + cmd + ") >/dev/null 2>&1";
  const int rc = std::system(full.c_str());
  ASSERT_EQ(rc, 0) << "command failed: " << cmd;
}

inline const pinreqs::analysis::CheckResult& check(const pinreqs::analysis::PreflightReport& r, const std::string& id) {
  for (const auto& c : r.checks)
    if (c.id == id) return c;
  throw std::runtime_error("no check " + id);
}

// The first finding whose message contains `text`, or nullptr.
inline const pinreqs::analysis::Finding* finding(const pinreqs::analysis::CheckResult& c, const std::string& text) {
  for (const auto& f : c.findings)
    if (f.message.find(text) != std::string::npos) return &f;
  return nullptr;
}

inline bool has(const std::vector<std::string>& lines, const std::string& text) {
  for (const auto& l : lines)
    if (l.find(text) != std::string::npos) return true;
  return false;
}

inline std::string dump(const pinreqs::analysis::CheckResult& c) {
  std::string s = c.id + " [" + pinreqs::analysis::to_string(c.status) + "] " + c.summary + "\n";
  for (const auto& f : c.findings) {
    s += "  " + std::string(pinreqs::analysis::to_string(f.severity)) + " " + f.file + ":" + std::to_string(f.line) + " " +
         f.message + "\n";
    for (const auto& d : f.details) s += "      " + d + "\n";
    for (const auto& x : f.fixes) s += "      fix: " + x + "\n";
  }
  return s;
}

// The resolver's PackageSource over the index client reading fixtures/demo-index (recorded PyPI JSON).
class DemoIndexSource final : public pinreqs::resolver::python::PackageSource {
 public:
  DemoIndexSource() {
    pinreqs::index::IndexOptions o;
    o.index_urls = {"file://" + std::string(PINREQS_FIXTURES) + "/demo-index"};
    o.use_cache = false;
    auto c = pinreqs::index::IndexClient::create(std::move(o));
    if (!c) throw std::runtime_error(c.error().describe());
    client_ = std::move(*c);
  }
  pinreqs::Result<const pinreqs::ProjectIndex*> project(const pinreqs::PackageName& name) override {
    auto r = client_->project(name);
    if (!r) return tl::unexpected(r.error());
    keep_[name] = *r;
    return r->get();
  }
  pinreqs::Result<pinreqs::CoreMetadata> metadata(const pinreqs::PackageName& name,
                                                  const pinreqs::pep440::Version& version) override {
    auto r = client_->metadata(name, version);
    if (!r) return tl::unexpected(r.error());
    return **r;
  }

 private:
  std::unique_ptr<pinreqs::index::IndexClient> client_;
  std::map<pinreqs::PackageName, std::shared_ptr<const pinreqs::ProjectIndex>> keep_;
};

}  // namespace doctor_test
