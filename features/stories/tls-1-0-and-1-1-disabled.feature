@stories @public-story
Feature: Story: writeback broke when TLS 1.0 and 1.1 were disabled everywhere
  Source: https://github.com/MicrosoftDocs/entra-docs/pull/576 (tommurphy288, 2024-03-28;
  Microsoft added the entry to the troubleshooting article, 2024-11-21).
  Reported: disabling TLS 1.0 and 1.1 across the infrastructure (what changed) broke Azure AD
  Connect's writeback; Azure AD Connect 2.3.6.0 on Windows Server 2019.
  Confirmed: the only fix was to enable TLS 1.2 as Microsoft's TLS 1.2 enforcement article says
  (the .NET Framework and SCHANNEL registry values).

  Scenario: As the poster told it
    Given nothing is known about the tenant
    And writeback broke after TLS hardening
    And Azure AD Connect is version 2.3.6.0
    And the Connect server runs windows-server-2019
    And TLS 1.2 is not enabled on the Connect server
    When the tenant is diagnosed
    Then "tls12-enabled" fails with "tls12-not-enabled"

  Scenario: The symptom alone: writeback broke after the TLS hardening
    Given nothing is known about the tenant
    And writeback broke after TLS hardening
    And Azure AD Connect is version 2.3.6.0
    And the Connect server runs windows-server-2019
    When the tenant is diagnosed
    Then the report asks for whether TLS 1.2 is enabled on the Connect server
