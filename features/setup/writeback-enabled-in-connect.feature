@setup @article
Feature: Password writeback is turned on in Azure AD Connect
  The whole article assumes that writeback has been switched on, e.g.
  "Переконайтеся, що обліковий запис адміністратора, який використовується для
  ввімкнення записування паролів, – це обліковий запис адміністратора в хмарі" —
  make sure the administrator account used to enable password writeback is a
  cloud administrator account. Without the Password writeback option in Azure AD
  Connect's Optional features nothing is written back at all.

  Background:
    Given a healthy hybrid tenant

  Scenario: Writeback is ticked in the Connect wizard
    When the tenant is diagnosed
    Then "writeback-enabled-in-connect" passes

  Scenario: The Password writeback option was never ticked in Optional features
    Given password writeback is not ticked in Azure AD Connect
    When the tenant is diagnosed
    Then "writeback-enabled-in-connect" fails with "writeback-disabled"

  Scenario: Azure AD Connect is not even installed yet
    Given Azure AD Connect is not installed
    When the tenant is diagnosed
    Then "writeback-enabled-in-connect" does not apply

  Scenario: Nobody has looked at the Optional features page
    Given nobody has looked at the Optional features page
    When the tenant is diagnosed
    Then "writeback-enabled-in-connect" is undecided for want of whether password writeback is ticked in Azure AD Connect

  Scenario: Writeback known to be off on an installed Connect is reported, not withheld
    Given nothing is known about the tenant
    And Azure AD Connect is installed
    And password writeback is not ticked in Azure AD Connect
    When the tenant is diagnosed
    Then "writeback-enabled-in-connect" fails with "writeback-disabled" for certain
    And the rules conclude that "connect-in-place" is true
    And the verdict is "problems"
