# Әкімші беттері: қорытынды, марапаттар және финалистерді тексеру.
adm-awards = Марапаттар
adm-results-csv = Қорытынды (CSV)
adm-winners-csv = Жеңімпаздар (CSV)
adm-originals-zip = Жеңімпаздардың түпнұсқалары (ZIP)
adm-results-locked = Қорытынды шығарылды; бағалар бекітілді. Нәтижелердің SHA-256:
adm-results-commitment = Бағалау басталғанда жарияланған міндеттеме:
adm-results-blind = Есімдер ашылғанша бағалардың қасында көрсетілмейді (келесі кезең, байқау бетінде).
adm-results-revealed = Есімдер ашылды. Сәйкестік пен тұздар жарияланды:
adm-results-forced = Барлық бағасыз қорытынды шығарылды: { $reason }
adm-results-jurors = Жұмыстар — нөмірмен, қазылар — әріппен ({ $letters }).
adm-results-weighted = Қазының бағасы — оның өлшемшарттар бойынша бағаларының салмақты ортасы
adm-results-explained = жұмыстың бағасы — оның қазыларының ортасы. Нормаланған: әр қазының бағалары z-баға ретінде, шкалаға келтірілген.
adm-no-entry = Жұмыс жоқ.
adm-col-rank = Орын
adm-col-entry = Жұмыс
adm-col-photo = Фото
adm-col-photographer = Фотограф
adm-col-country = Ел
adm-col-award = Марапат
adm-col-score = Баға
adm-col-median = Медиана
adm-col-top-marks = Ең жоғары баллдар
adm-col-normalized = Нормаланған
adm-col-rank-normalized = Нормаланған бойынша орын
adm-col-sheets = Баға парақтары
adm-tie = тең
adm-results-later = Байқау қорытындысы шығарылғанда нәтижелер осында пайда болады (байқау бетінде, бағалаудан кейін).
adm-awards-saved-note = Бұл — сақталған марапаттар.
adm-awards-not-saved = Әлі сақталмаған: форма рейтингтің ұсынысын көрсетеді.
adm-awards-basis-normalized = Ұсыныс нормаланған рейтингке сүйенеді (әр қазының бағалары z-баға ретінде).
adm-awards-follow-raw = Қарапайым рейтингке сүйену
adm-awards-basis-raw = Ұсыныс қарапайым рейтингке сүйенеді (қазылардың салмақты бағаларының ортасы).
adm-awards-follow-normalized = Нормаланған рейтингке сүйену
adm-awards-suggests = Рейтинг ұсынады
adm-awards-exhibition = Көрме
adm-awards-for = { $number }-жұмысқа марапат
adm-awards-none = жоқ
adm-awards-selected = іріктелді
adm-awards-share = Қазылардың пікірлерін әр қатысушыға көрсету (оның тіркелгісінде, жеңімпаздар жарияланғаннан кейін)
adm-awards-reason-hint = марапат рейтингтен өзгеше болса керек; әрекеттер журналында сақталады
adm-awards-save = Марапаттарды сақтау
adm-awards-fixed-announced = Марапаттар бекітілді: жеңімпаздар жарияланды.
adm-awards-fixed-early = Марапаттарды әлі беруге болмайды: қорытынды шығарылған жоқ.
awards-saved = Марапаттар сақталды.
awards-no-entry = Бұл нәтижелерде { $number }-жұмыс жоқ.
awards-not-an-award = Мұндай марапат жоқ.
awards-one-entry-only = { $award ->
    [first] { $category }: 1-орынды тек бір жұмыс ала алады, { $numbers } емес.
    [second] { $category }: 2-орынды тек бір жұмыс ала алады, { $numbers } емес.
   *[third] { $category }: 3-орынды тек бір жұмыс ала алады, { $numbers } емес.
 }
