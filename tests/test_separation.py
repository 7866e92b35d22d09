"""Issue 24 point 4: with symptoms, the questions are ordered by how well each separates the remaining suspects,
weighted by how common each cause is and by how much of what is observed it accounts for; not by how many rules
read a fact. Observable outcomes: the order of the report's questions."""

from __future__ import annotations

from expert_engine import Explainer, Observed
from expert_engine.conditions import Compare
from tests.helpers import shipped
from writeback_doctor.diagnosis import diagnose
from writeback_doctor.report.unknowns import LEAK, suspect_weights


def _questions(facts: dict) -> list[str]:
    return [q.path for q in diagnose(shipped(), facts).questions]


ONE_USER_33004 = {"symptom": {"affected": "one-user"},
                  "event_log": {"events": [{"id": 33004, "source": "PasswordResetService", "code": "none", "detail": "none"}]},
                  "users": [{"name": "a@contoso.com", "source": "synced"}]}


def test_a_cause_that_explains_every_observation_is_asked_before_one_that_explains_only_some():
    # one user fails and the log holds 33004: a protected account explains both; the SSPR group (one user
    # only) and the connector's rights (33004 only) explain one each
    asked = _questions(ONE_USER_33004)
    assert asked[0] == "users[].admin_count_protected", asked
    assert asked.index("users[].admin_count_protected") < asked.index("users[].in_sspr_scope")


def test_each_observation_a_suspect_does_not_explain_divides_its_weight_by_the_leak():
    ruleset = shipped().ruleset
    findings = {(rule.id, finding.id): (rule, finding) for rule in ruleset.rules for finding in rule.findings}

    def explainer(rule_id: str, finding_id: str) -> Explainer:
        rule, finding = findings[(rule_id, finding_id)]
        return Explainer(rule, finding, None)

    both = explainer("protected-accounts-by-design", "protected-user-in-scope")
    group = explainer("sspr-enabled", "test-user-outside-sspr-scope")
    rights = explainer("connector-account-permissions", "connector-cannot-reset-password")
    observed = (Observed(Compare("symptom.affected", "equals", "one-user"), (both, group)),
                Observed(Compare("event_log.kinds_reported", "present", None), (both, rights)))
    weights = {key[1]: w for key, (_, w) in suspect_weights(observed).items()}  # a cause named by its finding
    assert weights == {"protected-user-in-scope": both.finding.prior.weight,
                       "test-user-outside-sspr-scope": group.finding.prior.weight * LEAK,
                       "connector-cannot-reset-password": rights.finding.prior.weight * LEAK}


def test_the_symptom_of_one_observation_keeps_the_order_of_the_priors():
    # SSPR_0029 alone: every suspect explains it; the four causes of Microsoft's article come first
    assert set(_questions({"symptom": {"error_code": "SSPR_0029"}})[:4]) == {
        "users", "connector_account.reset_password", "server.is_domain_controller", "connector_account.remote_sam_allowed"}


def test_a_change_refused_as_a_permissions_error_asks_for_the_flag_and_the_right_that_only_a_change_needs():
    facts = {"symptom": {"step": "change"},
             "event_log": {"events": [{"id": 33004, "source": "PasswordResetService", "code": "0x80230626", "detail": "none"}]},
             "users": [{"name": "a@contoso.com", "source": "synced", "is_test_user": True}]}
    assert set(_questions(facts)[:2]) == {"users[].cannot_change_password", "connector_account.change_password"}


def test_without_symptoms_the_order_is_as_before():
    facts = {"sspr": {"enabled_for": "all"}}
    assert _questions(facts)[0] == "tenant.assigned_licenses"


def _weights(facts: dict) -> dict[tuple[str, str], tuple[tuple[str, ...], float]]:
    seen: dict = {}

    def spy(listed, observed, reads=None, units=None, shares=None):  # the observations the report weighs, as it weighs them
        seen.update({key: (tuple(f.id for f in forms), w) for key, (forms, w) in suspect_weights(observed, units).items()})
        return listed

    import writeback_doctor.report.explanations as explanations
    original = explanations.separation_order
    explanations.separation_order = spy
    try:
        diagnose(shipped(), facts)
    finally:
        explanations.separation_order = original
    return seen


