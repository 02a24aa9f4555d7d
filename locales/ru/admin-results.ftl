# Страницы администратора: итоги, награды и проверка финалистов.
adm-awards = Награды
adm-results-csv = Итоги (CSV)
adm-winners-csv = Победители (CSV)
adm-originals-zip = Оригиналы победителей (ZIP)
adm-results-locked = Итоги подведены; оценки закреплены. SHA-256 итогов:
adm-results-commitment = Обязательство, опубликованное при начале оценки:
adm-results-blind = Имена не показываются рядом с оценками, пока они не раскрыты (следующий этап, на странице конкурса).
adm-results-revealed = Имена раскрыты. Соответствие и соли опубликованы:
adm-results-forced = Итоги подведены без всех оценок: { $reason }
adm-results-jurors = Работы — по номерам, члены жюри — по буквам ({ $letters }).
adm-results-weighted = Оценка члена жюри — взвешенное среднее его оценок по критериям
adm-results-explained = оценка работы — среднее по её членам жюри. Нормированная: оценки каждого члена жюри как z-оценки, переведённые в шкалу.
adm-no-entry = Работ нет.
adm-col-rank = Место
adm-col-entry = Работа
adm-col-photo = Фото
adm-col-photographer = Фотограф
adm-col-country = Страна
adm-col-award = Награда
adm-col-score = Оценка
adm-col-median = Медиана
adm-col-top-marks = Высшие баллы
adm-col-normalized = Нормированная
adm-col-rank-normalized = Место по нормированной
adm-col-sheets = Листы оценок
adm-tie = поровну
adm-results-later = Итоги появятся здесь, когда конкурс будет подведён (на странице конкурса, после работы жюри).
adm-awards-saved-note = Это сохранённые награды.
adm-awards-not-saved = Ещё не сохранено: форма показывает предложение по рейтингу.
adm-awards-basis-normalized = Предложение следует нормированному рейтингу (оценки каждого члена жюри как z-оценки).
adm-awards-follow-raw = Следовать обычному рейтингу
adm-awards-basis-raw = Предложение следует обычному рейтингу (среднее взвешенных оценок жюри).
adm-awards-follow-normalized = Следовать нормированному рейтингу
adm-awards-suggests = Предлагает рейтинг
adm-awards-exhibition = Выставка
adm-awards-for = Награда для работы { $number }
adm-awards-none = нет
adm-awards-selected = отобрана
adm-awards-share = Показать каждому участнику комментарии жюри (в его учётной записи, после объявления победителей)
adm-awards-reason-hint = нужна, если награда расходится с рейтингом; сохраняется в журнале действий
adm-awards-save = Сохранить награды
adm-awards-fixed-announced = Награды закреплены: победители объявлены.
adm-awards-fixed-early = Награды пока нельзя присуждать: итоги ещё не подведены.
awards-saved = Награды сохранены.
awards-no-entry = В этих итогах нет работы { $number }.
awards-not-an-award = Такой награды нет.
awards-one-entry-only = { $award ->
    [first] { $category }: 1-е место может получить только одна работа, а не { $numbers }.
    [second] { $category }: 2-е место может получить только одна работа, а не { $numbers }.
   *[third] { $category }: 3-е место может получить только одна работа, а не { $numbers }.
 }
awards-not-now = Награды присуждаются после подведения итогов и до объявления победителей.
awards-reason-long = Причина — не больше 1000 символов.
awards-reason-needed = { $count ->
    [one] Награда работы { $numbers } расходится с рейтингом: укажите причину.
   *[other] Награды работ { $numbers } расходятся с рейтингом: укажите причину.
 }
awards-disqualified = { $count ->
    [one] Работа { $numbers } дисквалифицирована: она не может получить ни награду, ни место на выставке.
   *[other] Работы { $numbers } дисквалифицированы: они не могут получить ни награду, ни место на выставке.
 }
adm-verification-title = Проверка финалистов
adm-verification-intro = Запросите у авторов работ из короткого списка оригинал каждой фотографии с камеры (файл RAW или JPEG, как он вышел из камеры), затем сравните, что говорит файл, с работой. Файлы хранятся закрыто и никогда не попадают к жюри. Работы названы по номерам: имена скрыты до раскрытия.
adm-verification-ask = Запросить оригиналы с камеры
adm-verification-numbers = Номера работ
adm-verification-numbers-hint = через пробел или запятую
adm-verification-top = Или работы, занявшие столько первых мест в каждой номинации
adm-verification-top-hint = например, 3 — первые три, с делящими место
adm-verification-ask-button = Запросить у авторов
adm-verification-requests = Запросы
adm-verification-none = Пока ничего не запрошено.
adm-verification-overdue = просрочено
adm-verification-what = Что
adm-verification-entry = Работа
adm-verification-original = Оригинал с камеры
adm-verification-size = Размер
adm-verification-camera = Камера
adm-verification-taken = Снято
adm-verification-file = Файл
adm-bytes = { $n ->
    [one] { $n } байт
    [few] { $n } байта
   *[other] { $n } байт
 }
adm-download = скачать
adm-logged = (записывается в журнал)
adm-verification-nothing-yet = пока ничего не получено; срок — { $due }
adm-reason-is = Причина: { $reason }
adm-verification-accept = Принять оригинал работы { $number }
adm-verification-disqualify-confirm = Дисквалифицировать эту работу? Тогда она не сможет получить ни награду, ни место на выставке.
adm-verification-disqualify = Дисквалифицировать работу { $number }
adm-reason-needed = Укажите причину (не больше 1000 символов); она сохраняется в журнале действий.
verification-requested = запрошено, пока ничего не получено
verification-received = получено, нужно проверить
verification-accepted = принято
verification-disqualified = дисквалифицирована
verification-wrong-phase = Оригиналы с камеры можно запросить после подведения итогов и до объявления победителей.
verification-no-entries = Укажите работы для проверки: их номера или сколько первых мест каждой номинации.
verification-unknown-entry = В этом конкурсе нет работы { $number }.
verification-bad-deadline = Укажите срок в будущем как дату и время.
verification-nothing-to-accept = Для этой фотографии ещё ничего не получено: её можно дисквалифицировать, но не принять.
verification-decided = По этому запросу уже принято решение.
# Столбцы выгрузок CSV: то, что читает человек, открывший файл в таблице.
csv-column = { $name ->
    [category] Номинация
    [rank] Место
    [entry] Работа
    [award] Награда
    [score] Оценка
    [median] Медиана
    [jurors] Членов жюри
    [top_marks] Высшие баллы
    [tie] Поровну
    [normalized] Нормированная
    [rank_normalized] Место по нормированной
    [name] Имя
    [country] Страна
    [university] Университет
    [exhibition] Выставка
    [titles] Названия
    [email] Электронная почта
   *[name_may_be_published] Имя можно публиковать
 }
csv-yes = да
csv-no = нет
plot-submissions = Работы по номинациям
plot-days-since-open = дней с начала приёма
plot-entries = работ
plot-jurors = Как оценивает каждый член жюри
plot-categories = Оценки по номинациям
plot-score = оценка
plot-share = % оценок
