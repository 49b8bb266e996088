// `x-statuskit-accepts` in a spec says which values the vendor's parser takes besides the
// schema a client should send (Rocket.Chat's Ajv coercion, DocSpace's enum binding). The
// generator reads it to tell a negative case from one the vendor accepts, so it must say exactly
// what the mock does: for each value here, "the schema or the extension validates it" must agree
// with the module's answer, in both directions.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "statuskit/openapi/spec.h"
#include "support/vendor_harness.h"
#include "vendors/docspace.h"
#include "vendors/rocketchat.h"

namespace statuskit::testing {
namespace {

using nlohmann::json;

/// Validates a value against the schema at `pointer` or against its `x-statuskit-accepts`.
class AcceptedValues {
 public:
  AcceptedValues(const openapi::Spec& spec, const std::string& pointer)
      : schema_(spec.compile_schema_at(pointer)),
        accepts_(spec.compile_schema_at(pointer + "/x-statuskit-accepts")) {}
  bool by_schema(const json& value) const { return schema_.validate(value).empty(); }
  bool by_vendor(const json& value) const {
    return by_schema(value) || accepts_.validate(value).empty();
  }

 private:
  openapi::SchemaValidator schema_;
  openapi::SchemaValidator accepts_;
};

const std::vector<json>& scalar_corpus() {
  static const std::vector<json> corpus = {true,
                                           false,
                                           "true",
                                           "false",
                                           "True",
                                           "TRUE",
                                           "1",
                                           "0",
                                           "",
                                           "yes",
                                           1,
                                           0,
                                           1.0,
                                           0.0,
                                           -0.0,
                                           1e0,
                                           2,
                                           -1,
                                           0.5,
                                           1.0000001,
                                           nullptr,
                                           json::array(),
                                           json::array({true}),
                                           json::object(),
                                           "rcTargetUser00001",
                                           990000000000001};
  return corpus;
}

class RocketchatAccepts : public ::testing::Test {
 protected:
  bool accepted(const json& body) {
    auto request =
        VendorHarness::request("setUserActiveStatus", "POST", "/api/v1/users.setActiveStatus");
    request.headers["x-user-id"] = "rcAdminUser000001";
    request.headers["x-auth-token"] = "rc-admin-Hx7Q2wLk9";
    VendorHarness::set_json_body(request, body);
    const mock::MockResponse response = harness_.run(request);
    return VendorHarness::body(response).value("errorType", "") != "invalid-params";
  }
  const openapi::Spec& spec() { return harness_.spec(); }

  VendorHarness harness_{mock::make_rocketchat_module()};
};

TEST_F(RocketchatAccepts, ActiveStatusAndConfirmRelinquishCoerceExactlyAsDeclared) {
  const std::string params = "/components/schemas/SetActiveStatusParams/properties/";
  const AcceptedValues active_status(spec(), params + "activeStatus");
  const AcceptedValues confirm(spec(), params + "confirmRelinquish");
  for (const json& value : scalar_corpus()) {
    EXPECT_EQ(accepted({{"userId", "rcTargetUser00001"}, {"activeStatus", value}}),
              active_status.by_vendor(value))
        << "activeStatus " << value.dump();
    EXPECT_EQ(accepted({{"userId", "rcTargetUser00001"},
                        {"activeStatus", true},
                        {"confirmRelinquish", value}}),
              confirm.by_vendor(value))
        << "confirmRelinquish " << value.dump();
  }
  EXPECT_FALSE(active_status.by_schema("true")) << "a client should still send a boolean";
  EXPECT_TRUE(active_status.by_vendor(1.0)) << "JSON numbers compare by value: 1.0 is 1";
}

TEST_F(RocketchatAccepts, UserIdCoercesExactlyAsDeclared) {
  const AcceptedValues user_id(spec(),
                               "/components/schemas/SetActiveStatusParams/properties/userId");
  for (const json& value : scalar_corpus()) {
    EXPECT_EQ(accepted({{"userId", value}, {"activeStatus", true}}), user_id.by_vendor(value))
        << "userId " << value.dump();
  }
}

class DocspaceAccepts : public ::testing::Test {
 protected:
  int put_status(const std::string& status) {
    auto request =
        VendorHarness::request("updateUserStatus", "PUT", "/api/2.0/people/status/" + status);
    request.path_params["status"] = status;
    request.cookies["asc_auth_key"] = "ASC-ADMIN-3a9e51c6d0";
    VendorHarness::set_json_body(request, {{"userIds", json::array()}});
    return harness_.run(request).status;
  }

  VendorHarness harness_{mock::make_docspace_module()};
};

TEST_F(DocspaceAccepts, StatusBindsExactlyAsDeclared) {
  const openapi::Operation* update = harness_.spec().find_operation("updateUserStatus");
  ASSERT_NE(update, nullptr);
  const AcceptedValues status(harness_.spec(), update->parameters.at(0).pointer + "/schema");
  struct Case {
    std::string value;
    bool binds;     ///< ASP.NET binds it to EmployeeStatus
    bool proceeds;  ///< it binds to Active or Terminated: the call goes ahead (200)
  };
  for (const Case& item : std::vector<Case>{
           {"Active", true, true},
           {"Terminated", true, true},
           {"terminated", true, true},
           {"TERMINATED", true, true},
           {"aCtIvE", true, true},
           {"1", true, true},
           {"2", true, true},
           {"+2", true, true},
           {"Terminated,Terminated", true, true},
           {"Terminated, terminated", true, true},
           {"Pending", true, false},
           {"pending", true, false},
           {"Active,Terminated", true, false},
           {"All", true, false},
           {"0", true, false},
           {"-1", true, false},
           {"999999999999", true, false},
           {"Terminatedx", false, false},
           {"Suspended", false, false},
           {"2.0", false, false},
           {"Terminated,", false, false},
           {"constructor", false, false},
           {"9999999999999", false, false},
       }) {
    EXPECT_EQ(status.by_vendor(item.value), item.binds) << item.value;
    EXPECT_EQ(put_status(item.value), item.proceeds ? 200 : 400) << item.value;
  }
}

}  // namespace
}  // namespace statuskit::testing
