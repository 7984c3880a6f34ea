#pragma once
// HTTP(S)/file transport on the libcurl multi interface (private: curl stays in transport.cpp).
// Single-threaded: submit() queues a transfer; run_until() drives all transfers (and retries) and invokes
// completion callbacks on the calling thread. Retries 5xx/429/transport errors with exponential backoff + jitter,
// honouring Retry-After.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace pinreqs::index::detail {

struct TransportOptions {
  int max_parallel = 16;
  int max_retries = 3;
  std::chrono::milliseconds backoff_base{200};
  std::chrono::milliseconds max_backoff{10000};
  std::chrono::milliseconds connect_timeout{10000};
  int low_speed_seconds = 30;  // abort a transfer slower than 1 byte/s for this long
  std::string ca_bundle;
  std::string user_agent;
};

struct HttpRequest {
  std::string url;
  std::vector<std::string> headers;  // "Name: value"
};

struct HttpResponse {
  long status = 0;               // HTTP status; file:// success is 200 here, a missing file 404
  std::string body;
  std::string content_type;
  std::string etag;
  std::string last_modified;
  std::string cache_control;
  std::string effective_url;     // after redirects
  std::string error;             // non-empty: the transfer failed (after retries)
  int attempts = 0;
};

struct TransportStats {
  std::uint64_t requests = 0;  // HTTP requests sent, retries included (file:// reads excluded)
  std::uint64_t file_reads = 0;
  std::uint64_t retries = 0;
  std::uint64_t bytes = 0;     // body bytes received (after decompression)
};

class Transport {
 public:
  using Callback = std::function<void(HttpResponse&&)>;
  explicit Transport(TransportOptions options);
  ~Transport();
  Transport(const Transport&) = delete;
  Transport& operator=(const Transport&) = delete;

  void submit(HttpRequest request, Callback done);
  // A callback to run from the loop (keeps callbacks from nesting inside submit()).
  void post(std::function<void()> fn);
  // Drives transfers until done() is true or nothing is left to do.
  void run_until(const std::function<bool()>& done);
  // One non-blocking step (starts queued transfers).
  void poke();
  [[nodiscard]] bool idle() const;
  [[nodiscard]] TransportStats stats() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

// "max-age=600, public" -> 600; no-store/no-cache -> 0; absent -> nullopt.
std::optional<std::int64_t> parse_max_age(const std::string& cache_control);

}  // namespace pinreqs::index::detail
