# Ар бир барактын жасалгасы: башкы бөлүк, төмөнкү бөлүк, мазмунга өтүү, тил тандоо.
site-skip = Мазмунга өтүү
site-nav = Башкы меню
nav-contests = Сынактар
nav-admin = Администрация
nav-account = Сиздин каттоо эсебиңиз
nav-sign-out = Чыгуу
nav-sign-in = Кирүү
nav-register = Катталуу
site-footer = photojury · ар бир иш калыстар тарабынан номери боюнча гана бааланат
language-label = Тил

# Көп баракка жалпы: форма талаалары, номерлер, даталар, барактоо.
form-email = Электрондук почта
form-password = Сырсөз
form-password-hint = кеминде 8 белги
form-password-again = Сырсөздү кайталаңыз
form-new-password = Жаңы сырсөз
form-new-password-again = Жаңы сырсөздү кайталаңыз
form-current-password = Учурдагы сырсөз
form-your-password = Сырсөзүңүз
form-choose = Тандаңыз…
form-correct = Төмөнкүлөрдү оңдоңуз:
entry-number = { $number }-иш
entry-photo-n = { $n }-сүрөт
photo-alt = { $number }-иш, { $index }-сүрөт
pager-first = Башына
pager-previous = Мурунку { $n }
pager-next = Кийинки { $n }
phase-name = { $phase ->
    [draft] Долбоор
    [open] Иштер кабыл алынууда
    [closed] Кабыл алуу жабык
    [judging] Калыстар иштеп жатат
    [finalized] Жыйынтык чыгарылды
    [revealed] Аттар ачылды
    [announced] Жеңүүчүлөр жарыяланды
   *[other] { $phase }
}
time-long = { $year }-жылдын { $day }-{ $month }, { $time } ({ $zone })
month-1 = январы
month-2 = февралы
month-3 = марты
month-4 = апрели
month-5 = майы
month-6 = июну
month-7 = июлу
month-8 = августу
month-9 = сентябры
month-10 = октябры
month-11 = ноябры
month-12 = декабры
time-left-days = { $big } күн { $small } саат калды
time-left-hours = { $big } саат { $small } мүнөт калды
time-left-minutes = { $big } мүнөт калды
