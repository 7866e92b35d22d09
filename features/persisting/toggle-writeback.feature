Feature: When the problem persists, disable and re-enable password writeback
  The article: "Якщо й надалі виникають труднощі, спробуйте вимкнути та повторно
  ввімкнути службу записування паролів у засобі Azure AD Підключення" — if you
  still have trouble, try disabling and re-enabling password writeback in Azure
  AD Connect. This is the last resort: it is only offered once every setup and
  connectivity check has passed.

  Scenario: Everything checks out, yet users still cannot reset their passwords
    Given a healthy hybrid tenant
    But "connect.version" is "2.5.79.0"
    And "problem.persists" is true
    When the tenant is diagnosed
    Then "toggle-writeback" fails with "still-not-working"

  Scenario: Everything checks out and the users confirm writeback works now
    Given a healthy hybrid tenant
    But "connect.version" is "2.5.79.0"
    And "problem.persists" is false
    When the tenant is diagnosed
    Then "toggle-writeback" passes

  Scenario: Self-service password reset is still switched off for everyone
    Given a healthy hybrid tenant
    But "connect.version" is "2.5.79.0"
    And "sspr.enabled_for" is "none"
    And "problem.persists" is true
    When the tenant is diagnosed
    Then "toggle-writeback" does not apply

  Scenario: The firewall still blocks the password reset service
    Given a healthy hybrid tenant
    But "connect.version" is "2.5.79.0"
    And "network.passwordreset_https" is false
    And "problem.persists" is true
    When the tenant is diagnosed
    Then "toggle-writeback" does not apply

  Scenario: The firewall test is still outstanding, so toggling may be premature
    Given a healthy hybrid tenant
    But "connect.version" is "2.5.79.0"
    And "network.passwordreset_https" is unknown
    And "problem.persists" is true
    When the tenant is diagnosed
    Then "toggle-writeback" is unknown for want of "network.passwordreset_https"

  Scenario: Nobody has asked the users whether it still fails
    Given a healthy hybrid tenant
    But "connect.version" is "2.5.79.0"
    And "problem.persists" is unknown
    When the tenant is diagnosed
    Then "toggle-writeback" is unknown for want of "problem.persists"
