@stories @public-story
Feature: Story: a STIG GPO restricted remote calls to SAM
  Source: https://github.com/MicrosoftDocs/azure-docs/issues/68215 (scott1138, 2020-12-29).
  Reported: password writeback would not work; the fourth technician found the cause.
  Confirmed: a GPO enabled "Network access: Restrict clients allowed to make remote calls to SAM"
  (a DISA STIG recommendation); adding the MSOL_ account to it fixed writeback.

  Scenario: As the poster told it
    Given nothing is known about the tenant
    And writeback never worked since it was set up
    And a GPO restricts remote SAM calls and leaves the MSOL_ account out
    When the tenant is diagnosed
    Then "remote-sam-allows-connector" fails with "remote-sam-blocks-connector"

  Scenario: The symptom alone: writeback does not work
    Given nothing is known about the tenant
    And writeback never worked since it was set up
    When the tenant is diagnosed
    Then the report asks for whether RestrictRemoteSam lets the MSOL_ account in
