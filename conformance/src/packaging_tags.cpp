// pypa/packaging vectors for wheel tags and distribution filenames: tags.json (parse_tag, mac_binary_formats,
// mac_platforms, linux_platforms, supported_tags, wheel_compatibility) and the filename/version lists of
// utils.json (canonicalize_version, parse_wheel_filename, parse_sdist_filename). canonicalize_name is checked
// by the pep508 part. Every check derives its answer from the case's inputs only, so held-back cases of the
// same schema run through the same code.
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "pinreqs/conformance/json.hpp"
#include "pinreqs/conformance/suite.hpp"
#include "pinreqs/parsers/tags.hpp"
#include "pinreqs/parsers/target.hpp"
#include "pinreqs/parsers/wheel_filename.hpp"

namespace pinreqs::conformance {

namespace {

using wheel::Tag;

Json load(const std::filesystem::path& dir, const char* file) {
  return Json::load_corpus_file(dir, file, "packaging");
}

std::vector<std::string> strings(const Json& list) {
  std::vector<std::string> out;
  for (const auto& item : list.as_array()) out.push_back(item.as_string());
  return out;
}

std::string join(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i != 0) out += ", ";
    out += items[i];
  }
  return out + "]";
}

std::vector<std::string> tag_strings(const std::vector<Tag>& tags) {
  std::vector<std::string> out;
  out.reserve(tags.size());
  for (const auto& t : tags) out.push_back(t.to_string());
  return out;
}

// Compares two ordered lists; "" when equal, else where they first differ.
std::string diff_lists(const std::vector<std::string>& expected, const std::vector<std::string>& got) {
  if (expected == got) return "";
  std::size_t i = 0;
  while (i < expected.size() && i < got.size() && expected[i] == got[i]) ++i;
  std::string out = "lengths " + std::to_string(expected.size()) + " vs " + std::to_string(got.size()) +
                    "; first difference at index " + std::to_string(i) + ": expected ";
  out += i < expected.size() ? expected[i] : "<end>";
  out += ", got ";
  out += i < got.size() ? got[i] : "<end>";
  return out;
}

std::pair<int, int> version_pair(const Json& v) {
  return {static_cast<int>(v[0].as_int()), static_cast<int>(v[1].as_int())};
}

wheel::Libc libc_of(const Json& libc) {
  if (libc.is_null()) return wheel::Libc::None;
  if (libc.as_string() == "glibc") return wheel::Libc::Glibc;
  if (libc.as_string() == "musl") return wheel::Libc::Musl;
  throw std::runtime_error("unknown libc: " + libc.dump());
}

// A target descriptor of supported_tags / wheel_compatibility.
wheel::Target target_of(const Json& d) {
  wheel::Target t;
  const auto [major, minor] = version_pair(d["python_version"]);
  t.python = pep440::Version::from_release({static_cast<std::uint64_t>(major), static_cast<std::uint64_t>(minor)});
  const auto& impl = d["implementation"].as_string();
  if (impl == "cp") {
    t.implementation = wheel::Implementation::CPython;
  } else if (impl == "pp") {
    t.implementation = wheel::Implementation::PyPy;
  } else {
    throw std::runtime_error("unknown implementation: " + impl);
  }
  t.abis = strings(d["abis"]);
  const auto& os = d["os"].as_string();
  t.platform.arch = d["arch"].as_string();
  if (os == "linux") {
    t.platform.os = wheel::Os::Linux;
    t.platform.libc = libc_of(d["libc"]);
    if (t.platform.libc != wheel::Libc::None) {
      std::tie(t.platform.libc_major, t.platform.libc_minor) = version_pair(d["libc_version"]);
    }
  } else if (os == "macos") {
    t.platform.os = wheel::Os::Macos;
    t.platform.libc = wheel::Libc::None;
    std::tie(t.platform.macos_major, t.platform.macos_minor) = version_pair(d["macos_version"]);
  } else if (os == "windows") {
    t.platform.os = wheel::Os::Windows;
    t.platform.libc = wheel::Libc::None;
  } else {
    throw std::runtime_error("unknown os: " + os);
  }
  return t;
}

// Expected error class and message of a failing case, as "Class: message".
std::string expected_error(const Json& c) {
  return c["error"].as_string() + ": " + (c["error_message"].is_string() ? c["error_message"].as_string() : "");
}

void check_error(ListResult& list, const std::string& id, const Json& c, const std::string& got_class,
                 const std::string& got_message) {
  const bool class_ok = c["error"].as_string() == got_class;
  const bool message_ok = !c["error_message"].is_string() || c["error_message"].as_string() == got_message;
  if (class_ok && message_ok) {
    list.pass();
  } else {
    list.fail(id, "expected error " + expected_error(c) + "; got " + got_class + ": " + got_message);
  }
}

