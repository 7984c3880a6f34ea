#include "pinreqs/analysis/wheel_matrix.hpp"

#include <algorithm>
#include <set>

#include "pinreqs/parsers/specifier.hpp"
#include "pinreqs/parsers/wheel_filename.hpp"

namespace pinreqs::analysis {

const char* to_string(Availability a) noexcept {
  switch (a) {
    case Availability::PureWheel: return "pure";
    case Availability::Abi3Wheel: return "abi3";
    case Availability::PlatformWheel: return "platform";
    case Availability::SdistOnly: return "sdist-only";
    case Availability::Nothing: return "none";
    case Availability::RequiresPython: return "requires-python";
    case Availability::YankedOnly: return "yanked";
  }
  return "?";
}

bool from_wheel(Availability a) noexcept {
  return a == Availability::PureWheel || a == Availability::Abi3Wheel || a == Availability::PlatformWheel;
}

std::string interpreter_tag(const wheel::Target& target) {
  const bool pypy = target.implementation == wheel::Implementation::PyPy;
  return std::string(pypy ? "pp" : "cp") + std::to_string(target.python.release_at(0)) +
         std::to_string(target.python.release_at(1));
}

namespace {

bool admits_python(const std::string& requires_python, const pep440::Version& python) {
  if (requires_python.empty()) return true;
  auto rp = pep440::SpecifierSet::parse(requires_python);
  if (!rp) return true;  // pip ignores an invalid Requires-Python
  // Compare as a final release (3.13 or 3.13.0), and admit pre-releases like pip does for the interpreter.
  return rp->contains(python, true);
}

bool is_pure(const wheel::WheelFilename& w) {
  return std::all_of(w.tags.begin(), w.tags.end(), [](const wheel::Tag& t) { return t.platform == "any"; });
}

bool is_abi3(const wheel::WheelFilename& w) {
  return std::any_of(w.tags.begin(), w.tags.end(), [](const wheel::Tag& t) { return t.abi == "abi3" || t.abi == "abi3t"; });
}

// "cp38–cp312" from the interpreter tags of wheels that did not fit.
std::string interpreter_range(const std::set<std::pair<int, std::string>>& seen) {
  if (seen.empty()) return "";
  if (seen.size() == 1) return seen.begin()->second;
  return seen.begin()->second + "–" + seen.rbegin()->second;
}

int interpreter_order(const std::string& tag) {
  // cp312 -> 312, cp39 -> 39 read as 3.9 -> 309; py3 -> 300.
  std::string digits;
  for (char c : tag)
    if (c >= '0' && c <= '9') digits += c;
  if (digits.empty()) return 0;
  if (digits.size() == 1) return (digits[0] - '0') * 100;
  return (digits[0] - '0') * 100 + std::stoi(digits.substr(1));
}

}  // namespace

ReleaseFit classify_release(const Release& release, const wheel::Target& target, const wheel::TagPriority& tags) {
  ReleaseFit fit;
  if (release.files.empty()) {
    fit.detail = "has no distribution files";
    return fit;
  }
  std::optional<DistFile> best_wheel, sdist, yanked_wheel, yanked_sdist;
  std::optional<int> best_rank, yanked_rank;
  std::string requires_python_seen;
  bool any_python = false;
  std::set<std::pair<int, std::string>> other_interpreters;  // of wheels that do not fit
  std::set<std::string> other_platforms;
  for (const auto& f : release.files) {
    const auto kind = wheel::classify_filename(f.filename);
    std::optional<wheel::WheelFilename> w;
    if (kind == wheel::FileKind::Wheel) {
      auto parsed = wheel::WheelFilename::parse(f.filename);
      if (parsed) {
        w = std::move(*parsed);
        if (!is_pure(*w)) fit.native_code = true;
      }
    }
    if (!admits_python(f.requires_python, target.python)) {
      requires_python_seen = f.requires_python;
      continue;
    }
    any_python = true;
    if (w) {
      const auto wf = tags.fit(*w);
      if (!wf.rank) {
        if (wf.reason == wheel::Incompatibility::Platform) {
          for (const auto& t : w->tags) other_platforms.insert(t.platform);
        } else {
          for (const auto& t : w->tags) other_interpreters.insert({interpreter_order(t.interpreter), t.interpreter});
        }
        continue;
      }
      auto& slot = f.yanked ? yanked_wheel : best_wheel;
      auto& rank = f.yanked ? yanked_rank : best_rank;
      if (!slot || *wf.rank < *rank) {
        slot = f;
        rank = wf.rank;
      }
    } else if (kind == wheel::FileKind::Sdist) {
      auto& slot = f.yanked ? yanked_sdist : sdist;
      if (!slot) slot = f;
    }
  }
  if (best_wheel) {
    auto w = wheel::WheelFilename::parse(best_wheel->filename);
    fit.availability = is_pure(*w) ? Availability::PureWheel
                       : is_abi3(*w) ? Availability::Abi3Wheel
                                     : Availability::PlatformWheel;
    fit.file = best_wheel;
    return fit;
  }
  const std::string tag = interpreter_tag(target);
  std::string no_wheel;
  if (!other_interpreters.empty())
    no_wheel = "has no " + tag + " wheel (wheels for " + interpreter_range(other_interpreters) + ")";
  else if (!other_platforms.empty())
    no_wheel = "has no wheel for " + wheel::describe(target.platform) + " (wheels for " +
               std::to_string(other_platforms.size()) + " other platform tag" + (other_platforms.size() == 1 ? "" : "s") + ")";
  else
    no_wheel = "has no wheel";
  if (sdist) {
    fit.availability = Availability::SdistOnly;
    fit.file = sdist;
    fit.detail = no_wheel + "; pip would build the sdist" + (fit.native_code ? " (compiled code: needs a compiler and headers)" : "");
    return fit;
  }
  if (yanked_wheel || yanked_sdist) {
    fit.availability = Availability::YankedOnly;
    fit.file = yanked_wheel ? yanked_wheel : yanked_sdist;
    fit.detail = "is yanked (pip installs it only for an exact == pin, with a warning)";
    return fit;
  }
  if (!any_python) {
    fit.availability = Availability::RequiresPython;
    fit.detail = "requires Python " + requires_python_seen + " (the target is Python " + target.python.to_string() + ")";
    return fit;
  }
  fit.availability = Availability::Nothing;
  fit.detail = no_wheel + " and no sdist";
  return fit;
}

WheelFix find_wheel_fix(const ProjectIndex& project, const pep440::Version& current, const wheel::Target& target,
                        const wheel::TagPriority& tags) {
  WheelFix fix;
  const bool allow_pre = current.is_prerelease();
  auto installs = [&](const Release& r) {
    if (r.version.is_prerelease() && !allow_pre) return false;
    return from_wheel(classify_release(r, target, tags).availability);
  };
  auto series = [](const pep440::Version& v) { return std::pair(v.release_at(0), v.release_at(1)); };
  // releases are ascending.
  const Release* first_newer = nullptr;
  for (const auto& r : project.releases) {
    if (!(current < r.version) || !installs(r)) continue;
    if (!first_newer) first_newer = &r;
    fix.newest = r.version;
  }
  if (first_newer) {
    fix.nearest = first_newer->version;
    for (const auto& r : project.releases)
      if (first_newer->version < r.version && series(r.version) == series(first_newer->version) && installs(r))
        fix.nearest = r.version;
  } else {
    for (const auto& r : project.releases)
      if (r.version < current && installs(r)) fix.older = r.version;
  }
  return fix;
}

}  // namespace pinreqs::analysis
