// The SQLite store. One connection per MetadataCache; WAL so readers never block the writer of another process;
// busy_timeout so two processes wait for each other instead of failing; schema versioned by PRAGMA user_version.
#include "pinreqs/cache/metadata_cache.hpp"

#include <sqlite3.h>

#include <chrono>
#include <cstdlib>
#include <system_error>

namespace pinreqs::cache {
namespace fs = std::filesystem;

namespace {

constexpr int kSchemaVersion = 1;
constexpr const char* kFileName = "pinreqs-cache.sqlite3";

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS entries(
  key TEXT PRIMARY KEY,
  kind INTEGER NOT NULL,
  status INTEGER NOT NULL,
  etag TEXT NOT NULL,
  last_modified TEXT NOT NULL,
  fetched_at INTEGER NOT NULL,
  max_age INTEGER NOT NULL,
  blob BLOB NOT NULL
);
)sql";

bool is_corruption(int rc) {
  int primary = rc & 0xff;
  return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB;
}

struct Stmt {
  sqlite3_stmt* s = nullptr;
  ~Stmt() { sqlite3_finalize(s); }
};

std::uint64_t file_size_or_zero(const fs::path& p) {
  std::error_code ec;
  auto n = fs::file_size(p, ec);
  return ec ? 0 : n;
}

}  // namespace

fs::path default_cache_dir() {
  if (const char* d = std::getenv("PINREQS_CACHE_DIR"); d && *d) return fs::path(d);
  if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x) return fs::path(x) / "pinreqs";
  if (const char* h = std::getenv("HOME"); h && *h) return fs::path(h) / ".cache" / "pinreqs";
  return fs::temp_directory_path() / "pinreqs-cache";
}

fs::path database_path(const fs::path& dir) { return dir / kFileName; }

struct MetadataCache::Impl {
  fs::path dir;
  fs::path file;
  sqlite3* db = nullptr;
  sqlite3_stmt* get = nullptr;
  sqlite3_stmt* put = nullptr;
  sqlite3_stmt* refresh = nullptr;
  std::vector<std::string> warnings;

  ~Impl() { close(); }

  void close() {
    sqlite3_finalize(get);
    sqlite3_finalize(put);
    sqlite3_finalize(refresh);
    get = put = refresh = nullptr;
    if (db) sqlite3_close(db);
    db = nullptr;
  }

  Error err(std::string_view what) const {
    return Error(ErrorKind::Cache, std::string(what) + ": " + (db ? sqlite3_errmsg(db) : "cannot open database") +
                                       " (cache file " + file.string() + ")");
  }

  int exec(const char* sql) { return sqlite3_exec(db, sql, nullptr, nullptr, nullptr); }

