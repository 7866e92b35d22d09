@setup @microsoft-docs
Feature: The domain controllers run Windows Server 2016 or later
  Current docs: the LDAP password policy hints control (event 6329) needs DCs on Windows Server 2016+.

  Background:
    Given a healthy hybrid tenant

  Scenario: The oldest DC runs Windows Server 2019
    When the tenant is diagnosed
    Then "domain-controllers-2016" passes

  Scenario: A forgotten Windows Server 2012 R2 DC still answers
    Given the oldest domain controller runs windows-server-2012-r2
    When the tenant is diagnosed
    Then "domain-controllers-2016" fails with "domain-controller-before-2016"
