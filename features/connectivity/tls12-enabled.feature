@connectivity @microsoft-docs
Feature: TLS 1.2 is enabled on the Connect server
  Current docs (troubleshoot-sspr-writeback): check that TLS 1.2 is enabled on the sync server.

  Background:
    Given a healthy hybrid tenant

  Scenario: Microsoft's TLS 1.2 check script shows every value set
    When the tenant is diagnosed
    Then "tls12-enabled" passes

  Scenario: SchUseStrongCrypto was never set on an old server
    Given TLS 1.2 is not enabled on the Connect server
    When the tenant is diagnosed
    Then "tls12-enabled" fails with "tls12-not-enabled"
