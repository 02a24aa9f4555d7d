# Ачык барактар: сынактардын тизмеси, сынактын жобосу, жеңүүчүлөр.
contests-title = Сүрөт сынактары
contests-lead = Сүрөттөрүңүздү жана алардын окуясын жөнөтүңүз. Калыстар ар бир ишти авторун билбей, номери боюнча баалашат; аттар баалоо аяктагандан кийин гана ачылат.
contests-none = Азырынча ачык сынак жок. Кийинчерээк келиңиз.
status-draft = Долбоор: бул баракты администраторлор гана көрөт.
status-opens = Кабыл алуу башталат: { $when }
status-open = Иштер кабыл алынууда: { $left }
status-deadline-passed = Кабыл алуу жабык: мөөнөтү өттү.
status-closed = Кабыл алуу жабык: жакында калыстар чогулат.
status-judging = Калыстар иштеп жатат.
status-finalized = Баалоо аяктады; жеңүүчүлөр жакында жарыяланат.
status-announced = Жеңүүчүлөр жарыяланды.
contest-kicker = Иштерди кабыл алуу
contest-see-winners = Жеңүүчүлөр
contest-go-to-entry = Арызыңызга өтүү
contest-enter = Арыз берүү
contest-about = Сынак жөнүндө
contest-rules = Эрежелер
contest-dates = Мөөнөттөр
contest-opens = Кабыл алуу башталат
contest-deadline = Акыркы мөөнөт
contest-how-to-enter = Кантип катышуу керек
contest-entered = Сиз бул сынакка катышып жатасыз.
contest-entered-change = Арызды мөөнөт бүткөнчө өзгөртүүгө болот.
contest-step-eligible = Катыша аларыңызды текшериңиз (төмөндөгү эрежелерди жана өлкөлөрдүн тизмесин караңыз).
contest-step-press-enter = «Арыз берүү» баскычын басыңыз.
contest-step-register = Каттоо эсебин түзүү
contest-step-sign-in = Кирүү
contest-step-upload = Номинацияңызды тандап, сүрөттөрдү аталыштары жана жазуулары менен жүктөп, окуяңызды жазыңыз.
contest-categories = Номинациялар
contest-up-to-photos = { $n } сүрөткө чейин
contest-how-scored = Калыстар кантип баалайт
contest-scale = { $min }–{ $max }
contest-weight = салмагы { $weight }
contest-who-may-enter = Ким катыша алат
contest-citizens-of = Бул өлкөлөрдүн жарандары:
proof-title = Биле албаган калыстар
proof-commitment = Калыстар иштей баштаганда ар бир иштин номери туздалган хэш менен авторуна, иш көрсөтүлө турган атка, түп нуска файлдарына жана калыстар көргөн сүрөттөргө байланыштырылып, бул милдеттенме жарыяланды:
proof-round = { $round }-тур бул хэш менен жабылды
proof-results = Жыйынтыктар бул хэш менен бекитилди
proof-revealed = Аттар ачылды:
proof-download = дал келүү таблицасын жана туздарды жүктөп алуу
proof-check-with = Бул буйрук менен текшериңиз
proof-later = Туздар жана дал келүү таблицасы аттар ачылганда жарыяланат, ошондо каалаган адам муну текшере алат.
winners-title = Жеңүүчүлөр: { $contest }
winners-kicker = Жеңүүчүлөр
winners-none = Бул номинацияда сыйлык жок.
winners-way = Турлар боюнча жолу: { $way }
winners-exhibition = Көргөзмөгө тандалгандар
award-first = 1-орун
award-second = 2-орун
award-third = 3-орун
award-mention = Ардак грамота
way-place = { $place }-орун (Борда { $borda })
way-not-ranked = орунсуз
way-score = баа { $score }
way-no-vote = добуш жок
way-yes = «ооба»: { $of } ичинен { $yes }
way-stars = ★ { $mean }
result-band = { $of } иштин { $band ->
    [top10] алгачкы 10%-ында
    [top25] алгачкы 25%-ында
    [top50] биринчи жарымында
   *[rest] экинчи жарымында
}
result-left-out = { $round }-турдан ары өткөн жок
