@setup @microsoft-docs
Feature: A new password is tested on the domain controller writeback wrote it to
  Microsoft's general troubleshooting steps ("Use the same domain controller"): writeback sets the
  password on the one DC the AD connector uses; the other DCs learn it through replication and
  accept the old password until then. Test on one DC: a single preferred DC in the AD connector,
  and Active Directory Users and Computers pointed at the same DC.

  Background:
    Given a healthy hybrid tenant

  Scenario: Nobody reports a problem, so nobody is asked where they tested
    When the tenant is diagnosed
    Then "test-on-the-same-domain-controller" does not apply

  Scenario: The old password stops working as soon as the reset succeeds
    Given the users still cannot reset their passwords
    And the old password stops working as soon as the reset succeeds
    When the tenant is diagnosed
    Then "test-on-the-same-domain-controller" passes

  Scenario: The connector may use any DC and the helpdesk checks the password at a branch-office DC
    Given the users still cannot reset their passwords
    And the old password still works on premises for a while after the reset
    And the AD connector's 'Only use preferred domain controllers' is off
    When the tenant is diagnosed
    Then "test-on-the-same-domain-controller" fails with note "connector-may-write-to-any-dc"
    And the remedy of "test-on-the-same-domain-controller" says "set a single preferred DC in the AD connector"
    And the remedy of "test-on-the-same-domain-controller" says "Change Domain Controller"

  Scenario: The connector is pinned to its preferred DC and the old password still works elsewhere
    Given the users still cannot reset their passwords
    And the old password still works on premises for a while after the reset
    When the tenant is diagnosed
    Then "test-on-the-same-domain-controller" fails with note "old-password-until-replication"
    And the remedy of "test-on-the-same-domain-controller" says "repadmin /replsummary"

  Scenario: The note does not hold back the article's last step
    Given the users still cannot reset their passwords
    And the old password still works on premises for a while after the reset
    And the AD connector's 'Only use preferred domain controllers' is off
    When the tenant is diagnosed
    Then "test-on-the-same-domain-controller" fails with note "connector-may-write-to-any-dc"
    And "toggle-writeback" fails with "still-not-working"

  Scenario: Nobody has tried the old password after the reset
    Given the users still cannot reset their passwords
    And nobody has tried the old password after the reset
    When the tenant is diagnosed
    Then "test-on-the-same-domain-controller" is undecided for want of whether the old password still works after the reset
