// IndexClient: documents through the cache, per-run memoization, and the JSON API / Simple API / file-folder
// strategies. Everything runs on the caller's thread; completions are callbacks run by Transport::run_until.
#include "pinreqs/index/index_client.hpp"

#include <algorithm>

#include <ctime>
#include <unordered_map>

#include "pinreqs/cache/codec.hpp"
#include "pinreqs/cache/metadata_cache.hpp"
#include "pinreqs/index/documents.hpp"
#include "pinreqs/index/url.hpp"
#include "sha256.hpp"
#include "transport.hpp"

#ifndef PINREQS_VERSION
#define PINREQS_VERSION "0"
#endif

namespace pinreqs::index {
namespace {

using detail::HttpRequest;
using detail::HttpResponse;

enum class IndexKind { JsonApi, Simple, FileDir };

struct IndexBase {
  IndexKind kind;
  std::string url;      // without trailing slashes
  std::string display;  // redacted
};

std::string lower(std::string_view s) {
  std::string r(s);
  for (auto& c : r) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return r;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

IndexBase classify(std::string_view raw) {
  IndexBase b;
  b.url = std::string(trim_trailing_slashes(raw));
  b.display = redact_url(b.url);
  auto l = lower(b.url);
  if (l.rfind("file://", 0) == 0) {
    b.kind = IndexKind::FileDir;
  } else if (ends_with(l, "/pypi")) {
    b.kind = IndexKind::JsonApi;
  } else if ((l == "https://pypi.org/simple" || l == "http://pypi.org/simple")) {
    b.kind = IndexKind::JsonApi;  // pypi.org: the JSON API gives per-version metadata in one request
    b.url = b.url.substr(0, b.url.size() - 7) + "/pypi";
    b.display = redact_url(b.url);
  } else {
    b.kind = IndexKind::Simple;
  }
  return b;
}

std::string project_url(const IndexBase& b, const PackageName& name) {
  switch (b.kind) {
    case IndexKind::JsonApi: return b.url + "/" + name.str() + "/json";
    case IndexKind::FileDir: return b.url + "/" + name.str() + ".json";
    case IndexKind::Simple: return b.url + "/" + name.str() + "/";
  }
  return {};
}

std::string version_url(const IndexBase& b, const PackageName& name, const std::string& version) {
  if (b.kind == IndexKind::FileDir) return b.url + "/" + name.str() + "/" + version + ".json";
  return b.url + "/" + name.str() + "/" + version + "/json";
}

bool is_wheel(const DistFile& f) { return ends_with(lower(f.filename), ".whl"); }

constexpr const char* kSimpleAccept =
    "Accept: application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.01";

// A parsed document: a project page (project) or one release's metadata (meta).
struct Parsed {
  std::shared_ptr<const cache::ProjectRecord> project;
  std::shared_ptr<const CoreMetadata> meta;
};

struct DocResult {
  int status = 200;  // 200 or 404
  Parsed doc;        // set when status is 200
};

using DocParser = std::function<Result<Parsed>(const HttpResponse&)>;

Parsed parsed(cache::ProjectRecord rec) {
  return Parsed{std::make_shared<const cache::ProjectRecord>(std::move(rec)), nullptr};
}
Parsed parsed(CoreMetadata m) { return Parsed{nullptr, std::make_shared<const CoreMetadata>(std::move(m))}; }

std::string encode(const Parsed& p) { return p.project ? cache::encode(*p.project) : cache::encode(*p.meta); }

// The cached blob back into objects; an unreadable blob is a miss (the caller refetches).
std::optional<Parsed> decode(cache::EntryKind kind, std::string_view blob) {
  if (kind == cache::EntryKind::Project) {
    auto r = cache::decode_project(blob);
    if (!r) return std::nullopt;
    return parsed(std::move(*r));
  }
  auto m = cache::decode_metadata(blob);
  if (!m) return std::nullopt;
  return parsed(std::move(*m));
}
using DocCallback = std::function<void(const Result<DocResult>&)>;

struct DocSlot {
  bool done = false;
  Result<DocResult> result = DocResult{};
  std::vector<DocCallback> waiters;
};

using ProjectPtr = std::shared_ptr<const cache::ProjectRecord>;
using MetaPtr = std::shared_ptr<const CoreMetadata>;

struct ProjectSlot {
  bool done = false;
  Result<ProjectPtr> result = ProjectPtr{};
  std::size_t index_pos = 0;  // which index served it
  std::vector<std::function<void()>> waiters;
};

struct MetaSlot {
  bool done = false;
  Result<MetaPtr> result = MetaPtr{};
};

std::int64_t now_seconds() { return static_cast<std::int64_t>(std::time(nullptr)); }

}  // namespace

struct IndexClient::Impl {
  IndexOptions opts;
  std::vector<IndexBase> bases;
  std::unique_ptr<cache::MetadataCache> cache;
  std::unique_ptr<detail::Transport> transport;
  std::unordered_map<std::string, DocSlot> docs;
  std::unordered_map<PackageName, ProjectSlot> projects;
  std::unordered_map<std::string, MetaSlot> metas;  // "name==canonical-version"
  std::vector<std::string> warnings;
  IndexStats counters;

