"""unchanged, empty, whitespace, doubled-words, mt-loop."""
from qa_support import problems

SOURCE = "В рамках соглашения планируют создать заводы по производству спецтехники."
TARGET = "Under the agreement, plants for the production of special equipment are planned."


def test_unchanged_copy_of_russian_is_flagged():
    assert problems("unchanged", SOURCE, SOURCE, "kk") == ["the target is identical to the source"]
    assert problems("unchanged", SOURCE, TARGET) == []


def test_unchanged_names_and_numbers_are_fine():
    assert problems("unchanged", "Daimler AG", "Daimler AG") == []
    assert problems("unchanged", "2018–2020", "2018–2020") == []
    assert problems("unchanged", "Роман Скляр", "Роман Скляр", "kk") == []
    assert problems("unchanged", "Аким Костанайской области", "Аким Костанайской области", "kk") != []
    assert problems("unchanged", "Костанайской области", "Костанайской области", "kk", known_names=("области",)) == []


def test_empty_translation():
    assert problems("empty", SOURCE, "   ") == ["the translation is blank"]
    assert problems("empty", SOURCE, "…") == ["the translation is only '…'"]
    assert problems("empty", SOURCE, TARGET) == []
    assert problems("empty", "—", "—") == []


def test_whitespace_at_the_ends():
    assert problems("whitespace", SOURCE, TARGET + " ") == ["trailing whitespace ' ' differs from the source's ''"]
    assert problems("whitespace", SOURCE, " " + TARGET) == ["leading whitespace ' ' differs from the source's ''"]
    assert problems("whitespace", SOURCE + "\n", TARGET + "\n") == []
    assert problems("whitespace", SOURCE, TARGET) == []


def test_doubled_word():
    target = "The document was signed by the the minister of industry."
    assert problems("doubled-words", SOURCE, target) == ["doubled word the the"]


def test_doubled_word_across_punctuation_or_legitimate_is_fine():
    assert problems("doubled-words", SOURCE, "He said that that plan had had no support.") == []
    assert problems("doubled-words", SOURCE, "Bridges, bridges and castings are made here.") == []
    assert problems("doubled-words", SOURCE, "Жұмыс орындары тез-тез ашылады.", "kk") == []
    assert problems("doubled-words", SOURCE, "More and more plants will be built step by step.") == []


def test_mt_word_salad_repeats():
    salad = "The plant will produce bridges of the plant of the plant of the plant in Kostanay."
    assert problems("doubled-words", SOURCE, salad) == ["repeated phrase 'of the plant' (MT word salad?)"]
    kk_salad = "Зауыт көпірлер шығарады шығарады шығарады."
    assert problems("doubled-words", SOURCE, kk_salad, "kk") == ["doubled word шығарады шығарады"]


def test_mt_loop_is_a_check_finding():
    assert problems("mt-loop", "Превышение лимита.", "The pre-pre- pre-pre- pre- limit.") == [
        "the translation looks like a machine-translation loop: repeated fragment “pre-pre- pre-pre- pre-”"]
    assert problems("mt-loop", "Да.", "Yes yes yes yes.") == [
        "the translation looks like a machine-translation loop: repeats “yes” 4 times"]
    assert problems("mt-loop", SOURCE, TARGET) == []
