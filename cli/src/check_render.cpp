// Printing the `pinreqs check` report: a compact text report (fits 100 columns), JSON, GitHub annotations.
#include <algorithm>
#include <cstdio>

#include "check_model.hpp"
#include "json_writer.hpp"
#include "pinreqs/index/url.hpp"

namespace pinreqs::cli::check {

namespace {

using analysis::Availability;
using analysis::ImportStatus;

std::string pad(std::string s, std::size_t w) {
  // Width in code points (names are ASCII; "–"/"≈" may appear in prose, never in padded cells).
  if (s.size() > w) s = s.substr(0, w - 1) + "~";
  s.append(w - s.size(), ' ');
  return s;
}
std::string lpad(std::string s, std::size_t w) {
  if (s.size() < w) s.insert(0, w - s.size(), ' ');
  return s;
}

// Display width in code points (UTF-8 continuation bytes and colour escapes do not count).
std::size_t width(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\x1b') {
      while (i < s.size() && s[i] != 'm') ++i;
      continue;
    }
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ++n;
  }
  return n;
}

// Word-wraps `text` to 100 columns: the first line after `first` (already `width(first)` wide), the others
// indented by `hang` spaces.
std::string wrap(const std::string& first, const std::string& text, std::size_t hang) {
  constexpr std::size_t kWidth = 100;
  std::string out = first;
  std::size_t col = width(first);
  // Words; a size unit stays with its number ("≈ 797 MB" never breaks before "MB").
  std::vector<std::string> words;
  for (std::size_t pos = 0; pos < text.size();) {
    auto sp = text.find(' ', pos);
    if (sp == std::string::npos) sp = text.size();
    std::string word = text.substr(pos, sp - pos);
    pos = sp + 1;
    if (word.empty()) continue;
    const std::string bare = word.substr(0, word.find_first_of(",;.)"));
    if (!words.empty() && (bare == "B" || bare == "kB" || bare == "MB" || bare == "GB" || words.back() == "≈"))
      words.back() += " " + word;
    else words.push_back(std::move(word));
  }
  bool line_empty = true;
  for (const auto& word : words) {
    if (!line_empty && col + 1 + width(word) > kWidth) {
      out += "\n" + std::string(hang, ' ');
      col = hang;
      line_empty = true;
    }
    if (!line_empty) {
      out += ' ';
      ++col;
    }
    out += word;
    col += width(word);
    line_empty = false;
  }
  return out + "\n";
}

std::string label(std::size_t ti) { return "[" + std::to_string(ti + 1) + "]"; }

std::string labels(const std::vector<std::size_t>& tis) {
  std::string s = "[";
  for (std::size_t i = 0; i < tis.size(); ++i) s += (i ? "," : "") + std::to_string(tis[i] + 1);
  return s + "]";
}

std::string cell_text(const Cell& c, bool allow_sdist) {
  if (!c.needed) return "-";
  switch (c.fit.availability) {
    case Availability::PureWheel: return "pure";
    case Availability::Abi3Wheel: return "abi3";
    case Availability::PlatformWheel: return c.heavy ? "platform*" : "platform";
    case Availability::SdistOnly: return allow_sdist ? "sdist" : "SDIST";
    case Availability::Nothing: return "NO WHEEL";
    case Availability::RequiresPython: return "NO PYTHON";
    case Availability::YankedOnly: return "YANKED";
  }
  return "?";
}

std::string size_of(const Cell& c) {
  if (!c.needed || !c.fit.file) return "";
  return c.fit.file->size ? analysis::format_size(*c.fit.file->size) : "?";
}

