// libcurl multi-interface transport. The only file that includes curl.
#include "transport.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <deque>
#include <mutex>
#include <random>
#include <thread>
#include <unordered_set>

namespace pinreqs::index::detail {
namespace {

using Clock = std::chrono::steady_clock;

std::string lower(std::string_view s) {
  std::string r(s);
  for (auto& c : r) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return r;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool is_file_url(const std::string& url) { return lower(url.substr(0, 7)) == "file://"; }

bool retryable(CURLcode rc) {
  switch (rc) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_PARTIAL_FILE:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_BAD_CONTENT_ENCODING:
      return true;
    default:
      return false;
  }
}

struct Transfer {
  HttpRequest request;
  Transport::Callback done;
  CURL* easy = nullptr;
  curl_slist* headers = nullptr;
  HttpResponse response;
  std::optional<std::int64_t> retry_after;  // seconds, from the last response
  char error_buffer[CURL_ERROR_SIZE] = {};

  ~Transfer() {
    if (easy) curl_easy_cleanup(easy);
    curl_slist_free_all(headers);
  }
};

std::size_t on_body(char* data, std::size_t size, std::size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  t->response.body.append(data, size * n);
  return size * n;
}

std::size_t on_header(char* data, std::size_t size, std::size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  std::string_view line(data, size * n);
  if (line.substr(0, 5) == "HTTP/") {  // a new response (after a redirect or 100-continue): forget the old one
    t->response.content_type.clear();
    t->response.etag.clear();
    t->response.last_modified.clear();
    t->response.cache_control.clear();
    t->retry_after.reset();
    return size * n;
  }
  auto colon = line.find(':');
  if (colon == std::string_view::npos) return size * n;
  auto name = lower(trim(line.substr(0, colon)));
  auto value = std::string(trim(line.substr(colon + 1)));
  if (name == "content-type") t->response.content_type = value;
  else if (name == "etag") t->response.etag = value;
  else if (name == "last-modified") t->response.last_modified = value;
  else if (name == "cache-control") t->response.cache_control = value;
  else if (name == "retry-after") {
    bool digits = !value.empty() && std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (digits && value.size() < 10) {
      t->retry_after = std::stoll(value);
    } else {
      auto when = curl_getdate(value.c_str(), nullptr);
      if (when > 0) t->retry_after = std::max<std::int64_t>(0, when - static_cast<std::int64_t>(std::time(nullptr)));
    }
  }
  return size * n;
}

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

std::optional<std::int64_t> parse_max_age(const std::string& cache_control) {
  if (cache_control.empty()) return std::nullopt;
  auto cc = lower(cache_control);
  if (cc.find("no-store") != std::string::npos || cc.find("no-cache") != std::string::npos) return 0;
  auto pos = cc.find("max-age");
  if (pos == std::string::npos) return std::nullopt;
  pos += 7;
  while (pos < cc.size() && (cc[pos] == ' ' || cc[pos] == '=')) ++pos;
  std::int64_t v = 0;
  bool any = false;
  while (pos < cc.size() && cc[pos] >= '0' && cc[pos] <= '9' && v < 1'000'000'000) {
    v = v * 10 + (cc[pos++] - '0');
    any = true;
  }
  return any ? std::optional<std::int64_t>(v) : std::nullopt;
}

struct Transport::Impl {
  TransportOptions opts;
  CURLM* multi = nullptr;
  int active = 0;
  std::unordered_set<Transfer*> in_flight;
  std::vector<std::pair<Clock::time_point, std::unique_ptr<Transfer>>> delayed;  // retries waiting
  std::deque<std::function<void()>> posted;
  TransportStats stats;
  std::mt19937 rng{std::random_device{}()};

  void start(std::unique_ptr<Transfer> t) {
    t->response.body.clear();
    t->response.attempts += 1;
    if (is_file_url(t->request.url)) ++stats.file_reads;
    else ++stats.requests;
    if (!t->easy) configure(*t);
    curl_multi_add_handle(multi, t->easy);
    ++active;
    in_flight.insert(t.release());  // owned by the multi handle until completion (CURLINFO_PRIVATE)
  }

