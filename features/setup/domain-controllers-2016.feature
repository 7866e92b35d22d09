Feature: The domain controllers run Windows Server 2016 or later
  Current docs: the LDAP password policy hints control (event 6329) needs DCs on Windows Server 2016+.

  Scenario: The oldest DC runs Windows Server 2019
    Given a healthy hybrid tenant
    When the tenant is diagnosed
    Then "domain-controllers-2016" passes

  Scenario: A forgotten Windows Server 2012 R2 DC still answers
    Given a healthy hybrid tenant
    But "domain_controllers.oldest_os" is "windows-server-2012-r2"
    When the tenant is diagnosed
    Then "domain-controllers-2016" fails with "domain-controller-before-2016"