std::string plural(long n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

template <class Names>
std::string names_list(const Report& r, const Names& names, std::size_t max = 3) {
  std::string s;
  std::size_t i = 0;
  for (const auto& n : names) {
    if (i == max) {
      s += " and " + std::to_string(names.size() - max) + " more";
      break;
    }
    auto it = r.display.find(n);
    s += (i ? ", " : "") + (it != r.display.end() ? it->second : n.str());
    ++i;
  }
  return s;
}

// Lines that read the same on several targets are printed once with all their labels.
struct Merged {
  std::vector<std::string> order;
  std::map<std::string, std::vector<std::size_t>> targets;
  void add(std::size_t ti, const std::string& line) {
    auto [it, fresh] = targets.try_emplace(line);
    if (fresh) order.push_back(line);
    it->second.push_back(ti);
  }
  std::string print(const char* indent) const {
    std::string out;
    for (const auto& l : order) {
      const std::string first = indent + pad(labels(targets.at(l)), 6) + " ";
      out += wrap(first, l, width(first) + 2);
    }
    return out;
  }
};

std::optional<std::uint64_t> removal_saving(const Report& r, std::size_t ti, const std::set<PackageName>& gone,
                                            int& unknown) {
  std::uint64_t total = 0;
  unknown = 0;
  for (const auto& p : r.packages) {
    if (!gone.count(p.name)) continue;
    const Cell& c = p.cells[ti];
    if (!c.needed || !c.fit.file) continue;
    if (c.fit.file->size) total += *c.fit.file->size;
    else ++unknown;
  }
  return total;
}

std::string uses_text(const analysis::ImportFinding& f) {
  std::string s = f.uses.front().file + ":" + std::to_string(f.uses.front().ref.line);
  if (f.uses.size() > 1) s += " (+" + std::to_string(f.uses.size() - 1) + ")";
  return s;
}

// One line per finding, for text and annotations alike (without the location).
std::string finding_text(const Report& r, const analysis::ImportFinding& f) {
  if (f.optional())
    return "`" + f.module + "` is imported only inside try/except and no requirement provides it" +
           (f.note.empty() ? "" : " (" + f.note + ")") + ": the app runs without it; add " + f.distribution.str() +
           " if it should be there";
  switch (f.status) {
    case ImportStatus::Missing:
      return "`" + f.module + "` is imported but no requirement provides it: add " + f.distribution.str() +
             " (a fresh deploy fails with ModuleNotFoundError)";
    case ImportStatus::StdlibRemoved:
      return "`" + f.module + "` was " + f.note + " and nothing provides it" +
             (f.distribution.empty() ? "" : ": add " + f.distribution.str());
    case ImportStatus::Transitive:
      return "`" + f.module + "` works only because " + names_list(r, f.via) + (f.via.size() == 1 ? " pulls " : " pull ") +
             f.distribution.str() + " in: add it to the requirements";
    case ImportStatus::Direct: return "";
  }
  return "";
}

std::string unused_text(const Report& r, std::size_t ti, const PackageName& n) {
  const auto& t = r.targets[ti];
  std::set<PackageName> gone;
  if (auto it = t.exclusive.find(n); it != t.exclusive.end()) gone = it->second;
  const std::string name = r.display.count(n) ? r.display.at(n) : n.str();
  std::string s = name + " is never imported";
  if (!gone.count(n)) {
    // Another requirement pulls it in too.
    std::set<PackageName> others;
    for (const auto& p : r.packages)
      if (p.name == n)
        for (const auto& v : p.cells[ti].via)
          if (v != n) others.insert(v);
    return s + "; removing the line saves nothing (" + names_list(r, others) + " still pull" +
           (others.size() == 1 ? "s" : "") + " it in)";
  }
  int unknown = 0;
  const auto saved = removal_saving(r, ti, gone, unknown);
  s += "; removing it saves ≈ " + analysis::format_size(*saved);
  if (gone.size() > 1) s += " (" + plural(static_cast<long>(gone.size()), "package", "packages") + ")";
  if (unknown) s += " + " + plural(unknown, "file", "files") + " of unknown size";
  return s + " (keep it if it is used as a command or plugin)";
}

}  // namespace