  void configure(Transfer& t) {
    CURL* e = curl_easy_init();
    t.easy = e;
    curl_easy_setopt(e, CURLOPT_URL, t.request.url.c_str());
    curl_easy_setopt(e, CURLOPT_PRIVATE, static_cast<void*>(&t));
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, static_cast<void*>(&t));
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, static_cast<void*>(&t));
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t.error_buffer);
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(e, CURLOPT_MAXREDIRS, 5L);
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https,file");
    // Never follow an https URL down to plain http (credentials and integrity would leak/break).
    curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, lower(t.request.url.substr(0, 8)) == "https://" ? "https" : "http,https");
    curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(opts.connect_timeout.count()));
    curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, static_cast<long>(opts.low_speed_seconds));
    curl_easy_setopt(e, CURLOPT_USERAGENT, opts.user_agent.c_str());
    curl_easy_setopt(e, CURLOPT_NETRC, static_cast<long>(CURL_NETRC_OPTIONAL));
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!opts.ca_bundle.empty()) curl_easy_setopt(e, CURLOPT_CAINFO, opts.ca_bundle.c_str());
    // Over TLS, wait for the first connection to tell whether it multiplexes (HTTP/2) rather than open more;
    // plain http never gets HTTP/2 here, and waiting would only serialise the first requests.
    if (t.request.url.rfind("https://", 0) == 0) curl_easy_setopt(e, CURLOPT_PIPEWAIT, 1L);
    for (const auto& h : t.request.headers) t.headers = curl_slist_append(t.headers, h.c_str());
    if (t.headers) curl_easy_setopt(e, CURLOPT_HTTPHEADER, t.headers);
  }

  std::chrono::milliseconds backoff(const Transfer& t) {
    auto exp = opts.backoff_base * (1LL << std::min(t.response.attempts - 1, 10));
    auto capped = std::min<std::chrono::milliseconds>(std::chrono::duration_cast<std::chrono::milliseconds>(exp),
                                                      opts.max_backoff);
    std::uniform_real_distribution<double> jitter(0.5, 1.0);
    auto d = std::chrono::milliseconds(static_cast<std::int64_t>(static_cast<double>(capped.count()) * jitter(rng)));
    if (t.retry_after) {
      auto ra = std::chrono::milliseconds(std::min<std::int64_t>(*t.retry_after, 60) * 1000);
      d = std::max(d, ra);
    }
    return d;
  }

  void finish(CURL* easy, CURLcode rc) {
    Transfer* raw = nullptr;
    curl_easy_getinfo(easy, CURLINFO_PRIVATE, reinterpret_cast<char**>(&raw));
    curl_multi_remove_handle(multi, easy);
    in_flight.erase(raw);
    --active;
    std::unique_ptr<Transfer> t(raw);
    auto& r = t->response;
    bool file = is_file_url(t->request.url);
    bool retry = false;
    if (rc == CURLE_OK) {
      long code = 0;
      curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &code);
      r.status = file ? 200 : code;
      char* eff = nullptr;
      curl_easy_getinfo(easy, CURLINFO_EFFECTIVE_URL, &eff);
      r.effective_url = eff ? eff : t->request.url;
      r.error.clear();
      retry = !file && (r.status == 429 || r.status >= 500);
    } else if (file && (rc == CURLE_FILE_COULDNT_READ_FILE || rc == CURLE_REMOTE_FILE_NOT_FOUND)) {
      r.status = 404;
      r.effective_url = t->request.url;
      r.error.clear();
    } else {
      r.status = 0;
      r.error = t->error_buffer[0] ? std::string(t->error_buffer) : std::string(curl_easy_strerror(rc));
      retry = !file && retryable(rc);
    }
    stats.bytes += r.body.size();
    if (retry && r.attempts <= opts.max_retries) {
      ++stats.retries;
      auto due = Clock::now() + backoff(*t);
      t->error_buffer[0] = 0;
      delayed.emplace_back(due, std::move(t));
      return;
    }
    auto cb = std::move(t->done);
    HttpResponse resp = std::move(t->response);
    t.reset();
    cb(std::move(resp));
  }

  void start_due() {
    auto now = Clock::now();
    for (std::size_t i = 0; i < delayed.size();) {
      if (delayed[i].first <= now) {
        auto t = std::move(delayed[i].second);
        delayed.erase(delayed.begin() + static_cast<std::ptrdiff_t>(i));
        start(std::move(t));
      } else {
        ++i;
      }
    }
  }

  void drain_messages() {
    int left = 0;
    while (CURLMsg* m = curl_multi_info_read(multi, &left)) {
      if (m->msg == CURLMSG_DONE) finish(m->easy_handle, m->data.result);
    }
  }

  bool run_posted() {
    bool any = false;
    while (!posted.empty()) {
      auto fn = std::move(posted.front());
      posted.pop_front();
      fn();
      any = true;
    }
    return any;
  }
};

