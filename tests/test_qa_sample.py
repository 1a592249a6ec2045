"""The whole sample article, well translated into English and Kazakh: what QA must (not) say."""
from qa_project import entry, write_po

from translate_pipeline.core.settings import load_config
from translate_pipeline.review.qa import catalog_findings

# (source segment, English, Kazakh): the sample article as extract segments it.
SAMPLE = [
    (
        'В Правительстве РК подписали соглашение с КАМАЗ о реализации совместных проектов',
        'Kazakh Government signs agreement with KAMAZ on joint projects',
        'ҚР Үкіметі КАМАЗ-бен бірлескен жобаларды іске асыру туралы келісімге қол қойды',
    ),
    (
        'В рамках соглашения откроют заводы по производству спецтехники, мостов и чугунного литья.',
        'Under the agreement, plants for the production of special machinery, axles and iron castings will be opened.',
        'Келісім аясында арнайы техника, көпірлер және шойын құю өндірісі бойынша зауыттар ашылады.',
    ),
    (
        'Премьер-министр Аскар Мамин принял участие в подписании соглашения о намерениях по реализации в Казахстане проектов по производству главной передачи ведущих мостов и чугунного литья для грузовых автомобилей, сообщает пресс-служба Министерства индустрии и инфраструктурного развития.',
        'Prime Minister Askar Mamin took part in the signing of a memorandum of intent on projects in Kazakhstan to produce final drives of driving axles and iron castings for trucks, the press service of the Ministry of Industry and Infrastructural Development reports.',
        'Премьер-Министр Асқар Мамин Қазақстанда жүк автомобильдеріне арналған жетекші көпірлердің басты берілісін және шойын құюды өндіру жобаларын іске асыру жөніндегі ниет туралы келісімге қол қою рәсіміне қатысты, деп хабарлайды Индустрия және инфрақұрылымдық даму министрлігінің баспасөз қызметі.',
    ),
    (
        'Документ подписали министр индустрии и инфраструктурного развития РК Роман Скляр, генеральный директор ПАО “КАМАЗ” Сергей Когогин, аким Костанайской области Архимед Мухамбетов и председатель правления АО “БРК – Лизинг” Нурлан Байбазаров.',
        'The document was signed by the Minister of Industry and Infrastructural Development of the Republic of Kazakhstan Roman Sklyar, PJSC “KAMAZ” CEO Sergei Kogogin, akim of Kostanay region Arkhimed Mukhambetov and chairman of the board of “DBK-Leasing” JSC Nurlan Baibazarov.',
        'Құжатқа ҚР Индустрия және инфрақұрылымдық даму министрі Роман Скляр, «КАМАЗ» ЖАҚ бас директоры Сергей Когогин, Қостанай облысының әкімі Архимед Мұхамбетов және «ҚДБ-Лизинг» АҚ басқарма төрағасы Нұрлан Байбазаров қол қойды.',
    ),
    (
        '"Проекты являются первыми и стратегически важными шагами в развитии автокомпонентной базы казахстанской автопромышленности с привлечением ключевых мировых производителей автокомпонентов на рынок Казахстана", – говорится в сообщении.',
        '"The projects are the first and strategically important steps in developing the automotive component base of the Kazakh car industry, attracting the world\'s key component manufacturers to the Kazakh market," the statement says.',
        '«Жобалар негізгі әлемдік автокомпонент өндірушілерін Қазақстан нарығына тарта отырып, қазақстандық автоөнеркәсіптің автокомпоненттік базасын дамытудағы алғашқы әрі стратегиялық маңызды қадамдар болып табылады», – делінген хабарламада.',
    ),
    (
        'В рамках соглашения планируют создать заводы по производству спецтехники, мостов и чугунного литья.',
        'The agreement envisages building plants for special machinery, axles and iron castings.',
        'Келісім аясында арнайы техника, көпірлер және шойын құю зауыттарын салу жоспарлануда.',
    ),
    (
        'Также будет организован Инжиниринговый центр по развитию компетенции технического персонала, повышению квалификации и переквалификации кадров, не имеющий аналогов в РК.',
        'An Engineering Centre for developing the competence of technical staff, advanced training and retraining, unparalleled in the Republic of Kazakhstan, will also be set up.',
        'Сондай-ақ ҚР-да баламасы жоқ, техникалық персоналдың құзыретін дамыту, біліктілігін арттыру және кадрларды қайта даярлау жөніндегі Инжиниринг орталығы ұйымдастырылады.',
    ),
    (
        'Инжиниринговый центр позволит подготавливать специалистов высокого уровня для различных отраслей Казахстана.',
        'The Engineering Centre will train highly qualified specialists for various sectors of Kazakhstan.',
        'Инжиниринг орталығы Қазақстанның түрлі салалары үшін жоғары деңгейлі мамандар даярлауға мүмкіндік береді.',
    ),
    (
        'Соглашение направлено на создание современного высокотехнологичного производства мостов и литья в Казахстане.',
        'The agreement is aimed at creating modern high-tech production of axles and castings in Kazakhstan.',
        'Келісім Қазақстанда көпірлер мен құймалардың заманауи жоғары технологиялық өндірісін құруға бағытталған.',
    ),
    (
        'При этом будут использовать технологии, отвечающие лучшим мировым стандартам в области экологии и охраны окружающей среды.',
        'The technologies used will meet the best world standards in ecology and environmental protection.',
        'Бұл ретте экология және қоршаған ортаны қорғау саласындағы үздік әлемдік стандарттарға сай технологиялар қолданылады.',
    ),
    (
        '"Продукция, производимая на заводах, будет на 100% экспортоориентированной и в конечном итоге будет поступать в глобальную мировую цепочку, охватывающую все регионы России, СНГ, а также в немецкий концерн Daimler AG.',
        '"The products made at the plants will be 100% export-oriented and will ultimately feed into a global chain covering all regions of Russia, the CIS and the German concern Daimler AG.',
        '«Зауыттарда шығарылатын өнім 100% экспортқа бағытталған болады және түптеп келгенде Ресейдің барлық өңірлерін, ТМД-ны, сондай-ақ неміс Daimler AG концернін қамтитын жаһандық әлемдік тізбекке түседі.',
    ),
    (
        'В 2018 году немецкий концерн стал акционером компании", – отметили в МИИР.',
        'In 2018, the German concern became a shareholder of the company," MIID noted.',
        '2018 жылы неміс концерні компанияның акционері болды», – деп атап өтті ИИДМ-де.',
    ),
    (
        'В ходе реализации соглашения откроют свыше 2,5 тысяч новых высококвалифицированных рабочих мест.',
        'More than 2,500 new highly skilled jobs will be created as the agreement is implemented.',
        'Келісімді іске асыру барысында 2,5 мыңнан астам жаңа жоғары білікті жұмыс орны ашылады.',
    ),
    (
        'В Алматы в 2020 году будут производить автомобили марки Нyundai.',
        'Hyundai cars will be produced in Almaty in 2020.',
        'Алматыда 2020 жылы Hyundai маркалы автомобильдер шығарылатын болады.',
    ),
    (
        'На первоначальном этапе планируют выпускать 30 тысяч машин в год.',
        'At the initial stage, they plan to produce 30,000 vehicles a year.',
        'Бастапқы кезеңде жылына 30 мың көлік шығару жоспарлануда.',
    ),
]


