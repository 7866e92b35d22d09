Feature: Writeback is enabled with a managed (not federated) administrator account
  Current docs: a federated administrator makes onboarding fail with 32009 / 31014.

  Scenario: The wizard was run with a managed onmicrosoft.com administrator
    Given a healthy hybrid tenant
    When the tenant is diagnosed
    Then "writeback-admin-managed" passes

  Scenario: The wizard was run with an AD FS federated Global Administrator
    Given a healthy hybrid tenant
    But "writeback_admin.federated" is true
    When the tenant is diagnosed
    Then "writeback-admin-managed" fails with "writeback-admin-federated"
