#include "report_json.hpp"

#include "json_writer.hpp"
#include "pinreqs/index/url.hpp"

namespace pinreqs::cli {
namespace {

void write_target(JsonWriter& w, const TargetChoice& t) {
  w.key("target").begin_object();
  w.field("python", t.target.python.to_string());
  w.field("platform", t.platform_name);
  w.field("description", t.describe());
  w.field("why", t.why());
  w.end_object();
}

}  // namespace

std::string resolution_json(const TargetChoice& target, const resolver::python::Resolution& r,
                            IndexPackageSource& /*source*/,
                            const std::map<PackageName, std::vector<std::string>>& via,
                            const std::vector<JsonChange>& changes) {
  JsonWriter w;
  w.begin_object();
  w.field("ok", true);
  write_target(w, target);
  w.key("packages").begin_array();
  for (const auto& [name, p] : r.packages) {
    w.begin_object();
    w.field("name", name.str());
    if (p.url.empty()) w.field("version", p.version.to_string());
    else w.field("url", index::redact_url(p.url));
    w.key("extras").begin_array();
    for (const auto& x : p.extras) w.value(x);
    w.end_array();
    if (p.file) {
      w.key("file").begin_object();
      w.field("filename", p.file->filename);
      w.field("url", index::redact_url(p.file->url));
      if (p.file->size) w.field("size", static_cast<std::uint64_t>(*p.file->size));
      if (!p.file->sha256.empty()) w.field("sha256", p.file->sha256);
      w.end_object();
    }
    w.key("via").begin_array();
    if (auto it = via.find(name); it != via.end())
      for (const auto& v : it->second) w.value(v);
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.key("changes").begin_array();
  for (const auto& c : changes) {
    w.begin_object();
    w.field("file", c.file).field("name", c.name).field("before", c.before).field("after", c.after);
    w.end_object();
  }
  w.end_array();
  w.key("warnings").begin_array();
  for (const auto& x : r.warnings) w.value(x);
  w.end_array();
  w.end_object();
  return w.str();
}

std::string no_solution_json(const TargetChoice& target, const std::string& explanation) {
  JsonWriter w;
  w.begin_object();
  w.field("ok", false);
  write_target(w, target);
  w.field("explanation", explanation);
  w.end_object();
  return w.str();
}

}  // namespace pinreqs::cli
