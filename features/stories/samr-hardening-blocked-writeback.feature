@stories @public-story
Feature: Story: SAMR hardening blocked the writeback account
  Source: https://github.com/MicrosoftDocs/azure-docs/issues/62884 (nathanmcnulty, 2020-09-18).
  Reported: writeback broke after SAMR hardening (what changed); the poster found a single blog
  post that mentioned the cause.
  Confirmed: the MSOL_ account (or the custom writeback account) must be allowed in "Network
  access: Restrict clients allowed to make remote calls to SAM"; adding it fixed writeback.

  Scenario: As the poster told it
    Given nothing is known about the tenant
    And writeback broke after AD hardening
    And a GPO restricts remote SAM calls and leaves the MSOL_ account out
    When the tenant is diagnosed
    Then "remote-sam-allows-connector" fails with "remote-sam-blocks-connector"

  Scenario: The symptom alone: writeback broke after SAMR hardening
    Given nothing is known about the tenant
    And writeback broke after AD hardening
    When the tenant is diagnosed
    Then the report asks for whether RestrictRemoteSam lets the MSOL_ account in
