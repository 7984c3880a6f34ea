#pragma once
// What `pinreqs doctor` reports: one result per check (pass / warn / fail / skipped), each with findings that
// name a file and line when there is one, say why it matters and give the commands that fix it.
#include <cstddef>
#include <string>
#include <vector>

namespace pinreqs::analysis {

enum class Severity { Error, Warning, Notice };
enum class CheckStatus { Pass, Warn, Fail, Skipped };

const char* to_string(Severity s) noexcept;     // "error", "warning", "notice"
const char* to_string(CheckStatus s) noexcept;  // "pass", "warn", "fail", "skipped"

struct Finding {
  Severity severity = Severity::Error;
  std::string message;               // one line, names in backticks
  std::string file;                  // relative to the repository root, '/' separators; "" when none
  std::size_t line = 0;              // 1-based; 0 when none
  std::vector<std::string> details;  // further lines (why it matters, what else is affected)
  std::vector<std::string> fixes;    // shell commands, in order
};

struct CheckResult {
  std::string id;       // "unpinned", "lfs", "size", "python", "branch"
  std::string title;    // "Pinned dependencies"
  std::string summary;  // one line for the checklist
  CheckStatus status = CheckStatus::Pass;
  std::vector<Finding> findings;

  // Appends a finding and raises the status (an error fails the check, a warning warns).
  void add(Finding f);
};

struct PreflightReport {
  std::string root;            // the folder that was checked (the work tree root in a repository)
  bool is_repository = false;
  std::vector<std::string> notes;  // what could not be read, and why (never silently skipped)
  std::vector<CheckResult> checks;

  [[nodiscard]] bool failed() const noexcept;  // any check Fail
};

// "120.0 MB" (decimal megabytes as hosts print them), "512 bytes", "3.4 kB", "1.20 GB".
std::string format_size(unsigned long long bytes);

}  // namespace pinreqs::analysis
