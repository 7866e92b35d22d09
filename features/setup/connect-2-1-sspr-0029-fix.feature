@setup @microsoft-docs
Feature: Connect 2.1 before 2.1.19.0 stops writeback with SSPR_0029 access denied
  Current docs (version history 2.1.19.0): a product bug gave exactly this error; upgrading comes
  before chasing RestrictRemoteSam.

  Background:
    Given a healthy hybrid tenant

  Scenario: A current Connect does not have the bug
    When the tenant is diagnosed
    Then "connect-2-1-sspr-0029-fix" passes

  Scenario: Connect 2.1.15.0, where users get SSPR_0029
    Given Azure AD Connect is version 2.1.15.0
    When the tenant is diagnosed
    Then "connect-2-1-sspr-0029-fix" fails with "connect-2-1-sspr-0029-bug"
