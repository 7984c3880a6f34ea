#include "pinreqs/analysis/preflight_report.hpp"

#include <algorithm>
#include <cstdio>

namespace pinreqs::analysis {

const char* to_string(Severity s) noexcept {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Notice: return "notice";
  }
  return "error";
}

const char* to_string(CheckStatus s) noexcept {
  switch (s) {
    case CheckStatus::Pass: return "pass";
    case CheckStatus::Warn: return "warn";
    case CheckStatus::Fail: return "fail";
    case CheckStatus::Skipped: return "skipped";
  }
  return "fail";
}

void CheckResult::add(Finding f) {
  if (f.severity == Severity::Error) status = CheckStatus::Fail;
  else if (f.severity == Severity::Warning && status != CheckStatus::Fail) status = CheckStatus::Warn;
  else if (status == CheckStatus::Skipped && f.severity == Severity::Notice) status = CheckStatus::Pass;
  findings.push_back(std::move(f));
}

bool PreflightReport::failed() const noexcept {
  return std::any_of(checks.begin(), checks.end(), [](const CheckResult& c) { return c.status == CheckStatus::Fail; });
}

std::string format_size(unsigned long long bytes) {
  char buf[64];
  const double b = static_cast<double>(bytes);
  if (bytes < 1024ULL) std::snprintf(buf, sizeof buf, "%llu bytes", bytes);
  else if (bytes < 1024ULL * 1024) std::snprintf(buf, sizeof buf, "%.1f KiB", b / 1024.0);
  else if (bytes < 1024ULL * 1024 * 1024) std::snprintf(buf, sizeof buf, "%.1f MiB", b / (1024.0 * 1024.0));
  else std::snprintf(buf, sizeof buf, "%.2f GiB", b / (1024.0 * 1024.0 * 1024.0));
  return buf;
}

}  // namespace pinreqs::analysis
