"""Synthetic but realistic Russian news sentences for the TM benchmark.

Sentences are assembled combinatorially from news-wire building blocks (who,
said what, about which project, where, when, how much), so a 100,000-unit TM
holds many near-neighbours — the hard case for candidate retrieval.
"""
from __future__ import annotations

import random

WHO = [
    "Премьер-министр Казахстана", "Аким Костанайской области", "Министр индустрии и инфраструктурного развития",
    "Председатель правления БРК – Лизинг", "Генеральный директор ПАО «КАМАЗ»", "Пресс-служба акимата",
    "Заместитель министра энергетики", "Глава Национального банка", "Министр сельского хозяйства",
    "Представитель компании Нyundai", "Депутат мажилиса", "Аким города Алматы", "Министр финансов",
    "Президент Ассоциации автопроизводителей", "Руководитель управления предпринимательства",
    "Министр торговли и интеграции", "Вице-министр транспорта", "Директор департамента статистики",
]
VERB = ["заявил", "сообщил", "отметил", "подчеркнул", "рассказал", "уточнил", "напомнил", "добавил"]
WHEN = ["в понедельник", "во вторник", "в среду", "в четверг", "в пятницу", "на брифинге", "на заседании правительства",
        "в ходе визита в Астану", "на пресс-конференции", "в интервью агентству"]
WHAT = [
    "завод по производству {item} будет построен в {city} к {year} году",
    "объём инвестиций в проект составит {num} {unit} тенге",
    "на предприятии будет создано {num} новых рабочих мест",
    "в {city} откроется сервисный центр по обслуживанию {item}",
    "уровень локализации производства {item} достигнет {pct} процентов",
    "в {year} году планируется выпустить {num} {unit} единиц {item}",
    "финансирование проекта обеспечит {bank}",
    "первая партия {item} поступит в {city} до конца {year} года",
    "экспорт {item} в страны Центральной Азии вырастет на {pct} процентов",
    "строительство цеха литья начнётся в {year} году",
    "договор о поставке {item} подписан с {bank}",
    "стоимость {item} снизится на {pct} процентов после запуска производства",
]
ITEM = ["грузовых автомобилей", "автобусов", "двигателей", "запасных частей", "сельхозтехники", "тракторов",
        "комбайнов", "спецтехники", "электробусов", "прицепов", "коробок передач", "кабин"]
CITY = ["Костанае", "Алматы", "Астане", "Шымкенте", "Караганде", "Актобе", "Павлодаре", "Усть-Каменогорске",
        "Семее", "Таразе", "Уральске", "Атырау"]
BANK = ["БРК – Лизинг", "Банк развития Казахстана", "Фонд развития промышленности", "ЕАБР", "Halyk Bank",
        "Казахстанская ипотечная компания", "холдинг «Байтерек»"]
UNIT = ["тысяч", "миллионов", "миллиардов"]
TAIL = ["", "", "", " Об этом говорится в сообщении ведомства.", " Соответствующее решение уже принято.",
        " Сроки реализации пока не уточняются.", " Проект реализуется в рамках госпрограммы."]
UNRELATED = [
    "В {city} прошёл турнир по {sport}, победу одержала команда из {city2}.",
    "Синоптики прогнозируют в {city} до {num} градусов мороза и сильный ветер.",
    "Выставка современного искусства откроется в музее {city} в {month}.",
    "Театр оперы и балета представил премьеру спектакля «{play}».",
    "Школьники из {city} заняли {num} место на олимпиаде по {subject}.",
]
SPORT = ["футболу", "хоккею", "волейболу", "шахматам", "боксу", "борьбе"]
MONTH = ["январе", "феврале", "марте", "апреле", "мае", "июне", "сентябре", "октябре"]
PLAY = ["Абай", "Кыз Жибек", "Лебединое озеро", "Травиата", "Евгений Онегин"]
SUBJECT = ["математике", "физике", "химии", "информатике", "биологии", "истории"]


def _fill(template: str, rng: random.Random) -> str:
    return template.format(
        item=rng.choice(ITEM), city=rng.choice(CITY), city2=rng.choice(CITY), year=rng.randint(2024, 2035),
        num=f"{rng.randint(1, 999)},{rng.randint(1, 9)}" if rng.random() < 0.3 else rng.randint(2, 5000),
        unit=rng.choice(UNIT), pct=rng.randint(5, 95), bank=rng.choice(BANK), sport=rng.choice(SPORT),
        month=rng.choice(MONTH), play=rng.choice(PLAY), subject=rng.choice(SUBJECT),
    )


def news_sentence(rng: random.Random) -> str:
    shape = rng.random()
    what = _fill(rng.choice(WHAT), rng)
    if shape < 0.45:
        text = f"{rng.choice(WHO)} {rng.choice(WHEN)} {rng.choice(VERB)}, что {what}."
    elif shape < 0.75:
        text = f"По словам {rng.choice(['министра', 'акима', 'представителя компании', 'эксперта'])}, {what}."
    else:
        text = f"«{what[0].upper()}{what[1:]}», – {rng.choice(VERB)} {_lower_first(rng.choice(WHO))}."
    return text + rng.choice(TAIL)


def unrelated_sentence(rng: random.Random) -> str:
    return _fill(rng.choice(UNRELATED), rng)


def tm_sources(count: int, seed: int = 5) -> list[str]:
    """``count`` distinct news sentences."""
    rng = random.Random(seed)
    seen: dict[str, None] = {}
    while len(seen) < count:
        seen[news_sentence(rng)] = None
    return list(seen)


def near_duplicate(text: str, rng: random.Random) -> str:
    """A sentence a translator would meet later: a few words or numbers changed."""
    words = text.split()
    for _ in range(rng.randint(1, 3)):
        i = rng.randrange(len(words))
        action = rng.random()
        if action < 0.4:
            words[i] = rng.choice(CITY + ITEM + VERB + [str(rng.randint(2, 3000))])
        elif action < 0.6 and len(words) > 4:
            del words[i]
        elif action < 0.8:
            words[i] = words[i][:-2] + rng.choice(["ом", "ой", "ых", "ам"]) if len(words[i]) > 4 else words[i]
        else:
            words.insert(i, rng.choice(["также", "уже", "ранее", "впервые"]))
    out = " ".join(words)
    return out.replace("«", '"').replace("»", '"') if rng.random() < 0.2 else out


def queries(sources: list[str], count: int, seed: int = 7) -> list[tuple[str, str]]:
    """(kind, text) queries: near-duplicates, fresh news sentences, unrelated news."""
    rng = random.Random(seed)
    known = set(sources)
    out: list[tuple[str, str]] = []
    while len(out) < count:
        roll = rng.random()
        if roll < 0.1:
            out.append(("exact", rng.choice(sources)))
        elif roll < 0.5:
            out.append(("near-duplicate", near_duplicate(rng.choice(sources), rng)))
        elif roll < 0.8:
            text = news_sentence(rng)
            if text not in known:
                out.append(("fresh news", text))
        else:
            out.append(("unrelated", unrelated_sentence(rng)))
    return out


def _lower_first(text: str) -> str:
    return text[0].lower() + text[1:]
