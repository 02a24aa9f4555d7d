# Har bir sahifa bezagi: sarlavha, pastki qism, mazmunga oʻtish, tilni tanlash.
site-skip = Mazmunga oʻtish
site-nav = Asosiy menyu
nav-contests = Tanlovlar
nav-admin = Boshqaruv
nav-account = Hisobingiz
nav-sign-out = Chiqish
nav-sign-in = Kirish
nav-register = Roʻyxatdan oʻtish
site-footer = photojury · har bir ish hakamlar tomonidan faqat raqami boʻyicha baholanadi
language-label = Til

# Koʻp sahifalarga umumiy: shakl maydonlari, raqamlar, sanalar, varaqlash.
form-email = Elektron pochta
form-password = Parol
form-password-hint = kamida 8 ta belgi
form-password-again = Parolni takrorlang
form-new-password = Yangi parol
form-new-password-again = Yangi parolni takrorlang
form-current-password = Joriy parol
form-your-password = Parolingiz
form-choose = Tanlang…
form-correct = Quyidagilarni tuzating:
entry-number = { $number }-ish
entry-photo-n = { $n }-surat
photo-alt = { $number }-ish, { $index }-surat
pager-first = Boshiga
pager-previous = Oldingi { $n } ta
pager-next = Keyingi { $n } ta
phase-name = { $phase ->
    [draft] Qoralama
    [open] Ishlar qabul qilinmoqda
    [closed] Qabul yopiq
    [judging] Hakamlar ishlamoqda
    [finalized] Yakun chiqarildi
    [revealed] Ismlar oshkor qilindi
    [announced] Gʻoliblar eʼlon qilindi
   *[other] { $phase }
}
time-long = { $year }-yil { $day }-{ $month }, { $time } ({ $zone })
month-1 = yanvar
month-2 = fevral
month-3 = mart
month-4 = aprel
month-5 = may
month-6 = iyun
month-7 = iyul
month-8 = avgust
month-9 = sentabr
month-10 = oktabr
month-11 = noyabr
month-12 = dekabr
time-left-days = { $big } kun { $small } soat qoldi
time-left-hours = { $big } soat { $small } daqiqa qoldi
time-left-minutes = { $big } daqiqa qoldi
