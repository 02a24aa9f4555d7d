# Саҳифаҳои маъмур: натиҷаҳо, ҷоизаҳо ва санҷиши финалистон.
adm-awards = Ҷоизаҳо
adm-results-csv = Натиҷаҳо (CSV)
adm-winners-csv = Ғолибон (CSV)
adm-originals-zip = Аслҳои ғолибон (ZIP)
adm-results-locked = Натиҷаҳо бароварда шуданд; баҳоҳо собит шуданд. SHA-256-и натиҷаҳо:
adm-results-commitment = Ӯҳдадорие, ки ҳангоми оғози арзёбӣ нашр шуд:
adm-results-blind = То ошкор шудан номҳо дар паҳлӯи баҳоҳо нишон дода намешаванд (марҳилаи навбатӣ, дар саҳифаи озмун).
adm-results-revealed = Номҳо ошкор шуданд. Мувофиқат ва намакҳо нашр шуданд:
adm-results-forced = Натиҷаҳо бе ҳамаи баҳоҳо бароварда шуданд: { $reason }
adm-results-jurors = Асарҳо — бо рақам, ҳакамон — бо ҳарф ({ $letters }).
adm-results-weighted = Баҳои ҳакам — миёнаи вазнии баҳоҳои ӯ аз рӯи меъёрҳо
adm-results-explained = баҳои асар — миёнаи ҳакамони он. Меъёрӣ: баҳоҳои ҳар ҳакам ҳамчун z-баҳо, ба миқёс оварда шуда.
adm-no-entry = Асар нест.
adm-col-rank = Ҷой
adm-col-entry = Асар
adm-col-photo = Акс
adm-col-photographer = Суратгир
adm-col-country = Кишвар
adm-col-award = Ҷоиза
adm-col-score = Баҳо
adm-col-median = Медиана
adm-col-top-marks = Баҳоҳои олӣ
adm-col-normalized = Меъёрӣ
adm-col-rank-normalized = Ҷой аз рӯи меъёрӣ
adm-col-sheets = Варақаҳои баҳо
adm-tie = баробар
adm-results-later = Вақте натиҷаҳои озмун бароварда шаванд, онҳо дар ин ҷо пайдо мешаванд (дар саҳифаи озмун, пас аз арзёбӣ).
adm-awards-saved-note = Инҳо ҷоизаҳои нигоҳдошташудаанд.
adm-awards-not-saved = Ҳанӯз нигоҳ дошта нашудааст: шакл пешниҳоди рейтингро нишон медиҳад.
adm-awards-basis-normalized = Пешниҳод ба рейтинги меъёрӣ асос меёбад (баҳоҳои ҳар ҳакам ҳамчун z-баҳо).
adm-awards-follow-raw = Асос ба рейтинги оддӣ
adm-awards-basis-raw = Пешниҳод ба рейтинги оддӣ асос меёбад (миёнаи баҳоҳои вазнии ҳакамон).
adm-awards-follow-normalized = Асос ба рейтинги меъёрӣ
adm-awards-suggests = Рейтинг пешниҳод мекунад
adm-awards-exhibition = Намоишгоҳ
adm-awards-for = Ҷоиза барои асари { $number }
adm-awards-none = не
adm-awards-selected = интихоб шуд
adm-awards-share = Шарҳҳои ҳакамонро ба ҳар иштирокчӣ нишон додан (дар ҳисоби ӯ, пас аз эълони ғолибон)
adm-awards-reason-hint = агар ҷоиза аз рейтинг фарқ кунад, лозим аст; дар маҷаллаи амалҳо нигоҳ дошта мешавад
adm-awards-save = Нигоҳ доштани ҷоизаҳо
adm-awards-fixed-announced = Ҷоизаҳо собит шуданд: ғолибон эълон шуданд.
adm-awards-fixed-early = Ҷоизаҳоро ҳоло супоридан мумкин нест: натиҷаҳо бароварда нашудаанд.
awards-saved = Ҷоизаҳо нигоҳ дошта шуданд.
awards-no-entry = Дар ин натиҷаҳо асари { $number } нест.
awards-not-an-award = Чунин ҷоиза нест.
awards-one-entry-only = { $award ->
    [first] { $category }: ҷойи 1-ро танҳо як асар гирифта метавонад, на { $numbers }.
    [second] { $category }: ҷойи 2-ро танҳо як асар гирифта метавонад, на { $numbers }.
   *[third] { $category }: ҷойи 3-ро танҳо як асар гирифта метавонад, на { $numbers }.
 }
