# Administrator sahifalari: tanlovlar roʻyxati, tanlov paneli, uning shakli,
# bosqichlar va keyingi qadam.
admin-awards-after-finalize = Mukofotlar natijalar yakunlangandan keyin beriladi.
round-none-open = Hozir yopiladigan bosqich yoʻq; baholash qaysi bosqichda ekanini koʻrish uchun sahifani yangilang.
retention-not-days = Kunlarni 0 dan 36500 gacha butun son bilan kiriting yoki fayllarni saqlash uchun maydonni boʻsh qoldiring.
adm-title = Boshqaruv
adm-contests = Tanlovlar
adm-contest = Tanlov
adm-new-contest = Yangi tanlov
adm-audit-log = Harakatlar jurnali
adm-system = Tizim
adm-no-contest = Hozircha tanlov yoʻq. Birinchisini yarating.
adm-phase = Bosqich
adm-phase-line = Bosqich:
adm-deadline = Topshirish muddati
adm-deadline-at = Topshirish muddati: { $at }
adm-all-contests = Barcha tanlovlar
adm-new-contest-intro = Tanlov faqat administratorlar koʻradigan qoralama sifatida boshlanadi. Nominatsiyalar va mezonlarni qoʻshing, soʻng ishlarni qabul qilishni oching.
adm-create-draft = Qoralama yaratish
adm-field-title = Nomi
adm-field-slug = Veb-manzil
adm-field-slug-hint = /contests/… (a-z, 0-9, chiziqcha; eʼlon qilingandan keyin oʻzgarmaydi)
adm-field-theme = Mavzusi
adm-field-call = Tanlov eʼloni
adm-field-rules = Qoidalar
adm-field-timezone = Vaqt mintaqasi
adm-field-timezone-hint = masalan, Asia/Almaty
adm-field-opens = Qabul boshlanadi
adm-field-max-photos = Portfoliodagi suratlar
adm-field-min-edge = Uzun tomonining eng kichik oʻlchami
adm-field-min-edge-hint = pikselda (2560 — hakamlar koʻradigan oʻlcham); kichikroq suratlar hakamlar uchun shu oʻlchamgacha kattalashtiriladi, bu ularning oʻz oʻlchamini yashiradi; boʻsh — istalgan oʻlcham
adm-field-taken = Suratga olingan sana
adm-field-taken-hint = kamera soati boʻyicha (EXIF); davrdan tashqaridagi surat sanasi koʻrsatilib rad etiladi, sanasiz surat tekshiruv uchun belgilanadi; boʻsh — istalgan vaqt
adm-field-taken-from = Dan
adm-field-taken-until = Gacha (shu kun ham)
adm-field-unit = Hakamlar baholaydi
adm-field-unit-hint = har bir suratni — hakamlar hikoyani oʻqimaydi (u bitta portfolio suratlarini bogʻlab qoʻyadi); butun portfolioni — oʻqiydi
adm-field-unit-photo = har bir suratni
adm-field-unit-portfolio = butun portfolioni
adm-field-digits = Ish raqamlari
adm-field-digits-hint = boʻsh raqamlar orasidan tasodifan tanlanadi; tanlov ochilgandan keyin oʻzgarmaydi
adm-field-digits-5 = 5 xonali (30 000 tagacha ish)
adm-field-digits-6 = 6 xonali (300 000 tagacha ish)
adm-field-digits-7 = 7 xonali (koʻproq)
adm-field-countries = Ishtirokchi mamlakatlar
adm-field-countries-hint = har qatorga bittadan
adm-finalize-missing-open = Barcha baholarni kutmasdan yakunlash…
adm-finalize-missing = Barcha baholarni kutmasdan yakunlash
adm-reason = Sababi
adm-finalize-reason-hint = faqat barcha baholar olinmagan boʻlsa kerak; natijalar bilan birga eʼlon qilinadi
phase-action = { $phase ->
    [draft] Qoralamaga qaytarish
    [open] Ishlarni qabul qilishni ochish
    [closed] Ishlarni qabul qilishni yopish
    [judging] Baholashni boshlash
    [finalized] Natijalarni yakunlash
    [revealed] Ismlarni oshkor qilish
   *[announced] Gʻoliblarni eʼlon qilish
 }