std::string short_target(const Report& r, std::size_t ti) {
  // Only what tells the columns apart: the Python, the OS (linux/mac/win) or, on one OS, the architecture.
  bool pythons_differ = false, os_differ = false, platforms_differ = false;
  const auto& first = r.targets.front().choice.target;
  for (const auto& t : r.targets) {
    pythons_differ = pythons_differ || t.choice.target.python != first.python;
    os_differ = os_differ || t.choice.target.platform.os != first.platform.os;
    platforms_differ = platforms_differ || !(t.choice.target.platform == first.platform);
  }
  const auto& t = r.targets[ti].choice.target;
  std::string s = pythons_differ || !platforms_differ ? t.python.to_string() : "";
  if (platforms_differ) {
    const char* os = t.platform.os == wheel::Os::Linux ? "linux" : t.platform.os == wheel::Os::Macos ? "mac" : "win";
    s += (s.empty() ? "" : " ") + (os_differ ? std::string(os) : t.platform.arch);
  }
  return s;
}

std::string via_text(const Report& r, const PackageName& name, const std::vector<PackageName>& via) {
  std::vector<PackageName> others;
  bool direct = false;
  for (const auto& v : via) {
    if (v == name) direct = true;
    else others.push_back(v);
  }
  if (direct) return others.empty() ? "direct requirement" : "direct requirement, also via " + names_list(r, others);
  return "via " + names_list(r, others);
}

std::string fix_text(const PackageRow& p, const Cell& c, const TargetChoice& t) {
  const std::string wheel = "a wheel for " + analysis::interpreter_tag(t.target) + " " + wheel::describe(t.target.platform);
  if (p.is_url) return "point the URL at " + wheel + ", or require " + p.display + " by name from an index";
  if (c.fix.nearest) {
    std::string s = p.display + " " + c.fix.nearest->to_string() + " has " + wheel;
    if (c.fix.newest && *c.fix.newest != *c.fix.nearest) s += " (newest with one: " + c.fix.newest->to_string() + ")";
    return s;
  }
  if (c.fix.older)
    return "no newer release has " + wheel + "; the newest older one that does is " + c.fix.older->to_string() +
           " (pin " + p.display + "==" + c.fix.older->to_string() + ", or resolve with --only-binary " + p.display + ")";
  return "no release of " + p.display + " has " + wheel;
}

