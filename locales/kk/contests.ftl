# Ашық беттер: байқаулар тізімі, байқау ережесі, жеңімпаздар.
contests-title = Фотобайқаулар
contests-lead = Фотосуреттеріңіз бен олардың әңгімесін жіберіңіз. Қазылар әр жұмысты авторын білмей, нөмірі бойынша бағалайды; есімдер бағалау аяқталғаннан кейін ғана ашылады.
contests-none = Әзірге ашық байқау жоқ. Кейінірек келіңіз.
status-draft = Жоба: бұл бетті тек әкімшілер көреді.
status-opens = Қабылдау басталады: { $when }
status-open = Жұмыс қабылдануда: { $left }
status-deadline-passed = Қабылдау жабық: мерзімі өтті.
status-closed = Қабылдау жабық: жақында қазылар жиналады.
status-judging = Қазылар жұмыс істеуде.
status-finalized = Бағалау аяқталды; жеңімпаздар жақында жарияланады.
status-announced = Жеңімпаздар жарияланды.
contest-kicker = Жұмыс қабылдау
contest-see-winners = Жеңімпаздар
contest-go-to-entry = Өтініміңізге өту
contest-enter = Өтінім беру
contest-about = Байқау туралы
contest-rules = Ережелер
contest-dates = Мерзімдер
contest-opens = Қабылдау басталады
contest-deadline = Соңғы мерзім
contest-how-to-enter = Қалай қатысуға болады
contest-entered = Сіз бұл байқауға қатысып жатырсыз.
contest-entered-change = Өтінімді мерзім біткенше өзгертуге болады.
contest-step-eligible = Қатыса алатыныңызды тексеріңіз (төмендегі ережелер мен елдер тізімін қараңыз).
contest-step-press-enter = «Өтінім беру» батырмасын басыңыз.
contest-step-register = Тіркелгі жасау
contest-step-sign-in = Кіру
contest-step-upload = Номинацияңызды таңдап, фотосуреттерді атаулары мен жазуларымен жүктеп, әңгімеңізді жазыңыз.
contest-categories = Номинациялар
contest-up-to-photos = { $n } фотосуретке дейін
contest-how-scored = Қазылар қалай бағалайды
contest-scale = { $min }–{ $max }
contest-weight = салмағы { $weight }
contest-who-may-enter = Кім қатыса алады
contest-citizens-of = Мына елдердің азаматтары:
proof-title = Білуі мүмкін болмаған қазылар
proof-commitment = Қазылар жұмысын бастағанда, әр жұмыстың нөмірі тұзды хэшпен авторына, жұмыс көрсетілетін есімге, түпнұсқа файлдарына және қазылар көретін суреттерге байланыстырылып, осы міндеттеме жарияланды:
proof-round = { $round }-кезең мына хэшпен жабылды
proof-results = Нәтижелер мына хэшпен бекітілді
proof-revealed = Есімдер ашылды:
proof-download = сәйкестік кестесі мен тұздарды жүктеп алу
proof-check-with = Мына командамен тексеріңіз
proof-later = Тұздар мен сәйкестік кестесі есімдер ашылғанда жарияланады, сонда кез келген адам мұны тексере алады.
winners-title = Жеңімпаздар: { $contest }
winners-kicker = Жеңімпаздар
winners-none = Бұл номинацияда марапат жоқ.
winners-way = Кезеңдер бойынша жолы: { $way }
winners-exhibition = Көрмеге іріктелгендер
award-first = 1-орын
award-second = 2-орын
award-third = 3-орын
award-mention = Құрмет грамотасы
way-place = { $place }-орын (Борда { $borda })
way-not-ranked = орынсыз
way-score = баға { $score }
way-no-vote = дауыс жоқ
way-yes = «иә»: { $of } ішінен { $yes }
way-stars = ★ { $mean }
result-band = { $of } жұмыстың { $band ->
    [top10] алғашқы 10%-ында
    [top25] алғашқы 25%-ында
    [top50] алғашқы жартысында
   *[rest] екінші жартысында
}
result-left-out = { $round }-кезеңнен әрі өтпеді
