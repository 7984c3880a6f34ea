#include "pinreqs/analysis/import_scan.hpp"

#include <cstdint>

namespace pinreqs::analysis {

namespace {

enum class Tok : std::uint8_t { Name, Op, String, Number, Newline, End };

struct Token {
  Tok kind = Tok::End;
  std::string_view text;
  int line = 0;
  bool line_start = false;  // first token of a logical line
  int indent = 0;           // column of the logical line's first token
};

bool ident_start(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80; }
bool ident_char(unsigned char c) { return ident_start(c) || (c >= '0' && c <= '9'); }

class Lexer {
 public:
  explicit Lexer(std::string_view s) : s_(s) {}

  std::vector<Token> run() {
    std::vector<Token> out;
    bool at_line_start = true;
    int indent = 0;
    while (true) {
      // Whitespace, comments, continuations; a newline ends a logical line outside brackets.
      if (i_ >= s_.size()) break;
      const char c = s_[i_];
      if (c == ' ' || c == '\t' || c == '\f') {
        ++i_;
        continue;
      }
      if (c == '#') {
        while (i_ < s_.size() && s_[i_] != '\n' && s_[i_] != '\r') ++i_;
        continue;
      }
      if (c == '\\' && i_ + 1 < s_.size() && (s_[i_ + 1] == '\n' || s_[i_ + 1] == '\r')) {
        ++i_;
        newline();
        continue;
      }
      if (c == '\n' || c == '\r') {
        newline();
        if (depth_ == 0 && !at_line_start) {
          out.push_back({Tok::Newline, {}, line_, false, indent});
          at_line_start = true;
        }
        continue;
      }
      Token t;
      t.line = line_;
      if (at_line_start) {
        t.line_start = true;
        indent = column();
        at_line_start = false;
      }
      t.indent = indent;
      const std::size_t start = i_;
      if (auto q = string_start(); q != std::string_view::npos) {
        skip_string(q);
        t.kind = Tok::String;
      } else if (ident_start(static_cast<unsigned char>(c))) {
        while (i_ < s_.size() && ident_char(static_cast<unsigned char>(s_[i_]))) ++i_;
        t.kind = Tok::Name;
      } else if (c >= '0' && c <= '9') {
        while (i_ < s_.size() && (ident_char(static_cast<unsigned char>(s_[i_])) || s_[i_] == '.')) ++i_;
        t.kind = Tok::Number;
      } else {
        if (c == '(' || c == '[' || c == '{') ++depth_;
        if ((c == ')' || c == ']' || c == '}') && depth_ > 0) --depth_;
        ++i_;
        t.kind = Tok::Op;
      }
      t.text = s_.substr(start, i_ - start);
      out.push_back(t);
    }
    out.push_back({Tok::Newline, {}, line_, false, 0});
    out.push_back({Tok::End, {}, line_, false, 0});
    return out;
  }

 private:
  std::string_view s_;
  std::size_t i_ = 0;
  int line_ = 1;
  std::size_t line_begin_ = 0;
  int depth_ = 0;

  int column() const { return static_cast<int>(i_ - line_begin_); }

  void newline() {
    if (s_[i_] == '\r' && i_ + 1 < s_.size() && s_[i_ + 1] == '\n') ++i_;
    ++i_;
    ++line_;
    line_begin_ = i_;
  }

  // If a string literal starts at i_ (with an optional prefix of up to two letters among r, b, u, f, t), the
  // offset of its opening quote; npos otherwise.
  std::size_t string_start() const {
    std::size_t j = i_;
    for (int n = 0; n < 3 && j < s_.size(); ++n, ++j) {
      const char c = s_[j];
      if (c == '\'' || c == '"') return j;
      const char l = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
      if (n == 2 || (l != 'r' && l != 'b' && l != 'u' && l != 'f' && l != 't')) return std::string_view::npos;
    }
    return std::string_view::npos;
  }

  // Skips the literal whose opening quote is at `q` (its prefix starts at i_); leaves i_ after the closing
  // quote (or at the end of the input / line for an unterminated one).
  void skip_string(std::size_t q) {
    bool raw = false, fmt = false;
    for (std::size_t k = i_; k < q; ++k) {
      const char l = static_cast<char>(s_[k] | 0x20);
      raw = raw || l == 'r';
      fmt = fmt || l == 'f' || l == 't';
    }
    i_ = q;
    skip_body(raw, fmt);
  }

  void skip_body(bool raw, bool fmt) {
    const char quote = s_[i_];
    const bool triple = i_ + 2 < s_.size() && s_[i_ + 1] == quote && s_[i_ + 2] == quote;
    i_ += triple ? 3 : 1;
    while (i_ < s_.size()) {
      const char c = s_[i_];
      if (c == '\\') {
        // Even in a raw string a backslash keeps the next quote from ending the literal.
        if (i_ + 1 < s_.size() && (s_[i_ + 1] == '\n' || s_[i_ + 1] == '\r')) {
          ++i_;
          newline();
        } else {
          i_ += 2;
        }
        (void)raw;
        continue;
      }
      if (c == '\n' || c == '\r') {
        if (!triple) return;  // unterminated: the line ends it
        newline();
        continue;
      }
      if (c == quote) {
        if (!triple) {
          ++i_;
          return;
        }
        if (i_ + 2 < s_.size() && s_[i_ + 1] == quote && s_[i_ + 2] == quote) {
          i_ += 3;
          return;
        }
      }
      if (fmt && c == '{') {
        if (i_ + 1 < s_.size() && s_[i_ + 1] == '{') {
          i_ += 2;
          continue;
        }
        skip_replacement_field();
        continue;
      }
      ++i_;
    }
  }

