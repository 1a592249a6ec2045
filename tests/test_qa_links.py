"""urls: links, e-mails, hashtags and mentions copied exactly."""
from qa_support import problems, severities

SOURCE = (
    "Подробности на сайте https://www.gov.kz/memleket/entities/miid, вопросы – на press@miid.gov.kz. "
    "#КАМАЗ @miid_rk"
)


def test_all_items_kept():
    target = (
        "Details at https://www.gov.kz/memleket/entities/miid, questions to press@miid.gov.kz. "
        "#КАМАЗ @miid_rk"
    )
    assert problems("urls", SOURCE, target) == []


def test_altered_items_are_reported_with_severity():
    target = "Details at https://www.gov.kz/memleket/entities/miiid, questions to press@miid.gov.kz. #KAMAZ"
    assert problems("urls", SOURCE, target) == [
        "URL 'https://www.gov.kz/memleket/entities/miid' is missing or altered in the target",
        "hashtag '#КАМАЗ' is missing or altered in the target",
        "mention '@miid_rk' is missing or altered in the target",
    ]
    assert severities("urls", SOURCE, target) == ["error", "warning", "warning"]


def test_no_links_no_findings():
    assert problems("urls", "Рост составил 5% (№ 3).", "Growth was 5% (No. 3).") == []
