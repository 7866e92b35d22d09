@connectivity @microsoft-docs
Feature: No TLS inspection, and the sync service uses the proxy the network requires
  Microsoft's "Prerequisites for Microsoft Entra Connect": "It isn't supported to break and
  analyze traffic between Microsoft Entra Connect and Microsoft Entra ID." and "If you're
  using an outbound proxy ... the following setting in the ... machine.config file must be
  added". Test-NetConnection ignores that proxy, so its result can mislead.

  Background:
    Given a healthy hybrid tenant

  Scenario: The Connect server goes out directly, without inspection
    When the tenant is diagnosed
    Then "proxy-and-tls-inspection" passes

  Scenario: The firewall's SSL inspection decrypts the Service Bus traffic
    Given the firewall inspects the TLS traffic of the Connect server
    When the tenant is diagnosed
    Then "proxy-and-tls-inspection" fails with "tls-inspection-in-path"

  Scenario: Only the proxy may reach the internet and machine.config has no defaultProxy
    Given only the proxy may reach the internet
    And the sync service has no proxy in machine.config
    When the tenant is diagnosed
    Then "proxy-and-tls-inspection" fails with "sync-service-without-proxy"

  Scenario: The proxy is configured, and a Test-NetConnection result is on file
    Given only the proxy may reach the internet
    And the sync service's proxy is set in machine.config
    And the Connect server cannot reach the Service Bus endpoint
    When the tenant is diagnosed
    Then "proxy-and-tls-inspection" fails with "network-test-ignores-proxy"

  Scenario: The proxy is configured and nobody ran Test-NetConnection
    Given only the proxy may reach the internet
    And the sync service's proxy is set in machine.config
    And nobody has tested the Service Bus endpoint
    And nobody has tested the password reset endpoint
    When the tenant is diagnosed
    Then "proxy-and-tls-inspection" passes

  Scenario: Nobody asked about TLS inspection
    Given nobody has asked about TLS inspection
    When the tenant is diagnosed
    Then "proxy-and-tls-inspection" is undecided for want of whether the firewall inspects TLS