std::string render_text(const Report& r, bool color) {
  // Colour is applied after padding, so escape codes never count towards a column's width.
  auto paint = [&](const char* code, const std::string& s) {
    return color ? std::string("\x1b[") + code + "m" + s + "\x1b[0m" : s;
  };
  const std::size_t nt = r.targets.size();
  std::string out;
  std::string files;
  for (std::size_t i = 0; i < r.files.size(); ++i) files += (i ? ", " : "") + r.files[i];
  out += wrap("Checked ", files + ": " + plural(static_cast<long>(r.packages.size()), "package", "packages") +
                              " (as pinned for [1]" +
                              (r.only_elsewhere ? ", " + std::to_string(r.only_elsewhere) + " more from resolving for the other targets" : "") +
                              "), " + plural(static_cast<long>(nt), "target", "targets") + ", index from " + r.index_source,
              2);
  for (std::size_t ti = 0; ti < nt; ++ti) {
    const auto& t = r.targets[ti];
    const std::string why = t.role == "deploy" ? "deploy: Python " + t.choice.target.python.to_string() + " " + t.choice.python_reason
                            : t.role == "next newer CPython" ? "the next newer CPython"
                                                             : t.choice.python_reason;
    out += "  " + label(ti) + " " + t.choice.describe() + " (" + why + ")\n";
  }
  out += "\n";

  // The matrix: direct requirements and everything that is not a pure-Python wheel everywhere.
  std::size_t name_w = 7;
  std::vector<const PackageRow*> shown;
  std::size_t hidden = 0;
  for (const auto& p : r.packages) {
    bool interesting = p.direct;
    for (const auto& c : p.cells)
      if (c.needed && (c.fit.availability != Availability::PureWheel || c.heavy)) interesting = true;
    if (!interesting) {
      ++hidden;
      continue;
    }
    shown.push_back(&p);
    name_w = std::max(name_w, p.display.size());
  }
  // Up to four targets fit 100 columns with 12-column cells; more targets get narrower cells and names.
  std::size_t cell_w = nt <= 4 ? 12 : 10;
  for (std::size_t ti = 0; ti < nt; ++ti)
    cell_w = std::max(cell_w, label(ti).size() + 2 + short_target(r, ti).size());
  const std::size_t fixed = 2 + 12 + cell_w * nt + 9;
  name_w = std::min<std::size_t>(name_w, fixed + 12 < 100 ? std::min<std::size_t>(28, 100 - fixed) : 12);
  std::string head = pad("package", name_w) + "  " + pad("version", 12);
  for (std::size_t ti = 0; ti < nt; ++ti) head += pad(label(ti) + " " + short_target(r, ti), cell_w);
  head += lpad("size [1]", 9);
  out += head + "\n";
  for (const auto* p : shown) {
    std::string line = pad(p->display, name_w) + "  " + pad(p->is_url ? "(URL)" : p->version, 12);
    for (std::size_t ti = 0; ti < nt; ++ti) {
      const Cell& c = p->cells[ti];
      const std::string cell = pad(cell_text(c, r.allow_sdist), cell_w);
      line += c.failing ? paint("31", cell) : c.heavy || (c.needed && !analysis::from_wheel(c.fit.availability)) ? paint("33", cell) : cell;
    }
    line += lpad(size_of(p->cells[0]), 9);
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  if (hidden)
    out += "(" + plural(static_cast<long>(hidden), "more package installs", "more packages install") +
           " from pure-Python wheels on every target; --format json lists all)\n";
  out += "platform* = heavy: a platform-specific wheel over " + analysis::format_size(r.heavy_bytes) + "\n\n";

  // Per-target verdicts.
  out += "Targets\n";
  for (std::size_t ti = 0; ti < nt; ++ti) {
    const auto& t = r.targets[ti];
    auto count = [&](Availability a) { auto it = t.counts.find(a); return it == t.counts.end() ? 0 : it->second; };
    const int wheels = count(Availability::PureWheel) + count(Availability::Abi3Wheel) + count(Availability::PlatformWheel);
    const bool bad = t.failures || t.over_budget;
    const std::string first = "  " + label(ti) + " " + paint(bad ? "31" : "32", pad(bad ? "FAILED" : "ok", 7)) + " ";
    std::string line;
    if (t.failures)
      line += plural(t.failures, "package cannot", "packages cannot") + " install from a wheel; ";
    line += std::to_string(wheels) + " of " + std::to_string(t.needed) + " from wheels (" +
            std::to_string(count(Availability::PureWheel)) + " pure, " + std::to_string(count(Availability::Abi3Wheel)) +
            " abi3, " + std::to_string(count(Availability::PlatformWheel)) + " platform)";
    if (count(Availability::SdistOnly) && r.allow_sdist)
      line += ", " + std::to_string(count(Availability::SdistOnly)) + " built from source";
    out += wrap(first, line, 14);
    line = "download ≈ " + analysis::format_size(t.download);
    if (t.unknown_sizes) line += " + " + plural(t.unknown_sizes, "file", "files") + " of unknown size";
    if (t.heavy_total) line += "; heavy packages ≈ " + analysis::format_size(t.heavy_total);
    if (r.budget)
      line += t.over_budget ? "; OVER the " + analysis::format_size(*r.budget) + " budget"
                            : "; within the " + analysis::format_size(*r.budget) + " budget" +
                                  (t.unknown_sizes ? " (sizes known)" : "");
    out += wrap(std::string(14, ' '), line, 14);
  }

  // Failures with their fix.
  bool any_problem = false;
  for (const auto& p : r.packages)
    for (std::size_t ti = 0; ti < nt; ++ti) {
      const Cell& c = p.cells[ti];
      if (!c.needed || analysis::from_wheel(c.fit.availability)) continue;
      if (!any_problem) out += "\nCannot install from a wheel\n";
      any_problem = true;
      out += wrap("  " + pad(label(ti), 4) + " ", p.display + " " + p.version + " " + c.fit.detail +
                  (c.failing ? "" : " (allowed by --allow-sdist)"), 9);
      std::string fix = fix_text(p, c, r.targets[ti].choice);
      if (auto l = r.lines.find(p.name); l != r.lines.end() && c.fix.nearest && !l->second.specifier.empty()) {
        if (!l->second.range.contains(*c.fix.nearest, true))
          fix += "; " + l->second.file + ":" + std::to_string(l->second.line) + " excludes it (`" + p.display +
                 l->second.specifier + "`)";
      }
      out += wrap("       fix: ", fix, 12);
      std::string who = via_text(r, p.name, c.via);
      if (auto l = r.lines.find(p.name); l != r.lines.end()) who += " (" + l->second.file + ":" + std::to_string(l->second.line) + ")";
      for (std::size_t o = 0; o < nt; ++o)
        if (o != ti && p.cells[o].needed && p.cells[o].fit.file && p.cells[o].fit.file->size) {
          who += "; ≈ " + analysis::format_size(*p.cells[o].fit.file->size) + " on " + label(o);
          break;
        }
      out += wrap("       ", who, 9);
    }

  // Heavy packages and who pulls them in.
  Merged heavy;
  for (std::size_t ti = 0; ti < nt; ++ti) {
    std::vector<const PackageRow*> hs;
    for (const auto& p : r.packages)
      if (p.cells[ti].heavy) hs.push_back(&p);
    std::sort(hs.begin(), hs.end(), [&](const PackageRow* a, const PackageRow* b) {
      return a->cells[ti].fit.file->size.value_or(0) > b->cells[ti].fit.file->size.value_or(0);
    });
    for (const auto* p : hs) {
      const Cell& c = p->cells[ti];
      const std::string sz = c.fit.file->size ? "≈ " + analysis::format_size(*c.fit.file->size) : "size unknown";
      heavy.add(ti, p->display + " " + p->version + " " + sz +
                        (c.fit.availability == Availability::SdistOnly ? " (sdist with compiled code)" : "") + ", " +
                        via_text(r, p->name, c.via));
    }
  }
  if (!heavy.order.empty())
    out += "\nHeavy (platform-specific wheels over " + analysis::format_size(r.heavy_bytes) +
           ", sdists with compiled code)\n" + heavy.print("  ");

  // Lighter alternatives, grouped by rule.
  Merged alts;
  for (std::size_t ti = 0; ti < nt; ++ti) {
    const auto& t = r.targets[ti];
    std::map<const analysis::Alternative*, std::vector<const analysis::Suggestion*>> by_rule;
    std::vector<const analysis::Alternative*> order;
    for (const auto& s : t.suggestions) {
      if (!by_rule.count(s.rule)) order.push_back(s.rule);
      by_rule[s.rule].push_back(&s);
    }
    for (const auto* rule : order) {
      const auto& list = by_rule[rule];
      std::int64_t change = 0;
      bool all_known = true;
      std::set<PackageName> pkgs;
      for (const auto* s : list) {
        pkgs.insert(s->package);
        if (s->size_change) change += *s->size_change;
        else all_known = false;
      }
      std::string what = names_list(r, pkgs, 2);
      std::string line;
      if (rule->kind == analysis::Alternative::Kind::Drop) line = "drop " + (pkgs.size() > 2 ? rule->pattern + " (" + std::to_string(pkgs.size()) + " packages)" : what);
      else line = what + " -> " + list.front()->replacement;
      if (change != 0 || all_known) {
        line += change <= 0 ? ": saves ≈ " + analysis::format_size(static_cast<std::uint64_t>(-change))
                            : ": adds ≈ " + analysis::format_size(static_cast<std::uint64_t>(change));
        if (!all_known) line += " (some sizes unknown)";
      }
      if (list.front()->conditional) line += ", if the host has no NVIDIA GPU";
      line += " — " + rule->reason;
      alts.add(ti, line);
    }
  }
  Merged unchecked;
  for (std::size_t ti = 0; ti < nt; ++ti)
    for (const auto& u : r.targets[ti].unchecked_alternatives) unchecked.add(ti, "could not check " + u);
  if (!alts.order.empty() || !unchecked.order.empty())
    out += "\nLighter alternatives (from index data)\n" + alts.print("  ") + unchecked.print("  ");

  // Imports.
  if (r.scan) {
    out += "\nImports: " + plural(static_cast<long>(r.scan->files.size()), ".py file", ".py files") + " scanned in " +
           r.app_dir + "\n";
    Merged imports;
    for (std::size_t ti = 0; ti < nt; ++ti) {
      const auto& t = r.targets[ti];
      if (!t.usage) continue;
      for (const auto& f : t.usage->findings) {
        if (f.status == ImportStatus::Direct) continue;
        const char* kind = f.status == ImportStatus::Transitive ? "transitive" : f.optional() ? "optional" : "MISSING";
        imports.add(ti, pad(kind, 10) + " " + uses_text(f) + ": " + finding_text(r, f));
      }
      for (const auto& n : t.usage->unused) {
        std::string where;
        if (auto l = r.lines.find(n); l != r.lines.end()) where = l->second.file + ":" + std::to_string(l->second.line);
        imports.add(ti, pad("unused", 10) + " " + where + ": " + unused_text(r, ti, n));
      }
    }
    if (imports.order.empty()) out += "  every requirement is imported and every import has a requirement\n";
    else out += imports.print("  ");
  }

  // Verdict.
  out += "\n";
  if (r.exit_code == 0) {
    int built = 0;
    for (const auto& p : r.packages)
      for (const auto& c : p.cells)
        if (c.needed && c.fit.availability == Availability::SdistOnly) ++built;
    out += paint("1;32", "ok:") + (built ? " every package installs on every target (" + plural(built, "sdist build", "sdist builds") +
                       " allowed by --allow-sdist)"
                 : std::string(" every package installs from a wheel on every target"));
    out += std::string(r.budget ? ", within the budget" : "") + "\n";
  } else {
    std::vector<std::string> why;
    for (std::size_t ti = 0; ti < nt; ++ti) {
      const auto& t = r.targets[ti];
      if (t.failures) why.push_back(plural(t.failures, "package", "packages") + " without a wheel on " + label(ti));
      if (t.over_budget) why.push_back("over the size budget on " + label(ti));
    }
    std::set<std::string> missing;
    for (const auto& t : r.targets)
      if (t.usage)
        for (const auto& f : t.usage->findings)
          if (f.breaks_deploy()) missing.insert(f.module);
    if (!missing.empty()) why.push_back(plural(static_cast<long>(missing.size()), "import", "imports") + " with no requirement");
    std::string s;
    for (std::size_t i = 0; i < why.size(); ++i) s += (i ? "; " : "") + why[i];
    out += wrap(paint("1;31", "FAILED:") + " ", s, 8);
  }
  return out;
}

std::string render_json(const Report& r) {
  JsonWriter w;
  w.begin_object();
  w.field("ok", r.exit_code == 0);
  w.key("files").begin_array();
  for (const auto& f : r.files) w.value(f);
  w.end_array();
  w.field("index_source", r.index_source);
  w.field("heavy_bytes", r.heavy_bytes);
  if (r.budget) w.field("budget_bytes", *r.budget);
  else w.key("budget_bytes").null();
  w.field("allow_sdist", r.allow_sdist);
  w.key("targets").begin_array();
  for (std::size_t ti = 0; ti < r.targets.size(); ++ti) {
    const auto& t = r.targets[ti];
    w.begin_object();
    w.field("id", static_cast<int>(ti + 1));
    w.field("python", t.choice.target.python.to_string());
    w.field("platform", t.choice.platform_name);
    w.field("description", t.choice.describe());
    w.field("role", t.role);
    w.field("python_reason", t.choice.python_reason);
    w.field("ok", t.failures == 0 && !t.over_budget);
    w.field("packages", t.needed);
    w.key("counts").begin_object();
    for (const auto& [a, n] : t.counts) w.field(analysis::to_string(a), n);
    w.end_object();
    w.field("failures", t.failures);
    w.field("download_bytes", t.download);
    w.field("unknown_sizes", t.unknown_sizes);
    w.field("heavy_bytes", t.heavy_total);
    w.field("over_budget", t.over_budget);
    w.key("suggestions").begin_array();
    for (const auto& s : t.suggestions) {
      w.begin_object();
      w.field("package", s.package.str());
      w.field("rule", s.rule->pattern);
      w.field("alternative", s.rule->alternative);
      w.field("condition", analysis::to_string(s.rule->condition));
      w.field("replacement", s.replacement);
      if (s.size_change) w.field("size_change_bytes", static_cast<std::int64_t>(*s.size_change));
      else w.key("size_change_bytes").null();
      w.field("conditional", s.conditional);
      w.field("reason", s.rule->reason);
      w.end_object();
    }
    w.end_array();
    w.key("unchecked_alternatives").begin_array();
    for (const auto& u : t.unchecked_alternatives) w.value(u);
    w.end_array();
    if (t.usage) {
      w.key("imports").begin_object();
      w.key("findings").begin_array();
      for (const auto& f : t.usage->findings) {
        w.begin_object();
        w.field("module", f.module);
        w.field("status", analysis::to_string(f.status));
        w.field("distribution", f.distribution.str());
        w.key("via").begin_array();
        for (const auto& v : f.via) w.value(v.str());
        w.end_array();
        if (!f.note.empty()) w.field("note", f.note);
        w.field("breaks_deploy", f.breaks_deploy());
        w.key("uses").begin_array();
        for (const auto& u : f.uses) {
          w.begin_object();
          w.field("file", u.file).field("line", u.ref.line).field("conditional", u.ref.conditional).field("guarded", u.ref.guarded);
          w.end_object();
        }
        w.end_array();
        w.end_object();
      }
      w.end_array();
      w.key("unused").begin_array();
      for (const auto& n : t.usage->unused) {
        w.begin_object();
        w.field("name", n.str());
        std::uint64_t saved = 0;
        if (auto it = t.exclusive.find(n); it != t.exclusive.end()) {
          int unknown = 0;
          saved = *removal_saving(r, ti, it->second, unknown);
          w.key("removes").begin_array();
          for (const auto& g : it->second) w.value(g.str());
          w.end_array();
        }
        w.field("saves_bytes", saved);
        w.end_object();
      }
      w.end_array();
      w.end_object();
    }
    w.end_object();
  }
  w.end_array();
  w.key("packages").begin_array();
  for (const auto& p : r.packages) {
    w.begin_object();
    w.field("name", p.name.str());
    w.field("display_name", p.display);
    w.field(p.is_url ? "url" : "version", p.version);
    w.field("direct", p.direct);
    if (auto l = r.lines.find(p.name); l != r.lines.end()) {
      w.key("requirement").begin_object();
      w.field("file", l->second.file).field("line", static_cast<std::uint64_t>(l->second.line));
      w.end_object();
    }
    w.key("targets").begin_array();
    for (std::size_t ti = 0; ti < p.cells.size(); ++ti) {
      const Cell& c = p.cells[ti];
      w.begin_object();
      w.field("target", static_cast<int>(ti + 1));
      w.field("needed", c.needed);
      if (c.needed) {
        w.field("status", analysis::to_string(c.fit.availability));
        w.field("failing", c.failing);
        w.field("heavy", c.heavy);
        if (!c.fit.detail.empty()) w.field("detail", c.fit.detail);
        if (c.fit.file) {
          w.key("file").begin_object();
          w.field("filename", c.fit.file->filename);
          if (c.fit.file->size) w.field("size", *c.fit.file->size);
          else w.key("size").null();
          w.end_object();
        }
        w.key("via").begin_array();
        for (const auto& v : c.via) w.value(v.str());
        w.end_array();
        if (!analysis::from_wheel(c.fit.availability)) {
          w.key("fix").begin_object();
          if (c.fix.nearest) w.field("nearest", c.fix.nearest->to_string());
          if (c.fix.newest) w.field("newest", c.fix.newest->to_string());
          if (c.fix.older) w.field("older", c.fix.older->to_string());
          w.field("text", fix_text(p, c, r.targets[ti].choice));
          w.end_object();
        }
      }
      w.end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.end_array();
  if (r.scan) {
    w.key("scanned_files").begin_array();
    for (const auto& f : r.scan->files) w.value(f);
    w.end_array();
  }
  w.field("exit_code", r.exit_code);
  w.end_object();
  return w.str();
}

namespace {
// GitHub's workflow-command escaping for the message and the properties.
std::string gh_escape(const std::string& s, bool property) {
  std::string o;
  for (char c : s) {
    if (c == '%') o += "%25";
    else if (c == '\r') o += "%0D";
    else if (c == '\n') o += "%0A";
    else if (property && c == ':') o += "%3A";
    else if (property && c == ',') o += "%2C";
    else o += c;
  }
  return o;
}
}  // namespace

std::string render_github(const Report& r) {
  std::string out;
  std::set<std::string> seen;  // a finding that reads the same on several targets is annotated once
  auto emit = [&](const char* level, const std::string& file, std::size_t line, const std::string& title,
                  const std::string& msg) {
    if (!seen.insert(file + ":" + std::to_string(line) + ":" + msg).second) return;
    out += std::string("::") + level;
    std::string props;
    if (!file.empty()) props += "file=" + gh_escape(file, true) + ",line=" + std::to_string(line);
    if (!title.empty()) props += (props.empty() ? "" : ",") + std::string("title=") + gh_escape(title, true);
    if (!props.empty()) out += " " + props;
    out += "::" + gh_escape(msg, false) + "\n";
  };
  auto line_of = [&](const PackageName& n, const std::vector<PackageName>& via) -> const RequirementLine* {
    if (auto l = r.lines.find(n); l != r.lines.end()) return &l->second;
    for (const auto& v : via)
      if (auto l = r.lines.find(v); l != r.lines.end()) return &l->second;
    return nullptr;
  };
  for (std::size_t ti = 0; ti < r.targets.size(); ++ti) {
    const auto& t = r.targets[ti];
    const std::string on = " on " + t.choice.describe();
    for (const auto& p : r.packages) {
      const Cell& c = p.cells[ti];
      if (!c.needed) continue;
      const RequirementLine* l = line_of(p.name, c.via);
      const std::string file = l ? l->file : r.files.front();
      const std::size_t line = l ? l->line : 1;
      if (!analysis::from_wheel(c.fit.availability))
        emit(c.failing ? "error" : "warning", file, line, "no wheel" + on,
             p.display + " " + p.version + " " + c.fit.detail + on + "; " + fix_text(p, c, t.choice) + " (" +
                 via_text(r, p.name, c.via) + ")");
      else if (c.heavy && ti == 0)
        emit("notice", file, line, "heavy package",
             p.display + " " + p.version + " ≈ " + analysis::format_size(*c.fit.file->size) + on + ", " +
                 via_text(r, p.name, c.via));
    }
    if (t.over_budget)
      emit("error", r.files.front(), 1, "over budget",
           "download ≈ " + analysis::format_size(t.download) + on + " is over the " + analysis::format_size(*r.budget) +
               " budget");
    if (t.usage) {
      for (const auto& f : t.usage->findings) {
        if (f.status == ImportStatus::Direct) continue;
        const bool err = f.breaks_deploy();
        for (const auto& u : f.uses) {
          const std::string file = r.app_dir == "." ? u.file : r.app_dir + "/" + u.file;
          emit(err ? "error" : "warning", file, static_cast<std::size_t>(u.ref.line),
               err ? "missing requirement" : f.optional() ? "optional import" : "transitive-only import",
               finding_text(r, f));
        }
      }
      for (const auto& n : t.usage->unused) {
        const RequirementLine* l = line_of(n, {});
        emit("warning", l ? l->file : r.files.front(), l ? l->line : 1, "unused requirement", unused_text(r, ti, n));
      }
    }
  }
  return out;
}

}  // namespace pinreqs::cli::check
