// The one translation unit that includes CLI11: it turns argv into the option structs of options.hpp.
#include "pinreqs/cli/app.hpp"

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <cstring>
#include <string>
#include <vector>

#include "pinreqs/cli/cli_model.hpp"
#include "pinreqs/cli/commands.hpp"
#include "version_info.hpp"

namespace pinreqs::cli {
namespace {

constexpr const char* kDescription = "pinreqs: pin Python requirements for the Python and platform you deploy to";

constexpr const char* kExamples = R"(
Examples:
  pinreqs requirements.txt                      pin every range in place, append the transitive lock
  pinreqs requirements.txt --diff               show what would change, write nothing
  pinreqs requirements.txt --python 3.13        pin for the Python you will deploy to
  pinreqs compile requirements.in -o requirements.txt --generate-hashes
  pinreqs cache info

Exit status: 0 ok, 1 input error / no solution / a check failed, 2 network, I/O or internal error.
)";

const std::vector<std::string>& subcommand_names() {
  static const std::vector<std::string> names = {"pin", "compile", "check", "doctor", "cache", "completion", "man", "help"};
  return names;
}

void add_common(CLI::App& cmd, CommonOptions& o) {
  auto* target = "Target";
  cmd.add_option("--python,--python-version", o.python,
                 "Target Python, e.g. 3.12 (default: .python-version, runtime.txt, pyproject.toml, python3 on PATH, 3.12)")
      ->group(target);
  cmd.add_option("--platform,--python-platform", o.platform,
                 "Target platform in uv's names, e.g. x86_64-manylinux_2_28 (default), aarch64-apple-darwin, "
                 "x86_64-pc-windows-msvc, linux, macos, windows")
      ->group(target);
  auto* idx = "Index";
  cmd.add_option("-i,--index-url", o.index_url,
                 "Package index: a JSON API base (https://pypi.org/pypi, the default), a Simple API base (…/simple) "
                 "or a file:// folder of recorded JSON")
      ->envname("PIP_INDEX_URL")
      ->group(idx);
  cmd.add_option("--extra-index-url", o.extra_index_urls,
                 "More indexes; the first index that has a project wins (guards against dependency confusion)")
      ->group(idx);
  cmd.add_flag("--no-index", o.no_index, "Ignore every index URL (use only the cache)")->group(idx);
  cmd.add_option("--cache-dir", o.cache_dir, "Cache folder (default $XDG_CACHE_HOME/pinreqs)")
      ->envname("PINREQS_CACHE_DIR")
      ->group(idx);
  cmd.add_flag("--no-cache", o.no_cache, "Use a throw-away cache for this run")->group(idx);
  cmd.add_flag("--offline", o.offline, "Use only cached metadata; name what is missing")->group(idx);
  cmd.add_flag("--refresh", o.refresh, "Revalidate every cached document")->group(idx);
  cmd.add_option("--cert", o.ca_bundle, "CA bundle for TLS verification")->group(idx);
  auto* res = "Resolution";
  cmd.add_option("--exclude-newer", o.exclude_newer,
                 "Ignore files uploaded after this date (YYYY-MM-DD or RFC 3339), for reproducible resolutions")
      ->group(res);
  cmd.add_flag("--pre", o.pre, "Allow pre-releases for every package (default: only when named or needed)")
      ->group(res);
  cmd.add_option("--only-binary", o.only_binary, "Never use sdists for these packages (:all: for all, :none:)")
      ->delimiter(',')
      ->group(res);
  cmd.add_option("--resolution", o.resolution, "highest (default), lowest, or lowest-direct")
      ->check(CLI::IsMember({"highest", "lowest", "lowest-direct"}))
      ->group(res);
  auto* out = "Output";
  cmd.add_flag("-v,--verbose", o.verbose, "More detail on stderr (repeatable)")->group(out);
  cmd.add_flag("-q,--quiet", o.quiet, "Only errors on stderr")->group(out);
  cmd.add_option("--color", o.color, "auto (default), always or never; NO_COLOR is honoured")
      ->transform(CLI::CheckedTransformer(
          std::map<std::string, ColorMode>{{"auto", ColorMode::Auto}, {"always", ColorMode::Always},
                                           {"never", ColorMode::Never}},
          CLI::ignore_case))
      ->group(out);
}

void add_output_format(CLI::App& cmd, CommonOptions& o, bool github = false) {
  std::map<std::string, OutputFormat> formats{{"text", OutputFormat::Text}, {"json", OutputFormat::Json}};
  if (github) formats.emplace("github", OutputFormat::Github);
  cmd.add_option("--format", o.format,
                 github ? "text (default), json, or github (GitHub Actions annotations)" : "text (default) or json")
      ->transform(CLI::CheckedTransformer(formats, CLI::ignore_case))
      ->group("Output");
}

// The index/cache/output options without the single-target ones (check takes several targets).
void add_common_no_target(CLI::App& cmd, CommonOptions& o) {
  add_common(cmd, o);
  cmd.remove_option(cmd.get_option("--python"));
  cmd.remove_option(cmd.get_option("--platform"));
}

std::string join_args(int argc, char** argv) {
  std::string s = "pinreqs";
  for (int i = 1; i < argc; ++i) {
    s += ' ';
    s += argv[i];
  }
  return s;
}

struct AllOptions {
  PinOptions pin;
  CompileOptions compile;
  CheckOptions check;
  DoctorOptions doctor;
  CacheOptions cache;
  std::string shell;  // completion
};

struct Commands {
  CLI::App* pin = nullptr;
  CLI::App* compile = nullptr;
  CLI::App* check = nullptr;
  CLI::App* doctor = nullptr;
  CLI::App* cache = nullptr;
  CLI::App* completion = nullptr;
  CLI::App* man = nullptr;
  CLI::App* help = nullptr;
};

// Every command and option of pinreqs: the one definition behind --help, the man page and the completions.
Commands define(CLI::App& app, AllOptions& o) {
  Commands c;
  app.set_version_flag("-V,--version", version_text());
  app.footer(kExamples);
  app.require_subcommand(0, 1);

  c.pin = app.add_subcommand("pin", "Pin a requirements file in place (the default command)");
  c.pin->add_option("files", o.pin.files, "Requirements files (each is rewritten in place)")->required();
  add_common(*c.pin, o.pin.common);
  add_output_format(*c.pin, o.pin.common);
  c.pin->add_flag("--top-level-only", o.pin.top_level_only, "Pin only the listed requirements; no generated block");
  c.pin->add_flag("--dry-run", o.pin.dry_run, "Print a unified diff of what would change; write nothing");
  c.pin->add_flag("--diff", o.pin.diff, "Same as --dry-run");
  c.pin->add_option("-o,--output", o.pin.output, "Write the pinned file here instead of in place");
  c.pin->add_flag("-U,--upgrade", o.pin.upgrade, "Re-resolve everything, ignoring existing pins");
  c.pin->add_option("-P,--upgrade-package", o.pin.upgrade_packages, "Re-resolve only these packages");
  c.pin->footer("\nExample: pinreqs requirements.txt --python 3.12 --platform x86_64-manylinux_2_28 --diff");

  c.compile = app.add_subcommand("compile", "Compile requirements.in into a full pinned lock (pip-compile style)");
  c.compile->add_option("inputs", o.compile.inputs, "Input files (requirements.in, pyproject.toml)")->required();
  add_common(*c.compile, o.compile.common);
  c.compile->add_option("-o,--output-file", o.compile.output, "Output file (default: stdout)");
  c.compile->add_flag("--generate-hashes", o.compile.generate_hashes, "Add --hash for the files that fit the target");
  c.compile->add_flag("--all-platform-hashes", o.compile.all_platform_hashes, "Hash every file of each release");
  c.compile->add_option("--annotation-style", o.compile.annotation_style, "split (default) or line")
      ->check(CLI::IsMember({"split", "line"}));
  c.compile->add_flag("!--no-annotate", o.compile.annotate, "Omit the `# via` notes");
  c.compile->add_flag("!--no-header", o.compile.header, "Omit the header");
  c.compile->add_flag("--strip-extras", o.compile.strip_extras, "Write `name==v` without `[extras]`");
  c.compile->add_option("--format", o.compile.output_format, "requirements (default), pylock (PEP 751) or json")
      ->check(CLI::IsMember({"requirements", "pylock", "json"}));
  c.compile->add_flag("-U,--upgrade", o.compile.upgrade, "Ignore pins in an existing output file");
  c.compile->add_option("-P,--upgrade-package", o.compile.upgrade_packages, "Re-resolve only these packages");
  c.compile->footer("\nExample: pinreqs compile requirements.in -o requirements.txt --generate-hashes");

  c.check = app.add_subcommand(
      "check", "Will every pin install from a wheel on each target Python? How heavy is it, and is it used?");
  c.check->add_option("files", o.check.files, "Requirements files (default: requirements.txt)");
  add_common_no_target(*c.check, o.check.common);
  add_output_format(*c.check, o.check.common, true);
  c.check->add_option("--python,--python-version", o.check.pythons,
                        "Target Python, repeatable (default: the deploy Python and the next newer one)")
      ->group("Target");
  c.check->add_option("--platform,--python-platform", o.check.platforms,
                        "Target platform, repeatable (default: x86_64-manylinux_2_28)")
      ->group("Target");
  c.check->add_flag("--allow-sdist", o.check.allow_sdist, "Do not fail when pip would build from source");
  c.check->add_option("--heavy-mb", o.check.heavy_mb, "Size above which a compiled wheel counts as heavy")
      ->capture_default_str();
  c.check->add_option("--max-size", o.check.max_size, "Fail when a target's download exceeds this, e.g. 500MB");
  c.check->add_option("--app-dir", o.check.app_dir, "Folder of the app's .py files (default: the file's folder)");
  c.check->add_flag("--no-imports", o.check.no_imports, "Skip the unused/missing import scan");
  c.check->add_flag("--require-pinned", o.check.require_pinned,
                    "Fail when a requirement is a range or has no version (the pre-commit hook uses this)");
  c.check->footer("\nExample: pinreqs check requirements.txt --python 3.11 --python 3.13");

  c.doctor = app.add_subcommand("doctor", "Deploy preflight of a repository");
  c.doctor->add_option("dir", o.doctor.dir, "Repository folder (default: .)");
  add_common_no_target(*c.doctor, o.doctor.common);
  add_output_format(*c.doctor, o.doctor.common, true);
  c.doctor->add_option("--host", o.doctor.host, "Size limits of: github (default), gitlab, huggingface, bitbucket")
      ->check(CLI::IsMember({"github", "gitlab", "huggingface", "bitbucket"}));
  c.doctor->add_option("--max-file-mb", o.doctor.max_file_mb, "Largest file a push may carry (overrides --host)");
  c.doctor->add_flag("--require-hashes", o.doctor.require_hashes, "Pins without --hash fail the check");
  c.doctor->add_flag("--no-wheel-check", o.doctor.no_wheel_check, "Skip the wheel check for the runtime Python");
  c.doctor->footer("\nExample: pinreqs doctor . --host github");

  c.cache = app.add_subcommand("cache", "Show or clean the metadata cache");
  c.cache->add_option("action", o.cache.action, "dir, info or clean")
      ->required()
      ->check(CLI::IsMember({"dir", "info", "clean"}));
  c.cache->add_option("packages", o.cache.packages, "clean: only these projects");
  c.cache->add_option("--cache-dir", o.cache.cache_dir, "Cache folder")->envname("PINREQS_CACHE_DIR");

  c.help = app.add_subcommand("help", "Show help");

  c.completion = app.add_subcommand("completion", "Print a shell completion script (bash, zsh or fish)");
  c.completion->add_option("shell", o.shell, "bash, zsh or fish")->required()->check(CLI::IsMember({"bash", "zsh", "fish"}));
  c.man = app.add_subcommand("man", "Print the man page (roff)");
  return c;
}

OptionModel option_model(const CLI::Option& opt) {
  OptionModel m;
  m.long_names = opt.get_lnames();
  m.short_names = opt.get_snames();
  m.description = opt.get_description();
  m.group = opt.get_group();
  m.positional = opt.get_positional();
  m.takes_value = opt.get_type_size_max() > 0;
  m.value_name = m.positional ? opt.get_name() : "VALUE";
  return m;
}

CommandModel app_model(const CLI::App& app) {
  CommandModel m;
  m.name = app.get_name();
  m.description = app.get_description();
  m.footer = app.get_footer();
  for (const CLI::Option* opt : app.get_options()) m.options.push_back(option_model(*opt));
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; }))
    m.subcommands.push_back(app_model(*sub));
  return m;
}

}  // namespace

