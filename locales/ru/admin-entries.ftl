# Страницы администратора: проверка работ, система, языки конкурса.
screening-title = Проверка работ
screening-total = { $n ->
    [one] { $n } портфолио.
   *[other] { $n } портфолио.
 }
screening-total-filtered = { $n ->
    [one] Под этот фильтр подходит { $n } портфолио.
   *[other] Под этот фильтр подходят { $n } портфолио.
 }
screening-intro = Ответы об условиях участия — только для проверки; жюри видит номера, фотографии и (отредактированные) тексты.
screening-pairs-between = { $n ->
    [one] { $n } пара фотографий двух участников похожа на одну фотографию или снята одной камерой: см. работы с отметкой «похожа на чужое фото».
    [few] { $n } пары фотографий двух участников похожи на одну фотографию или сняты одной камерой: см. работы с отметкой «похожа на чужое фото».
   *[other] { $n } пар фотографий двух участников похожи на одну фотографию или сняты одной камерой: см. работы с отметкой «похожа на чужое фото».
 }
screening-pairs-within = { $n ->
    [one] { $n } пара похожих фотографий внутри одного портфолио (соседние кадры).
    [few] { $n } пары похожих фотографий внутри одного портфолио (соседние кадры).
   *[other] { $n } пар похожих фотографий внутри одного портфолио (соседние кадры).
 }
screening-undated = { $n ->
    [one] У { $n } фотографии в файле нет даты съёмки; конкурс принимает фотографии, снятые { $window }.
   *[other] У { $n } фотографий в файле нет даты съёмки; конкурс принимает фотографии, снятые { $window }.
 }
window-between = с { $from } по { $until }
window-after = { $from } или позже
window-before = { $until } или раньше
window-any = в любое время
screening-frozen-note = Жюри начало работу: работы больше не меняются.
screening-frozen = После начала работы жюри работы не меняются.
screening-filter = Фильтр работ
screening-show = Показать:
screening-category = Номинация:
screening-show-all = Все
screening-show-names = Могут назвать автора
screening-show-alike = Похожие на чужие фото
screening-show-disqualified = Дисквалифицированные
screening-all-categories = все
screening-none = Работ пока нет.
screening-none-here = На этой странице фильтра работ нет.
screening-may-reveal = может раскрыть автора
screening-like-another = похожа на чужое фото
screening-university = Университет
screening-consent = Имя можно публиковать
screening-yes = да
screening-no = нет
screening-number = Номер работы
screening-flag = Отметка
screening-status-reason = Причина статуса
amend-summary = Исправить имя, страну или университет
amend-full-name = Полное имя
amend-reason-hint = сохраняется в журнале действий; после начала оценки исправление показывает verify
amend-button = Исправить данные
amend-done = Данные исправлены; изменение записано в журнал действий, и verify его покажет.
amend-name = Укажите исправленное имя (не больше 200 символов).
amend-country = Выберите одну из стран конкурса.
amend-university = Название университета слишком длинное (не больше 200 символов).
amend-reason = Укажите причину исправления (не больше 1000 символов); она публикуется вместе с доказательством.
amend-unchanged = Нечего исправлять: имя, страна и университет такие же, как при подаче.
screening-photo-n = Фото { $n }
screening-jury-sees = жюри видит: «{ $text }»
screening-original = оригинал
screening-download-logged = (скачивание записывается в журнал)
screening-taken = Снято:
screening-no-date = в файле нет даты
screening-camera = Камера:
screening-other-photo = Другое фото
screening-other-photo-n = Другое фото, работа { $number }
screening-title-for-jury = Название для жюри
screening-redact-title = Исправить название
screening-caption-for-jury = Подпись для жюри
screening-redact-caption = Исправить подпись
screening-story = История
screening-redacted-copy = Жюри видит отредактированную копию:
screening-story-for-jury = История для жюри
screening-redact-story = Исправить историю
screening-disqualify-confirm = Дисквалифицировать эту работу? Она не попадёт к жюри.
screening-requalify = Вернуть в конкурс
screening-disqualify = Дисквалифицировать
screening-pages = Страницы
screening-previous = Назад
screening-next = Дальше
screening-page-of = Страница { $page } из { $pages }
pair-same-pixels-within = Те же пиксели, что у другой фотографии этого портфолио
pair-similar-within = Похожа на другую фотографию этого портфолио (соседний кадр?)
pair-same-pixels = Те же пиксели, что у фотографии, поданной участником { $who }
pair-near = Та же фотография, что подал(а) { $who } (с обработкой: различаются { $bits } из 64 бит)
pair-mirrored = Та же фотография в зеркальном отражении, что подал(а) { $who }
pair-camera = Снято той же камерой (серийный номер), что и фотография участника { $who }
pair-image-id = Тот же кадр (идентификатор снимка EXIF), что и фотография участника { $who }
system-intro = На чём работает этот сервер и что требует внимания. Обслуживание описано в docs/operations.md.
system-attention = Требует внимания
system-this-server = Этот сервер
system-version = Версия
system-build = { $profile ->
    [debug] отладочная сборка
   *[release] рабочая сборка
 }
system-database = База данных
system-data-dir = Папка данных
system-used = { $used } в { $files } файлах
system-disk = Диск
system-photos = Хранение фотографий
system-photos-where = на локальном диске, по именам SHA-256, в папке данных:
system-last-backup = Последняя резервная копия
system-retention = Хранение оригиналов
system-retention-intro = После объявления победителей оригиналы и изображения работ, не получивших ничего (ни награды, ни места на выставке), удаляются, когда пройдёт столько дней. Строки и их хеши остаются, так что итоги и photojury verify по-прежнему сходятся. Пусто — хранить, пока вы не измените.
adm-no-contest-short = Конкурсов пока нет.
system-announced = Объявлено
system-photos-col = Фотографий
system-deleted = Файлов удалено
system-keep-days = Хранить (дней)
system-days-for = Сколько дней хранить оригиналы конкурса { $title }
system-pool = соединений открыто: { $open }, свободно: { $idle }, не больше { $max }
system-low-disk = На диске папки данных свободно { $percent }% ({ $free } из { $total }): когда он заполнится, загрузка перестанет работать.
system-disk-unknown = Не удаётся узнать свободное место в папке данных.
system-no-backup = Резервных копий ещё не было: выполните «photojury backup --to DIR» (docs/operations.md).
system-old-backup = Последней резервной копии больше 24 часов ({ $when }).
system-free-of = свободно { $free } из { $total }
system-unknown = неизвестно
system-never = ни разу
retention-saved = Срок хранения сохранён.
texts-title = Конкурс на других языках
texts-intro = Участники, жюри и посетители читают название, тему, объявление, правила, номинации и критерии на своём языке, если вы укажете их здесь, а иначе — так, как они написаны на странице конкурса.
texts-own = Собственный язык конкурса
texts-own-label = Страница конкурса написана на языке
texts-in = Тексты на языке
texts-save = Сохранить тексты ({ $lang })
texts-saved = Тексты ({ $lang }) сохранены.
texts-own-saved = Собственный язык конкурса: { $lang }.
texts-category-name = Номинация «{ $name }»: название
texts-category-description = Номинация «{ $name }»: для кого
texts-criterion-name = Критерий «{ $name }»: название
texts-criterion-description = Критерий «{ $name }»: на что смотрит жюри
adm-audit-intro = Все действия администраторов, сначала новые. Записи нельзя изменить или удалить.
adm-audit-empty = Пока ничего не записано.
adm-audit-when = Когда
adm-audit-who = Кто
adm-audit-action = Действие
adm-audit-details = Подробности