ListResult check_parse_tag(const Json& cases) {
  ListResult list;
  list.name = "tags.parse_tag";
  for (const auto& c : cases.as_array()) {
    const auto& input = c["input"].as_string();
    const bool validate = c["validate_order"].is_bool() && c["validate_order"].as_bool();
    const std::string id = input + (validate ? " (validate_order)" : "");
    auto got = wheel::parse_tag(input, validate);
    if (c["expected"].is_null()) {
      if (got) {
        list.fail(id, "expected " + expected_error(c) + "; got " + join(tag_strings(*got)));
        continue;
      }
      const char* cls = got.error().kind == wheel::TagError::Kind::UnsortedTags ? "UnsortedTagsError" : "InvalidTag";
      check_error(list, id, c, cls, got.error().message);
      continue;
    }
    if (!got) {
      list.fail(id, "expected " + join(strings(c["expected"])) + "; got error " + got.error().message);
      continue;
    }
    auto d = diff_lists(strings(c["expected"]), tag_strings(*got));
    if (d.empty()) {
      list.pass();
    } else {
      list.fail(id, d);
    }
  }
  return list;
}

ListResult check_mac_binary_formats(const Json& cases) {
  ListResult list;
  list.name = "tags.mac_binary_formats";
  for (const auto& c : cases.as_array()) {
    const auto [major, minor] = version_pair(c["version"]);
    const auto& arch = c["arch"].as_string();
    const std::string id = std::to_string(major) + "." + std::to_string(minor) + " " + arch;
    auto d = diff_lists(strings(c["expected"]), wheel::mac_binary_formats(major, minor, arch));
    if (d.empty()) {
      list.pass();
    } else {
      list.fail(id, d);
    }
  }
  return list;
}

ListResult check_mac_platforms(const Json& cases) {
  ListResult list;
  list.name = "tags.mac_platforms";
  for (const auto& c : cases.as_array()) {
    const auto [major, minor] = version_pair(c["version"]);
    const auto& arch = c["arch"].as_string();
    const std::string id = std::to_string(major) + "." + std::to_string(minor) + " " + arch;
    auto d = diff_lists(strings(c["expected"]), wheel::mac_platforms(major, minor, arch));
    if (d.empty()) {
      list.pass();
    } else {
      list.fail(id, d);
    }
  }
  return list;
}

ListResult check_linux_platforms(const Json& cases) {
  ListResult list;
  list.name = "tags.linux_platforms";
  for (const auto& c : cases.as_array()) {
    const auto& arch = c["arch"].as_string();
    const auto libc = libc_of(c["libc"]);
    const auto [major, minor] = version_pair(c["libc_version"]);
    const std::string id = arch + " " + c["libc"].as_string() + " " + std::to_string(major) + "." +
                           std::to_string(minor);
    auto d = diff_lists(strings(c["expected"]), wheel::linux_platforms(arch, libc, major, minor));
    if (d.empty()) {
      list.pass();
    } else {
      list.fail(id, d);
    }
  }
  return list;
}

ListResult check_supported_tags(const Json& cases) {
  ListResult list;
  list.name = "tags.supported_tags";
  for (const auto& c : cases.as_array()) {
    const std::string id = c["name"].is_string() ? c["name"].as_string() : c.dump();
    const auto target = target_of(c);
    if (c.contains("platforms")) {
      auto d = diff_lists(strings(c["platforms"]), wheel::platform_tags(target.platform));
      if (!d.empty()) {
        list.fail(id, "platforms: " + d);
        continue;
      }
    }
    auto d = diff_lists(strings(c["expected"]), tag_strings(wheel::supported_tags(target)));
    if (d.empty()) {
      list.pass();
    } else {
      list.fail(id, "tags: " + d);
    }
  }
  return list;
}

ListResult check_wheel_compatibility(const Json& cases) {
  ListResult list;
  list.name = "tags.wheel_compatibility";
  std::map<std::string, wheel::TagPriority> priorities;  // one per distinct target descriptor
  for (const auto& c : cases.as_array()) {
    const auto& filename = c["wheel"].as_string();
    const auto key = c["target"].dump();
    const std::string id = filename + " on " + (c["target"]["name"].is_string() ? c["target"]["name"].as_string() : key);
    auto it = priorities.find(key);
    if (it == priorities.end()) {
      it = priorities.emplace(key, wheel::TagPriority::for_target(target_of(c["target"]))).first;
    }
    auto parsed = wheel::WheelFilename::parse(filename);
    if (!parsed) {
      list.fail(id, "filename rejected: " + parsed.error().message);
      continue;
    }
    const auto rank = it->second.best_rank(*parsed);
    const bool expected_compatible = c["compatible"].as_bool();
    const std::optional<int> expected_rank =
        c["best_rank"].is_null() ? std::nullopt : std::optional<int>(static_cast<int>(c["best_rank"].as_int()));
    if (rank.has_value() == expected_compatible && rank == expected_rank) {
      list.pass();
    } else {
      auto show = [](std::optional<int> r) { return r ? std::to_string(*r) : std::string("none"); };
      list.fail(id, "expected rank " + show(expected_rank) + ", got " + show(rank));
    }
  }
  return list;
}

