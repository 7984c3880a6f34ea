#include "pinreqs/parsers/pyproject.hpp"

#include <cctype>

namespace pinreqs {
namespace {

class Reader {
 public:
  explicit Reader(std::string_view t) : t_(t) {}

  PyProject run() {
    PyProject out;
    std::string table;
    while (pos_ < t_.size()) {
      skip_ws_and_comments(true);
      if (pos_ >= t_.size()) break;
      if (t_[pos_] == '[') {
        table = read_table_header();
        if (table == "project") out.has_project_table = true;
        continue;
      }
      const std::string key = read_key();
      skip_inline_ws();
      if (key.empty() || pos_ >= t_.size() || t_[pos_] != '=') {
        skip_line();
        continue;
      }
      ++pos_;
      skip_inline_ws();
      if (table == "project" && key == "requires-python") {
        if (auto s = read_string()) out.requires_python = std::move(*s);
        else skip_value();
      } else if (table == "project" && key == "name") {
        if (auto s = read_string()) out.name = s->value;
        else skip_value();
      } else if (table == "project" && key == "dependencies") {
        if (!read_string_array(out.dependencies)) skip_value();
      } else if (table == "project.optional-dependencies") {
        std::vector<PyProjectString> deps;
        if (read_string_array(deps)) out.optional_dependencies[key] = std::move(deps);
        else skip_value();
      } else {
        skip_value();
      }
    }
    return out;
  }

 private:
  std::string_view t_;
  std::size_t pos_ = 0;

  void skip_inline_ws() {
    while (pos_ < t_.size() && (t_[pos_] == ' ' || t_[pos_] == '\t')) ++pos_;
  }
  void skip_line() {
    while (pos_ < t_.size() && t_[pos_] != '\n') ++pos_;
    if (pos_ < t_.size()) ++pos_;
  }
  void skip_ws_and_comments(bool newlines) {
    while (pos_ < t_.size()) {
      const char c = t_[pos_];
      if (c == ' ' || c == '\t' || (newlines && (c == '\n' || c == '\r'))) {
        ++pos_;
      } else if (c == '#') {
        while (pos_ < t_.size() && t_[pos_] != '\n') ++pos_;
      } else {
        break;
      }
    }
  }
  std::string read_table_header() {
    // [a.b] or [[a.b]]; quoted parts have their quotes removed.
    std::string name;
    while (pos_ < t_.size() && t_[pos_] == '[') ++pos_;
    while (pos_ < t_.size() && t_[pos_] != ']' && t_[pos_] != '\n') {
      const char c = t_[pos_];
      if (c != '"' && c != '\'' && c != ' ' && c != '\t') name.push_back(c);
      ++pos_;
    }
    skip_line();
    return name;
  }
  std::string read_key() {
    std::string key;
    while (pos_ < t_.size()) {
      const char c = t_[pos_];
      if (c == '"' || c == '\'') {
        const char q = c;
        ++pos_;
        while (pos_ < t_.size() && t_[pos_] != q && t_[pos_] != '\n') key.push_back(t_[pos_++]);
        if (pos_ < t_.size() && t_[pos_] == q) ++pos_;
      } else if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.') {
        key.push_back(c);
        ++pos_;
      } else {
        break;
      }
    }
    return key;
  }
  std::optional<PyProjectString> read_string() {
    if (pos_ >= t_.size()) return std::nullopt;
    const char q = t_[pos_];
    if (q != '"' && q != '\'') return std::nullopt;
    const bool triple = t_.substr(pos_, 3) == std::string(3, q);
    pos_ += triple ? 3 : 1;
    PyProjectString s;
    s.span.begin = pos_;
    while (pos_ < t_.size()) {
      const char c = t_[pos_];
      if (triple ? t_.substr(pos_, 3) == std::string(3, q) : c == q) break;
      if (!triple && c == '\n') return std::nullopt;
      if (c == '\\' && q == '"' && pos_ + 1 < t_.size()) {
        const char e = t_[pos_ + 1];
        switch (e) {
          case 'n': s.value.push_back('\n'); break;
          case 't': s.value.push_back('\t'); break;
          case '"': s.value.push_back('"'); break;
          case '\\': s.value.push_back('\\'); break;
          default: s.value.push_back(e); break;
        }
        pos_ += 2;
        continue;
      }
      s.value.push_back(c);
      ++pos_;
    }
    if (pos_ >= t_.size()) return std::nullopt;
    s.span.end = pos_;
    pos_ += triple ? 3 : 1;
    return s;
  }
  bool read_string_array(std::vector<PyProjectString>& out) {
    if (pos_ >= t_.size() || t_[pos_] != '[') return false;
    ++pos_;
    while (true) {
      skip_ws_and_comments(true);
      if (pos_ >= t_.size()) return false;
      if (t_[pos_] == ']') {
        ++pos_;
        return true;
      }
      auto s = read_string();
      if (!s) return false;
      out.push_back(std::move(*s));
      skip_ws_and_comments(true);
      if (pos_ < t_.size() && t_[pos_] == ',') ++pos_;
    }
  }
  void skip_value() {
    // Skips a value, following brackets, braces and strings across lines.
    int depth = 0;
    while (pos_ < t_.size()) {
      const char c = t_[pos_];
      if (c == '"' || c == '\'') {
        if (!read_string()) ++pos_;
        continue;
      }
      if (c == '[' || c == '{') ++depth;
      if (c == ']' || c == '}') --depth;
      if (c == '#' && depth <= 0) {
        skip_line();
        return;
      }
      if (c == '\n' && depth <= 0) {
        ++pos_;
        return;
      }
      ++pos_;
    }
  }
};

}  // namespace

PyProject parse_pyproject(std::string_view text) { return Reader(text).run(); }

}  // namespace pinreqs
