Feature: The AD DS connector account holds every permission password writeback needs
  Current docs (tutorial-enable-sspr-writeback): the MSOL_ account needs Reset password, Change
  password, Write lockoutTime, Write pwdLastSet and the Unexpire Password extended right.

  Scenario: The connector account was delegated everything the tutorial lists
    Given a healthy hybrid tenant
    When the tenant is diagnosed
    Then "connector-account-permissions" passes

  Scenario: Someone removed Reset password from the MSOL_ account
    Given a healthy hybrid tenant
    But "connector_account.reset_password" is false
    When the tenant is diagnosed
    Then "connector-account-permissions" fails with "connector-cannot-reset-password"

  Scenario: Users can reset but not change their password
    Given a healthy hybrid tenant
    But "connector_account.change_password" is false
    When the tenant is diagnosed
    Then "connector-account-permissions" fails with "connector-cannot-change-password"

  Scenario: Locked-out users stay locked after a reset
    Given a healthy hybrid tenant
    But "connector_account.write_lockout_time" is false
    When the tenant is diagnosed
    Then "connector-account-permissions" fails with "connector-cannot-write-lockouttime"

  Scenario: pwdLastSet was never delegated
    Given a healthy hybrid tenant
    But "connector_account.write_pwd_last_set" is false
    When the tenant is diagnosed
    Then "connector-account-permissions" fails with "connector-cannot-write-pwdlastset"

  Scenario: Unexpire Password is missing on the domain root
    Given a healthy hybrid tenant
    But "connector_account.unexpire_password" is false
    When the tenant is diagnosed
    Then "connector-account-permissions" fails with "connector-lacks-unexpire-password"

  Scenario: Nobody has looked at Effective Access yet
    Given a healthy hybrid tenant
    But "connector_account.reset_password" is unknown
    When the tenant is diagnosed
    Then "connector-account-permissions" is unknown for want of "connector_account.reset_password"