awards-not-now = Ҷоизаҳо пас аз баровардани натиҷаҳо ва то эълони ғолибон дода мешаванд.
awards-reason-long = Сабаб на бештар аз 1000 аломат.
awards-reason-needed = Ҷоизаи асар(ҳо)и { $numbers } аз рейтинг фарқ мекунад: сабабро нависед.
awards-disqualified = Асар(ҳо)и { $numbers } хориҷ шудаанд: онҳо на ҷоиза ва на ҷой дар намоишгоҳ гирифта метавонанд.
adm-verification-title = Санҷиши финалистон
adm-verification-intro = Аз муаллифони асарҳои рӯйхати кӯтоҳ асли ҳар аксро аз камера (файли RAW ё JPEG-е, ки аз камера баромадааст) дархост кунед, сипас маълумоти файлро бо асар муқоиса кунед. Файлҳо пӯшида нигоҳ дошта мешаванд ва ҳеҷ гоҳ ба ҳакамон намерасанд. Асарҳо бо рақам ном бурда мешаванд: номҳо то ошкоршавӣ пинҳонанд.
adm-verification-ask = Дархости аслҳои камера
adm-verification-numbers = Рақамҳои асарҳо
adm-verification-numbers-hint = бо фосила ё вергул
adm-verification-top = Ё асарҳое, ки дар ҳар номинатсия ин қадар ҷойҳои аввалро гирифтаанд
adm-verification-top-hint = масалан, 3 — се ҷойи аввал, бо баробарҳо
adm-verification-ask-button = Аз муаллифон дархост кардан
adm-verification-requests = Дархостҳо
adm-verification-none = Ҳоло ҳеҷ чиз дархост нашудааст.
adm-verification-overdue = мӯҳлаташ гузашт
adm-verification-what = Чӣ
adm-verification-entry = Асар
adm-verification-original = Асли камера
adm-verification-size = Андоза
adm-verification-camera = Камера
adm-verification-taken = Гирифта шуд
adm-verification-file = Файл
adm-bytes = { $n } байт
adm-download = боргирӣ
adm-logged = (дар маҷалла сабт мешавад)
adm-verification-nothing-yet = ҳоло ҳеҷ чиз нарасидааст; мӯҳлат — { $due }
adm-reason-is = Сабаб: { $reason }
adm-verification-accept = Қабули асли асари { $number }
adm-verification-disqualify-confirm = Ин асар хориҷ карда шавад? Он гоҳ он на ҷоиза ва на ҷой дар намоишгоҳ гирифта метавонад.
adm-verification-disqualify = Хориҷ кардани асари { $number }
adm-reason-needed = Сабабро нависед (на бештар аз 1000 аломат); он дар маҷаллаи амалҳо нигоҳ дошта мешавад.
verification-requested = дархост шуд, ҳоло ҳеҷ чиз нарасидааст
verification-received = расид, санҷидан лозим
verification-accepted = қабул шуд
verification-disqualified = хориҷ шуд
verification-wrong-phase = Аслҳои камераро пас аз баровардани натиҷаҳо ва то эълони ғолибон дархост кардан мумкин аст.
verification-no-entries = Асарҳои санҷидаро нишон диҳед: рақамҳояшон ё чанд ҷойи аввали ҳар номинатсия.
verification-unknown-entry = Дар ин озмун асари { $number } нест.
verification-bad-deadline = Мӯҳлатро дар оянда ҳамчун сана ва вақт нависед.
verification-nothing-to-accept = Барои ин акс ҳанӯз ҳеҷ чиз нарасидааст: онро хориҷ кардан мумкин аст, қабул кардан не.
verification-decided = Оид ба ин дархост аллакай қарор қабул шудааст.
# Сутунҳои содироти CSV: он чи шахсе, ки файлро дар ҷадвал мекушояд, мехонад.
csv-column = { $name ->
    [category] Номинатсия
    [rank] Ҷой
    [entry] Асар
    [award] Ҷоиза
    [score] Баҳо
    [median] Медиана
    [jurors] Ҳакамон
    [top_marks] Баҳоҳои олӣ
    [tie] Баробар
    [normalized] Меъёрӣ
    [rank_normalized] Ҷой аз рӯи меъёрӣ
    [name] Ному насаб
    [country] Кишвар
    [university] Донишгоҳ
    [exhibition] Намоишгоҳ
    [titles] Номҳо
    [email] Почтаи электронӣ
   *[name_may_be_published] Номро нашр кардан мумкин
 }
csv-yes = ҳа
csv-no = не
plot-submissions = Асарҳо аз рӯи номинатсияҳо
plot-days-since-open = рӯзҳо аз оғози қабул
plot-entries = асарҳо
plot-jurors = Ҳар ҳакам чӣ тавр арзёбӣ мекунад
plot-categories = Баҳоҳо аз рӯи номинатсияҳо
plot-score = баҳо
plot-share = % баҳоҳо
