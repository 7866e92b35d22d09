@setup @microsoft-docs
Feature: The on-premises Minimum password age is 0
  Current docs: for writeback to work most efficiently, Minimum password age must be 0.

  Background:
    Given a healthy hybrid tenant

  Scenario: The domain allows several changes a day
    When the tenant is diagnosed
    Then "minimum-password-age-zero" passes

  Scenario: The default domain policy keeps a one-day minimum password age
    Given the domain's Minimum password age is one day
    When the tenant is diagnosed
    Then "minimum-password-age-zero" fails with "minimum-password-age-above-zero"

  Scenario: A fine-grained password policy keeps a one-day minimum password age
    Given a fine-grained password policy keeps a Minimum password age of one day
    When the tenant is diagnosed
    Then "minimum-password-age-zero" fails with "fine-grained-minimum-age-above-zero"
