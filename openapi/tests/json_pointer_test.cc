#include "statuskit/openapi/json_pointer.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace statuskit::openapi {
namespace {

TEST(JsonPointer, EscapesTildeAndSlash) {
  EXPECT_EQ(escape_pointer_token("a/b~c"), "a~1b~0c");
  EXPECT_EQ(append_pointer("/paths", "/users/{id}"), "/paths/~1users~1{id}");
  EXPECT_EQ(append_pointer("/ids", std::size_t{3}), "/ids/3");
}

TEST(JsonPointer, SplitsAndUnescapes) {
  EXPECT_EQ(split_pointer(""), std::vector<std::string>{});
  EXPECT_EQ(split_pointer("/a~1b/~0c/"), (std::vector<std::string>{"a/b", "~c", ""}));
  EXPECT_THROW(split_pointer("a"), std::invalid_argument);
  EXPECT_THROW(split_pointer("/a~2"), std::invalid_argument);
}

TEST(JsonPointer, FindsNodesAndReportsMissingOnes) {
  const auto doc = nlohmann::json::parse(R"({"a":{"b/c":[10,20]},"":1})");
  ASSERT_NE(find_pointer(doc, "/a/b~1c/1"), nullptr);
  EXPECT_EQ(find_pointer(doc, "/a/b~1c/1")->get<int>(), 20);
  EXPECT_EQ(find_pointer(doc, "/")->get<int>(), 1);
  EXPECT_EQ(find_pointer(doc, ""), &doc);
  EXPECT_EQ(find_pointer(doc, "/a/b~1c/2"), nullptr);
  EXPECT_EQ(find_pointer(doc, "/a/b~1c/01"), nullptr);
  EXPECT_EQ(find_pointer(doc, "/a/b~1c/-"), nullptr);
  EXPECT_EQ(find_pointer(doc, "/missing/x"), nullptr);
}

}  // namespace
}  // namespace statuskit::openapi
