# Открытые страницы: список конкурсов, положение о конкурсе, победители.
contests-title = Фотоконкурсы
contests-lead = Присылайте свои фотографии и историю о них. Жюри оценивает каждую работу по номеру, не зная автора; имена раскрываются только после завершения оценки.
contests-none = Открытых конкурсов пока нет. Заходите позже.
status-draft = Черновик: эту страницу видят только администраторы.
status-opens = Приём работ начнётся { $when }
status-open = Приём работ открыт: { $left }
status-deadline-passed = Приём работ закрыт: срок истёк.
status-closed = Приём работ закрыт: скоро соберётся жюри.
status-judging = Жюри оценивает работы.
status-finalized = Оценка завершена; победителей скоро объявят.
status-announced = Победители объявлены.
contest-kicker = Приём работ
contest-see-winners = Победители
contest-go-to-entry = К вашей заявке
contest-enter = Подать заявку
contest-about = О конкурсе
contest-rules = Правила
contest-dates = Сроки
contest-opens = Начало приёма работ
contest-deadline = Срок подачи
contest-how-to-enter = Как участвовать
contest-entered = Вы участвуете в этом конкурсе.
contest-entered-change = Заявку можно менять до окончания срока.
contest-step-eligible = Проверьте, что вы можете участвовать (см. правила и список стран ниже).
contest-step-press-enter = Нажмите «Подать заявку».
contest-step-register = Создать учётную запись
contest-step-sign-in = Войти
contest-step-upload = Выберите номинацию, загрузите фотографии с названиями и подписями и напишите свою историю.
contest-categories = Номинации
contest-up-to-photos = { $n ->
    [one] до { $n } фотографии
   *[other] до { $n } фотографий
}
contest-how-scored = Как оценивает жюри
contest-scale = { $min }–{ $max }
contest-weight = вес { $weight }
contest-who-may-enter = Кто может участвовать
contest-citizens-of = Граждане стран:
proof-title = Жюри, которое не могло знать
proof-commitment = Когда жюри начало работу, каждый номер работы был связан хешем с солью с автором, именем, под которым работу укажут, исходными файлами и изображениями, которые видит жюри, и это обязательство было опубликовано:
proof-round = Тур { $round } закрыт с хешем
proof-results = Итоги закреплены хешем
proof-revealed = Имена раскрыты:
proof-download = скачать таблицу соответствия и соли
proof-check-with = Проверьте их командой
proof-later = Соли и таблица соответствия будут опубликованы при раскрытии имён, чтобы любой мог это проверить.
winners-title = Победители: { $contest }
winners-kicker = Победители
winners-none = В этой номинации наград нет.
winners-way = Путь по турам: { $way }
winners-exhibition = Отобраны для выставки
award-first = 1-е место
award-second = 2-е место
award-third = 3-е место
award-mention = Почётный диплом
way-place = { $place }-е место (Борда { $borda })
way-not-ranked = без места
way-score = оценка { $score }
way-no-vote = без голосов
way-yes = «да»: { $yes } из { $of }
way-stars = ★ { $mean }
result-band = { $band ->
    [top10] в первых 10%
    [top25] в первых 25%
    [top50] в первой половине
   *[rest] во второй половине
} { $of ->
    [one] из { $of } работы
   *[other] из { $of } работ
}
result-left-out = не прошла дальше { $round }-го тура
