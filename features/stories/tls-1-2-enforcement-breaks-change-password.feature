@stories @public-story @uncovered
Feature: Story: enforcing TLS 1.2 broke password change with OnPremisesConnectivityFailure
  Source: https://blog.legasystems.com/tls-1-2-enforcement-breaks-password-reset-and-password-write-back-in-azure-ad
  (Lega Systems blog, the audit entry dated 2023-04-22).
  Reported: TLS 1.2 was enforced by GPO on the Windows server running Azure AD Connect ("a version
  later than 1.1.819.0", a range); users changing their password saw "We could not change your
  password ... This is due to a temporary connectivity issue"; the Entra audit log showed activity
  "Change password (self-service)", status failure, status reason OnPremisesConnectivityFailure.
  Confirmed (the post's title and text): the TLS 1.2 enforcement broke password reset and writeback.
  Uncovered: the facts hold TLS 1.2 as one value for the server; the operating system had TLS 1.2
  enforced, and no fact holds TLS for .NET apart (nor a version range, nor the audit entry yet).

  Scenario: As the poster told it
    Given nothing is known about the tenant
    And TLS 1.2 is enforced on the Connect server
    When the tenant is diagnosed
    Then "tls12-enabled" passes
