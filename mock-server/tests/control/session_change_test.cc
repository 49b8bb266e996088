// MockPipeline's write path (change_session): a session exists only once something changed it,
// two first writes to one new session both count, and a change that cannot be saved is undone
// and answered 500 — so what a client is told always matches what is kept.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <future>
#include <nlohmann/json.hpp>
#include <thread>

#include "mock_pipeline.h"
#include "support/things_module.h"

namespace statuskit::mock {
namespace {

const std::string kDataDir = std::string(STATUSKIT_SOURCE_DIR) + "/mock-server/tests/data";

std::unique_ptr<MockPipeline> make_pipeline(const std::string& state_file = "") {
  std::vector<std::unique_ptr<VendorModule>> modules;
  modules.push_back(testing::make_things_module());
  PipelineOptions options;
  options.strict = true;
  options.max_sessions = 64;
  options.state_file = state_file;
  return MockPipeline::load(std::move(modules), kDataDir, kDataDir, options);
}

MockResponse put_thing(const MockPipeline& pipeline, const std::string& session,
                       const std::string& id, const std::string& body) {
  MockRequest request;
  request.method = "PUT";
  request.path = "/things-api/things/" + id;
  request.headers["content-type"] = "application/json";
  if (!session.empty()) request.headers["x-statuskit-session"] = session;
  request.body = body;
  return pipeline.handle(request, RequestContext{});
}

nlohmann::json things_of(const MockPipeline& pipeline, const std::string& session) {
  auto found = pipeline.sessions().find(session);
  if (!found) return nullptr;
  std::lock_guard lock(found->slot(0).mutex);
  return found->slot(0).current().to_json().at("things");
}

TEST(SessionChange, ARequestThatChangesNothingRegistersNoSession) {
  auto pipeline = make_pipeline();
  EXPECT_EQ(put_thing(*pipeline, "refused", "a", R"({"value":"x"})").status, 400);
  EXPECT_EQ(pipeline->sessions().size(), 0U);
  EXPECT_EQ(put_thing(*pipeline, "accepted", "a", R"({"value":3})").status, 200);
  EXPECT_EQ(pipeline->sessions().session_names(), (std::vector<std::string>{"accepted"}));
}

TEST(SessionChange, ConcurrentFirstWritesToOneNewSessionAreAllKept) {
  auto pipeline = make_pipeline();
  constexpr int kWriters = 6;
  for (int round = 0; round < 200; ++round) {
    const std::string session = "race-" + std::to_string(round);
    std::promise<void> go;
    std::shared_future<void> started = go.get_future().share();
    std::vector<std::thread> writers;
    for (int i = 0; i < kWriters; ++i) {
      writers.emplace_back([&, i] {
        started.wait();
        EXPECT_EQ(put_thing(*pipeline, session, "w" + std::to_string(i),
                            "{\"value\":" + std::to_string(100 + i) + "}")
                      .status,
                  200);
      });
    }
    go.set_value();
    for (auto& writer : writers) writer.join();
    const auto things = things_of(*pipeline, session);
    ASSERT_TRUE(things.is_object()) << session;
    for (int i = 0; i < kWriters; ++i) {
      EXPECT_EQ(things.value("w" + std::to_string(i), -1), 100 + i) << session << " " << things;
    }
  }
}

TEST(SessionChange, AChangeThatCannotBeSavedIsUndoneAndAnswered500InTheVendorsFormat) {
  const auto folder = std::filesystem::temp_directory_path() /
                      ("statuskit-session-change-" + std::to_string(::getpid()));
  std::filesystem::remove_all(folder);
  std::filesystem::create_directories(folder);
  const std::string state_file = (folder / "state.json").string();
  auto pipeline = make_pipeline(state_file);
  pipeline->load_state_file();
  ASSERT_EQ(put_thing(*pipeline, "kept", "a", R"({"value":5})").status, 200);
  std::filesystem::remove_all(folder);

  const auto known = put_thing(*pipeline, "kept", "a", R"({"value":6})");
  EXPECT_EQ(known.status, 500) << known.body;
  EXPECT_NE(nlohmann::json::parse(known.body).value("problem", "").find(state_file),
            std::string::npos)
      << known.body;
  EXPECT_EQ(things_of(*pipeline, "kept").value("a", -1), 5) << "undone";

  EXPECT_EQ(put_thing(*pipeline, "new", "a", R"({"value":7})").status, 500);
  EXPECT_EQ(pipeline->sessions().find("new"), nullptr) << "an unsaved first change creates none";

  const auto status = pipeline->save_status();
  ASSERT_TRUE(status.has_value());
  EXPECT_FALSE(status->ok);
  EXPECT_EQ(status->failed_saves, 2U);
  EXPECT_EQ(status->saves, 2U);  // the start-up save and the first change
  EXPECT_FALSE(pipeline->persist());
}

}  // namespace
}  // namespace statuskit::mock