Transport::Transport(TransportOptions options) : impl_(std::make_unique<Impl>()) {
  global_init();
  impl_->opts = std::move(options);
  if (impl_->opts.max_parallel < 1) impl_->opts.max_parallel = 1;
  impl_->multi = curl_multi_init();
  curl_multi_setopt(impl_->multi, CURLMOPT_PIPELINING, static_cast<long>(CURLPIPE_MULTIPLEX));
  curl_multi_setopt(impl_->multi, CURLMOPT_MAX_HOST_CONNECTIONS, static_cast<long>(impl_->opts.max_parallel));
  curl_multi_setopt(impl_->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, static_cast<long>(impl_->opts.max_parallel));
}

Transport::~Transport() {
  // Abandon transfers still in flight (callbacks are not called).
  for (Transfer* t : impl_->in_flight) {
    curl_multi_remove_handle(impl_->multi, t->easy);
    delete t;
  }
  impl_->in_flight.clear();
  impl_->delayed.clear();
  curl_multi_cleanup(impl_->multi);
}

void Transport::submit(HttpRequest request, Callback done) {
  auto t = std::make_unique<Transfer>();
  t->request = std::move(request);
  t->done = std::move(done);
  impl_->start(std::move(t));
}

void Transport::post(std::function<void()> fn) { impl_->posted.push_back(std::move(fn)); }

bool Transport::idle() const { return impl_->active == 0 && impl_->delayed.empty() && impl_->posted.empty(); }

TransportStats Transport::stats() const { return impl_->stats; }

void Transport::poke() {
  int running = 0;
  impl_->start_due();
  curl_multi_perform(impl_->multi, &running);
  impl_->drain_messages();
}

void Transport::run_until(const std::function<bool()>& done) {
  auto& im = *impl_;
  for (;;) {
    im.run_posted();
    if (done()) return;
    im.start_due();
    int running = 0;
    curl_multi_perform(im.multi, &running);
    im.drain_messages();
    if (!im.posted.empty()) continue;
    if (done()) return;
    if (im.active == 0 && im.delayed.empty()) return;
    int timeout_ms = 1000;
    if (!im.delayed.empty()) {
      auto next = std::min_element(im.delayed.begin(), im.delayed.end(),
                                   [](const auto& a, const auto& b) { return a.first < b.first; })
                      ->first;
      auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(next - Clock::now()).count();
      timeout_ms = static_cast<int>(std::clamp<std::int64_t>(ms, 0, 1000));
    }
    if (im.active > 0) {
      curl_multi_poll(im.multi, nullptr, 0, timeout_ms, nullptr);
    } else if (timeout_ms > 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(timeout_ms));
    }
  }
}

}  // namespace pinreqs::index::detail
