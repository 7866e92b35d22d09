@setup @microsoft-docs
Feature: The connector account can still read what NetUserGetInfo needs
  Microsoft's "Applications using NetUserGetInfo and similar APIs rely on read access to
  certain AD objects": "In most Active Directory domains, permissions to these objects are
  granted based on the membership in generic groups like Authenticated Users, Everyone or the
  Pre-Windows 2000 Compatible Access group." Writeback depends on NetUserGetInfo (SSPR_0029).

  Background:
    Given a healthy hybrid tenant

  Scenario: Authenticated Users is still in Pre-Windows 2000 Compatible Access
    When the tenant is diagnosed
    Then "pre-windows-2000-access" passes

  Scenario: A hardening project emptied Pre-Windows 2000 Compatible Access
    Given a hardening project emptied Pre-Windows 2000 Compatible Access
    When the tenant is diagnosed
    Then "pre-windows-2000-access" fails with "pre-windows-2000-hardened"

  Scenario: After the hardening, ADSync logs 6329 with ERROR_ACCESS_DENIED
    Given a hardening project emptied Pre-Windows 2000 Compatible Access
    And the Application log holds only ADSync event 6329 saying access-denied
    When the tenant is diagnosed
    Then "pre-windows-2000-access" fails with "pre-windows-2000-hardened-access-denied"

  Scenario: Nobody looked at the group's members
    Given nobody has looked at the members of Pre-Windows 2000 Compatible Access
    When the tenant is diagnosed
    Then "pre-windows-2000-access" is undecided for want of the members of Pre-Windows 2000 Compatible Access
