// JSON documents (PyPI JSON API and PEP 691) with simdjson On-Demand. The only file that includes simdjson.
// Each value is visited once in document order; strings are copied out before the parser moves on.
#include <simdjson.h>

#include "pinreqs/index/documents.hpp"
#include "pinreqs/index/url.hpp"
#include "release_builder.hpp"

namespace pinreqs::index {
namespace {

namespace od = simdjson::ondemand;
using simdjson::error_code;
using simdjson::SUCCESS;

#define PINREQS_TRY(expr)                      \
  do {                                         \
    if (error_code e_ = (expr); e_ != SUCCESS) \
      return e_;                               \
  } while (0)

od::parser& thread_parser() {
  thread_local od::parser parser;
  return parser;
}

// A string or null (null -> unchanged `out`); other types are ignored.
error_code opt_string(od::value v, std::string& out) {
  od::json_type t;
  PINREQS_TRY(v.type().get(t));
  if (t == od::json_type::string) {
    std::string_view s;
    PINREQS_TRY(v.get_string().get(s));
    out.assign(s);
  }
  return SUCCESS;
}

error_code string_array(od::value v, std::vector<std::string>& out) {
  od::array arr;
  PINREQS_TRY(v.get_array().get(arr));
  for (auto item : arr) {
    od::value iv;
    PINREQS_TRY(std::move(item).get(iv));
    std::string s;
    PINREQS_TRY(opt_string(iv, s));
    out.push_back(std::move(s));
  }
  return SUCCESS;
}

// null -> nullopt; array -> strings.
error_code opt_string_array(od::value v, std::optional<std::vector<std::string>>& out) {
  od::json_type t;
  PINREQS_TRY(v.type().get(t));
  if (t != od::json_type::array) {
    out.reset();
    return SUCCESS;
  }
  std::vector<std::string> items;
  PINREQS_TRY(string_array(v, items));
  out = std::move(items);
  return SUCCESS;
}

error_code opt_uint(od::value v, std::optional<std::uint64_t>& out) {
  od::json_type t;
  PINREQS_TRY(v.type().get(t));
  if (t == od::json_type::number) {
    std::uint64_t n;
    if (v.get_uint64().get(n) == SUCCESS) out = n;
  }
  return SUCCESS;
}

// `info` block of the JSON API.
error_code parse_info(od::value v, CoreMetadata& m, std::string& name, std::string& version) {
  od::object obj;
  PINREQS_TRY(v.get_object().get(obj));
  for (auto field : obj) {
    od::field f;
    PINREQS_TRY(std::move(field).get(f));
    std::string_view key;
    PINREQS_TRY(f.unescaped_key().get(key));
    if (key == "name") PINREQS_TRY(opt_string(f.value(), name));
    else if (key == "version") PINREQS_TRY(opt_string(f.value(), version));
    else if (key == "requires_dist") PINREQS_TRY(opt_string_array(f.value(), m.requires_dist));
    else if (key == "requires_python") PINREQS_TRY(opt_string(f.value(), m.requires_python));
    else if (key == "provides_extra") {
      std::optional<std::vector<std::string>> extras;
      PINREQS_TRY(opt_string_array(f.value(), extras));
      if (extras) m.provides_extra = std::move(*extras);
    }
  }
  return SUCCESS;
}

// One file object of the JSON API (`releases[v][i]` / `urls[i]`).
error_code parse_json_api_file(od::value v, DistFile& d, std::string_view base_url) {
  od::object obj;
  PINREQS_TRY(v.get_object().get(obj));
  for (auto field : obj) {
    od::field f;
    PINREQS_TRY(std::move(field).get(f));
    std::string_view key;
    PINREQS_TRY(f.unescaped_key().get(key));
    if (key == "filename") PINREQS_TRY(opt_string(f.value(), d.filename));
    else if (key == "url") PINREQS_TRY(opt_string(f.value(), d.url));
    else if (key == "digests") {
      od::object dig;
      if (f.value().get_object().get(dig) == SUCCESS) {
        for (auto df : dig) {
          od::field g;
          PINREQS_TRY(std::move(df).get(g));
          std::string_view k;
          PINREQS_TRY(g.unescaped_key().get(k));
          if (k == "sha256") PINREQS_TRY(opt_string(g.value(), d.sha256));
        }
      }
    } else if (key == "size") PINREQS_TRY(opt_uint(f.value(), d.size));
    else if (key == "requires_python") PINREQS_TRY(opt_string(f.value(), d.requires_python));
    else if (key == "yanked") {
      bool b = false;
      if (f.value().get_bool().get(b) == SUCCESS) d.yanked = b;
    } else if (key == "yanked_reason") PINREQS_TRY(opt_string(f.value(), d.yanked_reason));
    else if (key == "upload_time_iso_8601") {
      std::string t;
      PINREQS_TRY(opt_string(f.value(), t));
      if (!t.empty()) d.upload_time = parse_iso8601(t);
    } else if (key == "core-metadata" || key == "data-dist-info-metadata") {
      // Not served by PyPI's JSON API, but mirrors may add it: same shape as PEP 691.
      od::json_type t;
      PINREQS_TRY(f.value().type().get(t));
      if (t == od::json_type::object) {
        d.has_core_metadata = true;
        od::object h;
        PINREQS_TRY(f.value().get_object().get(h));
        for (auto hf : h) {
          od::field g;
          PINREQS_TRY(std::move(hf).get(g));
          std::string_view k;
          PINREQS_TRY(g.unescaped_key().get(k));
          if (k == "sha256") PINREQS_TRY(opt_string(g.value(), d.core_metadata_sha256));
        }
      } else if (t == od::json_type::boolean) {
        bool b = false;
        PINREQS_TRY(f.value().get_bool().get(b));
        d.has_core_metadata = d.has_core_metadata || b;
      }
    }
  }
  if (!d.url.empty() && !base_url.empty()) d.url = join_url(base_url, d.url);
  return SUCCESS;
}

Error json_error(error_code e, const simdjson::padded_string& input, od::document& doc, std::string_view what) {
  std::string msg = "malformed " + std::string(what) + ": " + simdjson::error_message(e);
  const char* loc = nullptr;
  if (doc.current_location().get(loc) == SUCCESS && loc >= input.data() && loc <= input.data() + input.size())
    msg += " (near byte " + std::to_string(loc - input.data()) + ")";
  return Error(ErrorKind::Parse, msg);
}

error_code project_doc(od::document& doc, cache::ProjectRecord& rec, std::string_view base_url,
                       detail::ReleaseBuilder& builder) {
  od::object root;
  PINREQS_TRY(doc.get_object().get(root));
  CoreMetadata info;
  std::string name, version;
  bool have_info = false;
  for (auto field : root) {
    od::field f;
    PINREQS_TRY(std::move(field).get(f));
    std::string_view key;
    PINREQS_TRY(f.unescaped_key().get(key));
    if (key == "info") {
      PINREQS_TRY(parse_info(f.value(), info, name, version));
      have_info = true;
    } else if (key == "releases") {
      od::object rels;
      PINREQS_TRY(f.value().get_object().get(rels));
      for (auto rf : rels) {
        od::field r;
        PINREQS_TRY(std::move(rf).get(r));
        std::string_view vk;
        PINREQS_TRY(r.unescaped_key().get(vk));
        Release* release = builder.release(vk);  // copies the key before the parser moves on
        if (!release) continue;                  // invalid version: skipped, counted
        od::array files;
        PINREQS_TRY(r.value().get_array().get(files));
        for (auto item : files) {
          od::value fv;
          PINREQS_TRY(std::move(item).get(fv));
          DistFile d;
          PINREQS_TRY(parse_json_api_file(fv, d, base_url));
          if (!detail::is_dist_filename(d.filename)) {
            if (builder.notes()) ++builder.notes()->skipped_files;
            continue;
          }
          release->files.push_back(std::move(d));
        }
      }
    }
  }
  if (!have_info || name.empty()) return simdjson::NO_SUCH_FIELD;
  rec.project.name = PackageName::from_trusted(name);
  rec.project.display_name = name;
  if (auto v = pep440::Version::parse(version)) {
    info.name = rec.project.name;
    info.version = std::move(*v);
    rec.latest = std::move(info);
  }
  return SUCCESS;
}

}  // namespace

Result<cache::ProjectRecord> parse_pypi_project_json(std::string_view json, std::string_view base_url,
                                                      ParseNotes* notes) {
  simdjson::padded_string input(json);
  od::document doc;
  auto& parser = thread_parser();
  if (auto e = parser.iterate(input).get(doc); e != SUCCESS)
    return fail(ErrorKind::Parse, std::string("malformed project JSON: ") + simdjson::error_message(e));
  cache::ProjectRecord rec;
  detail::ReleaseBuilder builder(notes);
  if (auto e = project_doc(doc, rec, base_url, builder); e != SUCCESS) {
    if (e == simdjson::NO_SUCH_FIELD) return fail(ErrorKind::Parse, "project JSON has no `info.name`");
    return tl::unexpected(json_error(e, input, doc, "project JSON"));
  }
  rec.project.releases = builder.finish();
  return rec;
}

Result<CoreMetadata> parse_pypi_version_json(std::string_view json) {
  simdjson::padded_string input(json);
  od::document doc;
  auto& parser = thread_parser();
  if (auto e = parser.iterate(input).get(doc); e != SUCCESS)
    return fail(ErrorKind::Parse, std::string("malformed version JSON: ") + simdjson::error_message(e));
  CoreMetadata m;
  std::string name, version;
  bool have_info = false;
  auto run = [&]() -> error_code {
    od::object root;
    PINREQS_TRY(doc.get_object().get(root));
    for (auto field : root) {
      od::field f;
      PINREQS_TRY(std::move(field).get(f));
      std::string_view key;
      PINREQS_TRY(f.unescaped_key().get(key));
      if (key == "info") {
        PINREQS_TRY(parse_info(f.value(), m, name, version));
        have_info = true;
      }
    }
    return SUCCESS;
  };
  if (auto e = run(); e != SUCCESS) return tl::unexpected(json_error(e, input, doc, "version JSON"));
  if (!have_info || name.empty()) return fail(ErrorKind::Parse, "version JSON has no `info.name`");
  auto v = pep440::Version::parse(version);
  if (!v) return fail(ErrorKind::Parse, "version JSON `info.version` `" + version + "` is not a PEP 440 version");
  m.name = PackageName::from_trusted(name);
  m.version = std::move(*v);
  return m;
}

Result<ProjectIndex> parse_simple_json(std::string_view json, const PackageName& name, std::string_view page_url,
                                       ParseNotes* notes) {
  simdjson::padded_string input(json);
  od::document doc;
  auto& parser = thread_parser();
  if (auto e = parser.iterate(input).get(doc); e != SUCCESS)
    return fail(ErrorKind::Parse, std::string("malformed simple JSON: ") + simdjson::error_message(e));
  ProjectIndex p;
  p.name = name;
  p.display_name = name.str();
  detail::ReleaseBuilder builder(notes);
  auto file = [&](od::value v) -> error_code {
    od::object obj;
    PINREQS_TRY(v.get_object().get(obj));
    DistFile d;
    bool core_seen = false;
    for (auto field : obj) {
      od::field f;
      PINREQS_TRY(std::move(field).get(f));
      std::string_view key;
      PINREQS_TRY(f.unescaped_key().get(key));
      if (key == "filename") PINREQS_TRY(opt_string(f.value(), d.filename));
      else if (key == "url") PINREQS_TRY(opt_string(f.value(), d.url));
      else if (key == "hashes") {
        od::object h;
        PINREQS_TRY(f.value().get_object().get(h));
        for (auto hf : h) {
          od::field g;
          PINREQS_TRY(std::move(hf).get(g));
          std::string_view k;
          PINREQS_TRY(g.unescaped_key().get(k));
          if (k == "sha256") PINREQS_TRY(opt_string(g.value(), d.sha256));
        }
      } else if (key == "requires-python") PINREQS_TRY(opt_string(f.value(), d.requires_python));
      else if (key == "yanked") {
        od::json_type t;
        PINREQS_TRY(f.value().type().get(t));
        if (t == od::json_type::boolean) {
          bool b = false;
          PINREQS_TRY(f.value().get_bool().get(b));
          d.yanked = b;
        } else if (t == od::json_type::string) {
          d.yanked = true;
          PINREQS_TRY(opt_string(f.value(), d.yanked_reason));
        }
      } else if (key == "size") PINREQS_TRY(opt_uint(f.value(), d.size));
      else if (key == "upload-time") {
        std::string t;
        PINREQS_TRY(opt_string(f.value(), t));
        if (!t.empty()) d.upload_time = parse_iso8601(t);
      } else if (key == "core-metadata" || key == "data-dist-info-metadata" || key == "dist-info-metadata") {
        // PEP 714: `core-metadata` wins over the older spellings whatever the key order.
        bool primary = key == "core-metadata";
        if (core_seen && !primary) continue;
        od::json_type t;
        PINREQS_TRY(f.value().type().get(t));
        bool has = false;
        std::string sha;
        if (t == od::json_type::boolean) {
          PINREQS_TRY(f.value().get_bool().get(has));
        } else if (t == od::json_type::object) {
          has = true;
          od::object h;
          PINREQS_TRY(f.value().get_object().get(h));
          for (auto hf : h) {
            od::field g;
            PINREQS_TRY(std::move(hf).get(g));
            std::string_view k;
            PINREQS_TRY(g.unescaped_key().get(k));
            if (k == "sha256") PINREQS_TRY(opt_string(g.value(), sha));
          }
        }
        if (primary) core_seen = true;
        d.has_core_metadata = has;
        d.core_metadata_sha256 = has ? sha : std::string();
      }
    }
    if (!d.url.empty()) d.url = join_url(page_url, d.url);
    auto version = version_from_filename(d.filename, name);
    if (!version) {
      if (notes) ++notes->skipped_files;
      return SUCCESS;
    }
    builder.add(*version, std::move(d));
    return SUCCESS;
  };
  auto run = [&]() -> error_code {
    od::object root;
    PINREQS_TRY(doc.get_object().get(root));
    for (auto field : root) {
      od::field f;
      PINREQS_TRY(std::move(field).get(f));
      std::string_view key;
      PINREQS_TRY(f.unescaped_key().get(key));
      if (key == "name") {
        PINREQS_TRY(opt_string(f.value(), p.display_name));
      } else if (key == "files") {
        od::array files;
        PINREQS_TRY(f.value().get_array().get(files));
        for (auto item : files) {
          od::value v;
          PINREQS_TRY(std::move(item).get(v));
          PINREQS_TRY(file(v));
        }
      }
    }
    return SUCCESS;
  };
  if (auto e = run(); e != SUCCESS) return tl::unexpected(json_error(e, input, doc, "simple JSON"));
  p.releases = builder.finish();
  return p;
}

}  // namespace pinreqs::index
