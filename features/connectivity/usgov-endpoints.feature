Feature: In Azure US Government, the US Government writeback endpoints are reachable
  Current docs: *.passwordreset.microsoftonline.us and *.servicebus.usgovcloudapi.net.

  Scenario: A commercial tenant does not use the .us endpoints
    Given a healthy hybrid tenant
    When the tenant is diagnosed
    Then "usgov-endpoints" does not apply

  Scenario: A GCC High tenant reaches both .us endpoints
    Given a healthy hybrid tenant
    But "tenant.cloud" is "usgov"
    And "network.passwordreset_usgov_https" is true
    And "network.servicebus_usgov_https" is true
    When the tenant is diagnosed
    Then "usgov-endpoints" passes

  Scenario: The proxy of a GCC High tenant blocks passwordreset.microsoftonline.us
    Given a healthy hybrid tenant
    But "tenant.cloud" is "usgov"
    And "network.passwordreset_usgov_https" is false
    And "network.servicebus_usgov_https" is true
    When the tenant is diagnosed
    Then "usgov-endpoints" fails with "usgov-passwordreset-blocked"

  Scenario: The firewall of a GCC High tenant blocks servicebus.usgovcloudapi.net
    Given a healthy hybrid tenant
    But "tenant.cloud" is "usgov"
    And "network.passwordreset_usgov_https" is true
    And "network.servicebus_usgov_https" is false
    When the tenant is diagnosed
    Then "usgov-endpoints" fails with "usgov-servicebus-blocked"

  Scenario: Nobody has tested the .us endpoints yet
    Given a healthy hybrid tenant
    But "tenant.cloud" is "usgov"
    When the tenant is diagnosed
    Then "usgov-endpoints" is unknown for want of "network.passwordreset_usgov_https, network.servicebus_usgov_https"
