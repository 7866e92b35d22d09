@stories @public-story @uncovered
Feature: Story: enforcing TLS 1.2 broke password change with OnPremisesConnectivityFailure
  Source: https://blog.legasystems.com/tls-1-2-enforcement-breaks-password-reset-and-password-write-back-in-azure-ad
  (Lega Systems blog, the audit entry dated 2023-04-22).
  Reported: TLS 1.2 was enforced by GPO on the Windows server running Azure AD Connect ("a version
  later than 1.1.819.0", a range); users changing their password saw "We could not change your
  password ... This is due to a temporary connectivity issue"; the Entra audit log showed activity
  "Change password (self-service)", status failure, status reason OnPremisesConnectivityFailure.
  Confirmed (the post's title and text): the TLS 1.2 enforcement broke password reset and writeback.
  Uncovered: the operating system had TLS 1.2 enforced; the poster does not say how .NET was set
  (SchUseStrongCrypto, SystemDefaultTlsVersions), so the TLS rule, which reads the OS and .NET apart,
  stays undecided and asks about .NET; "a version later than 1.1.819.0" is a range the facts cannot hold yet.

  Scenario: As the poster told it
    Given nothing is known about the tenant
    And the change page says "We're sorry, but we cannot change your password at this time. This is due to a temporary connectivity issue, so if you try again later, changing your password may succeed."
    And the audit log shows "Change password (self-service)" failing with OnPremisesConnectivityFailure
    And writeback broke after TLS hardening
    And password writeback is ticked in Azure AD Connect
    And the operating system of the Connect server enforces TLS 1.2
    When the tenant is diagnosed
    Then "tls12-enabled" is undecided for want of whether .NET Framework on the Connect server uses TLS 1.2
