// `pinreqs doctor [DIR]`: the deploy preflight (analysis/preflight.hpp) printed as a checklist, JSON or GitHub
// Actions annotations. Exit 1 when a check fails, 2 when the folder cannot be read.
#include <filesystem>
#include <memory>

#include "console.hpp"
#include "index_source.hpp"
#include "json_writer.hpp"
#include "pinreqs/analysis/preflight.hpp"
#include "pinreqs/cli/commands.hpp"
#include "session.hpp"

namespace pinreqs::cli {

namespace {

using analysis::CheckResult;
using analysis::CheckStatus;
using analysis::Finding;
using analysis::PreflightReport;

std::string mark(const Console& c, CheckStatus s) {
  switch (s) {
    case CheckStatus::Pass: return c.green("✓");
    case CheckStatus::Warn: return c.yellow("!");
    case CheckStatus::Fail: return c.red("✗");
    case CheckStatus::Skipped: return c.dim("-");
  }
  return "?";
}

std::string mark(const Console& c, analysis::Severity s) {
  switch (s) {
    case analysis::Severity::Error: return c.red("✗");
    case analysis::Severity::Warning: return c.yellow("!");
    case analysis::Severity::Notice: return c.dim("·");
  }
  return "?";
}

std::string location(const Finding& f) {
  if (f.file.empty()) return "";
  return f.file + (f.line ? ":" + std::to_string(f.line) : "") + ": ";
}

std::string render_text(const Console& c, const PreflightReport& report, const std::string& host) {
  std::string out = c.bold("pinreqs doctor") + " " + report.root + " " +
                    c.dim(std::string("(") + (report.is_repository ? "git repository" : "not a git repository") +
                          ", host " + host + ")") + "\n";
  for (const auto& check : report.checks)
    out += mark(c, check.status) + " " + c.bold(check.title) + ": " + check.summary + "\n";
  for (const auto& check : report.checks) {
    if (check.findings.empty()) continue;
    out += "\n" + mark(c, check.status) + " " + c.bold(check.title) + "\n";
    for (const auto& f : check.findings) {
      out += "  " + mark(c, f.severity) + " " + location(f) + f.message + "\n";
      for (const auto& d : f.details) out += "      " + d + "\n";
      for (const auto& x : f.fixes) out += "      " + c.green("fix:") + " " + x + "\n";
    }
  }
  std::size_t failed = 0, warned = 0;
  for (const auto& check : report.checks) {
    failed += check.status == CheckStatus::Fail;
    warned += check.status == CheckStatus::Warn;
  }
  out += "\n";
  if (failed) out += c.red(std::to_string(failed) + " of " + std::to_string(report.checks.size()) + " checks failed");
  else out += c.green("ready to deploy");
  if (warned) out += ", " + c.yellow(std::to_string(warned) + " with warnings");
  out += "\n";
  return out;
}

std::string render_json(const PreflightReport& report, const std::string& host) {
  JsonWriter w;
  w.begin_object();
  w.field("root", report.root);
  w.field("repository", report.is_repository);
  w.field("host", host);
  w.field("ok", !report.failed());
  w.key("notes").begin_array();
  for (const auto& n : report.notes) w.value(n);
  w.end_array();
  w.key("checks").begin_array();
  for (const auto& check : report.checks) {
    w.begin_object();
    w.field("id", check.id);
    w.field("title", check.title);
    w.field("status", analysis::to_string(check.status));
    w.field("summary", check.summary);
    w.key("findings").begin_array();
    for (const auto& f : check.findings) {
      w.begin_object();
      w.field("severity", analysis::to_string(f.severity));
      w.field("message", f.message);
      if (!f.file.empty()) w.field("file", f.file);
      if (f.line) w.field("line", static_cast<std::uint64_t>(f.line));
      w.key("details").begin_array();
      for (const auto& d : f.details) w.value(d);
      w.end_array();
      w.key("fixes").begin_array();
      for (const auto& x : f.fixes) w.value(x);
      w.end_array();
      w.end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.end_object();
  return w.str();
}

// GitHub Actions workflow commands: data escapes %, CR, LF; properties also ':' and ','.
std::string gh_data(std::string_view s) {
  std::string out;
  for (char ch : s) {
    if (ch == '%') out += "%25";
    else if (ch == '\r') out += "%0D";
    else if (ch == '\n') out += "%0A";
    else out += ch;
  }
  return out;
}

std::string gh_property(std::string_view s) {
  std::string out;
  for (char ch : gh_data(s)) {
    if (ch == ':') out += "%3A";
    else if (ch == ',') out += "%2C";
    else out += ch;
  }
  return out;
}

std::string render_github(const PreflightReport& report) {
  std::string out;
  for (const auto& check : report.checks) {
    for (const auto& f : check.findings) {
      const char* level = f.severity == analysis::Severity::Error ? "error"
                          : f.severity == analysis::Severity::Warning ? "warning" : "notice";
      std::string props;
      if (!f.file.empty()) props += "file=" + gh_property(f.file);
      if (!f.file.empty() && f.line) props += ",line=" + std::to_string(f.line);
      props += std::string(props.empty() ? "" : ",") + "title=" + gh_property("pinreqs doctor: " + check.title);
      std::string text = f.message;
      for (const auto& d : f.details) text += "\n" + d;
      for (const auto& x : f.fixes) text += "\nfix: " + x;
      out += "::" + std::string(level) + " " + props + "::" + gh_data(text) + "\n";
    }
  }
  for (const auto& check : report.checks) {
    const char* m = check.status == CheckStatus::Pass ? "✓" : check.status == CheckStatus::Warn ? "!"
                    : check.status == CheckStatus::Fail ? "✗" : "-";
    out += std::string(m) + " " + check.title + ": " + check.summary + "\n";
  }
  return out;
}

}  // namespace

int run_doctor(const DoctorOptions& o) {
  const Console console(o.common);
  analysis::PreflightOptions po;
  po.host = o.host;
  po.max_file_mb = o.max_file_mb;
  po.require_hashes = o.require_hashes;
  po.platform = o.common.platform.value_or(kDefaultPlatform);

  std::unique_ptr<index::IndexClient> client;
  std::unique_ptr<IndexPackageSource> source;
  if (!o.no_wheel_check) {
    const IndexChoice indexes = choose_indexes(o.common, nullptr);
    if (!indexes.urls.empty()) {
      auto c = open_index(o.common, indexes);
      if (c) {
        client = std::move(*c);
        source = std::make_unique<IndexPackageSource>(*client);
        po.source = source.get();
      } else {
        console.warn("wheel check skipped: " + c.error().describe());
      }
    }
  }

  auto report = analysis::run_preflight(std::filesystem::path(o.dir), po);
  if (client)
    for (const auto& w : client->take_warnings()) console.warn(w);
  if (!report) return report_error(console, report.error());
  for (const auto& n : report->notes) console.detail("note: " + n);

  switch (o.common.format) {
    case OutputFormat::Json: console.out(render_json(*report, o.host)); break;
    case OutputFormat::Github: console.out(render_github(*report)); break;
    case OutputFormat::Text: console.out(render_text(console, *report, o.host)); break;
  }
  return report->failed() ? 1 : 0;
}

}  // namespace pinreqs::cli
