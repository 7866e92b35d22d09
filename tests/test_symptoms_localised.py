"""What the user saw, pasted in the product's other languages: Microsoft's localised texts give the right code.

Every text here is quoted from the page ``writeback_doctor/symptoms.yaml`` cites for it (its ``text_sources``);
none is a translation of ours. A message pasted without its code is recognised by its text alone.
"""

from __future__ import annotations

import pytest

from writeback_doctor.sources.symptom_text import _fold, catalogue, recognise


@pytest.mark.parametrize(("reported", "code"), [
    # Whole sentences of the localised troubleshoot-sspr table ("Details" column), without the code.
    ("Sie können Ihr Kennwort zurzeit nicht zurücksetzen, weil Ihr Administrator einen notwendigen Dienst für Ihre "
     "Organisation nicht aktiviert hat.", "SSPR_0010"),
    ("Wir können Ihr Kennwort aufgrund von Konnektivitätsproblemen mit Ihrer Organisation zurzeit nicht zurücksetzen.",
     "SSPR_0030"),
    ("Wir können Ihr Kennwort aufgrund eines Fehlers in Ihrer lokalen Konfiguration nicht zurücksetzen.", "SSPR_0029"),
    ("Nous sommes désolés, vous ne pouvez pas réinitialiser votre mot de passe pour l’instant, car il manque les "
     "licences nécessaires pour votre organisation.", "SSPR_0012"),
    ("En este momento no se puede restablecer la contraseña porque el administrador no ha configurado la cuenta para "
     "que use el restablecimiento de contraseñas.", "SSPR_0013"),
    ("Non è possibile reimpostare la password in questo momento a causa di un problema con la configurazione della "
     "reimpostazione della password dell'organizzazione.", "SSPR_0029"),
    ("К сожалению, в настоящее время невозможно сбросить пароль, так как администратор отключил сброс пароля для "
     "вашей организации.", "SSPR_0009"),
    ("К сожалению, в настоящее время невозможно сбросить ваш пароль из-за проблем с подключением к вашей организации.",
     "SSPR_0030"),
    ("申し訳ありません。組織のパスワード リセット構成に問題があるため、現時点ではパスワードをリセットできません。", "SSPR_0029"),
    ("申し訳ありません。お使いのアカウントでは必要な情報が不足しているため、現時点ではパスワードをリセットできません。", "SSPR_0014"),
    ("抱歉，由于管理员未为组织配置密码重置，目前无法重置密码。", "SSPR_0011"),
    ("Desculpe, você não pode redefinir sua senha neste momento porque o administrador não habilitou um serviço "
     "necessário para sua organização.", "SSPR_0010"),
    ("Niestety, nie można teraz zresetować hasła, ponieważ w organizacji brakuje wymaganych licencji.", "SSPR_0012"),
    ("Je nám líto, ale v tuto chvíli nemůžeme resetovat vaše heslo kvůli problémům s připojením k vaší organizaci.",
     "SSPR_0030"),
    ("Ne yazık ki yöneticiniz kuruluşunuz için gerekli bir hizmeti etkinleştirmediği için parolanızı Şu anda "
     "sıfırlayamazsınız.", "SSPR_0010"),
    ("Du kan tyvärr inte återställa ditt lösen ord just nu eftersom nödvändig information saknas i ditt konto.",
     "SSPR_0014"),
    ("Uw wacht woord kan niet opnieuw worden ingesteld omdat er een probleem is met de configuratie van het wacht woord "
     "voor het opnieuw instellen van uw organisatie.", "SSPR_0029"),
    ("암호를 재설정할 수 있는 그룹의 구성원이 아닙니다. 관리자에게 문의하고 그룹에 추가되도록 요청하세요.", "SSPR_0013"),
    ("抱歉，因為您的系統管理員已為您的組織停用密碼重設，所以目前無法重設您的密碼。", "SSPR_0009"),
    # The message quoted on the localised SSPR_0029 article, without its code.
    ("Din organisation har inte konfigurerat den lokala konfigurationen för lösenordsåterställning korrekt.", "SSPR_0029"),
    ("Uw organisatie heeft de on-premises configuratie voor wachtwoordherstel niet goed ingesteld.", "SSPR_0029"),
    ("您的組織未針對密碼重設正確設定內部部署組態。", "SSPR_0029"),
    ("Ihre Organisation hat die lokale Konfiguration für die Kennwortzurücksetzung nicht ordnungsgemäß eingerichtet.",
     "SSPR_0029"),
    # The on-premises policy refusal and the banned-password list ("SSPR usage" table).
    ("Das Kennwort entspricht nicht der lokalen Active Directory-Kennwortrichtlinie.", "on-premises-policy-violation"),
    ("Пароль не соответствует локальной политике паролей Active Directory.", "on-premises-policy-violation"),
    ("Le mot de passe n’est pas conforme à la stratégie approximative", "banned-password"),
])
def test_a_localised_message_alone_gives_its_code(reported: str, code: str) -> None:
    assert recognise(reported) == (code, None)


def test_the_code_shown_with_a_localised_message_still_decides() -> None:
    assert recognise("SSPR_0030: Wir können Ihr Kennwort aufgrund einer schlechten Verbindung mit Ihrer lokalen "
                     "Umgebung nicht zurücksetzen.") == ("SSPR_0030", None)
    assert recognise("SSPR_0013:パスワード リセットが有効になっているグループのメンバーではありません。") == ("SSPR_0013", None)


def test_an_unknown_localised_text_is_carried_as_unknown_with_the_text_in_its_note() -> None:
    reported = "Не вдалося скинути пароль. Зверніться до адміністратора."  # no page of Microsoft's is quoted for uk
    recognised = recognise(reported)
    assert recognised.code == "unknown" and recognised.note is not None and reported in recognised.note


def test_every_language_of_every_message_cites_the_page_it_quotes() -> None:
    for code, entry in catalogue()["codes"].items():
        languages = set(entry.get("texts") or {}) - {"en"}
        sources = entry.get("text_sources") or {}
        assert languages == set(sources), code
        assert all(urls and all(str(u).startswith("https://") for u in urls) for urls in sources.values()), code


def test_every_fragment_alone_is_recognised_as_its_own_code() -> None:
    for code, entry in catalogue()["codes"].items():
        for language, fragments in (entry.get("texts") or {}).items():
            for fragment in fragments:
                assert recognise(fragment).code == code, (code, language, fragment)


def test_no_fragment_of_one_code_lies_inside_a_fragment_of_another() -> None:
    fragments = [(_fold(f), code) for code, entry in catalogue()["codes"].items()
                 for fs in (entry.get("texts") or {}).values() for f in fs]
    clashes = [(a, b) for a, code_a in fragments for b, code_b in fragments if code_a != code_b and a in b]
    assert clashes == []