phase-confirm = { $phase ->
    [judging] Baholash boshlansinmi? Bundan buyon ishlar oʻzgarmaydi.
    [finalized] Natijalar yakunlansinmi? Baholar butunlay qotiriladi.
    [revealed] Ismlar oshkor qilinsinmi? Administratorlar har bir ish muallifini koʻradi.
   *[announced] Gʻoliblar eʼlon qilinsinmi? Gʻoliblar sahifasi hammaga ochiladi.
 }
phase-done = { $phase ->
    [revealed] Ismlar oshkor qilindi. Moslik va tuzlar endi eʼlon qilindi.
    [announced] Gʻoliblar eʼlon qilindi: gʻoliblar sahifasi hammaga ochiq.
   *[other] Tanlov bosqichi endi: { $name }.
 }
phase-unknown = Bunday bosqich yoʻq.
phase-no-way-back = Natijalar yakunlangan; tanlov «{ $to }» bosqichiga qayta olmaydi.
phase-already = Tanlov allaqachon «{ $to }» bosqichida.
phase-no-move = Tanlov «{ $from }» bosqichidan «{ $to }» bosqichiga oʻta olmaydi.
phase-needs-category = Tanlovni ochishdan oldin kamida bitta nominatsiya qoʻshing.
phase-needs-criterion = Tanlovni ochishdan oldin kamida bitta baholash mezonini qoʻshing.
phase-deadline-past = Topshirish muddati oʻtib ketgan; ochishdan oldin uni keyinga suring.
phase-close-early = Ishlarni qabul qilish muddat tugaguncha ochiq. Ertaroq yopish uchun avval muddatni suring.
phase-reopen-late = Topshirish muddati oʻtdi; qayta ochishdan oldin uni keyinga suring.
phase-judging-early = Baholash topshirish muddati tugamasdan boshlanmaydi.
adm-finalized = Natijalar yakunlandi: baholar qotirildi, natijalar xeshi eʼlon qilindi.
adm-awards-first = Gʻoliblarni eʼlon qilishdan oldin mukofotlarni bering (Natijalar → Mukofotlar).
adm-form-required = { $field ->
    [title] Nomini kiriting.
    [theme] Mavzusini kiriting.
    [description] Tanlov eʼlonini toʻldiring.
   *[rules] Qoidalarni toʻldiring.
 }
adm-form-too-long = { $field ->
    [title] Nomi juda uzun (koʻpi bilan { $max } belgi).
    [theme] Mavzusi juda uzun (koʻpi bilan { $max } belgi).
    [description] Eʼlon juda uzun (koʻpi bilan { $max } belgi).
   *[rules] Qoidalar juda uzun (koʻpi bilan { $max } belgi).
 }
adm-form-slug = Veb-manzilda a-z, 0-9 va chiziqcha boʻlishi mumkin, 3 dan 60 belgigacha.
adm-form-slug-taken = Bu veb-manzilni boshqa tanlov ishlatadi.
adm-form-timezone = «{ $name }» — Asia/Tashkent kabi vaqt mintaqasi nomi emas.
adm-form-time = { $field ->
    [opening] Qabul boshlanishini sana va vaqt sifatida kiriting.
    [due] Asl nusxalar muddatini sana va vaqt sifatida kiriting.
   *[deadline] Muddatni sana va vaqt sifatida kiriting.
 }
adm-form-time-gap = { $field ->
    [opening] Qabul boshlanishi { $zone } mintaqasida soat oʻzgaradigan vaqtga toʻgʻri keladi; boshqa vaqt tanlang.
   *[deadline] Muddat { $zone } mintaqasida soat oʻzgaradigan vaqtga toʻgʻri keladi; boshqa vaqt tanlang.
 }
