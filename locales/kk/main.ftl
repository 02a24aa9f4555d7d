# Әр беттің безендірілуі: тақырып, төменгі бөлік, мазмұнға өту, тілді таңдау.
site-skip = Мазмұнға өту
site-nav = Басты мәзір
nav-contests = Байқаулар
nav-admin = Әкімшілік
nav-account = Сіздің тіркелгіңіз
nav-sign-out = Шығу
nav-sign-in = Кіру
nav-register = Тіркелу
site-footer = photojury · әр жұмысты қазылар алқасы тек нөмірі бойынша бағалайды
language-label = Тіл

# Көп бетке ортақ: пішін өрістері, нөмірлер, күндер, беттеу.
form-email = Электрондық пошта
form-password = Құпиясөз
form-password-hint = кемінде 8 таңба
form-password-again = Құпиясөзді қайталаңыз
form-new-password = Жаңа құпиясөз
form-new-password-again = Жаңа құпиясөзді қайталаңыз
form-current-password = Қазіргі құпиясөз
form-your-password = Құпиясөзіңіз
form-choose = Таңдаңыз…
form-correct = Мыналарды түзетіңіз:
entry-number = { $number }-жұмыс
entry-photo-n = { $n }-фотосурет
photo-alt = { $number }-жұмыс, { $index }-фотосурет
pager-first = Басына
pager-previous = Алдыңғы { $n }
pager-next = Келесі { $n }
phase-name = { $phase ->
    [draft] Жоба
    [open] Жұмыс қабылдануда
    [closed] Қабылдау жабық
    [judging] Қазылар жұмыс істеуде
    [finalized] Қорытынды шығарылды
    [revealed] Есімдер ашылды
    [announced] Жеңімпаздар жарияланды
   *[other] { $phase }
}
time-long = { $year } жылғы { $day } { $month }, { $time } ({ $zone })
month-1 = қаңтар
month-2 = ақпан
month-3 = наурыз
month-4 = сәуір
month-5 = мамыр
month-6 = маусым
month-7 = шілде
month-8 = тамыз
month-9 = қыркүйек
month-10 = қазан
month-11 = қараша
month-12 = желтоқсан
time-left-days = { $big } күн { $small } сағат қалды
time-left-hours = { $big } сағат { $small } минут қалды
time-left-minutes = { $big } минут қалды