def test_a_cause_described_by_several_findings_is_weighed_once():
    # Connect on a DC: the finding with the 6329 it logs is the same cause as the plain one (prior: same_cause_as)
    weights = _weights({"symptom": {"error_code": "SSPR_0029"}})
    forms, weight = weights[("connect-not-on-domain-controller", "connect-on-domain-controller")]
    assert set(forms) == {"connect-on-dc-access-denied", "connect-on-domain-controller"} and weight == 0.12
    forms, weight = weights[("protected-accounts-by-design", "protected-user-in-scope")]
    assert set(forms) == {"protected-test-user", "protected-user-in-scope"} and weight == 0.15
    assert ("protected-accounts-by-design", "protected-test-user") not in weights


def test_broke_after_a_change_is_one_observation_for_a_cause_that_explains_the_change():
    # a change can only break what worked: RestrictRemoteSam (explains the hardening) is not penalised for "it
    # worked before"; a connectivity failure (explains "worked before", not the hardening) is, once
    weights = _weights({"symptom": {"worked_before": True, "changes": [{"kind": "ad-hardening"}]}})
    assert weights[("remote-sam-allows-connector", "remote-sam-blocks-connector")][1] == 0.2
    assert weights[("firewall-servicebus-endpoint", "servicebus-blocked")][1] == 0.25 * LEAK
    assert _questions({"symptom": {"worked_before": True, "changes": [{"kind": "ad-hardening"}]}})[0] == \
        "connector_account.remote_sam_allowed"


def test_one_observed_value_worded_apart_by_two_findings_is_one_observation():
    # "some users": the SSPR group declares it as affected in [one-user, some-users, group], the minimum password age
    # as affected in [one-user, some-users]; both conditions hold on the one value, which is one observation: neither
    # cause is divided by the leak for the other's wording
    weights = _weights({"symptom": {"affected": "some-users"}})
    assert weights[("sspr-enabled", "test-user-outside-sspr-scope")][1] == 1.0
    assert weights[("minimum-password-age-zero", "minimum-password-age-above-zero")][1] == 0.4


def test_a_cause_that_explains_both_observed_values_outweighs_one_that_explains_one_by_the_leak():
    # one user and event 33004: a protected account explains both (0.15); the SSPR group explains one user only
    weights = _weights(ONE_USER_33004)
    assert weights[("protected-accounts-by-design", "protected-user-in-scope")][1] == 0.15
    assert weights[("sspr-enabled", "test-user-outside-sspr-scope")][1] == 1.0 * LEAK


def test_failures_that_come_and_go_weigh_what_changes_between_resets_above_a_per_user_cause():
    # some users, intermittently: the relay allow-list explains both (its prior); the SSPR group explains only
    # "some users" (divided by the leak once); a partly bad preferred DC list explains both at its own prior
    weights = _weights({"symptom": {"affected": "some-users", "intermittent": True}})
    assert weights[("firewall-servicebus-endpoint", "servicebus-partly-blocked")][1] == 0.1
    assert weights[("preferred-dcs-writable-reachable", "preferred-dc-is-rodc")][1] == 0.05
    assert weights[("sspr-enabled", "test-user-outside-sspr-scope")][1] == 1.0 * LEAK
    assert ("firewall-servicebus-endpoint", "servicebus-blocked") not in weights  # a blocked relay fails every reset


def test_everyone_affected_tells_against_a_cause_that_explains_only_some_users():
    # nobody explains "everyone", but a protected account declares it explains one user, some users or a group:
    # a single-valued fact holds one value, so "everyone" counts the leak against it; the connector's rights say
    # nothing of who is affected and keep their prior
    weights = _weights({"symptom": {"error_code": "SSPR_0029", "affected": "everyone"}})
    assert weights[("protected-accounts-by-design", "protected-user-in-scope")][1] == 0.15 * LEAK
    assert weights[("connector-account-permissions", "connector-cannot-reset-password")][1] == 0.3
    # a change of a kind nobody explains does not tell against RestrictRemoteSam, which explains AD hardening and
    # GPO changes: a list holds several changes, so one of another kind rules none out
    weights = _weights({"symptom": {"error_code": "SSPR_0029", "changes": [{"kind": "connect-upgrade"}]}})
    assert weights[("remote-sam-allows-connector", "remote-sam-blocks-connector")][1] == 0.2