  void warn(std::string w) { warnings.push_back(std::move(w)); }

  void collect_cache_warnings() {
    if (!cache) return;
    for (auto& w : cache->take_warnings()) warn(std::move(w));
  }

  // ---------------------------------------------------------------- documents

  void complete_doc(const std::string& url, Result<DocResult> r) {
    auto& slot = docs[url];
    slot.done = true;
    slot.result = std::move(r);
    auto waiters = std::move(slot.waiters);
    slot.waiters.clear();
    for (auto& w : waiters) w(slot.result);
  }

  void fetch_doc(const std::string& url, cache::EntryKind kind, std::vector<std::string> headers, DocParser parse,
                 DocCallback cb) {
    if (auto it = docs.find(url); it != docs.end()) {
      if (it->second.done) transport->post([this, url, cb = std::move(cb)] { cb(docs[url].result); });
      else it->second.waiters.push_back(std::move(cb));
      return;
    }
    docs[url].waiters.push_back(std::move(cb));
    const std::string display = redact_url(url);
    const bool local = lower(url).rfind("file://", 0) == 0;
    std::optional<cache::Entry> cached;
    if (!local && cache) {
      auto got = cache->get(display);
      collect_cache_warnings();
      if (got) cached = std::move(*got);
      else warn(got.error().describe());
    }
    std::optional<Parsed> cached_doc;
    if (cached && cached->status == 200) {
      cached_doc = decode(kind, cached->blob);
      if (!cached_doc) {
        warn("cached copy of " + display + " is unreadable; fetching it again");
        cached.reset();
      }
    }
    if (!local && cached && (opts.offline || (!opts.refresh && cached->fresh(now_seconds())))) {
      ++counters.cache_hits;
      DocResult d{cached->status, cached_doc.value_or(Parsed{})};
      transport->post([this, url, d = std::move(d)]() mutable { complete_doc(url, std::move(d)); });
      return;
    }
    if (!local && opts.offline) {
      transport->post([this, url, display] {
        complete_doc(url, tl::unexpected(Error(ErrorKind::Offline, "`" + display + "` is not in the cache")));
      });
      return;
    }
    HttpRequest req;
    req.url = url;
    req.headers = std::move(headers);
    if (cached && !cached->etag.empty()) req.headers.push_back("If-None-Match: " + cached->etag);
    if (cached && !cached->last_modified.empty()) req.headers.push_back("If-Modified-Since: " + cached->last_modified);
    transport->submit(std::move(req), [this, url, display, kind, local, parse = std::move(parse),
                                       cached = std::move(cached),
                                       cached_doc = std::move(cached_doc)](HttpResponse&& resp) mutable {
      if (!resp.error.empty()) {
        complete_doc(url, tl::unexpected(Error(ErrorKind::Network, resp.error + " (" + display + ", " +
                                                                       std::to_string(resp.attempts) + " attempts)")));
        return;
      }
      std::int64_t max_age = detail::parse_max_age(resp.cache_control).value_or(opts.default_max_age);
      if (resp.status == 304 && cached) {
        ++counters.revalidated;
        if (cache) {
          if (auto r = cache->refresh(display, now_seconds(), max_age, resp.etag.empty() ? cached->etag : resp.etag,
                                      resp.last_modified.empty() ? cached->last_modified : resp.last_modified);
              !r)
            warn(r.error().describe());
        }
        complete_doc(url, DocResult{cached->status, cached_doc.value_or(Parsed{})});
        return;
      }
      if (resp.status == 404 || resp.status == 410) {
        if (cache && !local) {
          auto ttl = detail::parse_max_age(resp.cache_control).value_or(opts.not_found_max_age);
          cache::Entry e{display, kind, 404, resp.etag, resp.last_modified, now_seconds(), ttl, {}};
          if (auto r = cache->put(e); !r) warn(r.error().describe());
        }
        complete_doc(url, DocResult{404, {}});
        return;
      }
      if (resp.status != 200) {
        complete_doc(url, tl::unexpected(Error(ErrorKind::Http, "HTTP " + std::to_string(resp.status) + " from " +
                                                                    display + " after " +
                                                                    std::to_string(resp.attempts) + " attempts")));
        return;
      }
      ++counters.parsed;
      auto doc = parse(resp);
      if (!doc) {
        complete_doc(url, tl::unexpected(std::move(doc.error()).with_context("while reading " + display)));
        return;
      }
      if (cache && !local) {
        cache::Entry e{display, kind, 200, resp.etag, resp.last_modified, now_seconds(), max_age, encode(*doc)};
        if (auto r = cache->put(e); !r) warn(r.error().describe());
        collect_cache_warnings();
      }
      complete_doc(url, DocResult{200, std::move(*doc)});
    });
  }

