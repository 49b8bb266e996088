// Vendor-qualified operation names in the admin API (issue 30 item 5): DocSpace and Symphony
// both have an operation called updateUserStatus. A fault rule for one fired on the other, and
// `docspace.updateUserStatus`, the name the banner prints, was refused. Through the real port.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/http_client.h"
#include "support/mock_server_process.h"

namespace statuskit::testing {
namespace {

using nlohmann::json;

const std::string kDocSpaceWrite = "/api/2.0/people/status/Terminated";
const std::string kSymphonyWrite = "/pod/v1/admin/user/13056700580005/status/update";

class OperationNamesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ =
        std::make_unique<MockServerProcess>(STATUSKIT_MOCK_SERVER_BIN, project_mock_arguments());
    admin_ = std::make_unique<HttpClient>(server_->base_url());
  }
  HttpResult add_fault(const json& rule) {
    return admin_->send_json("POST", "/__admin/faults", rule);
  }
  /// The status a DocSpace and a Symphony write get in session `session` (no credentials: a
  /// fault applies before authentication, so 418 means the rule fired).
  std::pair<int, int> statuses_in(const std::string& session) {
    const std::vector<std::string> headers = {"Content-Type: application/json",
                                              "X-Statuskit-Session: " + session};
    return {admin_->request("PUT", kDocSpaceWrite, headers, R"({"userIds":[]})").status,
            admin_->request("POST", kSymphonyWrite, headers, R"({"status":"DISABLED"})").status};
  }

  std::unique_ptr<MockServerProcess> server_;
  std::unique_ptr<HttpClient> admin_;
};

TEST_F(OperationNamesTest, ABareNameTwoVendorsShareIsRefusedNamingBoth) {
  const auto refused = add_fault({{"operationId", "updateUserStatus"}, {"status", 418}});
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(refused.json()["message"],
            "/operationId: 'updateUserStatus' is an operation of 2 vendors: write "
            "symphony.updateUserStatus or docspace.updateUserStatus");
}

TEST_F(OperationNamesTest, AQualifiedNameFiresOnItsVendorOnly) {
  const auto added =
      add_fault({{"session", "q"}, {"operationId", "docspace.updateUserStatus"}, {"status", 418}});
  ASSERT_EQ(added.status, 201) << added.body;
  EXPECT_EQ(added.json()["operationId"], "docspace.updateUserStatus");
  const auto [docspace, symphony] = statuses_in("q");
  EXPECT_EQ(docspace, 418);
  EXPECT_NE(symphony, 418) << "the Symphony operation of the same name is not faulted";
}

TEST_F(OperationNamesTest, ABareNameOneVendorHasIsQualifiedWhenStored) {
  const auto added = add_fault({{"operationId", "bulkSetUserStatus"}, {"status", 503}});
  ASSERT_EQ(added.status, 201) << added.body;
  EXPECT_EQ(added.json()["operationId"], "pria.bulkSetUserStatus");
}

TEST_F(OperationNamesTest, TheJournalFiltersByQualifiedNameAndRefusesUnknownOnes) {
  statuses_in("j");
  const auto docspace =
      admin_->get("/__admin/requests?session=j&operationId=docspace.updateUserStatus");
  ASSERT_EQ(docspace.status, 200) << docspace.body;
  ASSERT_EQ(docspace.json()["count"], 1) << docspace.body;
  EXPECT_EQ(docspace.json()["requests"][0]["vendor"], "docspace");
  const auto shared = admin_->get("/__admin/requests?session=j&operationId=updateUserStatus");
  EXPECT_EQ(shared.status, 400) << shared.body;
  const auto misspelt = admin_->get("/__admin/requests?operationId=setUserActivStatus");
  EXPECT_EQ(misspelt.status, 400) << misspelt.body;
  EXPECT_EQ(misspelt.json()["message"],
            "operationId: no served operation is called 'setUserActivStatus'");
}

}  // namespace
}  // namespace statuskit::testing
