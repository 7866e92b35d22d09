Feature: The connector account may make remote calls to SAM
  Current docs (SSPR_0029, cause 3): 'Network access: Restrict clients allowed to make remote calls
  to SAM' must allow the MSOL_ account.

  Scenario: No RestrictRemoteSam value on the Connect server or the DCs
    Given a healthy hybrid tenant
    When the tenant is diagnosed
    Then "remote-sam-allows-connector" passes

  Scenario: A hardening GPO restricts remote SAM calls and leaves the MSOL_ account out
    Given a healthy hybrid tenant
    But "connector_account.remote_sam_allowed" is false
    When the tenant is diagnosed
    Then "remote-sam-allows-connector" fails with "remote-sam-blocks-connector"
