@connectivity @microsoft-docs
Feature: In Azure US Government, the US Government writeback endpoints are reachable
  Current docs: *.passwordreset.microsoftonline.us and *.servicebus.usgovcloudapi.net.

  Background:
    Given a healthy hybrid tenant

  Scenario: A commercial tenant does not use the .us endpoints
    When the tenant is diagnosed
    Then "usgov-endpoints" does not apply

  Scenario: A GCC High tenant reaches both .us endpoints
    Given the tenant is in Azure US Government
    And the Connect server reaches passwordreset.microsoftonline.us
    And the Connect server reaches servicebus.usgovcloudapi.net
    When the tenant is diagnosed
    Then "usgov-endpoints" passes

  Scenario: The proxy of a GCC High tenant blocks passwordreset.microsoftonline.us
    Given the tenant is in Azure US Government
    And the Connect server cannot reach passwordreset.microsoftonline.us
    And the Connect server reaches servicebus.usgovcloudapi.net
    When the tenant is diagnosed
    Then "usgov-endpoints" fails with "usgov-passwordreset-blocked"

  Scenario: The firewall of a GCC High tenant blocks servicebus.usgovcloudapi.net
    Given the tenant is in Azure US Government
    And the Connect server reaches passwordreset.microsoftonline.us
    And the Connect server cannot reach servicebus.usgovcloudapi.net
    When the tenant is diagnosed
    Then "usgov-endpoints" fails with "usgov-servicebus-blocked"

  Scenario: Nobody has tested the .us endpoints yet
    Given the tenant is in Azure US Government
    When the tenant is diagnosed
    Then "usgov-endpoints" is undecided for want of whether the Connect server reaches the US Government endpoints

  Scenario: Failing tests of the US Government endpoints alone show the cloud
    Given nothing is known about the tenant
    And the Connect server cannot reach passwordreset.microsoftonline.us
    When the tenant is diagnosed
    Then the rules conclude that "usgov-cloud" is true
    And "usgov-endpoints" fails with "usgov-passwordreset-blocked" for certain

  Scenario: Tests of two clouds leave the cloud to confirm, and the failure is still reported
    Given nothing is known about the tenant
    And the Connect server cannot reach passwordreset.microsoftonline.us
    And the Connect server reaches the Service Bus endpoint
    When the tenant is diagnosed
    Then "usgov-endpoints" fails with "usgov-passwordreset-blocked", provided that someone confirms the cloud the tenant lives in

  Scenario: A US Government tenant's firewall allows only some relay names
    Given the tenant is in Azure US Government
    And the Connect server reaches passwordreset.microsoftonline.us
    And only some servicebus.usgovcloudapi.net relay names answer
    When the tenant is diagnosed
    Then "usgov-endpoints" fails with "usgov-servicebus-blocked"
    And the diagnosis of "usgov-endpoints" says "allow-list of specific names"
