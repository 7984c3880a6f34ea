#include "pinreqs/resolver/pubgrub/report.hpp"

#include <map>

namespace pinreqs::resolver::pubgrub {
namespace {

std::string quoted_term(const ReportFormatter& f, const PackageTerm& t) {
  return f.term_text(t.package, t.term.range);
}

// "every version of `foo`" for a full range in subject position.
std::string subject(const ReportFormatter& f, PackageId p, const Range& r) {
  if (f.is_root(p)) return f.package_name(p);
  if (r.is_full()) return "every version of `" + f.package_name(p) + "`";
  return f.term_text(p, r);
}

bool is_dependency(const Incompatibility& inc) {
  return inc.kind == IncompatKind::FromDependency && inc.terms.size() == 2;
}

}  // namespace

std::string ReportFormatter::term_text(PackageId package, const Range& range) const {
  if (is_root(package)) return package_name(package);
  if (range.is_full()) return "`" + package_name(package) + "`";
  return "`" + package_name(package) + " " + range.to_string() + "`";
}

std::string ReportFormatter::external_text(const Incompatibility& inc) const {
  switch (inc.kind) {
    case IncompatKind::NotRoot:
      return "we are solving dependencies of " + package_name(inc.terms.at(0).package);
    case IncompatKind::NoVersions: {
      const auto& t = inc.terms.at(0);
      if (t.term.range.is_full()) return "there is no usable version of `" + package_name(t.package) + "`";
      return "no versions of `" + package_name(t.package) + "` match " + t.term.range.to_string();
    }
    case IncompatKind::FromDependency: {
      const auto& a = inc.terms.at(0);
      const auto& b = inc.terms.at(1);
      return subject(*this, a.package, a.term.range) + " depends on " + term_text(b.package, b.term.range);
    }
    case IncompatKind::Custom: {
      const auto& t = inc.terms.at(0);
      return subject(*this, t.package, t.term.range) + " is unavailable" +
             (inc.reason.empty() ? std::string() : " (" + inc.reason + ")");
    }
    case IncompatKind::Derived:
      break;
  }
  return conclusion_text(inc);
}

std::string ReportFormatter::depends_on_both_text(const Incompatibility& a, const Incompatibility& b) const {
  return subject(*this, a.terms.at(0).package, a.terms.at(0).term.range) + " depends on both " +
         term_text(a.terms.at(1).package, a.terms.at(1).term.range) + " and " +
         term_text(b.terms.at(1).package, b.terms.at(1).term.range);
}

std::string ReportFormatter::conclusion_text(const Incompatibility& inc) const {
  if (inc.kind != IncompatKind::Derived) return external_text(inc);
  const auto& ts = inc.terms;
  if (ts.empty()) return "version solving failed";
  if (ts.size() == 1) {
    const auto& t = ts[0];
    if (is_root(t.package)) return "version solving failed";
    if (t.term.positive) return subject(*this, t.package, t.term.range) + " cannot be used";
    return quoted_term(*this, t) + " is required";
  }
  if (ts.size() == 2) {
    const PackageTerm* p1 = &ts[0];
    const PackageTerm* p2 = &ts[1];
    if (!p1->term.positive && p2->term.positive) std::swap(p1, p2);
    if (p1->term.positive && !p2->term.positive) {
      if (is_root(p1->package)) return quoted_term(*this, *p2) + " is required";
      return subject(*this, p1->package, p1->term.range) + " requires " + quoted_term(*this, *p2);
    }
    if (p1->term.positive) {
      if (is_root(p1->package)) return quoted_term(*this, *p2) + " cannot be used";
      if (is_root(p2->package)) return quoted_term(*this, *p1) + " cannot be used";
      return quoted_term(*this, *p1) + " is incompatible with " + quoted_term(*this, *p2);
    }
    return "either " + quoted_term(*this, *p1) + " or " + quoted_term(*this, *p2) + " is required";
  }
  std::string pos, neg;
  for (const auto& t : ts) {
    if (t.term.positive && is_root(t.package)) continue;
    std::string& s = t.term.positive ? pos : neg;
    if (!s.empty()) s += t.term.positive ? " and " : " or ";
    s += quoted_term(*this, t);
  }
  if (pos.empty()) return "one of " + neg + " is required";
  if (neg.empty()) return pos + " are incompatible";
  return "if " + pos + " then " + neg + " is required";
}

namespace {

class Writer {
 public:
  Writer(const Incompatibilities& a, const ReportFormatter& f, IncompatId root) : a_(a), f_(f), root_(root) {
    count(root);
  }

