"""script, kazakh-letters, mixed-script: the right alphabet, and no homoglyph words."""
from qa_support import problems, severities

from translate_pipeline.core.text import describe_mixed, homoglyph_fix, mixed_script_words, source_notes

HYUNDAI_RU = "В Алматы в 2020 году будут производить автомобили марки Нyundai."
SIGNED_RU = "Документ подписали министр Роман Скляр и генеральный директор ПАО “КАМАЗ” Сергей Когогин."
DAIMLER_RU = "Продукция будет поступать в немецкий концерн Daimler AG."


def test_mixed_script_words_finds_the_sample_homoglyph_with_offsets():
    assert mixed_script_words(HYUNDAI_RU) == [("Нyundai", 56, 63)]
    assert HYUNDAI_RU[56:63] == "Нyundai"


def test_mixed_script_words_ignores_hyphenated_compounds_and_pure_words():
    assert mixed_script_words("IT-компания и PR-служба «КАМАЗа» работают с Daimler AG и Hyundai.") == []
    assert mixed_script_words("") == []


def test_homoglyph_fix_suggests_the_majority_script():
    assert homoglyph_fix("Нyundai") == "Hyundai"
    assert homoglyph_fix("KАМАЗ") == "КАМАЗ"  # Latin K in a Cyrillic acronym
    assert homoglyph_fix("Жyundai") is None  # Ж has no Latin look-alike
    assert "probably 'Hyundai'" in describe_mixed("Нyundai")


def test_mixed_script_source_warns_and_target_errors():
    found = problems("mixed-script", HYUNDAI_RU, "")
    assert found == ["'Нyundai' mixes scripts (Cyrillic 'Н' + Latin 'yundai'); probably 'Hyundai'; MT and glossary matching miss it"]
    target = "Алматыда 2020 жылы Нyundai маркалы автомобильдер шығарылады."
    assert severities("mixed-script", HYUNDAI_RU, target, "kk") == ["warning", None]  # None: the check's default, error
    assert problems("mixed-script", "В Алматы будут производить автомобили Hyundai.", "Cars will be made in Almaty.") == []


def test_cyrillic_left_in_english():
    found = problems("script", SIGNED_RU, "The document was signed by minister Roman Sklyar and PJSC “КАМАЗ” CEO Sergei Kogogin.")
    assert found == ["Cyrillic left in the English text: КАМАЗ"]
    clean = "The document was signed by minister Roman Sklyar and KAMAZ CEO Sergei Kogogin."
    assert problems("script", SIGNED_RU, clean) == []


def test_cyrillic_known_name_allowed_in_english():
    target = "The plant was named “Беларусь” by its founders."
    assert problems("script", "Завод назвали «Беларусь».", target, known_names=("Беларусь",)) == []


def test_latin_in_kazakh_outside_names():
    target = "Өнім неміс концерні Daimler AG-ге жеткізіледі."
    assert problems("script", DAIMLER_RU, target, "kk") == []  # copied from the source: a name
    leaked = "Өнім German concern Daimler AG-ге жеткізіледі."
    assert problems("script", DAIMLER_RU, leaked, "kk") == ["Latin words not in the source or known names: German, concern"]
    assert severities("script", DAIMLER_RU, leaked, "kk") == ["warning"]


def test_corrected_homoglyph_name_allowed_in_kazakh():
    target = "Алматыда 2020 жылы Hyundai маркалы автомобильдер шығарылатын болады."
    assert problems("script", HYUNDAI_RU, target, "kk") == []


def test_latin_known_name_allowed_in_kazakh():
    target = "Алматыда Hyundai автомобильдері шығарылады."
    assert problems("script", "В Алматы будут производить автомобили Хендай.", target, "kk", known_names=("Hyundai",)) == []
    assert problems("script", "В Алматы будут производить автомобили Хендай.", target, "kk") != []


def test_kazakh_without_kazakh_letters_is_probably_russian():
    russian = "Также будет организован инжиниринговый центр по развитию компетенции персонала."
    found = problems("kazakh-letters", russian, russian, "kk")
    assert found == ["9 Cyrillic words and no Kazakh letter (әғқңөұүһі): Russian text?"]
    kazakh = "Сондай-ақ персонал құзыретін дамыту жөніндегі инжиниринг орталығы ұйымдастырылады."
    assert problems("kazakh-letters", russian, kazakh, "kk") == []


def test_short_kazakh_text_needs_no_kazakh_letter():
    assert problems("kazakh-letters", "Премьер-министр Аскар Мамин", "Премьер-министр Асқар Мамин", "kk") == []
    assert problems("kazakh-letters", "Роман Скляр", "Роман Скляр", "kk") == []
    assert problems("kazakh-letters", "Также будет организован центр.", "Also a centre will be organised.", "en") == []


def test_source_notes_for_extract_time_warnings():
    assert source_notes(HYUNDAI_RU) == [
        "'Нyundai' mixes scripts (Cyrillic 'Н' + Latin 'yundai'); probably 'Hyundai'; MT and glossary matching miss it"
    ]
    assert source_notes(SIGNED_RU) == []
