#pragma once
// Groups distribution files into releases ordered by version; skips invalid versions and odd files.
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "pinreqs/index/documents.hpp"

namespace pinreqs::index::detail {

// Wheels and sdists; not .exe/.msi/.egg/.rpm/.dmg and the like.
bool is_dist_filename(std::string_view filename);

class ReleaseBuilder {
 public:
  explicit ReleaseBuilder(ParseNotes* notes) : notes_(notes) {}
  // Returns the release for `version_text`, or nullptr when the version is not PEP 440 (counted as skipped).
  Release* release(std::string_view version_text);
  void add(std::string_view version_text, DistFile file);
  std::vector<Release> finish(bool drop_empty = true);
  ParseNotes* notes() const noexcept { return notes_; }

 private:
  ParseNotes* notes_;
  ParseNotes scratch_;
  std::map<pep440::Version, Release> releases_;
  std::unordered_map<std::string, Release*> by_text_;
};

}  // namespace pinreqs::index::detail
