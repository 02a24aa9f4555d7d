# Ороиши ҳар саҳифа: сарлавҳа, қисми поён, гузариш ба мундариҷа, интихоби забон.
site-skip = Гузариш ба мундариҷа
site-nav = Менюи асосӣ
nav-contests = Озмунҳо
nav-admin = Маъмурият
nav-account = Ҳисоби шумо
nav-sign-out = Баромадан
nav-sign-in = Даромадан
nav-register = Бақайдгирӣ
site-footer = photojury · ҳар як асарро ҳакамон танҳо аз рӯи рақамаш арзёбӣ мекунанд
language-label = Забон

# Барои бисёр саҳифаҳо умумӣ: майдонҳои шакл, рақамҳо, санаҳо, варақзанӣ.
form-email = Почтаи электронӣ
form-password = Рамз
form-password-hint = ақаллан 8 аломат
form-password-again = Рамзро такрор кунед
form-new-password = Рамзи нав
form-new-password-again = Рамзи навро такрор кунед
form-current-password = Рамзи ҷорӣ
form-your-password = Рамзи шумо
form-choose = Интихоб кунед…
form-correct = Лутфан инҳоро ислоҳ кунед:
entry-number = Асари { $number }
entry-photo-n = Сурати { $n }
photo-alt = Асари { $number }, сурати { $index }
pager-first = Ба аввал
pager-previous = { $n } қаблӣ
pager-next = { $n } навбатӣ
phase-name = { $phase ->
    [draft] Пешнавис
    [open] Қабули асарҳо
    [closed] Қабул баста аст
    [judging] Ҳакамон кор мекунанд
    [finalized] Натиҷа бароварда шуд
    [revealed] Номҳо ошкор шуданд
    [announced] Ғолибон эълон шуданд
   *[other] { $phase }
}
time-long = { $day } { $month } { $year }, { $time } ({ $zone })
month-1 = январи
month-2 = феврали
month-3 = марти
month-4 = апрели
month-5 = майи
month-6 = июни
month-7 = июли
month-8 = августи
month-9 = сентябри
month-10 = октябри
month-11 = ноябри
month-12 = декабри
# Дар тоҷикӣ исм пас аз шумора шакли танҳоро нигоҳ медорад; интихобҳо
# ҳамон калимаҳоро медиҳанд (китобхонаи plural қоидаи тоҷикӣ надорад).
time-left-days = { $big ->
    [one] { $big } рӯз
   *[other] { $big } рӯз
} ва { $small ->
    [one] { $small } соат
   *[other] { $small } соат
} монд
time-left-hours = { $big ->
    [one] { $big } соат
   *[other] { $big } соат
} ва { $small ->
    [one] { $small } дақиқа
   *[other] { $small } дақиқа
} монд
time-left-minutes = { $big ->
    [one] { $big } дақиқа
   *[other] { $big } дақиқа
} монд