CommandModel command_model() {
  CLI::App app{kDescription, "pinreqs"};
  AllOptions o;
  define(app, o);
  CommandModel m = app_model(app);
  m.name = "pinreqs";
  return m;
}

int run(int argc, char** argv) {
  // `pinreqs FILE…` means `pinreqs pin FILE…`: insert the default subcommand unless the first argument is a
  // subcommand or a top-level flag.
  std::vector<std::string> args(argv, argv + argc);
  if (args.size() > 1) {
    const std::string& first = args[1];
    const bool is_sub = std::find(subcommand_names().begin(), subcommand_names().end(), first) !=
                        subcommand_names().end();
    const bool is_top_flag = first == "-h" || first == "--help" || first == "-V" || first == "--version";
    if (!is_sub && !is_top_flag) args.insert(args.begin() + 1, "pin");
  }

  CLI::App app{kDescription, "pinreqs"};
  AllOptions o;
  const Commands c = define(app, o);

  std::vector<const char*> cargv;
  for (const auto& a : args) cargv.push_back(a.c_str());
  try {
    app.parse(static_cast<int>(cargv.size()), const_cast<char**>(cargv.data()));
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return 1;
  }

  if (c.pin->parsed()) return run_pin(o.pin);
  if (c.compile->parsed()) {
    o.compile.command_line = join_args(argc, argv);
    return run_compile(o.compile);
  }
  if (c.cache->parsed()) return run_cache(o.cache);
  if (c.check->parsed()) {
    if (o.check.files.empty()) o.check.files.push_back("requirements.txt");
    return run_check(o.check);
  }
  if (c.doctor->parsed()) return run_doctor(o.doctor);
  if (c.completion->parsed()) {
    std::fputs(render_completion(command_model(), o.shell).c_str(), stdout);
    return 0;
  }
  if (c.man->parsed()) {
    std::fputs(render_man_page(command_model(), PINREQS_VERSION, "2026-11-26").c_str(), stdout);
    return 0;
  }
  if (c.help->parsed() || argc <= 1) {
    fmt::print("{}", app.help());
    return 0;
  }
  return 0;
}

}  // namespace pinreqs::cli
