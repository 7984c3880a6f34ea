#pragma once
// File and push size limits of the common Git hosts, as their documentation states them (sources beside the
// table in preflight_host_limits.cpp). Sizes in bytes; nullopt where the host documents no such limit.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pinreqs::analysis {

struct HostLimits {
  std::string name;                                 // "github"
  std::string display;                              // "GitHub"
  std::optional<std::uint64_t> web_upload;          // largest file the browser upload accepts (web door)
  std::optional<std::uint64_t> push_warning;        // a push carrying a larger file gets a warning (push door)
  std::uint64_t push_file_limit = 0;                // a push carrying a larger file is rejected (push door)
  std::string push_file_note;                       // what the rejection is about, e.g. "without Git LFS"
  std::optional<std::uint64_t> push_total;          // largest single push
  std::optional<std::uint64_t> repo_recommended;    // repository size the host asks you to stay under
  std::optional<std::uint64_t> repo_limit;          // repository size beyond which pushes are refused
  std::string source;                               // where the figures come from
};

// github (the default), gitlab (GitLab.com), huggingface (Hugging Face Hub), bitbucket (Bitbucket Cloud).
const std::vector<HostLimits>& known_hosts();
const HostLimits* find_host(std::string_view name);

}  // namespace pinreqs::analysis
