@persisting @article
Feature: When the problem persists, disable and re-enable password writeback
  The article: "Якщо й надалі виникають труднощі, спробуйте вимкнути та повторно
  ввімкнути службу записування паролів у засобі Azure AD Підключення" — if you
  still have trouble, try disabling and re-enabling password writeback in Azure
  AD Connect. This is the last resort: it is only offered once every setup and
  connectivity check has passed.

  Background:
    Given a healthy hybrid tenant
    And Azure AD Connect is version 2.5.79.0

  Scenario: Everything checks out, yet users still cannot reset their passwords
    Given the users still cannot reset their passwords
    When the tenant is diagnosed
    Then "toggle-writeback" fails with "still-not-working"

  Scenario: Everything checks out and the users confirm writeback works now
    Given the users confirm that writeback works now
    When the tenant is diagnosed
    Then "toggle-writeback" passes

  Scenario: Self-service password reset is still switched off for everyone
    Given self-service password reset is switched off for everyone
    And the users still cannot reset their passwords
    When the tenant is diagnosed
    Then "toggle-writeback" does not apply

  Scenario: The firewall still blocks the password reset service
    Given the Connect server cannot reach passwordreset.microsoftonline.com
    And the users still cannot reset their passwords
    When the tenant is diagnosed
    Then "toggle-writeback" does not apply

  Scenario: The firewall test is still outstanding, so toggling may be premature
    Given nobody has tested the password reset endpoint
    And the users still cannot reset their passwords
    When the tenant is diagnosed
    Then "toggle-writeback" is undecided for want of whether the Connect server reaches passwordreset.microsoftonline.com

  Scenario: Nobody has asked the users whether it still fails
    Given nobody has asked the users whether it still fails
    When the tenant is diagnosed
    Then "toggle-writeback" is undecided for want of whether the users still cannot reset their passwords

  # Expert re-review 2026-12-07 (§8 L2): the Windows default minimum password age (1 day) is a
  # warning in nearly every domain; a warning must not withhold the article's last step.
  Scenario: The domain keeps Windows' default minimum password age of one day, and users still cannot reset
    Given the domain's Minimum password age is one day
    And the users still cannot reset their passwords
    When the tenant is diagnosed
    Then "minimum-password-age-zero" fails with warning "minimum-password-age-above-zero"
    And "toggle-writeback" fails with "still-not-working"

  Scenario: Nobody has read the password policy: a rule that can only warn does not hold the last step back
    Given nobody has read the domain's password policy
    And the users still cannot reset their passwords
    When the tenant is diagnosed
    Then "toggle-writeback" fails with "still-not-working"
