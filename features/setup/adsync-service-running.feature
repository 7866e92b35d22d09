@setup @microsoft-docs
Feature: The Microsoft Azure AD Sync service runs on the Connect server
  Current docs (troubleshoot-sspr-writeback): the writeback listener lives in the ADSync service;
  stopped, it takes no reset request for anyone.

  Background:
    Given a healthy hybrid tenant

  Scenario: Get-Service ADSync shows Running
    When the tenant is diagnosed
    Then "adsync-service-running" passes

  Scenario: The service was stopped for maintenance and never started again
    Given the ADSync service is stopped on the Connect server
    When the tenant is diagnosed
    Then "adsync-service-running" fails with "adsync-service-stopped"