  // Opens and checks the file; returns an SQLite result code (corruption codes make the caller rebuild).
  int try_open() {
    close();
    int rc = sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                             nullptr);
    if (rc != SQLITE_OK) return rc;
    sqlite3_busy_timeout(db, 10000);
    // Reading the header and schema detects a file that is not a database at all.
    int version = 0;
    {
      Stmt st;
      rc = sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st.s, nullptr);
      if (rc != SQLITE_OK) return rc;
      rc = sqlite3_step(st.s);
      if (rc != SQLITE_ROW) return rc;
      version = sqlite3_column_int(st.s, 0);
    }
    // A truncated file: fewer bytes than the pages the header claims (only meaningful with no WAL pending).
    {
      Stmt st;
      rc = sqlite3_prepare_v2(db, "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()", -1,
                              &st.s, nullptr);
      if (rc != SQLITE_OK) return rc;
      rc = sqlite3_step(st.s);
      if (rc != SQLITE_ROW) return rc;
      auto expected = static_cast<std::uint64_t>(sqlite3_column_int64(st.s, 0));
      std::error_code ec;
      bool wal_pending = fs::exists(fs::path(file.string() + "-wal"), ec) &&
                         file_size_or_zero(fs::path(file.string() + "-wal")) > 0;
      if (!wal_pending && file_size_or_zero(file) < expected) return SQLITE_CORRUPT;
    }
    {
      Stmt st;
      rc = sqlite3_prepare_v2(db, "PRAGMA journal_mode=WAL", -1, &st.s, nullptr);
      if (rc != SQLITE_OK) return rc;
      rc = sqlite3_step(st.s);
      if (rc != SQLITE_ROW) return rc;
    }
    exec("PRAGMA synchronous=NORMAL");
    if (version != kSchemaVersion) {
      rc = exec("BEGIN IMMEDIATE");
      if (rc != SQLITE_OK) return rc;
      // Re-read under the write lock: another process may have just migrated.
      {
        Stmt st;  // finalized before DROP TABLE (a pending statement would lock the table)
        sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st.s, nullptr);
        if (sqlite3_step(st.s) == SQLITE_ROW) version = sqlite3_column_int(st.s, 0);
      }
      if (version != kSchemaVersion) {
        if (version != 0) warnings.push_back("cache schema " + std::to_string(version) + " is not " +
                                             std::to_string(kSchemaVersion) + ": rebuilding the cache");
        rc = exec("DROP TABLE IF EXISTS entries");
        if (rc == SQLITE_OK) rc = exec(kSchema);
        if (rc == SQLITE_OK) rc = exec(("PRAGMA user_version=" + std::to_string(kSchemaVersion)).c_str());
        if (rc != SQLITE_OK) {
          exec("ROLLBACK");
          return rc;
        }
      }
      rc = exec("COMMIT");
      if (rc != SQLITE_OK) return rc;
    }
    rc = sqlite3_prepare_v2(db,
                            "SELECT kind, status, etag, last_modified, fetched_at, max_age, blob FROM entries "
                            "WHERE key = ?1",
                            -1, &get, nullptr);
    if (rc != SQLITE_OK) return rc;
    rc = sqlite3_prepare_v2(db,
                            "INSERT INTO entries(key, kind, status, etag, last_modified, fetched_at, max_age, blob) "
                            "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT(key) DO UPDATE SET "
                            "kind=excluded.kind, status=excluded.status, etag=excluded.etag, "
                            "last_modified=excluded.last_modified, fetched_at=excluded.fetched_at, "
                            "max_age=excluded.max_age, blob=excluded.blob",
                            -1, &put, nullptr);
    if (rc != SQLITE_OK) return rc;
    rc = sqlite3_prepare_v2(db,
                            "UPDATE entries SET fetched_at=?2, max_age=?3, etag=?4, last_modified=?5 WHERE key=?1",
                            -1, &refresh, nullptr);
    return rc;
  }

  // Moves a damaged file aside and starts over.
  Result<void> rebuild(std::string_view why) {
    close();
    auto stamp = std::chrono::duration_cast<std::chrono::seconds>(
                     std::chrono::system_clock::now().time_since_epoch())
                     .count();
    fs::path aside = file.string() + ".corrupt-" + std::to_string(stamp);
    std::error_code ec;
    fs::rename(file, aside, ec);
    if (ec) fs::remove(file, ec);
    fs::remove(fs::path(file.string() + "-wal"), ec);
    fs::remove(fs::path(file.string() + "-shm"), ec);
    warnings.push_back("cache file " + file.string() + " was damaged (" + std::string(why) + "); moved it to " +
                       aside.filename().string() + " and started an empty cache");
    int rc = try_open();
    if (rc != SQLITE_OK) return tl::unexpected(err("cannot recreate the cache"));
    return {};
  }

  // After a failed statement: corruption is repaired, anything else is reported.
  Error on_failure(int rc, std::string_view what) {
    Error e = err(what);
    if (is_corruption(rc)) {
      auto r = rebuild(sqlite3_errstr(rc));
      if (!r) return r.error();
    }
    return e;
  }
};

MetadataCache::MetadataCache(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
MetadataCache::~MetadataCache() = default;

Result<std::unique_ptr<MetadataCache>> MetadataCache::open(const fs::path& dir, std::vector<std::string>* warnings) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return fail(ErrorKind::Cache, "cannot create the cache directory " + dir.string() + ": " + ec.message());
  auto impl = std::make_unique<Impl>();
  impl->dir = dir;
  impl->file = database_path(dir);
  int rc = impl->try_open();
  if (rc != SQLITE_OK) {
    if (is_corruption(rc) || rc == SQLITE_CANTOPEN) {
      if (auto r = impl->rebuild(sqlite3_errstr(rc)); !r) return tl::unexpected(r.error());
    } else {
      return tl::unexpected(impl->err("cannot open the cache"));
    }
  }
  if (warnings) {
    for (auto& w : impl->warnings) warnings->push_back(std::move(w));
    impl->warnings.clear();
  }
  return std::unique_ptr<MetadataCache>(new MetadataCache(std::move(impl)));
}

const fs::path& MetadataCache::dir() const noexcept { return impl_->dir; }

std::vector<std::string> MetadataCache::take_warnings() { return std::exchange(impl_->warnings, {}); }

Result<std::optional<Entry>> MetadataCache::get(std::string_view key) {
  auto* st = impl_->get;
  sqlite3_reset(st);
  sqlite3_bind_text(st, 1, key.data(), static_cast<int>(key.size()), SQLITE_STATIC);
  int rc = sqlite3_step(st);
  if (rc == SQLITE_DONE) {
    sqlite3_reset(st);
    return std::optional<Entry>();
  }
  if (rc != SQLITE_ROW) {
    sqlite3_reset(st);
    return tl::unexpected(impl_->on_failure(rc, "cannot read the cache"));
  }
  Entry e;
  e.key = std::string(key);
  e.kind = static_cast<EntryKind>(sqlite3_column_int(st, 0));
  e.status = sqlite3_column_int(st, 1);
  auto text = [&](int col) {
    const auto* p = sqlite3_column_text(st, col);
    return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(st, col)))
             : std::string();
  };
  e.etag = text(2);
  e.last_modified = text(3);
  e.fetched_at = sqlite3_column_int64(st, 4);
  e.max_age = sqlite3_column_int64(st, 5);
  const void* b = sqlite3_column_blob(st, 6);
  auto n = static_cast<std::size_t>(sqlite3_column_bytes(st, 6));
  if (b && n) e.blob.assign(static_cast<const char*>(b), n);
  sqlite3_reset(st);
  return std::optional<Entry>(std::move(e));
}

