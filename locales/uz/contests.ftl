# Ochiq sahifalar: tanlovlar roʻyxati, tanlov nizomi, gʻoliblar.
contests-title = Fototanlovlar
contests-lead = Suratlaringiz va ularning hikoyasini yuboring. Hakamlar har bir ishni muallifini bilmagan holda, raqami boʻyicha baholaydi; ismlar faqat baholash tugagach oshkor qilinadi.
contests-none = Hozircha ochiq tanlov yoʻq. Keyinroq kiring.
status-draft = Qoralama: bu sahifani faqat administratorlar koʻradi.
status-opens = Qabul boshlanadi: { $when }
status-open = Ishlar qabul qilinmoqda: { $left }
status-deadline-passed = Qabul yopiq: muddat tugadi.
status-closed = Qabul yopiq: tez orada hakamlar yigʻiladi.
status-judging = Hakamlar ishlamoqda.
status-finalized = Baholash tugadi; gʻoliblar tez orada eʼlon qilinadi.
status-announced = Gʻoliblar eʼlon qilindi.
contest-kicker = Ishlar qabuli
contest-see-winners = Gʻoliblar
contest-go-to-entry = Arizangizga oʻtish
contest-enter = Ariza berish
contest-about = Tanlov haqida
contest-rules = Qoidalar
contest-dates = Muddatlar
contest-opens = Qabul boshlanishi
contest-deadline = Soʻnggi muddat
contest-how-to-enter = Qanday qatnashish mumkin
contest-entered = Siz bu tanlovda qatnashyapsiz.
contest-entered-change = Arizani muddat tugaguncha oʻzgartirish mumkin.
contest-step-eligible = Qatnasha olishingizni tekshiring (quyidagi qoidalar va mamlakatlar roʻyxatini koʻring).
contest-step-press-enter = «Ariza berish» tugmasini bosing.
contest-step-register = Hisob yaratish
contest-step-sign-in = Kirish
contest-step-upload = Nominatsiyangizni tanlang, suratlarni nomlari va izohlari bilan yuklang va hikoyangizni yozing.
contest-categories = Nominatsiyalar
contest-up-to-photos = { $n } tagacha surat
contest-how-scored = Hakamlar qanday baholaydi
contest-scale = { $min }–{ $max }
contest-weight = vazni { $weight }
contest-who-may-enter = Kim qatnasha oladi
contest-citizens-of = Quyidagi mamlakatlar fuqarolari:
proof-title = Bila olmagan hakamlar
proof-commitment = Hakamlar ishni boshlaganda har bir ish raqami tuzlangan xesh orqali muallifiga, ish koʻrsatiladigan ismga, asl fayllariga va hakamlar koʻradigan tasvirlarga bogʻlandi va ularning barchasiga oid ushbu majburiyat eʼlon qilindi:
proof-round = { $round }-bosqich quyidagi xesh bilan yopildi
proof-results = Natijalar quyidagi xesh bilan qayd etildi
proof-revealed = Ismlar oshkor qilindi:
proof-download = moslik jadvali va tuzlarni yuklab olish
proof-check-with = Ularni quyidagi buyruq bilan tekshiring
proof-later = Tuzlar va moslik jadvali ismlar oshkor qilinganda eʼlon qilinadi, shunda har kim buni tekshira oladi.
winners-title = Gʻoliblar: { $contest }
winners-kicker = Gʻoliblar
winners-none = Bu nominatsiyada mukofot yoʻq.
winners-way = Bosqichlar boʻyicha yoʻli: { $way }
winners-exhibition = Koʻrgazmaga tanlanganlar
award-first = 1-oʻrin
award-second = 2-oʻrin
award-third = 3-oʻrin
award-mention = Faxriy yorliq
way-place = { $place }-oʻrin (Borda { $borda })
way-not-ranked = oʻrinsiz
way-score = baho { $score }
way-no-vote = ovoz yoʻq
way-yes = «ha»: { $of } tadan { $yes } ta
way-stars = ★ { $mean }
result-band = { $of } ta ishning { $band ->
    [top10] birinchi 10 foizida
    [top25] birinchi 25 foizida
    [top50] birinchi yarmida
   *[rest] ikkinchi yarmida
}
result-left-out = { $round }-bosqichdan keyin davom etmadi
