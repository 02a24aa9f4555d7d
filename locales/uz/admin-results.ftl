# Administrator sahifalari: natijalar, mukofotlar va finalchilarni tekshirish.
adm-awards = Mukofotlar
adm-results-csv = Natijalar (CSV)
adm-winners-csv = Gʻoliblar (CSV)
adm-originals-zip = Gʻoliblarning asl nusxalari (ZIP)
adm-results-locked = Natijalar yakunlandi; baholar qotirildi. Natijalarning SHA-256:
adm-results-commitment = Baholash boshlanganda eʼlon qilingan majburiyat:
adm-results-blind = Ismlar oshkor qilinguncha baholar yonida koʻrsatilmaydi (keyingi bosqich, tanlov sahifasida).
adm-results-revealed = Ismlar oshkor qilindi. Moslik va tuzlar eʼlon qilindi:
adm-results-forced = Barcha baholarsiz yakunlandi: { $reason }
adm-results-jurors = Ishlar — raqam bilan, hakamlar — harf bilan ({ $letters }).
adm-results-weighted = Hakam bahosi — uning mezonlar boʻyicha baholarining vaznli oʻrtachasi
adm-results-explained = ish bahosi — uning hakamlari oʻrtachasi. Meʼyorlangan: har bir hakam baholari z-baho sifatida, shkalaga keltirilgan.
adm-no-entry = Ish yoʻq.
adm-col-rank = Oʻrin
adm-col-entry = Ish
adm-col-photo = Surat
adm-col-photographer = Fotograf
adm-col-country = Mamlakat
adm-col-award = Mukofot
adm-col-score = Baho
adm-col-median = Mediana
adm-col-top-marks = Eng yuqori ballar
adm-col-normalized = Meʼyorlangan
adm-col-rank-normalized = Meʼyorlangan boʻyicha oʻrin
adm-col-sheets = Baholash varaqlari
adm-tie = teng
adm-results-later = Tanlov yakunlanganda natijalar shu yerda paydo boʻladi (tanlov sahifasida, baholashdan keyin).
adm-awards-saved-note = Bular — saqlangan mukofotlar.
adm-awards-not-saved = Hali saqlanmagan: shakl reyting taklifini koʻrsatadi.
adm-awards-basis-normalized = Taklif meʼyorlangan reytingga asoslanadi (har bir hakam baholari z-baho sifatida).
adm-awards-follow-raw = Oddiy reytingga asoslanish
adm-awards-basis-raw = Taklif oddiy reytingga asoslanadi (hakamlarning vaznli baholari oʻrtachasi).
adm-awards-follow-normalized = Meʼyorlangan reytingga asoslanish
adm-awards-suggests = Reyting taklifi
adm-awards-exhibition = Koʻrgazma
adm-awards-for = { $number }-ish uchun mukofot
adm-awards-none = yoʻq
adm-awards-selected = tanlandi
adm-awards-share = Hakamlarning fikrlarini har bir ishtirokchiga koʻrsatish (uning hisobida, gʻoliblar eʼlon qilingandan keyin)
adm-awards-reason-hint = mukofot reytingdan farq qilsa kerak; harakatlar jurnalida saqlanadi
adm-awards-save = Mukofotlarni saqlash
adm-awards-fixed-announced = Mukofotlar qotirildi: gʻoliblar eʼlon qilindi.
adm-awards-fixed-early = Mukofotlarni hali berib boʻlmaydi: natijalar yakunlanmagan.
awards-saved = Mukofotlar saqlandi.
awards-no-entry = Bu natijalarda { $number }-ish yoʻq.
awards-not-an-award = Bunday mukofot yoʻq.
awards-one-entry-only = { $award ->
    [first] { $category }: 1-oʻrinni faqat bitta ish olishi mumkin, { $numbers } emas.
    [second] { $category }: 2-oʻrinni faqat bitta ish olishi mumkin, { $numbers } emas.
   *[third] { $category }: 3-oʻrinni faqat bitta ish olishi mumkin, { $numbers } emas.
 }
