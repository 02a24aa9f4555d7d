# Оформление каждой страницы: шапка, подвал, переход к содержанию, выбор языка.
site-skip = Перейти к содержанию
site-nav = Главное меню
nav-contests = Конкурсы
nav-admin = Администрирование
nav-account = Ваша учётная запись
nav-sign-out = Выйти
nav-sign-in = Войти
nav-register = Зарегистрироваться
site-footer = photojury · каждую работу жюри оценивает только по номеру
language-label = Язык

# Общее для многих страниц: поля форм, номера, даты, листание.
form-email = Электронная почта
form-password = Пароль
form-password-hint = не короче 8 символов
form-password-again = Пароль ещё раз
form-new-password = Новый пароль
form-new-password-again = Новый пароль ещё раз
form-current-password = Текущий пароль
form-your-password = Ваш пароль
form-choose = Выберите…
form-correct = Пожалуйста, исправьте:
entry-number = Работа { $number }
entry-photo-n = Фотография { $n }
photo-alt = Работа { $number }, фотография { $index }
pager-first = В начало
pager-previous = Предыдущие { $n }
pager-next = Следующие { $n }
phase-name = { $phase ->
    [draft] Черновик
    [open] Приём работ
    [closed] Приём закрыт
    [judging] Работа жюри
    [finalized] Итоги подведены
    [revealed] Имена раскрыты
    [announced] Победители объявлены
   *[other] { $phase }
}
# Даты: «31 декабря 2026 г., 23:59 (Asia/Tashkent, UTC+05:00)».
time-long = { $day } { $month } { $year } г., { $time } ({ $zone })
month-1 = января
month-2 = февраля
month-3 = марта
month-4 = апреля
month-5 = мая
month-6 = июня
month-7 = июля
month-8 = августа
month-9 = сентября
month-10 = октября
month-11 = ноября
month-12 = декабря
time-left-days = осталось { $big ->
    [one] { $big } день
    [few] { $big } дня
   *[many] { $big } дней
} { $small ->
    [one] { $small } час
    [few] { $small } часа
   *[many] { $small } часов
}
time-left-hours = осталось { $big ->
    [one] { $big } час
    [few] { $big } часа
   *[many] { $big } часов
} { $small ->
    [one] { $small } минута
    [few] { $small } минуты
   *[many] { $small } минут
}
time-left-minutes = осталось { $big ->
    [one] { $big } минута
    [few] { $big } минуты
   *[many] { $big } минут
}