  // `{ expression [!conv] [:spec] }` of an f-string; nested strings (PEP 701 allows the same quote) skipped.
  void skip_replacement_field() {
    int depth = 0;
    while (i_ < s_.size()) {
      const char c = s_[i_];
      if (c == '{' || c == '[' || c == '(') {
        ++depth;
        ++i_;
      } else if (c == '}' || c == ']' || c == ')') {
        --depth;
        ++i_;
        if (depth == 0) return;
      } else if (c == '\n' || c == '\r') {
        newline();
      } else if (auto q = string_start(); q != std::string_view::npos && (c == '\'' || c == '"' || q > i_)) {
        skip_string(q);
      } else {
        ++i_;
      }
    }
  }
};

// Reads `a.b.c` starting at tokens[k]; returns "" when there is no name.
std::string dotted(const std::vector<Token>& t, std::size_t& k) {
  std::string name;
  while (k < t.size() && t[k].kind == Tok::Name) {
    name += t[k].text;
    ++k;
    if (k + 1 < t.size() && t[k].kind == Tok::Op && t[k].text == "." && t[k + 1].kind == Tok::Name) {
      name += '.';
      ++k;
      continue;
    }
    break;
  }
  return name;
}

}  // namespace

std::string top_level(std::string_view module) { return std::string(module.substr(0, module.find('.'))); }

std::vector<ImportRef> scan_imports(std::string_view source) {
  // A UTF-8 byte order mark is not part of the code.
  if (source.substr(0, 3) == "\xEF\xBB\xBF") source.remove_prefix(3);
  const auto toks = Lexer(source).run();
  std::vector<ImportRef> out;
  bool stmt_start = true;
  bool after_colon = false;  // a statement after `:` on the same line (`try: import x`)
  int bracket = 0;           // brackets of the current statement (a `:` inside them is a slice or a dict)
  struct Block {
    int indent;
    bool guard;  // try / except
  };
  std::vector<Block> blocks;  // compound statements enclosing the current line, by indentation
  bool line_guard = false;    // the current logical line starts with try/except (one-line `try: import x`)
  for (std::size_t k = 0; k < toks.size(); ++k) {
    const Token& tk = toks[k];
    if (tk.kind == Tok::End) break;
    if (tk.kind == Tok::Newline) {
      stmt_start = true;
      after_colon = false;
      bracket = 0;
      continue;
    }
    const bool starts = stmt_start;
    stmt_start = false;
    if (tk.line_start) {
      while (!blocks.empty() && blocks.back().indent >= tk.indent) blocks.pop_back();
      line_guard = tk.kind == Tok::Name && (tk.text == "try" || tk.text == "except");
      if (tk.kind == Tok::Name &&
          (tk.text == "try" || tk.text == "except" || tk.text == "if" || tk.text == "elif" || tk.text == "else" ||
           tk.text == "for" || tk.text == "while" || tk.text == "with" || tk.text == "def" || tk.text == "class" ||
           tk.text == "async" || tk.text == "finally" || tk.text == "match" || tk.text == "case"))
        blocks.push_back({tk.indent, line_guard});
    }
    if (tk.kind == Tok::Op) {
      if (tk.text == "(" || tk.text == "[" || tk.text == "{") ++bracket;
      else if ((tk.text == ")" || tk.text == "]" || tk.text == "}") && bracket > 0) --bracket;
      else if (bracket == 0 && tk.text == ";") stmt_start = true;
      else if (bracket == 0 && tk.text == ":") {
        stmt_start = true;
        after_colon = true;
      }
      continue;
    }
    if (!starts || tk.kind != Tok::Name) continue;
    const bool conditional = tk.indent > 0 || after_colon;
    bool guarded = after_colon && line_guard;
    for (const auto& b : blocks)
      if (b.indent < tk.indent && b.guard) guarded = true;
    if (tk.text == "import") {
      std::size_t j = k + 1;
      while (true) {
        const std::string name = dotted(toks, j);
        if (name.empty()) break;
        if (name != "__future__") out.push_back({name, tk.line, conditional, guarded});
        if (j < toks.size() && toks[j].kind == Tok::Name && toks[j].text == "as") j += 2;  // `as alias`
        if (j < toks.size() && toks[j].kind == Tok::Op && toks[j].text == ",") {
          ++j;
          continue;
        }
        break;
      }
      k = j - 1;
    } else if (tk.text == "from") {
      std::size_t j = k + 1;
      if (j < toks.size() && toks[j].kind == Tok::Op && (toks[j].text == "." || toks[j].text == "...")) {
        continue;  // relative import: the app's own package
      }
      const std::string name = dotted(toks, j);
      if (name.empty() || j >= toks.size() || toks[j].kind != Tok::Name || toks[j].text != "import") continue;
      if (name != "__future__") out.push_back({name, tk.line, conditional, guarded});
      k = j;
    }
  }
  return out;
}

}  // namespace pinreqs::analysis
