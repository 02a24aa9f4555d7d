# Администратордун барактары: жыйынтык, сыйлыктар жана финалисттерди текшерүү.
adm-awards = Сыйлыктар
adm-results-csv = Жыйынтык (CSV)
adm-winners-csv = Жеңүүчүлөр (CSV)
adm-originals-zip = Жеңүүчүлөрдүн түп нускалары (ZIP)
adm-results-locked = Жыйынтык чыгарылды; баалар бекитилди. Натыйжалардын SHA-256:
adm-results-commitment = Баалоо башталганда жарыяланган милдеттенме:
adm-results-blind = Аттар ачылганга чейин баалардын жанында көрсөтүлбөйт (кийинки этап, сынактын барагында).
adm-results-revealed = Аттар ачылды. Шайкештик жана туздар жарыяланды:
adm-results-forced = Бардык баасыз жыйынтык чыгарылды: { $reason }
adm-results-jurors = Иштер — номери менен, калыстар — тамга менен ({ $letters }).
adm-results-weighted = Калыстын баасы — анын критерийлер боюнча бааларынын салмактуу орточосу
adm-results-explained = иштин баасы — анын калыстарынын орточосу. Нормаланган: ар бир калыстын баалары z-баа катары, шкалага келтирилген.
adm-no-entry = Иш жок.
adm-col-rank = Орун
adm-col-entry = Иш
adm-col-photo = Сүрөт
adm-col-photographer = Фотограф
adm-col-country = Өлкө
adm-col-award = Сыйлык
adm-col-score = Баа
adm-col-median = Медиана
adm-col-top-marks = Эң жогорку баллдар
adm-col-normalized = Нормаланган
adm-col-rank-normalized = Нормаланган боюнча орун
adm-col-sheets = Баалоо барактары
adm-tie = тең
adm-results-later = Сынактын жыйынтыгы чыгарылганда натыйжалар ушул жерде пайда болот (сынактын барагында, баалоодон кийин).
adm-awards-saved-note = Бул — сакталган сыйлыктар.
adm-awards-not-saved = Али сакталган жок: форма рейтингдин сунушун көрсөтөт.
adm-awards-basis-normalized = Сунуш нормаланган рейтингге таянат (ар бир калыстын баалары z-баа катары).
adm-awards-follow-raw = Жөнөкөй рейтингге таянуу
adm-awards-basis-raw = Сунуш жөнөкөй рейтингге таянат (калыстардын салмактуу бааларынын орточосу).
adm-awards-follow-normalized = Нормаланган рейтингге таянуу
adm-awards-suggests = Рейтинг сунуштайт
adm-awards-exhibition = Көргөзмө
adm-awards-for = { $number }-иш үчүн сыйлык
adm-awards-none = жок
adm-awards-selected = тандалды
adm-awards-share = Калыстардын пикирлерин ар бир катышуучуга көрсөтүү (анын эсебинде, жеңүүчүлөр жарыялангандан кийин)
adm-awards-reason-hint = сыйлык рейтингден айырмаланса керек; аракеттер журналында сакталат
adm-awards-save = Сыйлыктарды сактоо
adm-awards-fixed-announced = Сыйлыктар бекитилди: жеңүүчүлөр жарыяланды.
adm-awards-fixed-early = Сыйлыктарды али берүүгө болбойт: жыйынтык чыгарыла элек.
awards-saved = Сыйлыктар сакталды.
awards-no-entry = Бул натыйжаларда { $number }-иш жок.
awards-not-an-award = Мындай сыйлык жок.
awards-one-entry-only = { $award ->
    [first] { $category }: 1-орунду бир гана иш ала алат, { $numbers } эмес.
    [second] { $category }: 2-орунду бир гана иш ала алат, { $numbers } эмес.
   *[third] { $category }: 3-орунду бир гана иш ала алат, { $numbers } эмес.
 }
