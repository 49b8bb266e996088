#pragma once
// The control plane under /__admin/ (the convention WireMock users know), documented in
// specs/statuskit-admin.yaml: health, reset, per-session state and the request journal.

#include <string>

#include "mock_exchange.h"

namespace statuskit::mock {

class ControlPlane;
class RequestJournal;

class AdminApi {
 public:
  static constexpr std::string_view kPrefix = "/__admin/";

  /// `admin_token` empty = no token required.
  AdminApi(const ControlPlane& mock, RequestJournal& journal, std::string admin_token);

  static bool is_admin_path(std::string_view path) {
    return path.substr(0, kPrefix.size()) == kPrefix;
  }
  /// Never throws; every problem is a JSON error body naming it.
  MockResponse handle(const MockRequest& request) const;

 private:
  MockResponse health() const;
  MockResponse reset(const MockRequest& request) const;
  MockResponse get_state(const MockRequest& request) const;
  MockResponse put_state(const MockRequest& request) const;
  MockResponse get_requests(const MockRequest& request) const;
  MockResponse delete_requests(const MockRequest& request) const;
  MockResponse get_defects(const MockRequest& request) const;
  MockResponse get_faults(const MockRequest& request) const;
  MockResponse post_fault(const MockRequest& request) const;
  MockResponse delete_faults(const MockRequest& request) const;
  MockResponse put_defects(const MockRequest& request) const;

  const ControlPlane& mock_;
  RequestJournal& journal_;
  std::string admin_token_;
};

}  // namespace statuskit::mock
