@setup @microsoft-docs
Feature: Writeback is enabled with a managed (not federated) administrator account
  Current docs: a federated administrator makes onboarding fail with 32009 / 31014.

  Background:
    Given a healthy hybrid tenant

  Scenario: The wizard was run with a managed onmicrosoft.com administrator
    When the tenant is diagnosed
    Then "writeback-admin-managed" passes

  Scenario: The wizard was run with an AD FS federated Global Administrator
    Given writeback was enabled with a synced on-premises account
    And writeback was enabled with a federated administrator account
    When the tenant is diagnosed
    Then "writeback-admin-managed" fails with "writeback-admin-federated"
