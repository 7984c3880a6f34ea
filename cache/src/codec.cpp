// Binary blobs for parsed metadata: varints and length-prefixed strings, one format version byte up front.
#include "pinreqs/cache/codec.hpp"

#include <cstdint>

namespace pinreqs::cache {
namespace {

constexpr unsigned char kFormat = 1;
constexpr unsigned char kProjectTag = 'P';
constexpr unsigned char kMetadataTag = 'M';

class Writer {
 public:
  void u(std::uint64_t v) {
    while (v >= 0x80) {
      out_.push_back(static_cast<char>((v & 0x7f) | 0x80));
      v >>= 7;
    }
    out_.push_back(static_cast<char>(v));
  }
  void s(std::string_view v) {
    u(v.size());
    out_.append(v);
  }
  void byte(unsigned char b) { out_.push_back(static_cast<char>(b)); }
  void opt_u(const std::optional<std::uint64_t>& v) {
    byte(v ? 1 : 0);
    if (v) u(*v);
  }
  void opt_i(const std::optional<std::int64_t>& v) {
    byte(v ? 1 : 0);
    if (v) u(static_cast<std::uint64_t>(*v));
  }
  void strings(const std::vector<std::string>& v) {
    u(v.size());
    for (const auto& x : v) s(x);
  }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool ok() const noexcept { return ok_; }
  bool at_end() const noexcept { return pos_ == in_.size(); }
  std::uint64_t u() {
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= in_.size()) return fail();
      auto b = static_cast<unsigned char>(in_[pos_++]);
      v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) return v;
    }
    return fail();
  }
  unsigned char byte() {
    if (pos_ >= in_.size()) return static_cast<unsigned char>(fail());
    return static_cast<unsigned char>(in_[pos_++]);
  }
  std::string s() {
    auto n = u();
    if (!ok_ || n > in_.size() - pos_) {
      fail();
      return {};
    }
    std::string r(in_.substr(pos_, n));
    pos_ += n;
    return r;
  }
  std::optional<std::uint64_t> opt_u() {
    if (byte() == 0) return std::nullopt;
    return u();
  }
  std::optional<std::int64_t> opt_i() {
    if (byte() == 0) return std::nullopt;
    return static_cast<std::int64_t>(u());
  }
  std::vector<std::string> strings() {
    auto n = u();
    std::vector<std::string> r;
    if (n > in_.size()) {
      fail();
      return r;
    }
    r.reserve(n);
    for (std::uint64_t i = 0; i < n && ok_; ++i) r.push_back(s());
    return r;
  }
  std::uint64_t fail() {
    ok_ = false;
    pos_ = in_.size();
    return 0;
  }

 private:
  std::string_view in_;
  std::size_t pos_ = 0;
  bool ok_ = true;
};

void write_metadata(Writer& w, const CoreMetadata& m) {
  w.s(m.name.str());
  w.s(m.version.to_string());
  w.byte(m.requires_dist ? 1 : 0);
  if (m.requires_dist) w.strings(*m.requires_dist);
  w.s(m.requires_python);
  w.strings(m.provides_extra);
}

bool read_version(Reader& r, pep440::Version& out) {
  auto text = r.s();
  if (!r.ok()) return false;
  auto v = pep440::Version::parse(text);
  if (!v) return false;
  out = std::move(*v);
  return true;
}

bool read_metadata(Reader& r, CoreMetadata& m) {
  m.name = PackageName::from_trusted(r.s());
  if (!read_version(r, m.version)) return false;
  if (r.byte() != 0) m.requires_dist = r.strings();
  m.requires_python = r.s();
  m.provides_extra = r.strings();
  return r.ok();
}

Error corrupt(std::string_view what) {
  return Error(ErrorKind::Cache, "cached " + std::string(what) + " blob is malformed or of another format");
}

}  // namespace

std::string encode(const ProjectRecord& record) {
  Writer w;
  w.byte(kFormat);
  w.byte(kProjectTag);
  const auto& p = record.project;
  w.s(p.name.str());
  w.s(p.display_name);
  w.u(p.releases.size());
  for (const auto& rel : p.releases) {
    w.s(rel.version_text);
    w.u(rel.files.size());
    for (const auto& f : rel.files) {
      w.s(f.filename);
      w.s(f.url);
      w.s(f.sha256);
      w.opt_u(f.size);
      w.s(f.requires_python);
      w.byte(static_cast<unsigned char>((f.yanked ? 1 : 0) | (f.has_core_metadata ? 2 : 0)));
      w.s(f.yanked_reason);
      w.opt_i(f.upload_time);
      w.s(f.core_metadata_sha256);
    }
  }
  w.byte(record.latest ? 1 : 0);
  if (record.latest) write_metadata(w, *record.latest);
  return w.take();
}

std::string encode(const CoreMetadata& metadata) {
  Writer w;
  w.byte(kFormat);
  w.byte(kMetadataTag);
  write_metadata(w, metadata);
  return w.take();
}

Result<ProjectRecord> decode_project(std::string_view blob) {
  Reader r(blob);
  if (r.byte() != kFormat || r.byte() != kProjectTag) return tl::unexpected(corrupt("project"));
  ProjectRecord rec;
  auto& p = rec.project;
  p.name = PackageName::from_trusted(r.s());
  p.display_name = r.s();
  auto nrel = r.u();
  if (nrel > blob.size()) return tl::unexpected(corrupt("project"));
  p.releases.reserve(nrel);
  for (std::uint64_t i = 0; i < nrel && r.ok(); ++i) {
    Release rel;
    rel.version_text = r.s();
    auto v = pep440::Version::parse(rel.version_text);
    if (!v) return tl::unexpected(corrupt("project"));
    rel.version = std::move(*v);
    auto nfiles = r.u();
    if (nfiles > blob.size()) return tl::unexpected(corrupt("project"));
    rel.files.reserve(nfiles);
    for (std::uint64_t j = 0; j < nfiles && r.ok(); ++j) {
      DistFile f;
      f.filename = r.s();
      f.url = r.s();
      f.sha256 = r.s();
      f.size = r.opt_u();
      f.requires_python = r.s();
      auto flags = r.byte();
      f.yanked = (flags & 1) != 0;
      f.has_core_metadata = (flags & 2) != 0;
      f.yanked_reason = r.s();
      f.upload_time = r.opt_i();
      f.core_metadata_sha256 = r.s();
      rel.files.push_back(std::move(f));
    }
    p.releases.push_back(std::move(rel));
  }
  if (r.byte() != 0) {
    CoreMetadata m;
    if (!read_metadata(r, m)) return tl::unexpected(corrupt("project"));
    rec.latest = std::move(m);
  }
  if (!r.ok() || !r.at_end()) return tl::unexpected(corrupt("project"));
  return rec;
}

Result<CoreMetadata> decode_metadata(std::string_view blob) {
  Reader r(blob);
  if (r.byte() != kFormat || r.byte() != kMetadataTag) return tl::unexpected(corrupt("metadata"));
  CoreMetadata m;
  if (!read_metadata(r, m) || !r.at_end()) return tl::unexpected(corrupt("metadata"));
  return m;
}

}  // namespace pinreqs::cache
