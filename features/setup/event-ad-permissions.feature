@setup @microsoft-docs
Feature: The Application log shows no permission error of the connector account
  33004 names missing permissions; with ADSync 6329 ERROR_ACCESS_DENIED it is the remote-SAM policy.

  Background:
    Given a healthy hybrid tenant

  Scenario: The log holds only heartbeats and a successful onboarding
    When the tenant is diagnosed
    Then "event-ad-permissions" passes

  Scenario: 33004 and 6329 ERROR_ACCESS_DENIED are logged together
    Given the Application log holds PasswordResetService event 33004 together with ADSync event 6329 saying access-denied
    When the tenant is diagnosed
    Then "event-ad-permissions" fails with "remote-sam-access-denied-6329"

  Scenario: 33004 alone after a reset attempt
    Given the Application log holds only PasswordResetService event 33004
    When the tenant is diagnosed
    Then "event-ad-permissions" fails with "ad-permissions-error-33004"
