@setup @article
Feature: Writeback is enabled with a cloud administrator account
  The article: "Переконайтеся, що обліковий запис адміністратора, який використовується
  для ввімкнення записування паролів, – це обліковий запис адміністратора в хмарі
  (створюється в Azure AD, а не в локальній службі AD)." — make sure the administrator
  account used to enable password writeback is a cloud administrator account, created
  in Azure AD and not in on-premises AD.

  Background:
    Given a healthy hybrid tenant

  Scenario: Writeback was enabled with a cloud-only Global Administrator
    When the tenant is diagnosed
    Then "cloud-admin-enables-writeback" passes

  Scenario: The admin typed in his on-premises domain admin account of a federated domain in the Connect wizard
    Given writeback was enabled with a synced on-premises account
    And writeback was enabled with a federated administrator account
    When the tenant is diagnosed
    Then "cloud-admin-enables-writeback" fails with "writeback-admin-on-premises-federated"

  Scenario: The cloud account used in the wizard has no admin role
    Given the account that enabled writeback holds no admin role
    And nobody has checked how the administrator holds the role
    When the tenant is diagnosed
    Then "cloud-admin-enables-writeback" fails with "writeback-admin-without-role"

  Scenario: Nobody remembers which account enabled writeback
    Given nobody remembers which account enabled writeback
    When the tenant is diagnosed
    Then "cloud-admin-enables-writeback" is undecided for want of which account enabled writeback

  # Correction (expert review): Microsoft accepts a managed "cloud-only or
  # password-synchronized" administrator (troubleshoot-sspr-writeback, event 32009); the
  # old rule gave an error here.
  Scenario: A password-hash-synchronised administrator enabled writeback
    Given writeback was enabled with a synced on-premises account
    And the account that enabled writeback is managed, not federated
    When the tenant is diagnosed
    Then the diagnoses are, in order:
      | id                            | finding                               | severity |
      | cloud-admin-enables-writeback | writeback-admin-password-synchronized | note     |

  Scenario: A synchronised administrator of unknown authentication enabled writeback
    Given writeback was enabled with a synced on-premises account
    And nobody knows whether the account that enabled writeback is federated
    When the tenant is diagnosed
    Then "cloud-admin-enables-writeback" is undecided for want of whether the account that enabled writeback is federated