awards-not-now = Марапаттар қорытынды шығарылғаннан кейін және жеңімпаздар жарияланғанға дейін беріледі.
awards-reason-long = Себеп ең көбі 1000 таңба.
awards-reason-needed = { $numbers } жұмыс(тар)ының марапаты рейтингтен өзгеше: себебін жазыңыз.
awards-disqualified = { $numbers } жұмыс(тар) шеттетілді: олар марапат та, көрмеге орын да ала алмайды.
adm-verification-title = Финалистерді тексеру
adm-verification-intro = Қысқа тізімдегі жұмыстардың авторларынан әр фотосуреттің камерадағы түпнұсқасын (RAW файл немесе камерадан шыққан JPEG) сұраңыз, содан кейін файлдағы мәліметті жұмыспен салыстырыңыз. Файлдар жабық сақталады және қазыларға ешқашан жетпейді. Жұмыстар нөмірмен аталады: есімдер ашылғанша жасырын.
adm-verification-ask = Камера түпнұсқаларын сұрау
adm-verification-numbers = Жұмыс нөмірлері
adm-verification-numbers-hint = бос орын немесе үтір арқылы
adm-verification-top = Немесе әр номинацияда осынша алғашқы орын алған жұмыстар
adm-verification-top-hint = мысалы, 3 — алғашқы үшеуі, тең түскендермен
adm-verification-ask-button = Авторлардан сұрау
adm-verification-requests = Сұраулар
adm-verification-none = Әзірге ештеңе сұралған жоқ.
adm-verification-overdue = мерзімі өткен
adm-verification-what = Не
adm-verification-entry = Жұмыс
adm-verification-original = Камера түпнұсқасы
adm-verification-size = Өлшемі
adm-verification-camera = Камера
adm-verification-taken = Түсірілген
adm-verification-file = Файл
adm-bytes = { $n } байт
adm-download = жүктеп алу
adm-logged = (журналға жазылады)
adm-verification-nothing-yet = әзірге ештеңе келген жоқ; мерзімі — { $due }
adm-reason-is = Себебі: { $reason }
adm-verification-accept = { $number }-жұмыстың түпнұсқасын қабылдау
adm-verification-disqualify-confirm = Бұл жұмысты шеттету керек пе? Онда ол марапат та, көрмеге орын да ала алмайды.
adm-verification-disqualify = { $number }-жұмысты шеттету
adm-reason-needed = Себебін жазыңыз (ең көбі 1000 таңба); ол әрекеттер журналында сақталады.
verification-requested = сұралды, әзірге ештеңе келмеді
verification-received = келді, тексеру керек
verification-accepted = қабылданды
verification-disqualified = шеттетілді
verification-wrong-phase = Камера түпнұсқаларын қорытынды шығарылғаннан кейін және жеңімпаздар жарияланғанға дейін сұрауға болады.
verification-no-entries = Тексерілетін жұмыстарды көрсетіңіз: нөмірлерін немесе әр номинацияның неше алғашқы орнын.
verification-unknown-entry = Бұл байқауда { $number }-жұмыс жоқ.
verification-bad-deadline = Болашақтағы мерзімді күн мен уақыт түрінде жазыңыз.
verification-nothing-to-accept = Бұл фотосурет үшін әлі ештеңе келген жоқ: оны шеттетуге болады, қабылдауға болмайды.
verification-decided = Бұл сұрау бойынша шешім қабылданған.
# CSV экспорттарының бағандары: файлды кестеде ашқан адам оқитыны.
csv-column = { $name ->
    [category] Номинация
    [rank] Орын
    [entry] Жұмыс
    [award] Марапат
    [score] Баға
    [median] Медиана
    [jurors] Қазылар
    [top_marks] Ең жоғары баллдар
    [tie] Тең
    [normalized] Нормаланған
    [rank_normalized] Нормаланған бойынша орын
    [name] Аты-жөні
    [country] Ел
    [university] Университет
    [exhibition] Көрме
    [titles] Атаулары
    [email] Электрондық пошта
   *[name_may_be_published] Есімін жариялауға болады
 }
csv-yes = иә
csv-no = жоқ
plot-submissions = Номинациялар бойынша жұмыстар
plot-days-since-open = қабылдау басталғаннан бергі күндер
plot-entries = жұмыстар
plot-jurors = Әр қазы қалай бағалайды
plot-categories = Номинациялар бойынша бағалар
plot-score = баға
plot-share = бағалардың %
