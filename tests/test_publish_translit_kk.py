"""Kazakh Cyrillic → 2021 Latin alphabet."""
import pytest

from translate_pipeline.publish.translit_kk import transliterate


def test_sentence_in_the_2021_alphabet():
    # The sample sentence used to illustrate the 2021 alphabet (Wikipedia "Kazakh alphabets").
    cyr = "Бұрыңғы өткен заманда, бір данышпан кісі, Бағдат шаһарының бір үлкен қазысының үйіне келіп қоныпты."
    lat = "Būryñğy ötken zamanda, bır danyşpan kısı, Bağdat şaharynyñ bır ülken qazysynyñ üiıne kelıp qonypty."
    assert transliterate(cyr) == lat


@pytest.mark.parametrize(
    "cyr, lat",
    [
        # letters that exist only in Kazakh: ә ғ қ ң ө ұ ү һ і
        ("әке", "äke"),
        ("тағы", "tağy"),
        ("Қазақстан Республикасы", "Qazaqstan Respublikasy"),
        ("Жаңаөзен", "Jañaözen"),
        ("Ұлттық", "Ūlttyq"),
        ("Үкімет", "Ükımet"),
        ("Аллаһ", "Allah"),
        ("Іле", "Ile"),
        # и, й → i / İ (dotted capital), і → ı / I (dotless)
        ("Ирина", "İrina"),
        ("Ақтау қаласы", "Aqtau qalasy"),
        ("бидай", "bidai"),
        # Russian loan letters, first variants of the replacements published with the 2021 proposal
        ("аю", "aiu"),
        ("Қоян", "Qoian"),
        ("Цех", "Tseh"),
        ("Чек", "Tşek"),
        ("Электр", "Elektr"),
        ("Щучинск", "Şşutşinsk"),
        ("ащы", "aşşy"),
        ("цемент", "tsement"),
        ("Чехов", "Tşehov"),
        ("Юрий", "İurii"),
        ("Ясауи", "İasaui"),
        ("ёлка", "iolka"),
        ("Пётр", "Piotr"),
        ("объект", "obekt"),
        ("компьютер", "kompiuter"),
        ("Эко", "Eko"),
        # all-caps words keep digraphs in capitals; title case only capitalises the first letter
        ("ЦЕНТР", "TSENTR"),
        ("ЧЕХОВ", "TŞEHOV"),
        ("ЯНВАРЬ", "İANVAR"),
        ("АҚШ", "AQŞ"),
        ("ІЛЕ", "ILE"),
        ("ИЮНЬ", "İİUN"),
        ("Я", "İa"),
    ],
)
def test_letters(cyr, lat):
    assert transliterate(cyr) == lat


def test_non_cyrillic_kept():
    text = "KAMAZ «ҚамАЗ» 2,5 мың — [сілтеме](https://example.kz/a_b) *қ*"
    assert transliterate(text) == "KAMAZ «QamAZ» 2,5 myñ — [sılteme](https://example.kz/a_b) *q*"


def test_output_uses_only_the_31_letters_of_2021():
    alphabet = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
    allowed = set("AÄBDEFGĞHIİJKLMNÑOÖPQRSŞTUŪÜVYZ" + "aäbdefgğhıijklmnñoöpqrsştuūüvyz")
    assert set(transliterate(alphabet + alphabet.upper())) <= allowed


def test_every_kazakh_cyrillic_letter_is_mapped():
    alphabet = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
    out = transliterate(alphabet + alphabet.upper())
    assert not any("\u0400" <= ch <= "\u04ff" for ch in out)