adm-form-deadline-order = Topshirish muddati qabul boshlangandan keyin boʻlishi kerak.
adm-form-max-photos = Suratlar soni — 1 dan 100 gacha son.
adm-form-unit = Hakamlar nimani baholashini tanlang: har bir suratnimi yoki butun portfolionimi.
adm-form-country-long = Mamlakat nomi koʻpi bilan 100 belgi.
adm-form-countries = Kamida bitta mamlakatni kiriting, har qatorga bittadan.
adm-form-min-edge = Eng kichik oʻlcham — 0 dan 12000 gacha piksel soni yoki boʻsh.
adm-form-digits = Ish raqamlari 5, 6 yoki 7 xonali.
adm-form-capture-order = Suratga olishning birinchi kuni oxirgi kunidan keyin boʻlmasligi kerak.
adm-form-capture-day = { $which ->
    [first] Suratga olishning birinchi kuni — 2017-01-31 kabi sana (1990–2100 yillar) yoki boʻsh.
   *[last] Suratga olishning oxirgi kuni — 2017-01-31 kabi sana (1990–2100 yillar) yoki boʻsh.
 }
adm-form-slug-fixed = Tanlov eʼlon qilingandan keyin veb-manzil oʻzgarmaydi.
adm-form-unit-fixed = Tanlov eʼlon qilingandan keyin nima baholanishi (suratlar yoki portfolio) oʻzgarmaydi.
adm-form-frozen = Baholash boshlangandan keyin sanalar, cheklovlar va ishtirok shartlari oʻzgarmaydi.
adm-category-name = Nominatsiyaga nom bering (koʻpi bilan 120 belgi).
adm-category-max-photos = Nominatsiyadagi suratlar chegarasi — 1 dan 100 gacha son yoki boʻsh.
adm-category-closed = Qabul yopilgandan keyin nominatsiya qoʻshib boʻlmaydi.
adm-category-exists = «{ $name }» nominatsiyasi allaqachon bor.
adm-category-remove-draft = Nominatsiyalarni faqat qoralama paytida oʻchirish mumkin.
adm-criterion-name = Mezonga nom bering (koʻpi bilan 120 belgi).
adm-criterion-weight = Vazn — musbat son, masalan 1 yoki 2.5.
adm-criterion-scale = Shkala kichik butun sondan kattasigacha, masalan 1 dan 10 gacha.
adm-criteria-frozen = Baholash boshlangandan keyin mezonlar oʻzgarmaydi.
adm-criterion-exists = «{ $name }» mezoni allaqachon bor.
adm-public-page = Ochiq sahifa
adm-results = Natijalar
adm-verification = Tekshiruv
adm-languages = Tillar
adm-last-phase = Tanlov barcha bosqichlardan oʻtdi.
adm-glance = Qisqacha
adm-glance-names = muallifini nomlashi mumkin
adm-glance-alike = boshqaning suratiga oʻxshash juftlar
adm-glance-done = hakamlar tayyor ({ $assigned } tadan { $scored } ta baholandi, { $recused } ta rad)
adm-glance-progress = Hakamlar ishining borishi
plot-submissions-alt = Nominatsiyalar boʻyicha ishlar vaqt davomida
plot-jurors-alt = Har bir hakam baholarini qanday taqsimlaydi
plot-categories-alt = Nominatsiyalar boʻyicha baholar taqsimoti
adm-categories = Nominatsiyalar
adm-no-category = Hozircha nominatsiya yoʻq.
adm-university-badge = universitet
adm-up-to-photos = { $n } tagacha surat
adm-remove = Oʻchirish
adm-name = Nomi
adm-category-who = Kim uchun
adm-category-limit = Suratlar chegarasi
adm-category-limit-hint = boʻsh — tanlovniki
adm-category-university = Ishtirokchilar universitetini koʻrsatadi
adm-category-add = Nominatsiya qoʻshish
adm-categories-fixed = Qabul yopilgandan keyin nominatsiyalar oʻzgarmaydi.
adm-criteria = Baholash mezonlari
adm-no-criterion = Hozircha mezon yoʻq.
adm-criterion-weight-is = vazni { $weight }
adm-criterion-what = Hakamlar nimaga qaraydi
adm-criterion-weight-label = Vazni
adm-scale-to = Gacha
adm-criterion-add = Mezon qoʻshish
adm-details = Maʼlumotlar
adm-save = Saqlash
