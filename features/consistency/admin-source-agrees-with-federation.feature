@consistency @microsoft-docs
Feature: What is said about the writeback administrator's origin agrees with how it signs in
  A federated domain hands sign-in to the on-premises identity provider (choose-ad-authn); a
  cloud-only account lives in a managed domain. "Cloud-only" and "federated" for the same account
  cannot both be true (expert re-review 2026-12-07, C4).

  Background:
    Given a healthy hybrid tenant

  Scenario: A cloud-only administrator in the managed onmicrosoft.com domain
    When the tenant is diagnosed
    Then "admin-source-agrees-with-federation" passes

  Scenario: The account is said to be cloud-only and to sign in through AD FS
    Given the account that enabled writeback is a cloud-only account
    And writeback was enabled with a federated administrator account
    When the tenant is diagnosed
    Then "admin-source-agrees-with-federation" fails with error "cloud-only-admin-said-federated"
    And "writeback-admin-managed" is undecided for want of whether the account that enabled writeback is federated

  Scenario: A synced administrator from the federated domain
    Given writeback was enabled with a synced on-premises account
    And writeback was enabled with a federated administrator account
    When the tenant is diagnosed
    Then "admin-source-agrees-with-federation" passes