namespace {
int bind_and_step(sqlite3_stmt* st, const Entry& e) {
  sqlite3_reset(st);
  sqlite3_bind_text(st, 1, e.key.data(), static_cast<int>(e.key.size()), SQLITE_STATIC);
  sqlite3_bind_int(st, 2, static_cast<int>(e.kind));
  sqlite3_bind_int(st, 3, e.status);
  sqlite3_bind_text(st, 4, e.etag.data(), static_cast<int>(e.etag.size()), SQLITE_STATIC);
  sqlite3_bind_text(st, 5, e.last_modified.data(), static_cast<int>(e.last_modified.size()), SQLITE_STATIC);
  sqlite3_bind_int64(st, 6, e.fetched_at);
  sqlite3_bind_int64(st, 7, e.max_age);
  sqlite3_bind_blob(st, 8, e.blob.data(), static_cast<int>(e.blob.size()), SQLITE_STATIC);
  int rc = sqlite3_step(st);
  sqlite3_reset(st);
  return rc;
}
}  // namespace

Result<void> MetadataCache::put(const Entry& entry) { return put_many({entry}); }

Result<void> MetadataCache::put_many(const std::vector<Entry>& entries) {
  if (entries.empty()) return {};
  int rc = impl_->exec("BEGIN IMMEDIATE");
  if (rc != SQLITE_OK) return tl::unexpected(impl_->on_failure(rc, "cannot write the cache"));
  for (const auto& e : entries) {
    rc = bind_and_step(impl_->put, e);
    if (rc != SQLITE_DONE) {
      impl_->exec("ROLLBACK");
      return tl::unexpected(impl_->on_failure(rc, "cannot write the cache"));
    }
  }
  rc = impl_->exec("COMMIT");
  if (rc != SQLITE_OK) {
    impl_->exec("ROLLBACK");
    return tl::unexpected(impl_->on_failure(rc, "cannot write the cache"));
  }
  return {};
}

Result<void> MetadataCache::refresh(std::string_view key, std::int64_t fetched_at, std::int64_t max_age,
                                    std::string_view etag, std::string_view last_modified) {
  auto* st = impl_->refresh;
  sqlite3_reset(st);
  sqlite3_bind_text(st, 1, key.data(), static_cast<int>(key.size()), SQLITE_STATIC);
  sqlite3_bind_int64(st, 2, fetched_at);
  sqlite3_bind_int64(st, 3, max_age);
  sqlite3_bind_text(st, 4, etag.data(), static_cast<int>(etag.size()), SQLITE_STATIC);
  sqlite3_bind_text(st, 5, last_modified.data(), static_cast<int>(last_modified.size()), SQLITE_STATIC);
  int rc = sqlite3_step(st);
  sqlite3_reset(st);
  if (rc != SQLITE_DONE) return tl::unexpected(impl_->on_failure(rc, "cannot update the cache"));
  return {};
}

Result<Stats> MetadataCache::stats() {
  Stats s;
  s.dir = impl_->dir;
  s.file = impl_->file;
  Stmt st;
  int rc = sqlite3_prepare_v2(impl_->db, "SELECT count(*), coalesce(sum(kind = 1), 0) FROM entries", -1, &st.s,
                              nullptr);
  if (rc == SQLITE_OK) rc = sqlite3_step(st.s);
  if (rc != SQLITE_ROW) return tl::unexpected(impl_->on_failure(rc, "cannot read the cache"));
  s.entries = static_cast<std::uint64_t>(sqlite3_column_int64(st.s, 0));
  s.projects = static_cast<std::uint64_t>(sqlite3_column_int64(st.s, 1));
  s.bytes = file_size_or_zero(s.file) + file_size_or_zero(fs::path(s.file.string() + "-wal"));
  return s;
}

Result<Stats> stats(const fs::path& dir) {
  std::error_code ec;
  if (!fs::exists(database_path(dir), ec)) {
    Stats s;
    s.dir = dir;
    s.file = database_path(dir);
    return s;
  }
  auto c = MetadataCache::open(dir);
  if (!c) return tl::unexpected(c.error());
  return (*c)->stats();
}

Result<std::uint64_t> clean(const fs::path& dir) {
  std::uint64_t freed = 0;
  std::error_code ec;
  if (!fs::exists(dir, ec)) return freed;
  for (const auto& ent : fs::directory_iterator(dir, ec)) {
    auto name = ent.path().filename().string();
    if (name.rfind(kFileName, 0) != 0) continue;  // only our files: the db, its -wal/-shm, and moved-aside copies
    freed += file_size_or_zero(ent.path());
    fs::remove(ent.path(), ec);
    if (ec) return fail(ErrorKind::Io, "cannot remove " + ent.path().string() + ": " + ec.message());
  }
  return freed;
}

}  // namespace pinreqs::cache