  // ---------------------------------------------------------------- projects

  DocParser project_parser(const IndexBase& base, const PackageName& name) {
    if (base.kind == IndexKind::Simple) {
      return [name](const HttpResponse& r) -> Result<Parsed> {
        auto ct = lower(r.content_type);
        std::string_view body(r.body);
        auto first = body.find_first_not_of(" \t\r\n");
        // The body decides when it is unambiguous (servers mislabel pages); the Content-Type otherwise.
        bool json = first != std::string_view::npos && body[first] == '{';
        if (first == std::string_view::npos || (body[first] != '{' && body[first] != '<'))
          json = ct.find("json") != std::string::npos;
        auto page = r.effective_url.empty() ? std::string() : r.effective_url;
        auto p = json ? parse_simple_json(body, name, page) : parse_simple_html(body, name, page);
        if (!p) return tl::unexpected(p.error());
        return parsed(cache::ProjectRecord{std::move(*p), std::nullopt});
      };
    }
    return [name](const HttpResponse& r) -> Result<Parsed> {
      auto rec = parse_pypi_project_json(r.body, r.effective_url);
      if (!rec) return tl::unexpected(rec.error());
      if (rec->project.name != name) {
        return fail(ErrorKind::Parse, "asked for `" + name.str() + "` but the document describes `" +
                                          rec->project.name.str() + "`");
      }
      return parsed(std::move(*rec));
    };
  }

  void complete_project(const PackageName& name, Result<ProjectPtr> r) {
    auto& slot = projects[name];
    slot.done = true;
    slot.result = std::move(r);
    auto waiters = std::move(slot.waiters);
    slot.waiters.clear();
    for (auto& w : waiters) w();
  }

  void start_project(const PackageName& name) {
    if (projects.count(name)) return;
    projects[name];
    try_index(name, 0);
  }

  void try_index(const PackageName& name, std::size_t i) {
    if (i >= bases.size()) {
      std::string where;
      for (const auto& b : bases) where += (where.empty() ? "" : ", ") + b.display;
      complete_project(name, tl::unexpected(Error(ErrorKind::NotFound, "no index has a project named `" +
                                                                           name.str() + "` (searched " + where + ")")));
      return;
    }
    const auto& base = bases[i];
    std::vector<std::string> headers;
    if (base.kind == IndexKind::Simple) headers.emplace_back(kSimpleAccept);
    fetch_doc(project_url(base, name), cache::EntryKind::Project, std::move(headers), project_parser(base, name),
              [this, name, i](const Result<DocResult>& r) {
                if (!r) {
                  complete_project(name, tl::unexpected(Error(r.error()).with_context(
                                             "while fetching `" + name.str() + "` from " + bases[i].display)));
                  return;
                }
                if (r->status == 404) {
                  try_index(name, i + 1);
                  return;
                }
                projects[name].index_pos = i;
                complete_project(name, r->doc.project);
              });
  }

