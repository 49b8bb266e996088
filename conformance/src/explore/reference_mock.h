#pragma once
// The reference server `conformance explore` starts for itself (docs/explore.md): a statuskit
// mock from the bundled specs and fixtures on a free loopback port, in the default or the
// alternative inferred mode, stopped when the object goes away.

#include <sys/types.h>

#include <string>

namespace statuskit::conformance {

struct ReferenceMockOptions {
  std::string binary;        ///< the statuskit-mock program
  std::string specs;         ///< --specs
  std::string fixtures;      ///< --fixtures
  bool alternative = false;  ///< --inferred alternative
};

class ReferenceMock {
 public:
  /// Starts the mock and waits until it listens. Throws std::runtime_error naming the program
  /// and what it printed when it does not start.
  explicit ReferenceMock(const ReferenceMockOptions& options);
  ~ReferenceMock();
  ReferenceMock(const ReferenceMock&) = delete;
  ReferenceMock& operator=(const ReferenceMock&) = delete;

  const std::string& base_url() const { return base_url_; }

 private:
  pid_t pid_ = -1;
  std::string folder_;  ///< temporary: the ready file and the mock's output
  std::string base_url_;
};

/// The statuskit-mock program to start: `given` when not empty; else the one next to this
/// program, else the build tree's (../mock-server/statuskit-mock), else `statuskit-mock` on the
/// PATH. Throws std::runtime_error when there is none.
std::string find_mock_program(const std::string& given);

}  // namespace statuskit::conformance
