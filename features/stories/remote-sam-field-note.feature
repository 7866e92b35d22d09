@stories @public-story
Feature: Story: a support engineer's field note on remote calls to SAM
  Source: https://github.com/MicrosoftDocs/azure-docs/issues/59189 (jafrittsMSFT, 2020-07-17),
  with the engineer's write-up cited in https://github.com/MicrosoftDocs/azure-docs/issues/62884.
  Reported: writeback fails where "Network access: Restrict clients allowed to make remote calls
  to SAM" does not name the on-premises connector account.
  Confirmed: the connector account must be allowed to make remote calls to SAM for writeback to
  succeed (accepted into Microsoft's documentation, SSPR_0029 cause 3).

  Scenario: As the engineer told it
    Given nothing is known about the tenant
    And a GPO restricts remote SAM calls and leaves the MSOL_ account out
    When the tenant is diagnosed
    Then "remote-sam-allows-connector" fails with "remote-sam-blocks-connector"

  Scenario: The symptom alone: writeback fails
    Given nothing is known about the tenant
    When the tenant is diagnosed
    Then the report asks for whether RestrictRemoteSam lets the MSOL_ account in
