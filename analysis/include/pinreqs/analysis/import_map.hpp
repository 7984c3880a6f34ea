#pragma once
// Which distributions provide an import: the curated table (analysis/data/import_names.tsv, longest dotted
// prefix wins) and name heuristics (the import normalized like a project name: `sentence_transformers` ->
// sentence-transformers; for a dotted import also each prefix: `google.cloud.storage` -> google-cloud-storage;
// last the wrapper spellings python-X, X-python and pyX of the top-level module: `multipart` -> python-multipart).
#include <string>
#include <string_view>
#include <vector>

#include "pinreqs/common/error.hpp"
#include "pinreqs/parsers/name.hpp"

namespace pinreqs::analysis {

class ImportMap {
 public:
  static Result<ImportMap> parse(std::string_view tsv, std::string_view file_name = "import_names.tsv");
  static const ImportMap& builtin();

  // Distributions that may provide `module` (a dotted import), most likely first, without duplicates.
  [[nodiscard]] std::vector<PackageName> candidates(std::string_view module) const;
  // The one to suggest when nothing provides it: the table's main distribution, else the normalized name.
  [[nodiscard]] PackageName suggest(std::string_view module) const;
  // The table's main distribution only (empty when the table does not list the import).
  [[nodiscard]] PackageName listed(std::string_view module) const;

 private:
  struct Row {
    std::string import;  // as written, case kept (PIL)
    PackageName distribution;
    std::vector<PackageName> also;
  };
  std::vector<Row> rows_;
  [[nodiscard]] const Row* lookup(std::string_view module) const;
};

}  // namespace pinreqs::analysis
