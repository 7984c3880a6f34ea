// `pinreqs cache dir|info|clean`.
#include <fmt/core.h>

#include "console.hpp"
#include "pinreqs/cache/metadata_cache.hpp"
#include "pinreqs/cli/commands.hpp"

namespace pinreqs::cli {

int run_cache(const CacheOptions& o) {
  const Console console(CommonOptions{});
  const std::filesystem::path dir = o.cache_dir ? std::filesystem::path(*o.cache_dir) : cache::default_cache_dir();
  if (o.action == "dir") {
    console.out(dir.string() + "\n");
    return 0;
  }
  if (o.action == "info") {
    auto st = cache::stats(dir);
    if (!st) return report_error(console, st.error());
    console.out(fmt::format("cache dir: {}\ndatabase:  {}\nentries:   {}\nprojects:  {}\nsize:      {:.1f} MB\n",
                            dir.string(), st->file.string(), st->entries, st->projects,
                            static_cast<double>(st->bytes) / 1e6));
    return 0;
  }
  if (!o.packages.empty()) {
    console.error("cleaning single projects is not supported yet; `pinreqs cache clean` removes the whole cache");
    return 1;
  }
  auto freed = cache::clean(dir);
  if (!freed) return report_error(console, freed.error());
  console.out(fmt::format("removed {} ({:.1f} MB)\n", dir.string(), static_cast<double>(*freed) / 1e6));
  return 0;
}

}  // namespace pinreqs::cli