  void visit(IncompatId id, bool conclusion = false) {
    const Incompatibility& inc = a_[id];
    const bool numbered = conclusion || derivations_[id] > 1;
    const std::string conj = (conclusion || id == root_) ? "So," : "And";
    const std::string text = f_.conclusion_text(inc);
    if (inc.is_external()) {  // a failure that is itself a fact (e.g. the root requires a missing package)
      write(id, "Because " + f_.external_text(inc) + ", version solving failed.", numbered);
      return;
    }
    const IncompatId c1 = inc.cause1, c2 = inc.cause2;
    const bool d1 = !a_[c1].is_external(), d2 = !a_[c2].is_external();
    if (d1 && d2) {
      const int l1 = line(c1), l2 = line(c2);
      if (l1 != 0 && l2 != 0) {
        write(id,
              "Because " + f_.conclusion_text(a_[c1]) + " (" + std::to_string(l1) + ") and " +
                  f_.conclusion_text(a_[c2]) + " (" + std::to_string(l2) + "), " + text + ".",
              numbered);
      } else if (l1 != 0 || l2 != 0) {
        const IncompatId with = l1 != 0 ? c1 : c2, without = l1 != 0 ? c2 : c1;
        visit(without);
        write(id,
              conj + " because " + f_.conclusion_text(a_[with]) + " (" + std::to_string(line(with)) + "), " +
                  text + ".",
              numbered);
      } else {
        const bool simple1 = single_line(c1), simple2 = single_line(c2);
        if (simple1 || simple2) {
          const IncompatId first = simple2 ? c1 : c2, second = simple2 ? c2 : c1;
          visit(first);
          visit(second);
          write(id, "Thus, " + text + ".", numbered);
        } else {
          visit(c1, true);
          lines_.push_back({"", 0});
          visit(c2);
          write(id,
                conj + " because " + f_.conclusion_text(a_[c1]) + " (" + std::to_string(line(c1)) + "), " +
                    text + ".",
                numbered);
        }
      }
    } else if (d1 || d2) {
      const IncompatId derived = d1 ? c1 : c2, external = d1 ? c2 : c1;
      if (line(derived) != 0) {
        write(id,
              "Because " + f_.external_text(a_[external]) + " and " + f_.conclusion_text(a_[derived]) + " (" +
                  std::to_string(line(derived)) + "), " + text + ".",
              numbered);
      } else if (collapsible(derived)) {
        const Incompatibility& d = a_[derived];
        const bool dd1 = !a_[d.cause1].is_external();
        const IncompatId prior_derived = dd1 ? d.cause1 : d.cause2;
        const IncompatId prior_external = dd1 ? d.cause2 : d.cause1;
        visit(prior_derived);
        write(id, conj + " because " + and_text(prior_external, external) + ", " + text + ".", numbered);
      } else {
        visit(derived);
        write(id, conj + " because " + f_.external_text(a_[external]) + ", " + text + ".", numbered);
      }
    } else {
      write(id, "Because " + and_text(c1, c2) + ", " + text + ".", numbered);
    }
  }

  std::vector<ReportLine> take() { return std::move(lines_); }

 private:
  void count(IncompatId id) {
    const Incompatibility& inc = a_[id];
    if (inc.is_external()) return;
    for (IncompatId c : {inc.cause1, inc.cause2}) {
      if (a_[c].is_external()) continue;
      if (derivations_[c]++ == 0) count(c);
    }
  }

  int line(IncompatId id) const {
    auto it = numbers_.find(id);
    return it == numbers_.end() ? 0 : it->second;
  }

  bool single_line(IncompatId id) const {
    const Incompatibility& inc = a_[id];
    return !inc.is_external() && a_[inc.cause1].is_external() && a_[inc.cause2].is_external();
  }

  bool collapsible(IncompatId id) const {
    auto it = derivations_.find(id);
    if (it != derivations_.end() && it->second > 1) return false;
    const Incompatibility& inc = a_[id];
    const bool e1 = a_[inc.cause1].is_external(), e2 = a_[inc.cause2].is_external();
    if (e1 == e2) return false;
    return line(e1 ? inc.cause2 : inc.cause1) == 0;
  }

  // Two external facts in one clause, merging "X depends on Y" + "Y depends on Z" and "X depends on both".
  std::string and_text(IncompatId i1, IncompatId i2) const {
    const Incompatibility& a = a_[i1];
    const Incompatibility& b = a_[i2];
    if (is_dependency(a) && is_dependency(b)) {
      if (a.terms[0].package == b.terms[0].package && a.terms[0].term.range == b.terms[0].term.range) {
        return f_.depends_on_both_text(a, b);
      }
      auto chain = [&](const Incompatibility& x, const Incompatibility& y) -> std::string {
        // x: P depends on Q; y: Q' depends on R, with Q within Q'.
        if (x.terms[1].package != y.terms[0].package) return {};
        if (!x.terms[1].term.range.subset_of(y.terms[0].term.range)) return {};
        return f_.external_text(x) + " which depends on " + f_.term_text(y.terms[1].package, y.terms[1].term.range);
      };
      if (auto s = chain(a, b); !s.empty()) return s;
      if (auto s = chain(b, a); !s.empty()) return s;
    }
    return f_.external_text(a) + " and " + f_.external_text(b);
  }

  void write(IncompatId id, std::string text, bool numbered) {
    int n = 0;
    if (numbered) {
      n = ++counter_;
      numbers_[id] = n;
    }
    lines_.push_back({std::move(text), n});
  }

  const Incompatibilities& a_;
  const ReportFormatter& f_;
  IncompatId root_;
  std::map<IncompatId, int> derivations_;
  std::map<IncompatId, int> numbers_;
  std::vector<ReportLine> lines_;
  int counter_ = 0;
};

}  // namespace

std::vector<ReportLine> report_lines(const Conflict& conflict, const ReportFormatter& fmt) {
  Writer w(conflict.incompatibilities, fmt, conflict.root);
  w.visit(conflict.root);
  auto lines = w.take();
  // A number on the last line is never cited.
  if (!lines.empty()) lines.back().number = 0;
  return lines;
}

std::string report(const Conflict& conflict, const ReportFormatter& fmt) {
  std::string out;
  for (const auto& l : report_lines(conflict, fmt)) {
    out += l.text;
    if (l.number != 0) out += " (" + std::to_string(l.number) + ")";
    out += '\n';
  }
  for (const auto& h : fmt.hints(conflict.incompatibilities, conflict.root)) out += h + '\n';
  return out;
}

}  // namespace pinreqs::resolver::pubgrub
