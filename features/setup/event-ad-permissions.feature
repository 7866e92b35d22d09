@setup @microsoft-docs
Feature: The Application log shows no permission error of the connector account
  33004 names missing permissions (or, for a protected user, writeback's design); ADSync 6329
  ERROR_ACCESS_DENIED is the remote-SAM policy or the rights NetUserGetInfo needs (SSPR_0029).

  Background:
    Given a healthy hybrid tenant

  Scenario: The log holds only heartbeats and a successful onboarding
    When the tenant is diagnosed
    Then "event-ad-permissions" passes

  # Correction (expert review): SSPR_0029 has two causes for ERROR_ACCESS_DENIED; the old
  # rule blamed RestrictRemoteSam here although remote-sam-allows-connector passed.
  Scenario: 33004 and 6329 ERROR_ACCESS_DENIED are logged together while remote calls to SAM are allowed
    Given the Application log holds PasswordResetService event 33004 together with ADSync event 6329 saying access-denied
    When the tenant is diagnosed
    Then "event-ad-permissions" fails with "netusergetinfo-access-denied-6329"
    And "remote-sam-allows-connector" passes

  Scenario: 33004 and 6329 ERROR_ACCESS_DENIED, and RestrictRemoteSam leaves out the connector account
    Given the Application log holds PasswordResetService event 33004 together with ADSync event 6329 saying access-denied
    And a GPO restricts remote SAM calls and leaves the MSOL_ account out
    When the tenant is diagnosed
    Then "event-ad-permissions" fails with "remote-sam-access-denied-6329"
    And "remote-sam-allows-connector" fails with "remote-sam-blocks-connector"

  Scenario: 6329 ERROR_ACCESS_DENIED and nobody has looked at RestrictRemoteSam yet
    Given the Application log holds PasswordResetService event 33004 together with ADSync event 6329 saying access-denied
    And nobody has looked at RestrictRemoteSam
    When the tenant is diagnosed
    Then "event-ad-permissions" fails with "access-denied-6329"

  Scenario: 33004 alone after a reset attempt
    Given the Application log holds only PasswordResetService event 33004
    When the tenant is diagnosed
    Then "event-ad-permissions" fails with "ad-permissions-error-33004"

  # Correction (expert review): 33004 for a protected (adminCount = 1) test user is by
  # design; the old rule said "grant permissions" (critical) beside protected-test-user.
  Scenario: 33004 after the test user, a former Domain Admin, tried to reset
    Given the Application log holds only PasswordResetService event 33004
    And the users are:
      | name                          | source     | license | is_admin | is_test_user | in_sspr_scope | admin_count_protected |
      | admin@contoso.onmicrosoft.com | cloud_only | premium | true     | false        | true          | false                 |
      | test.user@contoso.com         | synced     | premium | false    | true         | true          | true                  |
    When the tenant is diagnosed
    Then "event-ad-permissions" fails with "ad-permissions-33004-protected-test-user"
    And "protected-accounts-by-design" fails with "protected-test-user"

  # Correction (expert review): the 33004 remedy credited the cmdlet with all five rights.
  Scenario: The 33004 remedy says which rights the cmdlet grants and which to add by hand
    Given a healthy hybrid tenant
    And the Application log holds only PasswordResetService event 33004
    When the tenant is diagnosed
    Then the remedy of "event-ad-permissions" says "add Change password and Unexpire Password by hand"
