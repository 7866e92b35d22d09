Feature: printers
  Scenario: a
    Then "powered" fails with "unplugged"
  Scenario: b
    Then "powered" passes
  Scenario: c
    Then "paper" fails with "empty"
  Scenario: d
    Then "paper" does not apply