ListResult check_canonicalize_version(const Json& cases) {
  ListResult list;
  list.name = "utils.canonicalize_version";
  for (const auto& c : cases.as_array()) {
    const auto& input = c["input"].as_string();
    const bool strip = !c["strip_trailing_zero"].is_bool() || c["strip_trailing_zero"].as_bool();
    const auto got = wheel::canonicalize_version(input, strip);
    const auto& expected = c["expected"].as_string();
    if (got == expected) {
      list.pass();
    } else {
      list.fail(input + (strip ? "" : " (keep zeros)"), "expected " + expected + ", got " + got);
    }
  }
  return list;
}

ListResult check_parse_wheel_filename(const Json& cases) {
  ListResult list;
  list.name = "utils.parse_wheel_filename";
  for (const auto& c : cases.as_array()) {
    const auto& input = c["input"].as_string();
    const bool validate = c["validate_order"].is_bool() && c["validate_order"].as_bool();
    const std::string id = input + (validate ? " (validate_order)" : "");
    auto got = wheel::WheelFilename::parse(input, validate);
    const auto& e = c["expected"];
    if (e.is_null()) {
      if (got) {
        list.fail(id, "expected " + expected_error(c) + "; got a valid wheel");
      } else {
        check_error(list, id, c, "InvalidWheelFilename", got.error().message);
      }
      continue;
    }
    if (!got) {
      list.fail(id, "expected " + e.dump() + "; got error " + got.error().message);
      continue;
    }
    std::string problems;
    if (got->name.str() != e["name"].as_string()) problems += " name " + got->name.str() + ";";
    if (got->version.to_string() != e["version"].as_string()) problems += " version " + got->version.to_string() + ";";
    if (e["build"].is_null() != !got->build.has_value()) {
      problems += " build presence;";
    } else if (got->build) {
      if (static_cast<std::int64_t>(got->build->number) != e["build"][0].as_int() ||
          got->build->suffix != e["build"][1].as_string()) {
        problems += " build " + std::to_string(got->build->number) + got->build->suffix + ";";
      }
    }
    auto d = diff_lists(strings(e["tags"]), tag_strings(got->tags));
    if (!d.empty()) problems += " tags " + d + ";";
    if (problems.empty()) {
      list.pass();
    } else {
      list.fail(id, "expected " + e.dump() + "; got" + problems);
    }
  }
  return list;
}

ListResult check_parse_sdist_filename(const Json& cases) {
  ListResult list;
  list.name = "utils.parse_sdist_filename";
  for (const auto& c : cases.as_array()) {
    const auto& input = c["input"].as_string();
    auto got = wheel::SdistFilename::parse(input);
    const auto& e = c["expected"];
    if (e.is_null()) {
      if (got) {
        list.fail(input, "expected " + expected_error(c) + "; got a valid sdist");
      } else {
        check_error(list, input, c, "InvalidSdistFilename", got.error().message);
      }
      continue;
    }
    if (!got) {
      list.fail(input, "expected " + e.dump() + "; got error " + got.error().message);
      continue;
    }
    if (got->name.str() == e["name"].as_string() && got->version.to_string() == e["version"].as_string()) {
      list.pass();
    } else {
      list.fail(input, "expected " + e.dump() + "; got " + got->name.str() + " " + got->version.to_string());
    }
  }
  return list;
}

}  // namespace

SuiteResult run_packaging_tags(const std::filesystem::path& dir) {
  SuiteResult out;
  const Json tags = load(dir, "tags.json");
  out.push_back(check_parse_tag(tags["parse_tag"]));
  out.push_back(check_mac_binary_formats(tags["mac_binary_formats"]));
  out.push_back(check_mac_platforms(tags["mac_platforms"]));
  out.push_back(check_linux_platforms(tags["linux_platforms"]));
  out.push_back(check_supported_tags(tags["supported_tags"]));
  out.push_back(check_wheel_compatibility(tags["wheel_compatibility"]));

  const Json utils = load(dir, "utils.json");
  out.push_back(check_canonicalize_version(utils["canonicalize_version"]));
  out.push_back(check_parse_wheel_filename(utils["parse_wheel_filename"]));
  out.push_back(check_parse_sdist_filename(utils["parse_sdist_filename"]));
  return out;
}

}  // namespace pinreqs::conformance
