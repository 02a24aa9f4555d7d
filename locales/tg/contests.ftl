# Саҳифаҳои кушода: рӯйхати озмунҳо, низомномаи озмун, ғолибон.
contests-title = Озмунҳои аксҳо
contests-lead = Суратҳо ва қиссаи онҳоро фиристед. Ҳакамон ҳар асарро бе донистани муаллиф, аз рӯи рақамаш арзёбӣ мекунанд; номҳо танҳо пас аз анҷоми арзёбӣ ошкор мешаванд.
contests-none = Ҳоло озмуни кушода нест. Баъдтар биёед.
status-draft = Пешнавис: ин саҳифаро танҳо маъмурон мебинанд.
status-opens = Қабул оғоз мешавад: { $when }
status-open = Қабули асарҳо: { $left }
status-deadline-passed = Қабул баста шуд: мӯҳлат гузашт.
status-closed = Қабул баста шуд: ба наздикӣ ҳакамон ҷамъ мешаванд.
status-judging = Ҳакамон кор мекунанд.
status-finalized = Арзёбӣ анҷом ёфт; ғолибон ба наздикӣ эълон мешаванд.
status-announced = Ғолибон эълон шуданд.
contest-kicker = Қабули асарҳо
contest-see-winners = Ғолибон
contest-go-to-entry = Ба дархости шумо
contest-enter = Додани дархост
contest-about = Дар бораи озмун
contest-rules = Қоидаҳо
contest-dates = Мӯҳлатҳо
contest-opens = Оғози қабул
contest-deadline = Мӯҳлати охирин
contest-how-to-enter = Чӣ тавр иштирок кардан
contest-entered = Шумо дар ин озмун иштирок доред.
contest-entered-change = Дархостро то анҷоми мӯҳлат иваз кардан мумкин аст.
contest-step-eligible = Санҷед, ки шумо иштирок карда метавонед (қоидаҳо ва рӯйхати кишварҳоро дар поён бинед).
contest-step-press-enter = Тугмаи «Додани дархост»-ро пахш кунед.
contest-step-register = Сохтани ҳисоб
contest-step-sign-in = Даромадан
contest-step-upload = Номинатсияи худро интихоб кунед, суратҳоро бо номҳо ва тавзеҳҳо бор кунед ва қиссаи худро нависед.
contest-categories = Номинатсияҳо
contest-up-to-photos = то { $n } сурат
contest-how-scored = Ҳакамон чӣ тавр арзёбӣ мекунанд
contest-scale = { $min }–{ $max }
contest-weight = вазн { $weight }
contest-who-may-enter = Кӣ иштирок карда метавонад
contest-citizens-of = Шаҳрвандони кишварҳои зерин:
proof-title = Ҳакамоне, ки намедонистанд
proof-commitment = Вақте ки ҳакамон ба кор шурӯъ карданд, ҳар рақами асар бо хеши намакдор ба муаллиф, номе, ки асар бо он оварда мешавад, файлҳои аслӣ ва тасвирҳое, ки ҳакамон мебинанд, пайваст карда шуд ва ин ӯҳдадорӣ нашр гардид:
proof-round = Даври { $round } бо ин хеш баста шуд
proof-results = Натиҷаҳо бо ин хеш мустаҳкам карда шуданд
proof-revealed = Номҳо ошкор шуданд:
proof-download = боргирии ҷадвали мутобиқат ва намакҳо
proof-check-with = Онҳоро бо ин фармон санҷед
proof-later = Намакҳо ва ҷадвали мутобиқат ҳангоми ошкор шудани номҳо нашр мешаванд, то ҳар кас инро санҷида тавонад.
winners-title = Ғолибон: { $contest }
winners-kicker = Ғолибон
winners-none = Дар ин номинатсия ҷоиза нест.
winners-way = Роҳ аз даврҳо: { $way }
winners-exhibition = Барои намоишгоҳ интихобшудагон
award-first = Ҷойи 1
award-second = Ҷойи 2
award-third = Ҷойи 3
award-mention = Ифтихорнома
way-place = ҷойи { $place } (Борда { $borda })
way-not-ranked = бе ҷой
way-score = баҳо { $score }
way-no-vote = бе овоз
way-yes = «ҳа»: { $yes } аз { $of }
way-stars = ★ { $mean }
result-band = { $band ->
    [top10] дар 10%-и аввал
    [top25] дар 25%-и аввал
    [top50] дар нимаи аввал
   *[rest] дар нимаи дуюм
} аз { $of } асар
result-left-out = пас аз даври { $round } идома наёфт
