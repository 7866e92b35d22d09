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

  # Microsoft's "Enable TLS 1.2 for Microsoft Entra Connect" sets the operating system (SCHANNEL) and .NET
  # Framework (SchUseStrongCrypto, SystemDefaultTlsVersions) apart; hardening often sets one and not the other.
  Scenario: A hardening GPO disabled TLS 1.2 in SCHANNEL; .NET was never looked at
    Given nobody has read the TLS 1.2 check script's verdict as a whole
    And the operating system of the Connect server has TLS 1.2 disabled in SCHANNEL
    When the tenant is diagnosed
    Then "tls12-enabled" fails with "tls12-not-enabled"

  Scenario: The operating system enforces TLS 1.2 but .NET lacks the strong-crypto values
    Given nobody has read the TLS 1.2 check script's verdict as a whole
    And the operating system of the Connect server enforces TLS 1.2
    And .NET Framework on the Connect server lacks SchUseStrongCrypto and SystemDefaultTlsVersions
    When the tenant is diagnosed
    Then "tls12-enabled" fails with "tls12-not-enabled"

  Scenario: Both the operating system and .NET are set for TLS 1.2
    Given nobody has read the TLS 1.2 check script's verdict as a whole
    And the operating system of the Connect server enforces TLS 1.2
    And .NET Framework on the Connect server uses TLS 1.2 (SchUseStrongCrypto and SystemDefaultTlsVersions are 1)
    When the tenant is diagnosed
    Then "tls12-enabled" passes

  Scenario: The operating system enforces TLS 1.2 and nobody has looked at .NET
    Given nobody has read the TLS 1.2 check script's verdict as a whole
    And the operating system of the Connect server enforces TLS 1.2
    When the tenant is diagnosed
    Then "tls12-enabled" is undecided for want of whether .NET Framework on the Connect server uses TLS 1.2
