"""sentence-count and length-ratio."""
from qa_support import problems

LEAD_RU = (
    "Соглашение направлено на создание современного производства мостов и литья в Казахстане. "
    "При этом будут использовать технологии, отвечающие лучшим мировым стандартам."
)
LEAD_EN = (
    "The agreement is aimed at creating modern production of axles and castings in Kazakhstan. "
    "Technologies meeting the best world standards will be used."
)


def test_sentence_dropped_by_mt():
    dropped = "The agreement is aimed at creating modern production of axles and castings in Kazakhstan."
    assert problems("sentence-count", LEAD_RU, dropped) == ["1 sentence(s) in the target, 2 in the source"]


def test_same_sentence_count_with_initials_and_abbreviations():
    assert problems("sentence-count", LEAD_RU, LEAD_EN) == []
    source = "Премьер-министр А. Мамин принял участие в подписании."
    assert problems("sentence-count", source, "Prime Minister A. Mamin took part in the signing.") == []


def test_abbreviations_followed_by_digits_do_not_count_as_sentences():
    source = "Завод (основан в 1976 году) подписал соглашение 25 ноября."
    assert problems("sentence-count", source, "The plant (est. 1976) signed the agreement on Nov. 25 in Almaty.") == []
    two = "Завод основан в 1976 году. «КАМАЗ» подписал соглашение."
    assert problems("sentence-count", two, "The plant was founded in 1976. “KAMAZ” signed the agreement.") == []


def test_length_ratio_outliers():
    short = "The agreement."
    found = problems("length-ratio", LEAD_RU, short)
    assert len(found) == 1 and "text dropped?" in found[0] and "ru→en" in found[0]
    padded = LEAD_EN + " " + LEAD_EN + " " + LEAD_EN
    assert "text added?" in problems("length-ratio", LEAD_RU, padded)[0]


def test_length_ratio_ordinary_translations_pass():
    assert problems("length-ratio", LEAD_RU, LEAD_EN) == []
    kk = (
        "Келісім Қазақстанда көпірлер мен құймалардың заманауи өндірісін құруға бағытталған. "
        "Бұл ретте үздік әлемдік стандарттарға сай технологиялар қолданылады."
    )
    assert problems("length-ratio", LEAD_RU, kk, "kk") == []
    assert problems("length-ratio", "Роман Скляр", "Roman Sklyar, Minister of Industry of Kazakhstan") == []


def test_length_ratio_bounds_are_configurable():
    assert problems("length-ratio", LEAD_RU, LEAD_EN, length_ratio={"ru-en": (1.2, 2.0)}) != []
