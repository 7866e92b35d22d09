@setup @article
Feature: At least one license is assigned in the organization
  The article: "В організації має бути призначено принаймні одну ліцензію" —
  at least one license must be assigned in the organization before password
  reset and writeback can work for anyone.

  Scenario: A tenant with licenses assigned passes
    Given a healthy hybrid tenant
    When the tenant is diagnosed
    Then "license-assigned" passes

  Scenario: A tenant without a single assigned license
    Given a healthy hybrid tenant
    But the tenant has no license assigned at all
    When the tenant is diagnosed
    Then "license-assigned" fails with "no-license-assigned"

  Scenario: Nobody has counted the licenses yet
    Given nothing is known about the tenant
    When the tenant is diagnosed
    Then "license-assigned" is undecided for want of the count of assigned licenses
