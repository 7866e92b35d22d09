@connectivity @microsoft-docs
Feature: No TLS inspection, and the sync service uses the proxy the network requires
  Microsoft's "Prerequisites for Microsoft Entra Connect": "It isn't supported to break and
  analyze traffic between Microsoft Entra Connect and Microsoft Entra ID." and "If you're
  using an outbound proxy ... the following setting in the ... machine.config file must be
  added". Test-NetConnection ignores that proxy, so its result can mislead.

  Scenario: The Connect server goes out directly, without inspection
    Given a healthy hybrid tenant
    When the tenant is diagnosed
    Then "proxy-and-tls-inspection" passes

  Scenario: The firewall's SSL inspection decrypts the Service Bus traffic
    Given a healthy hybrid tenant
    But "network.tls_inspection" is true
    When the tenant is diagnosed
    Then "proxy-and-tls-inspection" fails with "tls-inspection-in-path"

  Scenario: Only the proxy may reach the internet and machine.config has no defaultProxy
    Given a healthy hybrid tenant
    But "network.proxy_required" is true
    And "connect.proxy_configured" is false
    When the tenant is diagnosed
    Then "proxy-and-tls-inspection" fails with "sync-service-without-proxy"

  Scenario: The proxy is configured, and a Test-NetConnection result is on file
    Given a healthy hybrid tenant
    But "network.proxy_required" is true
    And "connect.proxy_configured" is true
    And "network.servicebus_https" is false
    When the tenant is diagnosed
    Then "proxy-and-tls-inspection" fails with "network-test-ignores-proxy"

  Scenario: The proxy is configured and nobody ran Test-NetConnection
    Given a healthy hybrid tenant
    But "network.proxy_required" is true
    And "connect.proxy_configured" is true
    And "network.servicebus_https" is unknown
    And "network.passwordreset_https" is unknown
    When the tenant is diagnosed
    Then "proxy-and-tls-inspection" passes

  Scenario: Nobody asked about TLS inspection
    Given a healthy hybrid tenant
    But "network.tls_inspection" is unknown
    When the tenant is diagnosed
    Then "proxy-and-tls-inspection" is unknown for want of "network.tls_inspection"
