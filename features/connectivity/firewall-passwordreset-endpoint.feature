@connectivity @article
Feature: Outbound HTTPS to passwordreset.microsoftonline.com is open
  The article: "засіб azure AD Підключення (1.1.443 або вище) має бути доступний
  вихідний доступ за протоколом HTTPS до: passwordreset.microsoftonline.com" —
  Azure AD Connect 1.1.443 or later needs outbound HTTPS access to
  passwordreset.microsoftonline.com.

  Background:
    Given a healthy hybrid tenant

  Scenario: Test-NetConnection to the password reset service succeeds
    When the tenant is diagnosed
    Then "firewall-passwordreset-endpoint" passes

  Scenario: The firewall drops HTTPS from the Connect server to passwordreset.microsoftonline.com
    Given the Connect server cannot reach passwordreset.microsoftonline.com
    When the tenant is diagnosed
    Then "firewall-passwordreset-endpoint" fails with "passwordreset-blocked"

  Scenario: The connectivity test has not been run on the Connect server
    Given nobody has tested the password reset endpoint
    When the tenant is diagnosed
    Then "firewall-passwordreset-endpoint" is undecided for want of whether the Connect server reaches passwordreset.microsoftonline.com

  # Correction (expert review): the old rule fired critical in a US Government tenant whose
  # own .us endpoints pass.
  Scenario: A US Government tenant reaches its .us endpoints but not the global host
    Given the tenant is in Azure US Government
    And the Connect server reaches passwordreset.microsoftonline.us
    And the Connect server reaches servicebus.usgovcloudapi.net
    And the Connect server cannot reach passwordreset.microsoftonline.com
    When the tenant is diagnosed
    Then "firewall-passwordreset-endpoint" does not apply
    And "usgov-endpoints" passes

  Scenario: An Azure China tenant reaches its chinacloudapi.cn relays but not the global host
    Given the tenant is in Azure China (21Vianet)
    And the Connect server reaches both China Service Bus relays
    And the Connect server cannot reach passwordreset.microsoftonline.com
    When the tenant is diagnosed
    Then "firewall-passwordreset-endpoint" does not apply
    And "china-endpoints" passes

  # Expert re-review 2026-12-07 (§1 #43): 1.x stopped synchronising on 1 October 2023, so the
  # older guidance (Azure datacenter IP ranges) gives way to the upgrade.
  Scenario: On Connect older than 1.1.443 only the upgrade helps
    Given Azure AD Connect is version 1.1.380.0
    And the Connect server cannot reach passwordreset.microsoftonline.com
    When the tenant is diagnosed
    Then "firewall-passwordreset-endpoint" fails with "passwordreset-blocked-before-1-1-443" for certain
    And the remedy of "firewall-passwordreset-endpoint" says "Upgrade Azure AD Connect first"
    And the remedy of "firewall-passwordreset-endpoint" does not say "datacenter IP ranges"

  # Expert re-review 2026-12-07 (§8 L3): without the tenant's cloud, a failed test of the global
  # host is no certain critical (a US Government tenant whose service is down was tested against it):
  # the finding holds provided that the tenant is in the global cloud, and the report asks which.
  Scenario: The global host fails its test, and nobody has said which cloud the tenant is in
    Given nobody has said which Microsoft cloud the tenant is in
    And the Connect server cannot reach passwordreset.microsoftonline.com
    When the tenant is diagnosed
    Then "firewall-passwordreset-endpoint" fails with "passwordreset-blocked", provided that someone confirms the cloud the tenant lives in

  Scenario: Without the tenant's cloud, a US Government endpoint test shows it is not the global one
    Given nobody has said which Microsoft cloud the tenant is in
    And the Connect server reaches passwordreset.microsoftonline.us
    And the Connect server cannot reach passwordreset.microsoftonline.com
    When the tenant is diagnosed
    Then "firewall-passwordreset-endpoint" does not apply