awards-not-now = Сыйлыктар жыйынтык чыгарылгандан кийин жана жеңүүчүлөр жарыяланганга чейин берилет.
awards-reason-long = Себеп эң көп 1000 белги.
awards-reason-needed = { $numbers } иш(тер)дин сыйлыгы рейтингден айырмаланат: себебин жазыңыз.
awards-disqualified = { $numbers } иш(тер) четтетилди: алар сыйлык да, көргөзмөдөн орун да ала алышпайт.
adm-verification-title = Финалисттерди текшерүү
adm-verification-intro = Кыска тизмедеги иштердин авторлорунан ар бир сүрөттүн камерадагы түп нускасын (RAW файл же камерадан чыккан JPEG) сураңыз, андан кийин файлдагы маалыматты иш менен салыштырыңыз. Файлдар жабык сакталат жана калыстарга эч качан жетпейт. Иштер номери менен аталат: аттар ачылганга чейин жашыруун.
adm-verification-ask = Камеранын түп нускаларын суроо
adm-verification-numbers = Иштердин номерлери
adm-verification-numbers-hint = бош орун же үтүр менен
adm-verification-top = Же ар бир номинацияда ушунча алдыңкы орунду алган иштер
adm-verification-top-hint = мисалы, 3 — алгачкы үчөө, тең келгендер менен
adm-verification-ask-button = Авторлордон суроо
adm-verification-requests = Суроолор
adm-verification-none = Азырынча эч нерсе суралган жок.
adm-verification-overdue = мөөнөтү өткөн
adm-verification-what = Эмне
adm-verification-entry = Иш
adm-verification-original = Камеранын түп нускасы
adm-verification-size = Өлчөмү
adm-verification-camera = Камера
adm-verification-taken = Тартылган
adm-verification-file = Файл
adm-bytes = { $n } байт
adm-download = жүктөп алуу
adm-logged = (журналга жазылат)
adm-verification-nothing-yet = азырынча эч нерсе келген жок; мөөнөтү — { $due }
adm-reason-is = Себеби: { $reason }
adm-verification-accept = { $number }-иштин түп нускасын кабыл алуу
adm-verification-disqualify-confirm = Бул ишти четтетесизби? Анда ал сыйлык да, көргөзмөдөн орун да ала албайт.
adm-verification-disqualify = { $number }-ишти четтетүү
adm-reason-needed = Себебин жазыңыз (эң көп 1000 белги); ал аракеттер журналында сакталат.
verification-requested = суралды, азырынча эч нерсе келген жок
verification-received = келди, текшерүү керек
verification-accepted = кабыл алынды
verification-disqualified = четтетилди
verification-wrong-phase = Камеранын түп нускаларын жыйынтык чыгарылгандан кийин жана жеңүүчүлөр жарыяланганга чейин сурасаңыз болот.
verification-no-entries = Текшериле турган иштерди көрсөтүңүз: номерлерин же ар бир номинациянын канча алдыңкы ордун.
verification-unknown-entry = Бул сынакта { $number }-иш жок.
verification-bad-deadline = Келечектеги мөөнөттү күн жана убакыт түрүндө жазыңыз.
verification-nothing-to-accept = Бул сүрөт үчүн али эч нерсе келген жок: аны четтетсе болот, кабыл алса болбойт.
verification-decided = Бул суроо боюнча чечим кабыл алынган.
# CSV экспортторунун мамычалары: файлды таблицада ачкан адам окуганы.
csv-column = { $name ->
    [category] Номинация
    [rank] Орун
    [entry] Иш
    [award] Сыйлык
    [score] Баа
    [median] Медиана
    [jurors] Калыстар
    [top_marks] Эң жогорку баллдар
    [tie] Тең
    [normalized] Нормаланган
    [rank_normalized] Нормаланган боюнча орун
    [name] Аты-жөнү
    [country] Өлкө
    [university] Университет
    [exhibition] Көргөзмө
    [titles] Аталыштары
    [email] Электрондук почта
   *[name_may_be_published] Атын жарыялоого болот
 }
csv-yes = ооба
csv-no = жок
plot-submissions = Номинациялар боюнча иштер
plot-days-since-open = кабыл алуу башталгандан бери күндөр
plot-entries = иштер
plot-jurors = Ар бир калыс кантип баалайт
plot-categories = Номинациялар боюнча баалар
plot-score = баа
plot-share = баалардын %