  void when_project(const PackageName& name, std::function<void()> fn) {
    start_project(name);
    auto& slot = projects[name];
    if (slot.done) transport->post(std::move(fn));
    else slot.waiters.push_back(std::move(fn));
  }

  // ---------------------------------------------------------------- metadata

  static std::string meta_key(const PackageName& name, const pep440::Version& v) {
    return name.str() + "==" + v.to_string();
  }

  void complete_meta(const std::string& key, Result<MetaPtr> r) {
    auto& slot = metas[key];
    slot.done = true;
    slot.result = std::move(r);
  }

  void start_metadata(const PackageName& name, const pep440::Version& version) {
    auto key = meta_key(name, version);
    if (metas.count(key)) return;
    metas[key];
    when_project(name, [this, name, version, key] {
      auto& ps = projects[name];
      if (!ps.result) {
        complete_meta(key, tl::unexpected(ps.result.error()));
        return;
      }
      ProjectPtr rec = *ps.result;
      const Release* release = nullptr;
      for (const auto& r : rec->project.releases)
        if (r.version == version) release = &r;
      if (!release) {
        complete_meta(key, tl::unexpected(Error(ErrorKind::NotFound, "`" + name.str() + "` has no release `" +
                                                                         version.to_string() + "`")));
        return;
      }
      std::optional<CoreMetadata> fallback;
      if (rec->latest && rec->latest->version == version) {
        if (rec->latest->requires_dist) {
          complete_meta(key, std::make_shared<const CoreMetadata>(*rec->latest));
          return;
        }
        fallback = *rec->latest;
      }
      const auto& base = bases[ps.index_pos];
      if (base.kind == IndexKind::Simple) {
        pep658(key, name, version, rec, *release, rec, std::move(fallback));
        return;
      }
      DocParser parse = [](const HttpResponse& r) -> Result<Parsed> {
        auto m = parse_pypi_version_json(r.body);
        if (!m) return tl::unexpected(m.error());
        return parsed(std::move(*m));
      };
      fetch_doc(version_url(base, name, release->version_text), cache::EntryKind::Version, {}, std::move(parse),
                [this, key, name, version, rec, release, fallback, pos = ps.index_pos](const Result<DocResult>& r) mutable {
                  if (!r) {
                    complete_meta(key, tl::unexpected(Error(r.error()).with_context(
                                           "while fetching metadata of `" + name.str() + "` " + version.to_string())));
                    return;
                  }
                  if (r->status == 200) {
                    CoreMetadata m = *r->doc.meta;
                    if (m.requires_dist) {
                      m.name = name;
                      m.version = version;
                      complete_meta(key, std::make_shared<const CoreMetadata>(std::move(m)));
                      return;
                    }
                    if (!fallback) fallback = std::move(m);
                  }
                  // requires_dist null (or no version document): PEP 658 metadata, hashes from the Simple API.
                  bool advertised = false;
                  for (const auto& f : release->files) advertised = advertised || f.has_core_metadata;
                  const auto& b = bases[pos];
                  if (advertised || b.kind != IndexKind::JsonApi) {
                    pep658(key, name, version, rec, *release, rec, std::move(fallback));
                    return;
                  }
                  sibling_simple(key, name, version, rec, b, std::move(fallback));
                });
    });
  }

