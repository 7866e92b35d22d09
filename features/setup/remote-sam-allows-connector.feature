@setup @microsoft-docs
Feature: The connector account may make remote calls to SAM
  Current docs (SSPR_0029, cause 3): 'Network access: Restrict clients allowed to make remote calls
  to SAM' must allow the MSOL_ account.

  Background:
    Given a healthy hybrid tenant

  Scenario: No RestrictRemoteSam value on the Connect server or the DCs
    When the tenant is diagnosed
    Then "remote-sam-allows-connector" passes

  Scenario: A hardening GPO restricts remote SAM calls and leaves the MSOL_ account out
    Given a GPO restricts remote SAM calls and leaves the MSOL_ account out
    When the tenant is diagnosed
    Then "remote-sam-allows-connector" fails with "remote-sam-blocks-connector"
