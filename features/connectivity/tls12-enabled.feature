Feature: TLS 1.2 is enabled on the Connect server
  Current docs (troubleshoot-sspr-writeback): check that TLS 1.2 is enabled on the sync server.

  Scenario: Microsoft's TLS 1.2 check script shows every value set
    Given a healthy hybrid tenant
    When the tenant is diagnosed
    Then "tls12-enabled" passes

  Scenario: SchUseStrongCrypto was never set on an old server
    Given a healthy hybrid tenant
    But "server.tls12_enabled" is false
    When the tenant is diagnosed
    Then "tls12-enabled" fails with "tls12-not-enabled"