awards-not-now = Mukofotlar natijalar yakunlangandan keyin va gʻoliblar eʼlon qilinguncha beriladi.
awards-reason-long = Sabab koʻpi bilan 1000 belgi.
awards-reason-needed = { $numbers } raqamli ish(lar) mukofoti reytingdan farq qiladi: sababini yozing.
awards-disqualified = { $numbers } raqamli ish(lar) chetlatilgan: ular na mukofot, na koʻrgazmada oʻrin ola oladi.
adm-verification-title = Finalchilarni tekshirish
adm-verification-intro = Qisqa roʻyxatdagi ishlar mualliflaridan har bir suratning kameradagi asl nusxasini (RAW fayl yoki kameradan chiqqan JPEG) soʻrang, soʻng fayldagi maʼlumotni ish bilan solishtiring. Fayllar yopiq saqlanadi va hakamlarga hech qachon yetmaydi. Ishlar raqam bilan ataladi: ismlar oshkor qilinguncha yashirin.
adm-verification-ask = Kamera asl nusxalarini soʻrash
adm-verification-numbers = Ish raqamlari
adm-verification-numbers-hint = boʻsh joy yoki vergul bilan
adm-verification-top = Yoki har bir nominatsiyada shuncha yuqori oʻrin olgan ishlar
adm-verification-top-hint = masalan, 3 — birinchi uchtasi, teng kelganlar bilan
adm-verification-ask-button = Mualliflardan soʻrash
adm-verification-requests = Soʻrovlar
adm-verification-none = Hozircha hech narsa soʻralmagan.
adm-verification-overdue = muddati oʻtgan
adm-verification-what = Nima
adm-verification-entry = Ish
adm-verification-original = Kamera asl nusxasi
adm-verification-size = Oʻlchami
adm-verification-camera = Kamera
adm-verification-taken = Suratga olingan
adm-verification-file = Fayl
adm-bytes = { $n } bayt
adm-download = yuklab olish
adm-logged = (jurnalga yoziladi)
adm-verification-nothing-yet = hozircha hech narsa kelmagan; muddati — { $due }
adm-reason-is = Sababi: { $reason }
adm-verification-accept = { $number }-ishning asl nusxasini qabul qilish
adm-verification-disqualify-confirm = Bu ish chetlatilsinmi? Unda u na mukofot, na koʻrgazmada oʻrin ola oladi.
adm-verification-disqualify = { $number }-ishni chetlatish
adm-reason-needed = Sababini yozing (koʻpi bilan 1000 belgi); u harakatlar jurnalida saqlanadi.
verification-requested = soʻraldi, hozircha hech narsa kelmadi
verification-received = keldi, tekshirish kerak
verification-accepted = qabul qilindi
verification-disqualified = chetlatildi
verification-wrong-phase = Kamera asl nusxalarini natijalar yakunlangandan keyin va gʻoliblar eʼlon qilinguncha soʻrash mumkin.
verification-no-entries = Tekshiriladigan ishlarni koʻrsating: raqamlarini yoki har bir nominatsiyaning nechta yuqori oʻrnini.
verification-unknown-entry = Bu tanlovda { $number }-ish yoʻq.
verification-bad-deadline = Kelajakdagi muddatni sana va vaqt sifatida kiriting.
verification-nothing-to-accept = Bu surat uchun hali hech narsa kelmagan: uni chetlatish mumkin, qabul qilib boʻlmaydi.
verification-decided = Bu soʻrov boʻyicha qaror qabul qilingan.
# CSV eksportlari ustunlari: faylni jadvalda ochgan odam oʻqiydigani.
csv-column = { $name ->
    [category] Nominatsiya
    [rank] Oʻrin
    [entry] Ish
    [award] Mukofot
    [score] Baho
    [median] Mediana
    [jurors] Hakamlar
    [top_marks] Eng yuqori ballar
    [tie] Teng
    [normalized] Meʼyorlangan
    [rank_normalized] Meʼyorlangan boʻyicha oʻrin
    [name] Ism-familiya
    [country] Mamlakat
    [university] Universitet
    [exhibition] Koʻrgazma
    [titles] Nomlari
    [email] Elektron pochta
   *[name_may_be_published] Ismini eʼlon qilish mumkin
 }
csv-yes = ha
csv-no = yoʻq
plot-submissions = Nominatsiyalar boʻyicha ishlar
plot-days-since-open = qabul boshlanganidan beri kunlar
plot-entries = ishlar
plot-jurors = Har bir hakam qanday baholaydi
plot-categories = Nominatsiyalar boʻyicha baholar
plot-score = baho
plot-share = baholarning %
