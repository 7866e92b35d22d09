@setup @microsoft-docs
Feature: Users may unlock their account without resetting its password
  Current docs (tutorial-enable-sspr-writeback): "Allow users to unlock accounts without resetting
  their password" is set to Yes; only users who try to unlock need it.

  Background:
    Given a healthy hybrid tenant

  Scenario: The user tried to unlock and the setting is Yes
    Given the user tried to unlock their account
    When the tenant is diagnosed
    Then "sspr-unlock-enabled" passes

  Scenario: The user tried to unlock and the setting is No
    Given the user tried to unlock their account
    And "Allow users to unlock accounts without resetting their password" is No
    When the tenant is diagnosed
    Then "sspr-unlock-enabled" fails with "unlock-without-reset-off"

  Scenario: The user reset a forgotten password: the unlock setting does not matter
    Given the user was resetting a forgotten password
    And "Allow users to unlock accounts without resetting their password" is No
    When the tenant is diagnosed
    Then "sspr-unlock-enabled" does not apply