  // The JSON API does not advertise PEP 658 hashes; the same host's Simple API (".../simple/") does.
  void sibling_simple(const std::string& key, const PackageName& name, const pep440::Version& version, ProjectPtr rec,
                      const IndexBase& json_base, std::optional<CoreMetadata> fallback) {
    IndexBase simple{IndexKind::Simple, json_base.url.substr(0, json_base.url.size() - 5) + "/simple", {}};
    simple.display = redact_url(simple.url);
    fetch_doc(project_url(simple, name), cache::EntryKind::Project, {kSimpleAccept}, project_parser(simple, name),
              [this, key, name, version, rec, fallback](const Result<DocResult>& r) mutable {
                ProjectPtr page;
                if (r && r->status == 200) page = r->doc.project;
                if (!page) {
                  finish_unknown(key, name, version, *rec, std::move(fallback));
                  return;
                }
                const Release* rel = nullptr;
                for (const auto& x : page->project.releases)
                  if (x.version == version) rel = &x;
                if (!rel) {
                  finish_unknown(key, name, version, *rec, std::move(fallback));
                  return;
                }
                pep658(key, name, version, page, *rel, rec, std::move(fallback));
              });
  }

  void finish_unknown(const std::string& key, const PackageName& name, const pep440::Version& version,
                      const cache::ProjectRecord& rec, std::optional<CoreMetadata> fallback) {
    CoreMetadata m;
    if (fallback) {
      m = std::move(*fallback);
    } else {
      m.requires_python.clear();
      for (const auto& r : rec.project.releases)
        if (r.version == version)
          for (const auto& f : r.files)
            if (!f.requires_python.empty()) m.requires_python = f.requires_python;
    }
    m.name = name;
    m.version = version;
    complete_meta(key, std::make_shared<const CoreMetadata>(std::move(m)));
  }

