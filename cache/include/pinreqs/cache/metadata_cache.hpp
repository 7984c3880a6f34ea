#pragma once
// The on-disk metadata cache: one SQLite file (WAL mode) holding, per fetched URL, the HTTP validators, the
// freshness lifetime and the PARSED document as a compact blob (see codec.hpp). Safe for two processes at once
// (busy timeout + short transactions). A corrupt or truncated file is moved aside and rebuilt with a warning.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pinreqs/common/error.hpp"

namespace pinreqs::cache {

// $PINREQS_CACHE_DIR, else $XDG_CACHE_HOME/pinreqs, else ~/.cache/pinreqs.
std::filesystem::path default_cache_dir();
// The database file inside a cache dir.
std::filesystem::path database_path(const std::filesystem::path& dir);

enum class EntryKind : std::uint8_t { Project = 1, Version = 2, CoreMetadataFile = 3 };

struct Entry {
  std::string key;            // the request URL, redacted (never carries credentials)
  EntryKind kind = EntryKind::Project;
  int status = 200;           // 200 (blob holds the parsed document) or 404 (the index has no such document)
  std::string etag;
  std::string last_modified;
  std::int64_t fetched_at = 0;  // Unix seconds of the last 200/304
  std::int64_t max_age = 0;     // seconds the response stays fresh after fetched_at
  std::string blob;

  [[nodiscard]] bool fresh(std::int64_t now) const noexcept { return now < fetched_at + max_age; }
};

struct Stats {
  std::filesystem::path dir;
  std::filesystem::path file;
  std::uint64_t entries = 0;
  std::uint64_t projects = 0;
  std::uint64_t bytes = 0;  // database file plus WAL on disk
};

class MetadataCache {
 public:
  // Opens (creating the dir and file when needed). Problems that were repaired (corrupt file moved aside,
  // schema rebuilt) are appended to `warnings`.
  static Result<std::unique_ptr<MetadataCache>> open(const std::filesystem::path& dir,
                                                     std::vector<std::string>* warnings = nullptr);
  ~MetadataCache();
  MetadataCache(const MetadataCache&) = delete;
  MetadataCache& operator=(const MetadataCache&) = delete;

  Result<std::optional<Entry>> get(std::string_view key);
  Result<void> put(const Entry& entry);
  // A 304: the stored blob stays, the validators and lifetime are renewed.
  Result<void> refresh(std::string_view key, std::int64_t fetched_at, std::int64_t max_age,
                       std::string_view etag, std::string_view last_modified);
  // Several puts in one transaction (much faster than one transaction each).
  Result<void> put_many(const std::vector<Entry>& entries);
  Result<Stats> stats();

  [[nodiscard]] const std::filesystem::path& dir() const noexcept;
  // Warnings produced after open (e.g. corruption found while reading, then repaired).
  std::vector<std::string> take_warnings();

  struct Impl;

 private:
  explicit MetadataCache(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// For `pinreqs cache info`: stats without keeping the cache open (zeros when it does not exist).
Result<Stats> stats(const std::filesystem::path& dir);
// For `pinreqs cache clean`: removes the database files of the dir; returns the bytes freed.
Result<std::uint64_t> clean(const std::filesystem::path& dir);

}  // namespace pinreqs::cache
