// The one translation unit that includes CLI11: it turns argv into the option structs of options.hpp.
#include "pinreqs/cli/app.hpp"

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <cstring>
#include <string>
#include <vector>

#include "pinreqs/cli/commands.hpp"
#include "version_info.hpp"

namespace pinreqs::cli {
namespace {

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
  static const std::vector<std::string> names = {"pin", "compile", "check", "doctor", "cache", "help"};
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

}  // namespace

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

  CLI::App app{"pinreqs: pin Python requirements for the Python and platform you deploy to", "pinreqs"};
  app.set_version_flag("-V,--version", version_text());
  app.footer(kExamples);
  app.require_subcommand(0, 1);

  PinOptions pin;
  auto* pin_cmd = app.add_subcommand("pin", "Pin a requirements file in place (the default command)");
  pin_cmd->add_option("files", pin.files, "Requirements files (each is rewritten in place)")->required();
  add_common(*pin_cmd, pin.common);
  add_output_format(*pin_cmd, pin.common);
  pin_cmd->add_flag("--top-level-only", pin.top_level_only, "Pin only the listed requirements; no generated block");
  pin_cmd->add_flag("--dry-run", pin.dry_run, "Print a unified diff of what would change; write nothing");
  pin_cmd->add_flag("--diff", pin.diff, "Same as --dry-run");
  pin_cmd->add_option("-o,--output", pin.output, "Write the pinned file here instead of in place");
  pin_cmd->add_flag("-U,--upgrade", pin.upgrade, "Re-resolve everything, ignoring existing pins");
  pin_cmd->add_option("-P,--upgrade-package", pin.upgrade_packages, "Re-resolve only these packages");
  pin_cmd->footer("\nExample: pinreqs requirements.txt --python 3.12 --platform x86_64-manylinux_2_28 --diff");

  CompileOptions compile;
  auto* compile_cmd = app.add_subcommand("compile", "Compile requirements.in into a full pinned lock (pip-compile style)");
  compile_cmd->add_option("inputs", compile.inputs, "Input files (requirements.in, pyproject.toml)")->required();
  add_common(*compile_cmd, compile.common);
  compile_cmd->add_option("-o,--output-file", compile.output, "Output file (default: stdout)");
  compile_cmd->add_flag("--generate-hashes", compile.generate_hashes, "Add --hash for the files that fit the target");
  compile_cmd->add_flag("--all-platform-hashes", compile.all_platform_hashes, "Hash every file of each release");
  compile_cmd->add_option("--annotation-style", compile.annotation_style, "split (default) or line")
      ->check(CLI::IsMember({"split", "line"}));
  compile_cmd->add_flag("!--no-annotate", compile.annotate, "Omit the `# via` notes");
  compile_cmd->add_flag("!--no-header", compile.header, "Omit the header");
  compile_cmd->add_flag("--strip-extras", compile.strip_extras, "Write `name==v` without `[extras]`");
  compile_cmd->add_option("--format", compile.output_format, "requirements (default), pylock (PEP 751) or json")
      ->check(CLI::IsMember({"requirements", "pylock", "json"}));
  compile_cmd->add_flag("-U,--upgrade", compile.upgrade, "Ignore pins in an existing output file");
  compile_cmd->add_option("-P,--upgrade-package", compile.upgrade_packages, "Re-resolve only these packages");
  compile_cmd->footer("\nExample: pinreqs compile requirements.in -o requirements.txt --generate-hashes");

  CheckOptions check;
  auto* check_cmd = app.add_subcommand(
      "check", "Will every pin install from a wheel on each target Python? How heavy is it, and is it used?");
  check_cmd->add_option("files", check.files, "Requirements files (default: requirements.txt)");
  add_common_no_target(*check_cmd, check.common);
  add_output_format(*check_cmd, check.common, true);
  check_cmd->add_option("--python,--python-version", check.pythons,
                        "Target Python, repeatable (default: the deploy Python and the next newer one)")
      ->group("Target");
  check_cmd->add_option("--platform,--python-platform", check.platforms,
                        "Target platform, repeatable (default: x86_64-manylinux_2_28)")
      ->group("Target");
  check_cmd->add_flag("--allow-sdist", check.allow_sdist, "Do not fail when pip would build from source");
  check_cmd->add_option("--heavy-mb", check.heavy_mb, "Size above which a compiled wheel counts as heavy")
      ->capture_default_str();
  check_cmd->add_option("--max-size", check.max_size, "Fail when a target's download exceeds this, e.g. 500MB");
  check_cmd->add_option("--app-dir", check.app_dir, "Folder of the app's .py files (default: the file's folder)");
  check_cmd->add_flag("--no-imports", check.no_imports, "Skip the unused/missing import scan");
  check_cmd->footer("\nExample: pinreqs check requirements.txt --python 3.11 --python 3.13");

  DoctorOptions doctor;
  auto* doctor_cmd = app.add_subcommand("doctor", "Deploy preflight of a repository");
  doctor_cmd->add_option("dir", doctor.dir, "Repository folder (default: .)");
  add_common_no_target(*doctor_cmd, doctor.common);
  add_output_format(*doctor_cmd, doctor.common, true);
  doctor_cmd->add_option("--host", doctor.host, "Size limits of: github (default), gitlab, huggingface, bitbucket")
      ->check(CLI::IsMember({"github", "gitlab", "huggingface", "bitbucket"}));
  doctor_cmd->add_option("--max-file-mb", doctor.max_file_mb, "Largest file a push may carry (overrides --host)");
  doctor_cmd->add_flag("--require-hashes", doctor.require_hashes, "Pins without --hash fail the check");
  doctor_cmd->add_flag("--no-wheel-check", doctor.no_wheel_check, "Skip the wheel check for the runtime Python");
  doctor_cmd->footer("\nExample: pinreqs doctor . --host github");

  CacheOptions cache;
  auto* cache_cmd = app.add_subcommand("cache", "Show or clean the metadata cache");
  cache_cmd->add_option("action", cache.action, "dir, info or clean")
      ->required()
      ->check(CLI::IsMember({"dir", "info", "clean"}));
  cache_cmd->add_option("packages", cache.packages, "clean: only these projects");
  cache_cmd->add_option("--cache-dir", cache.cache_dir, "Cache folder")->envname("PINREQS_CACHE_DIR");

  auto* help_cmd = app.add_subcommand("help", "Show help");

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

  if (pin_cmd->parsed()) return run_pin(pin);
  if (compile_cmd->parsed()) {
    compile.command_line = join_args(argc, argv);
    return run_compile(compile);
  }
  if (cache_cmd->parsed()) return run_cache(cache);
  if (check_cmd->parsed()) {
    if (check.files.empty()) check.files.push_back("requirements.txt");
    return run_check(check);
  }
  if (doctor_cmd->parsed()) return run_doctor(doctor);
  if (help_cmd->parsed() || argc <= 1) {
    fmt::print("{}", app.help());
    return 0;
  }
  return 0;
}

}  // namespace pinreqs::cli