def findings(tmp_path, lang):
    column = {"en": 1, "kk": 2}[lang]
    write_po(tmp_path, lang, "kamaz-kazakhstan", [entry(row[0], row[column], n) for n, row in enumerate(SAMPLE, 2)])
    return {(f.check, f.side, f.severity) for f in catalog_findings(load_config(tmp_path), "kamaz-kazakhstan", lang)}


def test_good_english_translation_has_no_false_positives(tmp_path):
    # Only the source's own trap: the homoglyph in Нyundai.
    assert findings(tmp_path, "en") == {("mixed-script", "source", "warning")}


def test_good_kazakh_translation_has_no_false_positives(tmp_path):
    assert findings(tmp_path, "kk") == {("mixed-script", "source", "warning")}


def test_untranslated_sample_copied_into_kazakh_is_caught(tmp_path):
    write_po(tmp_path, "kk", "kamaz-kazakhstan", [entry(row[0], row[0], n) for n, row in enumerate(SAMPLE, 2)])
    checks = {f.check for f in catalog_findings(load_config(tmp_path), "kamaz-kazakhstan", "kk") if f.severity != "info"}
    assert {"unchanged", "kazakh-letters", "mixed-script"} <= checks


def test_english_mt_errors_in_the_sample_are_caught(tmp_path):
    bad = {
        12: "Over 2,5 thousand new highly skilled jobs will be created",  # ru notation, lost full stop
        13: "Нyundai cars will be produced in Almaty in 2020.",  # homoglyph copied
        14: "At the initial stage they plan to produce 30 cars per year per year.",  # scale lost, salad
        10: "The products will be 100 export-oriented and go to Russia, the СНГ and Daimler AG.",
    }
    rows = [(row[0], bad.get(i, row[1])) for i, row in enumerate(SAMPLE)]
    write_po(tmp_path, "en", "kamaz-kazakhstan", [entry(s, t, n) for n, (s, t) in enumerate(rows, 2)])
    got = {(f.check, f.msgid[:12]) for f in catalog_findings(load_config(tmp_path), "kamaz-kazakhstan", "en") if f.side == "target"}
    assert {
        ("numbers", "В ходе реали"),
        ("end-punctuation", "В ходе реали"),
        ("mixed-script", "В Алматы в 2"),
        ("numbers", "На первонача"),
        ("doubled-words", "На первонача"),
        ("numbers", "\"Продукция, "),
        ("script", "\"Продукция, "),
        ("brackets", "\"Продукция, "),
    } <= got
