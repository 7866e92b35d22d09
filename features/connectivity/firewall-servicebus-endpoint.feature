@connectivity @article
Feature: Outbound HTTPS to *.servicebus.windows.net is open
  The article: "засіб azure AD Підключення (1.1.443 або вище) має бути доступний
  вихідний доступ за протоколом HTTPS до: ... servicebus.windows.networks" —
  Azure AD Connect 1.1.443 or later needs outbound HTTPS access to
  servicebus.windows.net (the translation's "servicebus.windows.networks" is a
  translation artefact).

  Background:
    Given a healthy hybrid tenant

  Scenario: The Connect server reaches the tenant's Service Bus relay
    When the tenant is diagnosed
    Then "firewall-servicebus-endpoint" passes

  Scenario: The proxy blocks *.servicebus.windows.net
    Given the Connect server cannot reach the Service Bus endpoint
    When the tenant is diagnosed
    Then "firewall-servicebus-endpoint" fails with "servicebus-blocked"

  Scenario: The Service Bus namespace has not been tested yet
    Given nobody has tested the Service Bus endpoint
    When the tenant is diagnosed
    Then "firewall-servicebus-endpoint" is undecided for want of whether the Connect server reaches the Service Bus

  # Correction (expert review): the old rule fired critical in a US Government tenant whose
  # own .us endpoints pass.
  Scenario: A US Government tenant reaches its .us endpoints but not the global host
    Given the tenant is in Azure US Government
    And the Connect server reaches passwordreset.microsoftonline.us
    And the Connect server reaches servicebus.usgovcloudapi.net
    And the Connect server cannot reach the Service Bus endpoint
    When the tenant is diagnosed
    Then "firewall-servicebus-endpoint" does not apply
    And "usgov-endpoints" passes

  Scenario: An Azure China tenant reaches its chinacloudapi.cn relays but not the global host
    Given the tenant is in Azure China (21Vianet)
    And the Connect server reaches both China Service Bus relays
    And the Connect server cannot reach the Service Bus endpoint
    When the tenant is diagnosed
    Then "firewall-servicebus-endpoint" does not apply
    And "china-endpoints" passes

  Scenario: With the Connect version unknown, the 1.1.443+ endpoint list is assumed and said so
    Given nobody has read the version of Azure AD Connect
    And the Connect server cannot reach the Service Bus endpoint
    When the tenant is diagnosed
    Then "firewall-servicebus-endpoint" fails with "servicebus-blocked", provided that someone confirms the version of Azure AD Connect

  # Issue 24 point 5: "some" names answer. Microsoft's page lists the wildcard *.servicebus.windows.net;
  # a firewall that allows only some relay names fails the requirement, it does not half-pass it.
  Scenario: Only some relay names answer: the firewall allow-lists names instead of the wildcard
    Given only some of the Service Bus relay names answer, the others are blocked
    When the tenant is diagnosed
    Then "firewall-servicebus-endpoint" fails with critical "servicebus-partly-blocked"
    And the diagnosis of "firewall-servicebus-endpoint" says "allow-list of specific relay names"
    And the remedy of "firewall-servicebus-endpoint" says "*.servicebus.windows.net"

  Scenario: Only some relay names answer on a 1.x Connect: the upgrade comes first
    Given only some of the Service Bus relay names answer, the others are blocked
    And Azure AD Connect is version 1.1.400.0
    When the tenant is diagnosed
    Then "firewall-servicebus-endpoint" fails with "servicebus-blocked-before-1-1-443"