  // `holder` keeps `release` alive; `rec` is the project as the resolver sees it.
  void pep658(const std::string& key, const PackageName& name, const pep440::Version& version, ProjectPtr holder,
              const Release& release, ProjectPtr rec, std::optional<CoreMetadata> fallback) {
    const DistFile* pick = nullptr;
    for (const auto& f : release.files)
      if (f.has_core_metadata && !f.url.empty() && (!pick || (is_wheel(f) && !is_wheel(*pick)))) pick = &f;
    if (!pick) {
      finish_unknown(key, name, version, *rec, std::move(fallback));
      return;
    }
    std::string url = pick->url;
    auto frag = url.find('#');
    if (frag != std::string::npos) url.resize(frag);
    url += ".metadata";
    std::string want = pick->core_metadata_sha256;
    std::string display = redact_url(url);
    DocParser parse = [want, display](const HttpResponse& r) -> Result<Parsed> {
      if (!want.empty()) {
        auto got = detail::sha256_hex(r.body);
        if (got != want)
          return fail(ErrorKind::Parse, "sha256 of " + display + " is " + got + ", the index advertised " + want);
      }
      auto m = parse_core_metadata(r.body);
      if (!m) return tl::unexpected(m.error());
      return parsed(std::move(*m));
    };
    (void)holder;
    fetch_doc(url, cache::EntryKind::CoreMetadataFile, {}, std::move(parse),
              [this, key, name, version, rec, fallback, holder](const Result<DocResult>& r) mutable {
                if (!r) {
                  complete_meta(key, tl::unexpected(Error(r.error()).with_context(
                                         "while fetching metadata of `" + name.str() + "` " + version.to_string())));
                  return;
                }
                if (r->status != 200) {
                  finish_unknown(key, name, version, *rec, std::move(fallback));
                  return;
                }
                CoreMetadata m = *r->doc.meta;
                m.name = name;
                m.version = version;
                complete_meta(key, std::make_shared<const CoreMetadata>(std::move(m)));
              });
  }
};

IndexClient::IndexClient(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
IndexClient::~IndexClient() = default;

Result<std::unique_ptr<IndexClient>> IndexClient::create(IndexOptions options) {
  auto impl = std::make_unique<Impl>();
  if (options.index_urls.empty()) return fail(ErrorKind::Input, "no index URL given");
  for (const auto& u : options.index_urls) {
    auto l = lower(u);
    if (l.rfind("http://", 0) != 0 && l.rfind("https://", 0) != 0 && l.rfind("file://", 0) != 0)
      return fail(ErrorKind::Input, "index URL `" + redact_url(u) + "` must start with https://, http:// or file://");
    impl->bases.push_back(classify(u));
  }
  if (options.use_cache) {
    auto dir = options.cache_dir.empty() ? cache::default_cache_dir() : options.cache_dir;
    std::vector<std::string> warnings;
    auto c = cache::MetadataCache::open(dir, &warnings);
    for (auto& w : warnings) impl->warn(std::move(w));
    if (c) {
      impl->cache = std::move(*c);
    } else if (options.offline) {
      return tl::unexpected(Error(c.error()).with_context("offline mode needs the cache"));
    } else {
      impl->warn(c.error().describe() + "; continuing without a cache");
    }
  }
  detail::TransportOptions t;
  t.max_parallel = options.max_parallel;
  t.max_retries = options.max_retries;
  t.backoff_base = std::chrono::milliseconds(options.retry_base_ms);
  t.connect_timeout = std::chrono::milliseconds(options.connect_timeout_ms);
  t.low_speed_seconds = options.low_speed_seconds;
  t.ca_bundle = options.ca_bundle;
  t.user_agent = std::string("pinreqs/") + PINREQS_VERSION;
  impl->transport = std::make_unique<detail::Transport>(std::move(t));
  impl->opts = std::move(options);
  return std::unique_ptr<IndexClient>(new IndexClient(std::move(impl)));
}

Result<std::shared_ptr<const ProjectIndex>> IndexClient::project(const PackageName& name) {
  auto& im = *impl_;
  im.start_project(name);
  auto& slot = im.projects[name];
  im.transport->run_until([&] { return slot.done; });
  if (!slot.done) return fail(ErrorKind::Internal, "fetching `" + name.str() + "` stalled");
  if (!slot.result) return tl::unexpected(slot.result.error());
  // Aliasing constructor: the ProjectIndex lives inside the shared record.
  const auto& rec = *slot.result;
  return std::shared_ptr<const ProjectIndex>(rec, &rec->project);
}

Result<std::shared_ptr<const CoreMetadata>> IndexClient::metadata(const PackageName& name,
                                                                  const pep440::Version& version) {
  auto& im = *impl_;
  im.start_metadata(name, version);
  auto& slot = im.metas[Impl::meta_key(name, version)];
  im.transport->run_until([&] { return slot.done; });
  if (!slot.done) return fail(ErrorKind::Internal, "fetching metadata of `" + name.str() + "` stalled");
  return slot.result;
}

void IndexClient::prefetch_projects(std::span<const PackageName> names) {
  for (const auto& n : names) impl_->start_project(n);
  impl_->transport->poke();
}

void IndexClient::prefetch_metadata(std::span<const std::pair<PackageName, pep440::Version>> releases) {
  for (const auto& [n, v] : releases) impl_->start_metadata(n, v);
  impl_->transport->poke();
}

void IndexClient::prefetch_best_metadata(const PackageName& name, const pep440::SpecifierSet& spec) {
  Impl* im = impl_.get();
  im->when_project(name, [im, name, spec] {
    const auto& ps = im->projects[name];
    if (!ps.result) return;
    const ProjectIndex& project = (*ps.result)->project;
    for (auto it = project.releases.rbegin(); it != project.releases.rend(); ++it) {  // newest first
      if (it->version.is_prerelease() || !spec.contains(it->version, true)) continue;
      const bool all_yanked = !it->files.empty() && std::all_of(it->files.begin(), it->files.end(),
                                                                [](const DistFile& f) { return f.yanked; });
      if (all_yanked) continue;
      im->start_metadata(name, it->version);
      return;
    }
  });
  im->transport->poke();
}

void IndexClient::wait_all() {
  impl_->transport->run_until([] { return false; });
}

IndexStats IndexClient::stats() const {
  IndexStats s = impl_->counters;
  auto t = impl_->transport->stats();
  s.requests = t.requests;
  s.retries = t.retries;
  s.file_reads = t.file_reads;
  s.bytes = t.bytes;
  return s;
}

std::vector<std::string> IndexClient::take_warnings() { return std::exchange(impl_->warnings, {}); }

}  // namespace pinreqs::index
